//! Decoding and sanitizing: UTF-8 (BOM or not), UTF-16 with BOM, Windows-1252 fallback;
//! tabs expanded; `\r`, NUL, other control characters and terminal escape sequences removed,
//! so a file from the internet can never drive the terminal.

use crate::error::Error;

/// Decode bytes to text. Refuses binary input with a clear reason.
pub fn decode(bytes: &[u8], name: &str) -> Result<String, Error> {
    if bytes.is_empty() || bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(name, "empty file"));
    }
    let (enc, bom_len) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((encoding_rs::UTF_8, 0));
    let body = &bytes[bom_len..];
    let text = if enc == encoding_rs::UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(_) => {
                if looks_binary(body) {
                    return Err(Error::input(name, "binary file, not a release"));
                }
                // Old releases are Windows-1252 (a superset of Latin-1 in practice).
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(body)
                    .0
                    .into_owned()
            }
        }
    } else {
        enc.decode_without_bom_handling(body).0.into_owned()
    };
    if bom_len == 0 && looks_binary(body) {
        return Err(Error::input(name, "binary file, not a release"));
    }
    Ok(text)
}

/// Binary: many NULs or control bytes in the first few KB, or a known magic number.
fn looks_binary(bytes: &[u8]) -> bool {
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
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)))
        .count();
    // PDF-extracted text carries a few NULs where ligatures were; binaries carry many.
    bad * 20 > head.len().max(1)
}

/// Clean one physical line: strip escape sequences and control characters, expand tabs to
/// 8-column stops, drop trailing whitespace.
pub fn clean_line(line: &str) -> String {
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
            '\u{1b}' => skip_escape(&mut chars),
            // C1 CSI / OSC introducers are escape sequences too.
            '\u{9b}' => skip_csi(&mut chars),
            '\u{9d}' => skip_osc(&mut chars),
            '\u{0}' => {}
            c if c.is_control() => {}
            // Private-use bullets from PDF extraction read as bullets.
            '\u{f0b7}' | '\u{f0a7}' | '\u{f076}' | '\u{f0d8}' => {
                out.push('•');
                col += 1;
            }
            '\u{feff}' | '\u{200b}' => {}
            '\u{a0}' => {
                out.push(' ');
                col += 1;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    let t = out.trim_end().len();
    out.truncate(t);
    out
}

fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']') | Some('P') | Some('_') | Some('^') | Some('X') => {
            chars.next();
            skip_osc(chars);
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Parameters and intermediates, then one final byte in @..~.
    for c in chars.by_ref() {
        if ('@'..='~').contains(&c) {
            break;
        }
    }
}

fn skip_osc(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    // Up to BEL or ST (ESC \).
    while let Some(c) = chars.next() {
        if c == '\u{7}' || c == '\u{9c}' {
            break;
        }
        if c == '\u{1b}' {
            if chars.peek() == Some(&'\\') {
                chars.next();
            }
            break;
        }
    }
}

/// Split text into cleaned lines: CRLF and lone CR are line ends.
pub fn clean_lines(text: &str) -> Vec<String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = Vec::with_capacity(text.len() / 60 + 1);
    let mut rest = text;
    loop {
        match rest.find(['\n', '\r']) {
            Some(i) => {
                out.push(clean_line(&rest[..i]));
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = &rest[i + skip..];
            }
            None => {
                out.push(clean_line(rest));
                break;
            }
        }
    }
    // A final newline does not start another line.
    if out.len() > 1 && out.last().is_some_and(|l| l.is_empty()) && text.ends_with(['\n', '\r']) {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_removed() {
        let s = "a\u{1b}[2J\u{1b}]0;title\u{7}b\u{1b}]52;c;ZXZpbA==\u{1b}\\c\u{0}d\te";
        assert_eq!(clean_line(s), "abcd    e");
    }

    #[test]
    fn cp1252_fallback_and_binary_refusal() {
        let s = decode(b"caf\xe9 \x93quoted\x94", "x").unwrap();
        assert_eq!(s, "café “quoted”");
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0", "x.png").is_err());
        assert!(decode(b"", "x").is_err());
    }
}
