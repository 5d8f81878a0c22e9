//! Shared by the no-panic test files: the whole pipeline a user can drive, and what its outputs
//! must never hold.
//!
//! Each test file includes this module and uses only part of it.
#![allow(dead_code)]

use irview::search::{Query, search_all};

/// Where spawned binaries keep their cache of extracted releases: the build's temp dir, never
/// the real ~/.cache.
pub const TEST_CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/irview-test-cache");
use serde_json::Value;

/// Load, build the panes, search them, export and serialize: every step a user can reach. Every
/// output must be free of control characters (#14): the Release's strings, the panes' cells
/// (what the viewer draws and search prints), the Markdown and the JSON.
pub fn pipeline(bytes: &[u8], name: &str) {
    let Ok(r) = irview::load_bytes(bytes, name) else {
        return;
    };
    let panes = irview::pane::build_panes(&r);
    if let Ok(re) = Query::phrase("revenue").compile() {
        let _ = search_all(&panes, &r.document.text, &re);
    }
    let refs: Vec<&irview::pane::Pane> = panes.iter().collect();
    let md = irview::export::markdown(&r, &refs);
    assert_no_control(&md, "Markdown");
    for p in &panes {
        for row in &p.rows {
            for c in &row.cells {
                assert_no_control(c, p.title());
            }
        }
    }
    let json = serde_json::to_string(&r).expect("a Release serializes");
    assert_no_control_bytes(json.as_bytes(), "JSON");
    let v: Value = serde_json::from_str(&json).expect("its JSON parses");
    assert_strings_clean(&v);
}

/// No control character but newline.
pub fn assert_no_control(s: &str, what: &str) {
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| c.is_control() && c != '\n') {
        panic!(
            "{what}: control character {c:?} at {i} in {:?}",
            s.get(i.saturating_sub(30)..).unwrap_or(s)
        );
    }
}

/// No raw control byte: C0 but newline and tab, DEL, or a UTF-8 C1 control.
pub fn assert_no_control_bytes(b: &[u8], what: &str) {
    for (i, &x) in b.iter().enumerate() {
        let c1 = x == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
        assert!(
            !((x < 0x20 && x != b'\n' && x != b'\t') || x == 0x7f || c1),
            "{what}: control byte {x:#04x} at {i}"
        );
    }
}

fn assert_strings_clean(v: &Value) {
    match v {
        Value::String(s) => assert_no_control(s, "a string of the Release"),
        Value::Array(a) => a.iter().for_each(assert_strings_clean),
        Value::Object(o) => o.values().for_each(assert_strings_clean),
        _ => {}
    }
}

/// What a run of the real binary gave.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    run_as(None, args)
}

/// `run`, as user `uid` when given (the test must be root to switch).
pub fn run_as(uid: Option<u32>, args: &[&str]) -> Run {
    use assert_cmd::cargo::CommandCargoExt;
    use std::os::unix::process::CommandExt;
    let mut c = std::process::Command::cargo_bin("irview").unwrap();
    c.env_remove("NO_COLOR")
        .env("XDG_CACHE_HOME", TEST_CACHE)
        .args(args);
    if let Some(id) = uid {
        c.uid(id).gid(id);
    }
    let out = c.output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// An error as the user should see it: exit 2, nothing on stdout, one line on stderr that
/// starts with "irview: " and names the file.
pub fn assert_one_line_error(r: &Run, names: &str) {
    assert_eq!(r.code, 2, "exit code; stderr: {}", r.stderr);
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "stderr: {:?}", r.stderr);
    assert!(r.stderr.starts_with("irview: "), "stderr: {}", r.stderr);
    assert!(
        r.stderr.contains(names),
        "{:?} does not name {names}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
}
