//! Every input is untrusted (#14): releases in every format, irview's own JSON and file names
//! carrying terminal escape sequences, through every headless output of the real binary. No
//! output may hold an escape or another control byte but newline and tab, and the visible text
//! around the sequences must be kept.

mod common;
use assert_cmd::cargo::CommandCargoExt;
use common::TEST_CACHE;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Set the window title, write the clipboard, clear the screen, colour, and the C1 and DEL
/// forms a terminal may obey too.
const TITLE: &str = "\u{1b}]0;PWNED\u{7}";
const CLIPBOARD: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const RED: &str = "\u{1b}[31mRED\u{1b}[0m";
const C1: &str = "\u{9b}1m\u{9d}0;X\u{9c}\u{7f}";
/// What must never show, raw or as remains.
const REMAINS: [&str; 6] = ["PWNED", "ZXZpbA", "52;c", "[2J", "[31m", "0;X"];

const PANES: [&str; 6] = [
    "release",
    "highlights",
    "comparison",
    "restatement",
    "risks",
    "all",
];

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
}

fn irview(args: &[&std::ffi::OsStr]) -> Out {
    let out = std::process::Command::cargo_bin("irview")
        .unwrap()
        .env_remove("NO_COLOR")
        .env("XDG_CACHE_HOME", TEST_CACHE)
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

fn run(args: &[&str], file: &Path) -> Out {
    let mut a: Vec<&std::ffi::OsStr> = args.iter().map(|s| s.as_ref()).collect();
    a.push(file.as_os_str());
    irview(&a)
}

/// No ESC or other C0 byte but newline and tab, no DEL, no UTF-8 C1 control.
fn assert_clean(bytes: &[u8], what: &str) {
    let shown = String::from_utf8_lossy(bytes);
    for (i, &b) in bytes.iter().enumerate() {
        let c1 = b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
        assert!(
            !((b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f || c1),
            "{what}: control byte {b:#04x} at {i}: {:?}",
            shown
                .get(i.saturating_sub(40)..(i + 40).min(shown.len()))
                .unwrap_or(&shown)
        );
    }
    for r in REMAINS {
        assert!(!shown.contains(r), "{what}: {r:?} left in {shown}");
    }
}

/// Every string in a JSON value (but the file name, which is the user's) free of controls.
fn assert_clean_strings(v: &Value, what: &str) {
    match v {
        Value::String(s) => {
            assert!(
                !s.chars().any(|c| c.is_control() && c != '\n'),
                "{what}: {s:?}"
            );
            for r in REMAINS {
                assert!(!s.contains(r), "{what}: {r:?} left in {s:?}");
            }
        }
        Value::Array(a) => a.iter().for_each(|x| assert_clean_strings(x, what)),
        Value::Object(o) => {
            for (k, x) in o {
                if k != "path" {
                    assert_clean_strings(x, what);
                }
            }
        }
        _ => {}
    }
}

/// irview's JSON of the bundled sample, with the sequences in its title, company, dateline,
/// a figure, an event-free restatement summary, a risk, a block-free table cell and the text.
fn crafted_json() -> String {
    let out = irview(&["json".as_ref()]);
    assert_eq!(out.code, 0);
    let mut v: Value = serde_json::from_slice(&out.stdout).unwrap();
    v["title"] = format!("{TITLE}Evil {CLEAR}Title").into();
    v["company"]["name"] = format!("Acme{CLIPBOARD} Corp{C1}").into();
    v["dateline"]["text"] = format!("WESTFORD{RED}, Mass.").into();
    v["highlights"][0]["label"] = format!("{CLEAR}Revenues").into();
    v["highlights"][0]["text"] = format!("{TITLE}$79 million").into();
    v["restatement"]["summary"] = format!("Nothing {CLIPBOARD}here").into();
    v["risks"][0]["text"] = format!("{RED} risk of {CLEAR}loss").into();
    let text = v["document"]["text"].as_str().unwrap().to_string();
    assert!(text.starts_with("Exhibit 99.1"), "{}", &text[..40]);
    v["document"]["text"] = text
        .replacen("Exhibit", &format!("Exhibit{CLIPBOARD}{RED}"), 1)
        .into();
    serde_json::to_string_pretty(&v).unwrap()
}

fn release_body() -> String {
    format!(
        "Exhibit{CLIPBOARD}{RED} 99.1\n\nAcme{TITLE} Corp Reports{CLEAR} Third Quarter 2024 \
         Results{C1}\n\nRevenue was $5.2 million{CLEAR} for the quarter ended September 30, 2024.\n"
    )
}

/// The crafted releases, one a format, written into `dir`.
fn crafted(dir: &Path) -> Vec<PathBuf> {
    let body = release_body();
    let files = [
        ("crafted.json", crafted_json()),
        ("crafted.txt", body.clone()),
        (
            "crafted.md",
            format!(
                "# Acme{TITLE} Corp Results\n\n{}",
                body.replace("\n\n", "\n\n- ")
            ),
        ),
        (
            "crafted.htm",
            format!(
                "<html><head><title>T{TITLE}</title></head><body><h1>Acme{CLEAR} Corp</h1>\
                 <p>{}</p><p alt=\"{CLIPBOARD}\">x</p><table><tr><td>Revenue{RED}</td>\
                 <td>$5.2</td></tr></table></body></html>",
                body.replace("\n\n", "</p><p>")
            ),
        ),
    ];
    files
        .into_iter()
        .map(|(name, text)| {
            let p = dir.join(name);
            std::fs::write(&p, text).unwrap();
            p
        })
        .collect()
}

#[test]
fn crafted_releases_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    for f in crafted(dir.path()) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();

        let out = run(&["json"], &f);
        assert_eq!(
            out.code,
            0,
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_clean(&out.stdout, &format!("json {name}"));
        assert_clean(&out.stderr, &format!("json {name} (stderr)"));
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_clean_strings(&v, &format!("json {name}"));
        let text = v["document"]["text"].as_str().unwrap();
        assert!(
            text.contains("Exhibit") && text.contains("RED"),
            "{name}: {text}"
        );
        // What irview writes it reads back the same: the cleaned JSON is clean already.
        let again = dir.path().join(format!("{name}.again.json"));
        std::fs::write(&again, &out.stdout).unwrap();
        let back = run(&["json"], &again);
        let w: Value = serde_json::from_slice(&back.stdout).unwrap();
        assert_eq!(w["document"], v["document"], "{name}");
        assert_eq!(w["highlights"], v["highlights"], "{name}");

        for pane in PANES {
            let out = run(&["export", "--pane", pane], &f);
            assert_eq!(out.code, 0, "{name} {pane}");
            let what = format!("export --pane {pane} {name}");
            assert_clean(&out.stdout, &what);
            assert_clean(&out.stderr, &what);
            let md = String::from_utf8_lossy(&out.stdout);
            if pane == "release" || pane == "all" {
                assert!(md.contains("Exhibit") && md.contains("RED"), "{what}: {md}");
            }
        }

        for flags in [
            &["search", "--color", "never", "Exhibit"][..],
            &["search", "--json", "Exhibit"],
        ] {
            let out = run(flags, &f);
            let what = format!("{} {name}", flags.join(" "));
            assert_eq!(
                out.code,
                0,
                "{what}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_clean(&out.stdout, &what);
            assert_clean(&out.stderr, &what);
            let s = String::from_utf8_lossy(&out.stdout);
            assert!(s.contains("ExhibitRED"), "{what}: {s}");
            if flags.contains(&"--json") {
                for line in s.lines() {
                    let m: Value = serde_json::from_str(line).unwrap();
                    assert_clean_strings(&m, &what);
                }
            }
        }

        // With colour, irview's own sequences are the only ones: taken out, nothing is left.
        let out = run(&["search", "--color", "always", "Exhibit"], &f);
        let mut s = String::from_utf8(out.stdout).unwrap();
        for sgr in [
            "\u{1b}[1;31m",
            "\u{1b}[35m",
            "\u{1b}[32m",
            "\u{1b}[36m",
            "\u{1b}[0m",
        ] {
            s = s.replace(sgr, "");
        }
        assert_clean(s.as_bytes(), &format!("search --color always {name}"));
        assert!(s.contains("ExhibitRED"), "{s}");
    }
}

#[test]
fn the_json_release_keeps_its_visible_text() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("crafted.json");
    std::fs::write(&f, crafted_json()).unwrap();
    let v: Value = serde_json::from_slice(&run(&["json"], &f).stdout).unwrap();
    assert_eq!(v["title"], "Evil Title");
    assert_eq!(v["company"]["name"], "Acme Corp");
    assert_eq!(v["dateline"]["text"], "WESTFORDRED, Mass.");
    assert_eq!(v["highlights"][0]["label"], "Revenues");
    assert_eq!(v["risks"][0]["text"], "RED risk of loss");
    let md = String::from_utf8(run(&["export", "--pane", "all"], &f).stdout).unwrap();
    assert!(md.starts_with("# Acme Corp — Evil Title\n"), "{md}");
    // Every source still points into the cleaned text, on the line it names.
    let text = v["document"]["text"].as_str().unwrap();
    for item in v["highlights"].as_array().unwrap() {
        let (s, e) = (
            item["source"]["start"].as_u64().unwrap() as usize,
            item["source"]["end"].as_u64().unwrap() as usize,
        );
        assert!(text.get(s..e).is_some(), "{item}");
    }
}

#[test]
fn hostile_file_names_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let name = format!("evil{TITLE}name{CLEAR}.txt");
    let f = dir.path().join(&name);
    std::fs::write(&f, release_body()).unwrap();
    for args in [
        &["json"][..],
        &["export", "--pane", "all"],
        &["search", "Exhibit"],
        &["search", "--json", "Exhibit"],
    ] {
        let out = run(args, &f);
        let what = format!("{} <hostile name>", args.join(" "));
        assert_eq!(out.code, 0, "{what}");
        // The name itself keeps its letters ("PWNED" is part of it, so only bytes are checked).
        for (bytes, which) in [(&out.stdout, "stdout"), (&out.stderr, "stderr")] {
            assert!(
                !bytes
                    .iter()
                    .any(|&b| (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f),
                "{what} {which}: {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        if args[0] == "search" {
            assert!(String::from_utf8_lossy(&out.stdout).contains("evil?]0;PWNED?name?[2J.txt"));
        }
    }
    // Searching the directory names it too, and so do error lines.
    let out = irview(&[
        "search".as_ref(),
        "Exhibit".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("evil?]0;PWNED?name"));
    let missing = dir.path().join(format!("gone{CLIPBOARD}.txt"));
    for args in [&["json"][..], &["export"], &["search", "x"]] {
        let out = run(args, &missing);
        assert_eq!(out.code, 2);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.stderr.iter().any(|&b| b < 0x20 && b != b'\n'),
            "{err:?}"
        );
        assert!(err.contains("gone?]52;c;ZXZpbA==?.txt"), "{err}");
    }
}

#[test]
fn error_lines_that_quote_content_are_clean() {
    let dir = tempfile::tempdir().unwrap();
    // A parser's message quotes the value it refused.
    let f = dir.path().join("bad.json");
    std::fs::write(
        &f,
        r#"{"document": {"text": "a", "meta": {"format": "\u001b]0;PWNED\u0007x\u001b[2J"}}}"#,
    )
    .unwrap();
    let out = run(&["json"], &f);
    assert_eq!(out.code, 2);
    assert_clean(&out.stderr, "json bad.json (stderr)");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown variant"));
    // clap quotes a refused argument.
    let out = irview(&[
        "export".as_ref(),
        "--pane".as_ref(),
        format!("x{TITLE}{CLEAR}").as_ref(),
        "f".as_ref(),
    ]);
    assert_eq!(out.code, 2);
    assert_clean(&out.stderr, "clap error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid value 'x"));
    // A search pattern is echoed in its error.
    let out = irview(&[
        "search".as_ref(),
        "--regex".as_ref(),
        format!("({TITLE}").as_ref(),
        f.as_os_str(),
    ]);
    assert_eq!(out.code, 2);
    assert_clean(&out.stderr, "regex error");
}
