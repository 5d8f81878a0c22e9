//! The irview binary as a user meets it: every subcommand, its exit codes and its messages.

mod common;
use assert_cmd::Command;
use assert_cmd::cargo::CommandCargoExt;
use common::{TEST_CACHE, assert_one_line_error, run, run_as};
use std::path::{Path, PathBuf};
use std::process::Stdio;

const SONUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/corpus/sonus-networks-2006q4-ex99.1.txt"
);

fn irview() -> Command {
    let mut c = Command::cargo_bin("irview").unwrap();
    c.env_remove("NO_COLOR").env("XDG_CACHE_HOME", TEST_CACHE);
    c
}

/// Who to run irview as so that file permissions apply: `Some(None)` for this user when it is
/// not root; as root (who ignores permissions, as on CI), `Some(Some(uid))` of the unprivileged
/// user `nobody` when it can run irview on the corpus here; `None` when neither can be had.
/// `dir` (a test's temp dir) is opened to others so that `nobody` can reach into it.
fn unprivileged(dir: &Path) -> Option<Option<u32>> {
    use std::os::unix::fs::PermissionsExt;
    if permissions_apply(dir) {
        return Some(None);
    }
    const NOBODY: u32 = 65534;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let probe = std::panic::catch_unwind(|| run_as(Some(NOBODY), &["json", SONUS]));
    probe.ok().filter(|r| r.code == 0).map(|_| Some(NOBODY))
}

/// Root ignores file permissions: permission tests only mean something for other users.
fn permissions_apply(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join("probe");
    std::fs::create_dir(&probe).unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o555)).unwrap();
    let denied = std::fs::write(probe.join("x"), "x").is_err();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&probe).unwrap();
    denied
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---------------------------------------------------------------- help and version

#[test]
fn help_explains_every_command_with_examples() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    for word in [
        "json",
        "export",
        "search",
        "Examples",
        "--mouse",
        "Exit status",
    ] {
        assert!(r.stdout.contains(word), "--help lacks {word}");
    }
    for (cmd, words) in [
        ("json", &["FILE", "Example"][..]),
        (
            "export",
            &["--pane", "--output", "--force", "Example", "risks"][..],
        ),
        (
            "search",
            &[
                "--regex",
                "--case-sensitive",
                "--json",
                "--color",
                "Example",
                "Exit status",
            ][..],
        ),
    ] {
        let r = run(&[cmd, "--help"]);
        assert_eq!(r.code, 0, "{cmd} --help");
        for w in words {
            assert!(r.stdout.contains(w), "{cmd} --help lacks {w}");
        }
    }
}

#[test]
fn version_prints_the_crate_version() {
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.trim(),
        format!("irview {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn unknown_arguments_exit_2() {
    assert_eq!(run(&["export", SONUS, "--pane", "bogus"]).code, 2);
    assert_eq!(run(&["search", "x"]).code, 2); // PATH is required
    assert_eq!(run(&["json", "--nope"]).code, 2);
}

// ---------------------------------------------------------------- json

#[test]
fn json_prints_a_release_that_reads_back() {
    let r = run(&["json", SONUS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let text = v["document"]["text"].as_str().unwrap();
    assert!(text.contains("Sonus"));
    // Round trip: the JSON opens again as the same release.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("sonus.json");
    std::fs::write(&p, &r.stdout).unwrap();
    let again = run(&["json", s(&p)]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let w: serde_json::Value = serde_json::from_str(&again.stdout).unwrap();
    assert_eq!(w["document"], v["document"]);
    assert_eq!(w["highlights"], v["highlights"]);
}

#[test]
fn json_without_a_file_prints_the_sample() {
    let r = run(&["json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert!(v["document"]["text"].as_str().unwrap().contains("Sonus"));
}

#[test]
fn json_reads_stdin() {
    let out = irview()
        .args(["json", "-"])
        .pipe_stdin(SONUS)
        .unwrap()
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["document"]["text"].as_str().unwrap().contains("Sonus"));
}

#[test]
fn bad_inputs_are_one_line_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let write = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let sonus_json = run(&["json", SONUS]).stdout;
    let cases: Vec<(PathBuf, &str)> = vec![
        (d.to_path_buf(), "directory"),
        (d.join("missing.txt"), "no such file"),
        (write("empty.txt", b""), "empty"),
        (write("blank.txt", b"  \n\n \t\n"), "empty"),
        (
            write(
                "image.png",
                b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0",
            ),
            "binary",
        ),
        (
            write(
                "truncated.json",
                &sonus_json.as_bytes()[..sonus_json.len() / 2],
            ),
            "JSON",
        ),
        (write("shape.json", br#"{"name": "not a release"}"#), "JSON"),
    ];
    for (path, reason) in &cases {
        for args in [
            vec!["json", s(path)],
            vec!["export", s(path)],
            vec!["search", "revenue", s(path)],
        ] {
            let r = run(&args);
            if args[0] == "search" && *reason != "no such file" && *reason != "directory" {
                // search rules a file out on its bytes first; an explicit bad file that cannot
                // match is simply not a match.
                assert!(matches!(r.code, 1 | 2), "{args:?}");
                assert!(r.stdout.is_empty());
                continue;
            }
            if args[0] == "search" && *reason == "directory" {
                continue; // a directory is walked, not an error
            }
            if args[0] == "export" && *reason == "directory" {
                // A directory is a library for export (its Series): of files none of which
                // loads, one line that says so.
                assert_one_line_error(&r, path.to_str().unwrap());
                assert!(r.stderr.contains("did not load"), "{}", r.stderr);
                continue;
            }
            let name = path.file_name().unwrap().to_str().unwrap();
            assert_one_line_error(&r, name);
            assert!(
                r.stderr.to_lowercase().contains(&reason.to_lowercase()),
                "{args:?}: {} lacks {reason}",
                r.stderr
            );
        }
    }
    // The viewer itself refuses bad files the same way, before touching the terminal.
    let r = run(&[s(&d.join("missing.txt"))]);
    assert_one_line_error(&r, "missing.txt");
}

#[test]
fn unreadable_file_is_a_one_line_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let Some(uid) = unprivileged(dir.path()) else {
        eprintln!("skipped: root, and user nobody cannot run irview from here");
        return;
    };
    let p = dir.path().join("locked.txt");
    std::fs::copy(SONUS, &p).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o000)).unwrap();
    let r = run_as(uid, &["json", s(&p)]);
    assert_one_line_error(&r, "locked.txt");
    assert!(r.stderr.contains("permission denied"), "{}", r.stderr);
    // search reports it and goes on with the others.
    let r = run_as(uid, &["search", "Sonus", s(&p), SONUS]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1);
    assert!(r.stderr.contains("locked.txt"));
}

#[test]
fn submission_without_a_release_exhibit_is_an_error() {
    let sub = "<SEC-DOCUMENT>0000000000-07-000001.txt : 20070228\n<SEC-HEADER>\n\
CONFORMED SUBMISSION TYPE:\t8-K\nFILED AS OF DATE:\t\t20070228\n</SEC-HEADER>\n\
<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>2\n<FILENAME>ex10.txt\n<TEXT>\nEMPLOYMENT AGREEMENT\n\n\
This agreement is made between the parties.\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n";
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("no-ex99.txt");
    std::fs::write(&p, sub).unwrap();
    let r = run(&["json", s(&p)]);
    assert_one_line_error(&r, "no-ex99.txt");
}

/// A real 8-K with no press release (an inline-XBRL 8-K, an EX-10.1 agreement): it opens as the 8-K
/// itself, an event release, rather than failing.
#[test]
fn an_8k_without_a_release_opens_as_itself() {
    let p = format!(
        "{}/tests/filings/nvidia-2026-8k-no-release-submission.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let r = run(&["json", &p]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(j["kind"], "event");
    assert_eq!(j["company"]["name"], "NVIDIA Corporation");
    assert_eq!(j["file"]["releases"][0]["type"], "8-K");
    assert!(j["period"]["label"].is_null());
}

/// `irview json x | head -1`: the reader leaves early; irview must exit quietly. The read end
/// is closed before irview writes anything, so its first write already meets a closed pipe.
#[test]
fn closed_pipe_is_not_an_error() {
    for args in [
        vec!["json", SONUS],
        vec!["export", SONUS],
        vec!["search", "--color", "never", "the", SONUS],
        vec!["search", "--json", "the", SONUS],
    ] {
        let mut child = std::process::Command::cargo_bin("irview")
            .unwrap()
            .env("XDG_CACHE_HOME", TEST_CACHE)
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert!(
            matches!(out.status.code(), Some(0)),
            "{args:?}: {:?}",
            out.status
        );
    }
}

// ---------------------------------------------------------------- export

#[test]
fn export_writes_markdown_to_stdout() {
    let r = run(&["export", SONUS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("# "));
    for t in [
        "Release",
        "Highlights",
        "Quarter comparison",
        "Restatement",
        "Risk factors",
    ] {
        assert!(r.stdout.contains(&format!("\n## {t}\n")), "no {t}");
    }
    let r = run(&["export", SONUS, "--pane", "risks"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.matches("\n## ").count(), 1);
    assert!(r.stdout.contains("\n## Risk factors\n"));
}

#[test]
fn export_output_refuses_to_clobber_and_force_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sonus.md");
    std::fs::write(&out, "old").unwrap();
    let r = run(&["export", SONUS, "-o", s(&out)]);
    assert_one_line_error(&r, "sonus.md");
    assert!(r.stderr.contains("--force"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");

    let r = run(&["export", SONUS, "-o", s(&out), "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty());
    let md = std::fs::read_to_string(&out).unwrap();
    assert_eq!(md, run(&["export", SONUS]).stdout);

    let fresh = dir.path().join("risks.md");
    let r = run(&["export", SONUS, "--pane", "risks", "--output", s(&fresh)]);
    assert_eq!(r.code, 0);
    assert!(
        std::fs::read_to_string(&fresh)
            .unwrap()
            .contains("## Risk factors")
    );
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn export_output_errors_leave_old_files_intact() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    // A path inside a missing directory.
    let missing = dir.path().join("nope").join("out.md");
    let r = run(&["export", SONUS, "-o", s(&missing)]);
    assert_one_line_error(&r, "out.md");
    assert!(!missing.exists());
    // A directory as OUT.
    let r = run(&["export", SONUS, "-o", s(dir.path()), "--force"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("directory"), "{}", r.stderr);

    let Some(uid) = unprivileged(dir.path()) else {
        eprintln!("skipped read-only directory case: root, and user nobody cannot run irview");
        return;
    };
    let ro = dir.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    let out = ro.join("sonus.md");
    std::fs::write(&out, "old").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let r = run_as(uid, &["export", SONUS, "-o", s(&out), "--force"]);
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_one_line_error(&r, "sonus.md");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
    assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 1);
}

// ---------------------------------------------------------------- search

#[derive(Debug, serde::Deserialize, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Hit {
    path: String,
    pane: String,
    line: usize,
    start: usize,
    end: usize,
    text: String,
    context: String,
}

fn search_json(args: &[&str]) -> (i32, Vec<Hit>) {
    let mut all = vec!["search", "--json"];
    all.extend_from_slice(args);
    let r = run(&all);
    let hits = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (r.code, hits)
}

#[test]
fn search_prints_path_line_pane_text() {
    let r = run(&["search", "stock option review", SONUS]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = irview::load_path(Path::new(SONUS)).unwrap().document;
    let mut n = 0;
    for l in r.stdout.lines() {
        let rest = l.strip_prefix(&format!("{SONUS}:")).unwrap();
        let (line, rest) = rest.split_once(": ").unwrap();
        let (pane, text) = rest.split_once(": ").unwrap();
        let line: usize = line.parse().unwrap();
        if pane == "release" {
            // The text starts with the source line itself.
            assert!(text.starts_with(doc.line(line)), "{l}");
            n += 1;
        }
    }
    assert!(n >= 3, "{}", r.stdout);
    assert!(!r.stdout.contains('\x1b'), "no colour when not a terminal");
}

#[test]
fn search_exit_codes() {
    assert_eq!(run(&["search", "stock option review", SONUS]).code, 0);
    let none = run(&["search", "zebra crossing", SONUS]);
    assert_eq!(none.code, 1);
    assert!(none.stdout.is_empty() && none.stderr.is_empty());
    // An unreadable path is reported, the others are still searched.
    let r = run(&["search", "Sonus", "/nonexistent/x.txt", SONUS]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stderr.lines().count(), 1);
    assert!(r.stderr.contains("/nonexistent/x.txt"));
    assert!(r.stdout.contains(SONUS));
    // Errors and no match: 2.
    let r = run(&["search", "zebra crossing", "/nonexistent/x.txt", SONUS]);
    assert_eq!(r.code, 2);
    // Bad patterns.
    let r = run(&["search", "--regex", "(unclosed", SONUS]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("(unclosed"));
    assert_eq!(run(&["search", "  ", SONUS]).code, 2);
}

#[test]
fn search_json_spans_point_into_the_document() {
    let (code, hits) = search_json(&["stock option review", SONUS]);
    assert_eq!(code, 0);
    let r = irview::load_path(Path::new(SONUS)).unwrap();
    let text = &r.document.text;
    let release: Vec<&Hit> = hits.iter().filter(|h| h.pane == "release").collect();
    assert!(release.len() >= 3);
    for h in &release {
        assert_eq!(&text[h.start..h.end], h.text);
        assert_eq!(r.document.line_of(h.start), h.line);
        let words: Vec<&str> = h.text.split_whitespace().collect();
        assert_eq!(words.join(" ").to_lowercase(), "stock option review");
    }
    // A phrase broken over two lines is one match.
    assert!(release.iter().any(|h| h.text.contains('\n')), "{release:?}");
    // Pane rows: the match text is in the row's text, the span is the row's source.
    for h in hits.iter().filter(|h| h.pane != "release") {
        assert!(h.context.contains(&h.text));
        assert!(h.start <= h.end && h.end <= text.len());
    }
}

#[test]
fn search_finds_extracted_rows_too() {
    // Whatever rows the panes hold that mention the phrase, search lists each of them.
    let r = irview::load_path(Path::new(SONUS)).unwrap();
    let panes = irview::pane::build_panes(&r);
    let mut want = Vec::new();
    for p in panes
        .iter()
        .filter(|p| p.kind != irview::pane::PaneKind::Release)
    {
        for row in p.rows.iter().filter(|r| r.source.is_some()) {
            let text = row
                .cells
                .iter()
                .zip(&p.columns)
                .filter(|(_, c)| c.title != "Line" && c.title != "#")
                .map(|(c, _)| c.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join(" ");
            if text.to_lowercase().contains("deferred revenue") {
                want.push((p.kind.name().to_string(), row.source.unwrap().line));
            }
        }
    }
    let (_, hits) = search_json(&["deferred revenue", SONUS]);
    assert!(hits.iter().any(|h| h.pane == "release"));
    for w in &want {
        assert!(
            hits.iter().any(|h| (h.pane.clone(), h.line) == *w),
            "{w:?} not in {hits:?}"
        );
    }
}

#[test]
fn search_case_and_color() {
    let (_, smart) = search_json(&["sonus networks", SONUS]);
    let (_, exact) = search_json(&["--case-sensitive", "sonus networks", SONUS]);
    let (_, upper) = search_json(&["SONUS NETWORKS", SONUS]);
    assert!(smart.len() > upper.len() && !upper.is_empty());
    assert!(exact.len() < smart.len());
    assert!(upper.iter().all(|h| h.text.contains("SONUS")));

    let r = run(&["search", "--color", "always", "deferred revenue", SONUS]);
    assert!(r.stdout.contains("\x1b[1;31m"), "{}", r.stdout);
    let colored: Vec<&str> = r.stdout.lines().collect();
    let r = run(&["search", "--color", "never", "deferred revenue", SONUS]);
    assert!(!r.stdout.contains('\x1b'));
    assert_eq!(colored.len(), r.stdout.lines().count());
    let out = irview()
        .args(["search", "deferred revenue", SONUS])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'));
}

#[test]
fn search_walks_directories_and_reads_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("a/.hidden")).unwrap();
    std::fs::copy(SONUS, d.join("a/sonus.txt")).unwrap();
    std::fs::copy(SONUS, d.join("a/.hidden/sonus.txt")).unwrap();
    std::fs::copy(SONUS, d.join("a/.dotfile.txt")).unwrap();
    std::fs::copy(SONUS, d.join("a/sonus.png")).unwrap(); // not a release by its name
    std::fs::write(d.join("a/package.json"), r#"{"name": "deferred revenue"}"#).unwrap();
    std::fs::write(d.join("a/empty.txt"), "").unwrap();
    let (code, hits) = search_json(&["deferred revenue", s(d)]);
    assert_eq!(code, 0);
    let paths: std::collections::BTreeSet<&str> = hits.iter().map(|h| h.path.as_str()).collect();
    let want = d.join("a/sonus.txt");
    assert_eq!(paths.into_iter().collect::<Vec<_>>(), vec![s(&want)]);
    let r = run(&["search", "deferred revenue", s(d)]);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    // An irview JSON release found in a directory is searched.
    std::fs::write(d.join("a/sonus.json"), run(&["json", SONUS]).stdout).unwrap();
    let (_, hits) = search_json(&["deferred revenue", s(d)]);
    assert!(hits.iter().any(|h| h.path.ends_with("sonus.json")));

    let out = irview()
        .args(["search", "--json", "deferred revenue", "-"])
        .pipe_stdin(SONUS)
        .unwrap()
        .output()
        .unwrap();
    assert!(out.status.success());
    let first: Hit =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first.path, "-");
}

// ---------------------------------------------------------------- size

#[test]
fn an_input_over_the_size_limit_is_a_one_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    // Sparse: 64 MB + 1 byte without writing them.
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(irview::ingest::MAX_INPUT + 1).unwrap();
    let r = run(&["json", s(&p)]);
    assert_one_line_error(&r, "huge.txt");
    assert!(r.stderr.contains("larger than 64 MB"), "{}", r.stderr);
}

#[test]
fn a_50_mb_release_is_searched_by_a_scan_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("fifty.txt");
    let unit = std::fs::read(SONUS).unwrap();
    let mut big = Vec::with_capacity(50 << 20);
    while big.len() < 50 << 20 {
        big.extend_from_slice(&unit);
    }
    std::fs::write(&p, &big).unwrap();
    // No match: the raw-byte prefilter answers without loading (exit 1, nothing printed).
    let r = run(&["search", "zebra crossing", s(&p)]);
    assert_eq!((r.code, r.stdout.as_str(), r.stderr.as_str()), (1, "", ""));
    // (Loading all 50 MB takes seconds in a release build: benches/ingest.rs measures it.)
}

// ---------------------------------------------------------------- several releases in one filing

fn corpus(name: &str) -> String {
    format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

const ALCOA_TWO: &str = "alcoa-2013-baie-comeau-two-releases-8k-lee2014.txt";

fn json_of(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["json"];
    all.extend_from_slice(args);
    let r = run(&all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap()
}

/// `file.releases` as (document, type, title).
fn releases(v: &serde_json::Value) -> Vec<(u64, String, String)> {
    v["file"]["releases"]
        .as_array()
        .expect("file.releases is a list")
        .iter()
        .map(|r| {
            (
                r["document"].as_u64().unwrap(),
                r["type"].as_str().unwrap().to_string(),
                r["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn json_lists_every_release_of_a_flattened_8k_and_picks_by_content() {
    let v = json_of(&[&corpus(ALCOA_TWO)]);
    let list = releases(&v);
    assert_eq!(
        list,
        [
            (
                2,
                "EX-99.1".to_string(),
                "Alcoa Revises Schedule for Modernization of Baie-Comeau Smelter".to_string()
            ),
            (
                3,
                "EX-99.2".to_string(),
                "Robert Wilt Named President of Alcoa Global Primary Products".to_string()
            ),
        ]
    );
    // Neither reports results: the first narrative one, and picked says what the other is.
    let picked = v["file"]["picked"].as_str().unwrap();
    assert!(picked.starts_with("EX-99.1 (document 2 of 3"), "{picked}");
    assert!(picked.contains("no results release"), "{picked}");
    assert!(
        picked.contains("EX-99.2 is a management-change notice"),
        "{picked}"
    );
    assert_eq!(v["title"], list[0].2.as_str());
    // The release is its own exhibit, not the other one run on after it.
    let text = v["document"]["text"].as_str().unwrap();
    assert!(text.contains("Baie-Comeau") && !text.contains("Robert Wilt"));
}

#[test]
fn document_flag_opens_the_other_release_by_number_or_type() {
    let file = corpus(ALCOA_TWO);
    let default = json_of(&[&file]);
    for choice in ["3", "EX-99.2", "ex-99.2", "EX-99.02"] {
        let v = json_of(&[&file, "--document", choice]);
        assert_eq!(
            v["title"], "Robert Wilt Named President of Alcoa Global Primary Products",
            "--document {choice}"
        );
        // The same list, whichever release is open; picked says it was asked for.
        assert_eq!(releases(&v), releases(&default));
        let picked = v["file"]["picked"].as_str().unwrap();
        assert!(picked.starts_with("EX-99.2 (document 3 of 3"), "{picked}");
        assert!(picked.contains("chosen with --document"), "{picked}");
        assert!(picked.contains("the default is EX-99.1"), "{picked}");
        let text = v["document"]["text"].as_str().unwrap();
        assert!(text.contains("Robert Wilt") && !text.contains("Baie-Comeau Smelter"));
    }
    // The JSON of another release opens again with its list.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("wilt.json");
    let r = run(&["json", &file, "--document", "3"]);
    std::fs::write(&p, &r.stdout).unwrap();
    let again = json_of(&[s(&p)]);
    assert_eq!(releases(&again), releases(&default));
    assert_eq!(
        again["file"]["picked"],
        json_of(&[&file, "--document", "3"])["file"]["picked"]
    );
}

#[test]
fn submissions_list_their_releases_and_the_results_release_is_picked() {
    // One results release beside five exhibits of tables.
    let v = json_of(&[&corpus("southern-co-q4-2004-8k-multifiler-submission.txt")]);
    let list = releases(&v);
    let types: Vec<&str> = list.iter().map(|r| r.1.as_str()).collect();
    assert_eq!(
        types,
        [
            "EX-99.01", "EX-99.02", "EX-99.03", "EX-99.04", "EX-99.05", "EX-99.06"
        ]
    );
    assert_eq!(list[1].2, "Southern Company Financial Highlights");
    let picked = v["file"]["picked"].as_str().unwrap();
    assert!(
        picked.starts_with("EX-99.01 x9901.txt (document 2 of 7): the results release;"),
        "{picked}"
    );
    assert!(picked.contains("are tables-only supplements"), "{picked}");
    // A type names its exhibit however it is numbered.
    let v = json_of(&[
        &corpus("southern-co-q4-2004-8k-multifiler-submission.txt"),
        "--document",
        "EX-99.2",
    ]);
    assert!(
        v["file"]["picked"]
            .as_str()
            .unwrap()
            .starts_with("EX-99.02")
    );
    // An exhibit typed EX-99 but described "EXHIBIT 99.1" answers to both.
    let entrada = corpus("entrada-2001-restructuring-subsidiary-outlook-8k-submission.txt");
    for t in ["EX-99", "EX-99.1", "2"] {
        let v = json_of(&[&entrada, "--document", t]);
        assert_eq!(releases(&v)[0].1, "EX-99", "--document {t}");
        assert!(
            v["document"]["text"]
                .as_str()
                .unwrap()
                .contains("Silverline")
        );
    }
    // An exhibit of 1995 press releases typed EX-20.1 is a release, not the 8-K beside it.
    let v = json_of(&[&corpus(
        "cisco-1995-combinet-two-releases-8k-submission.txt",
    )]);
    assert_eq!(
        releases(&v),
        [(
            2,
            "EX-20.1".to_string(),
            "CISCO SYSTEMS TO ACQUIRE COMBINET INC.".to_string()
        )]
    );
    // The 8-K itself can still be opened by its number.
    let v = json_of(&[
        &corpus("cisco-1995-combinet-two-releases-8k-submission.txt"),
        "--document",
        "1",
    ]);
    assert!(
        v["file"]["picked"]
            .as_str()
            .unwrap()
            .starts_with("8-K (document 1 of 2)")
    );
}

#[test]
fn a_plain_release_lists_itself_as_document_1() {
    let v = json_of(&[SONUS]);
    let list = releases(&v);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].0, 1);
    assert!(list[0].2.starts_with("SONUS NETWORKS REPORTS"), "{list:?}");
    assert_eq!(json_of(&[SONUS, "--document", "1"])["title"], v["title"]);
    let r = run(&["json", SONUS, "--document", "2"]);
    assert_one_line_error(&r, "sonus-networks-2006q4-ex99.1.txt");
    assert!(r.stderr.contains("one release"), "{}", r.stderr);
}

#[test]
fn a_document_the_file_does_not_have_is_one_line_listing_its_releases() {
    let file = corpus(ALCOA_TWO);
    for bad in ["9", "0", "EX-99.7", "EX-10.1"] {
        for cmd in [
            vec!["json", file.as_str(), "--document", bad],
            vec!["export", file.as_str(), "--document", bad],
            vec![file.as_str(), "--document", bad],
            vec!["search", "Alcoa", file.as_str(), "--document", bad],
        ] {
            let r = run(&cmd);
            assert_one_line_error(&r, ALCOA_TWO);
            assert!(
                r.stderr.contains("2 EX-99.1 \"Alcoa Revises")
                    && r.stderr.contains("3 EX-99.2 \"Robert Wilt"),
                "{cmd:?}: {}",
                r.stderr
            );
        }
    }
    // A document that is not text (an XBRL schema) is refused the same way.
    let adobe = corpus("adobe-q1-fy2023-8k-submission.txt");
    let r = run(&["json", &adobe, "--document", "3"]);
    assert_one_line_error(&r, "adobe-q1-fy2023-8k-submission.txt");
    assert!(r.stderr.contains("EX-101.SCH, not text"), "{}", r.stderr);
}

#[test]
fn export_and_search_take_the_document_flag() {
    let file = corpus(ALCOA_TWO);
    let r = run(&["export", &file, "--pane", "release"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Baie-Comeau") && !r.stdout.contains("Robert Wilt"));
    let r = run(&[
        "export",
        &file,
        "--pane",
        "release",
        "--document",
        "EX-99.2",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Robert Wilt"), "{}", r.stdout);
    assert!(
        r.stdout.contains("Document: EX-99.2 (document 3 of 3"),
        "{}",
        r.stdout
    );

    // Search reads the release it is given: the default, or the one named.
    assert_eq!(run(&["search", "Robert Wilt", &file]).code, 1);
    let (code, hits) = search_json(&["Robert Wilt", &file, "--document", "3"]);
    assert_eq!(code, 0);
    assert!(
        hits.iter()
            .any(|h| h.pane == "release" && h.text == "Robert Wilt")
    );
    // Over a folder, files without that document are passed over, not errors.
    let dir = format!("{}/tests/corpus", env!("CARGO_MANIFEST_DIR"));
    let r = run(&["search", "Robert Wilt", &dir, "--document", "EX-99.2"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    assert!(
        r.stdout.lines().all(|l| l.contains(ALCOA_TWO)),
        "{}",
        r.stdout
    );
}
