//! KB105 lapsed-wording.

use super::{is_history, owner_note};
use crate::article::markdown::BlockKind;
use crate::diagnostic::{Category, Diagnostic, Severity};
use crate::lexicon::Lexicon;
use crate::review::{DateSource, ReviewState};
use crate::rules::{ArticleCtx, Check, Rule, RuleMeta};
use crate::timebound::{
    ends_a_range, inside_quotes, is_conditional, is_example, is_future_tense,
    is_history_or_example, is_terminal, judge, parse_span, sentence_range, Clock, Kind, Lapse,
};
use chrono::Datelike;
use std::ops::Range;

/// The rule.
pub static RULE: Rule = Rule {
    meta: RuleMeta {
        code: "KB105",
        name: "lapsed-wording",
        category: Category::Stale,
        severity: Severity::Warning,
        default_enabled: true,
        summary: "Time-bound wording in prose has lapsed: \"as of Q3 2023\", \"offer ends March 31, 2025\", \"coming soon\" in an old article.",
        docs: r#"Prose ages even when nobody touches it. Each phrase is judged against today and
the article's last review (frontmatter, else the last Git commit):

- **"as of <date>"** (a snapshot): lapsed once the date is more than one review interval
  old (180 days by default), or as soon as it passes when the sentence speaks of it in
  the future tense ("As of July 1, 2024, this feature will be enabled"). "As of
  2026-10-01" on 2026-11-24 is fine.
- **"until / through / by / ends / expires <date>"**, promotional deadlines ("offer
  ends March 31"), deadlines ("the last day to switch is …"): lapsed once the date has
  passed.
- **Future tense about a date** ("will be turned off on March 1, 2025"): lapsed once the
  date has passed.
- **"starting / effective / beginning <date>"**: fine once passed: "Starting March 1,
  2025, invoices carry a QR code" is simply true afterwards. Lapsed only when the sentence
  announces the change in the future tense ("Starting March 1, 2025, invoices will
  carry …") and the date has passed.
- **Wording that ages** ("coming soon", "currently in beta", "recently launched",
  "New!", "at the time of writing", "in the coming weeks"): lapsed when the last review
  is more than 180 days old. "New" alone is never flagged ("a new employee", "New York",
  "create a new invoice", a "**New**:" term in a definition list); only clearly
  temporal uses are ("new this year", "New!", "NEW:", "new feature!").
- **Calendar-relative wording** ("new this year", "later this month", "coming next
  year"): lapsed once the period, counted from the last review, is over.

Dates: 2023-03-31, 03/31/2025, March 31, 2025, 31 March 2025, Mar 2024, Q3 2023,
H1 2024, mid-2024, fall 2023, the end of 2024, 2021. A day without a year ("offer ends
March 31") takes the year of the last review; that is only read after promotional and
deadline wording, since "W-2s are due by January 31" is a yearly deadline.

Not flagged: archived/deprecated articles (and those in archive folders), changelogs and
release notes, code, quoted text (blockquotes other than `> **Note:**`-style callouts), sentences about history
("the offer ran until …", "was available through …"), examples ("for example, …",
"Example" sections), periods ("from 2/2/2023 until 6/30/2023"), final states ("deprecated
as of March 30, 2024"), and titles cited in link text ("see [Support … ends …](…)").
Drafts are checked: they would publish the wording.
The phrasings live in `rules/time-bound.yml` and can be extended under
`lexicons: {time-bound: [...]}`.

## Bad
```markdown
<!-- today 2026-11-24, last reviewed 2024-10-08 -->
As of Q3 2023, Quillstack Pay is available in the US, the UK and the EU.
The offer ends March 31, 2025.
Two-way sync is coming soon.
```

## Good
```markdown
Quillstack Pay is available in the US, the UK and the EU.
Two-way sync is on the roadmap; see the public roadmap for dates.
```
"#,
    },
    check: Check::Article(check),
};

/// One lapsed phrase inside a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Byte range of the phrase in the text.
    pub range: Range<usize>,
    /// The lexicon entry's id.
    pub id: String,
    /// Why it lapsed.
    pub lapse: Lapse,
}

/// Labels that make a blockquote a callout (still the article's own voice).
const CALLOUTS: &[&str] = &[
    "note",
    "tip",
    "important",
    "warning",
    "caution",
    "info",
    "notice",
    "update",
];

fn is_callout(text: &str) -> bool {
    let t = text.trim_start();
    let head: String = t
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    CALLOUTS.contains(&head.as_str()) && t[head.len()..].trim_start().starts_with([':', '.', '!'])
}

/// Whether a paragraph introduces an example that the following paragraphs work through.
fn introduces_example(text: &str) -> bool {
    let t = text.to_lowercase();
    [
        "following scenario",
        "following example",
        "consider the following",
        "for example:",
        "example scenario",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Whether `range` lies in the text of a link cited as a title ("see [Support for X
/// ends February 28, 2017](…)"): the words are the other document's, not a claim.
fn is_cited_title(
    a: &crate::article::Article,
    seg: &crate::article::markdown::Segment,
    range: &Range<usize>,
) -> bool {
    seg.links.iter().any(|(l, _)| {
        if !(l.start <= range.start && range.end <= l.end) {
            return false;
        }
        let mut from = l.start.saturating_sub(40);
        while !a.text.is_char_boundary(from) {
            from += 1;
        }
        let before = a.text[from..l.start].trim_end().to_lowercase();
        [
            "see", "see:", "read", "refer to", "visit", "titled", "article",
        ]
        .iter()
        .any(|w| before.ends_with(w))
    })
}

/// Whether a heading introduces an example ("Example 2", "Scenario: …").
fn is_example_heading(text: &str) -> bool {
    let t = text.to_lowercase();
    ["example", "scenario", "walkthrough", "sample"]
        .iter()
        .any(|w| t.contains(w))
}

/// Finds the lapsed time-bound phrases of `text` (one paragraph, list item or cell).
/// `example_section` says the text is under an "Example" heading, where dates are
/// illustrations.
pub fn find_lapses(text: &str, lex: &Lexicon, clock: &Clock, example_section: bool) -> Vec<Hit> {
    let hits = lex.set().matches(text);
    if !hits.matched_any() {
        return Vec::new();
    }
    let default_year = clock.last_review.unwrap_or(clock.today).year();
    let mut found: Vec<Hit> = Vec::new();
    for i in hits.iter() {
        let entry = &lex.entries[i];
        let kind = entry
            .spec
            .kind
            .as_deref()
            .and_then(Kind::parse)
            .unwrap_or(Kind::Aging);
        for caps in entry.regex().captures_iter(text) {
            let Some(m) = caps.get(0) else { continue };
            if inside_quotes(text, m.start(), m.end()) {
                continue;
            }
            let sentence_at = sentence_range(text, m.range());
            let sentence = &text[sentence_at.clone()];
            let span = match caps.name("date") {
                Some(d) => {
                    // A bare year that is really a version or a number ("2019.1", "2024-25").
                    let after = &text[d.end()..];
                    let mut next = after.chars();
                    if matches!((next.next(), next.next()), (Some('.' | '-' | '/' | ','), Some(c)) if c.is_ascii_digit())
                    {
                        continue;
                    }
                    // "all versions of Project through 2010": a product year, not a date.
                    let bare_year = d.as_str().len() == 4;
                    if bare_year && sentence.to_lowercase().contains("version") {
                        continue;
                    }
                    match parse_span(d.as_str(), default_year) {
                        Some(s) => Some(s),
                        None => continue,
                    }
                }
                None if kind.is_dated() => continue,
                None => None,
            };
            if is_history_or_example(sentence, kind) {
                continue;
            }
            let future = is_future_tense(sentence);
            // "deprecated as of March 30, 2024" stays true; "see if the issue was
            // recently introduced" is not a claim.
            if (kind == Kind::AsOf && !future && is_terminal(sentence))
                || (!kind.is_dated()
                    && is_conditional(&text[sentence_at.start.min(m.start())..m.start()]))
            {
                continue;
            }
            // Dates in examples ("For example, … on or before December 31, 2016") and
            // periods ("148 days from 2/2/2023 until 6/30/2023") are not deadlines.
            if kind.is_dated()
                && (example_section
                    || is_example(&text[..m.start()])
                    || (kind == Kind::Deadline && ends_a_range(&text[..m.start()])))
            {
                continue;
            }
            if let Some(lapse) = judge(kind, span, clock, future) {
                let lead = m.as_str().len() - m.as_str().trim_start().len();
                found.push(Hit {
                    range: m.start() + lead..m.end(),
                    id: entry.spec.id.clone(),
                    lapse,
                });
            }
        }
    }
    found.sort_by_key(|h| (h.range.start, std::cmp::Reverse(h.range.end)));
    let mut kept: Vec<Hit> = Vec::new();
    for h in found {
        if kept.last().is_some_and(|k| h.range.start < k.range.end) {
            continue;
        }
        kept.push(h);
    }
    kept
}

fn check(ctx: &ArticleCtx, out: &mut Vec<Diagnostic>) {
    let a = ctx.article;
    if is_history(&a.meta, ctx.settings) {
        return;
    }
    let state = ReviewState::of(&a.meta, ctx.settings, ctx.git_date, ctx.today);
    let clock = Clock {
        today: ctx.today,
        last_review: state.last_review.filter(|d| *d <= ctx.today),
        interval: state.interval,
    };
    let from_git = if state.source == Some(DateSource::Git) {
        " (review date from Git: the last commit)"
    } else {
        ""
    };
    let lex = ctx.lexicons.get("time-bound");
    let owner = owner_note(&a.meta);
    let headings = &a.md.headings;
    // Example context: an "Example" section, or what follows "consider the following
    // scenario", down to the next heading of the same or a higher level.
    let mut current_section = usize::MAX;
    let mut example_level: Option<u8> = None;
    for seg in &a.md.prose {
        let at = seg.source_offset(0);
        let section = headings.partition_point(|h| h.range.start <= at);
        let level = section
            .checked_sub(1)
            .map(|i| headings[i].level)
            .unwrap_or(0);
        if section != current_section {
            current_section = section;
            if example_level.is_some_and(|l| level <= l) {
                example_level = None;
            }
            if section > 0 && is_example_heading(&headings[section - 1].text) {
                example_level = Some(example_level.map_or(level, |l| l.min(level)));
            }
        }
        if !matches!(seg.block, BlockKind::Heading(_))
            && introduces_example(&seg.text)
            && example_level.is_none()
        {
            // Before any heading, the example ends at the first heading.
            example_level = Some(if level == 0 { 6 } else { level });
        }
        let example_context = example_level.is_some();
        if seg.is_quoted() && !is_callout(&seg.text) {
            continue;
        }
        for hit in find_lapses(&seg.text, lex, &clock, example_context) {
            let range = seg.source_range(hit.range.clone());
            if is_cited_title(a, seg, &range) {
                continue;
            }
            let phrase =
                seg.text[hit.range.clone()].replace(crate::article::markdown::CODE_MARK, "…");
            let message = format!(
                "Lapsed time-bound wording \"{phrase}\": {}{from_git}; reword or re-date it{owner}",
                hit.lapse.reason
            );
            ctx.emit(out, &RULE.meta, range, message);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::parse_date;
    use crate::lexicon::Lexicons;

    fn lapsed(text: &str, last_review: &str) -> bool {
        let lex = Lexicons::embedded();
        let clock = Clock {
            today: parse_date("2026-11-24").unwrap(),
            last_review: parse_date(last_review),
            interval: 180,
        };
        !find_lapses(text, lex.get("time-bound"), &clock, false).is_empty()
    }

    /// Phrasings and their verdict on 2026-11-24: (text, last review, lapsed?).
    const TABLE: &[(&str, &str, bool)] = &[
        // "as of": a snapshot, lapsed one review interval after the date
        ("As of March 2023, Quillstack withholds at the flat 22% rate.", "2026-10-12", true),
        ("As of Q3 2023, Quillstack Pay is available in the US.", "2026-09-22", true),
        ("As of 2026-10-01, journal entries are split by department.", "2026-10-26", false),
        ("As of 2021, all plans include bank feeds.", "2026-10-01", true),
        ("As of 03/31/2026, the fee is 2.9%.", "2026-10-01", true),
        ("As of the end of 2024, the limit is $23,000.", "2026-10-01", true),
        ("As of January 1, 2027, the Pro plan costs $59.", "2026-10-01", false),
        ("as of this writing, only US banks are supported", "2024-01-01", true),
        // deadlines: lapsed once passed
        ("The offer ends March 31, 2025, and applies to new subscriptions only.", "2026-07-14", true),
        ("The switch-over offer ends 31 March 2025; requests are made from the dashboard.", "2026-10-08", true),
        ("Early access is offered to all Pro customers until June 30, 2025.", "2026-09-22", true),
        ("The rate relief applies through Q2 2024, after which the regular rate applies.", "2026-10-27", true),
        ("Holiday dates are loaded until December 31, 2027.", "2026-11-03", false),
        ("Customers must move to the new editor by the end of 2024.", "2026-10-01", true),
        ("Offer ends March 31.", "2025-01-15", true),
        ("Offer ends December 31.", "2026-10-01", false),
        ("Employers must furnish W-2s by January 31.", "2026-10-01", false),
        ("Chat is open Monday through Friday, 8am to 6pm.", "2024-01-01", false),
        ("The promotion ran until March 31, 2025.", "2026-10-01", false),
        ("For example, a plan bought on March 3, 2025 renews until March 3, 2026.", "2026-10-01", false),
        ("Classic sync will be turned off on March 1, 2025.", "2026-10-01", true),
        ("The new editor is scheduled for Q2 2027.", "2026-10-01", false),
        // start dates: fine once passed if the last review saw it pass
        ("Starting March 1, 2025, invoices carry a QR code.", "2026-10-01", false),
        ("Starting November 1, 2026, invoices carry a QR code.", "2026-10-01", false),
        ("Starting March 1, 2025, invoices will carry a QR code.", "2026-10-01", true),
        ("As of July 1, 2024, this feature will be enabled by default.", "2026-10-01", true),
        ("There are 148 days from 2/2/2023 until 6/30/2023.", "2026-10-01", false),
        ("For example, say you migrate in 2017. Transactions on or before December 31, 2016, are aggregated.", "2026-10-01", false),
        ("Effective 2027-01-01, the Pro plan includes payroll.", "2026-10-01", false),
        // wording that ages
        ("Two-way sync is coming soon.", "2024-10-08", true),
        ("Two-way sync is coming soon.", "2026-10-08", false),
        ("Sick leave tracking is currently in beta.", "2024-08-19", true),
        ("Quillstack recently launched a mobile app.", "2025-01-01", true),
        ("New! Bulk-edit invoices from the list.", "2025-01-01", true),
        ("New: If there are no supply orders, a new one is suggested.", "2025-01-01", false),
        ("Create a new invoice from the dashboard.", "2020-01-01", false),
        ("Add a new employee before the run.", "2020-01-01", false),
        ("Our office is in New York.", "2020-01-01", false),
        ("New hire reporting is automatic.", "2020-01-01", false),
        ("Reply as soon as possible.", "2020-01-01", false),
        ("Sick leave tracking left beta in March.", "2020-01-01", false),
        // calendar-relative
        ("New this year: employees can view W-2s in the app.", "2024-11-02", true),
        ("New this year: employees can view W-2s in the app.", "2026-02-01", false),
        ("Multi-currency is coming later this year.", "2025-06-01", true),
        ("Dark mode is launching next month.", "2026-10-15", false),
        ("Dark mode is launching next month.", "2026-08-15", true),
        ("Unused scans don't roll over to the next month.", "2020-01-01", false),
    ];

    #[test]
    fn phrasing_table() {
        assert!(TABLE.len() >= 25);
        let mut wrong = Vec::new();
        for (text, review, expect) in TABLE {
            if lapsed(text, review) != *expect {
                wrong.push(format!(
                    "{text:?} (reviewed {review}): expected lapsed={expect}"
                ));
            }
        }
        assert!(wrong.is_empty(), "wrong verdicts:\n{}", wrong.join("\n"));
    }

    #[test]
    fn lexicon_examples() {
        let lex = Lexicons::embedded();
        let tb = lex.get("time-bound");
        let mut wrong = Vec::new();
        for e in &tb.entries {
            if Kind::parse(e.spec.kind.as_deref().unwrap_or("")).is_none() {
                wrong.push(format!("{}: unknown kind", e.spec.id));
            }
            if e.spec.matches.is_empty() || e.spec.ignores.is_empty() {
                wrong.push(format!("{}: needs matches and ignores examples", e.spec.id));
            }
            wrong.extend(
                e.spec
                    .matches
                    .iter()
                    .filter(|m| !e.regex().is_match(m))
                    .map(|m| format!("{} should match {m:?}", e.spec.id)),
            );
            wrong.extend(
                e.spec
                    .ignores
                    .iter()
                    .filter(|m| e.regex().is_match(m))
                    .map(|m| format!("{} should ignore {m:?}", e.spec.id)),
            );
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn callouts_are_not_quotes() {
        assert!(is_callout("Note: the offer ends soon"));
        assert!(is_callout("Important. Read this"));
        assert!(!is_callout("Notebook: mine"));
        assert!(!is_callout("\"My bank said the deposit was pending\""));
    }
}
