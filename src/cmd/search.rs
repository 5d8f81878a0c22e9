//! `irview search`: find a phrase in many releases, in their text and in the extracted panes.
//!
//! Loading a release (decode, parse, extract) costs far more than reading it, so every file is
//! first checked on its raw bytes: a file that cannot contain the pattern's words is never
//! parsed, and a file the cache of extracted releases holds is not extracted again. Candidates
//! are loaded in parallel (rayon); results print in walk order.

use super::{
    BOLD_RED, CYAN, GREEN, MAGENTA, RESET, Sgr, Stdout, describe, display_path, one_line, report,
};
use irview::Release;
use irview::cache::Cache;
use irview::inputs::{Input, plainly_not_a_release, walk};
use irview::pane::{Pane, PaneKind};
use irview::prefilter::Prefilter;
use irview::search::{Match, Query};
use rayon::prelude::*;
use regex::Regex;
use std::collections::BTreeMap;
use std::io;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

#[derive(Debug, Clone)]
pub struct Options {
    pub pattern: String,
    pub regex: bool,
    pub case_sensitive: bool,
    pub json: bool,
    pub color: bool,
    /// Which release of a filing to search (`--document`).
    pub document: irview::Choice,
    /// The cache of extracted releases (none with `--no-cache`, or when it cannot be had).
    pub cache: Option<Cache>,
}

/// One match, ready to print.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    pane: PaneKind,
    line: usize,
    /// Byte span in the Document text (release matches) or the row's source span (pane rows).
    start: usize,
    end: usize,
    /// The matching text.
    text: String,
    /// The row's text: the source line(s), or the row's cells joined.
    context: String,
    /// Byte ranges of the match inside `context`, for highlighting.
    spans: Vec<(usize, usize)>,
    /// For pane rows: the column the match is in.
    column: Option<&'static str>,
}

pub fn run(opts: &Options, paths: &[PathBuf]) -> anyhow::Result<ExitCode> {
    if opts.pattern.trim().is_empty() {
        anyhow::bail!("empty search pattern");
    }
    let query = Query {
        pattern: opts.pattern.clone(),
        regex: opts.regex,
        case_sensitive: opts.case_sensitive.then_some(true),
    };
    let re = query.compile().map_err(|e| {
        // regex errors span several lines (the pattern, a caret, the reason): keep the reason.
        let s = e.to_string();
        let reason = s
            .lines()
            .find_map(|l| l.trim().strip_prefix("error: "))
            .map(str::to_string)
            .unwrap_or_else(|| one_line(&s));
        anyhow::anyhow!("invalid pattern '{}': {reason}", opts.pattern)
    })?;
    // The same rule as Query::compile: smart case unless told otherwise.
    let sensitive = opts.case_sensitive || opts.pattern.chars().any(char::is_uppercase);
    let prefilter = Prefilter::new(&opts.pattern, opts.regex, sensitive);

    let mut out = Stdout::new();
    let mut matched = false;
    let mut errored = false;
    let mut inputs = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            // stdin is read in place, before the walk, so its matches come in argument order
            // only relative to other stdin uses; it cannot be walked or prefiltered lazily.
            flush_inputs(
                &mut inputs,
                opts,
                &re,
                prefilter.as_ref(),
                &mut out,
                &mut matched,
                &mut errored,
            )?;
            match irview::load_path_cached(p, &opts.document, opts.cache.as_ref()) {
                Ok(r) => {
                    let found = search_release(&r, &re);
                    matched |= !found.is_empty();
                    print_found(&mut out, opts, "-", &found)?;
                }
                Err(e) => {
                    errored = true;
                    report(&describe(&e.into()));
                }
            }
            continue;
        }
        walk(p, &mut inputs, |path, reason| {
            errored = true;
            report(&format!("cannot read {}: {reason}", display_path(&path)));
        });
    }
    flush_inputs(
        &mut inputs,
        opts,
        &re,
        prefilter.as_ref(),
        &mut out,
        &mut matched,
        &mut errored,
    )?;
    out.flush()?;
    if let Some(c) = &opts.cache {
        c.trim();
    }
    Ok(if matched {
        ExitCode::SUCCESS
    } else if errored {
        ExitCode::from(2)
    } else {
        ExitCode::from(1)
    })
}

/// What searching one file gave.
enum Outcome {
    Found(Vec<Found>),
    Skipped,
    Failed(String),
}

/// Search the queued files in parallel and print their results in walk order.
#[allow(clippy::too_many_arguments)]
fn flush_inputs(
    inputs: &mut Vec<Input>,
    opts: &Options,
    re: &Regex,
    prefilter: Option<&Prefilter>,
    out: &mut Stdout,
    matched: &mut bool,
    errored: &mut bool,
) -> io::Result<()> {
    if inputs.is_empty() {
        return Ok(());
    }
    let files = std::mem::take(inputs);
    let stop = AtomicBool::new(false);
    let (tx, rx) = mpsc::channel::<(usize, Outcome)>();
    let mut result = Ok(());
    std::thread::scope(|s| {
        // The files are searched on rayon's pool, fed from this thread; this thread prints.
        let (files, stop) = (&files, &stop);
        s.spawn(move || {
            files
                .par_iter()
                .enumerate()
                .for_each_with(tx, |tx, (i, input)| {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    let outcome = search_file(input, re, prefilter, opts);
                    // The printer stops listening only when output has ended.
                    let _ = tx.send((i, outcome));
                });
        });
        // Results arrive in any order; hold them until every earlier file has printed.
        let mut pending: BTreeMap<usize, Outcome> = BTreeMap::new();
        let mut printed = 0usize;
        for (i, outcome) in rx {
            pending.insert(i, outcome);
            while let Some(o) = pending.remove(&printed) {
                let Some(input) = files.get(printed) else {
                    break;
                };
                printed += 1;
                match o {
                    Outcome::Found(found) => {
                        *matched |= !found.is_empty();
                        let name = display_path(&input.path);
                        if let Err(e) = print_found(out, opts, &name, &found) {
                            result = Err(e);
                        }
                    }
                    Outcome::Skipped => {}
                    Outcome::Failed(msg) => {
                        *errored = true;
                        report(&msg);
                    }
                }
                if out.closed() || result.is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        }
    });
    result
}

fn search_file(
    input: &Input,
    re: &Regex,
    prefilter: Option<&Prefilter>,
    opts: &Options,
) -> Outcome {
    let bytes = match irview::ingest::read_input(&input.path) {
        Ok(b) => b,
        Err(e) => return Outcome::Failed(describe(&e.into())),
    };
    if !input.explicit && plainly_not_a_release(&input.path, &bytes) {
        return Outcome::Skipped;
    }
    if prefilter.is_some_and(|p| !p.may_match(&bytes)) {
        return Outcome::Found(Vec::new());
    }
    // Panes hold the Document's own words, so a text without a match needs no extraction.
    // A cached release is not extracted again; one extracted here is stored for next time.
    let name = input.path.to_string_lossy();
    let document = &opts.document;
    match irview::load_bytes_if_cached(&bytes, &name, document, opts.cache.as_ref(), |d| {
        re.is_match(&d.text)
    }) {
        Ok(Some(r)) => Outcome::Found(search_release(&r, re)),
        Ok(None) => Outcome::Found(Vec::new()),
        // `--document 2` over a folder: the files that have no document 2 are passed over.
        Err(irview::Error::Document { .. }) if !input.explicit => Outcome::Skipped,
        Err(e) => Outcome::Failed(describe(&e.into())),
    }
}

/// Every match in a release, in pane order, Release pane first.
fn search_release(r: &Release, re: &Regex) -> Vec<Found> {
    let panes = irview::pane::build_panes(r);
    let mut found = Vec::new();
    for pane in &panes {
        for m in irview::search::search_pane(pane, &r.document.text, re) {
            let f = if pane.kind == PaneKind::Release {
                release_found(pane, &r.document.text, &m)
            } else {
                row_found(pane, &m)
            };
            found.extend(f);
        }
    }
    found
}

fn release_found(pane: &Pane, text: &str, m: &Match) -> Option<Found> {
    let first = m.hits.first()?;
    let last = m.hits.last()?;
    let src = |row: usize| pane.rows.get(row).and_then(|r| r.source);
    let (s0, s1) = (src(first.row)?, src(last.row)?);
    let start = s0.start + first.start;
    let end = s1.start + last.end;
    let mut context = String::new();
    let mut spans = Vec::new();
    for h in &m.hits {
        let cell = pane
            .rows
            .get(h.row)
            .and_then(|r| r.cells.get(h.cell))
            .map(String::as_str)
            .unwrap_or("");
        if !context.is_empty() {
            context.push(' ');
        }
        let base = context.len();
        context.push_str(cell);
        spans.push((base + h.start, base + h.end));
    }
    Some(Found {
        pane: PaneKind::Release,
        line: s0.line,
        start,
        end,
        text: text.get(start..end).unwrap_or("").to_string(),
        context,
        spans,
        column: None,
    })
}

/// Columns whose text irview made up (line numbers, ranks): a match there is not a match in
/// the release.
fn generated_column(title: &str) -> bool {
    matches!(title, "Line" | "#")
}

fn row_found(pane: &Pane, m: &Match) -> Option<Found> {
    let h = m.hits.first()?;
    let row = pane.rows.get(h.row)?;
    // Notes and the status line have no source: they are irview's words, not the release's.
    let source = row.source?;
    let title = pane.columns.get(h.cell).map(|c| c.title)?;
    if generated_column(title) {
        return None;
    }
    let mut context = String::new();
    let mut span = None;
    for (i, cell) in row.cells.iter().enumerate() {
        let made_up = pane
            .columns
            .get(i)
            .is_some_and(|c| generated_column(c.title));
        if made_up || cell.is_empty() {
            continue;
        }
        if !context.is_empty() {
            context.push_str(" · ");
        }
        if i == h.cell {
            span = Some((context.len() + h.start, context.len() + h.end));
        }
        context.push_str(cell);
    }
    let text = row.cells.get(h.cell)?.get(h.start..h.end)?.to_string();
    Some(Found {
        pane: pane.kind,
        line: source.line,
        start: source.start,
        end: source.end,
        text,
        context,
        spans: span.into_iter().collect(),
        column: Some(title),
    })
}

/// One line of `--json` output (field names are a contract; add, never rename).
#[derive(serde::Serialize)]
struct JsonMatch<'a> {
    path: &'a str,
    pane: &'static str,
    line: usize,
    start: usize,
    end: usize,
    text: &'a str,
    context: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<&'static str>,
}

fn print_found(out: &mut Stdout, opts: &Options, path: &str, found: &[Found]) -> io::Result<()> {
    if opts.json {
        for f in found {
            let rec = JsonMatch {
                path,
                pane: f.pane.name(),
                line: f.line,
                start: f.start,
                end: f.end,
                text: &f.text,
                context: &f.context,
                column: f.column,
            };
            let mut s = serde_json::to_string(&rec).map_err(io::Error::other)?;
            s.push('\n');
            out.write(&s)?;
        }
        return Ok(());
    }
    // Several matches on one row (a phrase twice on a line) print as one line, all highlighted.
    let mut i = 0;
    while i < found.len() {
        let f = &found[i];
        let mut spans = f.spans.clone();
        let mut j = i + 1;
        while let Some(g) = found.get(j) {
            if g.pane != f.pane || g.line != f.line || g.context != f.context {
                break;
            }
            spans.extend(g.spans.iter().copied());
            j += 1;
        }
        i = j;
        let line = f.line.to_string();
        if opts.color {
            let mut parts = vec![
                Part::Color(MAGENTA),
                Part::Text(path),
                Part::Color(RESET),
                Part::Text(":"),
                Part::Color(GREEN),
                Part::Text(&line),
                Part::Color(RESET),
                Part::Text(": "),
                Part::Color(CYAN),
                Part::Text(f.pane.name()),
                Part::Color(RESET),
                Part::Text(": "),
            ];
            highlight(&f.context, &mut spans, &mut parts);
            parts.push(Part::Text("\n"));
            for p in parts {
                match p {
                    Part::Text(t) => out.write(t)?,
                    Part::Color(c) => out.sgr(c)?,
                }
            }
        } else {
            out.write(&format!(
                "{path}:{line}: {}: {}\n",
                f.pane.name(),
                f.context
            ))?;
        }
        if out.closed() {
            break;
        }
    }
    Ok(())
}

/// A piece of a coloured line: text (sanitized on the way out) or one of our colours.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Part<'a> {
    Text(&'a str),
    Color(Sgr),
}

/// Wrap each span of `s` in bold red; overlapping or out-of-range spans are merged or dropped.
fn highlight<'a>(s: &'a str, spans: &mut [(usize, usize)], parts: &mut Vec<Part<'a>>) {
    spans.sort_unstable();
    let mut at = 0usize;
    for &(a, b) in spans.iter() {
        let a = a.max(at);
        if b <= a || !s.is_char_boundary(a) || !s.is_char_boundary(b) || b > s.len() {
            continue;
        }
        parts.push(Part::Text(&s[at..a]));
        parts.push(Part::Color(BOLD_RED));
        parts.push(Part::Text(&s[a..b]));
        parts.push(Part::Color(RESET));
        at = b;
    }
    parts.push(Part::Text(s.get(at..).unwrap_or("")));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlight_wraps_each_span() {
        let mut spans = vec![(4, 7), (0, 3)];
        let mut parts = Vec::new();
        highlight("abc def", &mut spans, &mut parts);
        let s: String = parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t,
                Part::Color(c) => c.as_str(),
            })
            .collect();
        let (b, r) = (BOLD_RED.as_str(), RESET.as_str());
        assert_eq!(s, format!("{b}abc{r} {b}def{r}"));
    }
}
