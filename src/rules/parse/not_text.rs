//! KB002 not-text.

use crate::diagnostic::{Category, Severity};
use crate::rules::{Check, Rule, RuleMeta};

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB002",
        name: "not-text",
        category: Category::Parse,
        severity: Severity::Error,
        default_enabled: true,
        summary: "A file with an article extension is binary or not valid UTF-8 (the message gives the line).",
        docs: r#"Exporters and copy-paste from word processors leave Latin-1 bytes or whole
binary files behind a `.md` name. Renderers show mojibake or nothing at all.

## Bad
`refunds.md` saved as Windows-1252: `Caf\xe9 credits` (byte `0xE9` is not UTF-8).

## Good
Save articles as UTF-8 (`iconv -f WINDOWS-1252 -t UTF-8`), and keep images and PDFs
under their own extensions.
"#,
    },
    check: Check::Engine,
};
