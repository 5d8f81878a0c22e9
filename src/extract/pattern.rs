//! Compiles the extraction patterns: every regex of `extract/`, the lexicon and the event
//! vocabulary goes through [`new`] (or [`builder`]) so that word classes are ASCII.
//!
//! Why: a Unicode `\w` compiles into thousands of NFA states (most of irview's start-up was spent
//! there), and a Unicode `\b` makes the regex crate's DFA engines give up at the first non-ASCII
//! byte — every curly quote or em dash of a release — and fall back to the backtracker or the
//! PikeVM, tens of times slower. Releases are English; the words the patterns look for are ASCII,
//! so an ASCII word class loses nothing. `\s` stays Unicode (it is small, and no-break spaces
//! are common in releases), and so does case folding.

use regex::{Regex, RegexBuilder};
use std::borrow::Cow;

/// `Regex::new` with ASCII word classes (see the module note).
pub(crate) fn new(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&ascii_words(pattern))
}

/// `RegexBuilder::new` with ASCII word classes.
pub(crate) fn builder(pattern: &str) -> RegexBuilder {
    RegexBuilder::new(&ascii_words(pattern))
}

/// A regex that never matches: the fallback when a pattern fails to compile (tests rule that
/// out for every built-in pattern), so extraction stays panic-free.
pub(crate) fn never() -> Regex {
    Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("the empty class is valid"))
}

/// Rewrites `\b`, `\B`, `\w`, `\W`, `\d` and `\D` into their ASCII forms, outside and inside
/// character classes; everything else is copied as written.
pub(crate) fn ascii_words(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('\\') {
        return Cow::Borrowed(pattern);
    }
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut chars = pattern.chars().peekable();
    // Nesting depth of character classes: `[a[b]]` and `[\w&&[^x]]` are valid.
    let mut class = 0usize;
    // True right after a class opens (`[` or `[^`), where `]` is a literal.
    let mut class_start = false;
    while let Some(c) = chars.next() {
        let at_start = std::mem::take(&mut class_start);
        match c {
            '\\' => {
                let Some(e) = chars.next() else {
                    out.push('\\');
                    break;
                };
                match (e, class > 0) {
                    ('b', false) => out.push_str(r"(?-u:\b)"),
                    ('B', false) => out.push_str(r"(?-u:\B)"),
                    ('w', false) => out.push_str(r"(?-u:\w)"),
                    ('d', false) => out.push_str(r"(?-u:\d)"),
                    ('W', false) => out.push_str(r"[^0-9A-Za-z_]"),
                    ('D', false) => out.push_str(r"[^0-9]"),
                    ('w', true) => out.push_str("0-9A-Za-z_"),
                    ('d', true) => out.push_str("0-9"),
                    _ => {
                        out.push('\\');
                        out.push(e);
                    }
                }
            }
            '[' => {
                out.push('[');
                if class > 0 && chars.peek() == Some(&':') {
                    // A POSIX class `[:alpha:]`: copy through its closing `:]`.
                    let mut prev = '[';
                    for p in chars.by_ref() {
                        out.push(p);
                        if prev == ':' && p == ']' {
                            break;
                        }
                        prev = p;
                    }
                    continue;
                }
                class += 1;
                class_start = true;
                if chars.peek() == Some(&'^') {
                    out.push('^');
                    chars.next();
                }
            }
            ']' if class > 0 && !at_start => {
                out.push(']');
                class -= 1;
            }
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_word_classes_outside_and_inside_classes() {
        assert_eq!(
            ascii_words(r"\bnet\s+income\b"),
            r"(?-u:\b)net\s+income(?-u:\b)"
        );
        assert_eq!(ascii_words(r"[\w.&-]*\d"), r"[0-9A-Za-z_.&-]*(?-u:\d)");
        assert_eq!(ascii_words(r"[]\w]"), r"[]0-9A-Za-z_]");
        assert_eq!(ascii_words(r"[^\]\w]\W"), r"[^\]0-9A-Za-z_][^0-9A-Za-z_]");
        assert_eq!(ascii_words(r"[[:alpha:]\d]\w"), r"[[:alpha:]0-9](?-u:\w)");
        assert_eq!(ascii_words(r"\\b\.\(\s"), r"\\b\.\(\s");
        assert_eq!(ascii_words("plain"), "plain");
    }

    #[test]
    fn rewritten_patterns_match_as_before_on_ascii_and_stay_on_char_boundaries() {
        let r = new(r"(?i)\b(?:net\s+income|revenue)\b\W+\w+").unwrap_or_else(|_| never());
        let hay = "“Revenue” — rose; net income… grew";
        let found: Vec<&str> = r.find_iter(hay).map(|m| m.as_str()).collect();
        assert_eq!(found, ["Revenue” — rose", "net income… grew"]);
        assert!(!never().is_match("anything at all"));
    }
}
