//! `path:line:col: severity[CODE] message`, one finding per line (Vim's quickfix reads it).

use super::Report;

/// Renders the concise format.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for d in r.diagnostics {
        out.push_str(&format!(
            "{}:{}:{}: {}[{}] {}\n",
            d.path, d.position.line, d.position.column, d.severity, d.rule.code, d.message
        ));
    }
    out
}
