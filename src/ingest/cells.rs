//! Statement tables that PDF-to-text tools write one cell per line: the row labels as a block,
//! then each column's values as a block of the same length, with the column headers before,
//! between or after the blocks (and not always in the order of the blocks).
//!
//! The rebuild counts the labels, cuts the value runs into columns of that length, gives each
//! column the header lines next to it, and checks the result: a column is all amounts or all
//! rates, period columns of one row agree in size, a parent row is the sum of its indented parts,
//! and two period columns are ordered by which one the prose quotes. When anything does not fit,
//! the lines stay text: no table is better than a wrong one. Cells keep their true byte spans.

use crate::document::{Cell, Row, Table};
use std::collections::HashSet;

/// Most header lines between two value runs, or above the labels.
const MAX_HEADERS: usize = 8;
/// Most labels of one table.
const MAX_LABELS: usize = 80;
/// Most columns of one table.
const MAX_COLS: usize = 10;

/// What one line is, for the rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Blank,
    /// A lone "$", "%" or "$ $": the sign of the cell next to it.
    Marker,
    /// One figure: byte span in the line.
    Value(usize, usize),
    Text,
}

/// A line as the rebuild reads it.
pub(super) trait LineSource {
    fn count(&self) -> usize;
    fn text(&self, k: usize) -> &str;
    /// Byte offset of line `k` in the Document text.
    fn offset(&self, k: usize) -> usize;
}

pub(super) fn kind(line: &str, is_figure: impl Fn(&str) -> bool) -> Kind {
    let t = line.trim();
    if t.is_empty() {
        return Kind::Blank;
    }
    if t.chars().all(|c| c == '$' || c == ' ') || t == "%" {
        return Kind::Marker;
    }
    // "- 2 -": a page number.
    if t.starts_with("- ") && t.ends_with(" -") {
        return Kind::Blank;
    }
    if t.len() > 24 || is_year(t) {
        return Kind::Text;
    }
    // "53,437    $": a figure with the next row's dollar sign after it.
    let lead = line.len() - line.trim_start().len();
    let mut body = t;
    if let Some(i) = t.find("  ")
        && t[i..].trim() == "$"
    {
        body = t[..i].trim_end();
    }
    // "$  31,015": the dollar sign and its figure are one cell; two figures on a line are not.
    let inner = body.trim_start_matches('$').trim_start();
    if inner.contains("  ") || !is_figure(body) {
        return Kind::Text;
    }
    Kind::Value(lead, lead + body.len())
}

fn is_year(t: &str) -> bool {
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && (t.starts_with("19") || t.starts_with("20"))
}

/// A year standing as a word in a header ("2023 $ million", "November 20, 2022").
fn year_in(t: &str) -> Option<u32> {
    t.split(|c: char| !c.is_ascii_digit())
        .filter(|w| is_year(w))
        .filter_map(|w| w.parse().ok())
        .next_back()
}

/// Words of column headers: periods, bases and changes.
const HEADER_WORDS: &[&str] = &[
    "quarter", "month", "week", "ended", "ending", "year", "half", "change", "percent", "%", "∆",
    "amount", "reported", "adjusted", "q1", "q2", "q3", "q4", "fy", "ytd", "oper.",
];

/// A period or change heading over columns with no year of its own ("FIRST QUARTER",
/// "Twelve Months Ended June 30,", "Percent Change").
fn is_title(t: &str) -> bool {
    // A quarter's name alone ("Q1") stands over that quarter's year columns.
    let quarter = t.len() == 2
        && t.starts_with(['Q', 'q'])
        && t[1..].starts_with(|c: char| ('1'..='4').contains(&c));
    quarter
        || year_in(t).is_none() && {
            let l = t.to_lowercase();
            ["quarter", "month", "week", "half", "ended", "year-to-date"]
                .iter()
                .any(|w| l.contains(w))
                || is_change(t)
        }
}

fn is_change(t: &str) -> bool {
    let l = t.to_lowercase();
    l.contains("change") || l.contains('%') || l.contains('∆') || l.contains("increase")
}

fn header_like(t: &str) -> bool {
    let l = t.to_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric() && c != '%' && c != '∆' && c != '.')
        .filter(|x| !x.is_empty())
        .collect();
    let head = |x: &str| {
        HEADER_WORDS
            .iter()
            .any(|w| x == *w || (w.len() > 3 && x.starts_with(w)))
    };
    if year_in(t).is_some() || !words.iter().any(|x| head(x)) {
        return year_in(t).is_some();
    }
    // "Adjusted Income", "Reported Diluted EPS(2)": a basis word before a row's name is a
    // label; "Adjusted", "Reported ∆%", "Non-GAAP results" head columns or a table.
    let basis_only = words
        .iter()
        .filter(|x| head(x))
        .all(|x| matches!(*x, "adjusted" | "reported"));
    const TITLE_WORDS: &[&str] = &[
        "gaap",
        "non",
        "basis",
        "results",
        "financials",
        "key",
        "measures",
        "as",
        "of",
        "the",
        "and",
        "financial",
        "information",
    ];
    let named = words.iter().any(|x| {
        !head(x) && !TITLE_WORDS.contains(x) && x.chars().filter(|c| c.is_alphabetic()).count() >= 2
    });
    !(basis_only && named)
}

fn is_footnote(t: &str) -> bool {
    t.starts_with("Note")
        || t.starts_with('*')
        || (t.starts_with('(') && t[1..].starts_with(|c: char| c.is_ascii_digit()) && t.len() > 12)
}

fn is_label(t: &str) -> bool {
    t.len() <= 90
        && t.split_whitespace().count() <= 12
        && !t.ends_with([',', ';', '”', '"'])
        && t.chars().any(char::is_alphabetic)
        // "U.S." is a label; a sentence is not.
        && (!t.ends_with('.') || t.split_whitespace().count() <= 3)
        && !header_like(t)
        && !super::layout::is_scale_note(t)
        && !is_footnote(t)
}

/// A header line: short text.
fn is_header(t: &str) -> bool {
    t.len() <= 60 && t.chars().any(char::is_alphanumeric) && !is_footnote(t)
}

/// One found table and the line range (0-based, inclusive) it covers.
pub(super) struct Rebuilt {
    pub table: Table,
    pub first: usize,
    pub last: usize,
}

struct Run {
    /// (line, start byte in line, end byte in line, end line of the cell) per value.
    cells: Vec<(usize, usize, usize, usize)>,
    /// Header lines just before it (0-based lines).
    headers: Vec<usize>,
}

/// Find and rebuild one-cell-per-line tables in lines `0..count` not already in a table.
pub(super) fn rebuild(
    lines: &impl LineSource,
    base: usize,
    in_table: &[bool],
    is_figure: &impl Fn(&str) -> bool,
) -> Vec<Rebuilt> {
    let n = lines.count();
    let kinds: Vec<Kind> = (0..n).map(|k| kind(lines.text(k), is_figure)).collect();
    let prose = prose_numbers(lines);
    let mut out = Vec::new();
    let mut k = 0;
    while k < n {
        if in_table[k] || !matches!(kinds[k], Kind::Value(..)) {
            k += 1;
            continue;
        }
        let mut max_rows = MAX_LABELS;
        let found = loop {
            match try_table(lines, &kinds, in_table, k, base, &prose, max_rows) {
                Ok(r) => break Some(r),
                Err(Some(tried)) if tried > 2 => max_rows = tried - 1,
                Err(_) => break None,
            }
        };
        match found {
            Some(r) => {
                k = r.last + 1;
                out.push(r);
            }
            None => {
                // Past this run of values.
                while k < n && matches!(kinds[k], Kind::Value(..) | Kind::Marker | Kind::Blank) {
                    k += 1;
                }
            }
        }
    }
    out
}

/// Number tokens of the prose lines ("$14,694 million" gives "14,694").
fn prose_numbers(lines: &impl LineSource) -> HashSet<String> {
    let mut set = HashSet::new();
    for k in 0..lines.count() {
        let t = lines.text(k);
        if t.split_whitespace().count() < 8 {
            continue;
        }
        for w in t.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')) {
            let w = w.trim_matches(|c| c == ',' || c == '.');
            if w.chars().filter(char::is_ascii_digit).count() >= 3 {
                set.insert(w.to_string());
            }
        }
    }
    set
}

/// The value runs starting at line `k`: values (with markers and blanks between) until text.
fn value_run(
    lines: &impl LineSource,
    kinds: &[Kind],
    k: usize,
) -> (Vec<(usize, usize, usize, usize)>, usize) {
    let mut cells: Vec<(usize, usize, usize, usize)> = Vec::new();
    let mut j = k;
    while j < kinds.len() {
        match kinds[j] {
            Kind::Value(s, e) => cells.push((j, s, e, j)),
            Kind::Marker => {
                // A "%" after a figure is that figure's sign: the cell reaches over it.
                if lines.text(j).trim() == "%"
                    && let Some(c) = cells.last_mut()
                    && c.3 + 2 >= j
                {
                    let t = lines.text(j);
                    c.3 = j;
                    c.2 = lines.offset(j) - lines.offset(c.0) + t.find('%').map_or(0, |p| p + 1);
                }
            }
            Kind::Blank => {}
            Kind::Text => break,
        }
        j += 1;
    }
    (cells, j)
}

/// The columns `c` of a run of `len` values under `rows` labels read with its first row across
/// ("$1,250", "$1,100", "14%", then each column's other rows): `c` first cells, then blocks of
/// `rows - 1`, the blocks that follow in later runs making up the columns the first lacks. The
/// fewest columns that the runs after it complete, if any.
fn first_row_across(
    lines: &impl LineSource,
    kinds: &[Kind],
    len: usize,
    rows: usize,
    end: usize,
) -> Option<usize> {
    if rows < 3 {
        return None;
    }
    let block = rows - 1;
    // Lengths of the value runs after this one, past header lines.
    let mut later: Vec<usize> = Vec::new();
    let mut x = end;
    while x < kinds.len() && later.len() < MAX_COLS {
        match kinds[x] {
            Kind::Value(..) => {
                let (cells, e) = value_run(lines, kinds, x);
                later.push(cells.len());
                x = e;
                continue;
            }
            Kind::Text => {
                let t = lines.text(x).trim();
                if !(is_footnote(t) || is_header(t) && !is_label(t)) {
                    break;
                }
            }
            _ => {}
        }
        x += 1;
    }
    (2..=MAX_COLS).find(|&c| {
        if len <= c || !(len - c).is_multiple_of(block) {
            return false;
        }
        let mut cols = (len - c) / block;
        if cols == 0 || cols > c {
            return false;
        }
        for &n in &later {
            if cols == c {
                break;
            }
            if !n.is_multiple_of(block) || cols + n / block > c {
                return false;
            }
            cols += n / block;
        }
        cols == c
    })
}

fn try_table(
    lines: &impl LineSource,
    kinds: &[Kind],
    in_table: &[bool],
    k: usize,
    base: usize,
    prose: &HashSet<String>,
    max_rows: usize,
) -> Result<Rebuilt, Option<usize>> {
    let mut tried = None;
    let r = build(lines, kinds, in_table, k, base, prose, max_rows, &mut tried);
    r.ok_or(tried)
}

#[allow(clippy::too_many_arguments)]
fn build(
    lines: &impl LineSource,
    kinds: &[Kind],
    in_table: &[bool],
    k: usize,
    base: usize,
    prose: &HashSet<String>,
    max_rows: usize,
    tried: &mut Option<usize>,
) -> Option<Rebuilt> {
    // Back from the first value: header lines, then the labels.
    let mut j = k;
    let mut mid: Vec<usize> = Vec::new();
    while j > 0 && mid.len() <= MAX_HEADERS {
        let p = j - 1;
        if in_table[p] {
            break;
        }
        match kinds[p] {
            Kind::Blank | Kind::Marker => {}
            Kind::Text => {
                let t = lines.text(p).trim();
                if is_label(t) || !is_header(t) {
                    break;
                }
                mid.push(p);
            }
            Kind::Value(..) => return None,
        }
        j = p;
    }
    mid.reverse();
    let mut labels: Vec<usize> = Vec::new();
    let mut caption = None;
    while j > 0 && labels.len() < MAX_LABELS {
        let p = j - 1;
        if in_table[p] {
            break;
        }
        match kinds[p] {
            Kind::Blank => {}
            Kind::Text if is_label(lines.text(p).trim()) => labels.push(p),
            _ => break,
        }
        j = p;
    }
    labels.reverse();
    // A label line starting in lower case continues the one above ("equipment and" /
    // "other intangible assets"): one label over both lines.
    let mut wrap_end: std::collections::HashMap<usize, usize> = Default::default();
    let mut merged: Vec<usize> = Vec::with_capacity(labels.len());
    for &l in &labels {
        let lower = lines.text(l).trim_start().starts_with(char::is_lowercase);
        match merged.last() {
            Some(&prev) if lower => {
                wrap_end.insert(prev, l);
            }
            _ => merged.push(l),
        }
    }
    let labels = merged;
    // Above the labels: more header lines, up to the scale note.
    let mut pre: Vec<usize> = Vec::new();
    let mut q = j;
    while q > 0 && pre.len() < MAX_HEADERS {
        let p = q - 1;
        if in_table[p] {
            break;
        }
        let t = lines.text(p).trim();
        match kinds[p] {
            Kind::Blank | Kind::Marker => {}
            Kind::Text if super::layout::is_scale_note(t) => {
                caption = Some(t.to_string());
                break;
            }
            Kind::Text if t.len() <= 40 && is_header(t) => pre.push(p),
            _ => break,
        }
        q = p;
    }
    pre.reverse();
    // "($ in millions, except" / "per share amounts)": a scale note wrapped over two lines;
    // its second line heads no column.
    if let Some(c) = caption.as_mut() {
        while let Some(&p) = pre.first() {
            let t = lines.text(p).trim();
            if !t.starts_with(char::is_lowercase) {
                break;
            }
            c.push(' ');
            c.push_str(t);
            pre.remove(0);
        }
    }
    if caption.is_none() {
        caption = mid
            .iter()
            .map(|&m| lines.text(m).trim())
            .find(|t| super::layout::is_scale_note(t))
            .map(str::to_string);
    }
    // Labels ending in ':' head a group and hold no values.
    let value_labels: Vec<usize> = labels
        .iter()
        .copied()
        .filter(|&l| !lines.text(l).trim().ends_with(':'))
        .collect();
    let (mut first_cells, mut end) = value_run(lines, kinds, k);
    let len = first_cells.len();
    // The number of rows: the most labels (counted up from the last) whose count cuts the run.
    let exact = (2..=value_labels.len().min(max_rows))
        .rev()
        .find(|&r| len % r == 0 && len / r <= MAX_COLS);
    let mut short = exact.is_none();
    // Columns of a first row read across before the columns below it (PDF text often reads
    // the top row with the heads, along the line, then each column's other rows as a block).
    let mut across: Option<usize> = None;
    let rows = match exact {
        Some(r) => r,
        None if let Some(c) = first_row_across(lines, kinds, len, value_labels.len(), end)
            && value_labels.len() <= max_rows =>
        {
            short = false;
            across = Some(c);
            value_labels.len()
        }
        None => {
            // A last column short of a cell (a change column that leaves a row blank): the
            // full columns, one a label, are the table; the short one stays text, as no one
            // can tell which row it lacks.
            // Only with every label a row and one cell short, under labels that each start a
            // row's name (no wrapped "(Diluted" / "per share)" pieces).
            let r = value_labels.len();
            let named = value_labels
                .iter()
                .all(|&l| lines.text(l).trim().starts_with(|c: char| c.is_uppercase()));
            if r > max_rows
                || r < 2
                || len % r != r - 1
                || len / r < 2
                || len / r > MAX_COLS
                || !named
            {
                return None;
            }
            first_cells.truncate(r * (len / r));
            end = first_cells.last().map_or(end, |c| c.3 + 1);
            r
        }
    };
    *tried = Some(rows);
    let mut runs = vec![Run {
        cells: first_cells,
        headers: [pre.clone(), mid].concat(),
    }];
    // Further runs of the same length, with their own header lines before them.
    loop {
        let mut h = Vec::new();
        let mut x = end;
        while x < kinds.len() && h.len() <= MAX_HEADERS {
            match kinds[x] {
                Kind::Blank | Kind::Marker => {}
                Kind::Text => {
                    let t = lines.text(x).trim();
                    if is_footnote(t) {
                    } else if is_header(t) && !is_label(t) {
                        h.push(x);
                    } else {
                        break;
                    }
                }
                Kind::Value(..) => break,
            }
            x += 1;
        }
        if x >= kinds.len() || !matches!(kinds[x], Kind::Value(..)) {
            break;
        }
        let (cells, e) = value_run(lines, kinds, x);
        if let Some(c) = across {
            // The first row's cells go to the columns in turn; past them the table is over.
            let have: usize = runs.iter().map(|r| r.cells.len()).sum::<usize>() - c;
            let done = have / (rows - 1);
            if done >= c
                || !cells.len().is_multiple_of(rows - 1)
                || done + cells.len() / (rows - 1) > c
            {
                break;
            }
        } else if cells.len() % rows != 0 || cells.len() / rows > MAX_COLS {
            break;
        }
        runs.push(Run { cells, headers: h });
        end = e;
    }
    if let Some(c) = across {
        // Rebuild each run column by column: a column's top cell, then its block.
        let top: Vec<_> = runs[0].cells[..c].to_vec();
        runs[0].cells.drain(..c);
        let mut next = 0;
        for r in runs.iter_mut() {
            let mut cells = Vec::with_capacity(r.cells.len() + r.cells.len() / (rows - 1));
            for block in r.cells.chunks(rows - 1) {
                cells.push(*top.get(next)?);
                cells.extend_from_slice(block);
                next += 1;
            }
            r.cells = cells;
        }
        if next != c {
            return None;
        }
    }
    let ncols: usize = runs.iter().map(|r| r.cells.len() / rows).sum();
    if ncols > MAX_COLS {
        return None;
    }
    // The labels that hold values, and the group lines (wrapped, or ending in ':') above them.
    let mut row_labels: Vec<usize> = Vec::new();
    let mut cut = labels.len();
    for (i, &l) in labels.iter().enumerate().rev() {
        if row_labels.len() == rows {
            break;
        }
        cut = i;
        if !lines.text(l).trim().ends_with(':') {
            row_labels.push(l);
        }
    }
    row_labels.reverse();
    if row_labels.len() != rows {
        return None;
    }
    let group_lines: Vec<usize> = labels[..cut].to_vec();
    let colon_lines: HashSet<usize> = labels[cut..]
        .iter()
        .copied()
        .filter(|l| !row_labels.contains(l))
        .collect();
    // Columns: each run cut into blocks of `rows` values.
    let mut columns: Vec<Vec<(usize, usize, usize, usize)>> = Vec::new();
    let mut column_run: Vec<usize> = Vec::new();
    for (ri, r) in runs.iter().enumerate() {
        for c in r.cells.chunks(rows) {
            columns.push(c.to_vec());
            column_run.push(ri);
        }
    }
    let cell_text =
        |c: &(usize, usize, usize, usize)| -> &str { lines.text(c.0).get(c.1..).unwrap_or("") };
    let value_str = |c: &(usize, usize, usize, usize)| -> String {
        let t = cell_text(c);
        t.get(..c.2.saturating_sub(c.1).min(t.len()))
            .unwrap_or(t)
            .to_string()
    };
    // The row order the values follow: a label with indented parts after it is their
    // subtotal, drawn below them.
    let indent = |l: usize| {
        let t = lines.text(l);
        t.len() - t.trim_start().len()
    };
    let mut order: Vec<usize> = Vec::with_capacity(rows);
    let mut parents: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut i = 0;
    while i < rows {
        let me = indent(row_labels[i]);
        let mut kids = Vec::new();
        let mut x = i + 1;
        while x < rows && indent(row_labels[x]) > me {
            kids.push(x);
            x += 1;
        }
        if kids.is_empty() {
            order.push(i);
            i += 1;
        } else {
            order.extend(kids.iter().copied());
            order.push(i);
            parents.push((i, kids));
            i = x;
        }
    }
    // value of label row `r` in column `c`.
    let pos_of: Vec<usize> = {
        let mut p = vec![0; rows];
        for (at, &r) in order.iter().enumerate() {
            p[r] = at;
        }
        p
    };
    let parsed: Vec<Vec<Option<f64>>> = columns
        .iter()
        .map(|col| col.iter().map(|c| number(&value_str(c))).collect())
        .collect();
    let is_rate: Vec<bool> = columns
        .iter()
        .map(|col| {
            let texts: Vec<String> = col.iter().map(&value_str).collect();
            let spans_pct = col.iter().any(|c| c.3 != c.0);
            spans_pct || texts.iter().any(|t| t.contains('%'))
        })
        .collect();
    let is_amount: Vec<bool> = is_rate.iter().map(|r| !r).collect();
    // More header lines than columns: a line with no year, period or change in it ("Non-GAAP
    // results", "Selected Financials") titles the table, it heads no column.
    let mut titled: Vec<usize> = Vec::new();
    // Column heads are the header lines but the period titles over them ("Twelve Months
    // Ended June 30,"); a change title ("Reported ∆%") may stand over them too.
    let heads_total: usize = runs
        .iter()
        .flat_map(|r| r.headers.iter())
        .filter(|&&l| {
            let t = lines.text(l).trim();
            !is_title(t) && !is_change(t)
        })
        .count();
    if heads_total > ncols {
        let plain = |l: usize| {
            let t = lines.text(l).trim();
            year_in(t).is_none() && !is_title(t) && !is_change(t)
        };
        // Only the topmost lines, above every period and column head.
        let surplus = heads_total - ncols;
        let lead = runs[0]
            .headers
            .iter()
            .take_while(|&&l| plain(l))
            .count()
            .min(surplus);
        titled = runs[0].headers.drain(..lead).collect();
    }
    // Headers: each run's own header lines, group titles carried over.
    let headers = column_headers(lines, &runs, rows, &columns, &is_amount, prose, &value_str)?;
    // Columns kept beside a short one are the periods' own: each under a year.
    if short
        && !headers
            .iter()
            .all(|&(_, h)| h.is_some_and(|l| year_in(lines.text(l)).is_some()))
    {
        return None;
    }
    // A column under a change head holds rates, not amounts.
    let is_amount: Vec<bool> = headers
        .iter()
        .zip(&is_amount)
        .map(|(&(t, h), &a)| {
            a && ![t, h]
                .into_iter()
                .flatten()
                .any(|l| is_change(lines.text(l)))
        })
        .collect();
    // A column is all amounts or all rates.
    for col in &columns {
        let pct = col.iter().any(|c| value_str(c).contains('%') || c.3 != c.0);
        let thousands = col.iter().any(|c| value_str(c).contains(','));
        if pct && thousands {
            return None;
        }
    }
    // A single column has no other to check its cut against: no table.
    if ncols < 2 {
        return None;
    }
    // Distinct row names (no "US" / "Intl" repeated under each group), each starting a name.
    let distinct = {
        let names: HashSet<String> = row_labels
            .iter()
            .map(|&l| lines.text(l).trim().to_lowercase())
            .collect();
        names.len() == row_labels.len()
            && row_labels
                .iter()
                .all(|&l| lines.text(l).trim().starts_with(|c: char| c.is_uppercase()))
    };
    // Amount columns of one row agree in size on most of the rows that count; or, in a year of
    // large swings (a result halved), on every one of three or more rows within a factor of
    // five, under distinct row names.
    let amounts: Vec<usize> = (0..columns.len()).filter(|&c| is_amount[c]).collect();
    for w in amounts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let mut fit = 0;
        let mut wide = 0;
        let mut all = 0;
        // Rows small beside their column's largest (a one-off charge) swing freely.
        let top = |c: usize| {
            parsed[c]
                .iter()
                .flatten()
                .fold(0.0f64, |m, v| m.max(v.abs()))
        };
        let (ta, tb) = (top(a) / 10.0, top(b) / 10.0);
        for (&xa, &yb) in parsed[a].iter().zip(&parsed[b]) {
            if let (Some(x), Some(y)) = (xa, yb)
                && x.abs() >= ta
                && y.abs() >= tb
                && x != 0.0
                && y != 0.0
            {
                all += 1;
                let q = (x / y).abs();
                if (0.4..=2.5).contains(&q) {
                    fit += 1;
                }
                if (0.2..=5.0).contains(&q) {
                    wide += 1;
                }
            }
        }
        let swings = distinct && all >= 3 && wide == all;
        if all == 0 || (fit * 3 < all * 2 && !swings) {
            return None;
        }
    }
    // A subtotal is the sum of its parts, in every amount column.
    for (p, kids) in &parents {
        for &c in &amounts {
            let total = parsed[c][pos_of[*p]]?;
            let sum: f64 = kids.iter().filter_map(|&x| parsed[c][pos_of[x]]).sum();
            if (total - sum).abs() > kids.len() as f64 + 0.5 {
                return None;
            }
        }
        if amounts.is_empty() {
            return None;
        }
    }
    // Build the Table.
    let off = |l: usize| lines.offset(l);
    let mut trow: Vec<Row> = Vec::new();
    let width = ncols + 1;
    // Header rows: titles (with colspans) then column heads.
    for level in 0..2 {
        let mut cells = vec![empty(off(row_labels[0]))];
        let mut any = false;
        let mut c = 0;
        while c < ncols {
            let h = if level == 0 {
                headers[c].0
            } else {
                headers[c].1
            };
            let mut span = 1;
            if level == 0 {
                while c + span < ncols && headers[c + span].0 == h && h.is_some() {
                    span += 1;
                }
            }
            match h {
                Some(l) => {
                    let t = lines.text(l);
                    let s = t.len() - t.trim_start().len();
                    let e = t.trim_end().len();
                    cells.push(Cell {
                        text: t[s..e].to_string(),
                        start: off(l) + s,
                        end: off(l) + e,
                        colspan: span,
                    });
                    any = true;
                }
                None => cells.push(empty(off(row_labels[0]))),
            }
            c += span;
        }
        if any {
            // A row's line is its first cell's (heads need not be in line order).
            let line = cells
                .iter()
                .find(|c| !c.text.is_empty())
                .map(|c| c.start)
                .unwrap_or(0);
            trow.push(Row {
                line: line_no(lines, line) + base,
                cells,
            });
        }
    }
    let header_rows = trow.len();
    if header_rows == 0 {
        return None;
    }
    // A label-only header row of lines `first..=last` (wrapped lines joined into one cell).
    let label_only = |first: usize, last: usize| {
        let s = off(first) + (lines.text(first).len() - lines.text(first).trim_start().len());
        let e = off(last) + lines.text(last).trim_end().len();
        let mut cells = vec![Cell {
            text: text_between(lines, first, s, e),
            start: s,
            end: e,
            colspan: 1,
        }];
        cells.extend((0..ncols).map(|_| empty(e)));
        Row {
            line: base + first + 1,
            cells,
        }
    };
    // A title line of the table ("Non-GAAP results"): a label-only row over the rows,
    // so the section it names (a basis, a segment block) is read with them.
    if group_lines.is_empty()
        && let Some(&l) = titled.first()
    {
        trow.push(label_only(l, l));
    }
    // Group lines above the labels: one label-only row.
    if let (Some(&g0), Some(&g1)) = (
        group_lines.first(),
        group_lines.last().map(|l| wrap_end.get(l).unwrap_or(l)),
    ) {
        trow.push(label_only(g0, g1));
    }
    let label_cell = |l: usize| {
        let t = lines.text(l);
        let s = off(l) + t.len() - t.trim_start().len();
        let last = wrap_end.get(&l).copied().unwrap_or(l);
        let e = off(last) + lines.text(last).trim_end().len();
        Cell {
            text: text_between(lines, l, s, e),
            start: s,
            end: e,
            colspan: 1,
        }
    };
    for &l in labels[cut..].iter() {
        if colon_lines.contains(&l) {
            let c = label_cell(l);
            let e = c.end;
            let mut cells = vec![c];
            cells.extend((0..ncols).map(|_| empty(e)));
            trow.push(Row {
                line: base + l + 1,
                cells,
            });
        }
    }
    for &r in &order {
        let l = row_labels[r];
        let mut cells = vec![label_cell(l)];
        for col in &columns {
            let c = &col[pos_of[r]];
            let s = off(c.0) + c.1;
            let e = off(c.0) + c.2;
            cells.push(Cell {
                text: text_between(lines, c.0, s, e),
                start: s,
                end: e,
                colspan: 1,
            });
        }
        debug_assert_eq!(cells.len(), width);
        trow.push(Row {
            line: base + l + 1,
            cells,
        });
    }
    let first = [pre.first(), group_lines.first(), labels.first()]
        .into_iter()
        .flatten()
        .copied()
        .min()
        .unwrap_or(k);
    let last = end.saturating_sub(1).max(k);
    // The last line is the last value's (trailing blanks stay outside).
    let last = (k..=last)
        .rev()
        .find(|&x| !lines.text(x).trim().is_empty())
        .unwrap_or(last);
    Some(Rebuilt {
        table: Table {
            rows: trow,
            header_rows,
            caption,
        },
        first,
        last,
    })
}

fn empty(at: usize) -> Cell {
    Cell {
        text: String::new(),
        start: at,
        end: at,
        colspan: 1,
    }
}

/// The Document text from `s` to `e` (absolute offsets), lines from line `from` on.
fn text_between(lines: &impl LineSource, from: usize, s: usize, e: usize) -> String {
    let mut out = String::new();
    let mut k = from;
    while k < lines.count() {
        let o = lines.offset(k);
        let t = lines.text(k);
        if o > e {
            break;
        }
        if !out.is_empty() || o + t.len() >= s {
            if o > s {
                // The newline between lines.
                out.push('\n');
            }
            let a = s.saturating_sub(o).min(t.len());
            let b = e.saturating_sub(o).min(t.len());
            out.push_str(t.get(a..b).unwrap_or(""));
        }
        k += 1;
    }
    out
}

fn line_no(lines: &impl LineSource, offset: usize) -> usize {
    let mut lo = 0;
    let mut hi = lines.count();
    while lo + 1 < hi {
        let mid = (lo + hi) / 2;
        if lines.offset(mid) <= offset {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo + 1
}

/// A cell's number for the checks (sign from parentheses), `None` for a dash.
fn number(t: &str) -> Option<f64> {
    let neg = t.contains('(') || t.trim_start_matches('$').trim_start().starts_with('-');
    let digits: String = t
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let v: f64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// (title line, head line) of each column; `None` when the headers do not fit the columns.
type Heads = Vec<(Option<usize>, Option<usize>)>;

fn column_headers(
    lines: &impl LineSource,
    runs: &[Run],
    rows: usize,
    columns: &[Vec<(usize, usize, usize, usize)>],
    is_amount: &[bool],
    prose: &HashSet<String>,
    value_str: &impl Fn(&(usize, usize, usize, usize)) -> String,
) -> Option<Heads> {
    let text = |l: usize| lines.text(l).trim();
    // Titles over periods, in the order they appear anywhere in the table's header lines.
    let mut titles: Vec<usize> = runs
        .iter()
        .flat_map(|r| r.headers.iter().copied())
        .filter(|&l| is_title(text(l)) && !is_change(text(l)))
        .collect();
    titles.sort_unstable();
    let mut out: Heads = Vec::new();
    let mut title_at = 0usize;
    let mut seen: Vec<String> = Vec::new();
    let mut col = 0usize;
    let mut pending: Vec<usize> = Vec::new();
    let mut change_title: Option<usize> = None;
    for r in runs {
        let m = r.cells.len() / rows;
        let own: Vec<usize> = r
            .headers
            .iter()
            .copied()
            .filter(|&l| !is_title(text(l)) || is_change(text(l)))
            .collect();
        // Heads: one a column, in order; heads a run lacks come from the ones before it. A
        // change title stands over the heads without a year of their own.
        let mut cand: Vec<usize> = std::mem::take(&mut pending);
        cand.extend(own.iter().copied());
        if cand.len() > m
            && let Some(i) = cand.iter().position(|&l| {
                is_change(text(l)) && year_in(text(l)).is_none() && is_title(text(l))
            })
        {
            let rest = cand.len() - 1;
            if rest >= m {
                change_title = Some(cand.remove(i));
            }
        }
        let heads: Vec<Option<usize>> = if cand.len() >= m {
            pending = cand.split_off(m);
            cand.into_iter().map(Some).collect()
        } else if cand.is_empty() && m == 1 && r.headers.iter().any(|&l| is_title(text(l))) {
            vec![None]
        } else {
            return None;
        };
        let mut heads = heads;
        // Two period columns are ordered by the prose: the one it quotes is the latest.
        let years: Vec<Option<u32>> = heads
            .iter()
            .map(|h| h.and_then(|l| year_in(text(l))))
            .collect();
        if m >= 2 && years.iter().all(Option::is_some) {
            let hits: Vec<usize> = (0..m)
                .map(|i| {
                    if !is_amount[col + i] {
                        return 0;
                    }
                    columns[col + i]
                        .iter()
                        .filter(|c| {
                            let v = value_str(c);
                            let v = v.trim_start_matches(['$', '(']).trim_end_matches(')');
                            v.chars().filter(char::is_ascii_digit).count() >= 3 && prose.contains(v)
                        })
                        .count()
                })
                .collect();
            let best = hits.iter().copied().max().unwrap_or(0);
            let latest = years.iter().flatten().copied().max();
            if best > 0 && hits.iter().filter(|&&h| h == best).count() == 1 {
                let quoted = hits.iter().position(|&h| h == best).unwrap_or(0);
                if let Some(li) = years.iter().position(|y| *y == latest)
                    && li != quoted
                    && years[quoted] != latest
                {
                    heads.swap(li, quoted);
                }
            }
        }
        for (i, h) in heads.into_iter().enumerate() {
            let key = h.map(|l| text(l).to_lowercase()).unwrap_or_default();
            // A head seen again in this group starts the next group (and its title).
            if !key.is_empty() && seen.contains(&key) {
                seen.clear();
                title_at += 1;
            }
            seen.push(key);
            // A run's own title line sets the group's title.
            if let Some(&t) = r
                .headers
                .iter()
                .find(|&&l| is_title(text(l)) && !is_change(text(l)))
                && let Some(p) = titles.iter().position(|&x| x == t)
            {
                title_at = title_at.max(p);
            }
            let title = titles.get(title_at).copied();
            let is_year_head = h.is_some_and(|l| year_in(text(l)).is_some());
            // A column of rates beside the period columns is their change, whatever year line
            // PDF text left next to it: the change title heads it.
            if is_year_head
                && !is_amount[col + i]
                && let Some(c) = change_title
            {
                out.push((None, Some(c)));
                continue;
            }
            let t = if is_year_head {
                title
            } else {
                change_title.or(title)
            };
            out.push((t, h));
        }
        col += m;
    }
    pending.is_empty().then_some(out)
}

#[cfg(test)]
mod tests {
    use crate::document::Document;

    fn doc(lines: &[&str]) -> Document {
        crate::ingest::text::ingest(&lines.join("\n"), "t.txt").unwrap_or_default()
    }

    fn row<'a>(d: &'a Document, label: &str) -> Vec<&'a str> {
        let r = d.tables[0]
            .rows
            .iter()
            .find(|r| r.cells[0].text == label)
            .unwrap_or_else(|| panic!("no row {label}: {:#?}", d.tables));
        for c in &r.cells {
            assert_eq!(&d.text[c.start..c.end], c.text);
        }
        r.cells.iter().map(|c| c.text.as_str()).collect()
    }

    const PROSE: &str =
        "Revenue for the quarter was $1,250 million, up from the year-ago quarter of the company.";

    #[test]
    fn labels_then_columns_then_heads() {
        let d = doc(&[
            PROSE,
            "",
            "(in millions)",
            "Revenue",
            "Cost of sales",
            "Net income",
            "Three Months Ended",
            "2024",
            "2023",
            "$",
            "1,100",
            "600",
            "(12)",
            "$",
            "1,250",
            "700",
            "45",
            "% Change",
            "14%",
            "17%",
            "—",
            "",
            "Note: amounts may not add due to rounding and other things the footnote says.",
        ]);
        assert_eq!(d.tables.len(), 1, "{:#?}", d.tables);
        let t = &d.tables[0];
        assert_eq!(t.rows.len() - t.header_rows, 3);
        // The prose quotes 1,250: that block is 2024's although its head comes first.
        assert_eq!(row(&d, "Revenue"), ["Revenue", "1,100", "1,250", "14%"]);
        assert_eq!(row(&d, "Net income"), ["Net income", "(12)", "45", "—"]);
        assert_eq!(t.caption.as_deref(), Some("(in millions)"));
        let heads: Vec<&str> = t.rows[t.header_rows - 1]
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(heads, ["", "2023", "2024", "% Change"]);
        // The prose and the footnote stay paragraphs.
        assert_eq!(
            d.blocks
                .iter()
                .filter(|b| b.kind == crate::document::BlockKind::Paragraph)
                .count(),
            3
        );
    }

    #[test]
    fn counts_that_do_not_fit_stay_text() {
        // Seven values under three labels: no table.
        let d = doc(&[
            PROSE,
            "",
            "Revenue",
            "Cost of sales",
            "Net income",
            "2024",
            "2023",
            "1,100",
            "600",
            "(12)",
            "1,250",
            "700",
            "45",
            "9",
        ]);
        assert!(d.tables.is_empty(), "{:#?}", d.tables);
        // Columns cut from a row-wise list: sizes disagree row by row, no table.
        let d = doc(&[
            PROSE,
            "",
            "Revenue",
            "Cost of sales",
            "2024",
            "2023",
            "1,100",
            "1,250",
            "6",
            "7",
        ]);
        assert!(d.tables.is_empty(), "{:#?}", d.tables);
    }

    #[test]
    fn indented_parts_come_before_their_subtotal() {
        let d = doc(&[
            PROSE,
            "",
            "Segment A",
            "    U.S.",
            "    International",
            "Worldwide",
            "2024",
            "2023",
            "60",
            "40",
            "100",
            "100",
            "55",
            "35",
            "90",
            "90",
        ]);
        assert_eq!(row(&d, "Segment A"), ["Segment A", "100", "90"]);
        assert_eq!(row(&d, "U.S."), ["U.S.", "60", "55"]);
        assert_eq!(row(&d, "Worldwide"), ["Worldwide", "100", "90"]);
        // A subtotal that is not the sum of its parts: the order is not known, no table.
        let d = doc(&[
            PROSE,
            "",
            "Segment A",
            "    U.S.",
            "    International",
            "Worldwide",
            "2024",
            "2023",
            "60",
            "40",
            "70",
            "100",
            "55",
            "35",
            "70",
            "90",
        ]);
        assert!(d.tables.is_empty(), "{:#?}", d.tables);
    }

    /// A title line over the heads ("Non-GAAP results") is a section row, not a head;
    /// a change column one cell short stays text beside the two full period columns; a basis
    /// word before a row's name ("Adjusted Net income") keeps the line a label.
    #[test]
    fn title_line_and_short_change_column() {
        let d = doc(&[
            PROSE,
            "",
            "Non-GAAP results",
            "2023 $ million",
            "2024 $ million",
            "Reported ∆%",
            "Twelve Months Ended June 30,",
            "Net sales",
            "EBITDA",
            "Adjusted Net income",
            "Free Cash Flow",
            "1,100",
            "210",
            "120",
            "105",
            "1,250",
            "200",
            "110",
            "85",
            "1",
            "(5)",
            "(9)",
            "",
            "Note: amounts may not add due to rounding and other things the footnote says.",
        ]);
        assert_eq!(d.tables.len(), 1, "{:#?}", d.tables);
        let t = &d.tables[0];
        assert_eq!(
            row(&d, "Adjusted Net income"),
            ["Adjusted Net income", "120", "110"]
        );
        assert_eq!(row(&d, "Non-GAAP results"), ["Non-GAAP results", "", ""]);
        let heads: Vec<&str> = t.rows[t.header_rows - 1]
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(heads, ["", "2023 $ million", "2024 $ million"]);
    }
}
