//! Reading claims out of an article: prose sentence by sentence, table cells with their
//! row label and column header.
//!
//! Grammar lives here; word lists live in `rules/claim-*.yml` (see [`super::model`]).
//! A value is not a claim when it sits in an example or hypothetical ("for example",
//! "if you were charged $10 twice", "you'd pay about $15"), a question, a quotation, a
//! comparison ("more than 10 users"), or names an old value ("up from 14 days").
//! Retired articles and changelogs make no claims; code never reaches prose.

use super::key::{W_CLAUSE, W_HEADING, W_LEAD_IN, W_SENTENCE, W_TITLE};
use super::model::{Model, WordInfo};
use super::normalize::{parse_number, stem};
use super::{Bound, Claim, Dim, Per, QClass, Quantity, Rel, Scope, Term, Value};
use crate::article::frontmatter::Lifecycle;
use crate::article::markdown::{BlockKind, Segment, CODE_MARK};
use crate::article::Article;
use crate::config::Settings;
use crate::diagnostic::Category;
use regex::Regex;
use std::ops::Range;
use std::sync::OnceLock;

/// Patterns of the value grammar (not data: the shapes of numbers, times, phones).
struct Grammar {
    email: Regex,
    url: Regex,
    phone: Regex,
    version: Regex,
    version_named: Regex,
    time_range: Regex,
    time_single: Regex,
    day_range: Regex,
    all_week: Regex,
    weekdays: Regex,
    weekends: Regex,
    percent: Regex,
}

fn grammar() -> &'static Grammar {
    static G: OnceLock<Grammar> = OnceLock::new();
    G.get_or_init(|| {
        // These patterns are constants checked by the unit tests below.
        #[allow(clippy::expect_used)]
        let re = |p: &str| Regex::new(p).expect("claim grammar pattern compiles");
        Grammar {
            email: re(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"),
            url: re(r"(?i)\b(?:https?://|www\.)[^\s)\]>]+"),
            phone: re(r"(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]\d{2,4}){1,4}\b|(?:\b1[ .-])?\(\d{3}\)[ .-]?\d{3}[ .-]\d{4}\b|\b(?:1[ .-])?\d{3}[.-]\d{3}[.-]\d{4}\b)"),
            version: re(r"(?i)\b(?:version|ver\.?|v)\s?(\d+(?:\.\d+){0,3})\b(\s+or\s+(?:later|newer|above|higher|greater)|\+)?"),
            version_named: re(r"\b([A-Za-z][\w-]*)\s+(\d+(?:\.\d+){0,3})(?:\s+or\s+(?:later|newer|above|higher|greater)\b|\+)"),
            time_range: re(r"(?i)\b(?:from\s+)?(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:–|—|-|to|until|till|through)\s*(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?"),
            time_single: re(r"(?i)\b(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)|\b([01]?\d|2[0-3]):([0-5]\d)\b"),
            day_range: re(r"(?i)\b(mon|tue|wed|thu|fri|sat|sun)([a-z]*)\.?\s*(?:–|—|-|to|through|thru|until)\s*(mon|tue|wed|thu|fri|sat|sun)([a-z]*)\b"),
            all_week: re(r"(?i)\b24\s?/\s?7\b|\b24\s?x\s?7\b|\baround the clock\b|\bround-the-clock\b|\b24 hours a day\b|\b(?:7|seven) days a week\b"),
            weekdays: re(r"(?i)\b(?:on\s+)?weekdays\b"),
            weekends: re(r"(?i)\b(?:on\s+|at\s+)?weekends?\b"),
            percent: re(r"(?:\b(\d+(?:\.\d+)?)\s?%?\s?(?:–|—|-|to)\s?(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b))|(?:\b(\d+(?:\.\d+)?)\s?(?:%|percent\b|per cent\b))"),
        }
    })
}

/// The money pattern, built from the currency words of the rule data.
pub(crate) fn money_pattern(currency_words: &[String]) -> Option<Regex> {
    let mut syms: Vec<String> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for w in currency_words {
        if w.chars().any(|c| c.is_alphabetic()) && !w.contains('$') {
            words.push(regex::escape(w));
        } else {
            syms.push(regex::escape(w));
        }
    }
    syms.sort_by_key(|s| std::cmp::Reverse(s.len()));
    words.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let num = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
    let sym = if syms.is_empty() {
        "\\$".to_string()
    } else {
        syms.join("|")
    };
    let word = if words.is_empty() {
        "USD".to_string()
    } else {
        words.join("|")
    };
    let p = format!(
        r"(?i)(?:(?P<sym>{sym})\s?(?P<n1>{num})|\b(?P<code>{word})\s?(?P<n2>{num})|\b(?P<n3>{num})\s?(?P<code2>{word})\b)(?:\s?(?P<mult>k|million|m|bn|billion)\b)?"
    );
    Regex::new(&p).ok()
}

/// Scope values per dimension.
type Dims = Vec<(Dim, Vec<String>)>;
/// A label of scope names before a colon: the first clause it scopes, and the names.
type LabelScope = Option<(u16, Dims)>;
/// A qualifier found in a sentence: byte span, first token, dimension, values.
type Qual = (Range<usize>, usize, Dim, Vec<String>);
/// Part of an opening-hours statement: span, days, hours, time zone.
type SchedPart = (Range<usize>, Option<u8>, Option<(u16, u16)>, Option<String>);
/// A version found in a sentence: span, number, "or later", the thing versioned.
type VersionHit = (Range<usize>, String, bool, Vec<(String, String)>);

#[derive(Debug, Clone, Copy, PartialEq)]
enum TK {
    Word,
    Num,
    Sym(char),
}

#[derive(Debug, Clone)]
struct Tok {
    s: usize,
    e: usize,
    kind: TK,
    num: f64,
    low: Range<usize>,
    cap: bool,
}

/// A sentence, tokenized, with clause numbers.
struct Sent<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    lower: String,
    clause: Vec<u16>,
    /// Clauses that end with a colon (a label for the next clause).
    colon_after: Vec<bool>,
    /// Byte spans of link text: names of other articles, weak evidence of the subject.
    weak: Vec<Range<usize>>,
    /// The instruction verb, when the sentence is an instruction ("Escalate within …").
    mood: Option<String>,
    /// Byte spans of every value read from the sentence: not subject words of others.
    values: Vec<Range<usize>>,
}

impl<'a> Sent<'a> {
    fn new(text: &'a str) -> Sent<'a> {
        let mut s = Sent {
            text,
            toks: Vec::new(),
            lower: String::new(),
            clause: Vec::new(),
            colon_after: Vec::new(),
            weak: Vec::new(),
            mood: None,
            values: Vec::new(),
        };
        s.tokenize();
        s.clauses();
        s
    }

    fn low(&self, i: usize) -> &str {
        &self.lower[self.toks[i].low.clone()]
    }

    fn word(&self, i: usize) -> Option<&str> {
        match self.toks.get(i) {
            Some(t) if t.kind == TK::Word => Some(self.low(i)),
            _ => None,
        }
    }

    fn is_sym(&self, i: usize, c: char) -> bool {
        matches!(self.toks.get(i), Some(t) if t.kind == TK::Sym(c))
    }

    fn tokenize(&mut self) {
        let text = self.text;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        self.lower.reserve(text.len());
        self.toks.reserve(text.len() / 4);
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if c.is_whitespace() {
                k += 1;
                continue;
            }
            if c.is_ascii_digit() {
                let mut j = k;
                while j < chars.len() {
                    let (_, d) = chars[j];
                    if d.is_ascii_digit() {
                        j += 1;
                    } else if d == ','
                        && j + 3 < chars.len() + 1
                        && (1..=3).all(|o| chars.get(j + o).is_some_and(|x| x.1.is_ascii_digit()))
                        && !chars.get(j + 4).is_some_and(|x| x.1.is_ascii_digit())
                    {
                        j += 4;
                    } else if d == '.' && chars.get(j + 1).is_some_and(|x| x.1.is_ascii_digit()) {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
                let n = parse_number(&text[i..end]).unwrap_or(f64::NAN);
                let lo = self.lower.len();
                self.lower.push_str(&text[i..end]);
                self.toks.push(Tok {
                    s: i,
                    e: end,
                    kind: TK::Num,
                    num: n,
                    low: lo..self.lower.len(),
                    cap: false,
                });
                k = j;
                continue;
            }
            if c.is_alphabetic() {
                let mut j = k + 1;
                while j < chars.len() {
                    let (_, d) = chars[j];
                    let next_alpha = chars.get(j + 1).is_some_and(|x| x.1.is_alphabetic());
                    let inner = (d == '\'' || d == '’' || d == '-') && next_alpha;
                    // "e.g", "a.m", "U.S": abbreviations stay one word.
                    let abbrev = d == '.'
                        && next_alpha
                        && (j - k <= 2 || chars.get(j + 2).is_some_and(|x| x.1 == '.'));
                    if d.is_alphanumeric() || inner || abbrev {
                        j += 1;
                    } else {
                        break;
                    }
                }
                let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
                let lo = self.lower.len();
                for ch in text[i..end].chars() {
                    match ch {
                        '’' => self.lower.push('\''),
                        ch if ch.is_ascii() => self.lower.push(ch.to_ascii_lowercase()),
                        ch => self.lower.extend(ch.to_lowercase()),
                    }
                }
                if matches!(&self.lower[lo..], "e-mail" | "e-mails") {
                    self.lower.remove(lo + 1);
                }
                self.toks.push(Tok {
                    s: i,
                    e: end,
                    kind: TK::Word,
                    num: 0.0,
                    low: lo..self.lower.len(),
                    cap: c.is_uppercase(),
                });
                k = j;
                continue;
            }
            let end = i + c.len_utf8();
            let lo = self.lower.len();
            self.lower.push(c);
            self.toks.push(Tok {
                s: i,
                e: end,
                kind: TK::Sym(c),
                num: 0.0,
                low: lo..self.lower.len(),
                cap: false,
            });
            k += 1;
        }
    }

    fn clauses(&mut self) {
        const CONJ: &[&str] = &[
            "and", "but", "so", "which", "while", "whereas", "or", "then", "though", "although",
            "because", "unless", "if", "where", "when", "since", "until", "once",
        ];
        const SUB: &[&str] = &[
            "if", "when", "whenever", "unless", "once", "after", "before", "while", "although",
            "though", "because", "since", "as", "until",
        ];
        let mut clause: u16 = 0;
        let mut first_word: Option<String> = None;
        let mut len = 0usize;
        self.colon_after = vec![false];
        for i in 0..self.toks.len() {
            // A conditional opens a clause of its own ("Escalate within 2 hours if …").
            if len > 0 && matches!(self.word(i), Some("if" | "unless")) {
                clause += 1;
                self.colon_after.push(false);
                first_word = None;
                len = 0;
            }
            self.clause.push(clause);
            len += 1;
            if first_word.is_none() {
                first_word = self.word(i).map(str::to_string);
            }
            let spaced = |t: &Tok| {
                t.s > 0 && self.text[..t.s].ends_with(' ') && self.text[t.e..].starts_with(' ')
            };
            let (boundary, label) = match self.toks[i].kind {
                TK::Sym(';') => (true, false),
                // "Storage: 10 GB" labels; "9:00" does not.
                TK::Sym(':') => (
                    self.text[self.toks[i].e..]
                        .chars()
                        .next()
                        .is_none_or(char::is_whitespace),
                    true,
                ),
                TK::Sym(',') => {
                    let next = self.word(i + 1).unwrap_or("");
                    (
                        CONJ.contains(&next)
                            || first_word.as_deref().is_some_and(|w| SUB.contains(&w)),
                        false,
                    )
                }
                // A spaced dash separates clauses ("Weekly — 52 paydays"); "9am–5pm",
                // "14-day" do not. A short first clause before it is a label.
                TK::Sym('-') | TK::Sym('–') | TK::Sym('—') => {
                    let b = spaced(&self.toks[i]);
                    (b, b && clause == 0 && len <= 6)
                }
                _ => (false, false),
            };
            if boundary {
                if let Some(last) = self.colon_after.last_mut() {
                    *last = label;
                }
                clause += 1;
                self.colon_after.push(false);
                first_word = None;
                len = 0;
            }
        }
    }

    /// Index of the first token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.s < b)
    }

    /// Index just past the last token ending at or before byte `b`.
    fn tok_end(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.e <= b)
    }

    fn in_weak(&self, tok: usize) -> bool {
        let t = &self.toks[tok];
        self.weak.iter().any(|w| w.start <= t.s && t.e <= w.end)
    }

    fn clause_of(&self, tok: usize) -> u16 {
        self.clause
            .get(tok)
            .or(self.clause.last())
            .copied()
            .unwrap_or(0)
    }
}

/// Splits segment text into sentence ranges.
fn sentences(text: &str) -> Vec<Range<usize>> {
    const ABBR: &[&str] = &[
        "e.g", "i.e", "etc", "vs", "approx", "a.m", "p.m", "no", "inc", "ltd", "co", "mr", "mrs",
        "ms", "dr", "st", "fig", "ext", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "min", "max", "sec", "hr", "hrs", "mins", "u.s", "u.k", "e.u",
        "approx", "est", "ca", "cf", "al", "dept",
    ];
    let mut out = Vec::new();
    let mut start = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if matches!(c, b'.' | b'!' | b'?') {
            let next = text[i + 1..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                let after = text[i + 1..].trim_start().chars().next();
                let word_before = text[..i]
                    .rsplit(|ch: char| ch.is_whitespace() || ch == '(')
                    .next()
                    .unwrap_or("")
                    .to_lowercase();
                let abbr = c == b'.' && ABBR.contains(&word_before.trim_start_matches(['(', '"']));
                let starts_new = after.is_none_or(|a| {
                    a.is_uppercase()
                        || a.is_ascii_digit()
                        || matches!(a, '"' | '“' | '(' | '[' | '*' | '$' | '€' | '£' | CODE_MARK)
                });
                if !abbr && starts_new {
                    out.push(start..i + 1);
                    start = i + 1;
                }
            }
        }
        i += 1;
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

#[derive(Debug, Clone)]
struct Found {
    toks: Range<usize>,
    range: Range<usize>,
    value: Value,
    /// Terms that name the value's own noun (counts) or thing (versions).
    noun: Vec<(String, String)>,
    /// Whether words before it can make it approximate, a comparison or a bound.
    prefix: bool,
    /// The noun phrase the grammar attaches the value to.
    head: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
struct Heading {
    level: u8,
    terms: Vec<(String, String)>,
    scope: Dims,
    example: bool,
    contrast: Vec<String>,
    purpose: Option<String>,
}

/// Context terms and scope that come from around a sentence (lead-in, table labels).
#[derive(Debug, Clone, Default)]
struct Around {
    /// Terms at `W_CLAUSE` (table labels).
    strong: Vec<(String, String)>,
    /// Terms at `W_LEAD_IN`.
    lead_in: Vec<(String, String)>,
    scope: Dims,
    table: Option<u32>,
    /// Words from labels that may make money a rate ("Monthly price").
    period: Option<(f64, f64)>,
    contrast: Vec<String>,
    purpose: Option<String>,
    /// Link text spans in the sentence.
    weak: Vec<Range<usize>>,
}

/// Labelled lists share the `table` id space with tables, above this.
const LIST_GROUPS: u32 = 1 << 20;

struct Extractor<'a> {
    article: &'a Article,
    model: &'a Model,
    base: Scope,
    product_words: Vec<String>,
    title: Vec<(String, String)>,
    title_purpose: Option<String>,
    headings: Vec<Heading>,
    lead_in: Option<Vec<(String, String)>>,
    sentence_id: u32,
    last_subject: Option<Vec<(String, String)>>,
    list_id: u32,
    claims: Vec<Claim>,
}

/// Whether any conflict rule is on for this article.
pub fn conflict_enabled(settings: &Settings) -> bool {
    crate::rules::REGISTRY
        .iter()
        .any(|r| r.meta.category == Category::Conflict && settings.severity(&r.meta).is_some())
}

/// Extracts the claims of one article.
pub fn extract(article: &Article, settings: &Settings, model: &Model) -> Vec<Claim> {
    if article.meta.lifecycle == Lifecycle::Retired
        || settings.roles.is_changelog
        || !conflict_enabled(settings)
    {
        return Vec::new();
    }
    if matches!(
        article.meta.doc_type.as_deref(),
        Some("changelog" | "release-notes" | "release notes" | "releasenotes" | "release_notes")
    ) {
        return Vec::new();
    }
    let mut x = Extractor::new(article, model);
    x.run();
    x.claims
}

impl<'a> Extractor<'a> {
    fn new(article: &'a Article, model: &'a Model) -> Extractor<'a> {
        let mut base = Scope::default();
        let mut product_words = Vec::new();
        for (k, vals) in &article.meta.scope {
            let Some(dim) = Dim::parse(k) else { continue };
            let vals: Vec<String> = vals
                .iter()
                .map(|v| match model.scope_name(v) {
                    Some((d, canon)) if *d == dim => canon.clone(),
                    _ => v.trim().to_lowercase(),
                })
                .collect();
            if dim == Dim::Product {
                for v in &vals {
                    product_words.extend(
                        v.split(|c: char| !c.is_alphanumeric())
                            .filter(|w| !w.is_empty())
                            .map(str::to_string),
                    );
                }
            }
            base.set(dim, vals);
        }
        let mut x = Extractor {
            article,
            model,
            base,
            product_words,
            title: Vec::new(),
            title_purpose: None,
            headings: Vec::new(),
            lead_in: None,
            sentence_id: 0,
            last_subject: None,
            list_id: 0,
            claims: Vec::new(),
        };
        let title = article
            .meta
            .title
            .clone()
            .or_else(|| {
                article
                    .md
                    .headings
                    .iter()
                    .find(|h| h.level == 1)
                    .map(|h| h.text.clone())
            })
            .unwrap_or_default();
        let s = Sent::new(&title);
        x.title = x.words_of(&s, 0..s.toks.len(), &[]);
        x.title_purpose = x.purpose_in(&s, 0..s.toks.len());
        x
    }

    fn run(&mut self) {
        let article = self.article;
        for seg in &article.md.prose {
            match seg.block {
                BlockKind::Heading(level) => {
                    self.heading(level, &seg.text);
                    continue;
                }
                BlockKind::TableHeader => continue,
                _ => {}
            }
            if seg.is_quoted() || self.headings.iter().any(|h| h.example) {
                continue;
            }
            if seg.block == BlockKind::TableCell {
                self.table_cell(seg);
                continue;
            }
            let in_list = seg.in_list || seg.block == BlockKind::ListItem;
            if !in_list {
                self.lead_in = None;
                self.list_id += 1;
            }
            self.prose(seg, in_list);
            if seg.text.trim_end().ends_with(':') {
                let masked = mask_directives(&seg.text);
                let s = Sent::new(masked.as_deref().unwrap_or(&seg.text).trim());
                self.lead_in = Some(self.words_of(&s, 0..s.toks.len(), &[]));
            }
        }
    }

    fn heading(&mut self, level: u8, text: &str) {
        while self.headings.last().is_some_and(|h| h.level >= level) {
            self.headings.pop();
        }
        let masked = mask_directives(text);
        let text = masked.as_deref().unwrap_or(text);
        let s = Sent::new(text);
        let quals = self.qualifiers(&s);
        let mut scope: Dims = Vec::new();
        if let Some(names) = self.all_scope_names(&s, 0..s.toks.len()) {
            scope = names;
        } else {
            for (_, _, d, v) in &quals {
                if !scope.iter().any(|(x, _)| x == d) {
                    scope.push((*d, v.clone()));
                }
            }
        }
        let spans: Vec<Range<usize>> = quals.iter().map(|q| q.0.clone()).collect();
        let terms = if level == 1 {
            Vec::new()
        } else {
            self.words_of(&s, 0..s.toks.len(), &spans)
        };
        let example = self.model.example_heading.iter().any(|r| r.is_match(text));
        let contrast = self.contrast_in(&s, 0..s.toks.len());
        let purpose = self.purpose_in(&s, 0..s.toks.len());
        self.headings.push(Heading {
            level,
            terms,
            scope,
            example,
            contrast,
            purpose,
        });
        self.lead_in = None;
    }

    /// When every word of `toks` is a scope name (ignoring "plan", "the", "and"), those.
    fn all_scope_names(&self, s: &Sent, toks: Range<usize>) -> Option<Dims> {
        let mut out: Dims = Vec::new();
        let mut any = false;
        for i in toks {
            match s.toks[i].kind {
                TK::Word => {
                    let w = s.low(i);
                    if matches!(
                        w,
                        "plan"
                            | "plans"
                            | "the"
                            | "and"
                            | "or"
                            | "tier"
                            | "edition"
                            | "customers"
                            | "only"
                    ) {
                        continue;
                    }
                    let (d, v) = self.model.scope_name(w)?;
                    if !s.toks[i].cap && *d == Dim::Plan {
                        return None;
                    }
                    any = true;
                    match out.iter_mut().find(|(x, _)| x == d) {
                        Some((_, vals)) => vals.push(v.clone()),
                        None => out.push((*d, vec![v.clone()])),
                    }
                }
                TK::Sym(',') | TK::Sym('/') | TK::Sym('*') | TK::Sym('&') => {}
                _ => return None,
            }
        }
        any.then_some(out)
    }

    fn prose(&mut self, seg: &Segment, in_list: bool) {
        let links = link_spans(seg);
        let masked = mask_directives(&seg.text);
        let text_all: &str = masked.as_deref().unwrap_or(&seg.text);
        let ranges = sentences(text_all);
        for r in ranges {
            let text = &text_all[r.clone()];
            self.sentence_id += 1;
            let mut around = Around::default();
            if in_list {
                if let Some(l) = &self.lead_in {
                    around.lead_in = l.clone();
                }
            }
            // Items of one list ("Weekly — 52 paydays", "Free: 1 GB", "The Calendar
            // folder (six months)") are rows of a table: they never conflict.
            if in_list {
                around.table = Some(LIST_GROUPS + self.list_id);
            }
            around.weak = links
                .iter()
                .filter(|l| l.start < r.end && r.start < l.end)
                .map(|l| l.start.max(r.start) - r.start..l.end.min(r.end) - r.start)
                .collect();
            let found = self.sentence(text, &around);
            self.push_claims(seg, r.start, found);
        }
    }

    fn table_cell(&mut self, seg: &Segment) {
        let Some(cell) = &seg.cell else { return };
        if cell.col == 0 {
            return;
        }
        self.sentence_id += 1;
        let mut around = Around {
            table: Some(cell.table),
            ..Default::default()
        };
        let mut labels: Vec<String> = Vec::new();
        for label in [&cell.row_label, &cell.header] {
            let s = Sent::new(label);
            if let Some(names) = self.all_scope_names(&s, 0..s.toks.len()) {
                for (d, v) in names {
                    around.scope.retain(|(x, _)| *x != d);
                    around.scope.push((d, v));
                }
                continue;
            }
            let quals = self.qualifiers(&s);
            for (_, _, d, v) in &quals {
                around.scope.retain(|(x, _)| x != d);
                around.scope.push((*d, v.clone()));
            }
            let spans: Vec<Range<usize>> = quals.iter().map(|q| q.0.clone()).collect();
            around
                .strong
                .extend(self.words_of(&s, 0..s.toks.len(), &spans));
            around
                .contrast
                .extend(self.contrast_in(&s, 0..s.toks.len()));
            if around.purpose.is_none() {
                around.purpose = self.purpose_in(&s, 0..s.toks.len());
            }
            for i in 0..s.toks.len() {
                if let Some(p) = s.word(i).and_then(|w| self.model.word(w).period) {
                    around.period = Some(p);
                }
            }
            labels.push(label.clone());
        }
        let text = seg.text.trim();
        let mut found = self.sentence(text, &around);
        if found.is_empty() {
            let offset = seg.text.find(text).unwrap_or(0);
            found = self.bare_cell(text, &labels, &around);
            self.push_claims_at(seg, offset, found);
            return;
        }
        let offset = seg.text.find(text).unwrap_or(0);
        self.push_claims_at(seg, offset, std::mem::take(&mut found));
    }

    /// A cell that is only a number ("3") or yes/no: the row label or column header says
    /// what it counts.
    fn bare_cell(&mut self, text: &str, labels: &[String], around: &Around) -> Vec<Pending> {
        let lower = text
            .trim_matches(|c: char| c == '*' || c.is_whitespace())
            .to_lowercase();
        let Some(label) = labels.iter().find(|l| !l.trim().is_empty()) else {
            return Vec::new();
        };
        let polarity = match lower.as_str() {
            "yes" | "included" | "available" | "✓" | "✔" | "✅" | "supported" => Some(true),
            "no" | "not included" | "not available" | "unavailable" | "✗" | "✘" | "❌"
            | "not supported" => Some(false),
            _ => None,
        };
        if let Some(positive) = polarity {
            let mut terms = around.strong.clone();
            // A yes/no cell is a policy only in a plan or region matrix.
            if terms.is_empty() || around.scope.is_empty() {
                return Vec::new();
            }
            terms.dedup();
            let class = if terms.len() == 1 && terms[0].0 == "refund" {
                "refund"
            } else {
                "availability"
            };
            return vec![Pending {
                range: 0..text.len(),
                value: Value::Polarity {
                    class: class.to_string(),
                    positive,
                },
                shown: text.to_string(),
                terms: weighted(&terms, W_CLAUSE),
                key_words: terms.iter().map(|t| t.1.clone()).collect(),
                scope: around.scope.clone(),
                contrast: around.contrast.clone(),
                purpose: None,
                table: around.table,
                head: Vec::new(),
                mood: None,
            }];
        }
        let Some(n) = parse_number(lower.trim_end_matches('+')) else {
            return Vec::new();
        };
        // Read "3 included users" as a count.
        let synthetic = format!("{} {}", lower, label.to_lowercase());
        let s = Sent::new(&synthetic);
        let Some(mut f) = self.count_at(&s, 0, n) else {
            return Vec::new();
        };
        // The label must name a countable thing ("Included users", "Bank connections"),
        // not a measure ("Quantity", "Amount").
        let counted = match &f.value {
            Value::Quantity(Quantity {
                class: QClass::Count { head, .. },
                ..
            }) => f
                .noun
                .iter()
                .find(|(st, _)| st == head)
                .map(|(_, w)| w.clone()),
            _ => None,
        };
        if counted.is_none_or(|w| self.model.word(&w).generic) {
            return Vec::new();
        }
        if lower.ends_with('+') {
            if let Value::Quantity(q) = &mut f.value {
                q.bound = Bound::AtLeast;
            }
        }
        let mut terms = around.strong.clone();
        terms.extend(f.noun.iter().cloned());
        vec![Pending {
            range: 0..text.len(),
            value: f.value,
            shown: text.to_string(),
            terms: weighted(&terms, W_CLAUSE),
            key_words: terms.iter().map(|t| t.1.clone()).collect(),
            scope: around.scope.clone(),
            contrast: around.contrast.clone(),
            purpose: None,
            table: around.table,
            head: Vec::new(),
            mood: None,
        }]
    }

    fn push_claims(&mut self, seg: &Segment, offset: usize, found: Vec<Pending>) {
        self.push_claims_at(seg, offset, found)
    }

    fn push_claims_at(&mut self, seg: &Segment, offset: usize, found: Vec<Pending>) {
        for p in found {
            let range = seg.source_range(offset + p.range.start..offset + p.range.end);
            let position = self.article.position(range);
            let mut terms = p.terms;
            // Section context.
            let heading = self.headings.iter().rev().find(|h| h.level > 1);
            if let Some(h) = heading {
                add_terms(&mut terms, &h.terms, W_HEADING);
            }
            add_terms(&mut terms, &self.title, W_TITLE);
            terms.sort_by(|a, b| a.stem.cmp(&b.stem));
            let mut scope = self.base.clone();
            for h in &self.headings {
                for (d, v) in &h.scope {
                    scope.set(*d, v.clone());
                }
            }
            for (d, v) in &p.scope {
                scope.set(*d, v.clone());
            }
            let mut value = p.value;
            if let Value::Quantity(q) = &mut value {
                if let QClass::Money(_) = q.class {
                    // Billing period is the price's period, not a scope.
                    if q.per.is_none() {
                        q.per = match scope
                            .get(Dim::Billing)
                            .map(|v| v.first().map(String::as_str))
                        {
                            Some(Some("annual")) => Some(Per::Period(31536000.0, 31622400.0)),
                            Some(Some("monthly")) => Some(Per::Period(2419200.0, 2678400.0)),
                            _ => None,
                        };
                    }
                    scope.remove(Dim::Billing);
                }
            }
            let mut contrast = p.contrast;
            if let Some(h) = heading {
                for c in &h.contrast {
                    let g = c.split(':').next().unwrap_or("");
                    if !contrast.iter().any(|x| x.split(':').next() == Some(g)) {
                        contrast.push(c.clone());
                    }
                }
            }
            contrast.sort();
            contrast.dedup();
            let purpose = match value {
                Value::Phone { .. } | Value::Email(_) => p
                    .purpose
                    .or_else(|| heading.and_then(|h| h.purpose.clone()))
                    .or_else(|| self.title_purpose.clone()),
                _ => None,
            };
            let mut key: Vec<String> = Vec::new();
            for w in p.key_words {
                if !key.contains(&w) {
                    key.push(w);
                }
            }
            if key.is_empty() {
                if let Some(h) = heading {
                    key.extend(h.terms.iter().map(|t| t.1.clone()));
                }
            }
            key.truncate(4);
            self.claims.push(Claim {
                value,
                shown: p.shown,
                terms,
                key: key.join(" "),
                scope,
                purpose,
                contrast,
                head: p.head,
                mood: p.mood,
                position,
                sentence: self.sentence_id,
                table: p.table,
            });
        }
    }

    // ---------------------------------------------------------------- words

    fn is_product_word(&self, w: &str) -> bool {
        self.product_words.iter().any(|p| p == w)
    }

    /// Content words of `toks` as (stem, surface), skipping stop and generic words,
    /// scope names, units, numbers and the byte spans in `skip`.
    fn words_of(
        &self,
        s: &Sent,
        toks: Range<usize>,
        skip: &[Range<usize>],
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut i = toks.start;
        while i < toks.end {
            let t = &s.toks[i];
            if t.kind != TK::Word || skip.iter().any(|r| r.start <= t.s && t.e <= r.end) {
                i += 1;
                continue;
            }
            // Two-word synonyms first ("team member", "money back").
            if i + 1 < toks.end
                && s.toks[i + 1].kind == TK::Word
                && self.model.starts_phrase(s.low(i))
            {
                let pair = format!("{} {}", s.low(i), s.low(i + 1));
                if let Some(syn) = self.model.word(&pair).synonym.clone() {
                    out.push((stem(&syn), pair));
                    i += 2;
                    continue;
                }
            }
            let w = s.low(i);
            self.word_terms(w, t.cap, &mut out);
            i += 1;
        }
        out
    }

    fn word_terms(&self, w: &str, cap: bool, out: &mut Vec<(String, String)>) {
        let info = self.model.word(w);
        if info.stop || self.is_product_word(w) {
            return;
        }
        if let Some(syn) = &info.synonym {
            out.push((stem(syn), w.to_string()));
            return;
        }
        if skip_word(&info) || w.len() < 2 {
            return;
        }
        if cap {
            if let Some((d, _)) = self.model.scope_name(w) {
                if matches!(d, Dim::Plan | Dim::Region) {
                    return;
                }
            }
        }
        if cap
            && self
                .model
                .timezones
                .keys()
                .any(|z| z.eq_ignore_ascii_case(w))
        {
            return;
        }
        if w.contains('-') && !self.model.has_phrase(w) {
            for part in w.split('-').filter(|p| p.len() > 1) {
                self.word_terms(part, false, out);
            }
            return;
        }
        out.push((stem(w), w.to_string()));
    }

    fn contrast_in(&self, s: &Sent, toks: Range<usize>) -> Vec<String> {
        let mut out = Vec::new();
        for i in toks {
            if s.in_weak(i) {
                continue;
            }
            // Numbers naming things ("32-bit", "Exchange 2016", "v2") tell facts apart.
            let t = &s.toks[i];
            if t.kind == TK::Num && !s.values.iter().any(|v| v.start <= t.s && t.e <= v.end) {
                let named = s
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| n.s == t.e && n.kind == TK::Sym('-'))
                    || (i > 0 && s.toks[i - 1].kind == TK::Word && s.toks[i - 1].cap)
                    || (t.num >= 1990.0 && t.num <= 2100.0 && !s.low(i).contains(['.', ',']));
                if named {
                    out.push(format!("number:{}", s.low(i)));
                }
            }
            if let Some(w) = s.word(i) {
                if let Some(g) = &self.model.word(w).contrast {
                    let member = self
                        .model
                        .word(w)
                        .synonym
                        .clone()
                        .unwrap_or_else(|| stem(w));
                    out.push(format!("{g}:{member}"));
                }
                if w.contains('-') {
                    for part in w.split('-') {
                        if let Some(g) = &self.model.word(part).contrast {
                            out.push(format!("{g}:{}", stem(part)));
                        }
                    }
                }
            }
        }
        out
    }

    fn purpose_in(&self, s: &Sent, toks: Range<usize>) -> Option<String> {
        let mut i = toks.start;
        while i < toks.end {
            if let Some(w) = s.word(i) {
                if i + 1 < toks.end {
                    if let Some(w2) = s.word(i + 1) {
                        if let Some(p) = &self.model.word(&format!("{w} {w2}")).purpose {
                            return Some(p.clone());
                        }
                    }
                }
                if let Some(p) = &self.model.word(w).purpose {
                    return Some(p.clone());
                }
            }
            i += 1;
        }
        None
    }

    // ---------------------------------------------------------------- qualifiers

    /// Scope qualifiers in a sentence: (byte span, start token, dimension, values).
    fn qualifiers(&self, s: &Sent) -> Vec<Qual> {
        let mut out: Vec<Qual> = Vec::new();
        let hits: Vec<usize> = match &self.model.qualifier_set {
            Some(set) => set.matches(s.text).into_iter().collect(),
            None => (0..self.model.qualifiers.len()).collect(),
        };
        for q in hits.iter().filter_map(|&i| self.model.qualifiers.get(i)) {
            for c in q.regex.captures_iter(s.text) {
                let Some(m) = c.get(0) else { continue };
                if c.name("neg").is_some() {
                    continue;
                }
                let mut found: Vec<(Dim, String)> = Vec::new();
                if let Some((d, v)) = &q.fixed {
                    found.push((*d, v.clone()));
                }
                if let Some(name) = c.name("name") {
                    for part in split_names(name.as_str()) {
                        if let Some((d, v)) = self.model.scope_name(part) {
                            found.push((*d, v.clone()));
                        }
                    }
                }
                if found.is_empty() {
                    continue;
                }
                let span = m.range();
                let tok = s.tok_at(span.start);
                let mut dims: Dims = Vec::new();
                for (d, v) in found {
                    match dims.iter_mut().find(|(x, _)| *x == d) {
                        Some((_, vals)) => vals.push(v),
                        None => dims.push((d, vec![v])),
                    }
                }
                for (d, vals) in dims {
                    // Two phrasings may see the same words ("on the Pro plan", "Pro plan").
                    if let Some(existing) = out
                        .iter_mut()
                        .find(|(r, _, x, _)| *x == d && r.start < span.end && span.start < r.end)
                    {
                        if span.len() > existing.0.len() {
                            *existing = (span.clone(), tok, d, vals);
                        }
                        continue;
                    }
                    out.push((span.clone(), tok, d, vals));
                }
            }
        }
        // "every plan, including Free": one plan list.
        out.sort_by_key(|q| q.0.start);
        out
    }

    /// The scope a value at token `tok` gets from the sentence's qualifiers: per
    /// dimension, the nearest qualifier in the same clause, else the nearest before it.
    fn scope_at(&self, s: &Sent, quals: &[Qual], tok: usize) -> Dims {
        let clause = s.clause_of(tok);
        let mut out: Dims = Vec::new();
        let dims: Vec<Dim> = {
            let mut d: Vec<Dim> = quals.iter().map(|q| q.2).collect();
            d.sort();
            d.dedup();
            d
        };
        for d in dims {
            let of_dim: Vec<&Qual> = quals.iter().filter(|q| q.2 == d).collect();
            let same: Vec<&&Qual> = of_dim
                .iter()
                .filter(|q| s.clause_of(q.1) == clause)
                .collect();
            // Several qualifiers of one kind close together ("every plan, including Free").
            let pick: Vec<String> = if !same.is_empty() {
                let nearest = same
                    .iter()
                    .min_by_key(|q| q.1.abs_diff(tok))
                    .map(|q| q.1)
                    .unwrap_or(0);
                same.iter()
                    .filter(|q| q.1.abs_diff(nearest) <= 4)
                    .flat_map(|q| q.3.clone())
                    .collect()
            } else if let Some(q) = of_dim.iter().filter(|q| q.1 <= tok).max_by_key(|q| q.1) {
                q.3.clone()
            } else if of_dim.len() == 1 {
                of_dim[0].3.clone()
            } else {
                continue;
            };
            out.push((d, pick));
        }
        out
    }

    // ---------------------------------------------------------------- sentences

    fn sentence(&mut self, text: &str, around: &Around) -> Vec<Pending> {
        let t = text.trim();
        if t.is_empty()
            || t.ends_with('?')
            || !self.model.may_state_value(t)
            || self.model.example.iter().any(|r| r.is_match(t))
        {
            return Vec::new();
        }
        let mut s = Sent::new(text);
        if s.toks.is_empty() {
            return Vec::new();
        }
        s.weak = around.weak.clone();
        let mut found = self.values(&s);
        // Most sentences state nothing checkable: stop before the costlier analysis.
        if found.is_empty()
            && !(0..s.toks.len()).any(|i| self.predicate_at(&s, i).is_some())
            && !self.model.timing.iter().any(|(r, _)| r.is_match(text))
        {
            return Vec::new();
        }
        s.mood = self.mood(&s);
        let quals = self.qualifiers(&s);
        let qual_spans: Vec<Range<usize>> = quals.iter().map(|q| q.0.clone()).collect();
        // A label of scope names before a colon ("Free: 1 GB", "Pro: within 8 hours").
        let mut label_scope: LabelScope = None;
        if let Some(colon) = (0..s.toks.len()).find(|&i| s.is_sym(i, ':')) {
            if let Some(names) = self.all_scope_names(&s, 0..colon) {
                label_scope = Some((s.clause_of(colon) + 1, names));
            }
        }
        let quotes = quote_spans(text);
        s.values = found.iter().map(|f| f.range.clone()).collect();
        // A sentence with three or more quantities is arithmetic or a worked example
        // ("an invoice of INR 30,000 at 2% gives INR 600").
        if found
            .iter()
            .filter(|f| matches!(f.value, Value::Quantity(_)))
            .count()
            >= 3
        {
            found.retain(|f| !matches!(f.value, Value::Quantity(_)));
        }
        let mut out = Vec::new();
        for f in found {
            if quotes
                .iter()
                .any(|q| q.start <= f.range.start && f.range.end <= q.end)
            {
                continue;
            }
            let Some(f) = self.filter(&s, f) else {
                continue;
            };
            out.push(self.pending(&s, f, around, &quals, &qual_spans, &label_scope));
        }
        let polar = self.polarity(&s, around, &quals, &qual_spans, &label_scope);
        out.extend(polar);
        out.extend(self.timing(&s, around, &quals, &qual_spans, &label_scope));
        out
    }

    fn pending(
        &self,
        s: &Sent,
        f: Found,
        around: &Around,
        quals: &[Qual],
        qual_spans: &[Range<usize>],
        label_scope: &LabelScope,
    ) -> Pending {
        let clause = s.clause_of(f.toks.start);
        let mut skip: Vec<Range<usize>> = qual_spans.to_vec();
        skip.push(f.range.clone());
        skip.extend(s.weak.iter().cloned());
        skip.extend(s.values.iter().cloned());
        let mut terms: Vec<Term> = Vec::new();
        let mut key_words: Vec<String> = Vec::new();
        // Own clause (and a label clause ending with a colon just before it).
        let label_clause = (clause > 0
            && s.colon_after
                .get(clause as usize - 1)
                .copied()
                .unwrap_or(false))
        .then(|| clause - 1);
        let mut own: Vec<(String, String)> = f.noun.clone();
        let mut rest: Vec<(String, String)> = Vec::new();
        for c in 0..=s.clause.last().copied().unwrap_or(0) {
            let toks: Vec<usize> = (0..s.toks.len()).filter(|&i| s.clause[i] == c).collect();
            let (Some(&a), Some(&b)) = (toks.first(), toks.last()) else {
                continue;
            };
            let words = self.words_of(s, a..b + 1, &skip);
            if c == clause || Some(c) == label_clause {
                own.extend(words);
            } else {
                rest.extend(words);
            }
        }
        for (st, su) in &own {
            key_words.push(su.clone());
            add_word(&mut terms, st, su, W_CLAUSE);
        }
        for (st, su) in &rest {
            add_word(&mut terms, st, su, W_SENTENCE);
        }
        for w in &s.weak {
            let toks = s.tok_at(w.start)..s.tok_end(w.end);
            for (st, su) in self.words_of(s, toks, qual_spans) {
                add_word(&mut terms, &st, &su, W_SENTENCE);
            }
        }
        for (st, su) in &around.strong {
            key_words.push(su.clone());
            add_word(&mut terms, st, su, W_CLAUSE);
        }
        for (st, su) in &around.lead_in {
            if own.is_empty() {
                key_words.push(su.clone());
            }
            add_word(&mut terms, st, su, W_LEAD_IN);
        }
        // Scope: table labels, a label before a colon, then the sentence's qualifiers.
        let mut scope = around.scope.clone();
        if let Some((c, names)) = label_scope {
            if clause >= *c {
                for (d, v) in names {
                    scope.retain(|(x, _)| x != d);
                    scope.push((*d, v.clone()));
                }
            }
        }
        for (d, v) in self.scope_at(s, quals, f.toks.start) {
            scope.retain(|(x, _)| *x != d);
            scope.push((d, v));
        }
        // Contrast words of the clause (and table labels).
        let ctoks: Vec<usize> = (0..s.toks.len())
            .filter(|&i| s.clause[i] == clause || Some(s.clause[i]) == label_clause)
            .collect();
        let mut contrast = match (ctoks.first(), ctoks.last()) {
            (Some(&a), Some(&b)) => self.contrast_in(s, a..b + 1),
            _ => Vec::new(),
        };
        contrast.extend(around.contrast.iter().cloned());
        // Purpose of a contact point: the address itself, words before it, labels.
        let purpose = match &f.value {
            Value::Email(e) => {
                let local = e.split('@').next().unwrap_or("");
                self.model
                    .word(local)
                    .purpose
                    .clone()
                    .or_else(|| self.purpose_in(s, 0..f.toks.start))
                    .or_else(|| around.purpose.clone())
            }
            Value::Phone { .. } => self
                .purpose_in(s, 0..f.toks.start)
                .or_else(|| around.purpose.clone()),
            _ => None,
        };
        let head = self.head_of(s, &f, around, qual_spans);
        let mut value = f.value;
        if let Value::Quantity(q) = &mut value {
            if matches!(q.class, QClass::Money(_) | QClass::Percent) && q.per.is_none() {
                q.per = around.period.map(|(a, b)| Per::Period(a, b));
            }
            // An amount of money not attached to a noun ("$15 chargeback fee") is a price.
            if matches!(q.class, QClass::Money(_)) && head.is_empty() {
                add_word(&mut terms, &stem("price"), "price", W_CLAUSE);
                key_words.push("price".to_string());
            }
        }
        let mut head: Vec<String> = head.into_iter().map(|h| h.0).collect();
        head.sort();
        head.dedup();
        Pending {
            head,
            mood: s.mood.clone(),
            range: f.range.clone(),
            value,
            shown: s.text[f.range.clone()].trim().to_string(),
            terms,
            key_words,
            scope,
            contrast,
            purpose,
            table: around.table,
        }
    }

    /// Drops values that are not claims and applies bounds written before them.
    fn filter(&self, s: &Sent, mut f: Found) -> Option<Found> {
        let start = f.toks.start;
        // Hypothetical: inside a conditional clause, or in a clause with "would".
        let clause = s.clause_of(start);
        for i in (0..start).rev() {
            if matches!(s.toks[i].kind, TK::Sym(',') | TK::Sym(';') | TK::Sym('—'))
                || s.word(i) == Some("then")
            {
                break;
            }
            if s.word(i).is_some_and(|w| self.model.word(w).conditional) {
                return None;
            }
        }
        for i in 0..s.toks.len() {
            if s.clause[i] == clause && s.word(i).is_some_and(|w| self.model.word(w).hypothetical) {
                return None;
            }
        }
        if !f.prefix {
            return Some(f);
        }
        if start > 0 && s.is_sym(start - 1, '~') {
            return None;
        }
        // Words right before the value: one, two or three of them.
        let mut bound = None;
        for n in 1..=3.min(start) {
            let words: Option<Vec<&str>> = (start - n..start).map(|i| s.word(i)).collect();
            let Some(words) = words else { break };
            let phrase = words.join(" ");
            let info = self.model.word(&phrase);
            if info.approx || info.comparative || info.change {
                return None;
            }
            if info.max_bound {
                bound = Some(Bound::AtMost);
            } else if info.min_bound {
                bound = Some(Bound::AtLeast);
            }
        }
        // "Starter storage increased from 5 GB to 10 GB": the first is the old value.
        if start > 0 && s.word(start - 1) == Some("from") {
            let rest = &s.text[f.range.end..];
            if rest.trim_start().starts_with("to ")
                && (0..start).any(|i| s.word(i).is_some_and(is_change_verb))
            {
                return None;
            }
        }
        if let (Some(b), Value::Quantity(q)) = (bound, &mut f.value) {
            if q.bound == Bound::Exact {
                q.bound = b;
            }
        }
        Some(f)
    }

    // ---------------------------------------------------------------- values

    fn values(&self, s: &Sent) -> Vec<Found> {
        let g = grammar();
        let text = s.text;
        let mut found: Vec<Found> = Vec::new();
        let mut taken: Vec<Range<usize>> = Vec::new();
        let free = |taken: &Vec<Range<usize>>, r: &Range<usize>| {
            !taken.iter().any(|t| t.start < r.end && r.start < t.end)
        };
        let digits = text.bytes().any(|b| b.is_ascii_digit());
        if text.contains("://") || text.contains("www.") {
            for m in g.url.find_iter(text) {
                taken.push(m.range());
            }
        }
        let emails = if text.contains('@') {
            g.email.find_iter(text).collect()
        } else {
            Vec::new()
        };
        for m in emails {
            let r = m.range();
            if !free(&taken, &r) {
                continue;
            }
            let domain = m.as_str().rsplit('@').next().unwrap_or("").to_lowercase();
            let name = domain.split('.').next().unwrap_or("");
            if self.model.word(name).example_domain || self.model.word(&domain).example_domain {
                taken.push(r);
                continue;
            }
            taken.push(r.clone());
            found.push(self.found(s, r, Value::Email(m.as_str().to_lowercase()), false));
        }
        let phones = if digits {
            g.phone.find_iter(text).collect()
        } else {
            Vec::new()
        };
        for m in phones {
            let r = m.range();
            let digits: String = m.as_str().chars().filter(char::is_ascii_digit).collect();
            if !free(&taken, &r) || !(7..=15).contains(&digits.len()) {
                continue;
            }
            let international =
                m.as_str().starts_with('+') || (digits.len() == 11 && digits.starts_with('1'));
            taken.push(r.clone());
            found.push(self.found(
                s,
                r,
                Value::Phone {
                    digits,
                    international,
                },
                false,
            ));
        }
        if digits {
            self.versions(s, &mut found, &mut taken);
        }
        self.schedules(s, &mut found, &mut taken);
        if digits {
            self.money(s, &mut found, &mut taken);
        }
        let percents = if digits {
            g.percent.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for c in percents {
            let Some(m) = c.get(0) else { continue };
            let r = m.range();
            if !free(&taken, &r) {
                continue;
            }
            let (lo, hi, bound) = match (c.get(1), c.get(2), c.get(3)) {
                (Some(a), Some(b), _) => (
                    parse_number(a.as_str()),
                    parse_number(b.as_str()),
                    Bound::Range,
                ),
                (_, _, Some(n)) => (
                    parse_number(n.as_str()),
                    parse_number(n.as_str()),
                    Bound::Exact,
                ),
                _ => continue,
            };
            let (Some(lo), Some(hi)) = (lo, hi) else {
                continue;
            };
            let (per, end) = self.period_after(s, r.end);
            let r = r.start..end.max(r.end);
            taken.push(r.clone());
            let q = Quantity {
                class: QClass::Percent,
                lo: (lo, lo),
                hi: (hi, hi),
                bound,
                per,
                rel: Rel::None,
            };
            found.push(self.found(s, r, Value::Quantity(q), true));
        }
        self.numbers(s, &mut found, &mut taken);
        found.sort_by_key(|f| f.range.start);
        found
    }

    fn found(&self, s: &Sent, range: Range<usize>, value: Value, prefix: bool) -> Found {
        let toks = s.tok_at(range.start)..s.tok_end(range.end).max(s.tok_at(range.start) + 1);
        Found {
            toks,
            range,
            value,
            noun: Vec::new(),
            prefix,
            head: Vec::new(),
        }
    }

    fn versions(&self, s: &Sent, found: &mut Vec<Found>, taken: &mut Vec<Range<usize>>) {
        let g = grammar();
        let text = s.text;
        let mut hits: Vec<VersionHit> = Vec::new();
        for c in g.version.captures_iter(text) {
            let (Some(m), Some(v)) = (c.get(0), c.get(1)) else {
                continue;
            };
            let or_later = c.get(2).is_some();
            // A version without "or later" names a build; only minimums are requirements.
            if !or_later {
                continue;
            }
            // The thing: "… of the iOS app" after it, else the words right before it.
            let after = &text[m.end()..];
            let mut thing = Vec::new();
            if let Some(rest) = after.trim_start().strip_prefix("of ") {
                let rest = rest.trim_start().strip_prefix("the ").unwrap_or(rest);
                let sub = Sent::new(rest);
                for i in 0..sub.toks.len().min(4) {
                    match sub.word(i) {
                        Some(w) if !self.model.word(w).stop => {
                            if !self.is_product_word(w) {
                                thing.push((stem(w), w.to_string()));
                            }
                        }
                        _ => break,
                    }
                }
            }
            if thing.is_empty() {
                let t0 = s.tok_at(m.start());
                let mut i = t0;
                while i > 0 && thing.len() < 2 {
                    i -= 1;
                    match s.word(i) {
                        Some(w)
                            if !self.model.word(w).stop && !self.model.word(w).generic
                                || w == "app" =>
                        {
                            if !self.is_product_word(w) {
                                thing.insert(0, (stem(w), w.to_string()));
                            }
                        }
                        _ => break,
                    }
                }
            }
            hits.push((m.range(), v.as_str().to_string(), or_later, thing));
        }
        for c in g.version_named.captures_iter(text) {
            let (Some(m), Some(name), Some(v)) = (c.get(0), c.get(1), c.get(2)) else {
                continue;
            };
            let nl = name.as_str().to_lowercase();
            if hits
                .iter()
                .any(|h| h.0.start < m.end() && m.start() < h.0.end)
                || matches!(nl.as_str(), "version" | "ver" | "v")
            {
                continue;
            }
            let info = self.model.word(&nl);
            if info.unit.is_some() || info.stop {
                continue;
            }
            hits.push((
                m.range(),
                v.as_str().to_string(),
                true,
                vec![(stem(&nl), nl)],
            ));
        }
        for (r, v, or_later, thing) in hits {
            if taken.iter().any(|t| t.start < r.end && r.start < t.end) {
                continue;
            }
            let mut parts: Vec<u32> = v.split('.').filter_map(|p| p.parse().ok()).collect();
            while parts.len() > 1 && parts.last() == Some(&0) {
                parts.pop();
            }
            let mut stems: Vec<String> = thing.iter().map(|t| t.0.clone()).collect();
            stems.sort();
            stems.dedup();
            taken.push(r.clone());
            let mut f = self.found(
                s,
                r,
                Value::Version {
                    parts,
                    or_later,
                    thing: stems,
                },
                false,
            );
            f.noun = thing;
            found.push(f);
        }
    }

    fn schedules(&self, s: &Sent, found: &mut Vec<Found>, taken: &mut Vec<Range<usize>>) {
        let g = grammar();
        let text = s.text;
        // Parts: (range, days, hours, tz).
        let mut parts: Vec<SchedPart> = Vec::new();
        for m in g.all_week.find_iter(text) {
            parts.push((m.range(), Some(0x7f), Some((0, 1440)), None));
        }
        let overlaps = |parts: &Vec<SchedPart>, r: &Range<usize>| {
            parts.iter().any(|p| p.0.start < r.end && r.start < p.0.end)
        };
        let digits = text.bytes().any(|b| b.is_ascii_digit());
        let ranges: Vec<regex::Captures> = if digits {
            g.time_range.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for c in ranges {
            let Some(m) = c.get(0) else { continue };
            let r = m.range();
            if overlaps(&parts, &r) {
                continue;
            }
            let num = |i: usize| c.get(i).and_then(|x| x.as_str().parse::<u16>().ok());
            let mer = |i: usize| c.get(i).map(|x| x.as_str().to_lowercase().starts_with('p'));
            let (Some(h1), Some(h2)) = (num(1), num(4)) else {
                continue;
            };
            let (m1, m2) = (num(2), num(5));
            let (p1, p2) = (mer(3), mer(6));
            if p1.is_none() && p2.is_none() && (m1.is_none() || m2.is_none()) {
                continue;
            }
            // "9–5pm": the first time takes the second's meridiem when it fits.
            let p1 = p1.or(match p2 {
                Some(true) if h1 <= h2 && h1 != 12 => Some(true),
                Some(true) => Some(false),
                other => other,
            });
            let to24 = |h: u16, pm: Option<bool>| match pm {
                Some(true) if h < 12 => h + 12,
                Some(false) if h == 12 => 0,
                _ => h,
            };
            let a = to24(h1, p1) * 60 + m1.unwrap_or(0);
            let b = to24(h2, p2) * 60 + m2.unwrap_or(0);
            if a >= 24 * 60 || b > 24 * 60 || h1 > 24 || h2 > 24 {
                continue;
            }
            let (tz, end) = self.timezone_after(text, r.end);
            parts.push((r.start..end, None, Some((a, b)), tz));
        }
        for c in g.day_range.captures_iter(text) {
            let Some(m) = c.get(0) else { continue };
            let (Some(d1), Some(d2)) = (day_index(&c[1], &c[2]), day_index(&c[3], &c[4])) else {
                continue;
            };
            let mut mask = 0u8;
            let mut d = d1;
            loop {
                mask |= 1 << d;
                if d == d2 {
                    break;
                }
                d = (d + 1) % 7;
            }
            if !overlaps(&parts, &m.range()) {
                parts.push((m.range(), Some(mask), None, None));
            }
        }
        let has_hours = parts.iter().any(|p| p.2.is_some()) || !parts.is_empty();
        for m in g.weekdays.find_iter(text) {
            if has_hours && !overlaps(&parts, &m.range()) {
                parts.push((m.range(), Some(0x1f), None, None));
            }
        }
        for m in g.weekends.find_iter(text) {
            let before = text[..m.start()].trim_end().to_lowercase();
            if before.ends_with("including")
                || before.ends_with("even")
                || overlaps(&parts, &m.range())
                || parts.is_empty()
            {
                continue;
            }
            parts.push((m.range(), Some(0x60), None, None));
        }
        // Single times with a zone ("before 2 p.m. Eastern").
        let singles: Vec<regex::Captures> = if digits {
            g.time_single.captures_iter(text).collect()
        } else {
            Vec::new()
        };
        for c in singles {
            let Some(m) = c.get(0) else { continue };
            if overlaps(&parts, &m.range())
                || taken.iter().any(|t| t.start < m.end() && m.start() < t.end)
            {
                continue;
            }
            let (h, mi, pm) = match (c.get(1), c.get(4)) {
                (Some(h), _) => (
                    h.as_str().parse::<u16>().unwrap_or(99),
                    c.get(2)
                        .and_then(|x| x.as_str().parse::<u16>().ok())
                        .unwrap_or(0),
                    c.get(3).map(|x| x.as_str().to_lowercase().starts_with('p')),
                ),
                (None, Some(h)) => (
                    h.as_str().parse::<u16>().unwrap_or(99),
                    c.get(5)
                        .and_then(|x| x.as_str().parse::<u16>().ok())
                        .unwrap_or(0),
                    None,
                ),
                _ => continue,
            };
            if h > 23 || mi > 59 {
                continue;
            }
            let h24 = match pm {
                Some(true) if h < 12 => h + 12,
                Some(false) if h == 12 => 0,
                _ => h,
            };
            let (tz, end) = self.timezone_after(text, m.end());
            if tz.is_none() {
                continue;
            }
            let r = m.start()..end;
            taken.push(r.clone());
            found.push(self.found(
                s,
                r,
                Value::Time {
                    minute: h24 * 60 + mi,
                    tz,
                },
                false,
            ));
        }
        if parts.is_empty() {
            return;
        }
        parts.sort_by_key(|p| p.0.start);
        // Assemble: parts of one clause join into one schedule, unless they repeat a field.
        let mut cur: Option<(SchedPart, u16)> = None;
        let mut out: Vec<SchedPart> = Vec::new();
        for (r, days, hours, tz) in parts {
            let clause = s.clause_of(s.tok_at(r.start));
            let join = match &cur {
                Some((c, cl)) => {
                    *cl == clause
                        && (days.is_none() || c.1.is_none())
                        && (hours.is_none() || c.2.is_none())
                }
                None => false,
            };
            if join {
                if let Some((c, _)) = cur.as_mut() {
                    c.0 = c.0.start.min(r.start)..c.0.end.max(r.end);
                    c.1 = c.1.or(days);
                    c.2 = c.2.or(hours);
                    c.3 = c.3.clone().or(tz);
                }
            } else {
                if let Some((c, _)) = cur.take() {
                    out.push(c);
                }
                cur = Some(((r, days, hours, tz), clause));
            }
        }
        if let Some((c, _)) = cur {
            out.push(c);
        }
        for (r, days, hours, tz) in out {
            if taken.iter().any(|t| t.start < r.end && r.start < t.end) {
                continue;
            }
            taken.push(r.clone());
            found.push(self.found(s, r, Value::Schedule { days, hours, tz }, false));
        }
    }

    /// A time zone written right after byte `at`: (canonical, end byte).
    fn timezone_after(&self, text: &str, at: usize) -> (Option<String>, usize) {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', '(']);
        let skipped = rest.len() - trimmed.len();
        let mut best: Option<(&String, usize)> = None;
        for (name, canon) in &self.model.timezones {
            if trimmed.starts_with(name.as_str()) {
                let after = trimmed[name.len()..].chars().next();
                if after.is_none_or(|c| !c.is_alphanumeric())
                    && best.is_none_or(|b| name.len() > b.1)
                {
                    best = Some((canon, name.len()));
                }
            }
        }
        match best {
            Some((canon, len)) => (Some(canon.clone()), at + skipped + len),
            None => (None, at),
        }
    }

    fn money(&self, s: &Sent, found: &mut Vec<Found>, taken: &mut Vec<Range<usize>>) {
        let Some(re) = &self.model.money else { return };
        for c in re.captures_iter(s.text) {
            let Some(m) = c.get(0) else { continue };
            let r = m.range();
            if taken.iter().any(|t| t.start < r.end && r.start < t.end) {
                continue;
            }
            let (cur, num) = match (
                c.name("sym"),
                c.name("n1"),
                c.name("code"),
                c.name("n2"),
                c.name("n3"),
                c.name("code2"),
            ) {
                (Some(sy), Some(n), ..) => (sy.as_str(), n.as_str()),
                (_, _, Some(co), Some(n), ..) => (co.as_str(), n.as_str()),
                (.., Some(n), Some(co)) => (co.as_str(), n.as_str()),
                _ => continue,
            };
            let Some(code) = self.model.word(&cur.to_lowercase()).currency.clone() else {
                continue;
            };
            // "$A$2", "US$5x": part of a formula or a name.
            let before = s.text[..r.start].chars().next_back();
            let after = s.text[r.end..].chars().next();
            if before.is_some_and(|ch| ch.is_alphanumeric() || ch == '$')
                || after.is_some_and(|ch| ch.is_alphabetic() || ch == '$')
            {
                continue;
            }
            let Some(mut n) = parse_number(num) else {
                continue;
            };
            n *= match c.name("mult").map(|x| x.as_str().to_lowercase()) {
                Some(x) if x == "k" => 1e3,
                Some(x) if x == "m" || x == "million" => 1e6,
                Some(x) if x == "bn" || x == "billion" => 1e9,
                _ => 1.0,
            };
            let cents = (n * 100.0).round();
            let (per, end) = self.period_after(s, r.end);
            let r = r.start..end.max(r.end);
            taken.push(r.clone());
            let q = Quantity {
                class: QClass::Money(code),
                lo: (cents, cents),
                hi: (cents, cents),
                bound: Bound::Exact,
                per,
                rel: Rel::None,
            };
            found.push(self.found(s, r, Value::Quantity(q), true));
        }
    }

    /// A rate denominator written right after byte `at` ("/month", "per month", "a year",
    /// "monthly", "per user"): the denominator and the byte where it ends.
    fn period_after(&self, s: &Sent, at: usize) -> (Option<Per>, usize) {
        let i = s.tok_at(at);
        let word = |k: usize| s.word(k);
        // "/mo", "/month", "/user"
        if s.is_sym(i, '/') {
            if let Some(w) = word(i + 1) {
                let info = self.model.word(w);
                if let Some(p) = self.period_of(&info) {
                    return (Some(p), s.toks[i + 1].e);
                }
                return (Some(Per::Item(stem(w))), s.toks[i + 1].e);
            }
        }
        // Phrases: "billed annually", "a month", "per month", "monthly", "per user".
        for n in (1..=3).rev() {
            let ws: Option<Vec<&str>> = (i..i + n).map(word).collect();
            let Some(ws) = ws else { continue };
            let phrase = ws.join(" ");
            let info = self.model.word(&phrase);
            if let Some((a, b)) = info.period {
                return (Some(Per::Period(a, b)), s.toks[i + n - 1].e);
            }
        }
        if let (Some(p), Some(w)) = (word(i), word(i + 1)) {
            if matches!(p, "per" | "a" | "an" | "each" | "every") {
                let info = self.model.word(w);
                if let Some(per) = self.period_of(&info) {
                    return (Some(per), s.toks[i + 1].e);
                }
                if p == "per" && !info.stop {
                    return (Some(Per::Item(stem(w))), s.toks[i + 1].e);
                }
            }
        }
        (None, at)
    }

    fn period_of(&self, info: &WordInfo) -> Option<Per> {
        if let Some((a, b)) = info.period {
            return Some(Per::Period(a, b));
        }
        match &info.unit {
            Some(u) if u.family == "duration" => Some(Per::Period(u.size.0, u.size.1)),
            _ => None,
        }
    }

    /// Numbers with units (durations, sizes), frequencies and counts.
    fn numbers(&self, s: &Sent, found: &mut Vec<Found>, taken: &mut Vec<Range<usize>>) {
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let t = &s.toks[i];
            if taken.iter().any(|r| r.start < t.e && t.s < r.end) {
                i += 1;
                continue;
            }
            let value = match t.kind {
                TK::Num => Some(t.num),
                TK::Word => {
                    let w = s.low(i);
                    let info = self.model.word(w);
                    if let Some(v) = info.number {
                        Some(v)
                    } else if ((w == "a" || w == "an")
                        && s.word(i + 1).is_some_and(|u| {
                            self.model.word(u).unit.is_some()
                                && u != "second"
                                && u != "min"
                                && u != "h"
                        }))
                        || w == "once"
                        || w == "twice"
                    {
                        Some(1.0)
                    } else {
                        None
                    }
                }
                _ => None,
            };
            let Some(v) = value.filter(|v| v.is_finite()) else {
                i += 1;
                continue;
            };
            if let Some(f) = self.number_at(s, i, v) {
                let next = f.toks.end.max(i + 1);
                taken.push(f.range.clone());
                found.push(f);
                i = next;
            } else {
                i += 1;
            }
        }
    }

    fn number_at(&self, s: &Sent, i: usize, v: f64) -> Option<Found> {
        let t = &s.toks[i];
        // Identifiers and dates: "step 3", "Net 30", "HTTP 429", "March 31", "2024".
        if i > 0 {
            if let Some(p) = s.word(i - 1) {
                let info = self.model.word(p);
                if info.label_noun
                    || info.date_word
                    || (s.toks[i - 1].cap
                        && i - 1 > 0
                        && !info.stop
                        && !info.approx
                        && !info.max_bound
                        && !info.min_bound
                        && self.model.word(p).number.is_none())
                {
                    return None;
                }
            }
            if s.is_sym(i - 1, '#') || s.is_sym(i - 1, '.') && t.kind == TK::Num {
                return None;
            }
        }
        if t.kind == TK::Num {
            // "W-2s", "15th", "2x": a number glued to letters is a name, not a count.
            let glued_before = i > 0
                && s.toks[i - 1].e == t.s
                && s.toks[i - 1].kind != TK::Sym('$')
                && matches!(s.toks[i - 1].kind, TK::Sym('-') | TK::Word);
            let glued_after = s.toks.get(i + 1).is_some_and(|n| {
                n.s == t.e && n.kind == TK::Word && self.model.word(s.low(i + 1)).unit.is_none()
            });
            if glued_before || glued_after {
                return None;
            }
            let raw = s.low(i);
            if raw.len() == 4
                && (1900.0..=2100.0).contains(&v)
                && !raw.contains(',')
                && !raw.contains('.')
            {
                return None;
            }
            if s.is_sym(i + 1, ':')
                || s.is_sym(i + 1, '.') && s.toks.get(i + 2).is_some_and(|x| x.kind == TK::Num)
            {
                return None;
            }
        }
        // Frequency: "every 6 hours", "once a day", "3 times a week".
        let prev = if i > 0 { s.word(i - 1) } else { None };
        let mut j = i + 1;
        // Range: "3–5", "3 to 5", "60 to 75", "2 or 3", "a day or two".
        let mut hi = v;
        let mut range = false;
        if s.is_sym(j, '–')
            || s.is_sym(j, '-')
            || s.is_sym(j, '—')
            || matches!(s.word(j), Some("to" | "through" | "or" | "and"))
        {
            let k = j + 1;
            let second = match s.toks.get(k) {
                Some(x) if x.kind == TK::Num => Some(x.num),
                Some(x) if x.kind == TK::Word => self.model.word(s.low(k)).number,
                _ => None,
            };
            if let Some(h) = second.filter(|h| *h > v) {
                if s.word(j) == Some("or") {
                    // "2 or 3 days": an estimate, not a statement of the value.
                    return None;
                }
                if s.word(j) != Some("and") || prev == Some("between") {
                    hi = h;
                    range = true;
                    j = k + 1;
                }
            }
        }
        // Compound adjective "14-day".
        let mut compound = false;
        if s.is_sym(j, '-') {
            j += 1;
            compound = true;
        }
        // Units, longest phrase first.
        for len in (1..=3).rev() {
            let ws: Option<Vec<&str>> = (j..j + len).map(|k| s.word(k)).collect();
            let Some(ws) = ws else { continue };
            let info = self.model.word(&ws.join(" "));
            let Some(unit) = info.unit.clone() else {
                continue;
            };
            let end_tok = j + len;
            // "a day or two": an estimate.
            if !range
                && matches!(s.word(end_tok), Some("or"))
                && s.word(end_tok + 1)
                    .and_then(|w| self.model.word(w).number)
                    .is_some()
            {
                return None;
            }
            let class = match unit.family.as_str() {
                "business-day" => QClass::BusinessDays,
                "business-hour" => QClass::BusinessHours,
                "data" => QClass::Data,
                _ => QClass::Duration,
            };
            let mut lo = (v * unit.size.0, v * unit.size.1);
            let mut hiv = (hi * unit.size.0, hi * unit.size.1);
            // "1 hour 4 minutes", "2 days and 6 hours": one duration.
            let mut end_tok = end_tok;
            if !range && !compound {
                loop {
                    let mut k = end_tok;
                    if matches!(s.word(k), Some("and")) || s.is_sym(k, ',') {
                        k += 1;
                    }
                    let Some(t2) = s.toks.get(k).filter(|t| t.kind == TK::Num) else {
                        break;
                    };
                    let Some(u2) = s.word(k + 1).and_then(|w| self.model.word(w).unit.clone())
                    else {
                        break;
                    };
                    if u2.family != unit.family || u2.size.1 >= unit.size.0 {
                        break;
                    }
                    lo = (lo.0 + t2.num * u2.size.0, lo.1 + t2.num * u2.size.1);
                    hiv = lo;
                    end_tok = k + 2;
                }
            }
            let frequency = prev == Some("every") && class == QClass::Duration;
            let rel = match s.word(end_tok) {
                _ if compound => Rel::None,
                Some("before") | Some("prior") | Some("ahead") => Rel::Before,
                Some("after") | Some("later") => Rel::After,
                _ => Rel::None,
            };
            let q = Quantity {
                class: if frequency {
                    QClass::Frequency
                } else {
                    class.clone()
                },
                lo,
                hi: hiv,
                bound: if range { Bound::Range } else { Bound::Exact },
                per: None,
                rel,
            };
            let start_tok = if frequency { i - 1 } else { i };
            let end = s.toks[end_tok - 1].e;
            let start = s.toks[start_tok].s;
            // "14-day grace period", "50 GB of file storage": the noun it qualifies.
            let head = if compound {
                self.np_after(s, end_tok)
            } else if s.word(end_tok) == Some("of") && class == QClass::Data {
                self.np_after(s, end_tok + 1)
            } else {
                Vec::new()
            };
            let mut f = Found {
                toks: start_tok..end_tok,
                range: start..end,
                value: Value::Quantity(q),
                noun: Vec::new(),
                prefix: !frequency,
                head,
            };
            if f.range.end > f.range.start {
                if let Value::Quantity(q) = &mut f.value {
                    if q.class == QClass::Duration || q.class == QClass::Data {
                        let (per, e) = self.period_after(s, end);
                        if let Some(Per::Period(..)) = per {
                            q.per = per;
                            f.range.end = e;
                            f.toks.end = s.tok_end(e);
                        }
                    }
                }
            }
            return Some(f);
        }
        // "once a day", "twice a week", "3 times a month".
        if matches!(s.word(i), Some("once" | "twice")) || s.word(j) == Some("times") {
            let (times, k) = match s.word(i) {
                Some("once") => (1.0, i + 1),
                Some("twice") => (2.0, i + 1),
                _ => (v, j + 1),
            };
            if matches!(s.word(k), Some("a" | "an" | "per" | "each" | "every")) {
                if let Some(u) = s
                    .word(k + 1)
                    .and_then(|w| self.model.word(w).unit.clone())
                    .filter(|u| u.family == "duration")
                {
                    let every = (u.size.0 / times, u.size.1 / times);
                    let q = Quantity {
                        class: QClass::Frequency,
                        lo: every,
                        hi: every,
                        bound: Bound::Exact,
                        per: None,
                        rel: Rel::None,
                    };
                    let range = s.toks[i].s..s.toks[k + 1].e;
                    return Some(Found {
                        toks: i..k + 2,
                        range,
                        value: Value::Quantity(q),
                        noun: Vec::new(),
                        prefix: false,
                        head: Vec::new(),
                    });
                }
            }
            return None;
        }
        if range || compound {
            return None;
        }
        self.count_at(s, i, v).filter(|_| {
            !(s.word(i) == Some("one")
                && prev.is_some_and(|p| {
                    matches!(
                        p,
                        "in" | "at"
                            | "on"
                            | "the"
                            | "this"
                            | "that"
                            | "any"
                            | "no"
                            | "every"
                            | "each"
                    )
                }))
        })
    }

    /// A count: the number and the noun after it ("3 users", "100 receipt scans a month").
    fn count_at(&self, s: &Sent, i: usize, v: f64) -> Option<Found> {
        let mut j = i + 1;
        let mut atleast = false;
        if s.is_sym(j, '+') {
            atleast = true;
            j += 1;
        }
        let mut noun: Vec<(String, String)> = Vec::new();
        let mut head: Option<String> = None;
        let mut k = j;
        while k < s.toks.len() && k < j + 3 {
            let Some(w) = s.word(k) else { break };
            let info = self.model.word(w);
            if info.stop
                || info.unit.is_some()
                || info.date_word
                || info.number.is_some()
                || info.period.is_some()
                || info.currency.is_some()
                || self.is_product_word(w)
            {
                break;
            }
            // A proper noun is a name, not a counted thing ("500 Internal Server Error").
            if k == j && s.toks[k].cap && i > 0 {
                return None;
            }
            let st = info
                .synonym
                .clone()
                .map(|x| stem(&x))
                .unwrap_or_else(|| stem(w));
            head = Some(st.clone());
            if !info.generic || info.synonym.is_some() {
                noun.push((st, w.to_string()));
            }
            k += 1;
        }
        let head = head?;
        // "20 respectively": an adverb is not a counted thing.
        if s.low(k - 1).ends_with("ly") {
            return None;
        }
        // "1099 forms", "2553406 Description": long numbers written without separators
        // are codes; a count of a thousand or more is written "1,000".
        if s.toks[i].kind == TK::Num && v >= 1000.0 && !s.low(i).contains(',') {
            return None;
        }
        if noun.is_empty() {
            noun.push((head.clone(), s.low(k - 1).to_string()));
        }
        let end_tok = k;
        let mut end = s.toks[end_tok - 1].e;
        let (per, e) = self.period_after(s, end);
        let per = match per {
            Some(Per::Item(item)) => {
                noun.push((item, String::new()));
                end = e;
                Some(Per::Item(stem(
                    s.word(s.tok_end(e).saturating_sub(1)).unwrap_or(""),
                )))
            }
            Some(p) => {
                end = e;
                Some(p)
            }
            None => None,
        };
        let per = match per {
            Some(Per::Item(_)) => None,
            p => p,
        };
        let mut nouns: Vec<String> = noun.iter().map(|n| n.0.clone()).collect();
        nouns.sort();
        nouns.dedup();
        let q = Quantity {
            class: QClass::Count { head, noun: nouns },
            lo: (v, v),
            hi: (v, v),
            bound: if atleast {
                Bound::AtLeast
            } else {
                Bound::Exact
            },
            per,
            rel: Rel::None,
        };
        let start = s.toks[i].s;
        let noun = noun.into_iter().filter(|n| !n.1.is_empty()).collect();
        Some(Found {
            toks: i..s.tok_end(end).max(end_tok),
            range: start..end,
            value: Value::Quantity(q),
            noun,
            prefix: true,
            head: Vec::new(),
        })
    }

    // ---------------------------------------------------------------- heads

    /// A noun phrase starting at token `k`: up to three words before a stop word.
    fn np_after(&self, s: &Sent, mut k: usize) -> Vec<(String, String)> {
        while matches!(
            s.word(k),
            Some("the" | "your" | "a" | "an" | "our" | "their")
        ) {
            k += 1;
        }
        let mut out = Vec::new();
        let mut n = 0;
        while n < 3 {
            let Some(w) = s.word(k) else { break };
            let info = self.model.word(w);
            if info.stop
                || info.unit.is_some()
                || info.number.is_some()
                || info.period.is_some()
                || info.date_word
            {
                break;
            }
            let mut words = Vec::new();
            self.word_terms(w, s.toks[k].cap, &mut words);
            out.extend(words);
            k += 1;
            n += 1;
        }
        out
    }

    /// The noun phrase ending just before token `k` ("an *extension* of 7 days").
    fn np_before(&self, s: &Sent, k: usize) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut i = k;
        while i > 0 && out.len() < 3 {
            i -= 1;
            let Some(w) = s.word(i) else { break };
            let info = self.model.word(w);
            if info.stop || info.unit.is_some() || info.number.is_some() {
                break;
            }
            let mut words = Vec::new();
            self.word_terms(w, s.toks[i].cap && i > 0, &mut words);
            for x in words.into_iter().rev() {
                out.insert(0, x);
            }
        }
        out
    }

    /// What the value is attached to: a compound ("14-day grace period"), "X of N",
    /// a noun right after a price or percentage ("$15 chargeback fee"), or the subject
    /// before a linking verb ("the default late fee is 1.5%").
    fn head_of(
        &self,
        s: &Sent,
        f: &Found,
        around: &Around,
        qual_spans: &[Range<usize>],
    ) -> Vec<(String, String)> {
        if !f.head.is_empty() {
            return f.head.clone();
        }
        let is_money_or_pct = matches!(&f.value, Value::Quantity(q) if matches!(q.class, QClass::Money(_) | QClass::Percent));
        match &f.value {
            Value::Quantity(q) if matches!(q.class, QClass::Count { .. }) => return Vec::new(),
            Value::Phone { .. } | Value::Email(_) | Value::Polarity { .. } => return Vec::new(),
            _ => {}
        }
        if around.table.is_some() && around.table.is_some_and(|t| t < LIST_GROUPS) {
            return around.strong.clone();
        }
        // "X of N", skipping "up to".
        let mut k = f.toks.start;
        while k > 0
            && s.word(k - 1)
                .is_some_and(|w| matches!(w, "up" | "to" | "a" | "an" | "maximum" | "minimum"))
        {
            k -= 1;
        }
        if k > 0 && s.word(k - 1) == Some("of") {
            let np = self.np_before(s, k - 1);
            if !np.is_empty() {
                return np;
            }
        }
        if is_money_or_pct {
            let np = self.np_after(s, f.toks.end);
            if !np.is_empty() {
                return np;
            }
        }
        // The subject before "is"/"can be"/"will" in the value's clause.
        const AUX: &[&str] = &[
            "is", "are", "was", "were", "can", "will", "may", "must", "should", "shall", "cannot",
            "can't", "won't", "isn't", "aren't", "does", "do",
        ];
        let clause = s.clause_of(f.toks.start);
        let first = (0..s.toks.len())
            .find(|&i| s.clause[i] == clause)
            .unwrap_or(0);
        if let Some(aux) =
            (first..f.toks.start).find(|&i| s.word(i).is_some_and(|w| AUX.contains(&w)))
        {
            let np = self.words_of(s, first..aux, qual_spans);
            if !np.is_empty() && np.len() <= 4 {
                return np;
            }
        }
        Vec::new()
    }

    /// The instruction verb when the sentence starts with one ("Escalate within 2 hours").
    fn mood(&self, s: &Sent) -> Option<String> {
        let w = s.word(0)?;
        if !s.toks[0].cap || !self.model.word(w).instruction {
            return None;
        }
        let next_ok = match s.toks.get(1) {
            Some(t) if t.kind == TK::Word => {
                let n = s.low(1);
                self.model.word(n).stop || self.model.word(n).max_bound
            }
            Some(_) => true,
            None => false,
        };
        next_ok.then(|| stem(w))
    }

    // ---------------------------------------------------------------- yes/no and timing

    fn polarity(
        &mut self,
        s: &Sent,
        around: &Around,
        quals: &[Qual],
        qual_spans: &[Range<usize>],
        label_scope: &LabelScope,
    ) -> Vec<Pending> {
        let mut out = Vec::new();
        let n = s.toks.len();
        let mut i = 0;
        while i < n {
            let Some((class, positive, len)) = self.predicate_at(s, i) else {
                i += 1;
                continue;
            };
            let clause = s.clause_of(i);
            let first = (0..n).find(|&k| s.clause[k] == clause).unwrap_or(0);
            let verb = matches!(s.word(i), Some("works" | "work" | "comes" | "come"));
            // A predicate adjective needs a linking verb shortly before it.
            let mut copula = None;
            if !verb {
                for k in (first..i).rev().take(4) {
                    if let Some(w) = s.word(k) {
                        if self.model.word(w).copula
                            || w == "be"
                            || w == "it's"
                            || w == "they're"
                            || w == "that's"
                        {
                            copula = Some(k);
                            break;
                        }
                    }
                }
                if copula.is_none() {
                    i += len;
                    continue;
                }
            }
            let subject_end = copula.unwrap_or(i);
            // "the wizard that's included in …": a relative clause describes a noun.
            let relative = s
                .word(subject_end)
                .is_some_and(|w| matches!(w, "that's" | "which's" | "who's"))
                || (subject_end > first
                    && s.word(subject_end - 1)
                        .is_some_and(|w| matches!(w, "that" | "which" | "who")));
            if relative {
                i += len;
                continue;
            }
            let mut negated = false;
            for k in first.max(i.saturating_sub(5))..i {
                if s.word(k).is_some_and(|w| self.model.word(w).negation) {
                    negated = true;
                }
            }
            let positive = positive != negated;
            // Hypotheticals.
            let hypothetical = (first..i).any(|k| {
                s.word(k).is_some_and(|w| {
                    self.model.word(w).conditional || self.model.word(w).hypothetical
                })
            });
            if hypothetical {
                i += len;
                continue;
            }
            let mut subject = self.words_of(s, first..subject_end, qual_spans);
            subject.retain(|(st, _)| st != "avail");
            let pronoun = s.word(first).is_some_and(|w| {
                matches!(
                    w,
                    "it" | "they" | "this" | "these" | "it's" | "they're" | "that"
                )
            });
            if subject.is_empty() && pronoun {
                if let Some(prev) = &self.last_subject {
                    subject = prev.clone();
                }
            }
            let mut class = class;
            if subject.is_empty() && class == "refund" {
                subject.push(("refund".to_string(), "refunds".to_string()));
            }
            if subject.is_empty() {
                i += len;
                continue;
            }
            if subject.iter().all(|(st, _)| st == "refund") {
                class = "refund".to_string();
            }
            self.last_subject = Some(subject.clone());
            let range = s.toks[i].s..s.toks[i + len - 1].e;
            let mut scope = around.scope.clone();
            if let Some((c, names)) = label_scope {
                if clause >= *c {
                    scope.extend(names.iter().cloned());
                }
            }
            for (d, v) in self.scope_at(s, quals, i) {
                scope.retain(|(x, _)| *x != d);
                scope.push((d, v));
            }
            let mut terms = weighted(&subject, W_CLAUSE);
            add_terms(&mut terms, &around.strong, W_CLAUSE);
            let contrast = self.contrast_in(s, first..i + len);
            out.push(Pending {
                range,
                value: Value::Polarity { class, positive },
                shown: s.text[s.toks[subject_end.min(i)].s..s.toks[i + len - 1].e].to_string(),
                terms,
                key_words: subject.iter().map(|t| t.1.clone()).collect(),
                scope,
                contrast,
                purpose: None,
                table: around.table,
                head: Vec::new(),
                mood: s.mood.clone(),
            });
            i += len;
        }
        out
    }

    /// A yes/no predicate starting at token `i`: (class, positive, length in tokens).
    fn predicate_at(&self, s: &Sent, i: usize) -> Option<(String, bool, usize)> {
        let first = s.word(i)?;
        if !self.model.starts_phrase(first) {
            return self
                .model
                .word(first)
                .predicate
                .clone()
                .map(|(c, p)| (c, p, 1));
        }
        for len in (1..=4).rev() {
            let ws: Option<Vec<&str>> = (i..i + len).map(|k| s.word(k)).collect();
            let Some(ws) = ws else { continue };
            if let Some((class, pos)) = &self.model.word(&ws.join(" ")).predicate {
                return Some((class.clone(), *pos, len));
            }
        }
        None
    }

    fn timing(
        &self,
        s: &Sent,
        around: &Around,
        quals: &[Qual],
        qual_spans: &[Range<usize>],
        label_scope: &LabelScope,
    ) -> Vec<Pending> {
        let mut out = Vec::new();
        for (re, canon) in &self.model.timing {
            for m in re.find_iter(s.text) {
                let t0 = s.tok_at(m.start());
                let clause = s.clause_of(t0);
                let toks: Vec<usize> = (0..s.toks.len())
                    .filter(|&k| s.clause[k] == clause)
                    .collect();
                let (Some(&a), Some(&b)) = (toks.first(), toks.last()) else {
                    continue;
                };
                if !(a..b + 1).any(|k| {
                    s.word(k).is_some_and(|w| self.model.word(w).timing_verb)
                        || (k < b
                            && s.word(k).zip(s.word(k + 1)).is_some_and(|(x, y)| {
                                self.model.word(&format!("{x} {y}")).timing_verb
                            }))
                }) {
                    continue;
                }
                let f = Found {
                    toks: t0..s.tok_end(m.end()),
                    range: m.range(),
                    value: Value::Timing(canon.clone()),
                    noun: Vec::new(),
                    prefix: false,
                    head: Vec::new(),
                };
                let Some(f) = self.filter(s, f) else { continue };
                let mut p = self.pending(s, f, around, quals, qual_spans, label_scope);
                // Only the words before the timing phrase say what takes effect.
                let subject = self.words_of(s, a..t0, qual_spans);
                if subject.is_empty() {
                    continue;
                }
                p.terms = weighted(&subject, W_CLAUSE);
                p.key_words = subject.iter().map(|t| t.1.clone()).collect();
                out.push(p);
            }
        }
        out
    }
}

/// A claim before its section context is added.
#[derive(Debug, Clone)]
struct Pending {
    range: Range<usize>,
    value: Value,
    shown: String,
    terms: Vec<Term>,
    key_words: Vec<String>,
    scope: Dims,
    contrast: Vec<String>,
    purpose: Option<String>,
    table: Option<u32>,
    head: Vec<String>,
    mood: Option<String>,
}

fn skip_word(info: &WordInfo) -> bool {
    info.generic
        || info.date_word
        || info.unit.is_some()
        || info.number.is_some()
        || info.period.is_some()
        || info.currency.is_some()
}

fn is_change_verb(w: &str) -> bool {
    matches!(
        w,
        "increased"
            | "increase"
            | "increases"
            | "raised"
            | "raise"
            | "went"
            | "changed"
            | "change"
            | "reduced"
            | "decreased"
            | "cut"
            | "dropped"
            | "moved"
            | "lowered"
            | "grew"
            | "rose"
            | "fell"
    )
}

fn add_word(terms: &mut Vec<Term>, stem: &str, word: &str, weight: f32) {
    if stem.is_empty() {
        return;
    }
    match terms.iter_mut().find(|t| t.stem == stem) {
        Some(t) => {
            t.weight = t.weight.max(weight);
            if t.word == t.stem && !word.is_empty() {
                t.word = word.to_string();
            }
        }
        None => terms.push(Term {
            stem: stem.to_string(),
            word: if word.is_empty() {
                stem.to_string()
            } else {
                word.to_string()
            },
            weight,
        }),
    }
}

fn add_terms(terms: &mut Vec<Term>, words: &[(String, String)], weight: f32) {
    for (st, w) in words {
        add_word(terms, st, w, weight);
    }
}

fn weighted(words: &[(String, String)], weight: f32) -> Vec<Term> {
    let mut out = Vec::new();
    add_terms(&mut out, words, weight);
    out
}

fn split_names(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for a in s.split(", ") {
        for b in a.split(" and ") {
            for c in b.split(" or ") {
                for d in c.split('/') {
                    let d = d.trim();
                    if !d.is_empty() {
                        out.push(d);
                    }
                }
            }
        }
    }
    out
}

fn day_index(prefix: &str, rest: &str) -> Option<u8> {
    let p = prefix.to_lowercase();
    let full = format!("{p}{}", rest.to_lowercase());
    const DAYS: [(&str, &str); 7] = [
        ("mon", "monday"),
        ("tue", "tuesday"),
        ("wed", "wednesday"),
        ("thu", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    ];
    let i = DAYS.iter().position(|(a, _)| *a == p)?;
    let (_, name) = DAYS[i];
    let ok = full == p
        || name.starts_with(&full)
        || full == format!("{p}s")
        || (p == "thu" && (full == "thur" || full == "thurs"))
        || (p == "tue" && full == "tues");
    ok.then_some(i as u8)
}

/// Blanks out Microsoft Learn directives (`:::image type="content" … :::`), keeping
/// byte offsets: their attributes and alt text are not statements.
fn mask_directives(text: &str) -> Option<String> {
    if !text.contains(":::") {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    let mut rest = text;
    while let Some(i) = rest.find(":::") {
        let (before, after) = rest.split_at(i);
        push_masked(&mut out, before, inside);
        out.push_str("   ");
        inside = !inside;
        rest = &after[3..];
    }
    push_masked(&mut out, rest, inside);
    Some(out)
}

fn push_masked(out: &mut String, s: &str, blank: bool) {
    if blank {
        out.extend(std::iter::repeat_n(' ', s.len()));
    } else {
        out.push_str(s);
    }
}

/// Link text spans of a segment, in segment text coordinates.
fn link_spans(seg: &Segment) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if seg.links.is_empty() {
        return out;
    }
    for (src, _) in &seg.links {
        let mut start = None;
        let mut end = 0;
        for (i, _) in seg.text.char_indices() {
            let o = seg.source_offset(i);
            if src.start <= o && o < src.end {
                start.get_or_insert(i);
                end = i + seg.text[i..]
                    .chars()
                    .next()
                    .map(char::len_utf8)
                    .unwrap_or(1);
            }
        }
        if let Some(st) = start {
            out.push(st..end);
        }
    }
    out
}

/// Byte spans of quotations inside a sentence.
fn quote_spans(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '“' => open = Some(i),
            '”' => {
                if let Some(s) = open.take() {
                    out.push(s..i + c.len_utf8());
                }
            }
            '"' => match open.take() {
                Some(s) => out.push(s..i + 1),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    out
}

/// Reads one value written on its own ("30 days", "49 USD per month", "+1 (415)
/// 555-0142", "10 users"), for facts.yml.
pub fn parse_value(text: &str, model: &Model) -> Option<(Value, Vec<String>)> {
    let article = Article::from_text(
        "facts.yml".into(),
        "facts.yml".into(),
        String::new(),
        &crate::article::Limits::default(),
    );
    let mut x = Extractor::new(&article, model);
    let t = text.trim();
    let lower = t.to_lowercase();
    let polarity = match lower.as_str() {
        "yes" | "true" | "available" | "included" | "refundable" => Some(true),
        "no" | "false" | "not available" | "not included" | "non-refundable" | "not refundable" => {
            Some(false)
        }
        _ => None,
    };
    if let Some((_, canon)) = model
        .timing
        .iter()
        .find(|(r, _)| r.find(t).is_some_and(|m| m.range() == (0..t.len())))
    {
        return Some((Value::Timing(canon.clone()), Vec::new()));
    }
    if let Some(positive) = polarity {
        let class = if lower.contains("refund") {
            "refund"
        } else {
            "availability"
        };
        return Some((
            Value::Polarity {
                class: class.into(),
                positive,
            },
            Vec::new(),
        ));
    }
    let s = Sent::new(t);
    let found = x.values(&s);
    let f = found.into_iter().next()?;
    let f = x.filter(&s, f)?;
    let noun = f.noun.iter().map(|n| n.0.clone()).collect();
    x.sentence_id = 0;
    Some((f.value, noun))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicons;

    fn model() -> Model {
        Model::new(&Lexicons::embedded())
    }

    fn claims(md: &str) -> Vec<Claim> {
        let a = Article::from_text(
            "a.md".into(),
            "a.md".into(),
            md.to_string(),
            &crate::article::Limits::default(),
        );
        let m = model();
        extract(&a, &Settings::defaults(), &m)
    }

    fn one(md: &str) -> Claim {
        let c = claims(md);
        assert_eq!(c.len(), 1, "{md}: {c:#?}");
        c.into_iter().next().unwrap()
    }

    #[test]
    fn grammar_compiles() {
        let _ = grammar();
        let m = model();
        assert!(m.money.as_ref().unwrap().is_match("$49"));
    }

    #[test]
    fn sentences_split_on_real_ends() {
        let t = "Refunds take 5–10 days. Call us at 5 p.m. Eastern. Prices, e.g. $49, vary. Done";
        let r: Vec<&str> = sentences(t).into_iter().map(|r| t[r].trim()).collect();
        assert_eq!(
            r,
            vec![
                "Refunds take 5–10 days.",
                "Call us at 5 p.m. Eastern.",
                "Prices, e.g. $49, vary.",
                "Done"
            ]
        );
    }

    #[test]
    fn durations_normalise() {
        let a = one("Your free trial lasts two weeks.\n");
        let b = one("Your free trial lasts 14 days.\n");
        let c = one("Your free trial lasts fourteen days.\n");
        assert!(super::super::normalize::agree(&a.value, &b.value));
        assert!(super::super::normalize::agree(&b.value, &c.value));
        assert!(a.terms.iter().any(|t| t.stem == "trial"));
    }

    #[test]
    fn money_with_periods() {
        let a = one("Pro is $49/mo.\n");
        let b = one("The Pro plan costs 49 USD per month.\n");
        assert!(super::super::normalize::agree(&a.value, &b.value));
        assert!(super::super::normalize::comparable(&a.value, &b.value));
        assert_eq!(a.scope.get(Dim::Plan), Some(&["pro".to_string()][..]));
        let y = one("For EU customers, Pro is €45 a year.\n");
        assert!(!super::super::normalize::comparable(&a.value, &y.value));
        assert_eq!(y.scope.get(Dim::Region), Some(&["eu".to_string()][..]));
    }

    #[test]
    fn hypotheticals_examples_and_quotes_are_not_claims() {
        assert!(claims("If you were charged $10 twice, contact us.\n").is_empty());
        assert!(claims("For example, a charge of $58.80 instead of $49 means VAT.\n").is_empty());
        assert!(claims("You'd pay about $15 on the day you upgrade.\n").is_empty());
        assert!(claims("> Your pricing page says Starter comes with 10 users.\n").is_empty());
        assert!(claims("It says \"refunds within 90 days\" on the site.\n").is_empty());
        assert!(claims("Is there a 30-day trial?\n").is_empty());
        assert!(claims("```\nlimit: 30 days\n```\n").is_empty());
        assert!(claims("---\nstatus: archived\n---\nRefunds within 14 days.\n").is_empty());
        assert!(
            claims("---\ntype: changelog\n---\nRefunds within 14 days, up from 7.\n").is_empty()
        );
        assert!(claims("Starter storage increased from 5 GB to 10 GB.\n").len() == 1);
        assert!(claims("More than 10 users can join.\n").is_empty());
    }

    #[test]
    fn ranges_counts_and_bounds() {
        let r = one("Refunds take 3–5 business days.\n");
        let Value::Quantity(q) = &r.value else {
            panic!()
        };
        assert_eq!(q.bound, Bound::Range);
        let c = one("Starter: up to 5 team members.\n");
        let Value::Quantity(q) = &c.value else {
            panic!()
        };
        assert!(
            matches!(&q.class, QClass::Count { head, .. } if head == "user"),
            "{q:?}"
        );
        assert_eq!(q.bound, Bound::AtMost);
        assert_eq!(c.scope.get(Dim::Plan), Some(&["starter".to_string()][..]));
    }

    #[test]
    fn schedules_phones_emails_versions() {
        let a = one("Live chat is staffed 9:00–17:00 ET on weekdays.\n");
        let b = one("Our chat team is online from 9am to 5pm Eastern, Monday through Friday.\n");
        assert!(
            super::super::normalize::agree(&a.value, &b.value),
            "{:?} {:?}",
            a.value,
            b.value
        );
        let c = one("Business customers can reach us by phone 24/7, including weekends.\n");
        assert!(!super::super::normalize::agree(&a.value, &c.value));
        let p = one("Main line: +1 (415) 555-0142\n");
        assert!(matches!(&p.value, Value::Phone { digits, .. } if digits == "14155550142"));
        assert_eq!(p.purpose.as_deref(), Some("support"));
        let e = one("Write to Support@Quillstack.example for help.\n");
        assert_eq!(e.value, Value::Email("support@quillstack.example".into()));
        let v = one("Offline mode needs version 5.2 or later of the iOS app.\n");
        assert!(
            matches!(&v.value, Value::Version { parts, or_later: true, thing } if parts == &vec![5, 2] && thing.contains(&"ios".to_string()))
        );
    }

    #[test]
    fn polarity_statements() {
        let a = one(
            "Annual plans can be refunded within 30 days of the charge.\n"
                .replace("within 30 days of the charge", "")
                .as_str(),
        );
        assert_eq!(
            a.value,
            Value::Polarity {
                class: "refund".into(),
                positive: true
            }
        );
        assert_eq!(a.scope.get(Dim::Billing), Some(&["annual".to_string()][..]));
        let b = one("Annual subscriptions are non-refundable.\n");
        assert_eq!(
            b.value,
            Value::Polarity {
                class: "refund".into(),
                positive: false
            }
        );
        let c = one("CSV export is not available on the Free plan.\n");
        assert_eq!(
            c.value,
            Value::Polarity {
                class: "availability".into(),
                positive: false
            }
        );
        assert_eq!(c.scope.get(Dim::Plan), Some(&["free".to_string()][..]));
        let d = one("CSV export works on every plan, including Free.\n");
        assert_eq!(
            d.value,
            Value::Polarity {
                class: "availability".into(),
                positive: true
            }
        );
        assert!(d.scope.compatible(&c.scope));
    }

    #[test]
    fn tables_are_claims() {
        let md = "| Limit | Free | Starter |\n|---|---|---|\n| Included users | 1 | 3 |\n| Storage | 1 GB | 5 GB |\n";
        let c = claims(md);
        assert_eq!(c.len(), 4, "{c:#?}");
        let users = &c[1];
        assert_eq!(
            users.scope.get(Dim::Plan),
            Some(&["starter".to_string()][..])
        );
        assert!(
            matches!(&users.value, Value::Quantity(Quantity { class: QClass::Count { head, .. }, .. }) if head == "user")
        );
        assert_eq!(users.position.line, 3);
        assert_eq!(c[3].position.line, 4);
    }
}
