//! The viewer's library of releases: the list of `irview PATH...` (irview::library's [`List`]
//! over a [`Library`] that fills in as files finish loading), whether it is on screen, and which
//! release is open. Plain state; `App::step` moves it and `view::library` draws it.

use irview::library::list::List;
use irview::library::{Entry, Library};

#[derive(Debug, Default)]
pub struct Shelf {
    pub lib: Library,
    pub list: List,
    /// First row of the list shown.
    pub top: usize,
    /// True while the list is on screen (false: the open release is).
    pub showing: bool,
    /// The open release, by [`Entry::id`] (indices move as rows arrive and are regrouped).
    pub open: Option<String>,
    /// Files loaded so far, of how many: the status bar's "loaded 412 of 1,000".
    pub done: usize,
    pub total: usize,
}

impl Shelf {
    /// An empty list of `total` files about to load (the rows that are known already, such as
    /// directories that could not be read, in `rows`).
    pub fn new(rows: Vec<Entry>, total: usize) -> Shelf {
        let lib = Library::new(rows);
        let list = List::new(&lib);
        Shelf {
            lib,
            list,
            showing: true,
            total,
            ..Shelf::default()
        }
    }

    /// Rows of files that finished loading (`files` of them): regrouped, the filter applied
    /// again, the selection kept on its release.
    pub fn add(&mut self, rows: Vec<Entry>, files: usize) {
        let mut all = std::mem::take(&mut self.lib.entries);
        all.extend(rows);
        self.lib = Library::new(all);
        self.list.refresh(&self.lib);
        self.done = (self.done + files).min(self.total);
    }

    pub fn loading(&self) -> bool {
        self.done < self.total
    }

    /// The open release's index in the library now.
    pub fn open_index(&self) -> Option<usize> {
        let id = self.open.as_deref()?;
        self.lib.entries.iter().position(|e| e.id() == id)
    }

    /// How many releases of the open release's company the library holds.
    pub fn company_size(&self) -> usize {
        let Some(i) = self.open_index() else { return 0 };
        self.lib
            .groups
            .iter()
            .find(|g| g.entries.contains(&i))
            .map_or(0, |g| g.entries.len())
    }

    /// Keep the selected row within `rows` rows of the top.
    pub fn scroll(&mut self, rows: usize) {
        let rows = rows.max(1);
        let sel = self.list.selected;
        if sel < self.top {
            self.top = sel;
        } else if sel >= self.top + rows {
            self.top = sel + 1 - rows;
        }
        let max = self.list.visible.len().saturating_sub(rows);
        self.top = self.top.min(max);
    }
}

/// "1,000": a count as the status bar writes it.
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn counts_are_written_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(412), "412");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
