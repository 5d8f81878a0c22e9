//! `irview fetch`: a company's press releases from SEC EDGAR, one file each, paths printed.

use irview::edgar::{self, Client, Filing, Host, Kind, Select};
use std::path::{Path, PathBuf};

/// What `fetch` was asked.
pub struct Fetch {
    pub who: String,
    pub select: Select,
    pub accession: Option<String>,
    pub out: PathBuf,
}

/// Fetch and write; the paths written (or already there, the same), in filing order.
pub fn run(client: &Client, f: &Fetch) -> anyhow::Result<Vec<PathBuf>> {
    let (cik, ticker) = client.company(&f.who)?;
    let ticker = ticker.unwrap_or_else(|| format!("cik{cik}"));
    let filings: Vec<Filing> = match &f.accession {
        Some(acc) => vec![filing_of(client, cik, acc)?],
        None => {
            let all = filings_for(client, cik, &f.select)?;
            let chosen: Vec<Filing> = f.select.take(&all).into_iter().cloned().collect();
            if chosen.is_empty() {
                anyhow::bail!(
                    "{}: no {}{} filing{} among its {} recent filings",
                    f.who,
                    f.select.form,
                    if f.select.results {
                        " with Item 2.02 (results)"
                    } else {
                        ""
                    },
                    f.select
                        .since
                        .as_deref()
                        .map(|d| format!(" since {d}"))
                        .unwrap_or_default(),
                    all.len()
                );
            }
            chosen
        }
    };
    let mut written = Vec::new();
    let mut failed = None;
    let progress = Progress::new(filings.len());
    for (done, filing) in filings.iter().enumerate() {
        progress.show(done);
        // One filing that cannot be had does not stop the others (as search goes on past an
        // unreadable file); it is said, and is the error only if nothing was written.
        let exhibits = match client.exhibits(cik, &filing.accession) {
            Ok(x) => x,
            Err(e) if filings.len() > 1 => {
                progress.clear();
                eprintln!("irview: {e}");
                failed = Some(e);
                continue;
            }
            Err(e) => return Err(e.into()),
        };
        if exhibits.is_empty() {
            eprintln!(
                "irview: {} {} of {}: no press release (EX-99) in the filing",
                filing.form, filing.accession, filing.date
            );
        }
        for ex in &exhibits {
            let path = f.out.join(edgar::file_name(&ticker, filing, ex));
            write_new(&path, ex.body.as_bytes())?;
            written.push(path);
        }
    }
    progress.clear();
    match failed {
        Some(e) if written.is_empty() => Err(e.into()),
        _ => Ok(written),
    }
}

/// A progress bar on stderr for a fetch of several filings, when stderr is a terminal (a
/// script's log gets none): one line redrawn with a carriage return, no escape sequence.
struct Progress {
    total: usize,
    on: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            on: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    fn show(&self, done: usize) {
        if self.on {
            const W: usize = 24;
            let fill = done * W / self.total.max(1);
            eprint!(
                "\r[{}{}] {done}/{} filings",
                "#".repeat(fill),
                "-".repeat(W - fill),
                self.total
            );
        }
    }

    fn clear(&self) {
        if self.on {
            eprint!("\r{}\r", " ".repeat(48));
        }
    }
}

/// How many press releases a submission holds (more than one opens as a library).
fn releases_in(submission: &[u8]) -> usize {
    irview::ingest::sgml::release_documents(&String::from_utf8_lossy(submission)).len()
}

/// The company's filings, the recent ones and as many older pages (`filings.files`) as the
/// selection can still take from: until it has `limit` filings, or the pages end before `since`.
fn filings_for(client: &Client, cik: u64, select: &Select) -> anyhow::Result<Vec<Filing>> {
    let (mut all, pages) = client.filings(cik)?;
    for page in pages {
        let enough = select.take(&all).len() >= select.limit;
        let too_old = select
            .since
            .as_deref()
            .is_some_and(|d| page.last.as_str() < d);
        if enough || too_old {
            break;
        }
        all.extend(client.older(&page.name)?);
    }
    Ok(all)
}

/// A filing named by its accession number: its date from the submission's own header, so no
/// submissions list is needed.
fn filing_of(client: &Client, cik: u64, acc: &str) -> anyhow::Result<Filing> {
    let acc = acc.trim();
    // The body is cached: `exhibits` reads it from there, with no second request.
    let body = client.get(
        Host::Www,
        &edgar::submission_path(cik, acc),
        Kind::Immutable,
    )?;
    let sec = irview::ingest::sgml::header(&String::from_utf8_lossy(&body)).unwrap_or_default();
    Ok(Filing {
        accession: acc.to_string(),
        date: sec.filed.unwrap_or_else(|| "undated".into()),
        form: sec.form_type.unwrap_or_else(|| "8-K".into()),
        items: String::new(),
        primary: String::new(),
    })
}

/// Write a release file whole (temporary file, rename); one already there with the same bytes
/// is left as it is, one with other bytes is not overwritten.
fn write_new(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    if let Ok(old) = std::fs::read(path) {
        if old == bytes {
            return Ok(());
        }
        anyhow::bail!(
            "{}: exists and differs from what EDGAR serves; not overwritten (move it away first)",
            super::display_path(path)
        );
    }
    edgar::write_atomic(path, bytes)?;
    Ok(())
}

/// `irview open`: the filing to open and how many press releases it holds (its full submission, kept in the EDGAR cache, from which
/// the viewer picks the results release as it does for any submission file): the accession
/// asked for, else the newest results 8-K, or with `period` the newest whose release states
/// that period (its label, as the viewer's header shows it: "Q1 FY2023").
pub fn to_open(
    client: &Client,
    who: &str,
    accession: Option<&str>,
    period: Option<&str>,
) -> anyhow::Result<(PathBuf, usize)> {
    let (cik, ticker) = client.company(who)?;
    let ticker = ticker.unwrap_or_else(|| format!("cik{cik}"));
    let submission = |f: &Filing| -> anyhow::Result<(PathBuf, Vec<u8>)> {
        let acc = f.accession.trim();
        let body = client.get(
            Host::Www,
            &edgar::submission_path(cik, acc),
            Kind::Immutable,
        )?;
        let name = format!("{ticker}-{}-{acc}.txt", f.date);
        Ok((PathBuf::from(name), body))
    };
    let chosen = match accession {
        Some(acc) => submission(&filing_of(client, cik, acc)?)?,
        None => {
            let select = Select {
                form: "8-K".into(),
                results: true,
                since: None,
                limit: if period.is_some() { 12 } else { 1 },
            };
            let all = filings_for(client, cik, &select)?;
            let results = select.take(&all);
            let mut found = None;
            for f in &results {
                let (name, body) = submission(f)?;
                let fits = match period {
                    None => true,
                    Some(want) => irview::load_bytes(&body, &name.to_string_lossy())
                        .ok()
                        .and_then(|r| r.period.label)
                        .is_some_and(|l| l.eq_ignore_ascii_case(want.trim())),
                };
                if fits {
                    found = Some((name, body));
                    break;
                }
            }
            found.ok_or_else(|| match period {
                Some(p) => anyhow::anyhow!(
                    "{who}: none of its last {} results releases is of {p}",
                    results.len()
                ),
                None => {
                    anyhow::anyhow!("{who}: no results 8-K (Item 2.02) among its recent filings")
                }
            })?
        }
    };
    // Kept beside the EDGAR cache so the viewer (and its own cache) can read it as a file.
    let dir = irview::cache::dir()
        .map(|d| d.join("edgar").join("open"))
        .unwrap_or_else(std::env::temp_dir);
    let path = dir.join(chosen.0);
    if std::fs::read(&path).ok().as_deref() != Some(chosen.1.as_slice()) {
        edgar::write_atomic(&path, &chosen.1)?;
    }
    Ok((path, releases_in(&chosen.1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filing_with_several_releases_is_counted_as_such() {
        let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/");
        let read = |p: &Path| std::fs::read(p).unwrap_or_default();
        let several = Path::new(corpus).join("southern-co-q4-2004-8k-multifiler-submission.txt");
        assert!(releases_in(&read(&several)) > 1);
        let one = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/edgar/Archives/edgar/data/796343/000079634323000044/0000796343-23-000044.txt"
        ));
        assert_eq!(releases_in(&read(one)), 1);
        assert_eq!(releases_in(b"no submission"), 0);
    }
}
