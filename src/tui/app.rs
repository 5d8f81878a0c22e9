//! The viewer's state and its one mutator, `App::step(Action)`. Drawing only reads `&App`, so a
//! test can drive a whole session through `step` and look at the state or at a drawn buffer.

use super::action::Action;
use super::keymap::{Key, Keymap};
use super::layout::{Layout, layout};
use super::series_tab::SeriesTab;
use super::shelf::Shelf;
use irview::Release;
use irview::document::Source;
use irview::pane::{Pane, PaneKind, build, build_panes, pending_panes, placeholder_panes};
use irview::search::{Match, Query, SearchIndex};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;

/// What has the keyboard: the panes, the help overlay, a count being typed, the search prompt,
/// the go-to-line prompt or a y/n prompt.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Help {
        top: usize,
    },
    /// Digits typed before a motion (`5j`, `50G`): `n` so far. A first digit keeps its keymap
    /// meaning (a pane) at once, so `3` still opens pane 3 without waiting; when a motion follows,
    /// the digits were a count and the view goes back to `origin`, the pane they left.
    Count {
        n: usize,
        origin: usize,
    },
    Search {
        input: String,
    },
    /// `:` and a line number of the release.
    Goto {
        input: String,
    },
    Confirm {
        path: PathBuf,
    },
    /// `/` on the library list: the words the list is filtered by, as typed.
    Filter {
        input: String,
    },
}

/// Counts beyond this are typing mistakes; a bound also keeps a repeated motion cheap.
const MAX_COUNT: usize = 9_999_999;

/// Where the user is: enough to come back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub pane: usize,
    pub top: usize,
    pub sel: usize,
}

/// A search hit as the view paints it: a byte range in one cell, and which match it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowHit {
    pub cell: usize,
    pub start: usize,
    pub end: usize,
    pub index: usize,
}

#[derive(Debug, Clone, Default)]
pub struct Search {
    pub query: String,
    /// Matches of each pane, in tab order.
    pub matches: Vec<Vec<Match>>,
    /// The current match: (pane, index into that pane's matches).
    pub current: Option<(usize, usize)>,
    /// Why the query could not be used, if it could not.
    pub error: Option<String>,
    /// Hits of each pane by row, for painting.
    pub hits: Vec<PaneHits>,
    /// Where typing started: Esc goes back there, and the first match is looked for from there.
    origin: Option<Place>,
}

/// One pane's search hits by row, for painting: in row order, found by binary search. (A hash
/// map by row cost a keystroke more to build than the search itself on a long document.)
#[derive(Debug, Clone, Default)]
pub struct PaneHits {
    rows: Vec<usize>,
    hits: Vec<RowHit>,
}

impl PaneHits {
    /// The hits on `row`, in match order.
    pub fn get(&self, row: usize) -> Option<&[RowHit]> {
        let a = self.rows.partition_point(|&r| r < row);
        let b = self.rows.partition_point(|&r| r <= row);
        (b > a).then(|| &self.hits[a..b])
    }
}

impl Search {
    pub fn total(&self) -> usize {
        self.matches.iter().map(Vec::len).sum()
    }
}

/// Smallest terminal the viewer draws in; below it, a one-line notice.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;
/// Rows taken by the header, the tabs and the status bar.
const CHROME: usize = 3;
/// Rows of the source strip under a list pane's table: a rule with the line, then the text.
pub const STRIP: usize = 5;
/// The strip shows only on terminals at least this tall, so the table keeps most of the room.
pub const STRIP_MIN_HEIGHT: u16 = 20;

pub struct App {
    pub release: Release,
    pub panes: Vec<Pane>,
    /// The panes made ready for search once, so a keystroke is one regex pass a pane.
    pub index: SearchIndex,
    pub keymap: Keymap,
    /// Index of the shown pane (tab order).
    pub pane: usize,
    /// First visual line shown, per pane.
    pub tops: Vec<usize>,
    /// Selected row, per pane (unused for the Release pane, which scrolls).
    pub sels: Vec<usize>,
    /// Visual lines of every pane at the current width.
    pub layouts: Vec<Layout>,
    /// What the marks of each pane's table mean (`pane::legend`), shown on a line under it.
    pub legends: Vec<Vec<(&'static str, &'static str)>>,
    pub size: (u16, u16),
    pub mode: Mode,
    pub search: Option<Search>,
    /// A source span highlighted in the Release pane after a jump.
    pub jump: Option<Source>,
    pub back: Vec<Place>,
    /// A transient line for the status bar; cleared by the next action.
    pub message: Option<String>,
    pub quit: bool,
    /// False when NO_COLOR is set: styles keep bold/reverse/underline only.
    pub color: bool,
    /// Where `e` writes (the current directory in the binary).
    pub export_dir: PathBuf,
    /// True while the release's text is shown and its extraction still runs (see
    /// [`App::opening`]).
    pub pending: bool,
    /// A search given on the command line still looking for its first match: the panes that
    /// arrive with the extraction may hold it. Any key of the user's ends the seeking.
    seek: Option<Option<usize>>,
    /// Whether list panes show the selected row's source under the table (`s` toggles).
    pub strip: bool,
    /// Text `y` copied, for the event loop to hand to the terminal's clipboard (OSC 52): the
    /// state says what to copy, the loop does the writing.
    pub clipboard: Option<String>,
    /// False when the config turns copying off (a terminal that refuses OSC 52).
    pub copy_allowed: bool,
    /// Colours for a light terminal background.
    pub light: bool,
    /// How far the Release pane's wide tables are scrolled sideways, in display columns.
    pub hscroll: usize,
    /// How many colours the terminal shows.
    pub depth: super::view::theme::Depth,
    /// The library of `irview PATH...` (None: one release was opened).
    pub shelf: Option<Shelf>,
    /// The Series of the open release's company (None: fewer than two of its releases).
    pub series: Option<SeriesTab>,
    /// True while the Series tab is shown (after the panes' tabs).
    pub on_series: bool,
    /// The `--pane` and `--search` of a library opened from the command line: the list has
    /// no panes, so they wait for the first release opened from it, and apply to that one only
    /// (a later release opens on its text, as the user left the first).
    pub first_open: Option<(Option<PaneKind>, Option<String>)>,
}

impl App {
    pub fn new(release: Release) -> App {
        App::sized(release, (80, 24))
    }

    /// [`App::new`] laid out at once for a terminal of `size`.
    pub fn sized(release: Release, size: (u16, u16)) -> App {
        let panes = build_panes(&release);
        App::with_panes(release, panes, size)
    }

    /// A viewer on a release's text while its extraction runs elsewhere: the Release pane reads
    /// and searches as usual, the other panes say they are coming; [`App::loaded`] fills them.
    /// `size` is the terminal's, so a long text is laid out once, at its real width.
    pub fn opening(text_only: Release, size: (u16, u16)) -> App {
        let panes = pending_panes(&text_only);
        let mut app = App::with_panes(text_only, panes, size);
        app.pending = true;
        app
    }

    fn with_panes(release: Release, panes: Vec<Pane>, (w, h): (u16, u16)) -> App {
        let n = panes.len();
        let index = SearchIndex::new(&panes);
        let legends = panes.iter().map(irview::pane::legend).collect();
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let mut app = App {
            release,
            panes,
            index,
            keymap: Keymap::bundled(),
            pane: 0,
            tops: vec![0; n],
            sels: vec![0; n],
            legends,
            layouts: vec![Layout::default(); n],
            size: (0, 0),
            mode: Mode::Normal,
            search: None,
            jump: None,
            back: Vec::new(),
            message: None,
            quit: false,
            color,
            export_dir: PathBuf::from("."),
            pending: false,
            seek: None,
            strip: true,
            clipboard: None,
            copy_allowed: true,
            light: false,
            hscroll: 0,
            depth: super::view::theme::Depth::default(),
            shelf: None,
            series: None,
            on_series: false,
            first_open: None,
        };
        app.resize(w, h);
        app
    }

    /// The viewer on a library's list, no release open yet (an empty one stands in for it).
    pub fn library(shelf: Shelf, size: (u16, u16)) -> App {
        let mut app = App::sized(Release::default(), size);
        app.shelf = Some(shelf);
        app.scroll_list();
        app
    }

    /// True while the library's list is on screen.
    pub fn showing_list(&self) -> bool {
        self.shelf.as_ref().is_some_and(|s| s.showing)
    }

    /// Rows of the list the screen shows: all but the title bar, the column heads and the
    /// status bar.
    pub fn list_rows(&self) -> usize {
        (self.size.1 as usize).saturating_sub(3).max(1)
    }

    fn scroll_list(&mut self) {
        let rows = self.list_rows();
        if let Some(s) = &mut self.shelf {
            s.scroll(rows);
        }
    }

    /// Rows of files that finished loading (see [`Shelf::add`]).
    pub fn library_rows(&mut self, rows: Vec<irview::library::Entry>, files: usize) {
        if let Some(s) = &mut self.shelf {
            s.add(rows, files);
        }
        self.scroll_list();
        self.refresh_series();
    }

    /// Open library entry `i` in the viewer, in place of the release shown (the settings and
    /// the library carry over; the panes start afresh). An entry that did not load says why.
    fn open_entry(&mut self, i: usize) {
        let Some(shelf) = &self.shelf else { return };
        let Some(e) = shelf.lib.entries.get(i) else {
            return;
        };
        let Some(release) = e.release.as_deref() else {
            self.message = e.error.clone();
            return;
        };
        let id = e.id();
        let first = self.first_open.take();
        let mut fresh = App::sized(release.clone(), self.size);
        fresh.keymap = self.keymap.clone();
        fresh.color = self.color;
        fresh.export_dir = std::mem::take(&mut self.export_dir);
        fresh.strip = self.strip;
        fresh.copy_allowed = self.copy_allowed;
        fresh.light = self.light;
        fresh.depth = self.depth;
        fresh.shelf = self.shelf.take();
        if let Some(s) = &mut fresh.shelf {
            s.open = Some(id);
            s.showing = false;
            s.list.select_entry(&s.lib, i);
            fresh.series = SeriesTab::of(&s.lib, i);
        }
        *self = fresh;
        self.scroll_list();
        if let Some((pane, search)) = first {
            self.open_at(pane, search.as_deref());
        }
    }

    /// Rebuild the Series when more of the open release's company has loaded since it was
    /// built (its other releases may still have been loading when it opened).
    fn refresh_series(&mut self) {
        let Some(shelf) = &self.shelf else { return };
        let Some(i) = shelf.open_index() else { return };
        let have = self.series.as_ref().map_or(0, |t| t.series.releases.len());
        if shelf.company_size() == have {
            return;
        }
        let old = self.series.take();
        self.series = SeriesTab::of(&shelf.lib, i);
        if let (Some(new), Some(old)) = (&mut self.series, old) {
            (new.row, new.col) = (old.row, old.col);
            new.select(0, 0);
        }
        self.on_series &= self.series.is_some();
        self.scroll_series();
    }

    /// Metrics and periods the Series table shows at the terminal's size (see
    /// `view::series::Geometry`).
    pub fn series_geometry(&self) -> super::view::series::Geometry {
        let metrics = self.series.as_ref().map_or(0, |t| t.series.metrics.len());
        super::view::series::Geometry::new(self.size, metrics)
    }

    fn scroll_series(&mut self) {
        let g = self.series_geometry();
        if let Some(t) = &mut self.series {
            t.scroll(g.rows, g.cols);
        }
    }

    /// A key on the Series tab; what is not the table's goes on to the panes' keys.
    fn step_series(&mut self, action: Action) {
        let page = self.series_geometry().rows as isize;
        let Some(t) = &mut self.series else {
            self.on_series = false;
            return;
        };
        match action {
            Action::Down(n) => t.select(n as isize, 0),
            Action::Up(n) => t.select(-(n as isize), 0),
            Action::PageDown | Action::HalfPageDown => t.select(page, 0),
            Action::PageUp | Action::HalfPageUp => t.select(-page, 0),
            Action::Top => t.row = 0,
            Action::Bottom => t.select(isize::MAX / 2, 0),
            Action::ScrollRight => t.select(0, 1),
            Action::ScrollLeft => t.select(0, -1),
            Action::JumpToSource => self.series_source(),
            Action::NextPane => {
                self.on_series = false;
                self.pane = 0;
            }
            Action::PrevPane => {
                self.on_series = false;
                self.pane = self.panes.len().saturating_sub(1);
            }
            Action::GoPane(i) => {
                self.on_series = false;
                self.go_pane(i);
            }
            // A digit is its pane's key here (no count moves in the Series).
            Action::Count(d) if (1..=self.panes.len()).contains(&usize::from(d)) => {
                self.on_series = false;
                self.go_pane(usize::from(d) - 1);
            }
            Action::Series | Action::Count(_) | Action::CountLapse => {}
            Action::Quit
            | Action::ForceQuit
            | Action::Cancel
            | Action::Help
            | Action::Library
            | Action::NextRelease
            | Action::PrevRelease
            | Action::Export
            | Action::Resize(..) => self.step_normal(action),
            _ => {
                self.message =
                    Some("on the Series: j k a metric, < > a period, Enter its source".into())
            }
        }
        self.scroll_series();
    }

    /// Enter on a Series cell: open the release that first reported it, at the figure.
    fn series_source(&mut self) {
        let Some(t) = &self.series else { return };
        let Some(cell) = t.cell() else {
            self.message = Some("no value for this period".into());
            return;
        };
        let (id, src) = (cell.release.clone(), cell.source);
        let Some(i) = self
            .shelf
            .as_ref()
            .and_then(|s| s.lib.entries.iter().position(|e| e.id() == id))
        else {
            return;
        };
        let keep = self.series.clone();
        if self.shelf.as_ref().and_then(Shelf::open_index) != Some(i) {
            self.open_entry(i);
        }
        // The same company's Series: where the reader was in it stays.
        if let (Some(new), Some(old)) = (&mut self.series, keep) {
            (new.row, new.col, new.left, new.top) = (old.row, old.col, old.left, old.top);
        }
        self.on_series = false;
        self.show_source(src);
    }

    /// `]` / `[`: the next or previous release of the open one's company.
    fn open_sibling(&mut self, by: isize) {
        let Some(shelf) = &self.shelf else {
            self.message = Some("] and [ move through a library: irview PATH...".into());
            return;
        };
        let Some(i) = shelf.open_index() else { return };
        match shelf.lib.sibling(i, by) {
            Some(j) => self.open_entry(j),
            None => {
                self.message = Some(
                    if by > 0 {
                        "the company's latest release in the library"
                    } else {
                        "the company's earliest release in the library"
                    }
                    .into(),
                )
            }
        }
    }

    /// A key on the library's list.
    fn step_list(&mut self, action: Action) {
        let rows = self.list_rows();
        let Some(shelf) = &mut self.shelf else { return };
        let list = &mut shelf.list;
        let mut open = None;
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            Action::Down(n) => list.step(n as isize),
            Action::Up(n) => list.step(-(n as isize)),
            Action::HalfPageDown => list.step((rows / 2).max(1) as isize),
            Action::HalfPageUp => list.step(-((rows / 2).max(1) as isize)),
            Action::PageDown => list.step(rows as isize),
            Action::PageUp => list.step(-(rows as isize)),
            Action::Top => list.selected = 0,
            Action::Bottom => list.selected = list.visible.len().saturating_sub(1),
            Action::JumpToSource => match list.visible.get(list.selected) {
                Some(&i) => open = Some(i),
                None => self.message = Some("no release in the list".into()),
            },
            Action::SearchStart => {
                self.mode = Mode::Filter {
                    input: list.filter.clone(),
                }
            }
            Action::Cancel => {
                self.message = Some(if list.filter.is_empty() {
                    "q quits".into()
                } else {
                    list.set_filter(&shelf.lib, "");
                    "filter cleared".into()
                })
            }
            Action::Library | Action::Back => {
                if shelf.open.is_some() {
                    shelf.showing = false;
                } else {
                    self.message = Some("Enter opens the selected release".into());
                }
            }
            Action::Help => self.mode = Mode::Help { top: 0 },
            Action::Resize(w, h) => self.resize(w, h),
            _ => self.message = Some("on the list: Enter opens, / filters, q quits".into()),
        }
        if let Some(i) = open {
            self.open_entry(i);
        }
        self.scroll_list();
    }

    /// Typing the list's filter: the list narrows as each key is typed.
    fn step_filter(&mut self, action: Action, mut input: String) {
        let Some(shelf) = &mut self.shelf else {
            self.mode = Mode::Normal;
            return;
        };
        match action {
            Action::Input(c) => input.push(c),
            Action::InputBackspace => {
                input.pop();
            }
            Action::InputClear => input.clear(),
            Action::SearchConfirm => {
                self.mode = Mode::Normal;
                return;
            }
            Action::Cancel => {
                shelf.list.set_filter(&shelf.lib, "");
                self.mode = Mode::Normal;
                self.scroll_list();
                return;
            }
            Action::ForceQuit => {
                self.quit = true;
                return;
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                self.scroll_list();
                return;
            }
            _ => return,
        }
        shelf.list.set_filter(&shelf.lib, &input);
        self.mode = Mode::Filter { input };
        self.scroll_list();
    }

    /// The extracted release has arrived: the panes other than Release are built, laid out and
    /// indexed. The Release pane stays as it is, with its place (its text is the same
    /// Document); a search in progress is run again so its counts take in the new panes,
    /// without moving the view.
    pub fn loaded(&mut self, release: Release) {
        for (i, &kind) in PaneKind::ALL.iter().enumerate().skip(1) {
            self.replace_pane(i, build(&release, kind));
        }
        self.release = release;
        self.pending = false;
        // A place saved in a pane that has just been rebuilt would point at other rows.
        self.back.retain(|b| b.pane == 0);
        if let Some(s) = self.search.take() {
            let current = s.current.filter(|&(p, _)| p == 0);
            let mut again = Search {
                query: s.query,
                current,
                origin: s.origin.filter(|o| o.pane == 0),
                ..Search::default()
            };
            self.find_all(&mut again);
            self.search = Some(again);
            self.seek_match();
        }
    }

    /// Open on a pane and/or at a phrase's first match (`--pane`, `--search`): in the given pane,
    /// or else the first pane with a match. Panes still being extracted are searched when they
    /// arrive.
    pub fn open_at(&mut self, pane: Option<PaneKind>, search: Option<&str>) {
        if let Some(k) = pane {
            self.go_pane(k.index());
        }
        let Some(phrase) = search.filter(|p| !p.trim().is_empty()) else {
            return;
        };
        self.step(Action::SearchStart);
        for c in phrase.chars() {
            self.step(Action::Input(c));
        }
        self.step(Action::SearchConfirm);
        self.seek = Some(pane.map(PaneKind::index));
        self.seek_match();
    }

    /// The first match of a command-line search, if it has not landed yet (see `seek`).
    fn seek_match(&mut self) {
        let Some(want) = self.seek else { return };
        let Some(s) = &self.search else { return };
        let has = |p: usize| s.matches.get(p).is_some_and(|m| !m.is_empty());
        let target = match want {
            Some(p) => has(p).then_some(p),
            None => (0..self.panes.len()).find(|&p| has(p)),
        };
        match target {
            Some(p) if s.current.map(|(cp, _)| cp) != Some(p) => {
                self.go_match(p, 0);
                self.seek = None;
            }
            Some(_) => self.seek = None,
            None if !self.pending => {
                self.message = Some(format!("no matches for \"{}\"", s.query));
                self.seek = None;
            }
            None => {}
        }
    }

    /// Put `pane` in place of pane `i`: indexed for search, laid out, shown from its top.
    fn replace_pane(&mut self, i: usize, pane: Pane) {
        if i >= self.panes.len() {
            return;
        }
        self.panes[i] = pane;
        self.index.reindex(&self.panes, i);
        self.layouts[i] = layout(&self.panes[i], self.size.0 as usize);
        self.legends[i] = irview::pane::legend(&self.panes[i]);
        (self.tops[i], self.sels[i]) = (0, 0);
        self.clamp(i);
    }

    /// Extraction stopped without a result: the text stays, the other panes say why.
    pub fn extraction_failed(&mut self) {
        self.pending = false;
        let failed = placeholder_panes(&self.release, "Extraction failed: only the text is shown.");
        for (i, pane) in failed.into_iter().enumerate().skip(1) {
            self.replace_pane(i, pane);
        }
        self.message = Some("extraction failed: only the text is shown".into());
    }

    pub fn kind(&self) -> PaneKind {
        self.panes
            .get(self.pane)
            .map(|p| p.kind)
            .unwrap_or(PaneKind::Release)
    }

    pub fn current_pane(&self) -> Option<&Pane> {
        self.panes.get(self.pane)
    }

    pub fn layout(&self) -> Option<&Layout> {
        self.layouts.get(self.pane)
    }

    /// Rows of visual lines the body of pane `p` shows.
    pub fn viewport(&self, p: usize) -> usize {
        let header = usize::from(self.layouts.get(p).is_some_and(|l| l.header.is_some()));
        (self.size.1 as usize)
            .saturating_sub(CHROME + header + self.strip_height(p) + self.legend_height(p))
            .max(1)
    }

    /// The legend line under a list pane's table: when its marks need one and the terminal has
    /// the rows.
    pub fn legend_height(&self, p: usize) -> usize {
        if !self.is_list(p) || self.size.1 < STRIP_MIN_HEIGHT {
            return 0;
        }
        self.legend_lines(p).len().min(2)
    }

    /// The legend of pane `p` wrapped to the terminal's width (empty when it has no marks).
    pub fn legend_lines(&self, p: usize) -> Vec<String> {
        let Some(marks) = self.legends.get(p).filter(|l| !l.is_empty()) else {
            return Vec::new();
        };
        let text: Vec<String> = marks
            .iter()
            .map(|(m, what)| format!("{m} {what}"))
            .collect();
        let text = text.join(" · ");
        let w = (self.size.0 as usize).saturating_sub(2).max(1);
        super::wrap::wrap(&text, w, w)
            .into_iter()
            .map(|r| format!(" {}", &text[r]))
            .collect()
    }

    /// Rows the source strip takes under pane `p`: none for the Release pane, when hidden, or
    /// when the terminal is too short for it.
    pub fn strip_height(&self, p: usize) -> usize {
        // Asked on every move: the cheap tests first, so the Release pane's rows (a line of the
        // text each) are never scanned. A pane that only says it found nothing has no row to
        // show the source of.
        if !self.strip || !self.is_list(p) || self.size.1 < STRIP_MIN_HEIGHT {
            return 0;
        }
        let records = self.panes.get(p).is_some_and(|x| {
            x.rows
                .iter()
                .any(|r| r.kind == irview::pane::RowKind::Record)
        });
        if records { STRIP } else { 0 }
    }

    fn is_list(&self, p: usize) -> bool {
        self.panes
            .get(p)
            .is_some_and(|x| x.kind != PaneKind::Release)
    }

    fn max_top(&self, p: usize) -> usize {
        let lines = self.layouts.get(p).map(|l| l.lines.len()).unwrap_or(0);
        lines.saturating_sub(self.viewport(p))
    }

    fn place(&self) -> Place {
        Place {
            pane: self.pane,
            top: self.tops.get(self.pane).copied().unwrap_or(0),
            sel: self.sels.get(self.pane).copied().unwrap_or(0),
        }
    }

    fn restore(&mut self, p: Place) {
        if p.pane < self.panes.len() {
            self.pane = p.pane;
            self.tops[p.pane] = p.top;
            self.sels[p.pane] = p.sel;
            self.clamp(p.pane);
        }
    }

    /// The source line the view is on: the top row's in the Release pane, the selected row's
    /// in a list (the line its figure or event was read from), if it has one.
    pub fn source_line(&self) -> Option<usize> {
        let p = self.pane;
        let row = self.view_row(p);
        self.panes.get(p)?.rows.get(row)?.source.map(|s| s.line)
    }

    /// The number of lines of the release's text.
    pub fn line_total(&self) -> usize {
        self.release.document.line_count()
    }

    /// Row k of n (1-based) and how far through the pane the view is, in percent.
    pub fn position(&self) -> (usize, usize, usize) {
        let p = self.pane;
        let n = self.panes.get(p).map(|x| x.rows.len()).unwrap_or(0);
        if n == 0 {
            return (0, 0, 100);
        }
        if self.is_list(p) {
            let k = self.sels[p].min(n - 1) + 1;
            (k, n, k * 100 / n)
        } else {
            let k = self.layouts[p].row_at(self.tops[p]) + 1;
            let max = self.max_top(p);
            let pct = (self.tops[p] * 100).checked_div(max).unwrap_or(100);
            (k, n, pct)
        }
    }

    /// A cheap summary of everything drawn, so `step` can tell whether a redraw is needed.
    fn fingerprint(&self) -> u64 {
        let mut h = DefaultHasher::new();
        (self.pane, &self.tops, &self.sels, &self.mode, self.size).hash(&mut h);
        (&self.message, self.quit, self.jump, self.back.len()).hash(&mut h);
        (self.pending, self.strip, self.hscroll).hash(&mut h);
        if let Some(s) = &self.search {
            (&s.query, s.current, s.total()).hash(&mut h);
        }
        if let Some(t) = &self.series {
            (self.on_series, t.row, t.col, t.left, t.top).hash(&mut h);
        }
        if let Some(s) = &self.shelf {
            (s.showing, &s.open, s.done, s.top, &s.list).hash(&mut h);
            s.lib.entries.len().hash(&mut h);
        }
        h.finish()
    }

    /// Apply one action. Returns whether anything visible changed (the loop redraws only then).
    pub fn step(&mut self, action: Action) -> bool {
        let before = self.fingerprint();
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
            self.seek = None;
        }
        match self.mode.clone() {
            Mode::Filter { input } => self.step_filter(action, input),
            Mode::Help { top } => self.step_help(action, top),
            _ if self.showing_list() => {
                self.mode = Mode::Normal;
                self.step_list(action);
            }
            Mode::Normal if self.on_series => self.step_series(action),
            Mode::Search { input } => self.step_search(action, input),
            Mode::Confirm { path } => self.step_confirm(action, path),
            Mode::Count { n, origin } => self.step_count(action, n, origin),
            Mode::Goto { input } => self.step_goto(action, input),
            Mode::Normal => self.step_normal(action),
        }
        self.fingerprint() != before
    }

    fn step_normal(&mut self, action: Action) {
        match action {
            Action::Quit | Action::ForceQuit => self.quit = true,
            // Esc closes what is open and never quits: a stray Esc (or one meant for a prompt
            // that has just closed) must not throw the user out, as it does not in less.
            Action::Cancel => {
                self.message = Some(if self.search.take().is_some() {
                    "search cleared".into()
                } else if self.jump.take().is_some() {
                    "highlight cleared".into()
                } else {
                    "q quits".into()
                });
            }
            // The Series tab, when there is one, comes after the last pane.
            Action::NextPane if self.series.is_some() && self.pane + 1 >= self.panes.len() => {
                self.on_series = true
            }
            Action::PrevPane if self.series.is_some() && self.pane == 0 => self.on_series = true,
            Action::NextPane => self.go_pane((self.pane + 1) % self.panes.len().max(1)),
            Action::PrevPane => {
                let n = self.panes.len().max(1);
                self.go_pane((self.pane + n - 1) % n)
            }
            Action::Series => match &self.series {
                Some(_) => {
                    self.on_series = true;
                    self.scroll_series();
                }
                None if self.shelf.is_some() => {
                    self.message =
                        Some("the Series needs two or more of the company's releases".into())
                }
                None => self.message = Some("the Series is of a library: irview PATH...".into()),
            },
            Action::GoPane(i) => self.go_pane(i),
            Action::Down(n) => self.move_by(n as isize),
            Action::Up(n) => self.move_by(-(n as isize)),
            Action::HalfPageDown => self.move_by((self.viewport(self.pane) / 2).max(1) as isize),
            Action::HalfPageUp => self.move_by(-((self.viewport(self.pane) / 2).max(1) as isize)),
            Action::PageDown => self.move_by(self.viewport(self.pane) as isize),
            Action::PageUp => self.move_by(-(self.viewport(self.pane) as isize)),
            Action::Top => {
                self.tops[self.pane] = 0;
                self.sels[self.pane] = 0;
            }
            Action::Bottom => {
                let p = self.pane;
                self.tops[p] = self.max_top(p);
                self.sels[p] = self.panes[p].rows.len().saturating_sub(1);
                self.ensure_visible(p);
            }
            Action::JumpToSource => self.jump_to_source(),
            Action::ScrollRight | Action::ScrollLeft => {
                let right = action == Action::ScrollRight;
                self.scroll_sideways(right);
            }
            Action::ToggleSource => {
                self.strip = !self.strip;
                self.message = Some(if !self.strip {
                    "source strip hidden (s shows it)".into()
                } else if self.size.1 < STRIP_MIN_HEIGHT {
                    format!("no room for the source strip below {STRIP_MIN_HEIGHT} rows")
                } else {
                    "source strip shown".into()
                });
                for p in 0..self.panes.len() {
                    self.clamp(p);
                }
            }
            Action::Back => match self.back.pop() {
                Some(place) => {
                    self.restore(place);
                    self.jump = None;
                }
                None => self.message = Some("nothing to go back to".into()),
            },
            Action::SearchStart => {
                let origin = self.place();
                self.search = Some(Search {
                    origin: Some(origin),
                    ..Search::default()
                });
                self.mode = Mode::Search {
                    input: String::new(),
                };
            }
            Action::SearchNext => self.search_step(true),
            Action::SearchPrev => self.search_step(false),
            Action::Export => self.export(),
            Action::Copy => self.copy(),
            Action::Help => self.mode = Mode::Help { top: 0 },
            Action::Library => match &mut self.shelf {
                Some(s) => s.showing = true,
                None => self.message = Some("L returns to a library: irview PATH...".into()),
            },
            Action::NextRelease => self.open_sibling(1),
            Action::PrevRelease => self.open_sibling(-1),
            Action::Count(d) => {
                let origin = self.pane;
                self.digit_meaning(d);
                if !self.quit && self.mode == Mode::Normal {
                    self.mode = Mode::Count {
                        n: usize::from(d),
                        origin,
                    };
                }
            }
            Action::GotoStart => {
                self.mode = Mode::Goto {
                    input: String::new(),
                }
            }
            Action::Resize(w, h) => self.resize(w, h),
            // Typing and prompt answers mean nothing outside their modes; Suspend is the loop's.
            Action::Input(_)
            | Action::InputBackspace
            | Action::InputClear
            | Action::SearchConfirm
            | Action::Confirm(_)
            | Action::CountLapse
            | Action::Suspend => {}
        }
    }

    fn step_search(&mut self, action: Action, mut input: String) {
        match action {
            Action::Input(c) => {
                input.push(c);
                self.set_query(input);
            }
            Action::InputBackspace => {
                input.pop();
                self.set_query(input);
            }
            Action::InputClear => self.set_query(String::new()),
            Action::SearchConfirm => {
                self.mode = Mode::Normal;
                if input.trim().is_empty() {
                    self.search = None;
                } else if let Some(s) = &self.search
                    && s.total() == 0
                {
                    self.message = Some(format!("no matches for \"{input}\""));
                }
            }
            Action::Cancel => {
                self.mode = Mode::Normal;
                if let Some(origin) = self.search.take().and_then(|s| s.origin) {
                    self.restore(origin);
                }
            }
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
    }

    /// What a digit's key does in the keymap (a pane), done at once even while it may turn out to
    /// be part of a count: flipping through panes with `1` `2` `3` must never wait.
    fn digit_meaning(&mut self, d: u8) {
        let digit = Key::char(char::from(b'0' + d.min(9)));
        if let Some(a) = self.keymap.lookup(digit) {
            self.step_normal(a);
        }
    }

    /// A key after the digits of a count: a motion takes the count (back on the pane the digits
    /// left), another digit extends it, anything else drops it and does what it always does.
    fn step_count(&mut self, action: Action, n: usize, origin: usize) {
        let motion = matches!(
            action,
            Action::Down(_)
                | Action::Up(_)
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::PageDown
                | Action::PageUp
                | Action::Top
                | Action::Bottom
        );
        match action {
            Action::Count(d) => {
                self.digit_meaning(d);
                self.mode = Mode::Count {
                    n: n.saturating_mul(10)
                        .saturating_add(usize::from(d))
                        .min(MAX_COUNT),
                    origin,
                };
            }
            Action::Resize(w, h) => self.resize(w, h),
            Action::Cancel => {
                self.mode = Mode::Normal;
                self.message = Some("count dropped".into());
            }
            // A pause after digits: they were pane keys, not a count.
            Action::CountLapse => self.mode = Mode::Normal,
            _ if motion => {
                self.mode = Mode::Normal;
                self.go_pane(origin);
                self.counted(action, n.max(1));
            }
            other => {
                self.mode = Mode::Normal;
                self.step_normal(other);
            }
        }
    }

    /// A motion given a count: `NG` / `Ng` go to row N (line N in the Release pane), the
    /// others repeat N times.
    fn counted(&mut self, action: Action, n: usize) {
        let p = self.pane;
        match action {
            Action::Top | Action::Bottom => self.go_row(n),
            Action::Down(_) | Action::Up(_) => {
                let delta = n as isize
                    * if matches!(action, Action::Up(_)) {
                        -1
                    } else {
                        1
                    };
                if self.is_list(p) {
                    let rows = self.panes[p].rows.len();
                    self.sels[p] = self.sels[p]
                        .saturating_add_signed(delta)
                        .min(rows.saturating_sub(1));
                    self.ensure_visible(p);
                } else {
                    self.move_by(delta);
                }
            }
            page => {
                // A page or half page at a time, so the selection moves as one page does.
                let lines = self.layouts.get(p).map_or(0, |l| l.lines.len());
                for _ in 0..n.min(lines + 1) {
                    self.step_normal(page.clone());
                }
            }
        }
    }

    /// Row `n` (1-based) of a list pane, or the row of source line `n` in the Release pane,
    /// at the top of the view; Backspace comes back.
    fn go_row(&mut self, n: usize) {
        let p = self.pane;
        let rows = self.panes[p].rows.len();
        if rows == 0 {
            return;
        }
        self.back.push(self.place());
        if self.is_list(p) {
            self.sels[p] = n.saturating_sub(1).min(rows - 1);
            self.ensure_visible(p);
            return;
        }
        let pane_rows = &self.panes[p].rows;
        let row = pane_rows
            .partition_point(|r| r.source.is_some_and(|s| s.line < n))
            .min(rows - 1);
        self.tops[p] = self.layouts[p].row_lines(row).start.min(self.max_top(p));
        let last = pane_rows
            .last()
            .and_then(|r| r.source)
            .map_or(0, |s| s.line);
        if n > last {
            self.message = Some(format!("the release has {last} lines: at the last"));
        }
    }

    fn step_goto(&mut self, action: Action, mut input: String) {
        match action {
            Action::Input(c) if c.is_ascii_digit() && input.len() < 9 => {
                input.push(c);
                self.mode = Mode::Goto { input };
            }
            Action::Input(_) => self.message = Some("a line number: digits only".into()),
            Action::InputBackspace => {
                input.pop();
                self.mode = Mode::Goto { input };
            }
            Action::InputClear => {
                self.mode = Mode::Goto {
                    input: String::new(),
                }
            }
            Action::SearchConfirm => {
                self.mode = Mode::Normal;
                let Ok(n) = input.parse::<usize>() else {
                    return;
                };
                let Some(rp) = self.panes.iter().position(|x| x.kind == PaneKind::Release) else {
                    return;
                };
                let from = self.place();
                self.pane = rp;
                self.go_row(n.max(1));
                // go_row saved the Release pane's place; Backspace should return to the pane
                // the prompt was opened in.
                if let Some(saved) = self.back.last_mut() {
                    *saved = from;
                }
                if self.message.is_none() {
                    self.message = Some(format!("line {n} (Backspace goes back)"));
                }
            }
            Action::Cancel => self.mode = Mode::Normal,
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
    }

    fn step_confirm(&mut self, action: Action, path: PathBuf) {
        match action {
            Action::Confirm(yes) => {
                self.mode = Mode::Normal;
                if yes {
                    self.write_export(&path, true);
                } else {
                    self.message = Some(format!("export cancelled: {} kept", path.display()));
                }
            }
            Action::ForceQuit => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            _ => {}
        }
    }

    fn step_help(&mut self, action: Action, top: usize) {
        let max = super::view::help::scroll_max(&self.keymap, self.size.0, self.size.1);
        let page = (self.size.1 as usize).saturating_sub(4).max(1);
        let new_top = match action {
            Action::Quit | Action::Cancel | Action::Help => {
                self.mode = Mode::Normal;
                return;
            }
            Action::ForceQuit => {
                self.quit = true;
                return;
            }
            Action::Resize(w, h) => {
                self.resize(w, h);
                top
            }
            Action::Down(n) => top.saturating_add(n),
            Action::Up(n) => top.saturating_sub(n),
            Action::PageDown | Action::HalfPageDown => top + page,
            Action::PageUp | Action::HalfPageUp => top.saturating_sub(page),
            Action::Top => 0,
            Action::Bottom => max,
            _ => top,
        };
        self.mode = Mode::Help {
            top: new_top.min(max),
        };
    }

    pub fn resize(&mut self, w: u16, h: u16) {
        let width = w as usize;
        if self.layouts.first().is_none_or(|l| l.width != width.max(1)) {
            // Keep the Release pane on the same text row across a re-wrap.
            let anchors: Vec<usize> = (0..self.panes.len())
                .map(|p| self.layouts[p].row_at(self.tops[p]))
                .collect();
            for (p, pane) in self.panes.iter().enumerate() {
                self.layouts[p] = layout(pane, width);
            }
            for (p, &row) in anchors.iter().enumerate() {
                self.tops[p] = self.layouts[p].row_lines(row).start;
            }
        }
        self.size = (w, h);
        for p in 0..self.panes.len() {
            self.clamp(p);
        }
    }

    fn clamp(&mut self, p: usize) {
        let rows = self.panes[p].rows.len();
        self.sels[p] = self.sels[p].min(rows.saturating_sub(1));
        if self.is_list(p) {
            self.ensure_visible(p);
        }
        self.tops[p] = self.tops[p].min(self.max_top(p));
    }

    /// Scroll a list pane so its selected row is in view.
    fn ensure_visible(&mut self, p: usize) {
        let h = self.viewport(p);
        let lines = self.layouts[p].row_lines(self.sels[p]);
        let max = self.max_top(p);
        let top = &mut self.tops[p];
        if lines.start < *top {
            *top = lines.start;
        } else if lines.end > *top + h {
            *top = (lines.end - h).min(lines.start);
        }
        *top = (*top).min(max);
    }

    /// Scroll so visual line `line` shows, a third of the way down if it was off screen.
    fn reveal_line(&mut self, p: usize, line: usize) {
        let h = self.viewport(p);
        let top = self.tops[p];
        if line < top || line >= top + h {
            self.tops[p] = line.saturating_sub(h / 3).min(self.max_top(p));
        }
    }

    fn move_by(&mut self, delta: isize) {
        let p = self.pane;
        if !self.is_list(p) {
            self.tops[p] = self.tops[p]
                .saturating_add_signed(delta)
                .min(self.max_top(p));
            return;
        }
        let rows = self.panes[p].rows.len();
        if rows == 0 {
            return;
        }
        if delta.unsigned_abs() <= 1 {
            self.sels[p] = self.sels[p].saturating_add_signed(delta).min(rows - 1);
        } else {
            // A page: move the view and the selection together, by visual lines.
            let l = &self.layouts[p];
            let cur = l.row_lines(self.sels[p]).start;
            let target = cur
                .saturating_add_signed(delta)
                .min(l.lines.len().saturating_sub(1));
            let mut row = l.row_at(target);
            if row == self.sels[p] {
                row = self.sels[p]
                    .saturating_add_signed(delta.signum())
                    .min(rows - 1);
            }
            self.sels[p] = row;
            self.tops[p] = self.tops[p]
                .saturating_add_signed(delta)
                .min(self.max_top(p));
        }
        self.ensure_visible(p);
    }

    fn go_pane(&mut self, i: usize) {
        if i < self.panes.len() {
            self.pane = i;
        }
    }

    fn jump_to_source(&mut self) {
        let p = self.pane;
        if !self.is_list(p) {
            self.message = Some("Enter on a row of another pane shows its source here".into());
            return;
        }
        let Some(src) = self.panes[p].rows.get(self.sels[p]).and_then(|r| r.source) else {
            self.message = Some("this row has no source in the release".into());
            return;
        };
        self.show_source(src);
    }

    /// The Release pane at `src`, highlighted; Backspace comes back.
    fn show_source(&mut self, src: Source) {
        let Some(rp) = self.panes.iter().position(|x| x.kind == PaneKind::Release) else {
            return;
        };
        let rows = &self.panes[rp].rows;
        // The Release row whose span holds the source's start.
        let row = rows
            .partition_point(|r| r.source.is_some_and(|s| s.start <= src.start))
            .saturating_sub(1);
        let row_start = rows
            .get(row)
            .and_then(|r| r.source)
            .map(|s| s.start)
            .unwrap_or(0);
        self.back.push(self.place());
        self.jump = Some(src);
        self.pane = rp;
        let line = self.layouts[rp].locate(row, 0, src.start.saturating_sub(row_start));
        self.reveal_line(rp, line);
        self.message = Some(format!("source: line {} (Backspace goes back)", row + 1));
    }

    fn set_query(&mut self, input: String) {
        let origin = self.search.as_ref().and_then(|s| s.origin);
        if let Some(o) = origin {
            // Each keystroke searches from where typing started, not from the last match.
            self.restore(o);
        }
        let mut s = Search {
            query: input.clone(),
            origin,
            ..Search::default()
        };
        self.find_all(&mut s);
        let p = self.pane;
        let from = self.view_row(p);
        let first = s.matches.get(p).and_then(|ms| {
            ms.iter()
                .position(|m| m.row() >= from)
                .or((!ms.is_empty()).then_some(0))
        });
        self.search = Some(s);
        self.mode = Mode::Search { input };
        if let Some(i) = first {
            self.go_match(p, i);
        }
    }

    /// Fill `s`'s matches and hits for its query in every pane (or its error).
    fn find_all(&self, s: &mut Search) {
        if s.query.trim().is_empty() {
            return;
        }
        match Query::phrase(&s.query).compile() {
            Ok(re) => {
                let text = &self.release.document.text;
                s.matches = (0..self.panes.len())
                    .map(|i| self.index.search_pane(&self.panes, i, text, &re))
                    .collect();
                s.hits = index_hits(&s.matches);
            }
            Err(e) => s.error = Some(e.to_string()),
        }
    }

    /// The row the view is on: the selection in a list, the top row in the Release pane.
    fn view_row(&self, p: usize) -> usize {
        if self.is_list(p) {
            self.sels[p]
        } else {
            self.layouts[p].row_at(self.tops[p])
        }
    }

    /// Whether a match is on screen (list panes: on the selected row).
    fn match_in_view(&self, p: usize, m: Option<&Match>) -> bool {
        let Some(hit) = m.and_then(|m| m.hits.first()) else {
            return false;
        };
        if self.is_list(p) {
            return hit.row == self.sels[p];
        }
        let line = self.layouts[p].locate(hit.row, hit.cell, hit.start);
        let top = self.tops[p];
        line >= top && line < top + self.viewport(p)
    }

    fn go_match(&mut self, p: usize, i: usize) {
        let Some(m) = self
            .search
            .as_ref()
            .and_then(|s| s.matches.get(p))
            .and_then(|ms| ms.get(i))
        else {
            return;
        };
        let Some(hit) = m.hits.first().copied() else {
            return;
        };
        self.pane = p;
        if let Some(s) = &mut self.search {
            s.current = Some((p, i));
        }
        if self.is_list(p) {
            self.sels[p] = hit.row;
            self.ensure_visible(p);
        }
        let line = self.layouts[p].locate(hit.row, hit.cell, hit.start);
        self.reveal_line(p, line);
        self.reveal_column(p, line, hit.start);
    }

    fn search_step(&mut self, forward: bool) {
        let Some(s) = &self.search else {
            self.message = Some("no search: press / to search".into());
            return;
        };
        if s.total() == 0 {
            self.message = Some(format!("no matches for \"{}\"", s.query));
            return;
        }
        let p = self.pane;
        let n = self.panes.len();
        let count = |q: usize| s.matches.get(q).map(Vec::len).unwrap_or(0);
        let here = count(p);
        let from = self.view_row(p);
        let ms = s.matches.get(p).map(Vec::as_slice).unwrap_or(&[]);
        // Step from the current match while it is in view; once the user has moved away from
        // it, search from where the view is (as a pager does).
        let current = s
            .current
            .filter(|&(cp, i)| cp == p && self.match_in_view(p, ms.get(i)));
        let in_pane = match (current, forward) {
            (Some((_, i)), true) => (i + 1 < here).then_some(i + 1),
            (Some((_, i)), false) => i.checked_sub(1),
            (None, true) => ms.iter().position(|m| m.row() >= from),
            (None, false) => ms.iter().rposition(|m| m.row() <= from),
        };
        if let Some(i) = in_pane {
            self.go_match(p, i);
            return;
        }
        let other = (1..n)
            .map(|k| {
                if forward {
                    (p + k) % n
                } else {
                    (p + n - k) % n
                }
            })
            .find(|&q| count(q) > 0);
        match other {
            Some(q) => {
                let i = if forward { 0 } else { count(q) - 1 };
                let title = self.panes[q].title();
                self.go_match(q, i);
                self.message = Some(if forward {
                    format!("no more matches in this pane: moved to {title}")
                } else {
                    format!("no earlier matches in this pane: moved to {title}")
                });
            }
            None => {
                let i = if forward { 0 } else { here - 1 };
                self.go_match(p, i);
                self.message = Some(
                    if forward {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    }
                    .into(),
                );
            }
        }
    }

    /// `>` / `<`: a quarter of the width at a time, as far as the widest table line goes.
    fn scroll_sideways(&mut self, right: bool) {
        let Some(rp) = self.panes.iter().position(|x| x.kind == PaneKind::Release) else {
            return;
        };
        if self.pane != rp {
            self.message = Some("< and > scroll the Release pane's wide tables".into());
            return;
        }
        let width = self.size.0 as usize;
        let max = self.layouts[rp].wide_max.saturating_sub(width / 2);
        if max == 0 {
            self.message = Some("no table here is wider than the screen".into());
            return;
        }
        let step = (width / 4).max(4);
        self.hscroll = if right {
            (self.hscroll + step).min(max)
        } else {
            self.hscroll.saturating_sub(step)
        };
    }

    /// Scroll sideways so byte `at` of a Release table line shows (a search hit, a jump).
    fn reveal_column(&mut self, p: usize, line: usize, at: usize) {
        let Some(vl) = self.layouts.get(p).and_then(|l| l.lines.get(line)) else {
            return;
        };
        let Some(frozen) = vl.wide else {
            return;
        };
        let text = self
            .panes
            .get(p)
            .and_then(|x| x.rows.get(vl.row))
            .and_then(|r| r.cells.first())
            .map(String::as_str)
            .unwrap_or("");
        let col = text
            .get(..at.min(text.len()))
            .map_or(0, unicode_width::UnicodeWidthStr::width);
        let width = self.size.0 as usize;
        let visible = width.saturating_sub(frozen + 2).max(1);
        if col < frozen {
            return;
        }
        let shown = frozen + self.hscroll;
        if col < shown || col >= shown + visible {
            let max = self.layouts[p].wide_max.saturating_sub(width / 2);
            self.hscroll = (col - frozen).saturating_sub(visible / 3).min(max);
        }
    }

    /// `y`: a list pane's selected row (see `export::copy_row`), or in the Release pane the
    /// sentence of the current match.
    fn copy(&mut self) {
        if !self.copy_allowed {
            self.message = Some("copying is off in the config file (copy = false)".into());
            return;
        }
        let p = self.pane;
        let (text, what) = if self.is_list(p) {
            let sel = self.sels[p];
            let text = irview::export::copy_row(&self.panes[p], sel);
            (text, format!("row {}", sel + 1))
        } else {
            let hit = self
                .search
                .as_ref()
                .and_then(|s| s.current.filter(|&(cp, _)| cp == p))
                .and_then(|(cp, i)| self.search.as_ref()?.matches.get(cp)?.get(i))
                .and_then(|m| m.hits.first().copied());
            let Some(hit) = hit else {
                self.message = Some("nothing to copy here: search (/) for a sentence first".into());
                return;
            };
            let row_start = self.panes[p].rows.get(hit.row).and_then(|r| r.source);
            let text = row_start.map(|rs| {
                let at = rs.start + hit.start;
                let doc = &self.release.document;
                let c = irview::context::around(doc, doc.source(at, rs.start + hit.end));
                let s = doc.text.get(c.start..c.end).unwrap_or("");
                s.split_whitespace().collect::<Vec<_>>().join(" ")
            });
            (text, "the match's sentence".to_string())
        };
        match text.filter(|t| !t.is_empty()) {
            Some(t) => {
                let chars = t.chars().count();
                self.clipboard = Some(t);
                self.message = Some(format!("copied {what} ({chars} characters)"));
            }
            None => self.message = Some("this row has nothing to copy".into()),
        }
    }

    /// The file `e` proposes: `<release-stem>-<pane>.md` in the export directory.
    pub fn export_path(&self) -> PathBuf {
        let name = if self.on_series {
            "series"
        } else {
            self.kind().name()
        };
        self.export_dir
            .join(format!("{}-{name}.md", self.release.stem()))
    }

    fn export(&mut self) {
        if self.pending && self.kind() != PaneKind::Release {
            self.message = Some("still reading the release: export this pane in a moment".into());
            return;
        }
        let path = self.export_path();
        if path.exists() {
            self.mode = Mode::Confirm { path };
        } else {
            self.write_export(&path, false);
        }
    }

    fn write_export(&mut self, path: &std::path::Path, force: bool) {
        if let Some(tab) = self.series.as_ref().filter(|_| self.on_series) {
            let md = tab.markdown();
            self.message = Some(match irview::export::write_file(path, &md, force) {
                Ok(()) => format!("exported Series to {}", path.display()),
                Err(e) => format!("export failed: {e}"),
            });
            return;
        }
        let Some(pane) = self.panes.get(self.pane) else {
            return;
        };
        let md = irview::export::markdown(&self.release, &[pane]);
        self.message = Some(match irview::export::write_file(path, &md, force) {
            Ok(()) => format!("exported {} to {}", pane.title(), path.display()),
            Err(e) => format!("export failed: {e}"),
        });
    }
}

fn index_hits(matches: &[Vec<Match>]) -> Vec<PaneHits> {
    matches
        .iter()
        .map(|ms| {
            let mut all: Vec<(usize, RowHit)> = ms
                .iter()
                .enumerate()
                .flat_map(|(index, m)| {
                    m.hits.iter().map(move |h| {
                        let hit = RowHit {
                            cell: h.cell,
                            start: h.start,
                            end: h.end,
                            index,
                        };
                        (h.row, hit)
                    })
                })
                .collect();
            // Stable, and matches come nearly in row order already: about one pass.
            all.sort_by_key(|&(row, _)| row);
            let (rows, hits) = all.into_iter().unzip();
            PaneHits { rows, hits }
        })
        .collect()
}
