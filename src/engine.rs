//! The pipeline, top to bottom: discover → load → per-article checks in parallel →
//! corpus-wide checks → suppressions → sorted diagnostics.

use crate::article::{Article, Limits, LoadFailure};
use crate::claims;
use crate::config::{Config, ConfigError, RuleSettings};
use crate::corpus::{Corpus, Doc};
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
    /// Load limits.
    pub limits: Limits,
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
    /// Every article's summary (with its claims) and the registry.
    pub corpus: Corpus,
    /// Findings of the per-article rules and of loading.
    pub diagnostics: Vec<Diagnostic>,
    /// Files checked.
    pub files: usize,
    /// Panics caught so far.
    pub panics: usize,
}

/// Discovers, loads and checks every article, and builds the corpus (the first half of
/// [`run`]; `kblint facts` stops here).
pub fn load(config: &mut Config, opts: &Options) -> Result<Loaded, RunError> {
    let found =
        discover::discover(&opts.paths, config, opts.follow_links).map_err(RunError::Config)?;
    let lexicons = Lexicons::load(&config.lexicon_extensions()).map_err(RunError::Lexicon)?;
    let model = claims::Model::new(&lexicons);
    let facts = match config.facts_path() {
        Some(p) => Some(Registry::load(&p, &model).map_err(RunError::Config)?),
        None => None,
    };
    let mut limits = opts.limits;
    limits.max_file_size = config.max_file_size();
    let config: &Config = config;
    let panics = AtomicUsize::new(0);

    // Per-article: load once, check, summarise. Order is restored by the final sort.
    let results: Vec<(Doc, Vec<Diagnostic>)> = found
        .files
        .par_iter()
        .map(|c| {
            catch_unwind(AssertUnwindSafe(|| {
                process(c, config, opts, &lexicons, &model, &limits)
            }))
            .unwrap_or_else(|_| {
                panics.fetch_add(1, Ordering::Relaxed);
                let settings = settings_for(config, opts, c);
                let d = file_diag(
                    &parse::internal_error::RULE.meta,
                    &settings,
                    &c.display,
                    "kblint failed on this file (internal error); please report it".into(),
                );
                (
                    Doc::unloaded(c.path.clone(), c.display.clone(), settings),
                    d.into_iter().collect(),
                )
            })
        })
        .collect();

    let mut diagnostics = Vec::new();
    let mut docs = Vec::with_capacity(results.len());
    for (doc, diags) in results {
        docs.push(doc);
        diagnostics.extend(diags);
    }
    for p in &found.problems {
        let settings = config.settings_for(&p.path);
        diagnostics.extend(file_diag(
            &parse::unreadable_file::RULE.meta,
            &settings,
            &p.display,
            p.message.clone(),
        ));
    }
    let files = docs.len();
    let mut corpus = Corpus::new(docs, opts.today, lexicons);
    corpus.facts = facts;
    Ok(Loaded {
        corpus,
        diagnostics,
        files,
        panics: panics.load(Ordering::Relaxed),
    })
}

/// Runs the whole pipeline.
pub fn run(config: &mut Config, opts: &Options) -> Result<Outcome, RunError> {
    let Loaded {
        corpus,
        mut diagnostics,
        files,
        panics: loaded_panics,
    } = load(config, opts)?;
    let panics = AtomicUsize::new(loaded_panics);

    // Corpus-wide: every rule over the shared indexes.
    let corpus_diags: Vec<Vec<Diagnostic>> = rules::REGISTRY
        .par_iter()
        .filter_map(|r| match r.check {
            Check::Corpus(f) => Some(f),
            _ => None,
        })
        .map(|f| {
            let mut out = Vec::new();
            if catch_unwind(AssertUnwindSafe(|| f(&corpus, &mut out))).is_err() {
                panics.fetch_add(1, Ordering::Relaxed);
            }
            out
        })
        .collect();
    diagnostics.extend(corpus_diags.into_iter().flatten());

    let mut diagnostics = apply_suppressions(&corpus, diagnostics);
    sort_diagnostics(&mut diagnostics);
    Ok(Outcome {
        diagnostics,
        files,
        internal_errors: panics.load(Ordering::Relaxed),
    })
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

/// Loads one article, runs the per-article rules, and summarises it for the corpus.
fn process(
    c: &Candidate,
    config: &Config,
    opts: &Options,
    lexicons: &Lexicons,
    model: &claims::Model,
    limits: &Limits,
) -> (Doc, Vec<Diagnostic>) {
    let mut settings = settings_for(config, opts, c);
    let mut out = Vec::new();
    let article = match Article::load(c.path.clone(), c.display.clone(), limits) {
        Ok(a) => a,
        Err(failure) => {
            let (rule, message, position) = match failure {
                LoadFailure::Unreadable(e) => (&parse::unreadable_file::RULE.meta, format!("cannot read: {e}"), Position::FILE),
                LoadFailure::Binary => (&parse::not_text::RULE.meta, "binary file (contains NUL bytes), not a Markdown article".to_string(), Position::FILE),
                LoadFailure::TooLarge { size, limit } => (
                    &parse::file_too_large::RULE.meta,
                    format!("file is {size} bytes, over the limit of {limit} bytes (`max_file_size`); not read"),
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
    if !article.meta.ignore.is_empty() {
        settings.apply(&RuleSettings {
            ignore: Some(
                article
                    .meta
                    .ignore
                    .iter()
                    .filter(|s| !rules::select(s).is_empty())
                    .cloned()
                    .collect(),
            ),
            ..Default::default()
        });
    }
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
    let ctx = ArticleCtx {
        article: &article,
        settings: &settings,
        lexicons,
        today: opts.today,
    };
    for rule in rules::REGISTRY {
        if let Check::Article(f) = rule.check {
            if ctx.enabled(&rule.meta) {
                f(&ctx, &mut out);
            }
        }
    }
    let suppressions = Suppressions::parse(&article);
    let claims = claims::extract(&article, &settings, model);
    let mut doc = Doc::from_article(&article, c.path.clone(), settings, suppressions);
    doc.claims = claims;
    (doc, out)
}

/// Drops suppressed findings and reports suppressions that suppressed nothing.
fn apply_suppressions(corpus: &Corpus, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut used: std::collections::HashMap<&str, Vec<bool>> = std::collections::HashMap::new();
    let mut kept = Vec::with_capacity(diags.len());
    for d in diags {
        if let Some(doc) = corpus.doc_by_display(&d.path) {
            if let Some(i) = doc.suppressions.covering(&d) {
                used.entry(doc.display.as_str())
                    .or_insert_with(|| vec![false; doc.suppressions.items.len()])[i] = true;
                continue;
            }
        }
        kept.push(d);
    }
    let rule = &rules::hygiene::unused_suppression::RULE.meta;
    for doc in &corpus.docs {
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
