//! Decoding and sanitizing: UTF-8 (BOM or not), UTF-16 with BOM, Windows-1252 fallback;
//! tabs expanded; `\r`, NUL, other control characters and terminal escape sequences removed,
//! so a file from the internet can never drive the terminal.

use crate::error::Error;
use crate::text::safe;
use std::borrow::Cow;

/// Decode bytes to text. Refuses binary input with a clear reason.
pub fn decode(bytes: &[u8], name: &str) -> Result<String, Error> {
    decode_cow(Cow::Borrowed(bytes), name)
}

/// [`decode`] for bytes the caller gives up: UTF-8 without a BOM (the usual case) becomes the
/// String in place, so a large file is not held twice.
pub fn decode_owned(bytes: Vec<u8>, name: &str) -> Result<String, Error> {
    decode_cow(Cow::Owned(bytes), name)
}

fn decode_cow(input: Cow<'_, [u8]>, name: &str) -> Result<String, Error> {
    let bytes: &[u8] = &input;
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(name, "empty file"));
    }
    let (enc, bom_len) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_8, 0));
    let body = bytes.get(bom_len..).unwrap_or_default();
    if bom_len == 0 && looks_binary(body) {
        return Err(Error::input(name, "binary file, not a release"));
    }
    let text = if enc == encoding_rs::UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) if bom_len > 0 || matches!(input, Cow::Borrowed(_)) => s.to_string(),
            // Valid UTF-8 with no BOM, and ours to keep: the bytes are the text.
            Ok(_) => String::from_utf8(input.into_owned())
                .map_err(|_| Error::input(name, "invalid UTF-8"))?,
            // Old releases are Windows-1252 (a superset of Latin-1 in practice).
            Err(_) => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(body)
                .0
                .into_owned(),
        }
    } else {
        enc.decode_without_bom_handling(body).0.into_owned()
    };
    if text.trim().is_empty() {
        return Err(Error::input(name, "empty file"));
    }
    Ok(text)
}

/// Binary: many NULs or control bytes in the first few KB, or a known magic number.
pub fn looks_binary(bytes: &[u8]) -> bool {
    const MAGIC: [&[u8]; 6] = [
        b"\x89PNG",
        b"\x7fELF",
        b"GIF8",
        b"%PDF",
        b"PK\x03\x04",
        b"\xff\xd8\xff",
    ];
    if MAGIC.iter().any(|m| bytes.starts_with(m)) {
        return true;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let bad = head
        .iter()
        .filter(|&&b| {
            b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x07 | 0x0c | 0x1b))
        })
        .count();
    // PDF-extracted text carries a few NULs where ligatures were; binaries carry many.
    bad * 20 > head.len().max(1)
}

/// What cleaning does to one character, escape sequences and tabs aside; None keeps it.
enum Fix {
    Drop,
    Push(char),
}

fn fix(c: char) -> Option<Fix> {
    match c {
        c if c.is_control() => Some(Fix::Drop),
        // Private-use bullets from PDF extraction read as bullets.
        '\u{f0b7}' | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' | '\u{f0a8}' | '\u{f0fc}' => {
            Some(Fix::Push('•'))
        }
        // Invisible characters that would only confuse widths and search.
        '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{ad}' => {
            Some(Fix::Drop)
        }
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{3000}' => Some(Fix::Push(' ')),
        // Bidirectional overrides can make text display differently from what it is.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(Fix::Drop),
        _ => None,
    }
}

/// Whether [`clean_line`] leaves `line` as it is. Tabs and escape sequences start with control
/// characters, which `fix` changes.
fn is_clean_line(line: &str) -> bool {
    let ascii_clean = line.bytes().all(|b| (0x20..0x7f).contains(&b));
    (ascii_clean || line.chars().all(|c| fix(c).is_none())) && line.trim_end().len() == line.len()
}

/// Clean one physical line: strip escape sequences and control characters, expand tabs to
/// 8-column stops, drop trailing whitespace. Borrows when the line is already clean (the
/// common case, non-ASCII text too), so cleaning a large file does not allocate per line.
pub fn clean_line(line: &str) -> Cow<'_, str> {
    if is_clean_line(line) {
        return Cow::Borrowed(line);
    }
    if line.is_ascii() && !line.bytes().any(|b| b < 0x20 || b == 0x7f) {
        return Cow::Borrowed(line.trim_end());
    }
    let mut out = String::with_capacity(line.len());
    let mut col = 0usize;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' => {
                let n = 8 - col % 8;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            // ESC and the C1 CSI / OSC introducers: the whole sequence goes.
            c if safe::skip_sequence(c, &mut chars) => {}
            c => match fix(c) {
                Some(Fix::Drop) => {}
                Some(Fix::Push(r)) => {
                    out.push(r);
                    col += 1;
                }
                None => {
                    out.push(c);
                    col += 1;
                }
            },
        }
    }
    let t = out.trim_end().len();
    out.truncate(t);
    Cow::Owned(out)
}

/// Clean text of several lines (a string read from irview's JSON): each `\n`-separated line as
/// [`clean_line`] cleans it, so the line count stays what it was. Borrows when nothing changes.
pub fn clean_text(text: &str) -> Cow<'_, str> {
    if !text.contains('\n') {
        return clean_line(text);
    }
    if text.split('\n').all(is_clean_line) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<Cow<'_, str>> = text.split('\n').map(clean_line).collect();
    // (A cleaned line may be borrowed yet shorter, or owned yet the same.)
    if lines
        .iter()
        .zip(text.split('\n'))
        .all(|(l, orig)| l == orig)
    {
        return Cow::Borrowed(text);
    }
    Cow::Owned(lines.join("\n"))
}

/// Clean a run of inline text (HTML, Markdown): like [`clean_line`], but every whitespace run
/// (including newlines and tabs) becomes one space. Appends to `out`; `space` carries a pending
/// space between calls so words split across chunks still get one space.
pub fn push_inline(out: &mut String, text: &str, space: &mut bool) {
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if safe::skip_sequence(c, &mut chars) => {}
            c if c.is_whitespace() => *space = true,
            c => match fix(c) {
                Some(Fix::Drop) => {}
                Some(Fix::Push(r)) => {
                    flush_space(out, space);
                    out.push(r);
                }
                None => {
                    flush_space(out, space);
                    out.push(c);
                }
            },
        }
    }
}

fn flush_space(out: &mut String, space: &mut bool) {
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
}

/// Split text into cleaned lines: CRLF and lone CR are line ends, as is a form feed (a page
/// break in PDF-extracted text; the line after it keeps its text).
pub fn clean_lines(text: &str) -> Vec<Cow<'_, str>> {
    lines(text).collect()
}

/// [`clean_lines`] one line at a time, for callers that need not hold them all.
pub fn lines(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let text = text.trim_start_matches('\u{feff}');
    let bytes = text.as_bytes();
    let mut start = 0;
    // Set once the last line is out; an empty text is one empty line.
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match memchr::memchr2(b'\n', b'\r', &bytes[start..]) {
            Some(k) => {
                let i = start + k;
                let line = clean_line(&text[start..i]);
                start = i + if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                // A final line end does not start another line.
                done = start >= text.len();
                Some(line)
            }
            None => {
                done = true;
                Some(clean_line(&text[start..]))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_owned_decodes_as_decode_does() {
        let inputs: [&[u8]; 8] = [
            "Revenue “rose” 12%\n".as_bytes(),
            b"\xEF\xBB\xBFwith a BOM\n",
            b"Apple\x92s cp1252\n",
            b"\xFF\xFEh\x00i\x00",
            b"",
            b"  \n\t ",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00",
            b"\x00\x01\x02\x03\x00\x00 binary",
        ];
        for bytes in inputs {
            let a = decode(bytes, "x").map_err(|e| e.to_string());
            let b = decode_owned(bytes.to_vec(), "x").map_err(|e| e.to_string());
            assert_eq!(a, b, "{bytes:?}");
        }
    }

    #[test]
    fn escapes_and_controls_are_removed() {
        let s = "a\u{1b}[2J\u{1b}]0;title\u{7}b\u{1b}]52;c;ZXZpbA==\u{1b}\\c\u{0}d\te";
        assert_eq!(clean_line(s), "abcd    e");
        assert!(matches!(clean_line("plain line"), Cow::Borrowed(_)));
        assert_eq!(clean_lines("a\r\nb\rc\n"), ["a", "b", "c"]);
        // Edges of the line iterator: a final line end starts no line, an empty text is one
        // empty line, blank lines and a leading BOM are kept and dropped as before.
        let cases: [(&str, &[&str]); 8] = [
            ("", &[""]),
            ("a", &["a"]),
            ("\n", &[""]),
            ("\r\n", &[""]),
            ("a\n\n", &["a", ""]),
            ("\n\na", &["", "", "a"]),
            ("\u{feff}x\r", &["x"]),
            ("a\r\r\nb", &["a", "", "b"]),
        ];
        for (text, want) in cases {
            assert_eq!(clean_lines(text), want, "{text:?}");
        }
        let mut out = String::new();
        let mut sp = false;
        push_inline(&mut out, "  x\n\t y ", &mut sp);
        push_inline(&mut out, "z", &mut sp);
        assert_eq!(out, "x y z");
    }

    #[test]
    fn cp1252_fallback_and_binary_refusal() {
        let s = decode(b"caf\xe9 \x93quoted\x94", "x").unwrap();
        assert_eq!(s, "café “quoted”");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0", "x.png").is_err());
        assert!(decode(b"", "x").is_err());
    }
}
