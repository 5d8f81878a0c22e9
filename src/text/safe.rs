//! The one sanitizer: what a control character is, and text without any.
//!
//! A release is untrusted, whatever its format (irview's own JSON too), and so is a file name.
//! Ingest cleaning strips escape sequences with the functions here, and every writer to a
//! terminal or stdout (the viewer's backend, export, search, the JSON stream, error lines) passes
//! its text through [`text`] or [`Filter`] once more at the edge, so a new field or a new
//! message cannot forget it. Only newline and tab survive of the C0 controls; DEL and the C1
//! controls (U+0080..U+009F, whose CSI and OSC some terminals obey) never do.

use std::borrow::Cow;
use std::iter::Peekable;
use std::str::Chars;

/// A character that must never reach an output: a C0 or C1 control or DEL, except `\n` and `\t`.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

/// True when `s` holds nothing [`text`] would remove.
pub fn is_safe(s: &str) -> bool {
    // Fast on ASCII: a control is a byte below 0x20 or DEL; C1 controls are two bytes C2 80..9F.
    let b = s.as_bytes();
    !b.iter().enumerate().any(|(i, &x)| {
        (x < 0x20 && x != b'\n' && x != b'\t')
            || x == 0x7f
            || (x == 0xc2 && b.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n)))
    })
}

/// `s` without escape sequences (a CSI, OSC, DCS, ... sequence goes whole, so no "[31m" is left
/// behind) and without any other character that [`is_unsafe`]. Borrows when there is nothing to
/// remove (the usual case).
pub fn text(s: &str) -> Cow<'_, str> {
    if is_safe(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if !skip_sequence(c, &mut chars) && !is_unsafe(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `s` for a place where a name must stay recognisable (a file name in a message): every control
/// character, newline and tab included, becomes `?`.
pub fn marked(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect(),
    )
}

/// If `c` introduces an escape sequence (ESC, or the C1 CSI and OSC introducers), consume the
/// rest of it from `chars` and return true.
pub(crate) fn skip_sequence(c: char, chars: &mut Peekable<Chars<'_>>) -> bool {
    match c {
        '\u{1b}' => skip_escape(chars),
        '\u{9b}' => skip_csi(chars),
        // OSC, DCS, SOS, PM, APC: a string up to its terminator.
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_osc(chars),
        _ => return false,
    }
    true
}

fn skip_escape(chars: &mut Peekable<Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('_') | Some('^') | Some('X') => {
            chars.next();
            skip_osc(chars);
        }
        // A two-character escape (ESC c, ESC 7, ...): its second character goes with it, unless
        // it is a line end, which is the text's and not the sequence's.
        Some('\n') | None => {}
        Some(_) => {
            chars.next();
        }
    }
}

fn skip_csi(chars: &mut Peekable<Chars<'_>>) {
    // Parameters and intermediates (0x20..0x3f), then one final byte in @..~. Anything else ends
    // the sequence where it stands and is left to the text: a CSI cut short by a line end must
    // not swallow the next line.
    while let Some(&c) = chars.peek() {
        if ('@'..='~').contains(&c) {
            chars.next();
            return;
        }
        if !(' '..='?').contains(&c) {
            return;
        }
        chars.next();
    }
}

fn skip_osc(chars: &mut Peekable<Chars<'_>>) {
    // Up to BEL or ST (ESC \ or C1 ST). A line end also ends it (and stays): a string left
    // open must not eat the rest of the text.
    while let Some(&c) = chars.peek() {
        if c == '\n' {
            return;
        }
        chars.next();
        if c == '\u{7}' || c == '\u{9c}' {
            return;
        }
        if c == '\u{1b}' {
            if chars.peek() == Some(&'\\') {
                chars.next();
            }
            return;
        }
    }
}

/// [`text`]'s rule on a stream of bytes cut anywhere (what a serializer writes): control bytes
/// are dropped (C0 but newline and tab, DEL, and the two-byte UTF-8 C1 controls, even split
/// across writes). It does not know sequences; the text it passes is already cleaned, and JSON
/// escapes its control characters, so it only ever drops what should not have been there.
#[derive(Debug, Default)]
pub struct Filter {
    /// A 0xC2 that ended the last write: whether it starts a C1 control is seen in the next.
    held: bool,
}

impl Filter {
    /// The bytes of `input` that may be written, after any held from the last call.
    pub fn pass<'a>(&mut self, input: &'a [u8]) -> Cow<'a, [u8]> {
        if !self.held && input.last() != Some(&0xc2) && !any_bad_byte(input) && !any_c1(input) {
            return Cow::Borrowed(input);
        }
        let mut out = Vec::with_capacity(input.len() + 1);
        let mut i = 0;
        if std::mem::take(&mut self.held) {
            match input.first() {
                Some(&n) if (0x80..=0x9f).contains(&n) => i = 1,
                _ => out.push(0xc2),
            }
        }
        while i < input.len() {
            let b = input[i];
            if b == 0xc2 {
                match input.get(i + 1) {
                    None => {
                        self.held = true;
                        break;
                    }
                    Some(&n) if (0x80..=0x9f).contains(&n) => {
                        i += 2;
                        continue;
                    }
                    Some(_) => {}
                }
            }
            if !bad_byte(b) {
                out.push(b);
            }
            i += 1;
        }
        Cow::Owned(out)
    }

    /// A 0xC2 still held at the end: not a control (nothing followed it), so it is written.
    pub fn finish(&mut self) -> &'static [u8] {
        if std::mem::take(&mut self.held) {
            b"\xc2"
        } else {
            b""
        }
    }
}

fn bad_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\n' && b != b'\t') || b == 0x7f
}

fn is_c1(a: u8, b: u8) -> bool {
    a == 0xc2 && (0x80..=0x9f).contains(&b)
}

/// Whether `input` holds a [`bad_byte`]: in blocks, branch-free inside one, so the compiler
/// can vectorize it (every byte `irview json` writes passes here).
fn any_bad_byte(input: &[u8]) -> bool {
    input.chunks(64).any(|c| {
        c.iter().fold(false, |bad, &b| {
            bad | ((b < 0x20) & (b != b'\n') & (b != b'\t')) | (b == 0x7f)
        })
    })
}

/// Whether `input` holds a C1 control (0xC2 then 0x80-0x9F), 0xC2 found by memchr.
fn any_c1(input: &[u8]) -> bool {
    memchr::memchr_iter(0xc2, input).any(|i| input.get(i + 1).is_some_and(|&n| is_c1(0xc2, n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_go_whole_and_the_text_stays() {
        let s =
            "a\u{1b}]0;title\u{7}b\u{1b}]52;c;ZXZpbA==\u{1b}\\c\u{1b}[2Jd\u{1b}[31mRED\u{1b}[0m";
        assert_eq!(text(s), "abcdRED");
        assert_eq!(text("x\u{9b}31my\u{9d}0;t\u{9c}z\u{7f}\u{0}\r"), "xyz");
        assert_eq!(text("keep\ttabs\nand lines"), "keep\ttabs\nand lines");
        assert!(matches!(text("plain “text”"), Cow::Borrowed(_)));
        // A sequence cut short by a line end leaves the next line alone.
        assert_eq!(text("a\u{1b}]0;open\nnext"), "a\nnext");
        assert_eq!(text("a\u{1b}[12\nnext"), "a\nnext");
        assert_eq!(text("a\u{1b}\nb"), "a\nb");
        assert_eq!(marked("x\u{1b}]0;t\u{7}.txt"), "x?]0;t?.txt");
    }

    #[test]
    fn the_byte_filter_drops_controls_even_split_across_writes() {
        let mut f = Filter::default();
        let mut out = Vec::new();
        for chunk in [&b"a\x1b[2Jb\xc2"[..], b"\x9bc\x7f\xc2", b"\xa0d\t\n\xc2"] {
            out.extend_from_slice(&f.pass(chunk));
        }
        out.extend_from_slice(f.finish());
        assert_eq!(out, b"a[2Jbc\xc2\xa0d\t\n\xc2");
        assert!(matches!(f.pass("ok “é”".as_bytes()), Cow::Borrowed(_)));
    }
}
