//! The contract's JSON object: `tool`, `diagnostics`, `summary`.

use super::Report;
use crate::diagnostic::Diagnostic;
use serde_json::{json, Value};

/// One diagnostic as a JSON value (shared with other JSON-based formats).
pub fn diagnostic(d: &Diagnostic) -> Value {
    json!({
        "code": d.rule.code,
        "rule": d.rule.name,
        "category": d.rule.category,
        "severity": d.severity,
        "path": d.path,
        "line": d.position.line,
        "column": d.position.column,
        "end_line": d.position.end_line,
        "end_column": d.position.end_column,
        "message": d.message,
        "related": d.related,
    })
}

/// Renders the JSON format.
pub fn render(r: &Report) -> String {
    let (errors, warnings, infos) = crate::engine::counts(r.diagnostics);
    let v = json!({
        "tool": {"name": "kblint", "version": env!("CARGO_PKG_VERSION")},
        "diagnostics": r.diagnostics.iter().map(diagnostic).collect::<Vec<_>>(),
        "summary": {
            "files": r.files,
            "diagnostics": r.diagnostics.len(),
            "errors": errors,
            "warnings": warnings,
            "infos": infos,
        }
    });
    let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
    s.push('\n');
    s
}
