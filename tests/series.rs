//! A company's releases side by side, on the nine real Alcoa results releases (Q2 2007 to Q2
//! 2009): `irview series` as JSON, CSV and Markdown, `irview diff`, their errors, and the library
//! they stand on.

mod common;
use common::{Run, assert_one_line_error, run};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

/// The Alcoa quarters, in file-name order (not period order: the Series must order them).
fn alcoa() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.starts_with("alcoa-q") && n.contains("-results-")
        })
        .collect();
    v.sort();
    v
}

fn path(name: &str) -> String {
    format!("{CORPUS}/{name}")
}

fn series(extra: &[&str]) -> Run {
    let files = alcoa();
    let mut args: Vec<&str> = vec!["series"];
    args.extend(files.iter().map(|p| p.to_str().unwrap()));
    args.extend(extra);
    run(&args)
}

fn series_json() -> Value {
    let r = series(&["--json"]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    serde_json::from_str(&r.stdout).expect("series --json is JSON")
}

fn stem(release: &str) -> &str {
    let name = release.rsplit('/').next().unwrap_or(release);
    name.strip_suffix("-results-8k-lee2014.txt").unwrap_or(name)
}

#[test]
fn series_json_keeps_the_contract_and_orders_the_periods() {
    let s = series_json();
    assert_eq!(s["company"], "Alcoa Inc.");
    assert_eq!(s["ticker"], "AA");
    let periods: Vec<&str> = s["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    // Quarters in order, then fiscal years.
    let own = [
        "Q2 FY2007",
        "Q3 FY2007",
        "Q4 FY2007",
        "Q1 FY2008",
        "Q2 FY2008",
        "Q3 FY2008",
        "Q4 FY2008",
        "Q1 FY2009",
        "Q2 FY2009",
    ];
    let at: Vec<usize> = own
        .iter()
        .map(|p| periods.iter().position(|x| x == p).expect(p))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{periods:?}");
    let first_year = periods.iter().position(|p| p.starts_with("FY")).unwrap();
    assert!(periods[first_year..].iter().all(|p| p.starts_with("FY")));
    assert!(periods.contains(&"FY2008"));
    // The releases in period order, whatever order the paths were given in.
    let releases: Vec<&str> = s["releases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| stem(r["id"].as_str().unwrap()))
        .collect();
    assert_eq!(releases.first(), Some(&"alcoa-q2-2007"));
    assert_eq!(releases.last(), Some(&"alcoa-q2-2009"));
    let metrics = s["metrics"].as_array().unwrap();
    let names: Vec<&str> = metrics
        .iter()
        .map(|m| m["metric"].as_str().unwrap())
        .collect();
    for m in [
        "revenue",
        "net_income",
        "eps_diluted",
        "cash_and_investments",
    ] {
        assert!(names.contains(&m), "{m} in {names:?}");
    }
    assert_eq!(
        names[0], "revenue",
        "the metrics a reader looks for first lead"
    );
    for m in metrics {
        assert!(m["label"].is_string());
        assert!(m["releases"].as_u64().unwrap() >= 2, "{}", m["label"]);
        for v in m["values"].as_array().unwrap() {
            for field in ["period", "value", "unit", "release", "revised_from"] {
                assert!(v.get(field).is_some(), "{field} in {v}");
            }
        }
    }
    assert!(s["guidance"].is_array());
}

#[test]
fn every_value_of_the_series_is_the_figure_of_its_releases_own_json() {
    let s = series_json();
    let mut own: HashMap<String, Value> = HashMap::new();
    let mut checked = 0;
    for m in s["metrics"].as_array().unwrap() {
        for v in m["values"].as_array().unwrap() {
            let mut stated = vec![(v["release"].clone(), v["value"].clone(), v["line"].clone())];
            for r in v["revisions"].as_array().unwrap() {
                stated.push((r["release"].clone(), r["value"].clone(), r["line"].clone()));
            }
            for (release, value, line) in stated {
                let release = release.as_str().unwrap().to_string();
                let r = own.entry(release.clone()).or_insert_with(|| {
                    let out = run(&["json", &release]);
                    assert_eq!(out.code, 0, "{}", out.stderr);
                    serde_json::from_str(&out.stdout).unwrap()
                });
                let found = r["highlights"].as_array().unwrap().iter().any(|f| {
                    f["metric"] == m["metric"]
                        && f["period"] == v["period"]
                        && f["value"] == value
                        && f["unit"] == m["unit"]
                        && f["source"]["line"] == line
                });
                assert!(
                    found,
                    "{} {} = {value} (line {line}) is not in {release}'s own JSON",
                    m["label"], v["period"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} values checked");
}

/// The revised cells, each read by hand in both releases (see the note of the commit that
/// added this test): metric label, period, first value and release, revised value and release.
const REVISED: &[(&str, &str, f64, &str, f64, &str)] = &[
    (
        "Revenue",
        "Q2 FY2007",
        8.1e9,
        "alcoa-q2-2007",
        6.8e9,
        "alcoa-q2-2008",
    ),
    (
        "Revenue",
        "Q3 FY2007",
        7.4e9,
        "alcoa-q3-2007",
        6.5e9,
        "alcoa-q3-2008",
    ),
    (
        "Revenue",
        "Q4 FY2007",
        7.4e9,
        "alcoa-q4-2007",
        6.1e9,
        "alcoa-q4-2008",
    ),
    (
        "Revenue",
        "Q1 FY2008",
        7.4e9,
        "alcoa-q1-2008",
        6.5e9,
        "alcoa-q1-2009",
    ),
    (
        "Revenue",
        "Q2 FY2008",
        7.6e9,
        "alcoa-q2-2008",
        7.2e9,
        "alcoa-q2-2009",
    ),
    (
        "Revenue",
        "Q3 FY2008",
        7.2e9,
        "alcoa-q3-2008",
        7.0e9,
        "alcoa-q4-2008",
    ),
    (
        "EPS (diluted), continuing operations",
        "Q4 FY2007",
        0.74,
        "alcoa-q4-2007",
        0.75,
        "alcoa-q4-2008",
    ),
    (
        "EPS (diluted), continuing operations",
        "Q1 FY2008",
        0.37,
        "alcoa-q1-2008",
        0.36,
        "alcoa-q1-2009",
    ),
    (
        "Income from continuing operations",
        "Q4 FY2007",
        624e6,
        "alcoa-q4-2007",
        638e6,
        "alcoa-q4-2008",
    ),
    (
        "Income from continuing operations",
        "Q1 FY2008",
        303e6,
        "alcoa-q1-2008",
        299e6,
        "alcoa-q1-2009",
    ),
];

#[test]
fn the_recast_alcoa_quarters_are_marked_revised_and_nothing_else_is() {
    let s = series_json();
    let mut found = Vec::new();
    for m in s["metrics"].as_array().unwrap() {
        for v in m["values"].as_array().unwrap() {
            if v["revised_from"].is_null() {
                assert!(v["revisions"].as_array().unwrap().is_empty());
                continue;
            }
            assert_eq!(
                v["revised_from"], v["value"],
                "revised from the first value"
            );
            found.push((
                m["label"].as_str().unwrap().to_string(),
                v["period"].as_str().unwrap().to_string(),
                v["value"].as_f64().unwrap(),
                stem(v["release"].as_str().unwrap()).to_string(),
                v["revised_value"].as_f64().unwrap(),
                stem(v["revised_by"].as_str().unwrap()).to_string(),
            ));
        }
    }
    let want: Vec<(String, String, f64, String, f64, String)> = REVISED
        .iter()
        .map(|(l, p, a, ra, b, rb)| {
            (
                l.to_string(),
                p.to_string(),
                *a,
                ra.to_string(),
                *b,
                rb.to_string(),
            )
        })
        .collect();
    assert_eq!(found, want);
    // A rounder statement of the same figure is no revision: the Q4 2008 net loss of
    // "$1.19 billion" said again as "$1.2 billion" a quarter later.
    let net = s["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["label"] == "Net income")
        .unwrap();
    let q4 = net["values"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["period"] == "Q4 FY2008")
        .unwrap();
    assert_eq!(q4["value"], -1_190_000_000i64);
    assert!(q4["revised_from"].is_null());
    let confirmed: Vec<&str> = q4["confirmed_by"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| stem(x.as_str().unwrap()))
        .collect();
    assert_eq!(confirmed, ["alcoa-q1-2009"]);
}

#[test]
fn changes_are_derived_from_the_cells() {
    let s = series_json();
    let revenue = &s["metrics"][0];
    let cell = |p: &str| {
        revenue["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["period"] == p)
            .unwrap()
            .clone()
    };
    let q2 = cell("Q2 FY2008");
    assert_eq!(q2["qoq"]["against"], "Q1 FY2008");
    assert_eq!(q2["qoq"]["change"], 200_000_000i64);
    assert_eq!(q2["qoq"]["change_pct"], 2.7);
    assert_eq!(q2["qoq"]["derived"], true);
    assert_eq!(q2["yoy"]["against"], "Q2 FY2007");
    assert_eq!(q2["yoy"]["change"], -500_000_000i64);
    let fy = cell("FY2008");
    assert!(fy["qoq"].is_null(), "a year has no quarter before it");
    assert_eq!(fy["yoy"]["against"], "FY2007");
}

#[test]
fn series_csv_is_one_row_per_metric_and_period() {
    let r = series(&["--csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s = series_json();
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(lines[0].starts_with("metric,label,basis,unit,period,value,release,line,revised_from"));
    let metrics = s["metrics"].as_array().unwrap().len();
    let periods = s["periods"].as_array().unwrap().len();
    assert_eq!(lines.len(), 1 + metrics * periods);
    let row = lines
        .iter()
        .find(|l| l.starts_with("revenue,Revenue,GAAP,USD,Q4 FY2007,"))
        .expect("revenue Q4 FY2007");
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!(cells[5], "7400000000");
    assert!(cells[6].ends_with("alcoa-q4-2007-results-8k-lee2014.txt"));
    assert_eq!(cells[8], "7400000000");
    assert_eq!(cells[9], "6100000000");
    assert!(cells[10].ends_with("alcoa-q4-2008-results-8k-lee2014.txt"));
}

#[test]
fn series_markdown_lists_the_revised_cells() {
    let r = series(&[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# Series — Alcoa Inc. (AA)\n"));
    assert!(r.stdout.contains("\n## Revised\n"));
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.starts_with("- ") && l.contains("revised to"))
            .count(),
        REVISED.len()
    );
    assert!(r.stdout.contains("\n## Guidance vs actual\n"));
}

#[test]
fn series_errors_say_one_line_and_exit_2() {
    // A company no release is of.
    let r = series(&["--company", "Pericom"]);
    assert_one_line_error(&r, "no release of 'Pericom'");
    assert!(
        r.stderr.contains("Alcoa Inc. (AA) (9 releases)"),
        "{}",
        r.stderr
    );
    // A file that does not load, named beside good ones.
    let missing = format!("{CORPUS}/no-such-release.txt");
    let good = path("alcoa-q1-2008-results-8k-lee2014.txt");
    assert_one_line_error(&run(&["series", &good, &missing]), "no-such-release.txt");
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    assert_one_line_error(
        &run(&["series", &good, empty.to_str().unwrap()]),
        "empty.txt",
    );
    // Several companies and no --company: the companies are listed.
    let pericom = path("pericom-q1-fy2006-8k-submission.txt");
    let r = run(&["series", &good, &pericom]);
    assert_one_line_error(&r, "--company");
    assert!(r.stderr.contains("Pericom") && r.stderr.contains("Alcoa"));
    // ... and --company picks one, by ticker or by name.
    for pick in ["aa", "Alcoa", "alcoa inc."] {
        let r = run(&["series", &good, &pericom, "--company", pick, "--json"]);
        assert_eq!(r.code, 0, "{pick}: {}", r.stderr);
        let v: Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(v["company"], "Alcoa Inc.");
    }
}

#[test]
fn a_folder_walked_passes_over_what_is_not_a_release() {
    let dir = tempfile::tempdir().unwrap();
    for p in alcoa() {
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    // Found in a folder, not named: an empty file is passed over quietly, and an unreadable
    // one is said on stderr without stopping the Series.
    std::fs::write(dir.path().join("empty.txt"), "").unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"document\": 3").unwrap();
    let r = run(&["series", dir.path().to_str().unwrap(), "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("broken.json"), "{}", r.stderr);
    let v: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["releases"].as_array().unwrap().len(), 9);
}

#[test]
fn diff_says_what_changed_from_one_quarter_to_the_next() {
    let q3 = path("alcoa-q3-2008-results-8k-lee2014.txt");
    let q4 = path("alcoa-q4-2008-results-8k-lee2014.txt");
    let q1 = path("alcoa-q1-2009-results-8k-lee2014.txt");
    let r = run(&["diff", &q3, &q4, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(d["old"]["period"], "Q3 FY2008");
    assert_eq!(d["new"]["period"], "Q4 FY2008");
    // The Q4 release states Q3 revenue anew: $7.0 billion against the $7.2 billion of Q3's own.
    let moved = d["moved"].as_array().unwrap();
    assert!(
        moved.iter().any(|m| m["metric"] == "revenue"
            && m["period"] == "Q3 FY2008"
            && m["old"] == 7_200_000_000i64
            && m["new"] == 7_000_000_000i64),
        "{moved:?}"
    );
    // Q4 2008 to Q1 2009: three risk factors reworded (words added to each), none added or
    // removed, and no figure moved (a rounder net loss is no move).
    let r = run(&["diff", &q4, &q1, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(&r.stdout).unwrap();
    let risks = &d["risks"];
    assert_eq!(risks["added"].as_array().unwrap().len(), 0);
    assert_eq!(risks["removed"].as_array().unwrap().len(), 0);
    let reworded = risks["reworded"].as_array().unwrap();
    assert_eq!(reworded.len(), 3);
    assert_eq!(risks["unchanged"], 5);
    let first = &reworded[0];
    assert!(
        first["old"]["text"]
            .as_str()
            .unwrap()
            .ends_with("primary aluminum and other products")
    );
    assert!(
        first["words"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| { w["change"] == "added" && w["text"].as_str().unwrap().contains("alumina") })
    );
    assert!(d["moved"].as_array().unwrap().is_empty(), "{}", d["moved"]);
    // As Markdown: struck and bold words.
    let r = run(&["diff", &q4, &q1]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .contains("0 added, 0 removed, 3 reworded, 5 unchanged.")
    );
    assert!(r.stdout.contains("**aluminum, alumina**"), "{}", r.stdout);
}

#[test]
fn diff_follows_a_matter_and_fails_on_a_file_that_does_not_load() {
    let before = path("pericom-2005-restatement-earnings-delay-8k-submission.txt");
    let after = path("pericom-q1-fy2006-8k-submission.txt");
    let r = run(&["diff", &before, &after, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d: Value = serde_json::from_str(&r.stdout).unwrap();
    let events = d["events"].as_array().unwrap();
    let restatement = events
        .iter()
        .find(|e| e["kind"] == "restatement")
        .expect("the restatement matter");
    assert_eq!(restatement["old"], "in_progress");
    assert!(!restatement["change"].as_str().unwrap().is_empty());
    let missing = format!("{CORPUS}/no-such-release.txt");
    assert_one_line_error(&run(&["diff", &before, &missing]), "no-such-release.txt");
    assert_one_line_error(&run(&["diff", &missing, &after]), "no-such-release.txt");
}

#[test]
fn the_library_groups_the_corpus_by_company_and_a_filing_by_its_releases() {
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = irview::cache::Cache::at(cache_dir.path().to_path_buf(), 1 << 30);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let lib = irview::library::load(&[PathBuf::from(CORPUS)], cache.as_ref(), |n, total| {
        assert!(n <= total);
        done.fetch_max(n, std::sync::atomic::Ordering::Relaxed);
    });
    let files = std::fs::read_dir(CORPUS).unwrap().count();
    // SOURCES.md is walked too (as `irview search` walks it).
    assert_eq!(done.into_inner(), files);
    assert_eq!(lib.errors().count(), 0);
    let aa = lib.find("AA").expect("Alcoa by ticker");
    assert_eq!(aa.name.as_deref(), Some("Alcoa Inc."));
    let rows: Vec<&irview::library::Entry> = aa.entries.iter().map(|&i| &lib.entries[i]).collect();
    // The 2013 filing holds two releases: two rows, each with its document number.
    let filing: Vec<Option<usize>> = rows
        .iter()
        .filter(|e| e.path.to_string_lossy().contains("two-releases"))
        .map(|e| e.document)
        .collect();
    assert_eq!(filing.len(), 2, "{filing:?}");
    assert!(filing.iter().all(Option::is_some));
    // Ordered by period: the results quarters in order.
    let periods: Vec<&str> = rows.iter().filter_map(|e| e.period.as_deref()).collect();
    assert_eq!(periods.first(), Some(&"Q2 FY2007"));
    assert_eq!(periods.last(), Some(&"Q2 FY2009"));
    let same_by_name = lib.find("alcoa").expect("Alcoa by name");
    assert_eq!(same_by_name.key, aa.key);
    assert!(lib.previous(aa.entries[1]) == Some(aa.entries[0]));
    // Opened again, the releases come from the cache, the same.
    let again = irview::library::load(&[PathBuf::from(CORPUS)], cache.as_ref(), |_, _| {});
    assert_eq!(again.entries.len(), lib.entries.len());
    for (a, b) in lib.entries.iter().zip(&again.entries) {
        assert_eq!(a.id(), b.id());
        assert_eq!(
            a.release.as_ref().map(|r| &r.highlights),
            b.release.as_ref().map(|r| &r.highlights)
        );
    }
}

#[test]
fn a_series_follows_each_matter_and_keeps_guidance_to_a_change_apart() {
    let before = path("pericom-2005-restatement-earnings-delay-8k-submission.txt");
    let after = path("pericom-q1-fy2006-8k-submission.txt");
    let r = run(&["series", &after, &before, "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let s: Value = serde_json::from_str(&r.stdout).unwrap();
    let matters = s["matters"].as_array().unwrap();
    let restatement = matters
        .iter()
        .find(|m| m["kind"] == "restatement")
        .expect("the restatement");
    let steps = restatement["steps"].as_array().unwrap();
    assert_eq!(steps[0]["state"], "in_progress");
    assert!(steps[0]["release"].as_str().unwrap().ends_with(&before));
    // The Q1 FY2006 release guides the December quarter: revenue up 18-20% (a change) and
    // operating expenses of $8.9 million, plus or minus $200,000 (a level).
    let guidance = s["guidance"].as_array().unwrap();
    let revenue = guidance.iter().find(|g| g["metric"] == "revenue").unwrap();
    assert_eq!(revenue["change"], true);
    assert!(revenue["verdict"].is_null());
    let opex = guidance
        .iter()
        .find(|g| g["metric"] == "operating_expenses")
        .unwrap();
    assert_eq!(opex["change"], false);
    assert_eq!(opex["period"], "Q2 FY2006");
    assert_eq!(
        (opex["low"].as_i64(), opex["high"].as_i64()),
        (Some(8_700_000), Some(9_100_000))
    );
    assert!(
        opex["actual"].is_null(),
        "no later release reports the quarter"
    );
}

#[test]
fn the_list_filters_as_you_type_and_moves_within_a_company() {
    use irview::library::list::List;
    let dir = tempfile::tempdir().unwrap();
    for p in alcoa() {
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        path("pericom-q1-fy2006-8k-submission.txt"),
        dir.path().join("pericom.txt"),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.json"), "{\"document\": 3").unwrap();
    let lib = irview::library::load(&[dir.path().to_path_buf()], None, |_, _| {});
    let mut list = List::new(&lib);
    assert_eq!(
        list.visible.len(),
        11,
        "nine Alcoa quarters, Pericom, the broken file"
    );
    // Grouped by company (Alcoa before Pericom), the error row last.
    let first = list.entry(&lib).unwrap();
    assert_eq!(first.cells()[..3], ["Alcoa Inc.", "AA", "Q2 FY2007"]);
    let last = &lib.entries[*list.visible.last().unwrap()];
    assert_eq!(last.cells()[4], "error");
    assert!(
        last.cells()[5].contains("broken.json"),
        "{:?}",
        last.cells()
    );
    // Words of the filter in any column, case ignored. (Not "q2 FY2008": the path is a
    // column too, and a temporary directory's random name can hold "q2", which made this
    // match all four 2008 quarters now and then.)
    list.set_filter(&lib, "ALCOA 2008-07-08");
    assert_eq!(list.visible.len(), 1);
    let q2 = list.visible[0];
    assert_eq!(lib.entries[q2].period.as_deref(), Some("Q2 FY2008"));
    // `]` and `[`: the next and previous release of the same company.
    let next = lib.sibling(q2, 1).unwrap();
    assert_eq!(lib.entries[next].period.as_deref(), Some("Q3 FY2008"));
    let prev = lib.sibling(q2, -1).unwrap();
    assert_eq!(lib.entries[prev].period.as_deref(), Some("Q1 FY2008"));
    assert_eq!(lib.sibling(lib.groups[0].entries[0], -1), None);
    // Selecting a release the filter hides clears the filter; the place is kept on refresh.
    list.select_entry(&lib, next);
    assert!(list.filter.is_empty());
    assert_eq!(
        list.entry(&lib).unwrap().period.as_deref(),
        Some("Q3 FY2008")
    );
    list.set_filter(&lib, "alcoa");
    assert_eq!(list.visible.len(), 9);
    assert_eq!(
        list.entry(&lib).unwrap().period.as_deref(),
        Some("Q3 FY2008")
    );
    list.step(100);
    assert_eq!(
        list.entry(&lib).unwrap().period.as_deref(),
        Some("Q2 FY2009")
    );
    list.step(-100);
    assert_eq!(
        list.entry(&lib).unwrap().period.as_deref(),
        Some("Q2 FY2007")
    );
    // What changed in Q3 FY2008 against Q2 FY2008, from the library.
    let d = lib.what_changed(next).unwrap();
    assert_eq!(d.old.period.as_deref(), Some("Q2 FY2008"));
    assert_eq!(d.new.period.as_deref(), Some("Q3 FY2008"));
}

#[test]
fn a_hostile_file_name_reaches_no_output_as_control_characters() {
    let dir = tempfile::tempdir().unwrap();
    let names = ["q1\u{1b}]0;owned\u{7}.txt", "q2\u{1b}[2J.txt"];
    let sources = [
        "alcoa-q1-2009-results-8k-lee2014.txt",
        "alcoa-q2-2009-results-8k-lee2014.txt",
    ];
    for (n, s) in names.iter().zip(sources) {
        std::fs::copy(path(s), dir.path().join(n)).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    for extra in [&[][..], &["--json"][..], &["--csv"][..]] {
        let mut args = vec!["series", d];
        args.extend(extra);
        let r = run(&args);
        assert_eq!(r.code, 0, "{}", r.stderr);
        common::assert_no_control_bytes(r.stdout.as_bytes(), "series output");
        // The name stays recognisable, its control characters shown as `?`.
        assert!(r.stdout.contains("owned?.txt"), "{}", r.stdout);
    }
    let (a, b) = (dir.path().join(names[0]), dir.path().join(names[1]));
    let r = run(&["diff", a.to_str().unwrap(), b.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    common::assert_no_control_bytes(r.stdout.as_bytes(), "diff output");
}

/// `irview export` on a library writes what `irview series` and `irview diff` print, by the one
/// writer the viewer's `e` uses (src/library/markdown.rs); the rows carry the Series' values.
#[test]
fn export_writes_the_series_and_what_changed_of_a_library() {
    let files = alcoa();
    let names: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    let export = |extra: &[&str]| {
        let mut args = vec!["export"];
        args.extend(&names);
        args.extend(extra);
        run(&args)
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("alcoa-series.md");
    let out_s = out.to_str().unwrap();
    let r = export(&["--pane", "series", "-o", out_s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(
        md,
        series(&[]).stdout,
        "export --pane series is irview series"
    );
    // Each cell of the JSON Series is a row of its metric's table: period, value's release and
    // line (the value itself as format::value writes it, checked on a few by hand below).
    let s = series_json();
    let mut rows = 0;
    for m in s["metrics"].as_array().unwrap() {
        let label = m["label"].as_str().unwrap();
        let head = format!("\n## {label}\n");
        let at = md
            .find(&head)
            .unwrap_or_else(|| panic!("no table for {label}"));
        let table = md[at + head.len()..].split("\n## ").next().unwrap();
        for v in m["values"].as_array().unwrap() {
            let start = format!("| {} | ", v["period"].as_str().unwrap());
            let row = table
                .lines()
                .find(|l| l.starts_with(&start))
                .unwrap_or_else(|| panic!("{label} {}: no row", v["period"]));
            let want = format!(" | {} | {} | ", v["release"].as_str().unwrap(), v["line"]);
            assert!(row.contains(&want), "{label}: {row} lacks {want}");
            rows += 1;
        }
    }
    assert!(rows > 50, "only {rows} rows checked");
    // Read by hand in the releases: Q4 2008 revenue $5.7 billion (line 55 of its release), Q2
    // 2007 revenue $8.1 billion recast to $6.8 billion a year later.
    assert!(md.contains(&format!(
        "| Q4 FY2008 | $5.7B | {} | 55 |",
        path("alcoa-q4-2008-results-8k-lee2014.txt")
    )));
    assert!(md.contains(&format!(
        "| $6.8B in {} (line 57) |",
        path("alcoa-q2-2008-results-8k-lee2014.txt")
    )));

    // What changed: the latest release (Q2 2009) against the one before (Q1 2009), as `diff`.
    let q1 = path("alcoa-q1-2009-results-8k-lee2014.txt");
    let q2 = path("alcoa-q2-2009-results-8k-lee2014.txt");
    let changes = export(&["--pane", "changes"]);
    assert_eq!(changes.code, 0, "{}", changes.stderr);
    assert_eq!(changes.stdout, run(&["diff", &q1, &q2]).stdout);
    assert!(changes.stdout.starts_with("# What changed — Alcoa Inc.\n"));
    // All (the default of a library): both, as the viewer's Series tab writes them.
    let all = export(&[]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    assert_eq!(all.stdout, format!("{md}\n{}", changes.stdout));
    // A folder is a library too.
    let folder = tempfile::tempdir().unwrap();
    for p in &files {
        std::fs::copy(p, folder.path().join(p.file_name().unwrap())).unwrap();
    }
    let r = run(&[
        "export",
        folder.path().to_str().unwrap(),
        "--pane",
        "series",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# Series — Alcoa Inc. (AA)\n"));

    // OUT is not replaced without --force, and is with it.
    assert_one_line_error(
        &export(&["--pane", "series", "-o", out_s]),
        "already exists",
    );
    let r = export(&["--pane", "changes", "-o", out_s, "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), changes.stdout);
}

#[test]
fn export_of_a_library_errors_say_one_line_and_exit_2() {
    let good = path("alcoa-q1-2008-results-8k-lee2014.txt");
    let next = path("alcoa-q2-2008-results-8k-lee2014.txt");
    let pericom = path("pericom-q1-fy2006-8k-submission.txt");
    let r = run(&[
        "export",
        &good,
        &next,
        "--company",
        "Pericom",
        "--pane",
        "series",
    ]);
    assert_one_line_error(&r, "no release of 'Pericom'");
    assert!(
        r.stderr.contains("Alcoa Inc. (AA) (2 releases)"),
        "{}",
        r.stderr
    );
    let r = run(&["export", &good, &pericom, "--pane", "series"]);
    assert_one_line_error(&r, "--company");
    assert!(
        r.stderr.contains("Pericom") && r.stderr.contains("Alcoa"),
        "{}",
        r.stderr
    );
    let r = run(&[
        "export",
        &good,
        &pericom,
        "--company",
        "AA",
        "--pane",
        "series",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // What changed needs two releases of the company.
    assert_one_line_error(
        &run(&["export", &good, "--pane", "changes"]),
        "what changed needs an earlier one",
    );
    // A file that does not load, named beside a good one.
    let missing = format!("{CORPUS}/no-such-release.txt");
    assert_one_line_error(
        &run(&["export", &good, &missing, "--pane", "series"]),
        "no-such-release.txt",
    );
    // A release's pane of several files, and the flags of the other mode.
    assert_one_line_error(
        &run(&["export", &good, &next, "--pane", "risks"]),
        "--pane risks exports one release",
    );
    assert_one_line_error(
        &run(&["export", &good, &next, "--document", "1"]),
        "--document",
    );
    assert_one_line_error(
        &run(&["export", &good, "--company", "AA", "--pane", "risks"]),
        "--company",
    );
}

/// Alcoa's net income went from a $268 million profit (Q3 FY2008) to a $1.19 billion loss (Q4
/// FY2008), then stayed a loss: no percent change across the change of sign or from a loss
/// base (once "-544%"), as the Comparison pane gives none; the change itself stays.
#[test]
fn no_percent_change_across_a_change_of_sign_or_from_a_loss() {
    let s = series_json();
    let ni = s["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["metric"] == "net_income" && m["label"] == "Net income")
        .expect("net income");
    let cell = |p: &str| {
        ni["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["period"] == p)
            .unwrap_or_else(|| panic!("net income {p}"))
            .clone()
    };
    let q4 = cell("Q4 FY2008");
    assert_eq!(q4["value"], -1_190_000_000i64);
    assert_eq!(q4["qoq"]["against"], "Q3 FY2008");
    assert_eq!(q4["qoq"]["change"], -1_458_000_000i64);
    assert!(q4["qoq"]["change_pct"].is_null(), "{}", q4["qoq"]);
    assert!(q4["yoy"]["change_pct"].is_null(), "{}", q4["yoy"]);
    // From a loss to a loss: no percent either.
    let q1 = cell("Q1 FY2009");
    assert!(q1["value"].as_i64().unwrap() < 0, "{}", q1["value"]);
    assert!(q1["qoq"]["change_pct"].is_null(), "{}", q1["qoq"]);
    // Profit to profit keeps its percent: Q3 FY2008 $268M against Q2's $546M.
    assert_eq!(cell("Q3 FY2008")["qoq"]["change_pct"], -50.9);
    // The Markdown and the CSV leave the percent out the same way.
    let md = series(&[]).stdout;
    let row = md
        .lines()
        .find(|l| l.starts_with("| Q4 FY2008 | -$1.19B |"))
        .expect("net income Q4 FY2008 row");
    assert!(
        row.contains("| -$1.458B | -$1.822B |") && !row.contains('%'),
        "{row}"
    );
    let csv = series(&["--csv"]).stdout;
    let row = csv
        .lines()
        .find(|l| l.starts_with("net_income,Net income,GAAP,USD,Q4 FY2008,"))
        .expect("net income Q4 FY2008 CSV row");
    let cells: Vec<&str> = row.split(',').collect();
    assert_eq!((cells[11], cells[12]), ("-1458000000", ""), "{row}");
}
