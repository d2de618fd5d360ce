//! Every use of YAML goes through this module, so the YAML library can be swapped.
//!
//! `serde_yaml` is unmaintained upstream; nothing outside this file names it.

use serde::de::DeserializeOwned;
use std::fmt;

/// A parsed YAML (or TOML) value, independent of the parsing library.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `~`, `null` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, kept as written.
    Number(String),
    /// A string scalar.
    String(String),
    /// A sequence.
    Seq(Vec<Value>),
    /// A mapping, in source order.
    Map(Vec<(String, Value)>),
}

impl Value {
    /// The scalar as text (strings, numbers and booleans), else `None`.
    pub fn as_scalar(&self) -> Option<String> {
        match self {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.clone()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    /// Scalars and sequences of scalars, flattened to a list of strings.
    pub fn as_list(&self) -> Vec<String> {
        match self {
            Value::Seq(items) => items.iter().filter_map(Value::as_scalar).collect(),
            Value::Map(_) | Value::Null => Vec::new(),
            other => other.as_scalar().into_iter().collect(),
        }
    }

    /// Looks a key up in a mapping.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Nesting depth (a scalar is 0).
    pub fn depth(&self) -> usize {
        match self {
            Value::Seq(items) => 1 + items.iter().map(Value::depth).max().unwrap_or(0),
            Value::Map(entries) => 1 + entries.iter().map(|(_, v)| v.depth()).max().unwrap_or(0),
            _ => 0,
        }
    }

    /// Number of nodes, counting repeated aliases each time they are expanded.
    pub fn node_count(&self) -> usize {
        match self {
            Value::Seq(items) => 1 + items.iter().map(Value::node_count).sum::<usize>(),
            Value::Map(entries) => 1 + entries.iter().map(|(_, v)| v.node_count()).sum::<usize>(),
            _ => 1,
        }
    }
}

/// A YAML error with its 1-based position inside the parsed text, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    /// The parser's message, without position suffix.
    pub message: String,
    /// 1-based line inside the parsed text.
    pub line: Option<usize>,
    /// 1-based column inside the parsed text.
    pub column: Option<usize>,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, "{} (line {l}, column {c})", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for YamlError {}

fn convert_error(e: serde_yaml::Error) -> YamlError {
    let loc = e.location();
    let mut message = e.to_string();
    // serde_yaml appends " at line L column C"; positions are reported separately.
    if let Some(i) = message.find(" at line ") {
        message.truncate(i);
    }
    YamlError {
        message,
        line: loc.as_ref().map(|l| l.line()),
        column: loc.as_ref().map(|l| l.column()),
    }
}

fn convert(v: serde_yaml::Value) -> Value {
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => Value::Number(n.to_string()),
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => Value::Seq(items.into_iter().map(convert).collect()),
        serde_yaml::Value::Mapping(m) => Value::Map(
            m.into_iter()
                .map(|(k, v)| (key_to_string(k), convert(v)))
                .collect(),
        ),
        serde_yaml::Value::Tagged(t) => convert(t.value),
    }
}

fn key_to_string(k: serde_yaml::Value) -> String {
    match k {
        serde_yaml::Value::String(s) => s,
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Null => "null".to_string(),
        serde_yaml::Value::Tagged(t) => key_to_string(t.value),
        other => serde_yaml::to_string(&other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// Parses one YAML document into a [`Value`]. An empty document is `Null`.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .map(convert)
        .map_err(convert_error)
}

/// Deserializes typed data (configuration, registries, rule data) from YAML.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(convert_error)
}

/// Renders a scalar for writing back into YAML, quoting when a plain scalar would change
/// meaning.
pub fn quote_scalar(s: &str) -> String {
    let plain_ok = !s.is_empty()
        && !s.starts_with([
            ' ', '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"',
            '%', '@', '`',
        ])
        && !s.ends_with(' ')
        && !s.contains(": ")
        && !s.contains(" #")
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "~" | "on" | "off"
        );
    if plain_ok {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_mapping_in_order() {
        let v = parse("b: 1\na: [x, y]\nc: {d: true}\n").unwrap();
        let Value::Map(entries) = &v else {
            panic!("not a map")
        };
        assert_eq!(entries[0].0, "b");
        assert_eq!(v.get("a").unwrap().as_list(), vec!["x", "y"]);
        assert_eq!(v.get("c").unwrap().get("d"), Some(&Value::Bool(true)));
    }

    #[test]
    fn errors_carry_positions() {
        let e = parse("title: a: b\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        assert!(e.column.is_some());
    }

    #[test]
    fn billion_laughs_is_refused_or_bounded() {
        let mut doc = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            doc.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n",
                p = i - 1
            ));
        }
        assert!(parse(&doc).is_err());
    }

    #[test]
    fn quoting() {
        assert_eq!(quote_scalar("Ana Lima"), "Ana Lima");
        assert_eq!(quote_scalar("yes"), "'yes'");
        assert_eq!(quote_scalar("a: b"), "'a: b'");
    }
}
