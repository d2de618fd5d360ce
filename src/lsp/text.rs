//! Positions as the client counts them, and `file:` URIs.
//!
//! kblint counts columns in characters; LSP clients count in UTF-16 code units unless
//! both sides agree on UTF-8 bytes or UTF-32 (characters) at initialisation.

use lsp_types::PositionEncodingKind;
use std::path::{Path, PathBuf};

/// The unit of `Position.character` agreed with the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// Bytes of UTF-8.
    Utf8,
    /// UTF-16 code units (the protocol's default).
    Utf16,
    /// Unicode scalar values.
    Utf32,
}

impl Encoding {
    /// Picks the client's first preference that kblint supports; UTF-16 when the client
    /// offers none (the protocol's rule).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        offered
            .unwrap_or(&[])
            .iter()
            .find_map(|k| match k.as_str() {
                "utf-8" => Some(Encoding::Utf8),
                "utf-16" => Some(Encoding::Utf16),
                "utf-32" => Some(Encoding::Utf32),
                _ => None,
            })
            .unwrap_or(Encoding::Utf16)
    }

    /// The protocol's name for it.
    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf8 => c.len_utf8() as u32,
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf32 => 1,
        }
    }

    /// The length of `s` in the client's units.
    pub fn len(self, s: &str) -> u32 {
        s.chars().map(|c| self.width(c)).sum()
    }

    /// The client's column of the point `chars` characters into `line`. Past the end of
    /// the line each missing character counts one unit.
    pub fn column(self, line: &str, chars: u32) -> u32 {
        let mut units = 0;
        let mut n = 0;
        for c in line.chars() {
            if n == chars {
                return units;
            }
            units += self.width(c);
            n += 1;
        }
        units + (chars - n)
    }

    /// The byte offset in `line` of the client's column `units`, clamped to the end of the
    /// line; a column inside a character means that character's start.
    pub fn byte_offset(self, line: &str, units: u32) -> usize {
        let mut seen = 0;
        for (i, c) in line.char_indices() {
            let w = self.width(c);
            if seen + w > units {
                return i;
            }
            seen += w;
        }
        line.len()
    }
}

/// A text and its lines as the protocol sees them (`\n` or `\r\n` ends a line).
pub struct Lines {
    text: String,
    starts: Vec<usize>,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: String) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of lines (a final newline opens an empty last line).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// Byte range of 0-based line `i` without its terminator (empty past the end).
    pub fn range(&self, i: usize) -> std::ops::Range<usize> {
        let Some(&start) = self.starts.get(i) else {
            return self.text.len()..self.text.len();
        };
        let mut end = self
            .starts
            .get(i + 1)
            .map(|&s| s - 1)
            .unwrap_or(self.text.len());
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// Text of 0-based line `i`.
    pub fn line(&self, i: usize) -> &str {
        &self.text[self.range(i)]
    }

    /// Byte offset of a client position, clamped into the text.
    pub fn offset(&self, pos: lsp_types::Position, enc: Encoding) -> usize {
        let i = pos.line as usize;
        if i >= self.count() {
            return self.text.len();
        }
        let r = self.range(i);
        r.start + enc.byte_offset(&self.text[r.clone()], pos.character)
    }

    /// The client position of a byte offset (clamped into the text).
    pub fn offset_position(&self, offset: usize, enc: Encoding) -> lsp_types::Position {
        let offset = crate::line_index::clamp_to_char_boundary(&self.text, offset);
        let i = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let r = self.range(i);
        let end = offset.clamp(r.start, r.end);
        lsp_types::Position {
            line: i as u32,
            character: enc.len(&self.text[r.start..end]),
        }
    }

    /// The client position of a 1-based line and character column.
    pub fn position(&self, line: u32, column: u32, enc: Encoding) -> lsp_types::Position {
        let i = line.saturating_sub(1);
        let mut chars = column.saturating_sub(1);
        let text = self.line(i as usize);
        // kblint's columns start after a byte-order mark; the client's include it.
        if i == 0 && text.starts_with('\u{FEFF}') {
            chars += 1;
        }
        lsp_types::Position {
            line: i,
            character: enc.column(text, chars),
        }
    }
}

/// The path of a `file:` URI (`None` for other schemes and remote hosts).
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("file") {
        return None;
    }
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::corpus::percent_decode(path);
    #[cfg(windows)]
    let decoded = {
        // file:///C:/x → C:\x
        let d = decoded.strip_prefix('/').unwrap_or(&decoded);
        d.replace('/', "\\")
    };
    Some(crate::corpus::normalize(Path::new(&decoded)))
}

/// The `file:` URI of an absolute path, percent-encoded.
pub fn path_to_uri(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !s.starts_with('/') {
        out.push('/'); // Windows drive letter
    }
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'.' | b'_' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_encoding() {
        let line = "a😀中b";
        assert_eq!(Encoding::Utf16.column(line, 3), 4);
        assert_eq!(Encoding::Utf8.column(line, 3), 8);
        assert_eq!(Encoding::Utf32.column(line, 3), 3);
        assert_eq!(Encoding::Utf16.column(line, 6), 7, "past the end");
        assert_eq!(Encoding::Utf16.byte_offset(line, 4), 8);
        assert_eq!(
            Encoding::Utf16.byte_offset(line, 2),
            1,
            "inside a surrogate pair"
        );
        assert_eq!(Encoding::Utf8.byte_offset(line, 8), 8);
        assert_eq!(Encoding::Utf32.byte_offset(line, 99), line.len());
    }

    #[test]
    fn negotiation_follows_the_clients_order() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::new("utf-7"), K::UTF32, K::UTF8])),
            Encoding::Utf32
        );
        assert_eq!(Encoding::negotiate(Some(&[K::UTF8])), Encoding::Utf8);
    }

    #[test]
    fn lines_and_offsets() {
        let text = "ab\r\n😀x\nlast";
        let l = Lines::new(text.to_string());
        assert_eq!(l.count(), 3);
        assert_eq!(l.line(0), "ab");
        assert_eq!(l.line(1), "😀x");
        let p = lsp_types::Position {
            line: 1,
            character: 2,
        };
        assert_eq!(&text[l.offset(p, Encoding::Utf16)..], "x\nlast");
        assert_eq!(l.position(2, 2, Encoding::Utf16).character, 2);
        assert_eq!(l.position(2, 2, Encoding::Utf8).character, 4);
        let o = text.find('x').unwrap();
        assert_eq!(
            l.offset_position(o, Encoding::Utf16),
            lsp_types::Position {
                line: 1,
                character: 2
            }
        );
        let bom = Lines::new("\u{FEFF}TODO".to_string());
        assert_eq!(bom.position(1, 1, Encoding::Utf16).character, 1);
    }

    #[test]
    fn file_uris_round_trip() {
        let p = Path::new("/tmp/a b/ç#1.md");
        let u = path_to_uri(p);
        assert_eq!(u, "file:///tmp/a%20b/%C3%A7%231.md");
        assert_eq!(uri_to_path(&u).unwrap(), p);
        assert_eq!(
            uri_to_path("file://localhost/tmp/x.md").unwrap(),
            Path::new("/tmp/x.md")
        );
        assert!(uri_to_path("untitled:Untitled-1").is_none());
        assert!(uri_to_path("file://server/share/x.md").is_none());
    }
}
