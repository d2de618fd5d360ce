//! `kblint verify`: round trips through the real binary on temporary copies. Every byte
//! that is not the stamp must survive: comments, key order, quoting, CRLF, BOM.

mod common;

use common::{kblint, stderr, stdout};
use std::path::Path;
use std::process::Output;

fn verify(dir: &Path, args: &[&str]) -> Output {
    kblint()
        .current_dir(dir)
        .arg("verify")
        .args(args)
        .output()
        .expect("run kblint verify")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn read(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join(name)).unwrap()
}

fn text(dir: &Path, name: &str) -> String {
    String::from_utf8(read(dir, name)).unwrap()
}

/// Stamps `input` as `a.md` with `--by "Ana Lima" --date 2026-11-24` (plus `extra`) and
/// returns the result.
fn stamp(input: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", input.as_bytes());
    let mut args = vec!["a.md", "--by", "Ana Lima", "--date", "2026-11-24"];
    args.extend_from_slice(extra);
    let out = verify(dir.path(), &args);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    text(dir.path(), "a.md")
}

#[test]
fn block_style_with_comments_and_quoting() {
    let input = "---\n# Billing article: owned by the billing team\ntitle: \"Refunds: how long they take\"\nowner: billing-team   # Slack #billing\nlast_reviewed: '2024-01-15'  # quarterly\nreviewer: \"Bo Chen\"\ntags: [refunds, billing]\n---\n\n# Refunds\n\nBody text stays.\n";
    let expected = "---\n# Billing article: owned by the billing team\ntitle: \"Refunds: how long they take\"\nowner: billing-team   # Slack #billing\nlast_reviewed: '2026-11-24'  # quarterly\nreviewer: \"Ana Lima\"\ntags: [refunds, billing]\n---\n\n# Refunds\n\nBody text stays.\n";
    assert_eq!(stamp(input, &[]), expected);
}

#[test]
fn adds_the_keys_that_are_missing() {
    let input = "---\ntitle: Refunds\nowner: billing-team\n---\nBody\n";
    assert_eq!(
        stamp(input, &["--interval", "90d"]),
        "---\ntitle: Refunds\nowner: billing-team\nverified_by: Ana Lima\nverified_at: 2026-11-24\nreview_interval: 90d\n---\nBody\n"
    );
}

#[test]
fn flow_style_frontmatter() {
    let input = "---\n{owner: a, reviewed: 2024-01-01}\n---\n# T\n";
    assert_eq!(
        stamp(input, &[]),
        "---\n{owner: a, reviewed: 2026-11-24, verified_by: Ana Lima}\n---\n# T\n"
    );
    let input =
        "---\n{owner: a, reviewed: 2024-01-01, verified_by: \"Bo\", review_interval: 30d}\n---\n";
    assert_eq!(
        stamp(input, &["--interval", "6m"]),
        "---\n{owner: a, reviewed: 2026-11-24, verified_by: \"Ana Lima\", review_interval: 6m}\n---\n"
    );
}

#[test]
fn crlf_and_bom_survive() {
    let input = "\u{FEFF}---\r\ntitle: Refunds\r\nowner: billing-team\r\nms.date: 03/15/2024\r\n---\r\n# Refunds\r\n\r\nText.\r\n";
    let out = stamp(input, &[]);
    assert_eq!(
        out,
        "\u{FEFF}---\r\ntitle: Refunds\r\nowner: billing-team\r\nms.date: 11/24/2026\r\nverified_by: Ana Lima\r\n---\r\n# Refunds\r\n\r\nText.\r\n"
    );
    assert!(!out.replace("\r\n", "").contains('\n'), "no bare LF added");
}

#[test]
fn adds_frontmatter_to_an_article_without_one() {
    let input = "# Refunds\r\n\r\nText.\r\n";
    assert_eq!(
        stamp(input, &[]),
        "---\r\nverified_by: Ana Lima\r\nverified_at: 2026-11-24\r\n---\r\n# Refunds\r\n\r\nText.\r\n"
    );
}

#[test]
fn names_that_need_quoting_are_quoted() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", b"---\ntitle: x\n---\n");
    let out = verify(
        dir.path(),
        &["a.md", "--by", "O'Brien: support", "--date", "2026-11-24"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        text(dir.path(), "a.md"),
        "---\ntitle: x\nverified_by: 'O''Brien: support'\nverified_at: 2026-11-24\n---\n"
    );
}

#[test]
fn a_second_run_changes_only_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let original = "---\r\n# keep me\r\nowner: a   # x\r\nupdated: \"2024-02-02\"\r\nverified_by: [b, c]\r\n---\r\nbody\r\n";
    write(dir.path(), "a.md", original.as_bytes());
    let run = |date: &str| verify(dir.path(), &["a.md", "--by", "Ana Lima", "--date", date]);
    assert!(run("2026-11-24").status.success());
    let first = text(dir.path(), "a.md");
    assert_eq!(
        first,
        "---\r\n# keep me\r\nowner: a   # x\r\nupdated: \"2026-11-24\"\r\nverified_by: Ana Lima\r\n---\r\nbody\r\n"
    );
    // Same stamp again: byte-identical, and reported as unchanged.
    let out = run("2026-11-24");
    assert!(out.status.success());
    assert!(stdout(&out).contains("unchanged"), "{}", stdout(&out));
    assert_eq!(text(dir.path(), "a.md"), first);
    // A later day: only the date moves.
    assert!(run("2027-01-05").status.success());
    assert_eq!(
        text(dir.path(), "a.md"),
        first.replace("2026-11-24", "2027-01-05")
    );
}

#[test]
fn today_is_the_default_date() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        b"---\nlast_reviewed: 2020-01-01\nreviewer: Bo\n---\n",
    );
    let out = kblint()
        .current_dir(dir.path())
        .env("KBLINT_TODAY", "2026-11-24")
        .args(["verify", "a.md", "--by", "Ana"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        text(dir.path(), "a.md"),
        "---\nlast_reviewed: 2026-11-24\nreviewer: Ana\n---\n"
    );
}

#[test]
fn broken_yaml_is_refused_and_left_untouched_while_others_are_stamped() {
    let dir = tempfile::tempdir().unwrap();
    let broken = b"---\ntitle: Troubleshooting: Record Locked\nowner: a\n---\nbody\n".to_vec();
    let unterminated = b"---\ntitle: x\nowner: a\nbody\n".to_vec();
    write(dir.path(), "broken.md", &broken);
    write(dir.path(), "open.md", &unterminated);
    write(dir.path(), "good.md", b"---\nowner: a\n---\n");
    let out = verify(
        dir.path(),
        &[
            "broken.md",
            "open.md",
            "good.md",
            "--by",
            "Ana",
            "--date",
            "2026-11-24",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("broken.md") && err.contains("not valid YAML"),
        "{err}"
    );
    assert!(
        err.contains("open.md") && err.contains("never closed"),
        "{err}"
    );
    assert_eq!(read(dir.path(), "broken.md"), broken);
    assert_eq!(read(dir.path(), "open.md"), unterminated);
    assert_eq!(
        text(dir.path(), "good.md"),
        "---\nowner: a\nverified_by: Ana\nverified_at: 2026-11-24\n---\n"
    );
    // Nothing left behind: no temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[cfg(unix)]
#[test]
fn permissions_are_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", b"---\nowner: a\n---\n");
    std::fs::set_permissions(
        dir.path().join("a.md"),
        std::fs::Permissions::from_mode(0o640),
    )
    .unwrap();
    assert!(verify(dir.path(), &["a.md", "--by", "Ana"])
        .status
        .success());
    let mode = std::fs::metadata(dir.path().join("a.md"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
}

#[test]
fn a_stamped_article_is_no_longer_stale() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        b"---\nowner: a\nlast_reviewed: 2024-01-01\n---\n# A\n",
    );
    let check = || {
        kblint()
            .current_dir(dir.path())
            .args([
                "check",
                "--no-git",
                "--select",
                "stale",
                "--format",
                "concise",
                "--today",
                "2026-11-24",
                ".",
            ])
            .output()
            .unwrap()
    };
    assert!(stdout(&check()).contains("KB101"));
    assert!(verify(
        dir.path(),
        &["a.md", "--by", "Ana", "--today", "2026-11-24"]
    )
    .status
    .success());
    let out = check();
    assert_eq!(stdout(&out).trim(), "", "{}", stdout(&out));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.md", b"# A\n");
    for args in [
        &["a.md", "--by", "Ana", "--date", "31/12/2026"][..],
        &["a.md", "--by", "Ana", "--interval", "soon"][..],
        &["a.md", "--by", "  "][..],
    ] {
        let out = verify(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert_eq!(read(dir.path(), "a.md"), b"# A\n");
}
