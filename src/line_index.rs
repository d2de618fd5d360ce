//! Maps byte offsets to 1-based lines and character columns.

use crate::diagnostic::Position;

/// Line starts of one text, for exact line and column positions.
///
/// Offsets are byte offsets into the text *after* a UTF-8 BOM; columns count
/// Unicode scalar values. A `\r\n` ends a line like `\n` does.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                starts.push(i as u32 + 1);
            }
        }
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline does not open an extra counted line for callers
    /// that iterate; it is still addressable).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&(offset as u32)) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(0) as usize
    }

    /// 1-based (line, column) of byte `offset` in `text`. Offsets inside a multi-byte
    /// character or past the end are clamped.
    pub fn line_col(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = clamp_to_char_boundary(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = text[start..offset].chars().count();
        (line as u32 + 1, col as u32 + 1)
    }

    /// The 1-based position of the byte range `start..end` of `text`.
    pub fn position(&self, text: &str, start: usize, end: usize) -> Position {
        let (line, column) = self.line_col(text, start);
        let (end_line, end_column) = self.line_col(text, end.max(start));
        Position {
            line,
            column,
            end_line,
            end_column,
        }
    }

    /// The byte range of 0-based `line`, without its line terminator.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_start(line).min(text.len());
        let mut end = self
            .starts
            .get(line + 1)
            .map(|&s| s as usize)
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

/// The largest char boundary `<= offset` (and `<= text.len()`).
pub fn clamp_to_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lines_and_columns() {
        let t = "ab\ncd\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 0), (1, 1));
        assert_eq!(ix.line_col(t, 1), (1, 2));
        assert_eq!(ix.line_col(t, 3), (2, 1));
        assert_eq!(ix.line_col(t, 6), (3, 1));
    }

    #[test]
    fn crlf_counts_like_lf() {
        let t = "a\r\nbé\r\nc";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, t.find('c').unwrap()), (3, 1));
        assert_eq!(ix.line_range(t, 1), 3..6);
    }

    #[test]
    fn multibyte_columns_count_chars() {
        let t = "日本語 refund\n";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, t.find("refund").unwrap()), (1, 5));
        // emoji (4 bytes, 1 char)
        let t = "😀x";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 4), (1, 2));
        // inside a char clamps back
        assert_eq!(ix.line_col(t, 2), (1, 1));
    }

    #[test]
    fn past_end_is_clamped() {
        let t = "abc";
        let ix = LineIndex::new(t);
        assert_eq!(ix.line_col(t, 99), (1, 4));
    }
}
