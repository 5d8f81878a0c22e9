//! The cache of extracted releases, through the real binary on corpus releases: a cold run
//! writes an entry, a warm run reads it (and prints the same bytes), `--no-cache` neither reads
//! nor writes, a damaged entry is rebuilt, `cache dir` and `cache clear` say what they do, and a
//! cache that cannot be written changes nothing. Every test has a cache directory of its own.

use assert_cmd::cargo::CommandCargoExt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

/// Releases of each format and a filing of several releases.
const FILES: &[&str] = &[
    "sonus-networks-2006q4-ex99.1.txt",
    "apple-q1-fy2011-ex991.htm",
    "pfizer-q2-2023-ex991-pdftext.md",
    "pericom-q1-fy2006-8k-submission.txt",
    "cisco-1995-combinet-two-releases-8k-submission.txt",
];

struct Out {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

/// irview with `xdg` as XDG_CACHE_HOME (and HOME, so nothing can reach the real one).
fn irview(xdg: &Path, args: &[&std::ffi::OsStr]) -> Out {
    let out = Command::cargo_bin("irview")
        .unwrap()
        .env("XDG_CACHE_HOME", xdg)
        .env("HOME", xdg)
        .env_remove("IRVIEW_CACHE_MAX_MB")
        .env_remove("NO_COLOR")
        .args(args)
        .output()
        .unwrap();
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: out.stdout,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn args<'a>(a: &'a [&'a str], file: &'a Path) -> Vec<&'a std::ffi::OsStr> {
    let mut v: Vec<&std::ffi::OsStr> = a.iter().map(|s| s.as_ref()).collect();
    v.push(file.as_os_str());
    v
}

fn ok(o: Out) -> Vec<u8> {
    assert_eq!(o.code, 0, "stderr: {}", o.stderr);
    assert!(o.stderr.is_empty(), "stderr: {}", o.stderr);
    o.stdout
}

/// The entries in a cache directory (irview's: `<hash>.json`), sorted.
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

#[test]
fn json_is_the_same_cold_warm_and_without_the_cache() {
    for name in FILES {
        let t = tempfile::tempdir().unwrap();
        let dir = t.path().join("irview");
        let file = corpus(name);
        let cold = ok(irview(t.path(), &args(&["json"], &file)));
        let written = entries(&dir);
        assert_eq!(written.len(), 1, "{name}: one entry after a cold run");
        let warm = ok(irview(t.path(), &args(&["json"], &file)));
        let none = ok(irview(t.path(), &args(&["json", "--no-cache"], &file)));
        assert!(cold == warm, "{name}: warm output differs from cold");
        assert!(cold == none, "{name}: --no-cache output differs");
        assert_eq!(entries(&dir), written, "{name}");
    }
}

#[test]
fn export_and_search_are_the_same_from_the_cache() {
    let t = tempfile::tempdir().unwrap();
    let file = corpus("apple-q1-fy2011-ex991.htm");
    let md_cold = ok(irview(t.path(), &args(&["export"], &file)));
    let md_warm = ok(irview(t.path(), &args(&["export"], &file)));
    let md_none = ok(irview(t.path(), &args(&["export", "--no-cache"], &file)));
    assert!(md_cold == md_warm && md_cold == md_none);
    let search = ["search", "--json", "net income"];
    let s_warm = ok(irview(t.path(), &args(&search, &file)));
    let s_none = ok(irview(
        t.path(),
        &args(&["search", "--json", "--no-cache", "net income"], &file),
    ));
    assert!(!s_warm.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&s_warm),
        String::from_utf8_lossy(&s_none)
    );
}

/// Another release of a filing is another entry.
#[test]
fn each_document_of_a_filing_is_its_own_entry() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let file = corpus("cisco-1995-combinet-two-releases-8k-submission.txt");
    let one = ok(irview(t.path(), &args(&["json"], &file)));
    let two = ok(irview(t.path(), &args(&["json", "--document", "2"], &file)));
    assert_eq!(entries(&dir).len(), 2);
    assert!(one != two);
    let two_warm = ok(irview(t.path(), &args(&["json", "--document", "2"], &file)));
    assert!(two == two_warm);
    let two_none = ok(irview(
        t.path(),
        &args(&["json", "--no-cache", "--document", "2"], &file),
    ));
    assert!(two == two_none);
}

/// A warm run reads the entry: what it prints is what the entry holds (an entry edited with a
/// valid header would show; here one edited without is caught and rebuilt), and the hit marks
/// the entry as just used.
#[test]
fn a_warm_run_reads_the_entry_and_a_damaged_one_is_rebuilt() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let file = corpus("sonus-networks-2006q4-ex99.1.txt");
    let cold = ok(irview(t.path(), &args(&["json"], &file)));
    let [entry] = entries(&dir).try_into().unwrap();
    let good = fs::read_to_string(&entry).unwrap();

    // A hit touches the entry.
    let old = SystemTime::now() - Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&entry)
        .unwrap()
        .set_modified(old)
        .unwrap();
    assert!(ok(irview(t.path(), &args(&["json"], &file))) == cold);
    let touched = fs::metadata(&entry).unwrap().modified().unwrap();
    assert!(
        touched > old + Duration::from_secs(60),
        "the hit touched it"
    );

    // Damaged entries: truncated, not JSON, an edited body, a foreign header. Each is ignored,
    // the output is the fresh extraction's, and the entry is written again.
    let (head, body) = good.split_once('\n').unwrap();
    let damaged = [
        good[..good.len() / 3].to_string(),
        "\u{0}\u{1}garbage".to_string(),
        format!("{head}\n{}", body.replacen("Sonus", "Sunos", 1)),
        format!("{}\n{body}", head.replacen("\"version\"", "\"versio\"", 1)),
        body.to_string(),
    ];
    for d in damaged {
        fs::write(&entry, &d).unwrap();
        let out = irview(t.path(), &args(&["json"], &file));
        assert!(out.stderr.is_empty(), "{}", out.stderr);
        assert!(ok(out) == cold);
        assert_eq!(fs::read_to_string(&entry).unwrap(), good, "rebuilt");
    }

    // An entry whose body is consistent with its header is what a warm run shows: proof that
    // the warm run reads the entry rather than extracting again.
    let edited = body.replacen("Sonus Networks", "Sonus Nitworks", 1);
    let hash = blake3_hex(edited.as_bytes());
    let head = replace_body_hash(head, &hash);
    fs::write(&entry, format!("{head}\n{edited}")).unwrap();
    let warm = String::from_utf8(ok(irview(t.path(), &args(&["json"], &file)))).unwrap();
    assert!(warm.contains("Sonus Nitworks"));
    assert!(ok(irview(t.path(), &args(&["json", "--no-cache"], &file))) == cold);
}

/// The header's body hash, computed as the cache does (BLAKE3, hex).
fn blake3_hex(b: &[u8]) -> String {
    blake3::hash(b).to_hex().to_string()
}

fn replace_body_hash(head: &str, hash: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(head).unwrap();
    v["irview_cache"]["body"] = hash.into();
    v.to_string()
}

#[test]
fn no_cache_writes_nothing_and_the_sample_is_not_cached() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let file = corpus("sonus-networks-2006q4-ex99.1.txt");
    ok(irview(t.path(), &args(&["json", "--no-cache"], &file)));
    ok(irview(t.path(), &args(&["export", "--no-cache"], &file)));
    ok(irview(
        t.path(),
        &args(&["search", "--no-cache", "revenue"], &file),
    ));
    assert!(entries(&dir).is_empty());
    ok(irview(t.path(), &["json".as_ref()]));
    assert!(entries(&dir).is_empty(), "the bundled sample is not cached");
}

#[test]
fn cache_dir_and_clear() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let out = ok(irview(t.path(), &["cache".as_ref(), "dir".as_ref()]));
    assert_eq!(
        String::from_utf8(out).unwrap(),
        format!("{}\n", dir.display())
    );

    for name in &FILES[..3] {
        ok(irview(t.path(), &args(&["json"], &corpus(name))));
    }
    ok(irview(
        t.path(),
        &args(&["search", "revenue"], &corpus(FILES[0])),
    ));
    fs::write(dir.join("mine.txt"), "not irview's").unwrap();
    let n = entries(&dir).len();
    assert_eq!(n, 3);
    assert_eq!(search_entries(&dir).len(), 1);
    let out =
        String::from_utf8(ok(irview(t.path(), &["cache".as_ref(), "clear".as_ref()]))).unwrap();
    assert!(out.starts_with("removed 4 entries ("), "{out}");
    assert!(out.contains(&dir.display().to_string()), "{out}");
    assert!(entries(&dir).is_empty());
    assert!(search_entries(&dir).is_empty());
    assert!(dir.join("mine.txt").exists(), "other files stay");
    let out =
        String::from_utf8(ok(irview(t.path(), &["cache".as_ref(), "clear".as_ref()]))).unwrap();
    assert!(out.starts_with("removed 0 entries (0 bytes)"), "{out}");
}

/// HOME's cache when XDG_CACHE_HOME is unset; a relative XDG_CACHE_HOME is not used.
#[test]
fn the_cache_is_under_home_without_xdg() {
    let t = tempfile::tempdir().unwrap();
    for xdg in [None, Some("relative/dir")] {
        let mut c = Command::cargo_bin("irview").unwrap();
        c.env("HOME", t.path()).args(["cache", "dir"]);
        match xdg {
            Some(x) => c.env("XDG_CACHE_HOME", x),
            None => c.env_remove("XDG_CACHE_HOME"),
        };
        let out = c.output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            format!("{}\n", t.path().join(".cache/irview").display())
        );
    }
    let out = Command::cargo_bin("irview")
        .unwrap()
        .env_remove("HOME")
        .env_remove("XDG_CACHE_HOME")
        .args(["cache", "dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("irview: no cache directory"), "{err}");
}

/// A cache directory that cannot be made (its parent is a file) or written (read-only, for a
/// user other than root): irview works as without a cache, and says nothing about it.
#[test]
fn an_unusable_cache_changes_nothing() {
    let t = tempfile::tempdir().unwrap();
    let file = corpus("sonus-networks-2006q4-ex99.1.txt");
    let expected = ok(irview(t.path(), &args(&["json", "--no-cache"], &file)));
    let blocker = t.path().join("a-file");
    fs::write(&blocker, "").unwrap();
    for cmd in [&["json"][..], &["export"], &["search", "revenue"]] {
        let out = ok(irview(&blocker, &args(cmd, &file)));
        if cmd == ["json"] {
            assert!(out == expected);
        }
    }
    // A read-only directory, as another user would find it: entries can be neither written
    // nor replaced. (Root writes anyway, so the mode alone proves nothing when run as root;
    // the file-blocker case above holds for everyone.)
    use std::os::unix::fs::PermissionsExt;
    let ro = t.path().join("ro");
    fs::create_dir_all(ro.join("irview")).unwrap();
    fs::set_permissions(ro.join("irview"), fs::Permissions::from_mode(0o555)).unwrap();
    assert!(ok(irview(&ro, &args(&["json"], &file))) == expected);
    assert!(ok(irview(&ro, &args(&["json"], &file))) == expected);
}

/// Over the cap (`IRVIEW_CACHE_MAX_MB`, here room for two entries of these releases), the least
/// recently used entry goes: a hit counts as a use.
#[test]
fn the_size_cap_evicts_the_least_recently_used() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let files = [
        "alcoa-q1-2008-results-8k-lee2014.txt",
        "alcoa-q2-2008-results-8k-lee2014.txt",
        "alcoa-q3-2008-results-8k-lee2014.txt",
    ];
    let run = |i: usize| {
        let out = Command::cargo_bin("irview")
            .unwrap()
            .env("XDG_CACHE_HOME", t.path())
            .env("IRVIEW_CACHE_MAX_MB", "0.06")
            .arg("json")
            .arg(corpus(files[i]))
            .output()
            .unwrap();
        assert!(out.status.success());
        // Apart in time, so each use has an mtime of its own.
        std::thread::sleep(Duration::from_millis(50));
    };
    // Which releases the cache holds (an entry names the file it was first read from).
    let held = || -> Vec<usize> {
        let texts: Vec<String> = entries(&dir)
            .iter()
            .map(|p| fs::read_to_string(p).unwrap())
            .collect();
        let mut v: Vec<usize> = (0..files.len())
            .filter(|&i| texts.iter().any(|t| t.contains(files[i])))
            .collect();
        v.sort();
        v
    };
    let sizes: Vec<u64> = {
        let big = tempfile::tempdir().unwrap();
        for f in files {
            ok(irview(big.path(), &args(&["json"], &corpus(f))));
        }
        entries(&big.path().join("irview"))
            .iter()
            .map(|p| fs::metadata(p).unwrap().len())
            .collect()
    };
    let cap = (0.06 * 1024.0 * 1024.0) as u64;
    let mut sorted = sizes.clone();
    sorted.sort();
    assert!(
        sorted[1] + sorted[2] <= cap && sorted.iter().sum::<u64>() > cap,
        "the test needs room for two entries, not three: {sizes:?}"
    );
    run(0);
    run(1);
    assert_eq!(held(), [0, 1]);
    run(2);
    assert_eq!(held(), [1, 2], "the oldest went");
    run(1);
    run(0);
    assert_eq!(
        held(),
        [0, 1],
        "1 was used again: 2 was the least recently used"
    );
}

/// Every corpus release (every release of a filing of several), stored and read back: the same
/// Release, the same JSON, the same Markdown as a fresh extraction.
#[test]
fn every_corpus_release_reads_back_from_the_cache_unchanged() {
    use irview::cache::{Cache, Key};
    use irview::{Choice, ingest::read_input};
    let t = tempfile::tempdir().unwrap();
    let cache = Cache::at(t.path().join("irview"), u64::MAX).unwrap();
    let mut files: Vec<PathBuf> = fs::read_dir(corpus(""))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| !p.ends_with("SOURCES.md"))
        .collect();
    files.sort();
    let mut checked = 0;
    for path in &files {
        let name = path.to_string_lossy();
        let bytes = read_input(path).unwrap();
        let first = irview::load_path(path).unwrap();
        let mut choices = vec![Choice::Default];
        if first.file.releases.len() > 1 {
            choices.extend((1..=first.file.releases.len()).map(Choice::Number));
        }
        for choice in choices {
            let fresh = irview::load_path_with(path, &choice).unwrap();
            let key = Key::of(&bytes, &name, &choice);
            cache.put(&key, &fresh);
            let back = cache
                .get(&key, &name)
                .unwrap_or_else(|| panic!("{name} {choice}: no entry"));
            let json = |r: &irview::Release| serde_json::to_string_pretty(r).unwrap();
            assert!(json(&back) == json(&fresh), "{name} {choice}: JSON differs");
            assert!(back == fresh, "{name} {choice}: Release differs");
            let md = |r: &irview::Release| {
                let panes = irview::pane::build_panes(r);
                irview::export::markdown(r, &panes.iter().collect::<Vec<_>>())
            };
            assert!(md(&back) == md(&fresh), "{name} {choice}: Markdown differs");
            checked += 1;
        }
    }
    assert!(
        checked > files.len(),
        "{checked} releases of {} files",
        files.len()
    );
}

/// A warm search over a folder extracts nothing: with every entry's text edited (its header
/// made to match) and the search entries gone, the search finds the edited words in every file,
/// which no extraction of the files themselves could give; and the search entries it writes
/// from those Releases are what the next search reads.
#[test]
fn a_warm_folder_search_reads_every_release_from_the_cache() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let folder = t.path().join("releases");
    fs::create_dir_all(&folder).unwrap();
    for name in &FILES[..3] {
        fs::copy(corpus(name), folder.join(name)).unwrap();
    }
    let search = |phrase: &str| {
        irview(
            t.path(),
            &args(&["search", "--color", "never", phrase], &folder),
        )
    };
    let cold = search("net income");
    assert_eq!(cold.code, 0, "{}", cold.stderr);
    assert_eq!(entries(&dir).len(), 3);
    assert_eq!(search_entries(&dir).len(), 3, "a search entry beside each");
    for e in search_entries(&dir) {
        fs::remove_file(e).unwrap();
    }
    for e in entries(&dir) {
        let text = fs::read_to_string(&e).unwrap();
        let (head, body) = text.split_once('\n').unwrap();
        let body = body.replace("net income", "zanzibar income");
        let head = replace_body_hash(head, &blake3_hex(body.as_bytes()));
        fs::write(&e, format!("{head}\n{body}")).unwrap();
    }
    let warm = search("zanzibar");
    // The prefilter passes over files whose bytes lack the words: search for words they have.
    assert_eq!(warm.code, 1, "the files' own bytes hold no 'zanzibar'");
    for _ in 0..2 {
        let warm = String::from_utf8(search("income").stdout).unwrap();
        for name in &FILES[..3] {
            assert!(
                warm.lines()
                    .any(|l| l.contains(name) && l.contains("zanzibar income")),
                "{name} was not read from the cache"
            );
        }
        assert_eq!(entries(&dir).len(), 3, "nothing rebuilt");
        assert_eq!(search_entries(&dir).len(), 3);
    }
}

/// The search entries (`<hash>.search`), sorted.
fn search_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "search"))
        .collect();
    v.sort();
    v
}

/// A file whose bytes hold the phrase but whose release text does not is not extracted, and
/// its text is stored so the next search need not ingest it again; a later search its text
/// matches extracts it. A damaged search entry is ignored and written again.
#[test]
fn a_release_whose_text_did_not_match_is_stored_as_text() {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("irview");
    let file = corpus("sonus-networks-2006q4-ex99.1.txt");
    let search = |phrase: &str| {
        irview(
            t.path(),
            &args(&["search", "--color", "never", phrase], &file),
        )
    };
    // The file says "Sonus Networks, Inc.": its bytes pass the prefilter, its text has no match.
    let miss = search("networks inc");
    assert_eq!(miss.code, 1, "{}", miss.stderr);
    assert!(entries(&dir).is_empty(), "not extracted");
    let [entry] = search_entries(&dir).try_into().unwrap();
    let text_only = fs::read(&entry).unwrap();
    assert_eq!(search("networks inc").code, 1);
    assert_eq!(fs::read(&entry).unwrap(), text_only, "read, not rebuilt");
    let hit = search("sonus networks");
    assert_eq!(hit.code, 0, "{}", hit.stderr);
    assert_eq!(entries(&dir).len(), 1, "extracted now");
    let full = fs::read(&entry).unwrap();
    assert!(
        full.len() > text_only.len(),
        "the panes stored with the text"
    );
    let no_cache = irview(
        t.path(),
        &args(
            &["search", "--color", "never", "--no-cache", "sonus networks"],
            &file,
        ),
    );
    assert!(no_cache.stdout == hit.stdout);
    for damaged in [&full[..full.len() / 2], b"\0garbage", &full[1..]] {
        fs::write(&entry, damaged).unwrap();
        let again = search("sonus networks");
        assert!(again.stdout == hit.stdout);
        assert!(fs::read(&entry).unwrap() == full, "rebuilt");
    }
    // An edited body whose hash no longer holds.
    let mut edited = full.clone();
    let last = edited.len() - 1;
    edited[last] ^= 1;
    fs::write(&entry, &edited).unwrap();
    assert!(search("sonus networks").stdout == hit.stdout);
    assert!(fs::read(&entry).unwrap() == full, "rebuilt");
}
