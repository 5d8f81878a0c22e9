//! A quick test that a sentence can hold a match of a case-insensitive pattern at all: every
//! match of the pattern contains one of a few words, so a sentence with none of them is passed
//! over without running the pattern.
//!
//! Why: the sentence-level patterns are each run on every sentence of a release, and most
//! sentences hold none of their words. The gate of a pattern (see `pattern`) is an
//! Aho-Corasick NFA over the pattern's own literals, cheap to build but slow to run (it follows
//! sparse transitions byte by byte, and ASCII case folding leaves it no SIMD prefilter); these
//! word lists are few and short, so their DFA is small and reads a byte with one table step.

use aho_corasick::{AhoCorasick, AhoCorasickKind};

pub(crate) struct Words(Option<AhoCorasick>);

impl Words {
    /// `words`: ASCII, one of which every match of the pattern contains (ASCII case aside).
    pub(crate) fn new(words: &[&str]) -> Words {
        Words(
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .kind(Some(AhoCorasickKind::DFA))
                .build(words)
                .ok(),
        )
    }

    /// False only when no match of the pattern can be in `haystack`.
    pub(crate) fn may_match(&self, haystack: &str) -> bool {
        let Some(ac) = &self.0 else {
            // Not built (never for the lists here): the pattern itself decides.
            return true;
        };
        // Unicode case folding, which the patterns' `(?i)` applies, matches `s` with the long
        // s (U+017F) and `k` with the Kelvin sign (U+212A), which ASCII case folding does not:
        // a text with either is left to the pattern.
        ac.is_match(haystack)
            || !haystack.is_ascii()
                && (haystack.contains('\u{17f}') || haystack.contains('\u{212a}'))
    }
}

#[cfg(test)]
mod tests {
    use super::Words;

    #[test]
    fn words_and_folds() {
        let w = Words::new(&["restat", "error"]);
        assert!(w.may_match("The company will RESTATE its results."));
        assert!(w.may_match("an Error in the accounts"));
        assert!(!w.may_match("Revenue rose 5% to $10 million."));
        // "reſtate" is "restate" to a case-insensitive regex.
        assert!(w.may_match("will re\u{17f}tate"));
    }
}
