//! Sentences and clauses of prose text, for the rules that read grammar (promise, tone).
//!
//! Deliberately small: a sentence splitter that knows abbreviations, decimals, times and
//! URLs; a clause splitter that cuts at punctuation and at subordinating or coordinating
//! words and tags each clause with the word that leads it; and the spans of quoted text.
//! Everything works on byte ranges of the text it was given, allocation-free except for
//! the returned vectors.

use std::ops::Range;

/// Abbreviations that end with a period without ending the sentence (lowercase, without
/// the final period).
const ABBREVIATIONS: &[&str] = &[
    "a.m", "p.m", "e.g", "i.e", "vs", "approx", "no", "nos", "mr", "mrs", "ms", "dr", "st", "inc",
    "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "u.s", "u.k", "fig", "ref", "cf", "incl", "min", "max", "dept", "est",
];

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace.
pub fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        // Swallow repeated terminators and closing quotes/brackets.
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if matches!(
                n,
                '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']' | '*' | '_'
            ) {
                end = j + n.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        // A boundary needs whitespace after it, then a sentence-like start (or the end).
        let rest = &text[end..];
        let trimmed = rest.trim_start();
        if trimmed.is_empty() {
            break;
        }
        if trimmed.len() == rest.len() {
            continue;
        }
        let next = trimmed.chars().next().unwrap_or(' ');
        let starts_sentence = next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(
                next,
                '"' | '“' | '‘' | '(' | '[' | '*' | '_' | '\u{FFFC}' | '{' | '<'
            );
        if !starts_sentence {
            continue;
        }
        if c == '.' && is_abbreviation(&text[..i]) {
            continue;
        }
        push_trimmed(text, start..end, &mut out);
        start = text.len() - trimmed.len();
    }
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if r.start + lead < r.end - trail {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Whether the word just before a period (the end of `before`) is an abbreviation or an
/// initial, so the period does not end the sentence.
fn is_abbreviation(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let lower = word.to_ascii_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // A single capital letter is an initial ("J. Smith"); "x.y" inner periods mean an
    // abbreviation like "U.S" or a host name.
    let mut chars = word.chars();
    let single_initial =
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|p| p.len() <= 3 && p.chars().all(char::is_alphabetic));
    single_initial || dotted
}

/// Callout labels that make a blockquote a callout rather than a quotation.
const CALLOUTS: &[&str] = &[
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "info",
    "notice",
    "heads up",
];

/// Whether the text of a blockquote paragraph opens like a callout the author wrote
/// (`> **Note:** …`) rather than a quotation.
pub fn is_callout(text: &str) -> bool {
    let t = text.trim_start().to_lowercase();
    CALLOUTS.iter().any(|c| {
        t.strip_prefix(c)
            .is_some_and(|rest| rest.starts_with(':') || rest.starts_with(" :"))
    })
}

/// What word leads a clause, which tells the rules how the clause relates to the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    /// A main clause, or a clause after punctuation with no leading connective.
    None,
    /// `if`, `unless`, `whether`, `provided`: a condition, not an assertion.
    Condition,
    /// `when`, `once`, `until`, `while`, `after`, `before` followed by a subject.
    Time,
    /// `because`, `since`.
    Cause,
    /// `but`, `although`, `though`, `however`, `whereas`.
    Contrast,
    /// `so`, `therefore`.
    Result,
    /// `and`/`or`/`then` followed by a subject of its own ("and we'll …").
    Coordinate,
    /// `which`, `who`.
    Relative,
}

/// A clause of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// Byte range in the text, trimmed.
    pub range: Range<usize>,
    /// The connective that opens it.
    pub lead: Lead,
}

/// Words that can open a clause with a subject of its own.
const SUBJECTS: &[&str] = &[
    "we",
    "we'll",
    "we’ll",
    "we're",
    "we’re",
    "we've",
    "we’ve",
    "we'd",
    "you",
    "you'll",
    "you’ll",
    "you're",
    "you’re",
    "you've",
    "you’ve",
    "i",
    "i'll",
    "i’ll",
    "i've",
    "i’ve",
    "i'm",
    "i’m",
    "they",
    "they'll",
    "they’ll",
    "he",
    "she",
    "it",
    "it'll",
    "it’ll",
    "it's",
    "it’s",
    "our",
    "your",
    "their",
    "its",
    "my",
];

/// Words that can open a clause after a time or result connective (subjects and
/// determiners).
const SUBJECT_LIKE: &[&str] = &[
    "the", "a", "an", "this", "that", "these", "those", "any", "every", "each", "there", "his",
    "her", "all", "some", "no",
];

/// Whether `word` (any case) is a personal pronoun or possessive that can be a subject.
pub fn is_subject_word(word: &str) -> bool {
    let w = word.to_lowercase();
    SUBJECTS.contains(&w.as_str())
}

/// The words of `text[range]` with their byte ranges (letters, digits, apostrophes,
/// hyphens inside words).
pub fn words(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut cur: Option<usize> = None;
    let s = &text[range.clone()];
    for (i, c) in s.char_indices() {
        let inner = c.is_alphanumeric() || ((c == '\'' || c == '’' || c == '-') && cur.is_some());
        match (inner, cur) {
            (true, None) => cur = Some(i),
            (false, Some(st)) => {
                out.push(range.start + st..range.start + i);
                cur = None;
            }
            _ => {}
        }
    }
    if let Some(st) = cur {
        out.push(range.start + st..range.end);
    }
    // Trailing apostrophes/hyphens are not part of the word.
    for w in &mut out {
        while w.end > w.start && matches!(text.as_bytes()[w.end - 1], b'\'' | b'-') {
            w.end -= 1;
        }
    }
    out
}

/// Splits a sentence (`text[sentence]`) into clauses.
pub fn clauses(text: &str, sentence: Range<usize>) -> Vec<Clause> {
    let mut out = Vec::new();
    let ws = words(text, sentence.clone());
    let mut start = sentence.start;
    let mut lead = Lead::None;
    // Punctuation cuts, merged in order with word cuts.
    let mut wi = 0;
    let s = &text[sentence.clone()];
    let mut punct: Vec<usize> = Vec::new();
    for (i, c) in s.char_indices() {
        let at = sentence.start + i;
        let spaced_dash = matches!(c, '—' | '–' | '-')
            && s[..i].ends_with(' ')
            && s[i + c.len_utf8()..].starts_with(' ');
        if matches!(c, ',' | ';' | ':' | '(' | ')') || (c == '—') || spaced_dash {
            punct.push(at);
        }
    }
    let mut pi = 0;
    loop {
        let next_word = ws.get(wi).map(|w| w.start);
        let next_punct = punct.get(pi).copied();
        let take_word = match (next_word, next_punct) {
            (None, None) => break,
            (Some(w), Some(p)) => w < p,
            (Some(_), None) => true,
            (None, Some(_)) => false,
        };
        if take_word {
            let w = ws[wi].start;
            let word = text[ws[wi].clone()].to_lowercase();
            // The next word, if no punctuation stands between the two.
            let following = ws
                .get(wi + 1)
                .filter(|r| punct.get(pi).is_none_or(|&p| p > r.start))
                .map(|r| text[r.clone()].to_lowercase());
            let f = following.as_deref().unwrap_or("");
            let subject_next = SUBJECTS.contains(&f) || SUBJECT_LIKE.contains(&f);
            let l = match word.as_str() {
                "if" | "unless" | "whether" | "provided" | "providing" => Some(Lead::Condition),
                "when" | "whenever" | "once" | "until" | "while" | "after" | "before"
                    if subject_next =>
                {
                    Some(Lead::Time)
                }
                "because" => Some(Lead::Cause),
                "since" if subject_next => Some(Lead::Cause),
                "but" | "although" | "though" | "however" | "whereas" => Some(Lead::Contrast),
                "so" if subject_next || f == "that" => Some(Lead::Result),
                "therefore" => Some(Lead::Result),
                "and" | "or" | "then" if SUBJECTS.contains(&f) => Some(Lead::Coordinate),
                "which" | "who" => Some(Lead::Relative),
                _ => None,
            };
            if let Some(l) = l {
                // "…, if …": the comma already cut; just retag the clause.
                if text[start..w].trim().is_empty() {
                    lead = l;
                } else {
                    push_clause(text, start..w, lead, &mut out);
                    start = w;
                    lead = l;
                }
            }
            wi += 1;
        } else {
            let p = punct[pi];
            let c = text[p..].chars().next().map_or(1, char::len_utf8);
            push_clause(text, start..p, lead, &mut out);
            lead = Lead::None;
            start = p + c;
            pi += 1;
        }
    }
    push_clause(text, start..sentence.end, lead, &mut out);
    if out.is_empty() {
        out.push(Clause {
            range: sentence,
            lead: Lead::None,
        });
    }
    out
}

fn push_clause(text: &str, r: Range<usize>, lead: Lead, out: &mut Vec<Clause>) {
    let s = &text[r.clone()];
    let a = s.len() - s.trim_start().len();
    let b = s.len() - s.trim_end().len();
    if r.start + a < r.end - b {
        out.push(Clause {
            range: r.start + a..r.end - b,
            lead,
        });
    }
}

/// Spans of quoted text in `text` (between “ and ”, or a pair of `"`), with at least
/// `min_words` words inside: quoted speech, examples of what (not) to write. Scare quotes
/// around a word or two are not returned.
pub fn quoted_spans(text: &str, min_words: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', None) => open = Some((i, '”')),
            ('"', None) => open = Some((i, '"')),
            (c, Some((st, close))) if c == close => {
                let end = i + c.len_utf8();
                if text[st..end].split_whitespace().count() >= min_words {
                    out.push(st..end);
                }
                open = None;
            }
            _ => {}
        }
    }
    if let Some((st, _)) = open {
        // An unclosed quote runs to the end of the paragraph (multi-paragraph quotes).
        if text[st..].split_whitespace().count() >= min_words {
            out.push(st..text.len());
        }
    }
    out
}

/// Byte spans sorted by start, for overlap and containment tests in O(log n).
#[derive(Debug, Default)]
pub struct Spans {
    spans: Vec<(usize, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl Spans {
    /// Collects spans (any order).
    pub fn new(mut spans: Vec<(usize, usize)>) -> Spans {
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        Spans { spans, max_end }
    }

    /// Whether some span overlaps `s..e`.
    pub fn overlaps(&self, s: usize, e: usize) -> bool {
        let n = self.spans.partition_point(|&(st, _)| st < e);
        n > 0 && self.max_end[n - 1] > s
    }

    /// Whether some span contains all of `s..e`.
    pub fn covers(&self, s: usize, e: usize) -> bool {
        let n = self.spans.partition_point(|&(st, _)| st <= s);
        n > 0 && self.max_end[n - 1] >= e
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|r| &t[r]).collect()
    }

    fn cls(t: &str) -> Vec<(&str, Lead)> {
        clauses(t, 0..t.len())
            .into_iter()
            .map(|c| (&t[c.range], c.lead))
            .collect()
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            sents("Orders placed before 2 p.m. Eastern ship the same day. Delivery is free!"),
            [
                "Orders placed before 2 p.m. Eastern ship the same day.",
                "Delivery is free!"
            ]
        );
        assert_eq!(
            sents("Not happy with it? Send it back. Uptime is 99.99% e.g. in the US."),
            [
                "Not happy with it?",
                "Send it back.",
                "Uptime is 99.99% e.g. in the US."
            ]
        );
        assert_eq!(
            sents("Email support@x.example. Then wait."),
            ["Email support@x.example.", "Then wait."]
        );
        assert_eq!(
            sents("“We’re sorry.” She left."),
            ["“We’re sorry.”", "She left."]
        );
        assert_eq!(
            sents("See J. Smith for details. ok"),
            ["See J. Smith for details. ok"]
        );
        assert!(sents("   ").is_empty());
        assert_eq!(
            sents("A minimum of $0.50. If it fails"),
            ["A minimum of $0.50.", "If it fails"]
        );
    }

    #[test]
    fn splits_clauses() {
        assert_eq!(
            cls("If we miss that target, you'll receive a credit"),
            [
                ("If we miss that target", Lead::Condition),
                ("you'll receive a credit", Lead::None)
            ]
        );
        assert_eq!(
            cls("Send it back unused and we'll refund the reader, no questions asked."),
            [
                ("Send it back unused", Lead::None),
                ("and we'll refund the reader", Lead::Coordinate),
                ("no questions asked.", Lead::None)
            ]
        );
        assert_eq!(
            cls("Escalate within 2 hours if the refund is missing"),
            [
                ("Escalate within 2 hours", Lead::None),
                ("if the refund is missing", Lead::Condition)
            ]
        );
        assert_eq!(
            cls("Every event is delivered at least once — we guarantee it."),
            [
                ("Every event is delivered at least once", Lead::None),
                ("we guarantee it.", Lead::None)
            ]
        );
        assert_eq!(
            cls("Orders placed before 2 p.m. ship"),
            [("Orders placed before 2 p.m. ship", Lead::None)]
        );
    }

    #[test]
    fn finds_quotes() {
        let t = "Never write “we will refund you today” or \"ok\" in a reply.";
        let q = quoted_spans(t, 3);
        assert_eq!(q.len(), 1);
        assert_eq!(&t[q[0].clone()], "“we will refund you today”");
    }

    #[test]
    fn spans() {
        let sp = Spans::new(vec![(10, 20), (0, 3), (12, 40)]);
        assert!(
            sp.overlaps(35, 50) && sp.overlaps(2, 4) && !sp.overlaps(3, 10) && !sp.overlaps(40, 41)
        );
        assert!(sp.covers(12, 39) && sp.covers(0, 3) && !sp.covers(2, 5) && !sp.covers(41, 42));
        assert!(!Spans::default().overlaps(0, 9));
    }

    #[test]
    fn words_keep_contractions() {
        let t = "we'll send — it’s fine";
        let w: Vec<&str> = words(t, 0..t.len()).into_iter().map(|r| &t[r]).collect();
        assert_eq!(w, ["we'll", "send", "it’s", "fine"]);
    }
}
