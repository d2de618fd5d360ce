//! The command line: `check` (the default), `rules`, `explain`, `init`, `lsp`.

use crate::config::{Config, RuleSettings};
use crate::dates;
use crate::diagnostic::Severity;
use crate::engine::{self, Options};
use crate::report::{self, Format};
use crate::rules::{self, REGISTRY};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

const EXAMPLES: &str = "Examples:
  kblint                                   check the KB in the current folder
  kblint check docs/ --today 2026-11-24    fix \"today\" for reproducible runs
  kblint check --format json kb/ > out.json
  kblint check --select stale,KB201 kb/    only staleness and conflicting facts
  kblint report --html kb-health.html kb/  the KB health report for owners and leads
  kblint rules                             list every rule
  kblint explain KB301                     why a rule matters, with examples
  kblint init                              write a commented .kblint.yml
  kblint verify billing/refunds.md --by \"Ana Lima\"   record a review in the frontmatter
  kblint lsp                               language server for editors (stdio)
  kblint facts kb/                         what the KB states, conflicts first
  kblint facts --suggest -o facts.yml kb/  a starter registry from the majority values";

/// A fast linter for customer-support knowledge bases: stale articles, conflicting
/// facts, unverified promises, broken links, placeholders and reply-macro tone.
#[derive(Debug, Parser)]
#[command(name = "kblint", version, about, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    check: CheckArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint files and folders (the default command).
    Check(CheckArgs),
    /// List every rule: code, name, category, default severity, summary.
    Rules {
        /// Output as a table (default), Markdown (the README's table) or JSON.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Write the KB health report: a self-contained HTML file and/or a Markdown summary.
    Report(ReportArgs),
    /// Explain a rule: why it matters, a bad and a good example.
    Explain {
        /// Rule code (KB301) or name (unverified-promise).
        rule: String,
    },
    /// Record a verification in articles' frontmatter: who and when (closes staleness findings).
    Verify(VerifyArgs),
    /// Run the language server on stdin/stdout (for editors; see the README's "Editors").
    Lsp {
        /// Fix "today" (YYYY-MM-DD) for every date rule.
        #[arg(long, env = "KBLINT_TODAY", value_name = "YYYY-MM-DD")]
        today: Option<String>,
        /// Accepted for clients that always pass it; stdio is the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// List the facts the KB states (statements grouped by subject, conflicts first), or
    /// write a starter facts registry from the majority values (`--suggest`).
    Facts(FactsArgs),
    /// Write a commented starter `.kblint.yml`.
    Init {
        /// Folder to write it in.
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FactsFormat {
    Table,
    Json,
}

/// Options of `facts`.
#[derive(Debug, Args, Clone)]
struct FactsArgs {
    /// Files and folders to read.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Output format of the listing.
    #[arg(long, value_enum, default_value_t = FactsFormat::Table)]
    format: FactsFormat,
    /// Write a starter registry (YAML) from the majority values instead of the listing.
    #[arg(long)]
    suggest: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Use this configuration file only (no discovery).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Fix "today" (YYYY-MM-DD).
    #[arg(long, env = "KBLINT_TODAY", value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Follow symbolic links while walking folders.
    #[arg(long)]
    follow_links: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    Table,
    Markdown,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Options of `verify`.
#[derive(Debug, Args, Clone)]
struct VerifyArgs {
    /// Articles to stamp (files, or folders: every article in them).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Who verified the articles (written to the verifier key).
    #[arg(long, value_name = "NAME")]
    by: String,
    /// The verification day (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Also set the review interval (90d, 12w, 6m, 1y or days).
    #[arg(long, value_name = "INTERVAL")]
    interval: Option<String>,
    /// Fix "today" (YYYY-MM-DD), the default for --date.
    #[arg(long, env = "KBLINT_TODAY", value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Print nothing on success.
    #[arg(long, short)]
    quiet: bool,
}

/// What to check and how to load it: shared by `check` and `report`.
#[derive(Debug, Args, Clone)]
struct RunArgs {
    /// Files and folders to check.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for every date rule.
    #[arg(long, env = "KBLINT_TODAY", value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Use this configuration file only (no discovery).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Only these rules: codes, names or categories, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Skip these rules: codes, names or categories, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// Follow symbolic links while walking folders (loops are detected).
    #[arg(long)]
    follow_links: bool,
    /// Do not use Git commit dates for articles without a review date.
    #[arg(long)]
    no_git: bool,
    /// Do not read or write the incremental cache.
    #[arg(long)]
    no_cache: bool,
    /// Folder of the incremental cache (default: `.kblint_cache` in the KB's root).
    #[arg(long, value_name = "DIR")]
    cache_dir: Option<PathBuf>,
    /// Link findings to `{URL}/{path}#L{line}` in the html and markdown outputs
    /// (default: `base_url` from `.kblint.yml`, else relative file links).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

/// Options of `check`.
#[derive(Debug, Args, Clone)]
struct CheckArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit 1 on warnings too.
    #[arg(long)]
    deny_warnings: bool,
    /// Print only the findings (human: only the summary line).
    #[arg(long, short)]
    quiet: bool,
    /// Print the number of findings per rule.
    #[arg(long)]
    statistics: bool,
    /// Color the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Print the resolved settings for the first path and exit.
    #[arg(long)]
    show_settings: bool,
    /// Load the whole KB from DIR and report only on the given PATHs (and on findings
    /// related to them): corpus-wide rules still see every article. For pre-commit, which
    /// passes the staged files.
    #[arg(long, value_name = "DIR")]
    kb: Option<PathBuf>,
    /// Report only on files changed since a Git ref (and untracked files).
    #[arg(long, value_name = "REF")]
    changed_since: Option<String>,
    /// Record the current findings in FILE (JSON), to adopt kblint without fixing everything.
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Report only findings that are not in the baseline FILE.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
}

/// Options of `report`.
#[derive(Debug, Args, Clone)]
struct ReportArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Write the HTML health report to this file.
    #[arg(long, value_name = "FILE", required_unless_present = "markdown")]
    html: Option<PathBuf>,
    /// Write the Markdown summary to this file (`-` for stdout).
    #[arg(long, value_name = "FILE")]
    markdown: Option<PathBuf>,
}

/// Runs the command line; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        None => check(cli.check),
        Some(Command::Check(args)) => check(args),
        Some(Command::Rules { format }) => {
            print_rules(format);
            0
        }
        Some(Command::Report(args)) => report_cmd(args),
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Verify(args)) => verify(args),
        Some(Command::Init { dir, force }) => init(&dir, force),
        Some(Command::Lsp { today, stdio: _ }) => {
            let today = match today.as_deref().map(|t| (t, dates::parse_today(t))) {
                None => None,
                Some((_, Some(d))) => Some(d),
                Some((t, None)) => return fail(format!("--today `{t}` is not a YYYY-MM-DD date")),
            };
            crate::lsp::serve(today)
        }
        Some(Command::Facts(args)) => facts(args),
    }
}

fn fail(msg: impl std::fmt::Display) -> i32 {
    eprintln!("kblint: error: {msg}");
    2
}

/// A finished run: what the reporters need.
struct Analysed {
    outcome: engine::Outcome,
    today: dates::Date,
    base_url: Option<String>,
}

/// The first checked path and its configuration (`--config FILE`, or discovered from the
/// path upwards); `Err` is the exit code to return now.
fn load_config(
    paths: &[PathBuf],
    explicit: Option<&std::path::Path>,
) -> Result<(PathBuf, Config), i32> {
    let start = paths.first().cloned().unwrap_or_else(|| PathBuf::from("."));
    let config = match explicit {
        Some(f) => Config::explicit(f),
        None => Config::discover(&start),
    };
    config.map(|c| (start, c)).map_err(fail)
}

/// "Today": `--today` / `KBLINT_TODAY`, else the configuration's `today`, else the local
/// date; `Err` is the exit code for a malformed value.
fn resolve_today(arg: Option<&str>, config: &Config) -> Result<dates::Date, i32> {
    match arg {
        Some(t) => dates::parse_today(t)
            .ok_or_else(|| fail(format!("--today `{t}` is not a YYYY-MM-DD date"))),
        None => Ok(config.today().unwrap_or_else(dates::local_today)),
    }
}

/// Loads configuration and runs the engine; `Err` is the exit code to return now.
fn analyse(args: &RunArgs, show_settings: bool) -> Result<Analysed, i32> {
    let (start, mut config) = load_config(&args.paths, args.config.as_deref())?;
    for sel in args.select.iter().chain(&args.ignore) {
        if !rules::is_known_selector(sel) {
            return Err(fail(format!(
                "unknown rule or category `{sel}` (see `kblint rules`)"
            )));
        }
    }
    if show_settings {
        if !config.explicit {
            // Pick up subfolder configuration on the way to the path.
            let _ = crate::discover::discover(std::slice::from_ref(&start), &mut config, false);
        }
        print!("{}", config.describe(&start));
        return Err(0);
    }
    let today = resolve_today(args.today.as_deref(), &config)?;
    let cli_rules = RuleSettings {
        select: (!args.select.is_empty()).then(|| args.select.clone()),
        ignore: (!args.ignore.is_empty()).then(|| args.ignore.clone()),
        ..Default::default()
    };
    let opts = Options {
        paths: args.paths.clone(),
        today,
        cli_rules,
        follow_links: args.follow_links,
        no_git: args.no_git,
        cache_dir: (!args.no_cache).then(|| {
            args.cache_dir.clone().unwrap_or_else(|| {
                // The KB's root: the outermost configuration file's folder, else the
                // checked folder.
                let root = config
                    .layers
                    .first()
                    .map(|l| l.dir.clone())
                    .unwrap_or_else(|| {
                        let abs = crate::discover::absolute(&start);
                        if abs.is_dir() {
                            abs
                        } else {
                            abs.parent().map(PathBuf::from).unwrap_or(abs)
                        }
                    });
                root.join(".kblint_cache")
            })
        }),
    };
    let outcome = match engine::run(&mut config, &opts) {
        Ok(o) => o,
        Err(e) => return Err(fail(e)),
    };
    Ok(Analysed {
        outcome,
        today,
        base_url: args.base_url.clone().or_else(|| config.base_url()),
    })
}

fn check(mut args: CheckArgs) -> i32 {
    // `--kb DIR a.md b.md`: load DIR, report on a.md and b.md.
    let only_paths = match &args.kb {
        Some(kb) => std::mem::replace(&mut args.run.paths, vec![kb.clone()]),
        None => Vec::new(),
    };
    let start = args
        .run
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let Analysed {
        outcome,
        today,
        base_url,
    } = match analyse(&args.run, args.show_settings) {
        Ok(a) => a,
        Err(code) => return code,
    };
    for n in &outcome.notices {
        eprintln!("kblint: note: {n}");
    }
    let mut diagnostics = outcome.diagnostics;
    let mut only: Vec<String> = only_paths
        .iter()
        .map(|p| crate::discover::display_path(p))
        .collect();
    if let Some(reference) = &args.changed_since {
        match changed_files(&start, reference) {
            Ok(files) => only.extend(files),
            Err(e) => return fail(e),
        }
    }
    if args.kb.is_some() || args.changed_since.is_some() {
        let only: std::collections::HashSet<String> = only.into_iter().collect();
        diagnostics
            .retain(|d| only.contains(&d.path) || d.related.iter().any(|r| only.contains(&r.path)));
    }
    if let Some(path) = &args.write_baseline {
        let b = crate::baseline::Baseline::from_diagnostics(&diagnostics);
        if let Err(e) = crate::fsutil::write_atomic(path, &b.to_bytes()) {
            return fail(format!(
                "cannot write baseline {}: {e}",
                crate::discover::display_path(path)
            ));
        }
        eprintln!(
            "kblint: wrote {} findings to baseline {}",
            diagnostics.len(),
            crate::discover::display_path(path)
        );
    }
    if let Some(path) = &args.baseline {
        let b = match crate::baseline::Baseline::read(path) {
            Ok(b) => b,
            Err(e) => return fail(e),
        };
        let (new, fixed) = b.filter(diagnostics);
        diagnostics = new;
        if fixed > 0 {
            eprintln!("kblint: {fixed} baseline findings no longer occur (fixed); prune them with --write-baseline {}", crate::discover::display_path(path));
        }
    }
    let outcome = engine::Outcome {
        diagnostics,
        ..outcome
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let rendered = report::render(
        args.format,
        &report::Report {
            diagnostics: &outcome.diagnostics,
            files: outcome.files,
            color,
            statistics: args.statistics,
            quiet: args.quiet,
            articles: &outcome.articles,
            categories_checked: &outcome.categories_checked,
            today,
            links: report::Links::new(base_url, None),
        },
    );
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(rendered.as_bytes())
        .and_then(|_| stdout.flush())
        .is_err()
    {
        return 2;
    }
    if args.statistics {
        eprintln!(
            "kblint: cache: {} of {} files reused ({} without reading them){}",
            outcome.cache_hits,
            outcome.files,
            outcome.cache_unread,
            if outcome.corpus_reused {
                "; corpus-wide findings reused"
            } else {
                ""
            }
        );
    }
    if outcome.internal_errors > 0 {
        return 2;
    }
    let gate = |s: Severity| s == Severity::Error || (args.deny_warnings && s == Severity::Warning);
    i32::from(outcome.diagnostics.iter().any(|d| gate(d.severity)))
}

/// Display paths of files changed since `reference`, plus untracked files, in the Git
/// work tree that holds `start`.
fn changed_files(start: &std::path::Path, reference: &str) -> Result<Vec<String>, String> {
    let dir = crate::discover::absolute(start);
    let dir = if dir.is_dir() {
        dir
    } else {
        dir.parent().map(|p| p.to_path_buf()).unwrap_or(dir)
    };
    let git = |args: &[&str]| -> Result<String, String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .map_err(|e| format!("--changed-since needs git: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "git {}: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let top = std::path::PathBuf::from(top.trim());
    let mut files = Vec::new();
    for list in [
        git(&["diff", "--name-only", "-z", reference, "--"])?,
        git(&[
            "ls-files",
            "--others",
            "--exclude-standard",
            "-z",
            "--full-name",
        ])?,
    ] {
        files.extend(
            list.split('\0')
                .filter(|s| !s.is_empty())
                .map(|rel| crate::discover::display_path(&top.join(rel))),
        );
    }
    Ok(files)
}

/// `kblint report`: writes the HTML report and/or the Markdown summary. Exits 0 once
/// written (findings do not fail it), 2 when it cannot run or write.
fn report_cmd(args: ReportArgs) -> i32 {
    let Analysed {
        outcome,
        today,
        base_url,
    } = match analyse(&args.run, false) {
        Ok(a) => a,
        Err(code) => return code,
    };
    let outputs = [
        (Format::Html, args.html.as_ref()),
        (Format::Markdown, args.markdown.as_ref()),
    ];
    for (format, path) in outputs {
        let Some(path) = path else { continue };
        let to_stdout = path.as_os_str() == "-";
        let dir = path.parent().filter(|_| !to_stdout);
        let rendered = report::render(
            format,
            &report::Report {
                diagnostics: &outcome.diagnostics,
                files: outcome.files,
                color: false,
                statistics: false,
                quiet: false,
                articles: &outcome.articles,
                categories_checked: &outcome.categories_checked,
                today,
                links: report::Links::new(base_url.clone(), dir),
            },
        );
        if to_stdout {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(rendered.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return 2;
            }
            continue;
        }
        if let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
            let _ = std::fs::create_dir_all(d);
        }
        if let Err(e) = crate::fsutil::write_atomic(path, rendered.as_bytes()) {
            return fail(format!(
                "cannot write {}: {e}",
                crate::discover::display_path(path)
            ));
        }
        eprintln!(
            "kblint: wrote {} ({} articles, {} findings)",
            crate::discover::display_path(path),
            outcome.articles.len(),
            outcome.diagnostics.len()
        );
    }
    if outcome.internal_errors > 0 {
        return 2;
    }
    0
}

fn print_rules(format: RulesFormat) {
    match format {
        RulesFormat::Markdown => print!("{}", rules::markdown_table()),
        RulesFormat::Json => {
            let v: Vec<_> = REGISTRY
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.meta.code, "name": r.meta.name, "category": r.meta.category,
                        "severity": r.meta.severity, "enabled": r.meta.default_enabled, "summary": r.meta.summary
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        }
        RulesFormat::Table => {
            println!(
                "{:<6} {:<28} {:<9} {:<8} SUMMARY",
                "CODE", "NAME", "CATEGORY", "DEFAULT"
            );
            for r in REGISTRY {
                let m = &r.meta;
                let sev = if m.default_enabled {
                    m.severity.as_str()
                } else {
                    "off"
                };
                println!(
                    "{:<6} {:<28} {:<9} {:<8} {}",
                    m.code,
                    m.name,
                    m.category.as_str(),
                    sev,
                    m.summary
                );
            }
        }
    }
}

fn explain(name: &str) -> i32 {
    match rules::find(name) {
        Some(r) => {
            let m = &r.meta;
            println!(
                "{} {} ({}, {} by default)\n",
                m.code,
                m.name,
                m.category,
                if m.default_enabled {
                    m.severity.as_str()
                } else {
                    "off"
                }
            );
            println!("{}\n", m.summary);
            print!("{}", m.docs);
            0
        }
        None => {
            let names = REGISTRY.iter().flat_map(|r| [r.meta.code, r.meta.name]);
            match crate::config::did_you_mean(name, names) {
                Some(s) => fail(format!("no rule `{name}`; did you mean `{s}`?")),
                None => fail(format!("no rule `{name}` (see `kblint rules`)")),
            }
        }
    }
}

fn verify(args: VerifyArgs) -> i32 {
    let start = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let mut config = match Config::discover(&start) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let parse_day = |what: &str, s: &str| {
        dates::parse_today(s).ok_or_else(|| format!("{what} `{s}` is not a YYYY-MM-DD date"))
    };
    let today = match resolve_today(args.today.as_deref(), &config) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let date = match &args.date {
        Some(d) => match parse_day("--date", d) {
            Ok(d) => d,
            Err(e) => return fail(e),
        },
        None => today,
    };
    let stamp = crate::stamp::Stamp {
        by: args.by.trim().to_string(),
        date,
        interval: args.interval.clone(),
    };
    if let Err(e) = crate::stamp::validate(&stamp) {
        return fail(e);
    }
    let found = match crate::discover::discover(&args.paths, &mut config, false) {
        Ok(f) => f,
        Err(e) => return fail(e),
    };
    let mut code = 0;
    for p in &found.problems {
        eprintln!("kblint: {}: {}", p.display, p.message);
        code = 2;
    }
    for c in &found.files {
        match crate::stamp::stamp_file(&c.path, &stamp) {
            Ok(s) if !args.quiet => {
                let what = if s.changed { "stamped" } else { "unchanged" };
                println!("{}: {what} ({})", c.display, s.keys.join(", "));
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("kblint: {}: not stamped: {e}", c.display);
                code = 2;
            }
        }
    }
    code
}

fn facts(args: FactsArgs) -> i32 {
    let (_, mut config) = match load_config(&args.paths, args.config.as_deref()) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let today = match resolve_today(args.today.as_deref(), &config) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let opts = Options {
        paths: args.paths.clone(),
        today,
        cli_rules: RuleSettings::default(),
        follow_links: args.follow_links,
        no_git: true,
        cache_dir: None,
    };
    let loaded = match engine::load(&mut config, &opts) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let mut corpus = crate::corpus::Corpus::new(loaded.docs, today, loaded.lexicons);
    corpus.facts = loaded.facts;
    let groups = crate::facts::stated(&corpus);
    let text = if args.suggest {
        crate::facts::suggest(&corpus, &groups)
    } else {
        match args.format {
            FactsFormat::Table => crate::facts::render_table(&corpus, &groups),
            FactsFormat::Json => crate::facts::render_json(&corpus, &groups),
        }
    };
    match &args.output {
        Some(path) => match crate::fsutil::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                eprintln!("Wrote {}", crate::discover::display_path(path));
                0
            }
            Err(e) => fail(format!(
                "cannot write {}: {e}",
                crate::discover::display_path(path)
            )),
        },
        None => {
            let mut stdout = std::io::stdout().lock();
            if stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush())
                .is_err()
            {
                return 2;
            }
            0
        }
    }
}

/// The starter configuration `kblint init` writes.
pub const STARTER_CONFIG: &str = include_str!("../rules/starter-config.yml");

fn init(dir: &std::path::Path, force: bool) -> i32 {
    let path = dir.join(crate::config::FILE_NAME);
    if path.exists() && !force {
        return fail(format!(
            "{} already exists; use --force to overwrite it",
            crate::discover::display_path(&path)
        ));
    }
    match crate::fsutil::write_atomic(&path, STARTER_CONFIG.as_bytes()) {
        Ok(()) => {
            println!("Wrote {}", crate::discover::display_path(&path));
            0
        }
        Err(e) => fail(format!(
            "cannot write {}: {e}",
            crate::discover::display_path(&path)
        )),
    }
}
