//! Word wrapping and clipping by display width, as byte ranges into the original string.
//!
//! Returning ranges (not new strings) keeps search hits and source spans, which are byte offsets
//! into the original text, valid on every wrapped piece.

use std::ops::Range;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Greedy word wrap: the first piece fits `first` columns, the rest `rest` columns. Spaces at a
/// break are dropped; a word longer than the line is cut between characters. Always returns at
/// least one range (empty for an empty or all-space string).
pub fn wrap(text: &str, first: usize, rest: usize) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut limit = first.max(1);
    let mut start = 0usize; // byte start of the current piece
    let mut width = 0usize; // display width of text[start..i]
    let mut last_space: Option<usize> = None; // byte index of the last space in this piece
    for (i, ch) in text.char_indices() {
        if i == start && ch == ' ' && !out.is_empty() {
            // No leading spaces on a continuation piece.
            start = i + 1;
            continue;
        }
        let cw = ch.width().unwrap_or(0);
        if ch == ' ' {
            last_space = Some(i);
        } else if width + cw > limit && i > start {
            match last_space.filter(|&s| s > start) {
                Some(sp) => {
                    out.push(start..trim_end(text, start, sp));
                    start = skip_spaces(text, sp, i);
                    width = text[start..i].width();
                }
                None => {
                    out.push(start..i);
                    start = i;
                    width = 0;
                }
            }
            limit = rest.max(1);
            last_space = None;
        }
        width += cw;
    }
    let end = trim_end(text, start, text.len());
    if end > start || out.is_empty() {
        out.push(start..end.max(start));
    }
    out
}

fn trim_end(text: &str, start: usize, end: usize) -> usize {
    start + text[start..end].trim_end_matches(' ').len()
}

fn skip_spaces(text: &str, from: usize, to: usize) -> usize {
    from + (text[from..to].len() - text[from..to].trim_start_matches(' ').len())
}

/// The longest prefix of `text[range]` that fits `max` columns: (end byte, its width).
pub fn clip(text: &str, range: Range<usize>, max: usize) -> (usize, usize) {
    let mut w = 0usize;
    let slice = text.get(range.clone()).unwrap_or("");
    for (i, ch) in slice.char_indices() {
        let cw = ch.width().unwrap_or(0);
        if w + cw > max {
            return (range.start + i, w);
        }
        w += cw;
    }
    (range.end, w)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str, first: usize, rest: usize) -> Vec<&str> {
        wrap(text, first, rest)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            pieces("the quick brown fox", 10, 10),
            ["the quick", "brown fox"]
        );
        assert_eq!(pieces("abcdefghij", 4, 4), ["abcd", "efgh", "ij"]);
        assert_eq!(pieces("", 5, 5), [""]);
        assert_eq!(pieces("   ", 5, 5), [""]);
        // Leading indent of the first piece is kept; continuation pieces drop spaces at the break.
        assert_eq!(
            pieces("    -- one two three", 12, 8),
            ["    -- one", "two", "three"]
        );
        assert_eq!(pieces("a    b", 3, 3), ["a", "b"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        // Each CJK character is two columns wide: three fit in 6 columns, not six.
        assert_eq!(pieces("漢字漢字漢字", 6, 6), ["漢字漢", "字漢字"]);
        assert_eq!(clip("漢字abc", 0..9, 3), (3, 2));
        assert_eq!(clip("abc", 0..3, 10), (3, 3));
    }

    #[test]
    fn never_loses_text_and_ranges_are_char_boundaries() {
        let text = "Revenues for the fourth quarter of fiscal 2006 were $79 million — compared to €75 million";
        for w in 1..40 {
            let rs = wrap(text, w, w);
            let joined: String = rs
                .iter()
                .map(|r| text[r.clone()].replace(' ', ""))
                .collect();
            assert_eq!(joined, text.replace(' ', ""), "width {w}");
            for r in &rs {
                assert!(
                    text[r.clone()].width() <= w.max(2),
                    "width {w}: {:?}",
                    &text[r.clone()]
                );
            }
        }
    }
}
