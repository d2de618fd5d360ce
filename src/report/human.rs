//! The default, rich format: miette-rendered findings with source snippets, then a summary.

use super::Report;
use crate::diagnostic::{Diagnostic, Position, Severity};
use crate::line_index::LineIndex;
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceSpan};
use std::collections::HashMap;
use std::fmt;

/// A finding shaped for miette.
#[derive(Debug)]
struct Rendered {
    message: String,
    code: String,
    severity: miette::Severity,
    src: Option<NamedSource<String>>,
    labels: Vec<LabeledSpan>,
    help: Option<String>,
    related: Vec<Rendered>,
}

impl fmt::Display for Rendered {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered {}

impl miette::Diagnostic for Rendered {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.src.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

/// Source texts re-read for snippets (once per file, only when reporting).
#[derive(Default)]
struct Sources {
    files: HashMap<String, Option<(String, LineIndex)>>,
}

impl Sources {
    fn get(&mut self, path: &str) -> Option<&(String, LineIndex)> {
        self.files
            .entry(path.to_string())
            .or_insert_with(|| {
                let bytes = std::fs::read(path).ok()?;
                if bytes.len() > 2 * 1024 * 1024 || crate::article::looks_binary(&bytes) {
                    return None;
                }
                let mut text = String::from_utf8(bytes).ok()?;
                if text.starts_with('\u{FEFF}') {
                    text.drain(..3);
                }
                let ix = LineIndex::new(&text);
                Some((text, ix))
            })
            .as_ref()
    }

    fn span(&mut self, path: &str, p: Position) -> Option<(NamedSource<String>, SourceSpan)> {
        let (text, ix) = self.get(path)?;
        let offset = |line: u32, col: u32| -> usize {
            let r = ix.line_range(text, line.saturating_sub(1) as usize);
            text[r.clone()]
                .char_indices()
                .nth(col.saturating_sub(1) as usize)
                .map(|(i, _)| r.start + i)
                .unwrap_or(r.end)
        };
        let start = offset(p.line, p.column);
        let end = offset(p.end_line, p.end_column).max(start);
        Some((
            NamedSource::new(path, text.clone()),
            SourceSpan::new(start.into(), end - start),
        ))
    }
}

fn severity(s: Severity) -> miette::Severity {
    match s {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
        Severity::Info => miette::Severity::Advice,
    }
}

fn build(d: &Diagnostic, sources: &mut Sources) -> Rendered {
    let (src, labels) = match sources.span(&d.path, d.position) {
        Some((src, span)) => (
            Some(src),
            vec![LabeledSpan::new_primary_with_span(
                Some(d.rule.name.to_string()),
                span,
            )],
        ),
        None => (None, Vec::new()),
    };
    let related = d
        .related
        .iter()
        .map(|r| {
            let pos = Position {
                line: r.line,
                column: r.column,
                end_line: r.line,
                end_column: r.column,
            };
            let (src, labels) = match sources.span(&r.path, pos) {
                Some((src, span)) => (
                    Some(src),
                    vec![LabeledSpan::new_with_span(Some(r.message.clone()), span)],
                ),
                None => (None, Vec::new()),
            };
            Rendered {
                message: format!("{}:{}:{}: {}", r.path, r.line, r.column, r.message),
                code: d.rule.code.to_string(),
                severity: miette::Severity::Advice,
                src,
                labels,
                help: None,
                related: Vec::new(),
            }
        })
        .collect();
    Rendered {
        message: d.message.clone(),
        code: format!("{}({})", d.rule.code, d.rule.name),
        severity: severity(d.severity),
        src,
        labels,
        help: Some(format!("details: kblint explain {}", d.rule.code)),
        related,
    }
}

/// Renders the human format.
pub fn render(r: &Report) -> String {
    let theme = if r.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_context_lines(1);
    let mut out = String::new();
    let mut sources = Sources::default();
    if !r.quiet {
        for d in r.diagnostics {
            let rendered = build(d, &mut sources);
            let mut s = String::new();
            if handler.render_report(&mut s, &rendered).is_err() {
                s = format!(
                    "{}:{}:{}: {}[{}] {}\n",
                    d.path, d.position.line, d.position.column, d.severity, d.rule.code, d.message
                );
            }
            out.push_str(&s);
            out.push('\n');
        }
    }
    let (errors, warnings, infos) = crate::engine::counts(r.diagnostics);
    if r.diagnostics.is_empty() {
        out.push_str(&format!("All clear: no findings in {} files.\n", r.files));
    } else {
        out.push_str(&format!(
            "Found {} findings ({errors} errors, {warnings} warnings, {infos} infos) in {} files.\n",
            r.diagnostics.len(),
            r.files
        ));
    }
    out
}
