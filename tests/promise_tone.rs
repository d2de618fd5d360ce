//! The promise and tone families end to end: verification, policy backing (by folder,
//! by `type: policy`, by configured globs), severities, macro-only tone rules, and user
//! lexicon entries.

mod common;
use common::*;
use std::path::Path;

const FRESH: &str = "owner: ana\nlast_reviewed: 2026-10-01\n";
const VERIFIED: &str = "owner: ana\nlast_reviewed: 2026-10-01\nverified_by: Marcus Lee\n";

/// (code, path, line, severity) of every finding, with `today` fixed.
fn findings(dir: &Path, extra: &[&str]) -> Vec<(String, String, u64, String)> {
    let mut args = vec![
        "check",
        "--format",
        "json",
        "--today",
        "2026-11-24",
        "--select",
        "promise,tone",
    ];
    args.extend_from_slice(extra);
    args.push(".");
    let out = run_in(dir, &args);
    json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn has(f: &[(String, String, u64, String)], code: &str, path: &str, line: u64) -> bool {
    f.iter()
        .any(|(c, p, l, _)| c == code && p == path && *l == line)
}

#[test]
fn promises_need_verification_or_a_policy_link() {
    let d = tempfile::tempdir().unwrap();
    let body = "\n# Refunds\n\nYou'll get a full refund within 30 days.\n\nWe reply to every email within 24 hours, see [our SLA](sla.md).\n\nWe guarantee a reply within 4 hours, as set out in the [support terms](../terms/support.md).\n";
    write(
        d.path(),
        "help/refunds.md",
        format!("---\n{FRESH}---\n{body}"),
    );
    write(
        d.path(),
        "help/verified.md",
        format!("---\n{VERIFIED}---\n{body}"),
    );
    write(
        d.path(),
        "archive/old.md",
        format!("---\n{FRESH}status: archived\n---\n{body}"),
    );
    // Not in a policy folder, but `type: policy`: the corpus knows it.
    write(
        d.path(),
        "help/sla.md",
        format!("---\n{FRESH}type: policy\n---\n\n# SLA\n\nText.\n"),
    );
    write(
        d.path(),
        "terms/support.md",
        format!("---\n{FRESH}---\n\n# Support terms\n\nText.\n"),
    );
    let f = findings(d.path(), &[]);
    // Line numbers: 3 frontmatter lines + 2 fence lines → the body starts on line 5.
    assert!(has(&f, "KB301", "help/refunds.md", 8), "{f:?}");
    let money = f.iter().find(|x| x.0 == "KB301" && x.2 == 8).unwrap();
    assert_eq!(money.3, "error", "money promises are errors");
    assert!(
        !has(&f, "KB301", "help/refunds.md", 10),
        "backed by a `type: policy` article: {f:?}"
    );
    assert!(
        !has(&f, "KB301", "help/refunds.md", 12),
        "backed by a terms/ article: {f:?}"
    );
    assert!(
        !f.iter()
            .any(|x| x.1 == "help/verified.md" && x.0 == "KB301"),
        "verified: {f:?}"
    );
    assert!(
        !f.iter().any(|x| x.1 == "archive/old.md"),
        "archived: {f:?}"
    );
}

#[test]
fn absolute_wording_in_verified_articles_is_an_info_hint() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "help/a.md", format!("---\n{VERIFIED}---\n\nYou will never be charged twice for the same invoice.\n\nWe reply within 24 hours.\n"));
    write(
        d.path(),
        "policies/p.md",
        format!("---\n{VERIFIED}---\n\nYou will never be charged twice for the same invoice.\n"),
    );
    let f = findings(d.path(), &[]);
    assert_eq!(
        f,
        vec![(
            "KB302".to_string(),
            "help/a.md".to_string(),
            7,
            "info".to_string()
        )]
    );
}

#[test]
fn configured_policy_globs_back_promises() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".kblint.yml",
        "policy: [\"rules-of-the-house/**\"]\n",
    );
    write(
        d.path(),
        "rules-of-the-house/refunds.md",
        format!("---\n{FRESH}---\n\nText.\n"),
    );
    write(
        d.path(),
        "policies/old.md",
        format!("---\n{FRESH}---\n\nText.\n"),
    );
    write(
        d.path(),
        "help/a.md",
        format!("---\n{FRESH}---\n\nYou'll get a full refund, see [refunds](../rules-of-the-house/refunds.md).\n\nYou'll get a full refund, see [old](../policies/old.md).\n"),
    );
    let f = findings(d.path(), &[]);
    assert!(!has(&f, "KB301", "help/a.md", 6), "{f:?}");
    assert!(
        has(&f, "KB301", "help/a.md", 8),
        "policies/ is not a policy folder once `policy:` is configured: {f:?}"
    );
}

#[test]
fn tone_rules_fire_in_macros_only() {
    let d = tempfile::tempdir().unwrap();
    let reply = "\nHi {{first_name}},\n\nUnfortunately this is not our fault.\n\nWe apologise, but the bank is slow.\n\nWe'll try to look into it.\n\nAs a goodwill gesture, here's a free month on us.\n\nIt's not your fault, and I've fixed it. I'm sorry, and I've refunded you under our [refund policy](../policies/refunds.md).\n";
    write(
        d.path(),
        "macros/reply.md",
        format!("---\n{VERIFIED}---\n{reply}"),
    );
    write(
        d.path(),
        "help/typed.md",
        format!("---\n{VERIFIED}type: reply\n---\n{reply}"),
    );
    write(
        d.path(),
        "help/training.md",
        format!("---\n{VERIFIED}---\n{reply}"),
    );
    write(
        d.path(),
        "policies/refunds.md",
        format!("---\n{VERIFIED}---\n\nText.\n"),
    );
    let f = findings(d.path(), &[]);
    // `type: reply` adds a frontmatter line.
    for (path, shift) in [("macros/reply.md", 0), ("help/typed.md", 1)] {
        for (code, line) in [("KB601", 9), ("KB602", 11), ("KB603", 13), ("KB604", 15)] {
            assert!(
                has(&f, code, path, line + shift),
                "{code} {path}:{line} in {f:?}"
            );
        }
        assert!(
            !f.iter().any(|x| x.1 == path && x.2 == 17 + shift),
            "look-alikes on the last line: {f:?}"
        );
    }
    assert!(
        !f.iter()
            .any(|x| x.1 == "help/training.md" && x.0.starts_with("KB6")),
        "{f:?}"
    );
}

#[test]
fn tone_rules_on_varied_phrasing() {
    let d = tempfile::tempdir().unwrap();
    // One sentence per paragraph; the expected code (or none) after `|`.
    let cases = [
        ("That's not our responsibility; please contact your bank.", Some("KB601")),
        ("There's nothing more we can do on our side.", Some("KB601")),
        ("You should have checked the invoice before paying.", Some("KB601")),
        ("Had you read the email, you would have seen the warning.", Some("KB601")),
        ("I apologize, however the fee stands.", Some("KB602")),
        ("We're sorry, but refunds take time.", Some("KB602")),
        ("We apologise if this caused any confusion.", Some("KB602")),
        ("We'll do our best to get it fixed.", Some("KB603")),
        ("Someone from the billing team will be in touch.", Some("KB603")),
        ("We will attempt to resolve this in due course.", Some("KB603")),
        ("Here's a 20% discount on your next invoice.", Some("KB604")),
        ("We've added a $25 credit to your account.", Some("KB604")),
        ("I'm sorry this happened, and I've already refunded the charge.", None),
        ("It wasn't your fault at all.", None),
        ("I'll check on Friday and email you either way.", None),
        ("You should have received a confirmation email by now.", None),
        ("There's nothing else you need to do.", None),
        ("Under our [goodwill policy](../policies/goodwill.md), I've added a $25 credit to your account.", None),
        ("Sorry for the wait: I've escalated this to our billing team, who will reply by Thursday.", None),
        ("We tried to call you but couldn't reach you.", None),
        ("> You said it's not your fault and there's nothing you can do, but I want my money back.", None),
    ];
    let mut text = format!("---\n{VERIFIED}---\n");
    let mut line = 5; // the closing fence
    let mut expected = Vec::new();
    for (sentence, code) in cases {
        text.push_str(&format!("\n{sentence}\n"));
        line += 2;
        expected.push((line, sentence, code));
    }
    write(d.path(), "macros/varied.md", &text);
    write(
        d.path(),
        "policies/goodwill.md",
        format!("---\n{VERIFIED}---\n\nText.\n"),
    );
    let f = findings(d.path(), &[]);
    for (line, sentence, code) in expected {
        let got: Vec<&str> = f
            .iter()
            .filter(|x| x.1 == "macros/varied.md" && x.2 == line)
            .map(|x| x.0.as_str())
            .collect();
        match code {
            Some(c) => assert_eq!(got, vec![c], "{sentence}"),
            None => assert!(got.is_empty(), "{sentence}: {got:?}"),
        }
    }
}

#[test]
fn user_lexicon_entries_extend_the_promise_rules() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        ".kblint.yml",
        "lexicons:\n  promises:\n    - id: price-lock\n      label: price lock\n      kind: money\n      pattern: '\\bprice lock\\b'\n      matches: [\"a price lock\"]\n",
    );
    write(d.path(), "help/a.md", format!("---\n{FRESH}---\n\nEvery plan includes a price lock for two years.\n\nWe can't offer a price lock on monthly plans.\n"));
    let f = findings(d.path(), &[]);
    assert_eq!(
        f,
        vec![(
            "KB301".to_string(),
            "help/a.md".to_string(),
            6,
            "error".to_string()
        )]
    );
}

#[test]
fn explain_shows_examples_for_every_promise_and_tone_rule() {
    for code in ["KB301", "KB302", "KB601", "KB602", "KB603", "KB604"] {
        let out = run(&["explain", code]);
        let text = stdout(&out);
        assert!(
            out.status.success() && text.contains("Bad") && text.contains("Good"),
            "{code}: {text}"
        );
    }
}
