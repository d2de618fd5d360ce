//! `kblint verify`: stamps a verification (who, when, optionally the interval) into an
//! article's frontmatter as a text edit on the frontmatter lines. YAML is never
//! re-serialized: comments, key order, quoting style, line endings and a BOM survive
//! byte for byte. The edited frontmatter is parsed again and compared with the original
//! before anything is written; a file is written atomically or not at all.

use crate::article::frontmatter::{self, normalize_key, FrontmatterKind, Meta, FIELDS};
use crate::dates::{parse_date, parse_interval, Date};
use crate::yaml::{self, quote_scalar, Value};
use std::path::Path;

/// What to stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    /// The verifier's name.
    pub by: String,
    /// The verification day.
    pub date: Date,
    /// A review interval to set (`90d`, `6m`, …), if any.
    pub interval: Option<String>,
}

/// What a stamp did to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    /// The new file content.
    pub text: String,
    /// `key: value` for every key set, in order.
    pub keys: Vec<String>,
    /// Whether the content differs from the original.
    pub changed: bool,
}

/// Validates a stamp's values; returns a usage error.
pub fn validate(stamp: &Stamp) -> Result<(), String> {
    if stamp.by.trim().is_empty() {
        return Err("--by needs a name".into());
    }
    if stamp.by.chars().any(|c| c.is_control()) {
        return Err("--by must be a single line of text".into());
    }
    if let Some(i) = &stamp.interval {
        if parse_interval(i).is_none() {
            return Err(format!(
                "--interval `{i}` is not an interval (90d, 12w, 6m, 1y or days)"
            ));
        }
    }
    Ok(())
}

fn keys_of(field: &str) -> &'static [&'static str] {
    FIELDS
        .iter()
        .find(|f| f.field == field)
        .map(|f| f.keys)
        .unwrap_or(&[])
}

/// The first key of `field` present in the mapping, as written.
fn existing_key(map: &[(String, Value)], field: &str) -> Option<String> {
    keys_of(field).iter().find_map(|name| {
        let n = normalize_key(name);
        map.iter()
            .find(|(k, _)| normalize_key(k) == n)
            .map(|(k, _)| k.clone())
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Plain,
    Single,
    Double,
}

/// How a new value is written in place of an old one.
#[derive(Debug, Clone)]
enum NewValue {
    Date(Date),
    Text(String),
}

impl NewValue {
    fn render(&self, old: &str, quote: Quote, flow: bool) -> String {
        let raw = match self {
            NewValue::Date(d) => {
                // Keep the old value's date style (MM/DD/YYYY as Microsoft Learn writes it).
                let inner = old.trim().trim_matches(|c| c == '\'' || c == '"');
                if inner.len() == 10
                    && inner.as_bytes().get(2) == Some(&b'/')
                    && parse_date(inner).is_some()
                {
                    d.format("%m/%d/%Y").to_string()
                } else {
                    d.format("%Y-%m-%d").to_string()
                }
            }
            NewValue::Text(s) => s.clone(),
        };
        match quote {
            Quote::Single => format!("'{}'", raw.replace('\'', "''")),
            Quote::Double => format!("\"{}\"", raw.replace('\\', "\\\\").replace('"', "\\\"")),
            Quote::Plain => {
                let q = quote_scalar(&raw);
                if flow && q == raw && raw.contains([',', '[', ']', '{', '}']) {
                    format!("'{}'", raw.replace('\'', "''"))
                } else {
                    q
                }
            }
        }
    }
}

/// Stamps `stamp` into `original` (a whole file, BOM included). Errors say why the file
/// was refused; nothing is to be written then.
pub fn stamp_text(original: &str, stamp: &Stamp) -> Result<Stamped, String> {
    let (bom, body) = match original.strip_prefix('\u{FEFF}') {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", original),
    };
    let eol = match body.find('\n') {
        Some(i) if i > 0 && body.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    };
    let date = NewValue::Date(stamp.date);
    let by = NewValue::Text(stamp.by.clone());
    let interval = stamp.interval.clone().map(NewValue::Text);

    let block = match frontmatter::split(body) {
        Err(u) => {
            return Err(format!(
                "frontmatter opened with `{}` is never closed; fix it first, nothing was changed",
                u.fence
            ))
        }
        Ok(None) => {
            // No frontmatter: add one.
            let mut fm = format!(
                "---{eol}verified_by: {}{eol}verified_at: {}{eol}",
                by.render("", Quote::Plain, false),
                date.render("", Quote::Plain, false)
            );
            let mut keys = vec![
                format!("verified_by: {}", stamp.by),
                format!("verified_at: {}", stamp.date),
            ];
            if let Some(i) = &interval {
                fm.push_str(&format!(
                    "review_interval: {}{eol}",
                    i.render("", Quote::Plain, false)
                ));
                keys.push(format!(
                    "review_interval: {}",
                    stamp.interval.as_deref().unwrap_or_default()
                ));
            }
            fm.push_str(&format!("---{eol}"));
            let text = format!("{bom}{fm}{body}");
            verify_result(&text, &[], stamp)?;
            return Ok(Stamped {
                text,
                keys,
                changed: true,
            });
        }
        Ok(Some(b)) => b,
    };
    if block.kind == FrontmatterKind::Toml {
        return Err(
            "TOML frontmatter (`+++`) is not supported by `kblint verify`; nothing was changed"
                .into(),
        );
    }
    let content = &body[block.content.clone()];
    let map =
        match yaml::parse(content) {
            Ok(Value::Map(m)) => m,
            Ok(Value::Null) => Vec::new(),
            Ok(_) => return Err(
                "frontmatter is not a mapping of keys to values; fix it first, nothing was changed"
                    .into(),
            ),
            Err(e) => {
                return Err(format!(
                    "frontmatter is not valid YAML: {e}; fix it first, nothing was changed"
                ))
            }
        };
    let lines = frontmatter::key_lines(body, &block, 2);
    let meta = Meta::from_map(&map, &lines);

    let verifier_key = meta
        .verifier
        .as_ref()
        .map(|f| f.key.clone())
        .or_else(|| existing_key(&map, "verifier"));
    let review_key = meta
        .last_review
        .as_ref()
        .map(|f| f.key.clone())
        .or_else(|| existing_key(&map, "last_review"));
    let interval_key = meta
        .review_interval
        .as_ref()
        .map(|f| f.key.clone())
        .or_else(|| existing_key(&map, "review_interval"));

    let mut plan: Vec<(Option<String>, &'static str, NewValue)> = vec![
        (verifier_key, "verified_by", by),
        (review_key, "verified_at", date),
    ];
    if let Some(i) = interval {
        plan.push((interval_key, "review_interval", i));
    }

    let flow = is_flow(content);
    let mut new_content = content.to_string();
    let mut keys = Vec::new();
    let mut changed_keys = Vec::new();
    let mut additions = Vec::new();
    for (existing, default_key, value) in &plan {
        match existing {
            Some(k) => {
                let rendered = if flow {
                    replace_flow(&mut new_content, k, value)?
                } else {
                    replace_block(&mut new_content, k, value)?
                };
                keys.push(format!("{k}: {rendered}"));
                changed_keys.push(k.clone());
            }
            None => {
                additions.push((*default_key, value.render("", Quote::Plain, flow)));
                changed_keys.push(default_key.to_string());
            }
        }
    }
    for (k, v) in &additions {
        keys.push(format!("{k}: {v}"));
    }
    if !additions.is_empty() {
        if flow {
            add_flow(&mut new_content, &additions)?;
        } else {
            if !new_content.is_empty() && !new_content.ends_with('\n') {
                new_content.push_str(eol);
            }
            for (k, v) in &additions {
                new_content.push_str(&format!("{k}: {v}{eol}"));
            }
        }
    }
    let text = format!(
        "{bom}{}{new_content}{}",
        &body[..block.content.start],
        &body[block.content.end..]
    );
    verify_result(&text, &map_without(&map, &changed_keys), stamp)?;
    let changed = text != original;
    Ok(Stamped {
        text,
        keys,
        changed,
    })
}

fn map_without(map: &[(String, Value)], keys: &[String]) -> Vec<(String, Value)> {
    map.iter()
        .filter(|(k, _)| !keys.contains(k))
        .cloned()
        .collect()
}

/// Parses the stamped text again: every untouched key keeps its value, and the
/// contract now reads the stamp. Anything else is a bug; refuse rather than write.
fn verify_result(text: &str, untouched: &[(String, Value)], stamp: &Stamp) -> Result<(), String> {
    let refuse = |why: &str| {
        Err(format!(
            "the edit could not be done safely ({why}); nothing was changed"
        ))
    };
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let Ok(Some(block)) = frontmatter::split(body) else {
        return refuse("frontmatter lost");
    };
    let Ok(Value::Map(map)) = yaml::parse(&body[block.content.clone()]) else {
        return refuse("the result does not parse");
    };
    for (k, v) in untouched {
        if map.iter().find(|(k2, _)| k2 == k).map(|(_, v2)| v2) != Some(v) {
            return refuse(&format!("key `{k}` would change"));
        }
    }
    let lines = frontmatter::key_lines(body, &block, 2);
    let meta = Meta::from_map(&map, &lines);
    if meta.verifier.as_ref().map(|f| f.value.as_str()) != Some(stamp.by.trim()) {
        return refuse("the verifier does not read back");
    }
    if meta.last_review.as_ref().map(|f| f.value) != Some(stamp.date) {
        return refuse("the review date does not read back");
    }
    if let Some(i) = &stamp.interval {
        if meta.review_interval.as_ref().map(|f| f.value) != parse_interval(i) {
            return refuse("the interval does not read back");
        }
    }
    Ok(())
}

/// Whether the frontmatter is one flow mapping (`{owner: a, reviewed: 2024-01-01}`).
fn is_flow(content: &str) -> bool {
    content
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
        .is_some_and(|l| l.starts_with('{'))
}

/// End (exclusive) of a scalar or collection value starting at `start` in `s`: a quoted
/// scalar to its closing quote, a flow collection to its closing bracket, a plain
/// scalar to a comment, the line end, or (in flow context) `,`/`}`/`]`.
fn value_end(s: &str, start: usize, flow: bool) -> Result<usize, String> {
    let b = s.as_bytes();
    let mut i = start;
    match b.get(i) {
        Some(b'\'') => {
            i += 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        i += 2;
                        continue;
                    }
                    return Ok(i + 1);
                }
                i += 1;
            }
            Err("unterminated quote".into())
        }
        Some(b'"') => {
            i += 1;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 2,
                    b'"' => return Ok(i + 1),
                    _ => i += 1,
                }
            }
            Err("unterminated quote".into())
        }
        Some(b'[' | b'{') => {
            let mut depth = 0i32;
            while i < b.len() {
                match b[i] {
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(i + 1);
                        }
                    }
                    b'\'' | b'"' => {
                        i = value_end(s, i, true)?;
                        continue;
                    }
                    _ => {}
                }
                i += 1;
            }
            Err("unterminated bracket".into())
        }
        _ => {
            while i < b.len() {
                let c = b[i];
                if c == b'\n'
                    || c == b'\r'
                    || (c == b'#' && i > start && b[i - 1].is_ascii_whitespace())
                    || (flow && matches!(c, b',' | b'}' | b']'))
                {
                    break;
                }
                i += 1;
            }
            // Trailing spaces belong to what follows (a comment's indentation).
            while i > start && (b[i - 1] == b' ' || b[i - 1] == b'\t') {
                i -= 1;
            }
            Ok(i)
        }
    }
}

fn quote_of(v: &str) -> Quote {
    match v.as_bytes().first() {
        Some(b'\'') => Quote::Single,
        Some(b'"') => Quote::Double,
        _ => Quote::Plain,
    }
}

/// Replaces the value of top-level block key `key` in `content`; returns the new value.
fn replace_block(content: &mut String, key: &str, value: &NewValue) -> Result<String, String> {
    let mut offset = 0;
    let mut found = None;
    for line in content.split_inclusive('\n') {
        let first = line.chars().next();
        if first.is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-') {
            if let Some(colon) = key_colon(line) {
                let k = line[..colon].trim().trim_matches(|c| c == '"' || c == '\'');
                if k == key {
                    found = Some(offset + colon);
                    break;
                }
            }
        }
        offset += line.len();
    }
    let Some(colon) = found else {
        return Err(format!(
            "cannot find the line of key `{key}`; nothing was changed"
        ));
    };
    let b = content.as_bytes();
    let mut vstart = colon + 1;
    while vstart < b.len() && (b[vstart] == b' ' || b[vstart] == b'\t') {
        vstart += 1;
    }
    let on_line_empty =
        vstart >= b.len() || matches!(b[vstart], b'\n' | b'\r') || b[vstart] == b'#';
    let block_scalar = matches!(b.get(vstart), Some(b'|' | b'>'));
    // What to replace on the key line, and the old value as written.
    let (from, to, old) = if on_line_empty {
        // The value lives on the following lines (a block sequence) or is empty.
        (colon + 1, colon + 1, "")
    } else if block_scalar {
        // A block scalar: replace its indicator (`|`, `>-`, …); its lines go below.
        let end = content[vstart..]
            .find(|c: char| c.is_whitespace())
            .map(|i| vstart + i)
            .unwrap_or(content.len());
        (vstart, end, "")
    } else {
        let end = value_end(content, vstart, false)
            .map_err(|e| format!("value of `{key}`: {e}; nothing was changed"))?;
        (vstart, end, &content[vstart..end])
    };
    let rendered = value.render(old, quote_of(old), false);
    // Continuation lines of the old value (indented, or `- item` lines under an empty
    // key) go with it; blank lines only when more continuation follows.
    let line_end = content[to..]
        .find('\n')
        .map(|i| to + i + 1)
        .unwrap_or(content.len());
    let mut cont_end = line_end;
    let mut probe = line_end;
    while probe < content.len() {
        let next = content[probe..]
            .find('\n')
            .map(|i| probe + i + 1)
            .unwrap_or(content.len());
        let l = &content[probe..next];
        let t = l.trim();
        if t.is_empty() {
            probe = next;
            continue;
        }
        let indented = l.starts_with([' ', '\t']) && !t.starts_with('#');
        let seq_item = on_line_empty && (t == "-" || l.starts_with("- "));
        if !(indented || seq_item) {
            break;
        }
        cont_end = next;
        probe = next;
    }
    let lead = if on_line_empty { " " } else { "" };
    let mut new = String::with_capacity(content.len() + rendered.len() + 1);
    new.push_str(&content[..from]);
    new.push_str(lead);
    new.push_str(&rendered);
    new.push_str(&content[to..line_end]);
    new.push_str(&content[cont_end..]);
    *content = new;
    Ok(rendered)
}

/// The colon that ends a block mapping key on `line`, skipping quoted keys.
fn key_colon(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'"' | b'\'')) {
        i = value_end(line, 0, false).ok()?;
    }
    while i < b.len() {
        if b[i] == b':' && (i + 1 == b.len() || b[i + 1].is_ascii_whitespace()) {
            return Some(i);
        }
        if b[i] == b'#' && i > 0 && b[i - 1].is_ascii_whitespace() {
            return None;
        }
        i += 1;
    }
    None
}

/// Entries of the top-level flow mapping: (key, key range, value range).
type FlowEntry = (String, std::ops::Range<usize>, std::ops::Range<usize>);

fn flow_entries(content: &str) -> Result<(usize, usize, Vec<FlowEntry>), String> {
    let b = content.as_bytes();
    let open = content.find('{').ok_or("no flow mapping")?;
    let mut i = open + 1;
    let mut entries = Vec::new();
    let skip_ws = |mut i: usize| loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        return i;
    };
    loop {
        i = skip_ws(i);
        match b.get(i) {
            None => return Err("unterminated flow mapping".into()),
            Some(b'}') => return Ok((open, i, entries)),
            Some(b',') => {
                i += 1;
                continue;
            }
            _ => {}
        }
        let kstart = i;
        let kend = if matches!(b[i], b'"' | b'\'') {
            value_end(content, i, true)?
        } else {
            let mut j = i;
            while j < b.len()
                && !(b[j] == b':'
                    && b.get(j + 1)
                        .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b',' | b'}')))
                && !matches!(b[j], b',' | b'}')
            {
                j += 1;
            }
            j
        };
        let key = content[kstart..kend]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .to_string();
        let mut j = skip_ws(kend);
        if b.get(j) == Some(&b':') {
            j = skip_ws(j + 1);
            let vend = if matches!(b.get(j), Some(b',' | b'}')) {
                j
            } else {
                value_end(content, j, true)?
            };
            entries.push((key, kstart..kend, j..vend));
            i = vend;
        } else {
            entries.push((key, kstart..kend, kend..kend));
            i = kend;
        }
    }
}

fn replace_flow(content: &mut String, key: &str, value: &NewValue) -> Result<String, String> {
    let (_, _, entries) = flow_entries(content).map_err(|e| format!("{e}; nothing was changed"))?;
    let Some((_, _, v)) = entries.into_iter().find(|(k, _, _)| k == key) else {
        return Err(format!(
            "cannot find key `{key}` in the flow mapping; nothing was changed"
        ));
    };
    let old = content[v.clone()].to_string();
    let rendered = value.render(&old, quote_of(&old), true);
    content.replace_range(v, &rendered);
    Ok(rendered)
}

fn add_flow(content: &mut String, additions: &[(&str, String)]) -> Result<(), String> {
    let (open, close, entries) =
        flow_entries(content).map_err(|e| format!("{e}; nothing was changed"))?;
    let at = entries
        .last()
        .map(|(_, k, v)| v.end.max(k.end))
        .unwrap_or(open + 1);
    let mut ins = String::new();
    for (n, (k, v)) in additions.iter().enumerate() {
        if !entries.is_empty() || n > 0 {
            ins.push_str(", ");
        }
        ins.push_str(&format!("{k}: {v}"));
    }
    let _ = close;
    content.insert_str(at, &ins);
    Ok(())
}

/// Stamps one file in place (atomically). `Ok(None)` when nothing changed.
pub fn stamp_file(path: &Path, stamp: &Stamp) -> Result<Stamped, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    if crate::article::looks_binary(&bytes) {
        return Err("binary file, not a Markdown article; nothing was changed".into());
    }
    let text =
        String::from_utf8(bytes).map_err(|_| "not valid UTF-8; nothing was changed".to_string())?;
    let stamped = stamp_text(&text, stamp)?;
    if stamped.changed {
        crate::fsutil::write_atomic(path, stamped.text.as_bytes())
            .map_err(|e| format!("cannot write: {e}; nothing was changed"))?;
    }
    Ok(stamped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            by: "Ana Lima".into(),
            date: parse_date("2026-11-24").unwrap(),
            interval: None,
        }
    }

    #[test]
    fn updates_in_place_and_keeps_comments() {
        let src = "---\n# who owns it\nowner: billing  # team\nlast_reviewed: '2024-01-01'   # old\nreviewer: Bo\n---\nbody\n";
        let out = stamp_text(src, &stamp()).unwrap();
        assert_eq!(out.text, "---\n# who owns it\nowner: billing  # team\nlast_reviewed: '2026-11-24'   # old\nreviewer: Ana Lima\n---\nbody\n");
        assert!(stamp_text(&out.text, &stamp()).map(|s| !s.changed).unwrap());
    }

    #[test]
    fn adds_keys_and_frontmatter() {
        let out = stamp_text("---\ntitle: x\n---\nbody", &stamp()).unwrap();
        assert_eq!(
            out.text,
            "---\ntitle: x\nverified_by: Ana Lima\nverified_at: 2026-11-24\n---\nbody"
        );
        let out = stamp_text("# Title\r\n\r\ntext\r\n", &stamp()).unwrap();
        assert_eq!(out.text, "---\r\nverified_by: Ana Lima\r\nverified_at: 2026-11-24\r\n---\r\n# Title\r\n\r\ntext\r\n");
    }

    #[test]
    fn sequences_block_scalars_and_ms_dates() {
        let src = "---\nms.date: 03/15/2024\nreviewed_by:\n  - a\n  - b\ntitle: t\n---\n";
        let out = stamp_text(src, &stamp()).unwrap();
        assert_eq!(
            out.text,
            "---\nms.date: 11/24/2026\nreviewed_by: Ana Lima\ntitle: t\n---\n"
        );
        let src = "---\nverified_by: [a, b] # two\nlast_verified: \"2025-01-01\"\n---\n";
        let out = stamp_text(src, &stamp()).unwrap();
        assert_eq!(
            out.text,
            "---\nverified_by: Ana Lima # two\nlast_verified: \"2026-11-24\"\n---\n"
        );
    }

    #[test]
    fn flow_mapping() {
        let src = "---\n{owner: a, reviewed: 2024-01-01}\n---\n";
        let out = stamp_text(
            src,
            &Stamp {
                interval: Some("90d".into()),
                ..stamp()
            },
        )
        .unwrap();
        assert_eq!(out.text, "---\n{owner: a, reviewed: 2026-11-24, verified_by: Ana Lima, review_interval: 90d}\n---\n");
    }

    #[test]
    fn refuses_broken_yaml() {
        assert!(stamp_text("---\ntitle: a: b\n---\n", &stamp()).is_err());
        assert!(stamp_text("---\ntitle: a\n", &stamp()).is_err());
        assert!(stamp_text("---\n- a\n---\n", &stamp()).is_err());
    }

    #[test]
    fn quotes_names_that_need_it() {
        let s = Stamp {
            by: "yes".into(),
            ..stamp()
        };
        let out = stamp_text("---\ntitle: x\n---\n", &s).unwrap();
        assert!(out.text.contains("verified_by: 'yes'\n"));
    }
}
