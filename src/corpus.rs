//! The whole KB as the corpus-wide rules see it: one small summary per article, and
//! indexes over them. Article text is not kept here.

use crate::article::frontmatter::Meta;
use crate::article::markdown::LinkKind;
use crate::article::Article;
use crate::config::Settings;
use crate::dates::Date;
use crate::diagnostic::{Diagnostic, Position, Related};
use crate::lexicon::Lexicons;
use crate::rules::RuleMeta;
use crate::suppress::Suppressions;
use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};

/// A link as the corpus rules need it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DocLink {
    /// Link or image.
    pub kind: LinkKind,
    /// Destination as written.
    pub dest: String,
    /// Where the link is.
    pub position: Position,
    /// The link's source text.
    pub snippet: String,
}

/// One article's summary (what the incremental cache stores, settings aside).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Doc {
    /// Absolute, lexically normalised path.
    pub path: PathBuf,
    /// Display path.
    pub display: String,
    /// Whether it loaded (a failed load still takes part as a link target).
    pub loaded: bool,
    /// Typed frontmatter.
    pub meta: Meta,
    /// Settings in force (from configuration, never cached).
    #[serde(skip)]
    pub settings: Settings,
    /// Heading anchors (and HTML ids), lowercased.
    pub anchors: HashSet<String>,
    /// Links and images.
    pub links: Vec<DocLink>,
    /// Inline suppressions.
    pub suppressions: Suppressions,
    /// Customer-facing commitments found in its prose (promise and tone rules).
    pub promises: Vec<crate::rules::promise::Promise>,
    /// Checkable statements (conflict rules); the text itself is not kept.
    pub claims: Vec<crate::claims::Claim>,
}

impl Doc {
    /// Summarises a loaded article.
    pub fn from_article(
        a: &Article,
        path: PathBuf,
        settings: Settings,
        suppressions: Suppressions,
    ) -> Doc {
        let mut anchors: HashSet<String> =
            a.md.headings
                .iter()
                .map(|h| h.anchor.to_lowercase())
                .collect();
        anchors.extend(a.md.html_anchors.iter().map(|s| s.to_lowercase()));
        let links =
            a.md.links
                .iter()
                .map(|l| DocLink {
                    kind: l.kind,
                    dest: l.dest.clone(),
                    position: a.position(l.range.clone()),
                    snippet: a.text[l.range.clone()].to_string(),
                })
                .collect();
        Doc {
            path,
            display: a.display.clone(),
            loaded: true,
            meta: a.meta.clone(),
            settings,
            anchors,
            links,
            suppressions,
            promises: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// A file that exists but could not be loaded.
    pub fn unloaded(path: PathBuf, display: String, settings: Settings) -> Doc {
        Doc {
            path,
            display,
            loaded: false,
            meta: Meta::default(),
            settings,
            anchors: HashSet::new(),
            links: Vec::new(),
            suppressions: Suppressions::default(),
            promises: Vec::new(),
            claims: Vec::new(),
        }
    }
}

/// The KB: every article's summary, with indexes.
pub struct Corpus {
    /// Summaries, sorted by display path.
    pub docs: Vec<Doc>,
    by_path: rustc_hash::FxHashMap<PathBuf, usize>,
    by_lower: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Every link resolved once: `targets[doc][link]`.
    pub targets: Vec<Vec<Target>>,
    /// "Today".
    pub today: Date,
    /// Rule data.
    pub lexicons: Lexicons,
    /// The canonical facts registry, when configured.
    pub facts: Option<crate::facts::Registry>,
    conflicts: std::sync::OnceLock<crate::claims::compare::Analysis>,
    /// Folders a `superseded_by` path may be relative to (after the article's own).
    pub kb_roots: Vec<PathBuf>,
    /// File-system answers for link resolution.
    probes: std::sync::Arc<FsProbes>,
}

/// What link resolution asked the file system, memoised: each path is probed once per
/// run, and the language server keeps the answers across re-runs until files change.
///
/// The corpus-wide rules touch the disk only through here, so the answers
/// ([`FsProbes::answers`]) are everything besides the articles that their findings
/// depend on.
#[derive(Debug, Default)]
pub struct FsProbes {
    exists: std::sync::Mutex<HashMap<PathBuf, bool>>,
    case: std::sync::Mutex<HashMap<PathBuf, Option<String>>>,
    /// Folder listings read while resolving case mismatches, read once per folder.
    listings: std::sync::RwLock<HashMap<PathBuf, Option<std::sync::Arc<Vec<std::ffi::OsString>>>>>,
}

/// The questions [`FsProbes`] was asked and its answers, sorted.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ProbeAnswers {
    exists: Vec<(PathBuf, bool)>,
    case: Vec<(PathBuf, Option<String>)>,
}

impl FsProbes {
    fn memo<T: Clone>(
        map: &std::sync::Mutex<HashMap<PathBuf, T>>,
        path: &Path,
        probe: impl FnOnce() -> T,
    ) -> T {
        if let Some(v) = map.lock().ok().and_then(|m| m.get(path).cloned()) {
            return v;
        }
        let v = probe();
        if let Ok(mut m) = map.lock() {
            m.insert(path.to_path_buf(), v.clone());
        }
        v
    }

    /// Whether a path exists, asked once per path.
    fn exists(&self, path: &Path) -> bool {
        FsProbes::memo(&self.exists, path, || path.exists())
    }

    /// The display path of `target` with its letter case as on disk, if it exists only
    /// with another case.
    fn case(&self, target: &Path) -> Option<String> {
        FsProbes::memo(&self.case, target, || self.case_on_disk(target))
    }

    /// Walks down component by component, matching names case-insensitively.
    fn case_on_disk(&self, target: &Path) -> Option<String> {
        let mut cur = PathBuf::new();
        let mut changed = false;
        for c in target.components() {
            let next = cur.join(c.as_os_str());
            // Missing links share their folders: each folder is asked about once.
            if self.exists(&next) {
                cur = next;
                continue;
            }
            let want = c.as_os_str().to_string_lossy().to_lowercase();
            let listing = self.listing(&cur)?;
            let found = listing
                .iter()
                .find(|n| n.to_string_lossy().to_lowercase() == want)?;
            cur = cur.join(found);
            changed = true;
        }
        changed.then(|| crate::discover::display_path(&cur))
    }

    /// The entries of a folder, read once and shared between threads.
    fn listing(&self, dir: &Path) -> Option<std::sync::Arc<Vec<std::ffi::OsString>>> {
        if let Ok(cache) = self.listings.read() {
            if let Some(hit) = cache.get(dir) {
                return hit.clone();
            }
        }
        let names = std::fs::read_dir(dir).ok().map(|rd| {
            std::sync::Arc::new(
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name())
                    .collect::<Vec<_>>(),
            )
        });
        if let Ok(mut cache) = self.listings.write() {
            cache.insert(dir.to_path_buf(), names.clone());
        }
        names
    }

    /// Every question asked so far, with its answer.
    pub fn answers(&self) -> ProbeAnswers {
        fn sorted<T: Clone>(m: &std::sync::Mutex<HashMap<PathBuf, T>>) -> Vec<(PathBuf, T)> {
            let mut v: Vec<(PathBuf, T)> = m
                .lock()
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        }
        ProbeAnswers {
            exists: sorted(&self.exists),
            case: sorted(&self.case),
        }
    }

    /// Whether the disk still gives every one of these answers (asked afresh, in
    /// parallel).
    pub fn still(answers: &ProbeAnswers) -> bool {
        use rayon::prelude::*;
        let fresh = FsProbes::default();
        answers
            .exists
            .par_iter()
            .all(|(p, v)| fresh.exists(p) == *v)
            && answers
                .case
                .par_iter()
                .all(|(p, v)| fresh.case_on_disk(p) == *v)
    }
}

/// Lexically normalises a path: drops `.`, resolves `..` without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// Where a relative link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Not something kblint checks (external URL, site-absolute path, template).
    Skipped,
    /// An article of the KB, with the fragment if any.
    Article(usize, Option<String>),
    /// The same article, `#fragment` only.
    SameFile(String),
    /// A file or folder that exists but is not an article.
    Asset,
    /// The path exists only with different letter case.
    CaseMismatch(String),
    /// Nothing there.
    Missing(PathBuf),
}

/// Decodes `%20`-style escapes; invalid escapes are kept as written.
pub fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else {
        return false;
    };
    let scheme = &dest[..colon];
    !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

impl Corpus {
    /// Builds the indexes. `docs` must be sorted by display path.
    pub fn new(docs: Vec<Doc>, today: Date, lexicons: Lexicons) -> Corpus {
        Corpus::with_probes(docs, today, lexicons, Default::default())
    }

    /// [`Corpus::new`] reusing file-system answers from earlier runs (drop them when
    /// files change on disk).
    pub fn with_probes(
        docs: Vec<Doc>,
        today: Date,
        lexicons: Lexicons,
        probes: std::sync::Arc<FsProbes>,
    ) -> Corpus {
        let mut by_path = rustc_hash::FxHashMap::default();
        by_path.reserve(docs.len());
        let mut by_lower: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        by_lower.reserve(docs.len());
        for (i, d) in docs.iter().enumerate() {
            by_path.insert(d.path.clone(), i);
            by_lower
                .entry(d.path.to_string_lossy().to_lowercase())
                .or_default()
                .push(i);
        }
        let mut corpus = Corpus {
            docs,
            by_path,
            by_lower,
            targets: Vec::new(),
            today,
            lexicons,
            kb_roots: Vec::new(),
            probes,
            facts: None,
            conflicts: std::sync::OnceLock::new(),
        };
        use rayon::prelude::*;
        corpus.targets = corpus
            .docs
            .par_iter()
            .map(|d| d.links.iter().map(|l| corpus.resolve(d, &l.dest)).collect())
            .collect();
        corpus
    }

    /// Gives back the summaries and the rule data, to be updated and rebuilt (the editor
    /// integration rebuilds the corpus after each change).
    pub fn into_parts(self) -> (Vec<Doc>, Lexicons) {
        (self.docs, self.lexicons)
    }

    /// Every claim compared with the others and the registry, once per run.
    pub fn conflicts(&self) -> &crate::claims::compare::Analysis {
        self.conflicts
            .get_or_init(|| crate::claims::compare::analyse(self))
    }

    /// The article at an absolute normalised path.
    pub fn doc_at(&self, path: &Path) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// The article with this display path.
    pub fn doc_by_display(&self, display: &str) -> Option<&Doc> {
        self.docs
            .binary_search_by(|d| d.display.as_str().cmp(display))
            .ok()
            .map(|i| &self.docs[i])
    }

    /// Resolves a link destination written in `from`.
    pub fn resolve(&self, from: &Doc, dest: &str) -> Target {
        let dest = dest.trim();
        if dest.is_empty()
            || has_scheme(dest)
            || dest.starts_with("//")
            || dest.starts_with('/')
            || dest.contains("{{")
            || dest.contains("<<")
        {
            return Target::Skipped;
        }
        let (path_part, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(percent_decode(f))),
            None => (dest, None),
        };
        let path_part = path_part.split('?').next().unwrap_or("");
        if path_part.is_empty() {
            return match fragment {
                Some(f) => Target::SameFile(f),
                None => Target::Skipped,
            };
        }
        let decoded = percent_decode(path_part).replace('\\', "/");
        let base = from.path.parent().unwrap_or(Path::new(""));
        let target = normalize(&base.join(&decoded));
        if let Some(i) = self.doc_at(&target) {
            return Target::Article(i, fragment);
        }
        if self.probes.exists(&target) {
            return Target::Asset;
        }
        // Extension-less links as many site generators write them.
        if target.extension().is_none() {
            for ext in ["md", "markdown"] {
                if let Some(i) = self.doc_at(&target.with_extension(ext)) {
                    return Target::Article(i, fragment);
                }
            }
        }
        if let Some(actual) = self.case_insensitive(&target) {
            return Target::CaseMismatch(actual);
        }
        Target::Missing(target)
    }

    fn case_insensitive(&self, target: &Path) -> Option<String> {
        let lower = target.to_string_lossy().to_lowercase();
        if let Some(&i) = self.by_lower.get(&lower).and_then(|v| v.first()) {
            return Some(self.docs[i].display.clone());
        }
        self.probes.case(target)
    }

    /// What the disk answered while the rules ran.
    pub fn probe_answers(&self) -> ProbeAnswers {
        self.probes.answers()
    }

    /// Builds a diagnostic for `doc` if `rule` is on for it.
    #[allow(clippy::too_many_arguments)]
    pub fn emit(
        &self,
        out: &mut Vec<Diagnostic>,
        rule: &'static RuleMeta,
        doc: &Doc,
        position: Position,
        message: String,
        related: Vec<Related>,
        snippet: String,
    ) {
        if let Some(severity) = doc.settings.severity(rule) {
            out.push(Diagnostic {
                rule,
                severity,
                path: doc.display.clone(),
                position,
                message,
                related,
                snippet,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_lexically() {
        assert_eq!(
            normalize(Path::new("/kb/a/../b/./c.md")),
            PathBuf::from("/kb/b/c.md")
        );
    }

    #[test]
    fn decodes_percent() {
        assert_eq!(percent_decode("My%20File.md"), "My File.md");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("a%2"), "a%2");
    }

    #[test]
    fn schemes() {
        assert!(has_scheme("https://x"));
        assert!(has_scheme("mailto:a@b"));
        assert!(!has_scheme("a.md"));
        assert_eq!(percent_decode("%é1"), "%é1");
    }
}
