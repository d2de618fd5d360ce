//! The one diagnostic type every rule produces and every reporter renders.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. CI gates on `Error` (and on `Warning` with `--deny-warnings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A hint for editors; never fails a run.
    Info,
    /// Worth fixing; fails the run only with `--deny-warnings`.
    Warning,
    /// Fails the run.
    Error,
}

impl Severity {
    /// The lowercase name used in every output format and in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning`/`warn` or `info`/`hint`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s.to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "hint" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The contract's categories: what a finding means for the agent reading the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// The article may no longer be true.
    Stale,
    /// Two statements about the same fact disagree.
    Conflict,
    /// The article commits the company to something without verification.
    Promise,
    /// A link, anchor or asset that does not resolve.
    Link,
    /// Placeholders and missing or malformed frontmatter.
    Hygiene,
    /// Reply-macro language that undoes a service recovery.
    Tone,
    /// The file could not be read as Markdown with frontmatter.
    Parse,
}

impl Category {
    /// Every category, in the contract's order.
    pub const ALL: [Category; 7] = [
        Category::Stale,
        Category::Conflict,
        Category::Promise,
        Category::Link,
        Category::Hygiene,
        Category::Tone,
        Category::Parse,
    ];

    /// The lowercase name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Stale => "stale",
            Category::Conflict => "conflict",
            Category::Promise => "promise",
            Category::Link => "link",
            Category::Hygiene => "hygiene",
            Category::Tone => "tone",
            Category::Parse => "parse",
        }
    }

    /// Parses a category name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A 1-based source position range; columns count characters, not bytes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Position {
    /// 1-based line of the first character.
    pub line: u32,
    /// 1-based character column of the first character.
    pub column: u32,
    /// 1-based line of the end (exclusive column).
    pub end_line: u32,
    /// 1-based character column just past the last character.
    pub end_column: u32,
}

impl Position {
    /// The start of a file: used for findings about the file as a whole.
    pub const FILE: Position = Position {
        line: 1,
        column: 1,
        end_line: 1,
        end_column: 1,
    };
}

/// Another place that takes part in a finding (the other side of a conflict, say).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Related {
    /// Display path (relative to the working directory, `/` separators).
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based character column.
    pub column: u32,
    /// What this place is.
    pub message: String,
}

/// One finding of one rule at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule that produced it.
    pub rule: &'static crate::rules::RuleMeta,
    /// Effective severity after configuration.
    pub severity: Severity,
    /// Display path (relative to the working directory, `/` separators).
    pub path: String,
    /// Where in the file.
    pub position: Position,
    /// The message, one sentence or two.
    pub message: String,
    /// Other places that take part.
    pub related: Vec<Related>,
    /// The text that was flagged, used for baseline fingerprints that survive line shifts.
    pub snippet: String,
}

impl Diagnostic {
    /// The total order every reporter uses: path, line, column, code, then message.
    pub fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.path,
            self.position.line,
            self.position.column,
            self.rule.code,
            &self.message,
        )
    }
}

/// Sorts and removes exact duplicates so output is byte-identical whatever the thread count.
pub fn sort_diagnostics(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        a.sort_key()
            .cmp(&b.sort_key())
            .then_with(|| a.related.cmp(&b.related))
    });
    diags.dedup_by(|a, b| a.sort_key() == b.sort_key() && a.related == b.related);
}
