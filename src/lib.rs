//! irview: turns a company's investor-relations release into a structured, source-linked model.
//!
//! The spine: bytes ──ingest──▶ [`Document`] ──extract──▶ [`Release`] ──panes──▶ [`pane::Pane`]s,
//! which the TUI draws, the exporter writes and search walks. Nothing here knows about terminals.

pub mod cache;
pub mod config;
pub mod context;
pub mod document;
pub mod edgar;
pub mod error;
pub mod export;
pub mod extract;
pub mod format;
pub mod ingest;
pub mod inputs;
pub mod library;
pub mod pane;
pub mod prefilter;
pub mod release;
pub mod search;
pub mod searchable;
pub mod text;

pub use document::{Document, Source};
pub use error::Error;
pub use release::Release;

/// The bundled sample release (Sonus Networks, Q4 FY2006), opened when no file is given.
pub const SAMPLE: &str = include_str!("../assets/sample-release.txt");
/// The name the sample is known by in the UI and in exported file names.
pub const SAMPLE_NAME: &str = "sonus-networks-2006q4-ex99.1.txt";

pub use ingest::Choice;

/// Read and extract a release from a path (`-` is stdin).
pub fn load_path(path: &std::path::Path) -> Result<Release, Error> {
    load_path_with(path, &Choice::Default)
}

/// [`load_path`] of the release `choice` names, when the file holds several.
pub fn load_path_with(path: &std::path::Path, choice: &Choice) -> Result<Release, Error> {
    Ok(finish(
        ingest_path_with(path, choice)?,
        &path.to_string_lossy(),
    ))
}

/// Read and ingest a release from a path (`-` is stdin) without extracting it: the viewer shows
/// the text at once and runs [`finish`] beside it.
pub fn ingest_path(path: &std::path::Path) -> Result<ingest::Ingested, Error> {
    ingest_path_with(path, &Choice::Default)
}

/// [`ingest_path`] of the release `choice` names.
pub fn ingest_path_with(
    path: &std::path::Path,
    choice: &Choice,
) -> Result<ingest::Ingested, Error> {
    let name = path.to_string_lossy();
    // The bytes become the text in place (UTF-8), and the text is let go once ingested: a large
    // file is not held two or three times over while the costlier extraction runs.
    let text = ingest::clean::decode_owned(ingest::read_input(path)?, &name)?;
    ingest::ingest_decoded_with(&text, &name, choice)
}

/// A release opened through the cache (see [`open_path_cached`]).
pub enum Opened {
    /// Extracted already: a cache hit.
    Ready(Box<Release>),
    /// Still to be [`finish`]ed; `store` is where the result belongs in the cache (none for
    /// irview JSON, which holds no extraction to save, or when there is no cache).
    Ingested {
        ingested: ingest::Ingested,
        store: Option<cache::Pending>,
    },
}

/// Read `path` (`-` is stdin) and open the release `choice` names through `cache`: the stored
/// Release when the cache has it, else the file ingested, to be extracted and then stored.
/// Without a cache, the same as [`ingest_path_with`].
pub fn open_path_cached(
    path: &std::path::Path,
    choice: &Choice,
    cache: Option<&cache::Cache>,
) -> Result<Opened, Error> {
    let name = path.to_string_lossy();
    let bytes = ingest::read_input(path)?;
    let key = cache.map(|_| cache::Key::of(&bytes, &name, choice));
    if let (Some(c), Some(k)) = (cache, &key)
        && let Some(r) = c.get(k, &name)
    {
        return Ok(Opened::Ready(Box::new(r)));
    }
    let text = ingest::clean::decode_owned(bytes, &name)?;
    let ingested = ingest::ingest_decoded_with(&text, &name, choice)?;
    let store = match (&ingested, cache, key) {
        (ingest::Ingested::Document(_), Some(c), Some(k)) => Some(c.pending(k)),
        _ => None,
    };
    Ok(Opened::Ingested { ingested, store })
}

/// [`load_path_with`] through `cache` (a miss is extracted and stored).
pub fn load_path_cached(
    path: &std::path::Path,
    choice: &Choice,
    cache: Option<&cache::Cache>,
) -> Result<Release, Error> {
    Ok(match open_path_cached(path, choice, cache)? {
        Opened::Ready(r) => *r,
        Opened::Ingested { ingested, store } => {
            let r = finish(ingested, &path.to_string_lossy());
            if let Some(s) = store {
                s.put(&r);
            }
            r
        }
    })
}

/// Extract a release from bytes; `name` is used for messages and to hint the format.
pub fn load_bytes(bytes: &[u8], name: &str) -> Result<Release, Error> {
    ingest::ingest(bytes, name).map(|i| finish(i, name))
}

/// Extract an ingested Document (irview JSON is already extracted); `name` becomes its path.
pub fn finish(ingested: ingest::Ingested, name: &str) -> Release {
    match ingested {
        ingest::Ingested::Document(doc) => {
            let mut r = extract::extract(*doc);
            r.file.path = name.to_string();
            // A file that is one release: its entry's title is the release's own (the
            // extraction reads a headline with more care than the list of a filing can).
            if let [one] = r.file.releases.as_mut_slice()
                && (one.title.is_none() || r.file.format != "submission")
                && r.title.is_some()
            {
                one.title = r.title.clone();
            }
            r
        }
        ingest::Ingested::Release(mut r) => {
            r.document.reindex();
            r.file.path = name.to_string();
            r.file.format = "json".into();
            *r
        }
    }
}

/// Like [`load_bytes`], but extraction (the costly part) runs only when `wanted` accepts the
/// ingested Document; `Ok(None)` when it does not. Search uses it to pass over releases whose
/// text cannot match. (irview JSON is already extracted and always returned.)
pub fn load_bytes_if(
    bytes: &[u8],
    name: &str,
    wanted: impl FnOnce(&Document) -> bool,
) -> Result<Option<Release>, Error> {
    load_bytes_if_with(bytes, name, &Choice::Default, wanted)
}

/// [`load_bytes_if`] of the release `choice` names.
pub fn load_bytes_if_with(
    bytes: &[u8],
    name: &str,
    choice: &Choice,
    wanted: impl FnOnce(&Document) -> bool,
) -> Result<Option<Release>, Error> {
    let ingested = ingest::ingest_with(bytes, name, choice)?;
    if let ingest::Ingested::Document(doc) = &ingested
        && !wanted(doc)
    {
        return Ok(None);
    }
    Ok(Some(finish(ingested, name)))
}

/// [`load_bytes_if_with`] through `cache`: a hit is not extracted again (and is returned only
/// when `wanted` accepts its Document); a miss that is extracted is stored, the cache left to be
/// [`cache::Cache::trim`]med by the caller once it is done writing.
pub fn load_bytes_if_cached(
    bytes: &[u8],
    name: &str,
    choice: &Choice,
    cache: Option<&cache::Cache>,
    wanted: impl FnOnce(&Document) -> bool,
) -> Result<Option<Release>, Error> {
    let Some(c) = cache else {
        return load_bytes_if_with(bytes, name, choice, wanted);
    };
    let key = cache::Key::of(bytes, name, choice);
    if let Some(r) = c.get(&key, name) {
        return Ok(wanted(&r.document).then_some(r));
    }
    let ingested = ingest::ingest_with(bytes, name, choice)?;
    let extracted = match &ingested {
        ingest::Ingested::Document(doc) if !wanted(doc) => return Ok(None),
        ingest::Ingested::Document(_) => true,
        ingest::Ingested::Release(_) => false,
    };
    let r = finish(ingested, name);
    if extracted {
        c.put(&key, &r);
    }
    Ok(Some(r))
}

/// Every match of `re` in the release `choice` picks from `bytes` (read as `name`), as
/// [`searchable::Searchable::find`] gives them: a Document whose text holds no match is not
/// extracted. Through `cache`, a warm search reads the stored [`searchable::Searchable`] (or,
/// failing that, the stored Release) and extracts nothing; what it had to make is stored, the
/// text alone of a release not extracted. The cache is left to be [`cache::Cache::trim`]med
/// by the caller once it is done writing.
pub fn search_bytes(
    bytes: &[u8],
    name: &str,
    choice: &Choice,
    cache: Option<&cache::Cache>,
    re: &regex::Regex,
) -> Result<Vec<searchable::Found>, Error> {
    use searchable::Searchable;
    let wanted = |d: &Document| re.is_match(&d.text);
    let Some(c) = cache else {
        return Ok(match load_bytes_if_with(bytes, name, choice, wanted)? {
            Some(r) => found_in(&r, re),
            None => Vec::new(),
        });
    };
    let key = cache::Key::of(bytes, name, choice);
    let stored = c.get_searchable(&key);
    if let Some(found) = stored.as_ref().and_then(|s| s.find(re)) {
        return Ok(found);
    }
    // The text matches but only it was stored, or nothing was: the Release, stored or made.
    if let Some(r) = c.get(&key, name) {
        let s = Searchable::of(&r);
        c.put_searchable(&key, &s);
        return Ok(s.find(re).unwrap_or_default());
    }
    let ingested = ingest::ingest_with(bytes, name, choice)?;
    match &ingested {
        ingest::Ingested::Document(doc) if !wanted(doc) => {
            if stored.is_none() {
                c.put_searchable(&key, &Searchable::text_only(doc.text.clone()));
            }
            Ok(Vec::new())
        }
        ingest::Ingested::Document(_) => {
            let r = finish(ingested, name);
            c.put(&key, &r);
            let s = Searchable::of(&r);
            c.put_searchable(&key, &s);
            // (Its Document's text was found to match: the panes are searched as they are.)
            Ok(s.find_all(re).unwrap_or_default())
        }
        // irview JSON holds no extraction to save; it is searched whether or not its text
        // matches, as it always was.
        ingest::Ingested::Release(_) => Ok(found_in(&finish(ingested, name), re)),
    }
}

/// Every match of `re` in an extracted release, its text matching or not.
pub fn found_in(r: &Release, re: &regex::Regex) -> Vec<searchable::Found> {
    searchable::Searchable::of(r)
        .find_all(re)
        .unwrap_or_default()
}

/// A Release of a Document's text alone, nothing extracted yet: what the viewer shows while
/// extraction runs. (A copy of the Document: the extraction takes the original.)
pub fn unextracted(doc: &Document, name: &str) -> Release {
    Release {
        file: release::FileInfo::of(doc, name),
        document: doc.clone(),
        ..Release::default()
    }
}

/// The bundled sample, extracted.
pub fn sample() -> Release {
    // The sample is ours and known to be valid text; ingest of text cannot fail on it.
    load_bytes(SAMPLE.as_bytes(), SAMPLE_NAME).unwrap_or_default()
}
