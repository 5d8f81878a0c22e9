//! A cache of extracted releases, so that opening or searching the same file again costs a read
//! instead of an extraction.
//!
//! Content-addressed: an entry's name is a BLAKE3 hash of everything that decides the Release
//! (the file's bytes, the format hint of its name, the `--document` choice, irview's version and
//! build, and the bundled vocabularies that drive extraction), so a changed file, a new irview
//! or a new synonym simply misses. An entry is one header line (`{"irview_cache": …}`: its key,
//! the version, a hash of the body) and then the body, the Release as `irview json` writes it.
//! Beside it, under the same key, a search entry (`<key>.search`: a binary header of the same
//! three and then a [`Searchable`]) holds what a headless search needs, so a warm search reads
//! neither the JSON nor builds panes; a release whose text did not match a search is stored
//! there as its text alone, and is extracted only when a later search matches it.
//!
//! An entry is untrusted like any input: one whose header or body hash does not match is
//! ignored (and rebuilt), and the body is read back by [`crate::ingest::json`], which cleans
//! every string and checks every span. Nothing about the cache is ever an error: a directory
//! that cannot be made or written means irview works as it would without one.

use crate::ingest::Choice;
use crate::release::Release;
use crate::searchable::Searchable;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// irview's version, as Cargo knows it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The size cap in MB (default [`DEFAULT_MAX_MB`]).
pub const ENV_MAX_MB: &str = "IRVIEW_CACHE_MAX_MB";
pub const DEFAULT_MAX_MB: u64 = 256;
/// The header's field; a first line without it is not an entry of ours.
const HEADER: &str = "irview_cache";
/// A search entry's name ends so, and its file begins with the magic.
const SEARCH_EXT: &str = "search";
const SEARCH_MAGIC: &[u8] = b"irview search entry\n";
/// Files being written; one left by a process that was stopped mid-write is removed by the next
/// trim once it is this old.
const TEMP_PREFIX: &str = ".tmp-";
const STALE_TEMP: Duration = Duration::from_secs(3600);

/// What an entry is keyed by: 32 bytes of BLAKE3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key([u8; 32]);

impl Key {
    /// The key of the release `choice` picks from `bytes`, read under `name`.
    pub fn of(bytes: &[u8], name: &str, choice: &Choice) -> Key {
        let mut h = blake3::Hasher::new();
        // Length-prefixed fields: no two different inputs feed the same stream.
        let mut field = |b: &[u8]| {
            h.update(&(b.len() as u64).to_le_bytes());
            h.update(b);
        };
        field(b"irview cache of extracted releases, v1");
        field(VERSION.as_bytes());
        field(build_id().as_bytes());
        field(assets_hash().as_bytes());
        field(choice_key(choice).as_bytes());
        // The name matters only as a format hint (`detect`: a .md or .htm name breaks a tie).
        field(extension(name).as_bytes());
        field(bytes);
        Key(*h.finalize().as_bytes())
    }

    pub fn hex(&self) -> String {
        blake3::Hash::from_bytes(self.0).to_hex().to_string()
    }
}

fn choice_key(c: &Choice) -> String {
    match c {
        Choice::Default => "default".into(),
        Choice::Number(n) => format!("number {n}"),
        Choice::Type(t) => format!("type {t}"),
    }
}

fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// The bundled data that drives extraction, hashed once.
fn assets_hash() -> &'static str {
    static H: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    H.get_or_init(|| {
        let mut h = blake3::Hasher::new();
        for a in [
            crate::extract::lexicon::LEXICON_JSON,
            crate::extract::restatement::EVENTS_JSON,
        ] {
            h.update(&(a.len() as u64).to_le_bytes());
            h.update(a.as_bytes());
        }
        h.finalize().to_hex().to_string()
    })
}

/// Which build of irview this is: the running program's size and modification time. The version
/// alone stays the same across every change made between releases, and a developer's rebuilt
/// binary must not read what an older build extracted.
fn build_id() -> &'static str {
    static ID: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    ID.get_or_init(|| {
        let Ok(meta) = std::env::current_exe().and_then(fs::metadata) else {
            return String::new();
        };
        let mtime = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        format!("{} {mtime}", meta.len())
    })
}

/// Where the cache lives: `$XDG_CACHE_HOME/irview`, else `$HOME/.cache/irview` (a relative
/// XDG_CACHE_HOME is ignored, as the XDG spec says). None when neither is set.
pub fn dir() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = var("XDG_CACHE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|h| h.join(".cache")))?;
    Some(base.join("irview"))
}

/// The size cap in bytes: `IRVIEW_CACHE_MAX_MB` when it is a number of megabytes (a fraction
/// too: 0.5), else the default.
pub fn max_bytes() -> u64 {
    let mb = std::env::var(ENV_MAX_MB)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|mb| mb.is_finite() && *mb >= 0.0)
        .unwrap_or(DEFAULT_MAX_MB as f64);
    // (`as` saturates: a huge number is no cap at all.)
    (mb * 1024.0 * 1024.0) as u64
}

/// What `clear` removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cleared {
    pub entries: usize,
    pub bytes: u64,
}

/// An open cache directory. Cheap to clone (the viewer hands one to its extraction thread).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    max_bytes: u64,
    /// Set by a write: only then can the cache have grown past its cap.
    wrote: Arc<AtomicBool>,
}

impl Cache {
    /// The user's cache ([`dir`], [`max_bytes`]), its directory created; None when it cannot be.
    pub fn open() -> Option<Cache> {
        Cache::at(dir()?, max_bytes())
    }

    /// A cache in `dir` (created if missing) holding at most `max_bytes`.
    pub fn at(dir: PathBuf, max_bytes: u64) -> Option<Cache> {
        fs::create_dir_all(&dir).ok()?;
        Some(Cache {
            dir,
            max_bytes,
            wrote: Arc::new(AtomicBool::new(false)),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry_path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.json", key.hex()))
    }

    fn search_path(&self, key: &Key) -> PathBuf {
        self.dir.join(format!("{}.{SEARCH_EXT}", key.hex()))
    }

    /// The Release stored under `key`, read as `name`; None when there is none or it is not a
    /// sound entry of this key. A hit is marked as just used (its mtime), for eviction.
    pub fn get(&self, key: &Key, name: &str) -> Option<Release> {
        let path = self.entry_path(key);
        let text = fs::read_to_string(&path).ok()?;
        let body = check_entry(&text, key)?;
        let mut r = crate::ingest::json::ingest(body, name).ok()?;
        r.document.reindex();
        r.file.path = name.to_string();
        touch(&path);
        Some(r)
    }

    /// What search needs of the release stored under `key` ([`Searchable`]), kept beside it
    /// in a binary form that costs a fraction of the Release's JSON to read; None when there is
    /// none or it is not a sound entry of this key. A hit is marked as just used.
    pub fn get_searchable(&self, key: &Key) -> Option<Searchable> {
        let path = self.search_path(key);
        let bytes = fs::read(&path).ok()?;
        let s = Searchable::decode(check_search_entry(&bytes, key)?)?;
        touch(&path);
        Some(s)
    }

    /// Store `s` under `key`, atomically, as [`Cache::put`] stores a Release.
    pub fn put_searchable(&self, key: &Key, s: &Searchable) {
        let body = s.encode();
        let mut head = Vec::with_capacity(SEARCH_MAGIC.len() + 32 + VERSION.len() + 40);
        head.extend_from_slice(SEARCH_MAGIC);
        head.extend_from_slice(&key.0);
        head.extend_from_slice(&(VERSION.len() as u64).to_le_bytes());
        head.extend_from_slice(VERSION.as_bytes());
        head.extend_from_slice(blake3::hash(&body).as_bytes());
        if self
            .write_atomically(&self.search_path(key), &[&head, &body])
            .is_ok()
        {
            self.wrote.store(true, Ordering::Relaxed);
        }
    }

    /// Write `parts` one after another to a temporary file in the cache directory, then rename
    /// it to `path`: a reader sees the whole entry or none.
    fn write_atomically(&self, path: &Path, parts: &[&[u8]]) -> io::Result<()> {
        let mut tmp = tempfile::Builder::new()
            .prefix(TEMP_PREFIX)
            .tempfile_in(&self.dir)?;
        {
            let mut w = io::BufWriter::new(tmp.as_file_mut());
            for p in parts {
                w.write_all(p)?;
            }
            w.flush()?;
        }
        tmp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }

    /// Store `r` under `key`, atomically (a temporary file in the cache directory, renamed into
    /// place). Failure is silent: the cache is only ever a help.
    pub fn put(&self, key: &Key, r: &Release) {
        if self.write_entry(key, r).is_ok() {
            self.wrote.store(true, Ordering::Relaxed);
        }
    }

    fn write_entry(&self, key: &Key, r: &Release) -> io::Result<()> {
        // (The path it holds is the first reader's: `get` sets the name it is opened as.)
        let body = serde_json::to_vec(r).map_err(io::Error::other)?;
        let header = serde_json::json!({
            HEADER: {
                "key": key.hex(),
                "version": VERSION,
                "body": blake3::hash(&body).to_hex().as_str(),
            }
        });
        let mut head = serde_json::to_vec(&header).map_err(io::Error::other)?;
        head.push(b'\n');
        self.write_atomically(&self.entry_path(key), &[&head, &body])
    }

    /// After writes: evict the least recently used entries while the cache is over its cap, and
    /// remove temporary files left by a stopped process. Nothing to do if this process wrote
    /// nothing.
    pub fn trim(&self) {
        if !self.wrote.swap(false, Ordering::Relaxed) {
            return;
        }
        let Ok(rd) = fs::read_dir(&self.dir) else {
            return;
        };
        let now = SystemTime::now();
        let mut entries = Vec::new();
        let mut total = 0u64;
        for e in rd.flatten() {
            let name = e.file_name();
            let Some(name) = name.to_str() else { continue };
            let Ok(meta) = e.metadata() else { continue };
            let mtime = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
            if name.starts_with(TEMP_PREFIX) {
                if now.duration_since(mtime).is_ok_and(|age| age > STALE_TEMP) {
                    let _ = fs::remove_file(e.path());
                }
            } else if is_entry_name(name) && meta.is_file() {
                total += meta.len();
                entries.push((mtime, meta.len(), e.path()));
            }
        }
        if total <= self.max_bytes {
            return;
        }
        entries.sort();
        for (_, len, path) in entries {
            if total <= self.max_bytes {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
    }

    /// Where a release being extracted will be stored under `key`.
    pub fn pending(&self, key: Key) -> Pending {
        Pending {
            cache: self.clone(),
            key,
        }
    }

    /// Remove every entry (and temporary file) of irview's; other files in the directory stay.
    pub fn clear(&self) -> io::Result<Cleared> {
        clear_dir(&self.dir)
    }
}

/// A release's place in the cache, known before it is extracted (the viewer extracts on a
/// thread of its own and stores the result there).
#[derive(Debug, Clone)]
pub struct Pending {
    cache: Cache,
    key: Key,
}

impl Pending {
    /// Store the extracted release, then keep the cache within its cap.
    pub fn put(&self, r: &Release) {
        self.cache.put(&self.key, r);
        self.cache.trim();
    }
}

/// [`Cache::clear`] of a directory that may not exist (nothing to remove then).
pub fn clear_dir(dir: &Path) -> io::Result<Cleared> {
    let mut done = Cleared::default();
    let rd = match fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(done),
        Err(e) => return Err(e),
    };
    for e in rd {
        let e = e?;
        let name = e.file_name();
        let Some(name) = name.to_str() else { continue };
        if !(is_entry_name(name) || name.starts_with(TEMP_PREFIX)) {
            continue;
        }
        let meta = e.metadata()?;
        if !meta.is_file() {
            continue;
        }
        fs::remove_file(e.path())?;
        done.entries += 1;
        done.bytes += meta.len();
    }
    Ok(done)
}

/// `<64 hex digits>.json` and `<64 hex digits>.search`: the names irview gives its entries.
fn is_entry_name(name: &str) -> bool {
    let Some((hash, ext)) = name.split_once('.') else {
        return false;
    };
    matches!(ext, "json" | SEARCH_EXT)
        && hash.len() == 64
        && hash.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A hit is marked as just used (its mtime), for eviction. Best effort: a read-only cache
/// still serves its entries.
fn touch(path: &Path) {
    let _ = fs::File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(SystemTime::now()));
}

/// The body of a search entry whose header names `key`, this version, and the body's own
/// hash: the magic, the 32 bytes of the key, the version (a u64 length and its bytes), the
/// body's BLAKE3.
fn check_search_entry<'a>(bytes: &'a [u8], key: &Key) -> Option<&'a [u8]> {
    let rest = bytes.strip_prefix(SEARCH_MAGIC)?;
    let rest = rest.strip_prefix(&key.0[..])?;
    let (len, rest) = rest.split_first_chunk::<8>()?;
    let version = rest.strip_prefix(VERSION.as_bytes())?;
    if u64::from_le_bytes(*len) != VERSION.len() as u64 {
        return None;
    }
    let (hash, body) = version.split_first_chunk::<32>()?;
    (blake3::hash(body).as_bytes() == hash).then_some(body)
}

/// The body of an entry whose header names `key`, this version, and the body's own hash.
fn check_entry<'a>(text: &'a str, key: &Key) -> Option<&'a str> {
    let (head, body) = text.split_once('\n')?;
    let head: serde_json::Value = serde_json::from_str(head).ok()?;
    let head = head.get(HEADER)?;
    let field = |k: &str| head.get(k).and_then(serde_json::Value::as_str);
    let sound = field("key")? == key.hex()
        && field("version")? == VERSION
        && field("body")? == blake3::hash(body.as_bytes()).to_hex().as_str();
    sound.then_some(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_cache(max: u64) -> (tempfile::TempDir, Cache) {
        let t = tempfile::tempdir().unwrap();
        let c = Cache::at(t.path().join("irview"), max).unwrap();
        (t, c)
    }

    fn entries(c: &Cache) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = fs::read_dir(c.dir())
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn key_follows_bytes_choice_and_format_hint_not_the_name() {
        let k = Key::of(b"Revenue rose", "a.txt", &Choice::Default);
        assert_eq!(k, Key::of(b"Revenue rose", "dir/b.txt", &Choice::Default));
        assert_ne!(k, Key::of(b"Revenue rose.", "a.txt", &Choice::Default));
        assert_ne!(k, Key::of(b"Revenue rose", "a.md", &Choice::Default));
        assert_ne!(k, Key::of(b"Revenue rose", "a.txt", &Choice::Number(1)));
        assert_ne!(
            Key::of(b"x", "a", &Choice::Type("1".into())),
            Key::of(b"x", "a", &Choice::Number(1))
        );
        assert_eq!(k.hex().len(), 64);
        assert!(is_entry_name(&format!("{}.json", k.hex())));
    }

    #[test]
    fn put_then_get_gives_the_same_release_under_the_new_name() {
        let (_t, c) = temp_cache(u64::MAX);
        let r = crate::sample();
        let key = Key::of(crate::SAMPLE.as_bytes(), "s.txt", &Choice::Default);
        assert!(c.get(&key, "s.txt").is_none());
        c.put(&key, &r);
        let back = c.get(&key, &r.file.path).unwrap();
        assert_eq!(back, r);
        assert_eq!(c.get(&key, "other.txt").unwrap().file.path, "other.txt");
    }

    #[test]
    fn a_corrupt_truncated_or_foreign_entry_is_a_miss() {
        let (_t, c) = temp_cache(u64::MAX);
        let r = crate::sample();
        let key = Key::of(b"bytes", "s.txt", &Choice::Default);
        c.put(&key, &r);
        let path = c.entry_path(&key);
        let good = fs::read_to_string(&path).unwrap();
        let other = Key::of(b"other bytes", "s.txt", &Choice::Default);
        let bad = [
            good[..good.len() / 2].to_string(),
            good.replacen("Sonus", "Sunos", 1),
            good.replacen(&key.hex(), &other.hex(), 1),
            good.replacen(VERSION, "0.0.0-other", 1),
            good.split_once('\n').unwrap().1.to_string(),
            "not json at all".into(),
            String::new(),
        ];
        for b in bad {
            fs::write(&path, &b).unwrap();
            assert!(
                c.get(&key, "s.txt").is_none(),
                "{:?}",
                &b[..b.len().min(80)]
            );
        }
        fs::write(&path, [0xff, 0xfe, 0x00]).unwrap();
        assert!(c.get(&key, "s.txt").is_none());
    }

    #[test]
    fn over_the_cap_the_least_recently_used_go_first() {
        let r = crate::sample();
        let (_t, c) = temp_cache(u64::MAX);
        let k = |i: u8| Key::of(&[i], "s.txt", &Choice::Default);
        c.put(&k(0), &r);
        let one = fs::metadata(c.entry_path(&k(0))).unwrap().len();
        // Room for two entries and a half.
        let c = Cache {
            max_bytes: one * 5 / 2,
            ..c
        };
        let old = SystemTime::now() - Duration::from_secs(100);
        for i in 1..3 {
            c.put(&k(i), &r);
        }
        for i in 0..3 {
            let f = fs::File::options()
                .write(true)
                .open(c.entry_path(&k(i)))
                .unwrap();
            f.set_modified(old + Duration::from_secs(u64::from(i)))
                .unwrap();
        }
        // Entry 0 is the oldest, but a hit makes it the newest: entry 1 goes.
        assert!(c.get(&k(0), "s.txt").is_some());
        c.trim();
        assert!(c.entry_path(&k(0)).exists());
        assert!(!c.entry_path(&k(1)).exists());
        assert!(c.entry_path(&k(2)).exists());
        // Nothing written since: nothing to trim.
        let c = Cache { max_bytes: 0, ..c };
        c.trim();
        assert_eq!(entries(&c).len(), 2);
    }

    #[test]
    fn clear_removes_only_irviews_files() {
        let (_t, c) = temp_cache(u64::MAX);
        let r = crate::sample();
        c.put(&Key::of(b"a", "a", &Choice::Default), &r);
        c.put(&Key::of(b"b", "b", &Choice::Default), &r);
        fs::write(c.dir().join(".tmp-left-behind"), "x").unwrap();
        fs::write(c.dir().join("notes.txt"), "mine").unwrap();
        let total: u64 = entries(&c)
            .iter()
            .filter(|p| !p.ends_with("notes.txt"))
            .map(|p| fs::metadata(p).unwrap().len())
            .sum();
        let done = c.clear().unwrap();
        assert_eq!(done.entries, 3);
        assert_eq!(done.bytes, total);
        assert_eq!(entries(&c), vec![c.dir().join("notes.txt")]);
        assert_eq!(
            clear_dir(&c.dir().join("missing")).unwrap(),
            Cleared::default()
        );
    }

    #[test]
    fn an_unwritable_directory_is_no_cache_or_a_silent_miss() {
        let t = tempfile::tempdir().unwrap();
        let file = t.path().join("a-file");
        fs::write(&file, "").unwrap();
        assert!(Cache::at(file.join("irview"), u64::MAX).is_none());
    }
}
