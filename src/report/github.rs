//! GitHub Actions workflow commands: `::error file=…,line=…::message`.

use super::Report;
use crate::diagnostic::Severity;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Renders workflow commands, one per finding.
pub fn render(r: &Report) -> String {
    let mut out = String::new();
    for d in r.diagnostics {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        out.push_str(&format!(
            "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            escape_property(&d.path),
            d.position.line,
            d.position.column,
            d.position.end_line,
            d.position.end_column,
            escape_property(&format!("{} {}", d.rule.code, d.rule.name)),
            escape_data(&d.message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
