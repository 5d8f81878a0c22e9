//! `irview search`: find a phrase in many releases, in their text and in the extracted panes.
//!
//! Loading a release (decode, parse, extract) costs far more than reading it, so every file is
//! first checked on its raw bytes: a file that cannot contain the pattern's words is never
//! parsed, and a file the cache of extracted releases holds is not extracted again. Candidates
//! are loaded in parallel (rayon); results print in walk order.

use super::{
    BOLD_RED, CYAN, GREEN, MAGENTA, RESET, Sgr, Stdout, describe, display_path, one_line, report,
};
use irview::cache::Cache;
use irview::inputs::{Input, plainly_not_a_release, walk};
use irview::prefilter::Prefilter;
use irview::search::Query;
use irview::searchable::Found;
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
                    let found = irview::found_in(&r, &re);
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
    match irview::search_bytes(&bytes, &name, &opts.document, opts.cache.as_ref(), re) {
        Ok(found) => Outcome::Found(found),
        // `--document 2` over a folder: the files that have no document 2 are passed over.
        Err(irview::Error::Document { .. }) if !input.explicit => Outcome::Skipped,
        Err(e) => Outcome::Failed(describe(&e.into())),
    }
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
    column: Option<&'a str>,
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
                column: f.column.as_deref(),
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
