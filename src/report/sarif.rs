//! SARIF 2.1.0, with rule metadata, regions, related locations and fingerprints.

use super::Report;
use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::REGISTRY;
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a relative path for a SARIF `uri`.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn result(d: &Diagnostic) -> Value {
    let rule_index = REGISTRY
        .iter()
        .position(|r| r.meta.code == d.rule.code)
        .unwrap_or(0);
    let related: Vec<Value> = d
        .related
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!({
                "id": i,
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&r.path)},
                    "region": {"startLine": r.line, "startColumn": r.column}
                },
                "message": {"text": r.message}
            })
        })
        .collect();
    let mut v = json!({
        "ruleId": d.rule.code,
        "ruleIndex": rule_index,
        "level": level(d.severity),
        "message": {"text": d.message},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(&d.path)},
                "region": {
                    "startLine": d.position.line,
                    "startColumn": d.position.column,
                    "endLine": d.position.end_line,
                    "endColumn": d.position.end_column
                }
            }
        }],
        "partialFingerprints": {"kblint/v1": crate::baseline::fingerprint(d)}
    });
    if !related.is_empty() {
        v["relatedLocations"] = Value::Array(related);
    }
    v
}

/// Renders a SARIF 2.1.0 log.
pub fn render(r: &Report) -> String {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|rule| {
            let m = &rule.meta;
            json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.summary},
                "help": {"text": m.docs, "markdown": m.docs},
                "defaultConfiguration": {"level": level(m.severity), "enabled": m.default_enabled},
                "properties": {"category": m.category.as_str(), "tags": [m.category.as_str()]}
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "kblint",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules
            }},
            "columnKind": "unicodeCodePoints",
            "results": r.diagnostics.iter().map(result).collect::<Vec<_>>()
        }]
    });
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}
