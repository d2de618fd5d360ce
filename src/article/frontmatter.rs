//! Splitting frontmatter off an article and reading the contract's keys from it.

use crate::dates::{self, Date};
use crate::yaml::{self, Value};
use std::collections::BTreeMap;
use std::ops::Range;

/// The syntax of a frontmatter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontmatterKind {
    /// `---` … `---`
    Yaml,
    /// `+++` … `+++`
    Toml,
}

/// Where the frontmatter block sits in the article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// YAML or TOML.
    pub kind: FrontmatterKind,
    /// Byte range of the content between the fences.
    pub content: Range<usize>,
    /// Byte offset where the Markdown body starts (after the closing fence's line).
    pub body_start: usize,
    /// 0-based line of the first content line.
    pub first_content_line: usize,
}

/// Why a frontmatter block could not be split off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unterminated {
    /// `---` or `+++`.
    pub fence: &'static str,
}

/// Finds the frontmatter block at the top of `text` (BOM already removed).
pub fn split(text: &str) -> Result<Option<Block>, Unterminated> {
    let (fence, kind) = if text.starts_with("---") {
        ("---", FrontmatterKind::Yaml)
    } else if text.starts_with("+++") {
        ("+++", FrontmatterKind::Toml)
    } else {
        return Ok(None);
    };
    let first_end = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    if text[fence.len()..first_end].trim() != "" {
        // `---title` or `--- x`: not a fence; `----` is a thematic break.
        return Ok(None);
    }
    let mut pos = first_end;
    let mut line = 1;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let l = text[pos..end].trim_end();
        if l == fence || (kind == FrontmatterKind::Yaml && l == "...") {
            return Ok(Some(Block {
                kind,
                content: first_end..pos,
                body_start: end,
                first_content_line: 1,
            }));
        }
        pos = end;
        line += 1;
    }
    let _ = line;
    Err(Unterminated { fence })
}

/// A key list entry: the canonical names a semantic field may be written as.
pub struct KeyNames {
    /// Semantic name, as used in `required:` configuration.
    pub field: &'static str,
    /// Accepted keys, in priority order.
    pub keys: &'static [&'static str],
}

/// The contract's keys, in priority order per field.
pub const FIELDS: &[KeyNames] = &[
    KeyNames {
        field: "last_review",
        keys: &[
            "last_reviewed",
            "reviewed",
            "reviewed_at",
            "last_verified",
            "verified_at",
            "verified_on",
            "last_updated",
            "updated",
            "updated_at",
            "ms.date",
            "date",
        ],
    },
    KeyNames {
        field: "review_by",
        keys: &["review_by", "next_review", "review_due"],
    },
    KeyNames {
        field: "expires",
        keys: &[
            "expires",
            "expiry",
            "expiry_date",
            "valid_until",
            "expires_at",
        ],
    },
    KeyNames {
        field: "review_interval",
        keys: &["review_interval", "verification_interval"],
    },
    KeyNames {
        field: "verifier",
        keys: &["verified_by", "reviewer", "reviewed_by"],
    },
    KeyNames {
        field: "owner",
        keys: &["owner", "owners", "author", "ms.author"],
    },
    KeyNames {
        field: "status",
        keys: &["status", "state"],
    },
    KeyNames {
        field: "superseded_by",
        keys: &["superseded_by", "replaced_by"],
    },
    KeyNames {
        field: "type",
        keys: &["type", "kind"],
    },
];

/// Scope keys, for telling facts apart.
pub const SCOPE_KEYS: &[&str] = &["product", "plan", "plans", "region", "locale", "audience"];

/// Compares key names the contract's way: case-insensitive, `-`, `_` and `.` alike.
pub fn normalize_key(k: &str) -> String {
    k.trim()
        .chars()
        .map(|c| match c {
            '-' | '.' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// A value read from a frontmatter key, with the key as written and its 1-based line.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Field<T> {
    /// The value.
    pub value: T,
    /// The key as written in the file.
    pub key: String,
    /// 1-based line of the key in the article.
    pub line: u32,
}

/// Lifecycle state of an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Lifecycle {
    /// Served to agents.
    #[default]
    Live,
    /// Not yet published.
    Draft,
    /// Archived, deprecated, obsolete or retired: kept for history only.
    Retired,
}

/// A frontmatter value that could not be read as its field's type.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct BadValue {
    /// The semantic field (`last_review`, `expires`, …).
    pub field: String,
    /// The key as written.
    pub key: String,
    /// The value as written.
    pub value: String,
    /// 1-based line of the key.
    pub line: u32,
}

/// The contract's frontmatter fields, typed.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Meta {
    /// Title, when given.
    pub title: Option<String>,
    /// Last review or verification.
    pub last_review: Option<Field<Date>>,
    /// Next review due.
    pub review_by: Option<Field<Date>>,
    /// Hard expiry.
    pub expires: Option<Field<Date>>,
    /// Review interval in days.
    pub review_interval: Option<Field<u32>>,
    /// Who verified it.
    pub verifier: Option<Field<String>>,
    /// Who owns it.
    pub owner: Option<Field<String>>,
    /// Lifecycle state.
    pub lifecycle: Lifecycle,
    /// The key and line that made the article retired, for messages.
    pub lifecycle_field: Option<Field<String>>,
    /// The replacement article, when declared.
    pub superseded_by: Option<Field<String>>,
    /// `type:` (macro, policy, changelog, …), lowercased.
    pub doc_type: Option<String>,
    /// Scope values by key (`plan` and `plans` both land in `plan`), lowercased.
    pub scope: BTreeMap<String, Vec<String>>,
    /// Rules ignored for this article via `kblint: {ignore: [...]}`.
    pub ignore: Vec<String>,
    /// Values that could not be read.
    pub bad_values: Vec<BadValue>,
}

/// Top-level keys of a frontmatter block and the 1-based article line of each.
pub fn key_lines(text: &str, block: &Block, first_line: u32) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for (i, line) in text[block.content.clone()].lines().enumerate() {
        let Some(first) = line.chars().next() else {
            continue;
        };
        if first.is_whitespace() || first == '#' || first == '-' {
            continue;
        }
        let Some(colon) = line.find(':').or_else(|| line.find('=')) else {
            continue;
        };
        let key = line[..colon]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        if !key.is_empty() && !out.iter().any(|(k, _)| *k == key) {
            out.push((key, first_line + i as u32));
        }
    }
    out
}

impl Meta {
    /// Reads the contract's keys from a parsed frontmatter mapping.
    pub fn from_map(map: &[(String, Value)], lines: &[(String, u32)]) -> Meta {
        let line_of = |key: &str| {
            lines
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, l)| *l)
                .unwrap_or(1)
        };
        let norm: Vec<(String, &String, &Value)> =
            map.iter().map(|(k, v)| (normalize_key(k), k, v)).collect();
        let lookup_all = |field: &str| -> Vec<(&String, &Value)> {
            let names = FIELDS
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.keys)
                .unwrap_or(&[]);
            let mut found = Vec::new();
            for name in names {
                let n = normalize_key(name);
                if let Some((_, k, v)) = norm.iter().find(|(nk, _, _)| *nk == n) {
                    found.push((*k, *v));
                }
            }
            found
        };
        let mut meta = Meta::default();
        let date_field = |field: &'static str, meta: &mut Meta| -> Option<Field<Date>> {
            for (k, v) in lookup_all(field) {
                let Some(raw) = v.as_scalar() else {
                    if *v != Value::Null {
                        meta.bad_values.push(BadValue {
                            field: field.to_string(),
                            key: k.clone(),
                            value: String::from("(not a date)"),
                            line: line_of(k),
                        });
                    }
                    continue;
                };
                match dates::parse_date(&raw) {
                    Some(d) => {
                        return Some(Field {
                            value: d,
                            key: k.clone(),
                            line: line_of(k),
                        })
                    }
                    None => meta.bad_values.push(BadValue {
                        field: field.to_string(),
                        key: k.clone(),
                        value: raw,
                        line: line_of(k),
                    }),
                }
            }
            None
        };
        meta.last_review = date_field("last_review", &mut meta);
        meta.review_by = date_field("review_by", &mut meta);
        meta.expires = date_field("expires", &mut meta);
        for (k, v) in lookup_all("review_interval") {
            let raw = v.as_scalar().unwrap_or_default();
            match dates::parse_interval(&raw) {
                Some(days) => {
                    meta.review_interval = Some(Field {
                        value: days,
                        key: k.clone(),
                        line: line_of(k),
                    });
                    break;
                }
                None => meta.bad_values.push(BadValue {
                    field: "review_interval".to_string(),
                    key: k.clone(),
                    value: raw,
                    line: line_of(k),
                }),
            }
        }
        let text_field = |field: &str| -> Option<Field<String>> {
            lookup_all(field).into_iter().find_map(|(k, v)| {
                let s = v.as_list().join(", ");
                (!s.trim().is_empty()).then(|| Field {
                    value: s.trim().to_string(),
                    key: k.clone(),
                    line: line_of(k),
                })
            })
        };
        meta.verifier = text_field("verifier");
        meta.owner = text_field("owner");
        meta.superseded_by = text_field("superseded_by");
        meta.doc_type = text_field("type").map(|f| f.value.to_ascii_lowercase());
        meta.title = norm
            .iter()
            .find(|(n, _, _)| n == "title")
            .and_then(|(_, _, v)| v.as_scalar());
        if let Some(status) = text_field("status") {
            match status.value.to_ascii_lowercase().as_str() {
                "archived" | "deprecated" | "obsolete" | "retired" => {
                    meta.lifecycle = Lifecycle::Retired;
                    meta.lifecycle_field = Some(status);
                }
                "draft" => meta.lifecycle = Lifecycle::Draft,
                _ => {}
            }
        }
        for flag in ["archived", "deprecated"] {
            if let Some((_, k, Value::Bool(true))) = norm.iter().find(|(n, _, _)| n == flag) {
                meta.lifecycle = Lifecycle::Retired;
                meta.lifecycle_field = Some(Field {
                    value: flag.to_string(),
                    key: (*k).clone(),
                    line: line_of(k),
                });
            }
        }
        for key in SCOPE_KEYS {
            if let Some((_, _, v)) = norm.iter().find(|(n, _, _)| n == key) {
                let target = if *key == "plans" { "plan" } else { key };
                let values: Vec<String> = v
                    .as_list()
                    .into_iter()
                    .map(|s| s.trim().to_lowercase())
                    .filter(|s| !s.is_empty())
                    .collect();
                if !values.is_empty() {
                    meta.scope
                        .entry(target.to_string())
                        .or_default()
                        .extend(values);
                }
            }
        }
        if let Some((_, _, v)) = norm.iter().find(|(n, _, _)| n == "kblint") {
            if let Some(ign) = v.get("ignore") {
                meta.ignore = ign.as_list();
            }
        }
        meta
    }

    /// Whether the article is archived, deprecated, obsolete or retired.
    pub fn is_retired(&self) -> bool {
        self.lifecycle == Lifecycle::Retired
    }
}

/// Parses a frontmatter block's content to a mapping.
pub fn parse_block(text: &str, block: &Block) -> Result<Value, yaml::YamlError> {
    let content = &text[block.content.clone()];
    match block.kind {
        FrontmatterKind::Yaml => yaml::parse(content),
        FrontmatterKind::Toml => match content.parse::<toml::Table>() {
            Ok(t) => Ok(toml_to_value(toml::Value::Table(t))),
            Err(e) => {
                let (line, column) = e
                    .span()
                    .map(|s| {
                        let before = &content[..s.start.min(content.len())];
                        let line = before.matches('\n').count() + 1;
                        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
                        (Some(line), Some(col))
                    })
                    .unwrap_or((None, None));
                Err(yaml::YamlError {
                    message: e.message().to_string(),
                    line,
                    column,
                })
            }
        },
    }
}

fn toml_to_value(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.to_string()),
        toml::Value::Float(f) => Value::Number(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Seq(a.into_iter().map(toml_to_value).collect()),
        toml::Value::Table(t) => {
            Value::Map(t.into_iter().map(|(k, v)| (k, toml_to_value(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(src: &str) -> Meta {
        let block = split(src).unwrap().unwrap();
        let v = parse_block(src, &block).unwrap();
        let Value::Map(m) = v else { panic!() };
        Meta::from_map(&m, &key_lines(src, &block, 2))
    }

    #[test]
    fn splits_yaml_and_toml() {
        let b = split("---\na: 1\n---\nbody").unwrap().unwrap();
        assert_eq!(b.kind, FrontmatterKind::Yaml);
        assert_eq!(&"---\na: 1\n---\nbody"[b.body_start..], "body");
        let b = split("+++\na = 1\n+++\r\nbody").unwrap().unwrap();
        assert_eq!(b.kind, FrontmatterKind::Toml);
        assert!(split("---\na: 1\n").is_err());
        assert_eq!(split("# Title\n---\n"), Ok(None));
        assert_eq!(split("----\ntext"), Ok(None));
    }

    #[test]
    fn contract_keys_case_and_separators() {
        let m = meta_of(
            "---\nMS.Date: 03/31/2026\nLast-Reviewed: 2026-01-02\nOwner: ana\nVerified_By: [bo, cy]\nplans: [Pro]\nstatus: Deprecated\n---\n",
        );
        // last_reviewed comes before ms.date in priority order
        assert_eq!(m.last_review.as_ref().unwrap().key, "Last-Reviewed");
        assert_eq!(m.last_review.as_ref().unwrap().line, 3);
        assert_eq!(m.owner.clone().unwrap().value, "ana");
        assert_eq!(m.verifier.clone().unwrap().value, "bo, cy");
        assert_eq!(m.scope["plan"], vec!["pro"]);
        assert!(m.is_retired());
    }

    #[test]
    fn malformed_dates_are_recorded_and_fall_back() {
        let m = meta_of("---\nlast_reviewed: 2026-13-45\ndate: 2026-01-01\n---\n");
        assert_eq!(m.bad_values.len(), 1);
        assert_eq!(m.bad_values[0].line, 2);
        assert_eq!(m.last_review.unwrap().key, "date");
    }

    #[test]
    fn archived_flag_and_interval() {
        let m = meta_of("---\narchived: true\nreview_interval: 12w\n---\n");
        assert!(m.is_retired());
        assert_eq!(m.review_interval.unwrap().value, 84);
    }
}
