//! GitLab Code Quality report (a JSON array), for merge-request widgets.

use super::Report;
use crate::diagnostic::Severity;
use serde_json::json;

/// Renders the GitLab Code Quality format.
pub fn render(r: &Report) -> String {
    // Stable across line shifts, unique per finding: the fingerprint plus its occurrence.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let issues: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                Severity::Error => "major",
                Severity::Warning => "minor",
                Severity::Info => "info",
            };
            let fp = crate::baseline::fingerprint(d);
            let n = seen.entry(fp.clone()).or_insert(0);
            *n += 1;
            let fingerprint = format!("{fp}-{n}");
            json!({
                "type": "issue",
                "description": format!("{} {}", d.rule.code, d.message),
                "check_name": d.rule.name,
                "categories": [d.rule.category.as_str()],
                "fingerprint": fingerprint,
                "severity": severity,
                "location": {"path": d.path, "lines": {"begin": d.position.line, "end": d.position.end_line}}
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).unwrap_or_default();
    s.push('\n');
    s
}
