//! `kblint facts`: the listing of what a KB states, and `--suggest`, whose registry fed
//! back through `facts:` turns cross-article conflicts into registry errors on the
//! minority side.

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

fn kb(d: &Path) {
    article(d, "policies/refunds.md", "owner: billing-team\n---\n# Refund policy\n\nYou can request a refund within 30 days of the charge.\n");
    article(d, "billing/faq.md", "---\n# FAQ\n\nCustomers can request a refund within 30 days of any charge.\n\nThe Pro plan costs $49 per month.\n");
    article(
        d,
        "plans/pro.md",
        "plan: pro\n---\n# Pro\n\nPro costs $49 per month.\n\nPro includes 10 users.\n",
    );
    article(d, "account/cancel.md", "---\n# Cancel\n\nYou have 14 days from the charge to request a refund.\n\nThe Pro plan costs $45 per month.\n");
    article(
        d,
        "team/users.md",
        "---\n# Users\n\nThe Pro plan includes up to 10 users.\n",
    );
}

fn check(d: &Path) -> Vec<(String, String, u64)> {
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
    json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["code"].as_str().unwrap().into(),
                x["path"].as_str().unwrap().into(),
                x["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn listing_groups_statements_by_subject() {
    let dir = tempfile::tempdir().unwrap();
    kb(dir.path());
    let out = run_in(dir.path(), &["facts", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v = json(&out);
    let facts = v["facts"].as_array().unwrap();
    let refund = facts
        .iter()
        .find(|f| f["kind"] == "duration" && f["values"].as_array().unwrap().len() == 2)
        .unwrap_or_else(|| panic!("{v:#}"));
    assert_eq!(refund["conflict"], true);
    assert_eq!(refund["values"][0]["value"], "30 days");
    assert_eq!(refund["values"][0]["articles"], 2);
    assert_eq!(
        refund["values"][1]["locations"][0]["path"],
        "account/cancel.md"
    );
    let table = stdout(&run_in(dir.path(), &["facts", "."]));
    assert!(table.contains("CONFLICT"), "{table}");
    assert!(table.contains("\"30 days\""), "{table}");
}

#[test]
fn suggested_registry_turns_conflicts_into_errors_on_the_minority_side() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    kb(d);
    // Without a registry: warnings on both sides.
    let before = check(d);
    assert!(before.iter().all(|f| f.0 == "KB201"), "{before:?}");
    assert!(
        before.contains(&("KB201".into(), "account/cancel.md".into(), 7)),
        "{before:?}"
    );
    assert!(
        before.contains(&("KB201".into(), "policies/refunds.md".into(), 8)),
        "{before:?}"
    );

    let out = run_in(d, &["facts", "--suggest", "--output", "facts.yml", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let registry = fs::read_to_string(d.join("facts.yml")).unwrap();
    assert!(registry.contains("value: 30 days"), "{registry}");
    assert!(registry.contains("value: 49 USD per month"), "{registry}");
    assert!(
        registry.contains("# also stated: \"14 days\" in account/cancel.md:7"),
        "{registry}"
    );
    assert!(
        registry.contains("owner: billing-team") || registry.contains("owner: team"),
        "{registry}"
    );

    fs::write(d.join(".kblint.yml"), "root: true\nfacts: facts.yml\n").unwrap();
    let after = check(d);
    // The minority statements are registry errors now, the majority is not.
    assert!(
        after.contains(&("KB202".into(), "account/cancel.md".into(), 7)),
        "{after:?}\n{registry}"
    );
    assert!(
        after.contains(&("KB202".into(), "account/cancel.md".into(), 9)),
        "{after:?}\n{registry}"
    );
    assert!(
        !after
            .iter()
            .any(|f| f.0 == "KB202" && f.1 != "account/cancel.md"),
        "{after:?}\n{registry}"
    );
    let out = run_in(
        d,
        &[
            "check",
            "--select",
            "conflict",
            "--today",
            "2026-11-24",
            ".",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn suggest_writes_yaml_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    kb(dir.path());
    let out = run_in(dir.path(), &["facts", "--suggest", "."]);
    let text = stdout(&out);
    assert!(text.starts_with("# Starter facts registry"), "{text}");
    assert!(text.contains("facts:\n  - id: "), "{text}");
}

#[test]
fn a_promise_that_states_a_registered_value_is_backed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join(".kblint.yml"), "root: true\nfacts: facts.yml\n").unwrap();
    fs::write(
        d.join("facts.yml"),
        "facts:\n  - id: refund-window\n    subject: [refund, request]\n    value: 30 days\n    owner: billing-team\n",
    )
    .unwrap();
    let article = |window: &str| {
        format!("---\nowner: t\nlast_reviewed: 2026-10-01\n---\n# Refunds\n\nYou can request a full refund within {window} of purchase.\n")
    };
    fs::write(d.join("agrees.md"), article("30 days")).unwrap();
    fs::write(d.join("differs.md"), article("45 days")).unwrap();
    let out = run_in(
        d,
        &[
            "check",
            "--no-cache",
            "--today",
            "2026-11-24",
            "--format",
            "concise",
        ],
    );
    let text = stdout(&out);
    assert!(
        !text.contains("agrees.md:7:1: error[KB301]"),
        "the registered value backs the promise: {text}"
    );
    assert!(text.contains("differs.md:7:1: error[KB301]"), "{text}");
    assert!(text.contains("differs.md:7:38: error[KB202]"), "{text}");
}
