//! Reporters: each renders the same sorted diagnostics in one output format.

pub mod concise;
pub mod github;
pub mod gitlab;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::diagnostic::Diagnostic;

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
