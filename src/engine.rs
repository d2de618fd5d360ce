//! The pipeline, top to bottom: discover → load → per-article checks in parallel →
//! corpus-wide checks → suppressions → sorted diagnostics.

use crate::article::{Article, Limits, LoadFailure};
use crate::cache::{self, Cache, FileStamp, Lookup, Stored};
use crate::claims;
use crate::config::{Config, ConfigError, RuleSettings, Settings};
use crate::corpus::{Corpus, Doc, FsProbes};
use crate::dates::Date;
use crate::diagnostic::{sort_diagnostics, Diagnostic, Position, Severity};
use crate::discover::{self, Candidate};
use crate::facts::Registry;
use crate::lexicon::{LexiconError, Lexicons};
use crate::rules::{self, parse, ArticleCtx, Check, RuleMeta};
use crate::suppress::Suppressions;
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files and folders to check.
    pub paths: Vec<PathBuf>,
    /// "Today" for every date rule.
    pub today: Date,
    /// `--select` / `--ignore` from the command line, applied last.
    pub cli_rules: RuleSettings,
    /// Follow symbolic links while walking.
    pub follow_links: bool,
    /// Never ask Git for last-commit dates (`--no-git`).
    pub no_git: bool,
    /// Folder of the incremental cache; `None` turns it off (`--no-cache`).
    pub cache_dir: Option<PathBuf>,
}

/// The result of a run.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Sorted diagnostics.
    pub diagnostics: Vec<Diagnostic>,
    /// Files checked.
    pub files: usize,
    /// Panics caught (exit code 2).
    pub internal_errors: usize,
    /// Review facts of every article, sorted by path (for the health reports).
    pub articles: Vec<crate::health::ArticleFacts>,
    /// Categories with at least one rule on (so a report can tell "none found" from "not checked").
    pub categories_checked: Vec<crate::diagnostic::Category>,
    /// One-line notices for stderr (e.g. why Git dates are unavailable).
    pub notices: Vec<String>,
    /// Files whose per-article results came from the incremental cache.
    pub cache_hits: usize,
    /// Of those, files the cache vouched for by their stamp alone, without reading them.
    pub cache_unread: usize,
    /// Whether the corpus-wide findings came from the cache.
    pub corpus_reused: bool,
}

/// Why a run could not start.
#[derive(Debug)]
pub enum RunError {
    /// Bad configuration.
    Config(ConfigError),
    /// Bad rule data.
    Lexicon(LexiconError),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Config(e) => write!(f, "{e}"),
            RunError::Lexicon(e) => write!(f, "{e}"),
        }
    }
}

/// The KB loaded and summarised, before the corpus-wide rules run.
pub struct Loaded {
    /// Every article's summary (with its promises and claims), sorted by display path.
    pub docs: Vec<Doc>,
    /// Findings of the per-article rules and of loading.
    pub diagnostics: Vec<Diagnostic>,
    /// Panics caught so far.
    pub panics: usize,
    /// Notices for stderr.
    pub notices: Vec<String>,
    /// Files whose results came from the cache.
    pub cache_hits: usize,
    /// Of those, files not even read.
    pub cache_unread: usize,
    /// The incremental cache as read, and what each article (in `docs` order) gives the
    /// next one; [`run`] writes it once the corpus-wide findings are known.
    pub cache: Cache,
    /// See `cache`.
    pub stored: Vec<Stored>,
    /// Rule data.
    pub lexicons: Lexicons,
    /// The canonical facts registry, when configured.
    pub facts: Option<Registry>,
    /// Folders `superseded_by` paths may be relative to.
    pub kb_roots: Vec<PathBuf>,
}

/// Discovers, loads and checks every article, and builds the corpus (the first half of
/// [`run`]; `kblint facts` stops here).
pub fn load(config: &mut Config, opts: &Options) -> Result<Loaded, RunError> {
    let mut loaded = load_heads(config, opts)?;
    if !loaded.complete() {
        // A cached summary that passed its hash check yet does not decode: check
        // everything afresh rather than trust any of it.
        let fresh = Options {
            cache_dir: None,
            ..opts.clone()
        };
        return load_heads(config, &fresh);
    }
    Ok(loaded)
}

impl Loaded {
    /// Fills in what the corpus-wide rules read of the summaries that came from the
    /// cache (decoded only when those rules run); `false` if one cannot be decoded.
    fn complete(&mut self) -> bool {
        let cache = &self.cache;
        self.docs
            .par_iter_mut()
            .zip(&self.stored)
            .all(|(doc, stored)| match stored {
                Stored::Kept(k) => cache.complete(doc, k),
                _ => true,
            })
    }
}

/// [`load`], leaving the summaries that came from the cache without what only the
/// corpus-wide rules read ([`Loaded::complete`] fills it in).
fn load_heads(config: &mut Config, opts: &Options) -> Result<Loaded, RunError> {
    let found =
        discover::discover(&opts.paths, config, opts.follow_links).map_err(RunError::Config)?;
    let lexicons = Lexicons::load(&config.lexicon_extensions()).map_err(RunError::Lexicon)?;
    let facts = match config.facts_path() {
        Some(p) => Some(Registry::load(&p, lexicons.claim_model()).map_err(RunError::Config)?),
        None => None,
    };
    let limits = config.limits();
    let config: &Config = config;
    let panics = AtomicUsize::new(0);
    let mut notices = Vec::new();

    // Git fallback dates: one `git log` pass for the whole tree, before any article.
    let git_dates = if !opts.no_git
        && found
            .files
            .iter()
            .any(|c| uses_git_dates(&settings_for(config, opts, c)))
    {
        let files: Vec<&std::path::Path> = found.files.iter().map(|c| c.path.as_path()).collect();
        let g = crate::git::last_commit_dates(&files, &opts.paths);
        notices.extend(g.notices);
        g.dates
    } else {
        std::collections::HashMap::new()
    };

    // The incremental cache: reused per file when its Git date is unchanged and its
    // stamp (or else its bytes) too.
    let cache = match &opts.cache_dir {
        Some(dir) => Cache::open(dir, cache_key(config, opts)),
        None => Cache::disabled(),
    };

    // Per-article: read once (or not at all when the cache vouches for the file), check,
    // summarise. Order is restored by the final sort.
    // Unzipped straight into the summaries and the rest: a summary is large, and an
    // intermediate vector of them would double the peak memory of a big KB.
    let (docs, rest): (Vec<Doc>, Vec<(Vec<Diagnostic>, Stored)>) = found
        .files
        .par_iter()
        .map(|c| {
            let settings = settings_for(config, opts, c);
            let git_date = git_dates.get(&c.path).copied();
            let stamp = cache.enabled().then(|| FileStamp::of(&c.path)).flatten();
            let pending = match cache.lookup(&c.display, stamp, git_date) {
                Lookup::Hit(r) => return reused(*r, c, &settings),
                Lookup::NeedsHash(p) => Some(p),
                Lookup::Miss => None,
            };
            let bytes = crate::article::read_file(&c.path, &limits);
            let hash = match (&bytes, cache.enabled()) {
                (Ok(b), true) => Some(cache::content_hash(b)),
                _ => None,
            };
            if let Some(r) = pending
                .zip(hash)
                .and_then(|(p, h)| cache.reuse_if_hash(p, h))
            {
                return reused(r, c, &settings);
            }
            let load = || {
                bytes.and_then(|b| {
                    Article::from_bytes(c.path.clone(), c.display.clone(), b, &limits)
                })
            };
            let ((doc, diags), panicked) =
                check_guarded(c, settings, &lexicons, opts.today, git_date, load);
            if panicked {
                panics.fetch_add(1, Ordering::Relaxed);
            }
            let fresh = hash
                .filter(|_| doc.loaded && !panicked)
                .and_then(|h| cache::Fresh::new(h, stamp, git_date, &doc, &diags));
            let stored = match fresh {
                Some(f) => Stored::New(Box::new(f)),
                None => Stored::Nothing,
            };
            (doc, diags, stored)
        })
        .map(|(doc, diags, stored)| (doc, (diags, stored)))
        .unzip();

    let mut diagnostics = Vec::new();
    let mut stored = Vec::with_capacity(rest.len());
    for (diags, s) in rest {
        diagnostics.extend(diags);
        stored.push(s);
    }
    let kept = || {
        stored.iter().filter_map(|s| match s {
            Stored::Kept(k) => Some(k),
            _ => None,
        })
    };
    let cache_hits = kept().count();
    let cache_unread = kept().filter(|k| k.unread()).count();
    for p in &found.problems {
        let settings = config.settings_for(&p.path);
        diagnostics.extend(file_diag(
            &parse::unreadable_file::RULE.meta,
            &settings,
            &p.display,
            p.message.clone(),
        ));
    }
    Ok(Loaded {
        docs,
        diagnostics,
        panics: panics.load(Ordering::Relaxed),
        notices,
        cache_hits,
        cache_unread,
        cache,
        stored,
        lexicons,
        facts,
        kb_roots: kb_roots(config, opts),
    })
}

/// Runs the whole pipeline.
///
/// With the cache on, the corpus-wide findings are reused too when no article changed
/// (by path, content or Git date), nor the facts registry or the KB roots, and the disk
/// still answers every question the corpus rules asked it (links to images, say).
pub fn run(config: &mut Config, opts: &Options) -> Result<Outcome, RunError> {
    let mut loaded = load_heads(config, opts)?;
    let files = loaded.docs.len();
    let cache = &loaded.cache;
    let listed: Vec<(&str, bool, &Stored)> = loaded
        .docs
        .iter()
        .zip(&loaded.stored)
        .map(|(d, s)| (d.display.as_str(), d.loaded, s))
        .collect();
    let roots: Vec<u8> = loaded
        .kb_roots
        .iter()
        .flat_map(|r| {
            r.to_string_lossy()
                .into_owned()
                .into_bytes()
                .into_iter()
                .chain([0])
        })
        .collect();
    let registry = loaded
        .facts
        .as_ref()
        .map(|r| r.text_hash.to_le_bytes().to_vec())
        .unwrap_or_default();
    let inputs = cache
        .enabled()
        .then(|| cache.inputs(&listed, &[&registry, &roots]))
        .flatten();
    let reused = inputs.and_then(|i| cache.corpus_findings(i));
    let changed = cache.enabled() && cache.changed(&pairs(&listed));
    drop(listed);
    if reused.is_none() && !loaded.complete() {
        // See `load`: nothing from this cache is trusted.
        return run(
            config,
            &Options {
                cache_dir: None,
                ..opts.clone()
            },
        );
    }
    let mut notices = loaded.notices;
    let cache = loaded.cache;

    let corpus_reused = reused.is_some();
    let (diagnostics, docs, internal_errors, memo) = match reused {
        Some(found) => {
            let diagnostics = finish(&loaded.docs, loaded.diagnostics, found);
            (diagnostics, loaded.docs, loaded.panics, None)
        }
        None => {
            let corpus = build_corpus(
                loaded.docs,
                opts.today,
                loaded.lexicons,
                loaded.facts,
                loaded.kb_roots,
                Default::default(),
            );
            let (found, panics) = corpus_rules(&corpus);
            let memo = inputs
                .filter(|_| panics == 0)
                .map(|i| cache::CorpusMemo::new(i, corpus.probe_answers(), &found));
            let diagnostics = finish(&corpus.docs, loaded.diagnostics, found);
            let (docs, _) = corpus.into_parts();
            (diagnostics, docs, loaded.panics + panics, memo)
        }
    };
    // Rewrite the cache when an article or the corpus-wide findings changed.
    if cache.enabled() && (changed || memo.is_some()) {
        let listed: Vec<(&str, &Stored)> = docs
            .iter()
            .zip(&loaded.stored)
            .map(|(d, s)| (d.display.as_str(), s))
            .collect();
        if let Err(e) = cache.save(&listed, memo) {
            notices.push(format!(
                "could not write the cache ({e}); the next run starts cold"
            ));
        }
    }
    let outcome = Outcome {
        diagnostics,
        files,
        internal_errors,
        articles: crate::health::collect(&docs, opts.today),
        categories_checked: crate::health::categories_checked(&docs),
        notices,
        cache_hits: loaded.cache_hits,
        cache_unread: loaded.cache_unread,
        corpus_reused,
    };
    // Freeing every article's summary is a measurable part of a warm run; do it off the
    // path to the report (a command-line run exits without waiting for it).
    rayon::spawn(move || drop((docs, cache, loaded.stored)));
    Ok(outcome)
}

fn pairs<'a>(listed: &[(&'a str, bool, &'a Stored)]) -> Vec<(&'a str, &'a Stored)> {
    listed.iter().map(|(d, _, s)| (*d, *s)).collect()
}

/// The corpus-wide half of a run: what [`check_corpus`] returns.
pub struct CorpusOutcome {
    /// Every diagnostic (per-article ones passed in, plus corpus-wide ones), after
    /// suppressions, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The corpus the rules ran over (take the docs and lexicons back with
    /// [`Corpus::into_parts`]).
    pub corpus: Corpus,
    /// Corpus rules that panicked.
    pub internal_errors: usize,
}

/// Runs the corpus-wide rules over `docs` (sorted by display path), then applies the
/// suppressions to them and to the per-article `diagnostics`, and sorts. `kb_roots` are
/// the folders `superseded_by` paths may be relative to; `facts` the registry;
/// `probes` are file-system
/// answers kept from earlier runs (`Default::default()` for none).
pub fn check_corpus(
    docs: Vec<Doc>,
    diagnostics: Vec<Diagnostic>,
    today: Date,
    lexicons: Lexicons,
    facts: Option<Registry>,
    kb_roots: Vec<PathBuf>,
    probes: std::sync::Arc<FsProbes>,
) -> CorpusOutcome {
    // Corpus-wide: every rule over the shared indexes.
    let corpus = build_corpus(docs, today, lexicons, facts, kb_roots, probes);
    let (found, panics) = corpus_rules(&corpus);
    CorpusOutcome {
        diagnostics: finish(&corpus.docs, diagnostics, found),
        corpus,
        internal_errors: panics,
    }
}

/// The corpus the corpus-wide rules run over.
fn build_corpus(
    docs: Vec<Doc>,
    today: Date,
    lexicons: Lexicons,
    facts: Option<Registry>,
    kb_roots: Vec<PathBuf>,
    probes: std::sync::Arc<FsProbes>,
) -> Corpus {
    let mut corpus = Corpus::with_probes(docs, today, lexicons, probes);
    corpus.kb_roots = kb_roots;
    corpus.facts = facts;
    corpus
}

/// The per-article findings and the corpus-wide ones, after suppressions, sorted.
fn finish(
    docs: &[Doc],
    mut diagnostics: Vec<Diagnostic>,
    corpus_wide: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    diagnostics.extend(corpus_wide);
    let mut diagnostics = apply_suppressions(docs, diagnostics);
    sort_diagnostics(&mut diagnostics);
    diagnostics
}

/// Runs every corpus-wide rule over `corpus`, in parallel: their findings (before
/// suppressions, unsorted) and how many of them panicked.
fn corpus_rules(corpus: &Corpus) -> (Vec<Diagnostic>, usize) {
    // The claim analysis is shared by several corpus rules. Build it here, before they
    // run in parallel: a rule blocked on a half-built `OnceLock` inside a rayon worker
    // that is itself building it (its parallel parts stolen by that worker) deadlocks.
    if corpus.docs.iter().any(|d| !d.claims.is_empty()) {
        corpus.conflicts();
    }
    let panics = AtomicUsize::new(0);
    let found: Vec<Vec<Diagnostic>> = rules::REGISTRY
        .par_iter()
        .filter_map(|r| match r.check {
            Check::Corpus(f) => Some(f),
            _ => None,
        })
        .map(|f| {
            let mut out = Vec::new();
            if catch_unwind(AssertUnwindSafe(|| f(corpus, &mut out))).is_err() {
                panics.fetch_add(1, Ordering::Relaxed);
            }
            out
        })
        .collect();
    (
        found.into_iter().flatten().collect(),
        panics.load(Ordering::Relaxed),
    )
}

/// Checks one article with [`check_article`], turning a panic into an `internal-error`
/// finding. `load` reads the file (or parses an editor's buffer). The flag is set when
/// the check panicked.
pub fn check_guarded(
    c: &Candidate,
    settings: Settings,
    lexicons: &Lexicons,
    today: Date,
    git_date: Option<Date>,
    load: impl FnOnce() -> Result<Article, LoadFailure>,
) -> ((Doc, Vec<Diagnostic>), bool) {
    let fallback = settings.clone();
    match catch_unwind(AssertUnwindSafe(|| {
        check_article(load(), c, settings, lexicons, today, git_date)
    })) {
        Ok(r) => (r, false),
        Err(_) => {
            let d = file_diag(
                &parse::internal_error::RULE.meta,
                &fallback,
                &c.display,
                "kblint failed on this file (internal error); please report it".into(),
            );
            (
                (
                    Doc::unloaded(c.path.clone(), c.display.clone(), fallback),
                    d.into_iter().collect(),
                ),
                true,
            )
        }
    }
}

/// Parses an article from text already in memory (an editor's unsaved buffer), applying
/// the same limits as reading it from disk.
pub fn load_text(c: &Candidate, text: String, limits: &Limits) -> Result<Article, LoadFailure> {
    let size = text.len() as u64;
    if size > limits.max_file_size {
        return Err(LoadFailure::TooLarge {
            size,
            limit: limits.max_file_size,
        });
    }
    Article::from_bytes(c.path.clone(), c.display.clone(), text.into_bytes(), limits)
}

/// A file's results taken from the cache, with its path and settings set for this run.
fn reused(r: cache::Reused, c: &Candidate, settings: &Settings) -> (Doc, Vec<Diagnostic>, Stored) {
    let mut doc = r.doc;
    doc.path = c.path.clone();
    doc.settings = article_settings(settings.clone(), &doc.meta);
    (doc, r.diagnostics, Stored::Kept(r.kept))
}

/// Everything besides a file's bytes that can change its per-article results.
fn cache_key(config: &Config, opts: &Options) -> u128 {
    let mut parts: Vec<Vec<u8>> = vec![
        opts.today.to_string().into_bytes(),
        format!("{:?}", opts.cli_rules).into_bytes(),
        vec![u8::from(opts.no_git)],
    ];
    for l in &config.layers {
        parts.push(l.path.to_string_lossy().into_owned().into_bytes());
        parts.push(format!("{:?}", l.file).into_bytes());
    }
    let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    cache::run_key(&refs)
}

/// The settings for an article once its frontmatter's `kblint: {ignore: [...]}` applies.
fn article_settings(mut settings: Settings, meta: &crate::article::frontmatter::Meta) -> Settings {
    if !meta.ignore.is_empty() {
        settings.apply(&RuleSettings {
            ignore: Some(
                meta.ignore
                    .iter()
                    .filter(|s| !rules::select(s).is_empty())
                    .cloned()
                    .collect(),
            ),
            ..Default::default()
        });
    }
    settings
}

/// Whether any rule that reads Git dates is on for these settings.
fn uses_git_dates(s: &crate::config::Settings) -> bool {
    [
        &rules::stale::review_overdue::RULE.meta,
        &rules::stale::lapsed_wording::RULE.meta,
    ]
    .iter()
    .any(|m| s.severity(m).is_some())
}

/// The folders `superseded_by` paths may be relative to: the outermost configuration
/// file's folder, then each checked folder (a checked file's folder).
fn kb_roots(config: &Config, opts: &Options) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = config
        .layers
        .first()
        .map(|l| l.dir.clone())
        .into_iter()
        .collect();
    for p in &opts.paths {
        let abs = crate::discover::absolute(p);
        let dir = if abs.is_dir() {
            abs
        } else {
            abs.parent().map(PathBuf::from).unwrap_or(abs)
        };
        if !roots.contains(&dir) {
            roots.push(dir);
        }
    }
    roots
}

fn settings_for(config: &Config, opts: &Options, c: &Candidate) -> crate::config::Settings {
    let mut s = config.settings_for(&c.path);
    s.apply(&opts.cli_rules);
    s
}

fn file_diag(
    rule: &'static RuleMeta,
    settings: &crate::config::Settings,
    display: &str,
    message: String,
) -> Option<Diagnostic> {
    settings.severity(rule).map(|severity| Diagnostic {
        rule,
        severity,
        path: display.to_string(),
        position: Position::FILE,
        message,
        related: Vec::new(),
        snippet: String::new(),
    })
}

/// Runs the per-article rules on one loaded article (or reports why it did not load),
/// and summarises it for the corpus. `settings` are those in force for its path;
/// `git_date` is its last commit's date, if known.
pub fn check_article(
    loaded: Result<Article, LoadFailure>,
    c: &Candidate,
    mut settings: Settings,
    lexicons: &Lexicons,
    today: Date,
    git_date: Option<Date>,
) -> (Doc, Vec<Diagnostic>) {
    // Debug builds only: lets the tests prove a panic in one article is contained.
    #[cfg(debug_assertions)]
    if std::env::var_os("KBLINT_DEBUG_PANIC_ON")
        .is_some_and(|p| c.display.ends_with(&*p.to_string_lossy()))
    {
        #[allow(clippy::panic)]
        {
            panic!("KBLINT_DEBUG_PANIC_ON: deliberate panic for {}", c.display);
        }
    }
    let mut out = Vec::new();
    let article = match loaded {
        Ok(a) => a,
        Err(failure) => {
            let (rule, message, position) = match failure {
                LoadFailure::Unreadable(e) => (&parse::unreadable_file::RULE.meta, format!("cannot read: {e}"), Position::FILE),
                LoadFailure::Binary => (&parse::not_text::RULE.meta, "binary file (contains NUL bytes), not a Markdown article".to_string(), Position::FILE),
                LoadFailure::TooLarge { size, limit } => (
                    &parse::file_too_large::RULE.meta,
                    format!("file is {size} bytes, over the limit of {limit} bytes (`limits.file_size`); not read"),
                    Position::FILE,
                ),
                LoadFailure::InvalidUtf8 { line, column } => (
                    &parse::not_text::RULE.meta,
                    format!("not valid UTF-8: first invalid byte at line {line}, column {column}"),
                    Position { line, column, end_line: line, end_column: column + 1 },
                ),
            };
            if let Some(severity) = settings.severity(rule) {
                out.push(Diagnostic {
                    rule,
                    severity,
                    path: c.display.clone(),
                    position,
                    message,
                    related: Vec::new(),
                    snippet: String::new(),
                });
            }
            return (
                Doc::unloaded(c.path.clone(), c.display.clone(), settings),
                out,
            );
        }
    };
    // Per-article ignores from frontmatter (`kblint: {ignore: [...]}`).
    settings = article_settings(settings, &article.meta);
    if let Some(e) = &article.frontmatter_error {
        if let Some(severity) = settings.severity(&parse::malformed_frontmatter::RULE.meta) {
            out.push(Diagnostic {
                rule: &parse::malformed_frontmatter::RULE.meta,
                severity,
                path: c.display.clone(),
                position: e.position,
                message: e.message.clone(),
                related: Vec::new(),
                snippet: String::new(),
            });
        }
    }
    if let Some(message) = &article.nesting_error {
        out.extend(file_diag(
            &parse::nesting_too_deep::RULE.meta,
            &settings,
            &c.display,
            message.clone(),
        ));
    }
    let ctx = ArticleCtx {
        article: &article,
        settings: &settings,
        lexicons,
        today,
        git_date,
    };
    for rule in rules::REGISTRY {
        if let Check::Article(f) = rule.check {
            if ctx.enabled(&rule.meta) {
                f(&ctx, &mut out);
            }
        }
    }
    let suppressions = Suppressions::parse(&article);
    let promises = if rules::promise::wanted(&settings) {
        rules::promise::detect::find(&article, lexicons)
    } else {
        Vec::new()
    };
    let claims = claims::extract(&article, &settings, lexicons.claim_model());
    let mut doc = Doc::from_article(&article, c.path.clone(), settings, suppressions);
    doc.promises = promises;
    doc.claims = claims;
    (doc, out)
}

/// Drops suppressed findings and reports suppressions that suppressed nothing.
fn apply_suppressions(docs: &[Doc], diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let doc_by_display = |display: &str| {
        docs.binary_search_by(|d| d.display.as_str().cmp(display))
            .ok()
            .map(|i| &docs[i])
    };
    let mut used: std::collections::HashMap<&str, Vec<bool>> = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        if let Some(doc) = doc_by_display(&d.path) {
            if let Some(i) = doc.suppressions.covering(&d) {
                used.entry(doc.display.as_str())
                    .or_insert_with(|| vec![false; doc.suppressions.items.len()])[i] = true;
                continue;
            }
        }
        kept.push(d);
    }
    let rule = &rules::hygiene::unused_suppression::RULE.meta;
    for doc in docs {
        for (i, s) in doc.suppressions.items.iter().enumerate() {
            let was_used = used.get(doc.display.as_str()).is_some_and(|u| u[i]);
            if !was_used {
                if let Some(severity) = doc.settings.severity(rule) {
                    let what = if s.selectors.is_empty() {
                        "any rule".to_string()
                    } else {
                        s.selectors.join(", ")
                    };
                    kept.push(Diagnostic {
                        rule,
                        severity,
                        path: doc.display.clone(),
                        position: s.position,
                        message: format!("Suppression of {what} suppresses nothing; remove it"),
                        related: Vec::new(),
                        snippet: s.text.clone(),
                    });
                }
            }
        }
    }
    kept
}

/// Counts by severity.
pub fn counts(diags: &[Diagnostic]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for d in diags {
        match d.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
            Severity::Info => c.2 += 1,
        }
    }
    c
}
