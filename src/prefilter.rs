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
        if has_breaker(bytes) {
            return true;
        }
        has_ligature(bytes) && self.pieces.iter().all(|w| memmem::find(hay, w).is_some())
    }
}

/// Whether `b` holds an invisible character that may split a word in the file but not in the
/// Document: a soft hyphen (the byte 0xAD, `&shy;`, `&#173;`, `&#xad;`) or a zero-width space,
/// non-joiner or joiner (U+200B-U+200D in UTF-8 or as a character reference). Entities in
/// any case, with any leading zeros. (By hand with memchr: as one regex, the alternatives in
/// all their cases made a literal search slower than the rest of the prefilter together.)
fn has_breaker(b: &[u8]) -> bool {
    if memchr::memchr(0xad, b).is_some() {
        return true;
    }
    if memmem::find_iter(b, b"\xe2\x80")
        .any(|i| b.get(i + 2).is_some_and(|c| (0x8b..=0x8d).contains(c)))
    {
        return true;
    }
    memchr::memchr_iter(b'&', b).any(|i| b.get(i + 1..).is_some_and(breaking_entity))
}

/// Whether `e` (what follows an `&`) begins with a breaking entity's name or reference.
fn breaking_entity(e: &[u8]) -> bool {
    let starts = |s: &[u8], with: &[u8]| {
        s.get(..with.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(with))
    };
    if starts(e, b"shy;") {
        return true;
    }
    let Some(r) = e.strip_prefix(b"#") else {
        return false;
    };
    let (hex, r) = match r.first() {
        Some(b'x' | b'X') => (true, &r[1..]),
        _ => (false, r),
    };
    let r = &r[r.iter().take_while(|&&c| c == b'0').count()..];
    let one_of =
        |c: Option<&u8>, set: &[u8]| c.is_some_and(|c| set.contains(&c.to_ascii_lowercase()));
    if hex {
        starts(r, b"ad;")
            || (starts(r, b"200") && one_of(r.get(3), b"bcd") && r.get(4) == Some(&b';'))
    } else {
        starts(r, b"173;")
            || (starts(r, b"820") && one_of(r.get(3), b"345") && r.get(4) == Some(&b';'))
    }
}

/// Whether `b` holds a NUL or a ligature character (U+FB00-U+FB06 in UTF-8), which may stand
/// where letters were ("\0rst" for "first").
fn has_ligature(b: &[u8]) -> bool {
    memchr::memchr(0, b).is_some()
        || memmem::find_iter(b, b"\xef\xac")
            .any(|i| b.get(i + 2).is_some_and(|c| (0x80..=0x86).contains(c)))
}

/// [`crate::text::is_pdf_lines`] on raw bytes (a non-UTF-8 line counts as text).
fn is_pdf_bytes(bytes: &[u8]) -> bool {
    // The lines `split` on b'\n' would give, found with memchr rather than a byte at a time.
    let mut start = 0;
    let lines = memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .map(|end| {
            let line = bytes.get(start..end).unwrap_or_default();
            start = end + 1;
            std::str::from_utf8(line).unwrap_or("x")
        });
    crate::text::is_pdf_lines(lines)
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

    /// The hand-written checks say what the regexes they replaced said.
    #[test]
    fn breakers_and_ligatures_as_the_regexes_said() {
        let breakers = regex::bytes::RegexBuilder::new(
            r"\xAD|(?i:&shy;|&#0*173;|&#x0*ad;|&#0*820[345];|&#x0*200[bcd];)|\xE2\x80[\x8B-\x8D]",
        )
        .unicode(false)
        .build()
        .unwrap();
        let ligatures = regex::bytes::RegexBuilder::new(r"\x00|\xEF\xAC[\x80-\x86]")
            .unicode(false)
            .build()
            .unwrap();
        let mut cases: Vec<Vec<u8>> = [
            &b"plain text"[..],
            b"soft\xadhyphen",
            b"&shy;",
            b"&SHY;",
            b"&Shy",
            b"&#173;",
            b"&#00173;",
            b"&#0173",
            b"&#17;",
            b"&#xad;",
            b"&#XAD;",
            b"&#x00Ad;",
            b"&#x0ae;",
            b"&#8203;",
            b"&#08204;",
            b"&#8205;",
            b"&#8206;",
            b"&#x200b;",
            b"&#X200D;",
            b"&#x200e;",
            b"&#x200B",
            b"&&#173;",
            b"&",
            b"&#",
            b"&#x",
            b"\xe2\x80\x8b",
            b"\xe2\x80\x8d",
            b"\xe2\x80\x99",
            b"\xe2\x80",
            b"\x00",
            b"\xef\xac\x81",
            b"\xef\xac\x87",
            b"\xef\xac",
        ]
        .iter()
        .map(|c| c.to_vec())
        .collect();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            cases.push(std::fs::read(e.path()).unwrap());
        }
        // Random bytes drawn from the characters that matter.
        let alphabet = b"&#xXsShHyY0123458abcdABCD;\xad\xe2\x80\x8b\x8c\x8d\x00\xef\xac\x86 ";
        let mut rng = fastrand::Rng::with_seed(13);
        for _ in 0..20_000 {
            let n = rng.usize(0..12);
            cases.push(
                (0..n)
                    .map(|_| alphabet[rng.usize(..alphabet.len())])
                    .collect(),
            );
        }
        for c in &cases {
            assert_eq!(
                has_breaker(c),
                breakers.is_match(c),
                "{:?}",
                String::from_utf8_lossy(c)
            );
            assert_eq!(
                has_ligature(c),
                ligatures.is_match(c),
                "{:?}",
                String::from_utf8_lossy(c)
            );
        }
    }

    #[test]
    fn pdf_lines_as_split_gives_them() {
        let by_split = |b: &[u8]| {
            crate::text::is_pdf_lines(
                b.split(|&c| c == b'\n')
                    .map(|l| std::str::from_utf8(l).unwrap_or("x")),
            )
        };
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
        let mut pdf = 0;
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let b = std::fs::read(e.path()).unwrap();
            for cut in [b.len(), b.len() / 2] {
                let b = &b[..cut];
                assert_eq!(is_pdf_bytes(b), by_split(b), "{:?}", e.path());
                pdf += usize::from(is_pdf_bytes(b));
            }
        }
        assert!(pdf > 0);
        let lone = "12.5\n".repeat(30);
        for t in [
            String::new(),
            "\n".into(),
            lone.clone(),
            format!("{lone}\n\nx"),
        ] {
            assert_eq!(is_pdf_bytes(t.as_bytes()), by_split(t.as_bytes()), "{t:?}");
        }
    }

    #[test]
    fn case_sensitive_prefilter_keeps_case() {
        let p = Prefilter::new("Sonus", false, true).unwrap();
        assert!(!p.may_match(b"SONUS NETWORKS"));
        assert!(p.may_match(b"Sonus Networks"));
    }
}
