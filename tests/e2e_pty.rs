//! The real binary in a pseudo-terminal: open the sample, switch panes, search, step with `n`,
//! export a pane, quit — and read the screen as a terminal would show it (vt100).

mod common;
use common::TEST_CACHE;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 30;
const COLS: u16 = 100;

struct Tty {
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the viewer wrote to its terminal.
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

/// The viewer in a new pseudo-terminal of ROWS x COLS: the terminal's master side and the child.
fn open_viewer(
    cwd: &std::path::Path,
    args: &[&std::path::Path],
) -> (
    Box<dyn portable_pty::MasterPty + Send>,
    Box<dyn portable_pty::Child + Send + Sync>,
) {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: ROWS,
            cols: COLS,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_irview"));
    cmd.args(args);
    cmd.cwd(cwd);
    cmd.env("TERM", "xterm-256color");
    cmd.env_remove("NO_COLOR");
    cmd.env("XDG_CACHE_HOME", TEST_CACHE);
    // The config file is the test's own (cwd/irview/config.toml), never the developer's.
    cmd.env("XDG_CONFIG_HOME", cwd);
    cmd.env_remove("IRVIEW_CONFIG");
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    (pair.master, child)
}

impl Tty {
    fn spawn(cwd: &std::path::Path, args: &[&std::path::Path]) -> Tty {
        let (master, child) = open_viewer(cwd, args);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(ROWS).unwrap(),
            NonZeroU16::new(COLS).unwrap(),
            0,
        )));
        let mut reader = master.try_clone_reader().unwrap();
        let p = Arc::clone(&parser);
        let raw = Arc::new(Mutex::new(Vec::new()));
        let r = Arc::clone(&raw);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                r.lock().unwrap().extend_from_slice(&buf[..n]);
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = master.take_writer().unwrap();
        // The master must outlive the session; leak it into the reader's lifetime.
        std::mem::forget(master);
        Tty {
            screen: parser,
            raw,
            writer,
            child,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn status(&self) -> String {
        self.contents().lines().last().unwrap_or("").to_string()
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        // Keys sent back to back after Esc would read as Alt-key; give each a moment.
        std::thread::sleep(Duration::from_millis(40));
    }

    fn wait_for(&self, what: &str, f: impl Fn(&str) -> bool) -> String {
        self.wait_up_to(Duration::from_secs(5), what, f)
    }

    /// Start-up gets longer: a debug build extracts the sample slowly on a loaded machine.
    fn wait_started(&self) {
        self.wait_up_to(Duration::from_secs(30), "the tabs", |s| {
            s.contains("1 Release") && s.contains("5 Risk factors")
        });
    }

    fn wait_up_to(&self, limit: Duration, what: &str, f: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let c = self.contents();
            if f(&c) {
                return c;
            }
            if start.elapsed() > limit {
                panic!("timed out waiting for {what}; screen:\n{c}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_session_in_a_pseudo_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tty::spawn(dir.path(), &[]);
    t.wait_started();
    assert!(t.screen.lock().unwrap().screen().alternate_screen());
    assert!(
        t.contents()
            .contains("SONUS NETWORKS REPORTS FOURTH QUARTER")
    );

    // Switch panes by number, Tab and back.
    t.send("2");
    t.wait_for("Highlights", |s| {
        s.lines().last().unwrap_or("").contains("Highlights row")
    });
    t.send("\t");
    t.wait_for("comparison", |s| {
        s.lines()
            .last()
            .unwrap_or("")
            .contains("Quarter comparison row")
    });
    t.send("1");
    t.wait_for("Release", |s| {
        s.lines().last().unwrap_or("").contains("Release line 1/")
    });

    // Incremental search, kept with Enter, stepped with n.
    t.send("/");
    for c in "stock option".chars() {
        t.send(&c.to_string());
    }
    t.wait_for("a live counter", |s| {
        s.contains("/stock option") && s.contains("match 1/")
    });
    t.send("\r");
    t.send("n");
    let s = t.wait_for("match 2", |s| s.contains("match 2/"));
    let total: usize = s
        .split("match 2/")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert!(total >= 4, "{total} matches");
    for _ in 2..total {
        t.send("n");
    }
    t.wait_for("the last match", |s| {
        s.contains(&format!("match {total}/{total}"))
    });
    t.send("n");
    // Past the last match: on to the next pane with matches, or round to the top.
    let status = t.wait_for("moving on", |s| {
        let st = s.lines().last().unwrap_or("");
        st.contains("moved to") || st.contains("wrapped to the top")
    });
    assert!(status.lines().last().unwrap_or("").contains("match 1/"));

    // Export the Release pane into the current directory, then again: it asks first.
    t.send("1");
    t.send("e");
    t.wait_for("the export message", |s| s.contains("exported Release to"));
    let path = dir.path().join("sonus-networks-2006q4-ex99.1-release.md");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.contains("SONUS NETWORKS"));
    t.send("e");
    t.wait_for("the replace prompt", |s| s.contains("replace it? (y/n)"));
    t.send("n");
    t.wait_for("cancelled", |s| s.contains("export cancelled"));

    // A count goes to a line (the 5 opens pane 5 a moment), `:` to another; Esc clears the
    // search and, with nothing open, keeps the viewer and says what quits.
    for k in ["5", "0", "G"] {
        t.send(k);
    }
    t.wait_for("line 50", |s| {
        s.lines().last().unwrap_or("").contains("Release line 50/")
    });
    for k in [":", "8", "0", "\r"] {
        t.send(k);
    }
    t.wait_for("line 80", |s| {
        s.lines().last().unwrap_or("").contains("Release line 80/")
    });
    for _ in 0..2 {
        t.send("\x1b");
        std::thread::sleep(Duration::from_millis(100));
    }
    t.wait_for("Esc not quitting", |s| s.contains("q quits"));

    // `y` on a Highlights row puts it on the clipboard with OSC 52 (base64 of a Markdown row).
    t.send("2");
    std::thread::sleep(Duration::from_millis(700));
    t.send("g");
    t.send("y");
    t.wait_for("the copy message", |s| s.contains("copied row 1"));
    let raw = String::from_utf8_lossy(&t.raw.lock().unwrap()).to_string();
    let osc = raw
        .split("\x1b]52;c;")
        .nth(1)
        .and_then(|r| r.split('\x07').next())
        .expect("an OSC 52 sequence");
    use base64::Engine;
    let copied = base64::engine::general_purpose::STANDARD
        .decode(osc)
        .expect("base64");
    let copied = String::from_utf8(copied).unwrap();
    assert!(
        copied.starts_with("| Revenue | Q4 FY2006 | $79M |"),
        "{copied}"
    );
    t.send("1");
    std::thread::sleep(Duration::from_millis(700));
    for k in ["g", ":", "8", "0", "\r"] {
        t.send(k);
    }

    // Help opens and Esc closes it; q quits and the terminal is restored.
    t.send("?");
    t.wait_for("help", |s| s.contains("Keys ("));
    t.send("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    t.wait_for("help closed", |s| !s.contains("Keys ("));
    assert!(t.status().contains("Release line 80/"));
    t.send("q");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = t.child.try_wait().unwrap() {
            break st;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "did not quit");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(100));
    assert!(
        !t.screen.lock().unwrap().screen().alternate_screen(),
        "alternate screen left"
    );
}

#[cfg(unix)]
#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Tty::spawn(dir.path(), &[]);
    t.wait_started();
    let pid = t.child.process_id().unwrap();
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(ok.success());
    let start = Instant::now();
    while t.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(5), "SIGTERM ignored");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert!(!t.screen.lock().unwrap().screen().alternate_screen());
}

/// A terminal that goes away (its window closed, its tmux server killed) must end the viewer.
/// It reads as end-of-file for ever; crossterm's default event source then loops inside `poll`
/// and the viewer spun at full CPU with no terminal, unkillable by anything but SIGKILL.
#[cfg(unix)]
#[test]
fn a_terminal_that_goes_away_ends_the_viewer() {
    let dir = tempfile::tempdir().unwrap();
    let (master, mut child) = open_viewer(dir.path(), &[]);
    // Read until the first frame is up, then let go of every handle on the terminal's master
    // side: the terminal is gone.
    let mut reader = master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 8192];
    while !String::from_utf8_lossy(&seen).contains("Release") {
        let n = reader.read(&mut buf).unwrap_or(0);
        assert!(n > 0, "the viewer ended before drawing");
        seen.extend_from_slice(&buf[..n]);
    }
    // Let it settle into waiting for keys (where it sits when a window is closed), then go.
    std::thread::sleep(Duration::from_millis(800));
    drop(reader);
    drop(master);
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("the viewer kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Releases carrying terminal escape sequences (irview's own JSON and plain text, #14): the
/// viewer writes none of them to its terminal, raw or as remains, and shows the text around them.
#[test]
fn escape_sequences_in_a_release_never_reach_the_terminal() {
    const TITLE: &str = "\u{1b}]0;PWNED\u{7}";
    const CLIPBOARD: &str = "\u{1b}]52;c;ZXZpbA==\u{7}";
    const CLEAR: &str = "\u{1b}[2J";
    const RED: &str = "\u{1b}[31mRED\u{1b}[0m";
    let dir = tempfile::tempdir().unwrap();
    let sample = std::process::Command::new(env!("CARGO_BIN_EXE_irview"))
        .env("XDG_CACHE_HOME", TEST_CACHE)
        .arg("json")
        .output()
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&sample.stdout).unwrap();
    v["title"] = format!("{TITLE}Evil {CLEAR}Title").into();
    v["company"]["name"] = format!("Acme{CLIPBOARD} Corp").into();
    v["highlights"][0]["label"] = format!("{CLEAR}Revenues{RED}").into();
    v["risks"][0]["text"] = format!("{TITLE}Riskless{RED}").into();
    let text = v["document"]["text"].as_str().unwrap().to_string();
    v["document"]["text"] = text
        .replacen("Exhibit", &format!("Exhibit{CLIPBOARD}{RED}"), 1)
        .into();
    let json = dir.path().join("crafted.json");
    std::fs::write(&json, serde_json::to_string(&v).unwrap()).unwrap();
    let txt = dir.path().join("crafted.txt");
    std::fs::write(
        &txt,
        format!(
            "Exhibit{CLIPBOARD}{RED} 99.1\n\nAcme{TITLE} Corp Reports{CLEAR} Third Quarter 2024 \
             Results\n\nRevenue was $5.2 million for the quarter ended September 30, 2024.\n"
        ),
    )
    .unwrap();

    for (file, company) in [(&json, true), (&txt, false)] {
        let mut t = Tty::spawn(dir.path(), &[file.as_path()]);
        t.wait_started();
        let first = t.wait_for("the text", |s| s.contains("ExhibitRED 99.1"));
        if company {
            assert!(first.contains("Acme Corp"), "{first}");
        }
        // Every pane drawn, each checked on screen.
        for (key, shows) in [
            ("2", if company { "Revenues" } else { "Highlights" }),
            ("3", "Quarter comparison"),
            ("4", "Restatement"),
            ("5", if company { "Riskless" } else { "Risk factors" }),
            ("1", "ExhibitRED"),
        ] {
            t.send(key);
            let screen = t.wait_for(shows, |s| s.contains(shows));
            for r in ["PWNED", "ZXZpbA", "52;c", "[2J", "[31m"] {
                assert!(!screen.contains(r), "{r:?} on screen:\n{screen}");
            }
        }
        t.send("q");
        let start = Instant::now();
        while t.child.try_wait().unwrap().is_none() {
            assert!(start.elapsed() < Duration::from_secs(5), "did not quit");
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(100));
        // The viewer's own output: screen control of its own (CSI), never an OSC string, a
        // bell or another control byte that is not part of a CSI sequence, nor the payloads.
        // Its own colour queries (OSC 10/11 "?", for `--theme auto`) excepted: they carry no
        // text of the release.
        let raw = without_colour_queries(&t.raw.lock().unwrap());
        let shown = String::from_utf8_lossy(&raw);
        assert!(!shown.contains("\u{1b}]"), "an OSC sequence was written");
        assert!(!shown.contains("ZXZpbA") && !shown.contains("PWNED"));
        for (i, &b) in raw.iter().enumerate() {
            let ok = matches!(b, b'\n' | b'\r' | b'\t' | 0x08) || b >= 0x20 && b != 0x7f;
            let csi = b == 0x1b && raw.get(i + 1) == Some(&b'[');
            // A single ESC before '7', '8', '=', '>' (cursor save/restore, keypad) is crossterm's.
            let short = b == 0x1b && matches!(raw.get(i + 1), Some(b'7' | b'8' | b'=' | b'>'));
            assert!(ok || csi || short, "control byte {b:#04x} at {i}");
        }
    }
}

#[test]
fn a_config_file_sets_the_pane_the_theme_and_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("irview")).unwrap();
    std::fs::write(
        dir.path().join("irview/config.toml"),
        "pane = \"risks\"\ntheme = \"light\"\n[keys]\nquit = [\"x\"]\n",
    )
    .unwrap();
    let mut t = Tty::spawn(dir.path(), &[]);
    t.wait_started();
    t.wait_for("the Risks pane", |s| {
        s.lines()
            .last()
            .unwrap_or("")
            .contains("Risk factors row 1/")
    });
    // `q` is no longer quit (the file gave quit to `x`): the viewer stays.
    t.send("q");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        t.child.try_wait().unwrap().is_none(),
        "q quit despite the config"
    );
    t.send("x");
    let start = Instant::now();
    while t.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(5), "x did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    // A bad file: one line naming it and the line, exit 2, the terminal untouched.
    std::fs::write(
        dir.path().join("irview/config.toml"),
        "mouse = true\nquit = 1\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_irview"))
        .env("XDG_CONFIG_HOME", dir.path())
        .env_remove("IRVIEW_CONFIG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("irview/config.toml:2: unknown field `quit`"),
        "{err}"
    );
}

/// `raw` without the terminal colour queries of `--theme auto` (`ESC ] 10;?` or `ESC ] 11;?`,
/// ended by ST or BEL).
fn without_colour_queries(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        let q = &raw[i..];
        if q.starts_with(b"\x1b]10;?") || q.starts_with(b"\x1b]11;?") {
            let rest = &q[7..];
            let end = if rest.starts_with(b"\x1b\\") {
                2
            } else {
                usize::from(rest.starts_with(b"\x07"))
            };
            i += 7 + end;
            continue;
        }
        out.push(raw[i]);
        i += 1;
    }
    out
}

/// A directory of the nine Alcoa quarters as a library: the list fills in, `/` filters it,
/// Enter opens a release, `]` / `[` step through the company's quarters, `L` comes back to
/// the list with the open release selected, `S` shows the Series and `e` exports it (the file
/// checked against `irview series` and `irview diff`), `q` quits and the terminal is restored.
#[test]
fn a_library_of_the_alcoa_quarters_in_a_pseudo_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("alcoa");
    std::fs::create_dir(&lib).unwrap();
    for e in std::fs::read_dir("tests/corpus").unwrap() {
        let p = e.unwrap().path();
        let n = p.file_name().unwrap().to_string_lossy().into_owned();
        if n.starts_with("alcoa-q") && n.ends_with("-results-8k-lee2014.txt") {
            std::fs::copy(&p, lib.join(&n)).unwrap();
        }
    }
    let mut t = Tty::spawn(dir.path(), &[lib.as_path()]);
    let s = t.wait_up_to(Duration::from_secs(60), "the whole list", |s| {
        s.contains("Library · 9 releases of 1 company") && !s.contains("loaded ")
    });
    assert!(s.contains("Q2 FY2007") && s.contains("Q2 FY2009"), "{s}");

    // The filter narrows as it is typed; Enter keeps it.
    t.send("/");
    for c in "fy2008".chars() {
        t.send(&c.to_string());
    }
    t.wait_for("four rows", |s| s.contains("/fy2008█  4 shown"));
    t.send("\r");
    t.wait_for("the filter kept", |s| {
        s.lines()
            .last()
            .unwrap_or("")
            .contains("row 1/4 │ filter \"fy2008\"")
    });
    t.send("j");
    t.send("\r");
    t.wait_for("Q2 FY2008 open", |s| {
        s.lines()
            .next()
            .unwrap_or("")
            .contains("Alcoa Inc. · NYSE: AA · Q2 FY2008")
    });
    t.send("]");
    t.wait_for("Q3 FY2008", |s| {
        s.lines().next().unwrap_or("").contains("· Q3 FY2008 ·")
    });
    t.send("[");
    t.send("[");
    t.wait_for("Q1 FY2008", |s| {
        s.lines().next().unwrap_or("").contains("· Q1 FY2008 ·")
    });

    // The Series of the nine quarters, on Q1 FY2008's column; e exports it.
    t.send("S");
    let s = t.wait_for("the Series", |s| {
        s.lines()
            .last()
            .unwrap_or("")
            .contains("Series metric 1/10 · Q1 FY2008")
    });
    assert!(s.contains("$7.4B†"), "a revised cell: {s}");
    assert!(s.contains("$7.4B██"), "the chart's value on its bar: {s}");
    t.send("e");
    t.wait_for("the export", |s| s.contains("exported Series to"));
    let md = std::fs::read_to_string(
        dir.path()
            .join("alcoa-q1-2008-results-8k-lee2014-series.md"),
    )
    .unwrap();
    assert!(md.starts_with("# Series — Alcoa Inc. (AA)"), "{md}");
    assert!(md.contains("# What changed"));
    // The file is what the headless commands write by the same writer: the Series of the
    // folder, then what changed from Q4 FY2007 to the open Q1 FY2008.
    let headless = |args: &[&std::ffi::OsStr]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_irview"))
            .args(args)
            .arg("--no-cache")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let series = headless(&["series".as_ref(), lib.as_os_str()]);
    let q4 = lib.join("alcoa-q4-2007-results-8k-lee2014.txt");
    let q1 = lib.join("alcoa-q1-2008-results-8k-lee2014.txt");
    let diff = headless(&["diff".as_ref(), q4.as_os_str(), q1.as_os_str()]);
    assert_eq!(md, format!("{series}\n{diff}"));
    assert!(
        md.contains("| Q1 FY2008 | $7.4B |"),
        "Q1 FY2008 revenue as first reported"
    );

    // Back to the list, on the open release.
    t.send("L");
    let s = t.wait_for("the list", |s| s.contains("Library · 9 releases"));
    let sel = s.lines().find(|l| l.starts_with('▶')).unwrap_or("");
    assert!(sel.contains("Q1 FY2008"), "{s}");
    t.send("q");
    let start = Instant::now();
    while t.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(5), "did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!t.screen.lock().unwrap().screen().alternate_screen());
}
