//! The library as a list a reader moves through: the rows a filter keeps, the one selected, and
//! the next or previous release of the same company. Plain state: the viewer draws it and steps
//! it; tests drive it without a terminal.

use super::{Entry, Library};

/// What a row shows, column by column.
pub const COLUMNS: [&str; 7] = [
    "Company", "Ticker", "Period", "Date", "Kind", "Title", "Path",
];

impl Entry {
    /// The row's cells under [`COLUMNS`]; an error row shows its error as the title.
    pub fn cells(&self) -> [String; 7] {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        let kind = match (&self.error, self.kind) {
            (Some(_), _) => "error".to_string(),
            (None, Some(k)) => k.name().to_string(),
            (None, None) => String::new(),
        };
        let title = self.error.clone().or_else(|| self.title.clone());
        let mut path = crate::text::safe::marked(&self.path.to_string_lossy()).into_owned();
        if let Some(n) = self.document {
            path.push_str(&format!(" #{n}"));
        }
        [
            s(&self.company),
            s(&self.ticker),
            s(&self.period),
            s(&self.date),
            kind,
            title.unwrap_or_default(),
            path,
        ]
    }
}

/// The list's state: the filter, the rows it keeps (indices into [`Library::entries`], in
/// library order) and the selected one (an index into `visible`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct List {
    pub filter: String,
    pub visible: Vec<usize>,
    pub selected: usize,
}

impl List {
    pub fn new(lib: &Library) -> List {
        let mut l = List::default();
        l.refresh(lib);
        l
    }

    /// Keep the rows whose cells hold every word of `filter` (case ignored); the selection
    /// stays on its row when the row is still shown.
    pub fn set_filter(&mut self, lib: &Library, filter: &str) {
        self.filter = filter.to_string();
        self.refresh(lib);
    }

    /// Apply the filter again (after more rows were loaded, or a new filter), keeping the
    /// selected release selected when it is still shown.
    pub fn refresh(&mut self, lib: &Library) {
        let was = self.entry(lib).map(Entry::id);
        let words: Vec<String> = self
            .filter
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.visible = (0..lib.entries.len())
            .filter(|&i| {
                let text = lib.entries[i].cells().join(" ").to_lowercase();
                words.iter().all(|w| text.contains(w.as_str()))
            })
            .collect();
        self.selected = was
            .and_then(|id| self.visible.iter().position(|&i| lib.entries[i].id() == id))
            .unwrap_or(0);
    }

    /// The selected row's entry.
    pub fn entry<'a>(&self, lib: &'a Library) -> Option<&'a Entry> {
        lib.entries.get(*self.visible.get(self.selected)?)
    }

    /// Move the selection by `by` rows, stopping at either end.
    pub fn step(&mut self, by: isize) {
        let last = self.visible.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(by).min(last);
    }

    /// Select entry `i` (shown or not: the filter is cleared if it hides it).
    pub fn select_entry(&mut self, lib: &Library, i: usize) {
        if !self.visible.contains(&i) {
            self.filter.clear();
            self.refresh(lib);
        }
        if let Some(at) = self.visible.iter().position(|&x| x == i) {
            self.selected = at;
        }
    }
}

impl Library {
    /// The next (`by` = 1) or previous (-1) release of entry `i`'s company, for `]` and `[`.
    pub fn sibling(&self, i: usize, by: isize) -> Option<usize> {
        let g = self.groups.iter().find(|g| g.entries.contains(&i))?;
        let at = g.entries.iter().position(|&x| x == i)?;
        g.entries.get(at.checked_add_signed(by)?).copied()
    }
}
