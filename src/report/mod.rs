//! Reporters: each renders the same sorted diagnostics in one output format.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sarif;
pub mod sha256;

use crate::dates::Date;
use crate::diagnostic::{Category, Diagnostic};
use crate::health::ArticleFacts;
use std::collections::BTreeSet;
use std::path::Path;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Rich, with source snippets (default).
    Human,
    /// `path:line:col: severity[CODE] message`, one per line.
    Concise,
    /// The contract's JSON object.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
    /// GitLab Code Quality JSON.
    Gitlab,
    /// JUnit XML for CI test reports.
    Junit,
    /// A self-contained HTML health report (inline CSS, SVG and script).
    Html,
    /// A short Markdown summary for pull-request comments and CI job summaries.
    Markdown,
}

/// What a reporter needs besides the diagnostics.
#[derive(Debug, Clone)]
pub struct Report<'a> {
    /// Sorted diagnostics.
    pub diagnostics: &'a [Diagnostic],
    /// Files checked.
    pub files: usize,
    /// Use ANSI colors.
    pub color: bool,
    /// Print per-rule counts.
    pub statistics: bool,
    /// Only the summary (human) / nothing but findings.
    pub quiet: bool,
    /// Review facts of every article, sorted by path (HTML and Markdown reports).
    pub articles: &'a [ArticleFacts],
    /// Categories with at least one rule on.
    pub categories_checked: &'a [Category],
    /// "Today" of the run.
    pub today: Date,
    /// How findings link to their files.
    pub links: Links,
}

/// Renders a report.
pub fn render(format: Format, r: &Report) -> String {
    let mut out = match format {
        Format::Human => human::render(r),
        Format::Concise => concise::render(r),
        Format::Json => json::render(r),
        Format::Sarif => sarif::render(r),
        Format::Github => github::render(r),
        Format::Gitlab => gitlab::render(r),
        Format::Junit => junit::render(r),
        Format::Html => html::render(r),
        Format::Markdown => markdown::render(r),
    };
    if r.statistics && matches!(format, Format::Human | Format::Concise) {
        out.push_str(&statistics(r.diagnostics));
    }
    out
}

/// Counts per rule, most frequent first.
pub fn statistics(diags: &[Diagnostic]) -> String {
    let mut counts: std::collections::BTreeMap<(&str, &str), usize> =
        std::collections::BTreeMap::new();
    for d in diags {
        *counts.entry((d.rule.code, d.rule.name)).or_default() += 1;
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = String::new();
    for ((code, name), n) in rows {
        out.push_str(&format!("{n:>6}  {code}  {name}\n"));
    }
    out
}

/// How a report turns a path and line into a link.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Links {
    /// `{base}/{path}#L{line}` when set (a repository web view).
    pub base_url: Option<String>,
    /// Otherwise a relative link: this prefix (e.g. `../`) leads from the report's folder
    /// to the working directory the display paths are relative to.
    pub prefix: String,
}

impl Links {
    /// Links for a report written into `out_dir` (the working directory when `None`).
    pub fn new(base_url: Option<String>, out_dir: Option<&Path>) -> Links {
        let base_url = base_url
            .map(|b| b.trim().trim_end_matches('/').to_string())
            .filter(|b| !b.is_empty());
        let prefix = out_dir.map(prefix_to_cwd).unwrap_or_default();
        Links { base_url, prefix }
    }

    /// The link target for `path` at `line` (0 for the file itself). Percent-encoded, so
    /// it is safe inside a quoted HTML attribute or a Markdown link destination.
    pub fn href(&self, path: &str, line: u32) -> String {
        let enc = encode_path(path);
        match &self.base_url {
            Some(base) if line > 0 => format!("{base}/{enc}#L{line}"),
            Some(base) => format!("{base}/{enc}"),
            None => format!("{}{enc}", self.prefix),
        }
    }
}

/// The relative path from `dir` to the working directory, as a URL prefix (`../../`).
fn prefix_to_cwd(dir: &Path) -> String {
    let dir = crate::discover::absolute(dir);
    let cwd = crate::discover::absolute(&crate::discover::cwd());
    let d: Vec<_> = dir.components().collect();
    let c: Vec<_> = cwd.components().collect();
    let common = d.iter().zip(&c).take_while(|(x, y)| x == y).count();
    if common == 0 {
        // Different roots (another drive): an absolute file URL.
        return format!(
            "file://{}/",
            encode_path(&cwd.to_string_lossy().replace('\\', "/"))
        );
    }
    let mut out = "../".repeat(d.len() - common);
    for part in &c[common..] {
        out.push_str(&encode_path(&part.as_os_str().to_string_lossy()));
        out.push('/');
    }
    out
}

/// Percent-encodes everything in a path except unreserved characters and `/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Groups display paths into the folders of the KB: the folders under the deepest
/// directory all articles share, with a folder that holds most of the KB split into its
/// subfolders (so `docs/` with everything in it does not make a one-bar chart).
#[derive(Debug, Clone, Default)]
pub struct Folders {
    root: String,
    split: BTreeSet<String>,
}

/// The folder name of files directly in the KB's root.
pub const TOP_LEVEL: &str = "(top level)";

impl Folders {
    /// Finds the shared root of the articles' display paths and the folders to split.
    pub fn new(articles: &[ArticleFacts]) -> Folders {
        let mut dirs = articles.iter().map(|a| parent(&a.display));
        let Some(first) = dirs.next() else {
            return Folders::default();
        };
        let mut root: Vec<&str> = first.split('/').filter(|s| !s.is_empty()).collect();
        for d in dirs {
            let parts: Vec<&str> = d.split('/').filter(|s| !s.is_empty()).collect();
            let n = root.iter().zip(&parts).take_while(|(a, b)| a == b).count();
            root.truncate(n);
        }
        let mut root = root.join("/");
        if !root.is_empty() {
            root.push('/');
        }
        let mut f = Folders {
            root,
            split: BTreeSet::new(),
        };
        // Split the biggest folder while it holds more than half of the articles and
        // has at least two subfolders (a few rounds at most).
        for _ in 0..3 {
            let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
            for a in articles {
                *counts.entry(f.folder(&a.display)).or_default() += 1;
            }
            let Some((big, n)) = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            else {
                break;
            };
            if big == TOP_LEVEL || n * 2 <= articles.len() || f.split.contains(&big) {
                break;
            }
            let prefix = format!("{}{big}/", f.root);
            let subs: BTreeSet<&str> = articles
                .iter()
                .filter_map(|a| a.display.strip_prefix(prefix.as_str()))
                .filter_map(|rest| rest.split_once('/').map(|(d, _)| d))
                .collect();
            if subs.len() < 2 {
                break;
            }
            f.split.insert(big);
        }
        f
    }

    /// The KB root shared by every article (`""` or ending in `/`).
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The folder of `path` (`billing`, or `docs/billing` under a split folder), or
    /// [`TOP_LEVEL`].
    pub fn folder(&self, path: &str) -> String {
        let rest = path.strip_prefix(self.root.as_str()).unwrap_or(path);
        let mut parts: Vec<&str> = rest.split('/').collect();
        parts.pop(); // the file name
        let mut parts = parts.into_iter().filter(|p| !p.is_empty());
        let Some(first) = parts.next() else {
            return TOP_LEVEL.to_string();
        };
        let mut key = first.to_string();
        for p in parts {
            if !self.split.contains(&key) {
                break;
            }
            key.push('/');
            key.push_str(p);
        }
        key
    }

    /// Every folder of these articles, sorted.
    pub fn all(&self, articles: &[ArticleFacts]) -> Vec<String> {
        let set: BTreeSet<String> = articles.iter().map(|a| self.folder(&a.display)).collect();
        set.into_iter().collect()
    }
}

fn parent(path: &str) -> &str {
    path.rsplit_once('/').map(|(d, _)| d).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_encoded() {
        let l = Links::new(Some("https://git.example/kb/blob/main/".into()), None);
        assert_eq!(
            l.href("a b/\"><x>.md", 7),
            "https://git.example/kb/blob/main/a%20b/%22%3E%3Cx%3E.md#L7"
        );
        let l = Links::default();
        assert_eq!(
            l.href("javascript:alert(1).md", 3),
            "javascript%3Aalert%281%29.md"
        );
    }

    fn facts(paths: &[&str]) -> Vec<ArticleFacts> {
        paths
            .iter()
            .map(|p| ArticleFacts {
                display: p.to_string(),
                title: None,
                owner: None,
                loaded: true,
                retired: false,
                last_review: None,
                interval: 180,
                due: None,
                expires: None,
                verified: false,
                health: crate::health::Health::NeverReviewed,
            })
            .collect()
    }

    #[test]
    fn folders_under_the_shared_root() {
        let a = facts(&[
            "kb/billing/a.md",
            "kb/billing/b.md",
            "kb/account/c.md",
            "kb/d.md",
        ]);
        let f = Folders::new(&a);
        assert_eq!(f.root(), "kb/");
        assert_eq!(f.folder("kb/billing/a.md"), "billing");
        assert_eq!(f.folder("kb/d.md"), TOP_LEVEL);
        assert_eq!(f.all(&a), vec!["(top level)", "account", "billing"]);
        // One folder with most of the KB is split into its subfolders.
        let a = facts(&[
            "kb/docs/x/a.md",
            "kb/docs/x/b.md",
            "kb/docs/y/c.md",
            "kb/docs/e.md",
            "kb/archive/d.md",
        ]);
        let f = Folders::new(&a);
        assert_eq!(f.folder("kb/docs/x/a.md"), "docs/x");
        assert_eq!(f.folder("kb/docs/e.md"), "docs");
        assert_eq!(f.folder("kb/archive/d.md"), "archive");
    }
}
