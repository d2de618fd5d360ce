//! Finds customer-facing commitments in an article's prose.
//!
//! Word lists and phrasings are data (`rules/promises.yml`, `rules/promise-cues.yml`,
//! `rules/promise-grammar.yml`); this file is the grammar that combines them, sentence
//! by sentence and clause by clause:
//!
//! 1. A sentence is a candidate when it holds a *cue*: a strong phrasing that commits on
//!    its own ("we guarantee", "99.9% uptime", "full refund", "free month") or a weak
//!    one ("within 24 hours", "reimburse", "voucher", "never be charged", "24/7") — outside quoted
//!    text, blockquotes (except callouts), headings, code and questions.
//! 2. A cue is dropped when its clause is a condition or time clause ("if you were
//!    promised a full refund…"), an instruction to the agent (an imperative such as
//!    "Always verify…", "Escalate within 2 hours…", carried over the clauses that follow
//!    until one has a subject of its own), negated ("doesn't cover"), hedged
//!    ("usually", "may", "most banks", "for example" — in its clause or before it in the
//!    sentence), an obligation ("must", "need to"), or follows a disclaimer ("we can't
//!    promise that …").
//! 3. A weak cue also needs a commitment frame in its clause: the company as actor
//!    ("we'll", "our team"), the customer as recipient ("you'll get", "to your
//!    account"), for deadlines something delivered ("are sent within 5 seconds"), for
//!    availability a service ("support is available 24/7").
//!    "can"/"could" turn a weak cue into a possibility ("can be restored within 30
//!    days").

use super::Promise;
use crate::article::markdown::{BlockKind, Segment};
use crate::article::Article;
use crate::lexicon::{Entry, Lexicon, Lexicons};
use crate::sentences::{self, Clause, Lead};
use std::ops::Range;

/// What a lexicon entry contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Strong,
    Weak(Frame),
    Agent,
    Recipient,
    Party,
    Beneficiary,
    Service,
    Delivery,
    Hedge,
    Can,
    Negation,
    Disclaimer,
    Instruction,
    Imperative,
    Wording,
    Except,
}

/// Which commitment frame a weak cue needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// Deadlines: the company acts, the customer receives, or something is delivered.
    Deadline,
    /// "guaranteed": like a deadline, or next to one.
    Guarantee,
    /// Absolutes ("never be charged"): the company or the customer is a party.
    Absolute,
    /// "24/7", "around the clock": a service, the company or the customer is named.
    Availability,
    /// Money, compensation, replacements and anything else: the company acts or the
    /// customer receives.
    Benefit,
}

fn role(lexicon: &str, e: &Entry) -> Role {
    let kind = e.spec.kind.as_deref().unwrap_or("");
    if lexicon == "promises" {
        return Role::Strong;
    }
    match kind {
        "agent" => Role::Agent,
        "recipient" => Role::Recipient,
        "party" => Role::Party,
        "beneficiary" => Role::Beneficiary,
        "service" => Role::Service,
        "delivery" => Role::Delivery,
        "hedge" => Role::Hedge,
        "can" => Role::Can,
        "negation" => Role::Negation,
        "disclaimer" => Role::Disclaimer,
        "instruction" => Role::Instruction,
        "imperative" => Role::Imperative,
        "wording" => Role::Wording,
        "except" => Role::Except,
        "deadline" => Role::Weak(Frame::Deadline),
        "guarantee" => Role::Weak(Frame::Guarantee),
        "absolute" => Role::Weak(Frame::Absolute),
        "availability" => Role::Weak(Frame::Availability),
        _ => Role::Weak(Frame::Benefit),
    }
}

/// One lexicon match in a segment's text.
#[derive(Clone, Copy)]
struct Hit<'a> {
    range: (usize, usize),
    role: Role,
    entry: &'a Entry,
}

impl Hit<'_> {
    fn start(&self) -> usize {
        self.range.0
    }
    fn end(&self) -> usize {
        self.range.1
    }
    fn within(&self, r: &Range<usize>) -> bool {
        self.range.0 >= r.start && self.range.1 <= r.end
    }
    fn overlaps(&self, s: usize, e: usize) -> bool {
        self.range.0 < e && s < self.range.1
    }
}

/// Longest sentence analysed, in bytes.
const MAX_SENTENCE: usize = 2000;

/// Auxiliaries that, right after a would-be imperative verb, show it was a noun
/// ("Refund requests are processed…", "Email support is available…").
const AUX: &[&str] = &[
    "is", "are", "was", "were", "will", "can", "has", "have", "may", "might", "must", "should",
    "does", "shall", "gets", "appears", "appear",
];

/// Connectives skipped before looking for an imperative or a subject.
const CONNECTIVES: &[&str] = &["and", "or", "then", "but", "so", "also", "plus"];

/// Every commitment in `article`, one per sentence, in text order.
pub fn find(article: &Article, lexicons: &Lexicons) -> Vec<Promise> {
    let lex = Lex {
        strong: lexicons.get("promises"),
        cues: lexicons.get("promise-cues"),
        grammar: lexicons.get("promise-grammar"),
    };
    let mut out = Vec::new();
    for seg in &article.md.prose {
        if matches!(seg.block, BlockKind::Heading(_) | BlockKind::TableHeader) {
            continue;
        }
        if seg.is_quoted() && !sentences::is_callout(&seg.text) {
            continue;
        }
        // Cheap prefilter: most paragraphs hold no cue at all.
        if !lex.strong.set().is_match(&seg.text) && !lex.cues.set().is_match(&seg.text) {
            continue;
        }
        scan_segment(article, seg, &lex, &mut out);
    }
    out
}

/// The three lexicons the detector reads.
struct Lex<'a> {
    strong: &'a Lexicon,
    cues: &'a Lexicon,
    grammar: &'a Lexicon,
}

fn collect<'a>(lex: &'a Lexicon, text: &str, out: &mut Vec<Hit<'a>>) {
    for (s, e, entry) in lex.find_all(text) {
        out.push(Hit {
            range: (s, e),
            role: role(&lex.name, entry),
            entry,
        });
    }
}

fn scan_segment(article: &Article, seg: &Segment, lex: &Lex, out: &mut Vec<Promise>) {
    let text = seg.text.as_str();
    let mut hits: Vec<Hit> = Vec::new();
    collect(lex.strong, text, &mut hits);
    collect(lex.cues, text, &mut hits);
    collect(lex.grammar, text, &mut hits);
    let quotes = sentences::Spans::new(
        sentences::quoted_spans(text, 3)
            .into_iter()
            .map(|q| (q.start, q.end))
            .collect(),
    );
    let excepts = sentences::Spans::new(
        hits.iter()
            .filter(|h| h.role == Role::Except)
            .map(|h| h.range)
            .collect(),
    );
    let dropped = |h: &Hit| {
        let cue = matches!(h.role, Role::Strong | Role::Weak(_));
        quotes.covers(h.start(), h.end()) || (cue && excepts.overlaps(h.start(), h.end()))
    };
    hits.retain(|h| !dropped(h));
    hits.sort_by_key(|h| h.range);

    for sentence in sentences::split(text) {
        // No promise runs for pages: a "sentence" this long is a table dump or a list
        // without punctuation, and grammar over it would cost quadratic time.
        if sentence.len() > MAX_SENTENCE {
            continue;
        }
        let s_text = &text[sentence.clone()];
        if s_text
            .trim_end_matches(['"', '”', ')', '*', '_'])
            .ends_with('?')
        {
            continue;
        }
        let lo = hits.partition_point(|h| h.start() < sentence.start);
        let hi = hits.partition_point(|h| h.start() < sentence.end);
        let in_sentence: Vec<&Hit> = hits[lo..hi]
            .iter()
            .filter(|h| h.within(&sentence))
            .collect();
        if !in_sentence
            .iter()
            .any(|h| matches!(h.role, Role::Strong | Role::Weak(_)))
        {
            continue;
        }
        let clauses = sentences::clauses(text, sentence.clone());
        let instructions = instruction_flags(text, &clauses, &in_sentence);
        let disclaimer = in_sentence
            .iter()
            .filter(|h| h.role == Role::Disclaimer)
            .map(|h| h.start())
            .min();
        let mut fired: Vec<&Hit> = Vec::new();
        let mut order: Vec<&Hit> = in_sentence
            .iter()
            .copied()
            .filter(|h| matches!(h.role, Role::Strong | Role::Weak(_)))
            .collect();
        // Strong cues first: they decide the label when both kinds are present.
        order.sort_by_key(|h| (!matches!(h.role, Role::Strong), h.start()));
        for cue in order {
            let Some(ci) = clauses.iter().position(|c| c.range.contains(&cue.start())) else {
                continue;
            };
            if accepts(
                text,
                cue,
                ci,
                &clauses,
                &instructions,
                disclaimer,
                &in_sentence,
            ) {
                fired.push(cue);
            }
        }
        out.extend(promise(article, seg, sentence, &fired, &in_sentence));
    }
}

/// Whether each clause is an instruction to the reader (an imperative, and the
/// subject-less clauses that follow it).
fn instruction_flags(text: &str, clauses: &[Clause], hits: &[&Hit]) -> Vec<bool> {
    let mut flags = Vec::with_capacity(clauses.len());
    let mut prev = false;
    for c in clauses {
        let words = sentences::words(text, c.range.clone());
        let first = words
            .iter()
            .position(|w| !CONNECTIVES.contains(&text[w.clone()].to_lowercase().as_str()))
            .unwrap_or(words.len());
        let Some(fw) = words.get(first) else {
            flags.push(prev);
            continue;
        };
        let imperative = hits.iter().any(|h| {
            h.role == Role::Imperative && h.start() == fw.start && {
                let after: Vec<String> = words
                    .iter()
                    .filter(|w| w.start >= h.end())
                    .take(3)
                    .map(|w| text[w.clone()].to_lowercase())
                    .collect();
                !after.iter().any(|w| AUX.contains(&w.as_str()))
            }
        });
        let own_subject = sentences::is_subject_word(&text[fw.clone()]);
        // "Turn it on, so you never lose an invoice": the result of an instruction is
        // part of the instruction, whatever its subject.
        let flag = if imperative || (prev && c.lead == Lead::Result) {
            true
        } else if own_subject {
            false
        } else {
            prev
        };
        flags.push(flag);
        if !matches!(
            c.lead,
            Lead::Condition | Lead::Time | Lead::Cause | Lead::Relative
        ) {
            prev = flag;
        }
    }
    flags
}

fn accepts(
    text: &str,
    cue: &Hit,
    ci: usize,
    clauses: &[Clause],
    instructions: &[bool],
    disclaimer: Option<usize>,
    hits: &[&Hit],
) -> bool {
    let clause = &clauses[ci];
    if matches!(clause.lead, Lead::Condition | Lead::Time) || instructions[ci] {
        return false;
    }
    if disclaimer.is_some_and(|d| d <= cue.start()) {
        return false;
    }
    // Grammar words that are part of the cue itself ("won't be charged twice") do not
    // negate or hedge it; frame words may overlap it ("you'll get the fee back").
    let outside_cue = |role: Role| {
        hits.iter().any(|h| {
            h.role == role && h.within(&clause.range) && !h.overlaps(cue.start(), cue.end())
        })
    };
    let in_clause = |role: Role| {
        hits.iter()
            .any(|h| h.role == role && h.within(&clause.range))
    };
    if outside_cue(Role::Negation)
        || outside_cue(Role::Instruction)
        || outside_cue(Role::Disclaimer)
    {
        return false;
    }
    // A hedge in the cue's clause, or anywhere before the cue in the sentence
    // ("In most cases, refunds arrive within…").
    let hedged = hits.iter().any(|h| {
        h.role == Role::Hedge
            && !h.overlaps(cue.start(), cue.end())
            && (h.within(&clause.range) || h.end() <= cue.start())
    });
    if hedged || clause_starts_with(text, clause, "most") {
        return false;
    }
    let Role::Weak(frame) = cue.role else {
        return true;
    };
    // "You can reach us 24/7" is how availability is promised; elsewhere "can" is a
    // possibility ("can be restored within 30 days").
    if frame != Frame::Availability && outside_cue(Role::Can) {
        return false;
    }
    let agent = in_clause(Role::Agent);
    let recipient = in_clause(Role::Recipient);
    match frame {
        Frame::Deadline => {
            agent
                || recipient
                || in_clause(Role::Beneficiary)
                || delivered(text, cue, clause, hits)
                || other_cue_in_clause(cue, clause, hits, Frame::Guarantee)
        }
        // "guaranteed" describes software as often as service ("semantics are
        // guaranteed"): it needs a party or a deadline of its own.
        Frame::Guarantee => {
            agent
                || recipient
                || in_clause(Role::Beneficiary)
                || other_cue_in_clause(cue, clause, hits, Frame::Deadline)
        }
        // The customer in the cue's clause ("your reader never goes down"), or in a
        // clause that draws the consequence ("payouts always arrive on Friday, so you
        // can plan payroll").
        Frame::Absolute => {
            agent
                || recipient
                || hits.iter().any(|h| {
                    h.role == Role::Party
                        && clauses.iter().enumerate().any(|(i, c)| {
                            c.range.contains(&h.start())
                                && (i == ci
                                    || (i > ci
                                        && matches!(c.lead, Lead::Result | Lead::Coordinate)))
                        })
                })
        }
        Frame::Availability => {
            agent
                || recipient
                || in_clause(Role::Party)
                || in_clause(Role::Beneficiary)
                || in_clause(Role::Service)
        }
        Frame::Benefit => agent || recipient,
    }
}

/// Whether something is delivered by the deadline: a delivery verb in the clause, but
/// not in the deadline's own reference event ("within 60 days of their release").
fn delivered(text: &str, cue: &Hit, clause: &Clause, hits: &[&Hit]) -> bool {
    hits.iter().any(|h| {
        h.role == Role::Delivery
            && h.within(&clause.range)
            && (h.end() <= cue.start()
                || (h.start() >= cue.end() && !text[cue.end()..h.start()].contains(" of ")))
    })
}

fn other_cue_in_clause(cue: &Hit, clause: &Clause, hits: &[&Hit], frame: Frame) -> bool {
    hits.iter()
        .any(|h| h.role == Role::Weak(frame) && h.within(&clause.range) && h.range != cue.range)
}

/// Whether the clause opens with `word` ("Most disputes are settled…"). The hedge
/// lexicon covers "most" + noun; this catches any clause-initial "Most".
fn clause_starts_with(text: &str, clause: &Clause, word: &str) -> bool {
    sentences::words(text, clause.range.clone())
        .iter()
        .map(|w| &text[w.clone()])
        .find(|w| !CONNECTIVES.contains(&w.to_lowercase().as_str()))
        .is_some_and(|w| w.eq_ignore_ascii_case(word))
}

fn promise(
    article: &Article,
    seg: &Segment,
    sentence: Range<usize>,
    fired: &[&Hit],
    hits: &[&Hit],
) -> Option<Promise> {
    let first = fired.first()?;
    let text = seg.text.as_str();
    let src = seg.source_range(sentence.clone());
    let mut kinds: Vec<String> = Vec::new();
    for h in fired {
        let k = h
            .entry
            .spec
            .kind
            .clone()
            .unwrap_or_else(|| "promise".into());
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    let lead = fired
        .iter()
        .find(|h| matches!(h.entry.spec.kind.as_deref(), Some("money" | "compensation")))
        .unwrap_or(first);
    let label = lead
        .entry
        .spec
        .label
        .clone()
        .unwrap_or_else(|| lead.entry.spec.id.clone());
    let absolute = hits
        .iter()
        .find(|h| h.role == Role::Wording)
        .map(|h| text[h.start()..h.end()].to_string());
    let links = seg
        .links
        .iter()
        .filter(|(r, _)| r.start < src.end && src.start < r.end)
        .map(|(_, d)| d.clone())
        .collect();
    Some(Promise {
        position: article.position(src.clone()),
        snippet: article.text[src].to_string(),
        quote: shorten(&text[sentence]),
        kinds,
        label,
        links,
        absolute,
    })
}

/// The sentence for a message: inline code shown as `…`, at most ~140 characters.
fn shorten(s: &str) -> String {
    let s = s
        .trim_end_matches('.')
        .replace(crate::article::markdown::CODE_MARK, "`…`");
    if s.chars().count() <= 140 {
        return s;
    }
    let cut: String = s.chars().take(137).collect();
    let cut = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(a, _)| a)
        .to_string();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Limits;

    /// The quotes of the promises found in a body.
    fn found(body: &str) -> Vec<String> {
        static LEX: std::sync::OnceLock<Lexicons> = std::sync::OnceLock::new();
        let lex = LEX.get_or_init(Lexicons::embedded);
        let a = Article::from_text(
            "a.md".into(),
            "a.md".into(),
            format!("---\nowner: x\n---\n{body}\n"),
            &Limits::default(),
        );
        find(&a, lex).into_iter().map(|p| p.quote).collect()
    }

    /// Commitments in phrasings the fixtures do not use.
    #[test]
    fn finds_commitments_in_varied_phrasing() {
        let promises = [
            "Refunds are processed within 5 business days.",
            "You'll receive your refund within 7–10 days.",
            "We respond to all tickets within one business day.",
            "Our support team is available 24/7 by chat.",
            "If you're not satisfied, we'll give you your money back.",
            "We offer a 30-day money-back guarantee on all plans.",
            "Your data will never be shared with third parties.",
            "We'll waive the late fee for your first missed payment.",
            "Every new customer gets a free month of Pro.",
            "If the outage lasts more than an hour, you'll be credited for the full day.",
            "Orders ship within 24 hours.",
            "We guarantee 99.9% uptime.",
            "Broken devices are replaced free of charge.",
            "Payments are deposited in your bank account on the next business day.",
            "Our team will get back to you within 2 hours.",
            "You're guaranteed a response within 4 hours.",
            "Customers who cancel within 14 days receive a full refund.",
            "Chat support is staffed around the clock.",
            "Your first payout arrives within 7 days.",
            "We will replace any damaged item at no cost.",
            "Refunds will be issued to your original payment method within 10 business days.",
            "We'll send a replacement card within 3 days.",
            "Premium members get a 1-hour response time.",
            "All repairs are covered under our warranty for two years.",
            "Customers can reach us by phone 24/7.",
            "Email support is available around the clock.",
            "Your payment is protected by our money-back guarantee.",
            "You won't be charged twice for the same order.",
        ];
        let missed: Vec<&str> = promises
            .iter()
            .copied()
            .filter(|s| found(s).is_empty())
            .collect();
        assert!(missed.is_empty(), "missed: {missed:#?}");
    }

    /// Look-alikes: instructions, hedges, disclaimers, conditions, quotes, symptoms,
    /// software behaviour, questions.
    #[test]
    fn leaves_look_alikes_alone() {
        let look_alikes = [
            "Refunds usually take 5–10 business days to appear.",
            "Make sure the customer receives the refund within 24 hours.",
            "If a customer asks for a full refund, escalate to billing.",
            "We can't guarantee delivery times for international orders.",
            "The refund is posted to the customer ledger.",
            "This issue always occurs when the cache is full.",
            "Do not promise a refund within 24 hours.",
            "Agents should never offer a free month without approval.",
            "Customers sometimes say they were promised a full refund.",
            "Was the refund sent within 5 days?",
            "Example: “We’ll refund you within 3 days, no questions asked.”",
            "Track how many tickets were answered within 24 hours.",
            "Microsoft doesn't guarantee that third-party content is accurate.",
            "The warranty period is 12 months.",
            "You can request a refund within 30 days of purchase.",
            "In most cases, you'll get a reply within a day.",
            "Your card will be charged within 24 hours.",
            "Invoices are due within 30 days.",
            "Employees are reimbursed within 10 days of approval.",
            "Select the Full refund option and click Save.",
            "A credit memo is created for the customer.",
            "You can't undo this change within the same day.",
            "Set up a payment discount for customers who pay within 8 days.",
            "The job finishes within 30 minutes.",
            "Reimburse employees for travel expenses from the Expenses page.",
            "Posting is always done in the local currency.",
            "Never tell a merchant that they will get a full refund.",
            "Escalate to Payments Ops within 2 hours if the payout fails.",
            "We recommend that you reply within 24 hours.",
            "The guarantee doesn't cover accidental damage.",
            "Turn on backups so you never lose an invoice.",
            "Users who are deleted can be restored within 30 days.",
            "Our goal is to answer every email within a day.",
            "Always check the policy and get a lead's approval before offering a free month.",
        ];
        let flagged: Vec<String> = look_alikes.iter().flat_map(|s| found(s)).collect();
        assert!(flagged.is_empty(), "flagged: {flagged:#?}");
    }
}
