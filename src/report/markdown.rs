//! A short Markdown summary for pull-request comments and CI job summaries
//! (`$GITHUB_STEP_SUMMARY`): counts per category and severity, review health, and the
//! top findings as a table with `file:line` links.

use super::{Links, Report};
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::health::Health;
use std::fmt::Write;

/// At most this many findings are listed; a note says when there are more.
pub const MAX_ROWS: usize = 50;

macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Escapes text for a Markdown table cell: no pipe, newline or raw HTML survives.
/// Balanced `` `code` `` spans stay code (with `\|` for pipes, as GFM tables want).
pub fn cell(s: &str) -> String {
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len() + 16);
    let parts: Vec<&str> = flat.split('`').collect();
    if parts.len() % 2 == 0 {
        // An odd number of backticks: no code spans.
        plain(&mut out, &flat);
        return out;
    }
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 0 {
            plain(&mut out, part);
        } else if !part.trim().is_empty() && !part.contains('\\') {
            out.push('`');
            out.push_str(&part.replace('|', "\\|"));
            out.push('`');
        } else {
            out.push_str("&#96;");
            plain(&mut out, part);
            out.push_str("&#96;");
        }
    }
    out
}

fn plain(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '|' => out.push_str("&#124;"),
            '\\' => out.push_str("&#92;"),
            '`' => out.push_str("&#96;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '*' | '_' | '[' | ']' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
}

fn link(links: &Links, path: &str, line: u32) -> String {
    format!("[{}:{line}]({})", cell(path), links.href(path, line))
}

/// Renders the Markdown summary.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let (e, wn, i) = crate::engine::counts(r.diagnostics);
    let n = r.diagnostics.len();
    let verdict = if e > 0 {
        "❌"
    } else if wn > 0 {
        "⚠️"
    } else {
        "✅"
    };
    w!(
        o,
        "### {verdict} kblint: {n} finding{} in {} article{}\n",
        if n == 1 { "" } else { "s" },
        r.files,
        if r.files == 1 { "" } else { "s" }
    );
    w!(o, "**{e}** errors · **{wn}** warnings · **{i}** info\n");

    // Review health, from frontmatter.
    let mut counts = [0usize; 5];
    for a in r.articles {
        if let Some(k) = Health::COUNTED.iter().position(|h| *h == a.health) {
            counts[k] += 1;
        }
    }
    let live: usize = counts.iter().sum();
    if live > 0 {
        let parts: Vec<String> = Health::COUNTED
            .iter()
            .zip(counts)
            .map(|(h, c)| format!("{} {c}", h.label().to_lowercase()))
            .collect();
        w!(
            o,
            "Review health of {live} live article{}: {} ({}% fresh).\n",
            if live == 1 { "" } else { "s" },
            parts.join(" · "),
            (counts[0] as f64 * 100.0 / live as f64).round() as u64
        );
    }

    if n > 0 {
        w!(o, "| Category | Errors | Warnings | Info | Total |");
        w!(o, "|---|---:|---:|---:|---:|");
        for c in Category::ALL {
            let of: Vec<&Diagnostic> = r
                .diagnostics
                .iter()
                .filter(|d| d.rule.category == c)
                .collect();
            if of.is_empty() {
                continue;
            }
            let (ce, cw, ci) = count(&of);
            w!(o, "| {c} | {ce} | {cw} | {ci} | {} |", of.len());
        }
        w!(
            o,
            "| **total** | **{e}** | **{wn}** | **{i}** | **{n}** |\n"
        );

        let mut top: Vec<&Diagnostic> = r.diagnostics.iter().collect();
        top.sort_by_key(|d| std::cmp::Reverse(d.severity));
        w!(o, "{} findings\n", if n > MAX_ROWS { "Top" } else { "All" });
        w!(o, "| Severity | Location | Rule | Message |");
        w!(o, "|---|---|---|---|");
        for d in top.iter().take(MAX_ROWS) {
            w!(
                o,
                "| {} | {} | `{}` {} | {} |",
                d.severity,
                link(&r.links, &d.path, d.position.line),
                d.rule.code,
                d.rule.name,
                cell(&d.message)
            );
        }
        if n > MAX_ROWS {
            w!(
                o,
                "\n_Showing the first {MAX_ROWS} of {n} findings (errors first). Run `kblint check` or `kblint report --html` for all of them._"
            );
        }
    } else {
        w!(o, "No findings. 🎉");
    }
    o
}

fn count(d: &[&Diagnostic]) -> (usize, usize, usize) {
    let mut c = (0, 0, 0);
    for x in d {
        match x.severity {
            Severity::Error => c.0 += 1,
            Severity::Warning => c.1 += 1,
            Severity::Info => c.2 += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table() {
        assert_eq!(
            cell("a | b\nc <img src=x>"),
            "a &#124; b c &lt;img src=x&gt;"
        );
        assert_eq!(cell("x\\|y"), "x&#92;&#124;y");
        assert_eq!(cell("Link `a|b.md` broken"), "Link `a\\|b.md` broken");
        assert_eq!(cell("odd ` tick"), "odd &#96; tick");
        assert_eq!(cell("code `a\\b` here"), "code &#96;a&#92;b&#96; here");
        assert_eq!(cell("`{{customer_name}}` left"), "`{{customer_name}}` left");
        assert_eq!(cell("a_b *c*"), "a\\_b \\*c\\*");
    }
}
