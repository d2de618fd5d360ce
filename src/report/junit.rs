//! JUnit XML: one test case per checked file that has findings, one failure per finding,
//! so CI test-report views list them.

use super::Report;
use std::collections::BTreeMap;

/// Escapes text for XML attributes and content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {
                out.push_str(&format!("&#{};", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// Renders JUnit XML.
pub fn render(r: &Report) -> String {
    let mut by_file: BTreeMap<&str, Vec<&crate::diagnostic::Diagnostic>> = BTreeMap::new();
    for d in r.diagnostics {
        by_file.entry(d.path.as_str()).or_default().push(d);
    }
    let failures = r.diagnostics.len();
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<testsuites name=\"kblint\" tests=\"{}\" failures=\"{failures}\">\n",
        by_file.len().max(1)
    ));
    out.push_str(&format!(
        "  <testsuite name=\"kblint\" tests=\"{}\" failures=\"{failures}\" errors=\"0\">\n",
        by_file.len().max(1)
    ));
    if by_file.is_empty() {
        out.push_str(&format!(
            "    <testcase classname=\"kblint\" name=\"{} files checked\"/>\n",
            r.files
        ));
    }
    for (path, diags) in by_file {
        out.push_str(&format!(
            "    <testcase classname=\"{}\" name=\"{}\" file=\"{}\">\n",
            xml_escape(path),
            xml_escape(path),
            xml_escape(path)
        ));
        for d in diags {
            out.push_str(&format!(
                "      <failure type=\"{}\" message=\"{}\">{}:{}:{}: {}[{}] {}</failure>\n",
                xml_escape(d.rule.name),
                xml_escape(&d.message),
                xml_escape(path),
                d.position.line,
                d.position.column,
                d.severity,
                d.rule.code,
                xml_escape(&d.message)
            ));
        }
        out.push_str("    </testcase>\n");
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}
