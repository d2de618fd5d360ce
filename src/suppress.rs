//! Inline suppressions: `<!-- kblint-disable-next-line KB301 -->`,
//! `<!-- kblint-disable KB201 -->` … `<!-- kblint-enable -->`,
//! `<!-- kblint-disable-line … -->` and `<!-- kblint-disable-file … -->`.

use crate::article::Article;
use crate::diagnostic::{Diagnostic, Position};
use regex::Regex;
use std::sync::OnceLock;

/// What lines a suppression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Scope {
    /// One line (1-based).
    Line(u32),
    /// Lines `start..=end` (1-based).
    Lines(u32, u32),
    /// The whole file.
    File,
}

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// Lines covered.
    pub scope: Scope,
    /// Codes, names or categories; empty means every rule.
    pub selectors: Vec<String>,
    /// Where the comment is.
    pub position: Position,
    /// The comment text.
    pub text: String,
}

/// All suppressions of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Suppressions {
    /// In source order.
    pub items: Vec<Suppression>,
}

fn comment_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        #[allow(clippy::expect_used)]
        Regex::new(r"<!--\s*kblint-(disable-next-line|disable-line|disable-file|disable|enable)\b([^>]*?)\s*-->")
            .expect("valid regex")
    })
}

fn selectors(s: &str) -> Vec<String> {
    s.split(|c: char| c == ',' || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Suppressions {
    /// Reads the suppression comments of an article (never inside code).
    pub fn parse(a: &Article) -> Suppressions {
        let mut items = Vec::new();
        let mut open: Vec<(u32, Vec<String>, Position, String)> = Vec::new();
        if !a.text.contains("kblint-") {
            return Suppressions { items };
        }
        for m in comment_re().captures_iter(&a.text) {
            let (Some(whole), Some(kind)) = (m.get(0), m.get(1)) else {
                continue;
            };
            if a.in_code(whole.start()) {
                continue;
            }
            let sel = selectors(m.get(2).map(|g| g.as_str()).unwrap_or(""));
            let position = a.position(whole.range());
            let line = position.line;
            let text = whole.as_str().to_string();
            match kind.as_str() {
                "disable-next-line" => {
                    // The next non-blank line.
                    let mut target = position.end_line + 1;
                    while (target as usize) < a.lines.line_count()
                        && a.line_text(target).trim().is_empty()
                    {
                        target += 1;
                    }
                    items.push(Suppression {
                        scope: Scope::Line(target),
                        selectors: sel,
                        position,
                        text,
                    });
                }
                "disable-line" => items.push(Suppression {
                    scope: Scope::Line(line),
                    selectors: sel,
                    position,
                    text,
                }),
                "disable-file" => items.push(Suppression {
                    scope: Scope::File,
                    selectors: sel,
                    position,
                    text,
                }),
                "disable" => open.push((line, sel, position, text)),
                _ => {
                    // enable: closes the matching open ranges (all, when it names none).
                    let close_all = sel.is_empty();
                    let mut keep = Vec::new();
                    for o in open.drain(..) {
                        if close_all
                            || o.1
                                .iter()
                                .any(|s| sel.iter().any(|x| x.eq_ignore_ascii_case(s)))
                        {
                            items.push(Suppression {
                                scope: Scope::Lines(o.0, line),
                                selectors: o.1,
                                position: o.2,
                                text: o.3,
                            });
                        } else {
                            keep.push(o);
                        }
                    }
                    open = keep;
                }
            }
        }
        let last = a.lines.line_count() as u32 + 1;
        for o in open {
            items.push(Suppression {
                scope: Scope::Lines(o.0, last),
                selectors: o.1,
                position: o.2,
                text: o.3,
            });
        }
        Suppressions { items }
    }

    /// The index of the first suppression that covers `d`, if any.
    pub fn covering(&self, d: &Diagnostic) -> Option<usize> {
        self.items.iter().position(|s| {
            let in_scope = match s.scope {
                Scope::Line(l) => d.position.line == l,
                Scope::Lines(a, b) => d.position.line >= a && d.position.line <= b,
                Scope::File => true,
            };
            in_scope
                && (s.selectors.is_empty() || s.selectors.iter().any(|x| matches_rule(x, d.rule)))
        })
    }
}

/// Whether a selector (code, name, category or code prefix) names a rule.
pub fn matches_rule(selector: &str, rule: &crate::rules::RuleMeta) -> bool {
    selector.eq_ignore_ascii_case(rule.code)
        || selector.eq_ignore_ascii_case(rule.name)
        || selector.eq_ignore_ascii_case(rule.category.as_str())
        || (selector.len() >= 3
            && selector.len() < 5
            && rule
                .code
                .to_ascii_uppercase()
                .starts_with(&selector.to_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Limits;

    #[test]
    fn parses_all_forms_and_skips_code() {
        let src = "# T\n\n<!-- kblint-disable-next-line KB501 -->\nTODO one\n\n<!-- kblint-disable placeholder -->\nTODO two\n<!-- kblint-enable -->\n\n`<!-- kblint-disable-file -->`\n";
        let a = Article::from_text("a.md".into(), "a.md".into(), src.into(), &Limits::default());
        let s = Suppressions::parse(&a);
        assert_eq!(s.items.len(), 2);
        assert_eq!(s.items[0].scope, Scope::Line(4));
        assert_eq!(s.items[1].scope, Scope::Lines(6, 8));
        assert_eq!(s.items[1].selectors, vec!["placeholder"]);
    }
}
