//! The article model: one read, one parse, shared by every rule.

pub mod frontmatter;
pub mod markdown;
pub mod slug;

use crate::diagnostic::Position;
use crate::line_index::LineIndex;
use crate::yaml::Value;
use frontmatter::{Block, Meta};
use markdown::Parsed;
use std::ops::Range;
use std::path::PathBuf;

/// Limits on what one file may cost to load.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file read, in bytes.
    pub max_file_size: u64,
    /// Largest frontmatter block, in bytes.
    pub max_frontmatter_size: usize,
    /// Deepest YAML nesting.
    pub max_yaml_depth: usize,
    /// Most YAML nodes after alias expansion.
    pub max_yaml_nodes: usize,
    /// Deepest Markdown block nesting (lists and blockquotes).
    pub max_nesting: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 10 * 1024 * 1024,
            max_frontmatter_size: 256 * 1024,
            max_yaml_depth: 64,
            max_yaml_nodes: 100_000,
            max_nesting: 256,
        }
    }
}

/// Why a file could not be loaded at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadFailure {
    /// The OS refused to read it.
    Unreadable(String),
    /// Contains NUL bytes: not text.
    Binary,
    /// Larger than the size limit.
    TooLarge {
        /// Actual size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// Not valid UTF-8; the 1-based line and column of the first bad byte.
    InvalidUtf8 {
        /// 1-based line.
        line: u32,
        /// 1-based column (characters before the bad byte, plus one).
        column: u32,
    },
}

/// Why the frontmatter could not be read (the body is still checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontmatterError {
    /// What is wrong.
    pub message: String,
    /// Where, in the article.
    pub position: Position,
}

/// One Markdown article, loaded and parsed once.
#[derive(Debug)]
pub struct Article {
    /// Filesystem path.
    pub path: PathBuf,
    /// Display path: relative to the working directory, `/` separators.
    pub display: String,
    /// The text after any UTF-8 BOM. All byte ranges index into it.
    pub text: String,
    /// Whether the file started with a UTF-8 BOM.
    pub bom: bool,
    /// Line starts of `text`.
    pub lines: LineIndex,
    /// The frontmatter block, when present and terminated.
    pub frontmatter: Option<Block>,
    /// The parsed frontmatter mapping (empty when absent or broken).
    pub fields: Vec<(String, Value)>,
    /// Set when the frontmatter could not be read.
    pub frontmatter_error: Option<FrontmatterError>,
    /// Set when the body was too deeply nested to analyse.
    pub nesting_error: Option<String>,
    /// The contract's keys, typed.
    pub meta: Meta,
    /// Headings, links and prose.
    pub md: Parsed,
}

/// Finds the first NUL in the first 8 KiB (how Git and ripgrep tell binary files).
pub fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

impl Article {
    /// Reads and parses one file. `display` is its path as shown in output.
    pub fn load(path: PathBuf, display: String, limits: &Limits) -> Result<Article, LoadFailure> {
        let bytes = read_file(&path, limits)?;
        Article::from_bytes(path, display, bytes, limits)
    }

    /// Parses file content already read into memory.
    pub fn from_bytes(
        path: PathBuf,
        display: String,
        bytes: Vec<u8>,
        limits: &Limits,
    ) -> Result<Article, LoadFailure> {
        if looks_binary(&bytes) {
            return Err(LoadFailure::Binary);
        }
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let bytes = e.as_bytes();
                let bad = e.utf8_error().valid_up_to();
                let valid = std::str::from_utf8(&bytes[..bad]).unwrap_or("");
                let valid = valid.strip_prefix('\u{FEFF}').unwrap_or(valid);
                let line = valid.matches('\n').count() as u32 + 1;
                let column = valid.rsplit('\n').next().unwrap_or("").chars().count() as u32 + 1;
                return Err(LoadFailure::InvalidUtf8 { line, column });
            }
        };
        Ok(Article::from_text(path, display, text, limits))
    }

    /// Parses article text (a leading BOM is removed and remembered).
    pub fn from_text(path: PathBuf, display: String, mut text: String, limits: &Limits) -> Article {
        let bom = text.starts_with('\u{FEFF}');
        if bom {
            text.drain(..3);
        }
        let lines = LineIndex::new(&text);
        let mut article = Article {
            path,
            display,
            bom,
            lines,
            frontmatter: None,
            fields: Vec::new(),
            frontmatter_error: None,
            nesting_error: None,
            meta: Meta::default(),
            md: Parsed::default(),
            text,
        };
        let body_start = article.read_frontmatter(limits);
        article.md = if nesting_depth(&article.text[body_start..]) > limits.max_nesting {
            article.nesting_error = Some(format!(
                "Markdown nesting deeper than {} levels (`limits.nesting`); the body was not analysed",
                limits.max_nesting
            ));
            Parsed::default()
        } else {
            markdown::parse(&article.text, body_start)
        };
        article
    }

    /// Splits and parses the frontmatter; returns where the body starts.
    fn read_frontmatter(&mut self, limits: &Limits) -> usize {
        let block = match frontmatter::split(&self.text) {
            Ok(Some(b)) => b,
            Ok(None) => return 0,
            Err(u) => {
                self.frontmatter_error = Some(FrontmatterError {
                    message: format!("frontmatter opened with `{}` is never closed", u.fence),
                    position: self.position(0..u.fence.len()),
                });
                return 0;
            }
        };
        let body_start = block.body_start;
        let content_len = block.content.len();
        if content_len > limits.max_frontmatter_size {
            self.frontmatter_error = Some(FrontmatterError {
                message: format!(
                    "frontmatter is {content_len} bytes, over the limit of {} bytes",
                    limits.max_frontmatter_size
                ),
                position: self.position(0..3),
            });
            self.frontmatter = Some(block);
            return body_start;
        }
        match frontmatter::parse_block(&self.text, &block) {
            Ok(Value::Map(map)) => {
                let value = Value::Map(map);
                if value.depth() > limits.max_yaml_depth
                    || value.node_count() > limits.max_yaml_nodes
                {
                    self.frontmatter_error = Some(FrontmatterError {
                        message: format!(
                            "frontmatter nests deeper than {} levels or expands to more than {} values",
                            limits.max_yaml_depth, limits.max_yaml_nodes
                        ),
                        position: self.position(0..3),
                    });
                } else if let Value::Map(map) = value {
                    let lines = frontmatter::key_lines(&self.text, &block, 2);
                    self.meta = Meta::from_map(&map, &lines);
                    self.fields = map;
                }
            }
            Ok(Value::Null) => {}
            Ok(_) => {
                self.frontmatter_error = Some(FrontmatterError {
                    message: "frontmatter is not a mapping of keys to values".into(),
                    position: self.position(block.content.start..block.content.start),
                });
            }
            Err(e) => {
                let line0 = self.lines.line_of(block.content.start) + e.line.unwrap_or(1) - 1;
                let col = e.column.unwrap_or(1);
                let start = self.lines.line_start(line0);
                let lr = self.lines.line_range(&self.text, line0);
                let off = self.text[lr.clone()]
                    .char_indices()
                    .nth(col.saturating_sub(1))
                    .map(|(i, _)| start + i)
                    .unwrap_or(lr.end);
                self.frontmatter_error = Some(FrontmatterError {
                    message: format!("frontmatter is not valid: {}", e.message),
                    position: self.position(off..lr.end.max(off)),
                });
            }
        }
        self.frontmatter = Some(block);
        body_start
    }

    /// The 1-based position of a byte range of [`Article::text`].
    pub fn position(&self, range: Range<usize>) -> Position {
        self.lines.position(&self.text, range.start, range.end)
    }

    /// The position of a whole frontmatter key line (1-based `line`).
    pub fn line_position(&self, line: u32) -> Position {
        let r = self
            .lines
            .line_range(&self.text, line.saturating_sub(1) as usize);
        self.position(r)
    }

    /// Whether the byte offset lies inside code (blocks, inline code).
    pub fn in_code(&self, offset: usize) -> bool {
        self.md.code.iter().any(|r| r.contains(&offset))
    }

    /// The text of 1-based `line`, without its terminator.
    pub fn line_text(&self, line: u32) -> &str {
        let r = self
            .lines
            .line_range(&self.text, line.saturating_sub(1) as usize);
        &self.text[r]
    }
}

/// Reads a file's bytes once, refusing files over the size limit without reading them.
pub fn read_file(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>, LoadFailure> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| LoadFailure::Unreadable(e.to_string());
    let file = std::fs::File::open(path).map_err(unreadable)?;
    // The size from the open handle: one fstat, and a buffer allocated once.
    let size = file.metadata().map_err(unreadable)?.len();
    let limit = limits.max_file_size;
    if size > limit {
        return Err(LoadFailure::TooLarge { size, limit });
    }
    let mut bytes = Vec::with_capacity(size as usize + 1);
    // Bounded even if the file grows while it is read.
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limit {
        return Err(LoadFailure::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// A cheap upper bound on block nesting: the most `>`/list markers/indent levels opening
/// one line. Stops pathological inputs before the Markdown parser sees them.
fn nesting_depth(body: &str) -> usize {
    let mut max = 0;
    for line in body.lines() {
        let mut depth = 0;
        let mut indent = 0;
        for b in line.bytes() {
            match b {
                b'>' => depth += 1,
                b' ' => indent += 1,
                b'\t' => indent += 4,
                b'-' | b'*' | b'+' => depth += 1,
                _ => break,
            }
        }
        max = max.max(depth + indent / 2);
    }
    max
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(s: &str) -> Article {
        Article::from_text(
            "a.md".into(),
            "a.md".into(),
            s.to_string(),
            &Limits::default(),
        )
    }

    #[test]
    fn bom_crlf_multibyte_positions() {
        let a = art("\u{FEFF}---\r\nowner: Zoë\r\n---\r\n# Título\r\n\r\nçà TODO here\r\n");
        assert!(a.bom);
        let off = a.text.find("TODO").unwrap();
        let p = a.position(off..off + 4);
        assert_eq!((p.line, p.column, p.end_column), (6, 4, 8));
        assert_eq!(a.meta.owner.as_ref().unwrap().line, 2);
    }

    #[test]
    fn broken_yaml_reports_the_line() {
        let a = art("---\ntitle: ok\ntitle2: Troubleshooting: Record Locked\n---\nbody\n");
        let e = a.frontmatter_error.unwrap();
        assert_eq!(e.position.line, 3);
        assert!(e.message.contains("not valid"));
    }

    #[test]
    fn invalid_utf8_line() {
        let r = Article::from_bytes(
            "a".into(),
            "a".into(),
            b"ok\nab\xffcd\n".to_vec(),
            &Limits::default(),
        );
        assert_eq!(
            r.unwrap_err(),
            LoadFailure::InvalidUtf8 { line: 2, column: 3 }
        );
    }

    #[test]
    fn binary_and_nonmapping() {
        let r = Article::from_bytes(
            "a".into(),
            "a".into(),
            b"PNG\0\0".to_vec(),
            &Limits::default(),
        );
        assert_eq!(r.unwrap_err(), LoadFailure::Binary);
        let a = art("---\n- a\n- b\n---\n");
        assert!(a
            .frontmatter_error
            .unwrap()
            .message
            .contains("not a mapping"));
        let a = art("---\ntitle: x\n");
        assert!(a
            .frontmatter_error
            .unwrap()
            .message
            .contains("never closed"));
    }
}
