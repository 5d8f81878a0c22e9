//! `irview series` and `irview diff`: a company's releases side by side, and what changed
//! between two releases, as Markdown, JSON or CSV.

use super::{Stdout, display_path, report};
use anyhow::{Result, bail};
use irview::cache::Cache;
use irview::library::diff::Diff;
use irview::library::series::Series;
use irview::library::{self, Group, Library};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// How `irview series` writes the Series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Markdown,
    Json,
    Csv,
}

/// The library `paths` make and the group of the company asked for (see [`choose`]). A file
/// named on the command line must load; one found in a folder that does not is said and passed
/// over, as `irview search` does.
fn company(
    paths: &[PathBuf],
    company: Option<&str>,
    cache: Option<&Cache>,
) -> Result<(Library, Group)> {
    let lib = library::load(paths, cache, |_, _| {});
    let named: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let mut passed = Vec::new();
    for e in lib.errors() {
        let msg = e.error.as_deref().unwrap_or("did not load");
        if named.contains(&e.path.as_path()) {
            bail!("{msg}");
        }
        passed.push(msg);
    }
    // Said once the company is found; if it is not, the error is one line that says how many
    // files did not load (a folder of nothing but broken files says so, not only "no release").
    let group = match choose(&lib, company, paths) {
        Ok(g) => g.clone(),
        Err(e) if passed.is_empty() => return Err(e),
        Err(e) => bail!(
            "{e}; {} there did not load (first: {})",
            match passed.len() {
                1 => "1 file".to_string(),
                n => format!("{n} files"),
            },
            passed[0]
        ),
    };
    for msg in passed {
        report(msg);
    }
    Ok((lib, group))
}

/// The company's Series, named as the viewer names it.
fn build(lib: &Library, group: &Group) -> Series {
    let releases: Vec<_> = lib.releases(group).collect();
    let name = group.name.clone().unwrap_or_else(|| group.display());
    Series::build(&name, group.ticker.as_deref(), &releases)
}

pub fn series(
    paths: &[PathBuf],
    company: Option<&str>,
    output: Output,
    cache: Option<&Cache>,
) -> Result<ExitCode> {
    let (lib, group) = self::company(paths, company, cache)?;
    let s = build(&lib, &group);
    let mut out = Stdout::new();
    match output {
        Output::Json => {
            serde_json::to_writer_pretty(&mut out, &s)?;
            out.write("\n")?;
        }
        Output::Csv => out.write(&csv(&s))?,
        Output::Markdown => out.write(&irview::library::markdown::series(&s))?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// What `irview export` writes of a library: the viewer's Series tab, or one of its two parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// `--pane series`: the Series (values, revisions, matters, guidance vs actual).
    Series,
    /// `--pane changes`: what changed in the company's latest release against the one before.
    Changes,
    /// `--pane all`: the Series, then what changed, as the viewer's `e` writes its Series tab
    /// opened on the company's latest release.
    All,
}

/// `irview export PATH... --pane series|changes|all`: the company's Series and what changed in
/// its latest release, by the writer the viewer's `e` uses, to OUT or stdout.
pub fn export(
    paths: &[PathBuf],
    company: Option<&str>,
    what: Export,
    output: Option<&Path>,
    force: bool,
    cache: Option<&Cache>,
) -> Result<ExitCode> {
    let (lib, group) = self::company(paths, company, cache)?;
    // The latest release is the one the viewer lands on last with `]`; what changed is read in
    // it against the release before it, as the Series tab opened there shows.
    let latest = group.entries.last().copied();
    let changed = latest.and_then(|i| lib.what_changed(i));
    let md = match what {
        Export::Series => irview::library::markdown::series_tab(&build(&lib, &group), None),
        Export::All => {
            irview::library::markdown::series_tab(&build(&lib, &group), changed.as_ref())
        }
        Export::Changes => match &changed {
            Some(d) => irview::library::markdown::diff(d),
            None => bail!(
                "only one release of {} in {}: what changed needs an earlier one",
                group.display(),
                where_(paths)
            ),
        },
    };
    match output {
        Some(p) => irview::export::write_file(p, &md, force)?,
        None => {
            let mut out = Stdout::new();
            out.write(&md)?;
            out.flush()?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The paths as the user named them, for an error.
fn where_(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| display_path(p))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The company to build the Series of: the one `--company` names, else the only company in the
/// library. Several companies and no `--company` is an error that lists them.
fn choose<'a>(lib: &'a Library, company: Option<&str>, paths: &[PathBuf]) -> Result<&'a Group> {
    let known: Vec<&Group> = lib.groups.iter().filter(|g| !g.key.is_empty()).collect();
    let list = |gs: &[&Group]| {
        gs.iter()
            .map(|g| match g.entries.len() {
                1 => format!("{} (1 release)", g.display()),
                n => format!("{} ({n} releases)", g.display()),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let where_ = where_(paths);
    match company {
        Some(q) => match lib.find(q) {
            Ok(g) => Ok(g),
            Err(several) if !several.is_empty() => bail!(
                "'{q}' names several companies: {}; name one by its ticker or full name",
                list(&several)
            ),
            Err(_) if known.is_empty() => {
                bail!("no release of '{q}' in {where_}: no release there names its company")
            }
            Err(_) => bail!(
                "no release of '{q}' in {where_} (companies there: {})",
                list(&known)
            ),
        },
        None => match known.as_slice() {
            [one] => Ok(one),
            [] => bail!("no release in {where_} names its company"),
            several => bail!(
                "{} companies in {where_}: {}; choose one with --company NAME|TICKER",
                several.len(),
                list(several)
            ),
        },
    }
}

/// A CSV field: quoted when it holds a comma, quote or line break; text that a spreadsheet
/// would run as a formula is kept as text.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

const CSV_HEADER: &[&str] = &[
    "metric",
    "label",
    "basis",
    "unit",
    "period",
    "value",
    "release",
    "line",
    "revised_from",
    "revised_value",
    "revised_by",
    "qoq_change",
    "qoq_pct",
    "yoy_change",
    "yoy_pct",
];

/// One row per metric × period (a period no release states for the metric has an empty value).
fn csv(s: &Series) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push('\n');
    let num = |v: Option<&irview::release::Value>| v.map(|v| v.to_string()).unwrap_or_default();
    for m in &s.metrics {
        for p in &s.periods {
            let c = m.cell(p);
            let row = [
                m.metric.clone(),
                m.label.clone(),
                m.basis.name().to_string(),
                m.unit.clone(),
                p.clone(),
                num(c.map(|c| &c.value)),
                c.map(|c| c.release.clone()).unwrap_or_default(),
                c.map(|c| c.line.to_string()).unwrap_or_default(),
                num(c.and_then(|c| c.revised_from.as_ref())),
                num(c.and_then(|c| c.revised_value.as_ref())),
                c.and_then(|c| c.revised_by.clone()).unwrap_or_default(),
                num(c.and_then(|c| c.qoq.as_ref()).map(|x| &x.change)),
                num(c
                    .and_then(|c| c.qoq.as_ref())
                    .and_then(|x| x.change_pct.as_ref())),
                num(c.and_then(|c| c.yoy.as_ref()).map(|x| &x.change)),
                num(c
                    .and_then(|c| c.yoy.as_ref())
                    .and_then(|x| x.change_pct.as_ref())),
            ];
            let row: Vec<String> = row.iter().map(|x| field(x)).collect();
            out.push_str(&row.join(","));
            out.push('\n');
        }
    }
    out
}

pub fn diff(old: &Path, new: &Path, json: bool, cache: Option<&Cache>) -> Result<ExitCode> {
    let choice = irview::Choice::Default;
    let a = irview::load_path_cached(old, &choice, cache)?;
    let b = irview::load_path_cached(new, &choice, cache)?;
    if let Some(c) = cache {
        c.trim();
    }
    let key = |r: &irview::Release| {
        library::company_key(r.company.name.as_deref(), r.company.ticker.as_deref())
    };
    if key(&a) != key(&b) && !key(&a).is_empty() && !key(&b).is_empty() {
        report(&format!(
            "note: {} and {} are releases of different companies",
            display_path(old),
            display_path(new)
        ));
    }
    let d = Diff::build(&old.to_string_lossy(), &a, &new.to_string_lossy(), &b);
    let mut out = Stdout::new();
    if json {
        serde_json::to_writer_pretty(&mut out, &d)?;
        out.write("\n")?;
    } else {
        out.write(&irview::library::markdown::diff(&d))?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(field("=cmd()"), "'=cmd()");
        assert_eq!(field("-312000000"), "-312000000");
    }
}
