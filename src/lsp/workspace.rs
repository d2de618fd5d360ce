//! The knowledge base as the language server keeps it: loaded once, then updated one
//! article at a time. Editor buffers take the place of the files they show.
//!
//! Each update re-checks only the articles that changed, then rebuilds the corpus
//! summaries and re-runs the corpus-wide rules and suppressions over the whole KB, so a
//! finding that spans files (a renamed heading breaking a link elsewhere, a conflict)
//! appears and disappears in every file it touches.

use crate::article::{Article, Limits};
use crate::config::Config;
use crate::corpus::{Doc, FsProbes};
use crate::dates::{self, Date};
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Candidate};
use crate::engine;
use crate::lexicon::Lexicons;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The KB of one workspace folder, and the open buffers in it.
pub struct Workspace {
    /// The workspace folder; `None` for the files outside every folder.
    root: Option<PathBuf>,
    config: Config,
    lexicons: Option<Lexicons>,
    /// The canonical facts registry of the workspace's configuration.
    facts: Option<crate::facts::Registry>,
    fixed_today: Option<Date>,
    today: Date,
    limits: Limits,
    /// Summaries of every article of the KB, sorted by display path.
    docs: Vec<Doc>,
    /// Per-article findings (before suppressions) by absolute path.
    per_article: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Open buffers: absolute path → text as the editor has it.
    buffers: HashMap<PathBuf, String>,
    /// Articles to re-load before the next update.
    dirty: BTreeSet<PathBuf>,
    /// Paths whose text changed since the last update (their positions must be re-sent
    /// even when the findings compare equal).
    touched: BTreeSet<PathBuf>,
    /// Re-run the corpus rules even if no article changed (an asset appeared, say).
    corpus_dirty: bool,
    /// Re-read configuration and every article.
    reload_all: bool,
    /// The findings of the last update, by absolute path (only non-empty sets).
    results: BTreeMap<PathBuf, Vec<Diagnostic>>,
    /// Messages for the user (bad configuration), drained by the server.
    messages: Vec<String>,
    /// What link resolution learnt from the disk; forgotten when files change there.
    probes: Arc<FsProbes>,
    /// Last-commit dates (the Git fallback for review dates), read at each full load.
    git_dates: HashMap<PathBuf, Date>,
}

/// What an update changed: every path whose findings (or text) changed, with its full
/// new set of findings (empty: clear them).
pub type Changes = Vec<(PathBuf, Vec<Diagnostic>)>;

impl Workspace {
    /// Opens the KB under `root` (nothing is read until [`Workspace::update`]).
    pub fn new(root: Option<PathBuf>, fixed_today: Option<Date>) -> Workspace {
        Workspace {
            root: root.map(|r| discover::absolute(&r)),
            config: Config::default(),
            lexicons: None,
            facts: None,
            fixed_today,
            today: fixed_today.unwrap_or_else(dates::local_today),
            limits: Limits::default(),
            docs: Vec::new(),
            per_article: HashMap::new(),
            buffers: HashMap::new(),
            dirty: BTreeSet::new(),
            touched: BTreeSet::new(),
            corpus_dirty: false,
            reload_all: true,
            results: BTreeMap::new(),
            messages: Vec::new(),
            probes: Arc::default(),
            git_dates: HashMap::new(),
        }
    }

    /// "Today" for the date rules (and verification stamps).
    pub fn today(&self) -> Date {
        self.today
    }

    /// The workspace folder.
    pub fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    /// Whether an update is due.
    pub fn is_dirty(&self) -> bool {
        self.reload_all || self.corpus_dirty || !self.dirty.is_empty()
    }

    /// An editor opened or changed a buffer.
    pub fn set_buffer(&mut self, path: PathBuf, text: String) {
        self.buffers.insert(path.clone(), text);
        self.touched.insert(path.clone());
        self.dirty.insert(path);
    }

    /// The text of an open buffer.
    pub fn buffer(&self, path: &Path) -> Option<&str> {
        self.buffers.get(path).map(String::as_str)
    }

    /// The open buffers: path and text.
    pub fn buffers(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.buffers.iter().map(|(p, t)| (p.as_path(), t.as_str()))
    }

    /// Every file the last update reported findings for.
    pub fn reported_paths(&self) -> Vec<PathBuf> {
        self.results.keys().cloned().collect()
    }

    /// An editor closed a buffer: the file on disk counts again.
    pub fn close_buffer(&mut self, path: &Path) {
        if self.buffers.remove(path).is_some() {
            self.touched.insert(path.to_path_buf());
            self.dirty.insert(path.to_path_buf());
        }
    }

    /// Something changed on disk: links are resolved against the disk afresh.
    pub fn disk_changed(&mut self) {
        self.probes = Arc::default();
    }

    /// A file changed on disk (saved, created or deleted outside the editor).
    pub fn file_changed(&mut self, path: &Path) {
        self.disk_changed();
        let Some(root) = &self.root else {
            return;
        };
        if !path.starts_with(root) {
            return;
        }
        if path
            .file_name()
            .is_some_and(|n| n == crate::config::FILE_NAME)
        {
            self.reload_all = true;
            return;
        }
        if hidden_below(root, path) {
            return;
        }
        if self.is_article_path(path) {
            if !self.buffers.contains_key(path) {
                self.touched.insert(path.to_path_buf());
                self.dirty.insert(path.to_path_buf());
            }
        } else {
            // An image or attachment appeared or went away: links may resolve differently.
            self.corpus_dirty = true;
        }
    }

    /// Messages for the user since the last call.
    pub fn take_messages(&mut self) -> Vec<String> {
        std::mem::take(&mut self.messages)
    }

    /// The findings of the last update for one file.
    pub fn findings(&self, path: &Path) -> &[Diagnostic] {
        self.results.get(path).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The extensions of article files, for file watchers.
    pub fn extensions(&self) -> Vec<String> {
        self.config.extensions()
    }

    /// Re-checks what changed and returns the files whose findings changed.
    pub fn update(&mut self) -> Changes {
        let today = self
            .fixed_today
            .or_else(|| self.config.today())
            .unwrap_or_else(dates::local_today);
        if today != self.today {
            // Date rules depend on "today": a session that runs past midnight re-checks.
            self.today = today;
            self.reload_all = true;
        }
        if self.reload_all {
            self.load_all();
        } else {
            let dirty = std::mem::take(&mut self.dirty);
            for path in dirty {
                self.reload(&path);
            }
        }
        self.corpus_dirty = false;
        let mut new_results = self.run_corpus();
        let outside: Vec<PathBuf> = self
            .buffers
            .keys()
            .filter(|p| !self.per_article.contains_key(*p))
            .cloned()
            .collect();
        for path in outside {
            // An open buffer that is not part of the KB (outside the folder): checked on
            // its own.
            if let Some(found) = self.standalone(&path) {
                if !found.is_empty() {
                    new_results.insert(path, found);
                }
            }
        }
        let touched = std::mem::take(&mut self.touched);
        let mut changes = Vec::new();
        let keys: BTreeSet<&PathBuf> = self.results.keys().chain(new_results.keys()).collect();
        for path in keys {
            let old = self.results.get(path);
            let new = new_results.get(path);
            if old != new || touched.contains(path) {
                changes.push((path.clone(), new.cloned().unwrap_or_default()));
            }
        }
        // Text changed in a file with no findings before or after: nothing to send.
        self.results = new_results;
        changes
    }

    /// Whether `path` is an article of this KB: under the folder, an article extension,
    /// not in a hidden or skipped folder, not excluded.
    fn is_article_path(&self, path: &Path) -> bool {
        let Some(root) = &self.root else {
            return false;
        };
        let exts = self.config.extensions();
        path.starts_with(root)
            && path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
            && !hidden_below(root, path)
            && !self.config.excludes(path)
    }

    /// Reads the configuration and every article again.
    fn load_all(&mut self) {
        self.reload_all = false;
        self.probes = Arc::default();
        self.dirty.clear();
        let Some(root) = self.root.clone() else {
            self.lexicons = Some(Lexicons::embedded());
            return;
        };
        let mut config = match Config::discover(&root) {
            Ok(c) => c,
            Err(e) => {
                self.messages
                    .push(format!("kblint: {e}; using the default configuration"));
                Config::default()
            }
        };
        let found = match discover::discover(std::slice::from_ref(&root), &mut config, false) {
            Ok(f) => f,
            Err(e) => {
                self.messages
                    .push(format!("kblint: {e}; using the default configuration"));
                config = Config::default();
                discover::discover(std::slice::from_ref(&root), &mut config, false)
                    .unwrap_or_default()
            }
        };
        let lexicons = match Lexicons::load(&config.lexicon_extensions()) {
            Ok(l) => l,
            Err(e) => {
                self.messages
                    .push(format!("kblint: {e}; using the built-in rule data only"));
                Lexicons::embedded()
            }
        };
        self.facts = match config.facts_path() {
            Some(p) => match crate::facts::Registry::load(&p, lexicons.claim_model()) {
                Ok(r) => Some(r),
                Err(e) => {
                    self.messages
                        .push(format!("kblint: {e}; facts registry not used"));
                    None
                }
            },
            None => None,
        };
        self.limits = config.limits();
        self.config = config;
        if self.fixed_today.is_none() {
            self.today = self.config.today().unwrap_or_else(dates::local_today);
        }
        let mut files = found.files;
        // Buffers of articles not yet saved to disk take part too.
        for path in self.buffers.keys() {
            if self.is_article_path(path) && !files.iter().any(|c| &c.path == path) {
                files.push(candidate(path));
            }
        }
        let paths: Vec<&Path> = files.iter().map(|c| c.path.as_path()).collect();
        let git = crate::git::last_commit_dates(&paths, std::slice::from_ref(&root));
        for n in git.notices {
            eprintln!("kblint lsp: {n}");
        }
        self.git_dates = git.dates;
        let results: Vec<(PathBuf, Doc, Vec<Diagnostic>)> = files
            .par_iter()
            .map(|c| {
                let ((doc, diags), _) = self.check(c, &lexicons);
                (c.path.clone(), doc, diags)
            })
            .collect();
        self.lexicons = Some(lexicons);
        self.per_article.clear();
        self.docs.clear();
        for (path, doc, diags) in results {
            self.per_article.insert(path, diags);
            self.docs.push(doc);
        }
        self.docs.sort_by(|a, b| a.display.cmp(&b.display));
    }

    /// Re-loads one article (from its buffer, else from disk), or drops it.
    fn reload(&mut self, path: &Path) {
        let c = candidate(path);
        let pos = self
            .docs
            .binary_search_by(|d| d.display.as_str().cmp(c.display.as_str()));
        let present =
            self.is_article_path(path) && (self.buffers.contains_key(path) || path.is_file());
        if !present {
            if let Ok(i) = pos {
                self.docs.remove(i);
            }
            self.per_article.remove(path);
            return;
        }
        let lexicons = self.lexicons.take().unwrap_or_else(Lexicons::embedded);
        let ((doc, diags), _) = self.check(&c, &lexicons);
        self.lexicons = Some(lexicons);
        match pos {
            Ok(i) => self.docs[i] = doc,
            Err(i) => self.docs.insert(i, doc),
        }
        self.per_article.insert(path.to_path_buf(), diags);
    }

    /// Per-article check of one KB file, from its buffer if open.
    fn check(&self, c: &Candidate, lexicons: &Lexicons) -> ((Doc, Vec<Diagnostic>), bool) {
        let settings = self.config.settings_for(&c.path);
        let load = || match self.buffers.get(&c.path) {
            Some(text) => engine::load_text(c, text.clone(), &self.limits),
            None => Article::load(c.path.clone(), c.display.clone(), &self.limits),
        };
        let git_date = self.git_dates.get(&c.path).copied();
        engine::check_guarded(c, settings, lexicons, self.today, git_date, load)
    }

    /// Corpus rules and suppressions over the whole KB; findings by absolute path.
    fn run_corpus(&mut self) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
        let mut per_article = Vec::new();
        for d in &self.docs {
            if let Some(diags) = self.per_article.get(&d.path) {
                per_article.extend(diags.iter().cloned());
            }
        }
        let lexicons = self.lexicons.take().unwrap_or_else(Lexicons::embedded);
        let docs = std::mem::take(&mut self.docs);
        let outcome = engine::check_corpus(
            docs,
            per_article,
            self.today,
            lexicons,
            self.facts.clone(),
            self.root.iter().cloned().collect(),
            self.probes.clone(),
        );
        if outcome.internal_errors > 0 {
            self.messages.push(format!(
                "kblint: {} corpus rule(s) failed (internal error); please report it",
                outcome.internal_errors
            ));
        }
        let (docs, lexicons) = outcome.corpus.into_parts();
        self.docs = docs;
        self.lexicons = Some(lexicons);
        group_by_path(&self.docs, outcome.diagnostics)
    }

    /// Checks a buffer outside the KB on its own: its own configuration, a corpus of one.
    fn standalone(&mut self, path: &Path) -> Option<Vec<Diagnostic>> {
        let text = self.buffers.get(path)?.clone();
        let exts = ["md", "markdown"];
        let is_markdown = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if !is_markdown || self.root.as_ref().is_some_and(|r| path.starts_with(r)) {
            // Inside the folder but not an article (excluded, other extension): not checked.
            return None;
        }
        let config = Config::discover(path).unwrap_or_default();
        let c = candidate(path);
        let limits = config.limits();
        let lexicons = self.lexicons.take().unwrap_or_else(Lexicons::embedded);
        let settings = config.settings_for(path);
        let ((doc, diags), _) =
            engine::check_guarded(&c, settings, &lexicons, self.today, None, || {
                engine::load_text(&c, text, &limits)
            });
        let kb_roots = path.parent().map(Path::to_path_buf).into_iter().collect();
        let outcome = engine::check_corpus(
            vec![doc],
            diags,
            self.today,
            lexicons,
            None,
            kb_roots,
            Arc::default(),
        );
        self.lexicons = Some(outcome.corpus.into_parts().1);
        Some(outcome.diagnostics)
    }
}

fn candidate(path: &Path) -> Candidate {
    Candidate {
        display: discover::display_path(path),
        path: path.to_path_buf(),
    }
}

/// Whether a folder between `root` and `path` is hidden or one discovery skips.
fn hidden_below(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut comps: Vec<_> = rel.components().collect();
    comps.pop(); // the file itself
    comps.iter().any(|c| {
        let name = c.as_os_str().to_string_lossy();
        name.starts_with('.') || discover::SKIP_DIRS.contains(&name.as_ref())
    })
}

/// Findings grouped by the absolute path of their file.
fn group_by_path(docs: &[Doc], diags: Vec<Diagnostic>) -> BTreeMap<PathBuf, Vec<Diagnostic>> {
    let mut out: BTreeMap<PathBuf, Vec<Diagnostic>> = BTreeMap::new();
    for d in diags {
        let path = match docs.binary_search_by(|doc| doc.display.as_str().cmp(&d.path)) {
            Ok(i) => docs[i].path.clone(),
            Err(_) => discover::absolute(Path::new(&d.path)),
        };
        out.entry(path).or_default().push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    const FRESH: &str = "---\nowner: team\nlast_reviewed: 2026-10-01\n---\n";

    fn codes(ws: &Workspace, path: &Path) -> Vec<&'static str> {
        ws.findings(path).iter().map(|d| d.rule.code).collect()
    }

    #[test]
    fn renamed_heading_breaks_the_link_in_the_other_file() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let a = root.join("a.md");
        let b = root.join("b.md");
        fs::write(
            &a,
            format!("{FRESH}# A\n\nSee [refunds](b.md#refund-window).\n"),
        )
        .unwrap();
        fs::write(
            &b,
            format!("{FRESH}# B\n\n## Refund window\n\nThirty days.\n"),
        )
        .unwrap();
        let today = dates::parse_today("2026-11-24");
        let mut ws = Workspace::new(Some(root.clone()), today);
        let first = ws.update();
        assert!(first.is_empty(), "{first:?}");

        ws.set_buffer(
            b.clone(),
            format!("{FRESH}# B\n\n## Refund period\n\nThirty days.\n"),
        );
        let changes = ws.update();
        let paths: Vec<&PathBuf> = changes.iter().map(|(p, _)| p).collect();
        assert!(paths.contains(&&a), "{changes:?}");
        assert_eq!(codes(&ws, &a), vec!["KB402"]);
        assert!(codes(&ws, &b).is_empty());

        // Closing the buffer without saving restores the file on disk.
        ws.close_buffer(&b);
        let changes = ws.update();
        assert!(changes.iter().any(|(p, d)| p == &a && d.is_empty()));
        assert!(codes(&ws, &a).is_empty());
    }

    #[test]
    fn new_and_deleted_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let a = root.join("a.md");
        fs::write(&a, format!("{FRESH}# A\n\nSee [c](c.md).\n")).unwrap();
        let mut ws = Workspace::new(Some(root.clone()), dates::parse_today("2026-11-24"));
        ws.update();
        assert_eq!(codes(&ws, &a), vec!["KB401"]);
        let c = root.join("c.md");
        fs::write(&c, format!("{FRESH}# C\n")).unwrap();
        ws.file_changed(&c);
        ws.update();
        assert!(codes(&ws, &a).is_empty());
        fs::remove_file(&c).unwrap();
        ws.file_changed(&c);
        ws.update();
        assert_eq!(codes(&ws, &a), vec!["KB401"]);
        // Hidden folders are not part of the KB.
        let hidden = root.join(".git/x.md");
        ws.file_changed(&hidden);
        assert!(!ws.is_dirty());
    }

    #[test]
    fn buffer_outside_the_folder_is_checked_alone() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        fs::create_dir(root.join("kb")).unwrap();
        let mut ws = Workspace::new(Some(root.join("kb")), dates::parse_today("2026-11-24"));
        ws.update();
        let out = root.join("elsewhere.md");
        ws.set_buffer(out.clone(), format!("{FRESH}# X\n\nPrice: TBD.\n"));
        ws.update();
        assert_eq!(codes(&ws, &out), vec!["KB501"]);
    }
}
