//! The command line: `check` (the default), `rules`, `explain`, `init`.

use crate::article::Limits;
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
  kblint rules                             list every rule
  kblint explain KB301                     why a rule matters, with examples
  kblint facts kb/                         what the KB states, conflicts first
  kblint facts --suggest -o facts.yml kb/  a starter registry from the majority values
  kblint init                              write a commented .kblint.yml";

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
    /// Explain a rule: why it matters, a bad and a good example.
    Explain {
        /// Rule code (KB301) or name (unverified-promise).
        rule: String,
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

/// Options of `check`.
#[derive(Debug, Args, Clone)]
struct CheckArgs {
    /// Files and folders to check.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Fix "today" (YYYY-MM-DD) for every date rule.
    #[arg(long, env = "KBLINT_TODAY", value_name = "YYYY-MM-DD")]
    today: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Use this configuration file only (no discovery).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Only these rules: codes, names or categories, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Vec<String>,
    /// Skip these rules: codes, names or categories, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
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
    /// Follow symbolic links while walking folders (loops are detected).
    #[arg(long)]
    follow_links: bool,
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
        Some(Command::Explain { rule }) => explain(&rule),
        Some(Command::Init { dir, force }) => init(&dir, force),
        Some(Command::Facts(args)) => facts(args),
    }
}

fn fail(msg: impl std::fmt::Display) -> i32 {
    eprintln!("kblint: error: {msg}");
    2
}

fn check(args: CheckArgs) -> i32 {
    let start = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match &args.config {
        Some(f) => Config::explicit(f),
        None => Config::discover(&start),
    };
    let mut config = match config {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    for sel in args.select.iter().chain(&args.ignore) {
        if !rules::is_known_selector(sel) {
            return fail(format!(
                "unknown rule or category `{sel}` (see `kblint rules`)"
            ));
        }
    }
    if args.show_settings {
        if !config.explicit {
            // Pick up subfolder configuration on the way to the path.
            let _ = crate::discover::discover(std::slice::from_ref(&start), &mut config, false);
        }
        print!("{}", config.describe(&start));
        return 0;
    }
    let today = match &args.today {
        Some(t) => match dates::parse_today(t) {
            Some(d) => d,
            None => return fail(format!("--today `{t}` is not a YYYY-MM-DD date")),
        },
        None => config.today().unwrap_or_else(dates::local_today),
    };
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
        limits: Limits::default(),
    };
    let outcome = match engine::run(&mut config, &opts) {
        Ok(o) => o,
        Err(e) => return fail(e),
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
    if outcome.internal_errors > 0 {
        return 2;
    }
    let gate = |s: Severity| s == Severity::Error || (args.deny_warnings && s == Severity::Warning);
    i32::from(outcome.diagnostics.iter().any(|d| gate(d.severity)))
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

fn facts(args: FactsArgs) -> i32 {
    let start = args
        .paths
        .first()
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    let config = match &args.config {
        Some(f) => Config::explicit(f),
        None => Config::discover(&start),
    };
    let mut config = match config {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let today = match &args.today {
        Some(t) => match dates::parse_today(t) {
            Some(d) => d,
            None => return fail(format!("--today `{t}` is not a YYYY-MM-DD date")),
        },
        None => config.today().unwrap_or_else(dates::local_today),
    };
    let opts = Options {
        paths: args.paths.clone(),
        today,
        cli_rules: RuleSettings::default(),
        follow_links: args.follow_links,
        limits: Limits::default(),
    };
    let loaded = match engine::load(&mut config, &opts) {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let groups = crate::facts::stated(&loaded.corpus);
    let text = if args.suggest {
        crate::facts::suggest(&loaded.corpus, &groups)
    } else {
        match args.format {
            FactsFormat::Table => crate::facts::render_table(&loaded.corpus, &groups),
            FactsFormat::Json => crate::facts::render_json(&loaded.corpus, &groups),
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
