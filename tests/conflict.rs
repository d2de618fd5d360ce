//! The conflict family end to end on small temporary KBs: what must be reported
//! (across articles, within one, yes/no policies, against facts.yml) and every precision
//! guard (scope, different subjects sharing a unit, ranges, examples, quotes, code,
//! archived articles, changelogs).

mod common;
use common::*;
use std::fs;
use std::path::Path;

/// Writes an article whose frontmatter starts with an owner and a fresh review date;
/// `body` continues the frontmatter.
fn article(dir: &Path, rel: &str, body: &str) {
    write(
        dir,
        rel,
        format!("---\nowner: team\nlast_reviewed: 2026-10-01\n{body}"),
    );
}

/// (code, path, line, message) of every conflict finding.
fn conflicts(dir: &Path) -> Vec<(String, String, u64, String)> {
    let out = run_in(
        dir,
        &[
            "check",
            "--select",
            "conflict",
            "--format",
            "json",
            "--today",
            "2026-11-24",
            ".",
        ],
    );
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        stderr(&out)
    );
    json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn policy(dir: &Path) {
    article(
        dir,
        "policies/refunds.md",
        "type: policy\n---\n# Refund policy\n\nYou can request a refund within 30 days of the charge.\n",
    );
}

#[test]
fn look_alikes_stay_silent() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    policy(d);
    // Different scope: EU customers.
    article(d, "eu.md", "region: EU\n---\n# EU rights\n\nFor EU customers, you can request a refund within 14 days of the charge.\n");
    // Different subject sharing the unit.
    article(d, "trial.md", "---\n# Trial\n\nYour free trial lasts 14 days.\n\nDeleted invoices stay in the trash for 14 days.\n");
    // A point inside a range.
    article(
        d,
        "a.md",
        "---\n# Payouts\n\nApproved refunds reach your card in 3–5 business days.\n",
    );
    article(
        d,
        "b.md",
        "---\n# Cards\n\nApproved refunds reach your card in 5 business days.\n",
    );
    // Examples, hypotheticals, quotes, code.
    article(
        d,
        "examples.md",
        "---\n# Examples\n\nFor example, you can request a refund within 14 days of the charge.\n\n\
         If you request a refund within 90 days of the charge, we review it case by case.\n\n\
         > My friend said I can request a refund within 60 days of the charge.\n\n\
         Set `refund_days` to 14 days with `request refund within 14 days`.\n\n\
         ```yaml\nrefund: request a refund within 7 days of the charge\n```\n",
    );
    // Archived articles and changelogs make no claims.
    article(d, "old.md", "status: archived\n---\n# Old policy\n\nYou can request a refund within 14 days of the charge.\n");
    article(d, "changelog/2024.md", "type: changelog\n---\n# 2024\n\n- You can now request a refund within 30 days of the charge, up from 14 days.\n- Earlier you could request a refund within 7 days of the charge.\n");
    let found = conflicts(d);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn disagreements_are_reported_at_every_location() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    policy(d);
    article(
        d,
        "billing/faq.md",
        "---\n# FAQ\n\nCustomers can request a refund within 30 days of any charge.\n",
    );
    article(
        d,
        "account/cancel.md",
        "---\n# Cancel\n\nYou have two weeks from the charge to request a refund.\n",
    );
    let found = conflicts(d);
    let at: Vec<(&str, u64)> = found.iter().map(|f| (f.1.as_str(), f.2)).collect();
    assert!(at.contains(&("account/cancel.md", 7)), "{found:#?}");
    assert!(at.contains(&("policies/refunds.md", 8)), "{found:#?}");
    assert!(at.contains(&("billing/faq.md", 7)), "{found:#?}");
    let minority = found.iter().find(|f| f.1 == "account/cancel.md").unwrap();
    assert_eq!(minority.0, "KB201");
    assert!(minority.3.contains("\"two weeks\" here"), "{}", minority.3);
    assert!(
        minority.3.contains("\"30 days\" in 2 articles"),
        "{}",
        minority.3
    );
}

#[test]
fn the_same_fact_written_two_ways_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(d, "a.md", "---\n# Pricing\n\nThe Pro plan costs $49/mo.\n\nYour free trial lasts two weeks.\n\nCall support on +1 (415) 555-0142.\n");
    article(d, "b.md", "---\n# Plans\n\nThe Pro plan costs 49 USD per month.\n\nYour free trial lasts fourteen days.\n\nCall support on 415.555.0142.\n");
    article(
        d,
        "c.md",
        "---\n# Help\n\nYou can request a refund within a month of the charge.\n",
    );
    policy(d);
    let found = conflicts(d);
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn within_one_article_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(
        d,
        "support.md",
        "---\n# Contact support\n\n| Channel | Hours |\n|---|---|\n| Live chat | Monday–Friday, 9am–5pm ET |\n\n\
         ## Live chat\n\nOur chat team is online from 8am to 6pm Eastern, Monday through Friday.\n",
    );
    let found = conflicts(d);
    let lines: Vec<u64> = found.iter().map(|f| f.2).collect();
    assert_eq!(lines, vec![9, 13], "{found:#?}");
}

#[test]
fn yes_no_policies_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    article(
        d,
        "refunds.md",
        "---\n# Refunds\n\nAnnual plans can be refunded within 30 days of the charge.\n",
    );
    article(d, "cancel.md", "---\n# Cancel\n\nAnnual subscriptions are non-refundable.\n\nMonthly plans are refundable.\n");
    article(
        d,
        "free.md",
        "plan: free\n---\n# Free\n\nCSV export is not available on the Free plan.\n",
    );
    article(
        d,
        "pro.md",
        "---\n# Pro\n\nCSV export is included in Pro and Business.\n",
    );
    let found = conflicts(d);
    let kb203: Vec<(&str, u64)> = found
        .iter()
        .filter(|f| f.0 == "KB203")
        .map(|f| (f.1.as_str(), f.2))
        .collect();
    assert_eq!(
        kb203,
        vec![("cancel.md", 7), ("refunds.md", 7)],
        "{found:#?}"
    );
}

#[test]
fn registry_mismatches_name_the_fact() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join(".kblint.yml"), "root: true\nfacts: facts.yml\n").unwrap();
    fs::write(
        d.join("facts.yml"),
        "facts:\n  - id: refund-window\n    subject: [refund, request]\n    value: 30 days\n    source: policies/refunds.md\n    owner: billing-team\n  - id: support-phone\n    subject: [phone, support]\n    value: +1 415 555 0142\n    owner: support-ops\n",
    )
    .unwrap();
    article(d, "cancel.md", "---\n# Cancel\n\nYou have 14 days from the charge to request a refund.\n\nCall our support line on (415) 555-0199.\n");
    let out = run_in(
        d,
        &[
            "check",
            "--select",
            "conflict",
            "--format",
            "json",
            "--today",
            "2026-11-24",
            ".",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a registry mismatch is an error"
    );
    let v = json(&out);
    let diags = v["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2, "{v:#}");
    for d in diags {
        assert_eq!(d["code"], "KB202");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["related"][0]["path"], "facts.yml");
    }
    let m = diags[0]["message"].as_str().unwrap();
    assert!(
        m.contains("`refund-window`") && m.contains("30 days") && m.contains("billing-team"),
        "{m}"
    );
    assert!(diags[1]["message"]
        .as_str()
        .unwrap()
        .contains("`support-phone`"));
}

#[test]
fn a_broken_registry_is_a_usage_error_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join(".kblint.yml"), "root: true\nfacts: facts.yml\n").unwrap();
    fs::write(
        d.join("facts.yml"),
        "facts:\n  - id: a\n    value: 30 days\n  - id: b\n    value: whenever\n",
    )
    .unwrap();
    article(d, "a.md", "---\n# A\n\nText.\n");
    let out = run_in(d, &["check", "--today", "2026-11-24", "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("facts.yml:4:"), "{}", stderr(&out));
    fs::remove_file(d.join("facts.yml")).unwrap();
    let out = run_in(d, &["check", "--today", "2026-11-24", "."]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a missing registry is a usage error too"
    );
}
