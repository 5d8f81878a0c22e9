//! The Series tab's state: a company's [`Series`] (built from the library when the open
//! release's company has two or more releases there) and the cell selected in it: a metric (the
//! row) and a period (the column), with the first column shown when the periods do not all fit.

use irview::library::Library;
use irview::library::diff::Diff;
use irview::library::series::{Cell, Metric, Series};

#[derive(Debug, Clone)]
pub struct SeriesTab {
    pub series: Series,
    /// The selected metric (a row of `series.metrics`).
    pub row: usize,
    /// The selected period (an index into `series.periods`).
    pub col: usize,
    /// The first period shown.
    pub left: usize,
    /// The first metric shown.
    pub top: usize,
    /// What changed in the release the tab was opened from against the company's previous one
    /// (None for its first release).
    pub changed: Option<Diff>,
}

impl SeriesTab {
    /// The Series of entry `i`'s company, when the library holds two or more of its releases.
    pub fn of(lib: &Library, i: usize) -> Option<SeriesTab> {
        let group = lib.groups.iter().find(|g| g.entries.contains(&i))?;
        let releases: Vec<_> = lib.releases(group).collect();
        if releases.len() < 2 || group.key.is_empty() {
            return None;
        }
        let name = group.name.clone().unwrap_or_else(|| group.display());
        let series = Series::build(&name, group.ticker.as_deref(), &releases);
        // Open on the period of the release the reader came from, when it is a column.
        let period = lib.entries[i].period.as_deref();
        let col = series
            .periods
            .iter()
            .position(|p| Some(p.as_str()) == period)
            .unwrap_or(0);
        Some(SeriesTab {
            series,
            row: 0,
            col,
            left: 0,
            top: 0,
            changed: lib.what_changed(i),
        })
    }

    /// The tab as Markdown, by the writer `irview export --pane all` uses on a library: the
    /// Series, then what changed in the open release.
    pub fn markdown(&self) -> String {
        irview::library::markdown::series_tab(&self.series, self.changed.as_ref())
    }

    pub fn metric(&self) -> Option<&Metric> {
        self.series.metrics.get(self.row)
    }

    pub fn period(&self) -> Option<&str> {
        self.series.periods.get(self.col).map(String::as_str)
    }

    /// The selected cell (None where the metric has no value for the period).
    pub fn cell(&self) -> Option<&Cell> {
        self.metric()?.cell(self.period()?)
    }

    /// Move the selection `rows` down (negative: up) and `cols` right, within the table.
    pub fn select(&mut self, rows: isize, cols: isize) {
        let last_row = self.series.metrics.len().saturating_sub(1);
        let last_col = self.series.periods.len().saturating_sub(1);
        self.row = self.row.saturating_add_signed(rows).min(last_row);
        self.col = self.col.saturating_add_signed(cols).min(last_col);
    }

    /// Keep the selected cell among the `rows` metrics and `cols` periods shown.
    pub fn scroll(&mut self, rows: usize, cols: usize) {
        fn keep(first: &mut usize, at: usize, n: usize, total: usize) {
            let n = n.max(1);
            if at < *first {
                *first = at;
            } else if at >= *first + n {
                *first = at + 1 - n;
            }
            *first = (*first).min(total.saturating_sub(n));
        }
        keep(&mut self.left, self.col, cols, self.series.periods.len());
        keep(&mut self.top, self.row, rows, self.series.metrics.len());
    }
}
