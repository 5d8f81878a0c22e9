//! A check on raw file bytes that rules releases out before they are parsed, for searching
//! many files: loading a release costs far more than reading it.

use memchr::memmem;

/// A check on raw bytes that rules files out before they are parsed.
///
/// Only words of plain ASCII letters and digits are looked for: an entity (`&#146;`), a
/// Windows-1252 byte or UTF-8 punctuation may stand for anything else in the text, but an
/// ASCII word of the Document is the same bytes in the file in every format irview reads
/// (text, HTML, SGML, Markdown, JSON), except when something invisible breaks it up there: NUL
/// bytes where a ligature was, a soft hyphen, a zero-width space, a ligature character, or
/// UTF-16. Files holding any of those are never ruled out.
pub struct Prefilter {
    /// Needles, longest (most selective) first; lower-case when the search ignores case.
    words: Vec<Vec<u8>>,
    /// The words in pattern order, apart only by what a raw file may put where the Document
    /// has spaces or punctuation: non-alphanumeric bytes, tags, entities, JSON escapes.
    phrase: Option<regex::bytes::Regex>,
    insensitive: bool,
    /// Invisible characters that may split a word in the file but not in the Document.
    breakers: regex::bytes::Regex,
    /// NULs or ligature characters where letters were ("\0rst" for "first").
    ligatures: regex::bytes::Regex,
    /// The words cut at every letter pair a ligature may stand for.
    pieces: Vec<Vec<u8>>,
}

impl Prefilter {
    /// A prefilter for `pattern` (a phrase, or with `regex` a regular expression), or None when
    /// nothing safe can be checked. `sensitive`: the search matches case exactly.
    pub fn new(pattern: &str, regex: bool, sensitive: bool) -> Option<Self> {
        // A regex can be prefiltered only when it is a plain literal.
        if regex && regex::escape(pattern) != pattern {
            return None;
        }
        let runs: Vec<String> = pattern
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                if sensitive {
                    w.to_string()
                } else {
                    w.to_ascii_lowercase()
                }
            })
            .collect();
        // Between two runs the pattern has at least one other character, so the raw file has
        // at least something there too; allowing any amount of it keeps this a superset.
        const SEP: &str =
            r#"(?:[^A-Za-z0-9]|<[^>]*>|&#?[A-Za-z0-9]{1,10};|\\u[0-9A-Fa-f]{4}|\\[nrtbf])*"#;
        let phrase = (runs.len() > 1)
            .then(|| {
                let src = runs
                    .iter()
                    .map(|r| regex::escape(r))
                    .collect::<Vec<_>>()
                    .join(SEP);
                regex::bytes::RegexBuilder::new(&src)
                    .unicode(false)
                    .build()
                    .ok()
            })
            .flatten();
        let mut words: Vec<Vec<u8>> = runs.into_iter().map(String::into_bytes).collect();
        words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        words.dedup();
        if words.is_empty() {
            return None;
        }
        let breakers = regex::bytes::RegexBuilder::new(
            r"\xAD|(?i:&shy;|&#0*173;|&#x0*ad;|&#0*820[345];|&#x0*200[bcd];)|\xE2\x80[\x8B-\x8D]",
        )
        .unicode(false)
        .build()
        .ok()?;
        let ligatures = regex::bytes::RegexBuilder::new(r"\x00|\xEF\xAC[\x80-\x86]")
            .unicode(false)
            .build()
            .ok()?;
        // Where a ligature may have stood for "fi", "fl", "ff", "ffi" or "ffl", only the
        // letters around it are sure to be in the file.
        let mut pieces: Vec<Vec<u8>> = words
            .iter()
            .flat_map(|w| {
                let w = String::from_utf8_lossy(w).into_owned();
                let mut cut = w;
                for lig in ["ffi", "ffl", "ff", "fi", "fl"] {
                    cut = cut.replace(lig, " ");
                }
                cut.split(' ')
                    .filter(|p| !p.is_empty())
                    .map(|p| p.as_bytes().to_vec())
                    .collect::<Vec<_>>()
            })
            .collect();
        pieces.sort_by_key(|w| std::cmp::Reverse(w.len()));
        pieces.dedup();
        Some(Prefilter {
            words,
            phrase,
            insensitive: !sensitive,
            breakers,
            ligatures,
            pieces,
        })
    }

    /// False only when `bytes` cannot hold a match.
    pub fn may_match(&self, bytes: &[u8]) -> bool {
        if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
            return true; // UTF-16: ASCII letters are not their own bytes
        }
        let lowered;
        let hay = if self.insensitive {
            lowered = bytes.to_ascii_lowercase();
            &lowered[..]
        } else {
            bytes
        };
        // Every word somewhere (a fast memmem each), then the words in order with nothing but
        // what may stand for whitespace between them.
        if self.words.iter().all(|w| memmem::find(hay, w).is_some()) {
            if self.phrase.as_ref().is_none_or(|p| p.is_match(hay)) {
                return true;
            }
            // PDF-extracted text is reflowed at ingest: its tables rebuilt row by row from a
            // column at a time, its page footers dropped from between the halves of a
            // sentence. There the words are all the file promises, not their order.
            if is_pdf_bytes(bytes) {
                return true;
            }
        }
        if self.breakers.is_match(bytes) {
            return true;
        }
        self.ligatures.is_match(bytes) && self.pieces.iter().all(|w| memmem::find(hay, w).is_some())
    }
}

/// [`crate::text::is_pdf_lines`] on raw bytes (a non-UTF-8 line counts as text).
fn is_pdf_bytes(bytes: &[u8]) -> bool {
    crate::text::is_pdf_lines(
        bytes
            .split(|&b| b == b'\n')
            .map(|l| std::str::from_utf8(l).unwrap_or("x")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefilter_needs_every_ascii_word() {
        let p = Prefilter::new("deferred revenue", false, false).unwrap();
        assert!(p.may_match(b"Deferred\n   REVENUE rose"));
        assert!(!p.may_match(b"deferred income; revenue"[..9].as_ref()));
        assert!(!p.may_match(b"total revenue"));
        // A NUL where a ligature was may hide letters: only the letters around it must be there.
        let first = Prefilter::new("first quarter", false, false).unwrap();
        assert!(first.may_match(b"the \0rst quarter"));
        assert!(!first.may_match(b"the \0rst month"));
        assert!(!p.may_match(b"total \0rst revenue"));
        // A soft hyphen may split any word: never ruled out.
        assert!(p.may_match(b"total def&shy;erred revenue"));
    }

    #[test]
    fn prefilter_wants_the_words_in_order_across_markup() {
        let p = Prefilter::new("deferred revenue", false, false).unwrap();
        assert!(p.may_match(b"<td>Deferred</td>\n<td class=x>revenue</td>"));
        assert!(p.may_match(b"deferred&nbsp;revenue"));
        assert!(p.may_match(b"deferred&#160;revenue"));
        assert!(p.may_match(br#""text": "deferred\nrevenue""#));
        assert!(p.may_match(b"deferred\xa0revenue"));
        assert!(!p.may_match(b"deferred tax assets; revenue"));
        assert!(!p.may_match(b"revenue deferred"));
    }

    #[test]
    fn prefilter_skips_non_ascii_and_regex() {
        // "don't" with a curly apostrophe: the words are "don" and "t", both ASCII.
        let p = Prefilter::new("don\u{2019}t", false, false).unwrap();
        assert!(p.may_match(b"we don&#146;t"));
        assert!(Prefilter::new("restat(e|ement)", true, false).is_none());
        assert!(Prefilter::new("restatement", true, false).is_some());
    }

    #[test]
    fn case_sensitive_prefilter_keeps_case() {
        let p = Prefilter::new("Sonus", false, true).unwrap();
        assert!(!p.may_match(b"SONUS NETWORKS"));
        assert!(p.may_match(b"Sonus Networks"));
    }
}
