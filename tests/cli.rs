//! The binary end to end: exit codes, paths, positions, configuration, commands.

mod common;
use common::*;
use std::fs;
use std::path::Path;

const FRESH: &str = "---\nowner: team\nlast_reviewed: 2026-10-01\n---\n";

#[test]
fn exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "ok.md", format!("{FRESH}# Fine\n\nAll good.\n"));
    let out = run_in(dir.path(), &["check", "--today", "2026-11-24"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("no findings"));

    write(
        dir.path(),
        "warn.md",
        format!("{FRESH}# Warn\n\nPrice: TBD.\n"),
    );
    let out = run_in(dir.path(), &["check", "--today", "2026-11-24"]);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let out = run_in(
        dir.path(),
        &["check", "--today", "2026-11-24", "--deny-warnings"],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "--deny-warnings fails on warnings"
    );

    write(
        dir.path(),
        "err.md",
        format!("{FRESH}# Err\n\nSee [gone](gone.md).\n"),
    );
    let out = run_in(dir.path(), &["check", "--today", "2026-11-24"]);
    assert_eq!(out.status.code(), Some(1));

    // Usage errors and bad configuration: 2.
    assert_eq!(
        run_in(dir.path(), &["check", "--no-such-flag"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run_in(dir.path(), &["check", "--today", "yesterday"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run_in(dir.path(), &["check", "--select", "KB999"])
            .status
            .code(),
        Some(2)
    );
    write(dir.path(), ".kblint.yml", "selct: [link]\n");
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(".kblint.yml:1: unknown key `selct`; did you mean `select`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_subcommand_means_check_and_today_env_works() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        "---\nowner: t\nlast_reviewed: 2026-01-01\n---\n# A\n\nTODO\n",
    );
    let a = kblint()
        .current_dir(dir.path())
        .args(["--format", "concise", "--today", "2026-02-01", "."])
        .output()
        .unwrap();
    let b = kblint()
        .current_dir(dir.path())
        .env("KBLINT_TODAY", "2026-02-01")
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    assert!(
        stdout(&a).contains("a.md:7:1: warning[KB501]"),
        "{}",
        stdout(&a)
    );
}

#[test]
fn paths_are_relative_to_the_working_directory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let abs = root.join("fixtures/positions-kb");
    let out = run_in(
        &root.join("fixtures"),
        &[
            "check",
            "--format",
            "concise",
            "--today",
            "2026-11-24",
            abs.to_str().unwrap(),
        ],
    );
    let text = stdout(&out);
    assert!(
        text.lines().all(|l| l.starts_with("positions-kb/")),
        "{text}"
    );
    let out = run_in(
        &root.join("fixtures/positions-kb"),
        &[
            "check",
            "--format",
            "concise",
            "--today",
            "2026-11-24",
            "../demo-kb/billing",
        ],
    );
    assert!(
        stdout(&out)
            .lines()
            .all(|l| l.starts_with("../demo-kb/billing/")),
        "{}",
        stdout(&out)
    );
}

#[test]
fn exact_positions_with_bom_crlf_and_multibyte_text() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "--today",
        "2026-11-24",
        "fixtures/positions-kb/bom-crlf.md",
    ]);
    let v = json(&out);
    let at: Vec<(String, u64, u64, u64)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["end_column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        at,
        vec![
            ("KB501".to_string(), 8, 57, 61), // TODO after ção, 日本語 and two emoji
            ("KB401".to_string(), 10, 6, 31), // [a página](nao-existe.md)
            ("KB402".to_string(), 10, 36, 57), // [âncora](#sem-titulo) after an emoji
        ]
    );
}

#[test]
fn nothing_is_flagged_in_code_inline_code_or_html_comments() {
    let out = run(&[
        "check",
        "--format",
        "json",
        "--today",
        "2026-11-24",
        "fixtures/positions-kb/code-and-comments.md",
    ]);
    let v = json(&out);
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn suppressions_and_unused_suppressions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.md",
        format!("{FRESH}# A\n\n<!-- kblint-disable-next-line KB501 -->\nTODO one\n\n<!-- kblint-disable-next-line broken-link -->\nFine line.\n\n<!-- kblint-disable placeholder -->\nTBD two\n<!-- kblint-enable -->\nFIXME three\n"),
    );
    write(dir.path(), "b.md", "---\nowner: t\nlast_reviewed: 2026-10-01\nkblint:\n  ignore: [KB501]\n---\nTODO ignored by frontmatter\n");
    write(
        dir.path(),
        "c.md",
        "<!-- kblint-disable-file -->\nTODO everything off\n",
    );
    let out = run_in(
        dir.path(),
        &["check", "--format", "concise", "--today", "2026-11-24"],
    );
    let text = stdout(&out);
    assert_eq!(
        text,
        "a.md:10:1: info[KB504] Suppression of broken-link suppresses nothing; remove it\na.md:16:1: warning[KB501] Placeholder left in the article: `FIXME` (TODO marker)\n"
    );
}

#[test]
fn subfolder_configuration_and_overrides() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".kblint.yml",
        "root: true\noverrides:\n  - files: ['archive/**']\n    ignore: [hygiene]\n",
    );
    write(
        dir.path(),
        "team/.kblint.yml",
        "severity:\n  placeholder: error\n",
    );
    write(dir.path(), "a.md", format!("{FRESH}TODO\n"));
    write(dir.path(), "team/b.md", format!("{FRESH}TODO\n"));
    write(dir.path(), "archive/c.md", "TODO\n");
    let out = run_in(
        dir.path(),
        &["check", "--format", "concise", "--today", "2026-11-24"],
    );
    assert_eq!(stdout(&out), "a.md:5:1: warning[KB501] Placeholder left in the article: `TODO` (TODO marker)\nteam/b.md:5:1: error[KB501] Placeholder left in the article: `TODO` (TODO marker)\n");
    let out = run_in(dir.path(), &["check", "--show-settings", "team/b.md"]);
    let text = stdout(&out);
    assert!(
        text.contains(".kblint.yml\n") && text.contains("team/.kblint.yml"),
        "{text}"
    );
    assert!(
        text.contains("KB501 placeholder") && text.contains("error"),
        "{text}"
    );
}

#[test]
fn excludes_hidden_and_vendor_folders_but_named_files_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), ".kblint.yml", "exclude: ['drafts/**']\n");
    write(dir.path(), "drafts/x.md", "TODO\n");
    write(dir.path(), ".hidden/x.md", "TODO\n");
    write(dir.path(), "node_modules/x.md", "TODO\n");
    write(dir.path(), "notes.txt", "TODO\n");
    let out = run_in(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(stdout(&out), "");
    let out = run_in(
        dir.path(),
        &["check", "--format", "concise", ".hidden/x.md"],
    );
    assert!(
        stdout(&out).contains(".hidden/x.md:1:1: warning[KB501]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn bad_user_pattern_is_exit_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        ".kblint.yml",
        "lexicons:\n  placeholders:\n    - id: ours\n      pattern: '(NEEDS REVIEW'\n",
    );
    let out = run_in(dir.path(), &["check"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(".kblint.yml:4:"), "{}", stderr(&out));
    write(
        dir.path(),
        ".kblint.yml",
        "lexicons:\n  placeholders:\n    - id: ours\n      pattern: 'NEEDS REVIEW'\n",
    );
    write(
        dir.path(),
        "a.md",
        format!("{FRESH}Pricing: NEEDS REVIEW\n"),
    );
    let out = run_in(dir.path(), &["check", "--format", "concise"]);
    assert!(
        stdout(&out).contains("a.md:5:10: warning[KB501]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn rules_explain_and_init() {
    let out = run(&["rules"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).contains("KB401  broken-link"));
    let out = run(&["explain", "placeholder"]);
    assert!(
        stdout(&out).contains("KB501 placeholder")
            && stdout(&out).contains("## Bad")
            && stdout(&out).contains("## Good")
    );
    let out = run(&["explain", "KB401"]);
    assert!(stdout(&out).contains("broken-link"));
    let out = run(&["explain", "placeholdr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `placeholder`"));

    let dir = tempfile::tempdir().unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0));
    let written = fs::read_to_string(dir.path().join(".kblint.yml")).unwrap();
    assert_eq!(written, include_str!("../rules/starter-config.yml"));
    fs::write(dir.path().join(".kblint.yml"), "mine: true\n").unwrap();
    let out = run_in(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        fs::read_to_string(dir.path().join(".kblint.yml")).unwrap(),
        "mine: true\n"
    );
    assert_eq!(
        run_in(dir.path(), &["init", "--force"]).status.code(),
        Some(0)
    );
    // The starter configuration is itself valid.
    write(dir.path(), "a.md", format!("{FRESH}ok\n"));
    assert_eq!(run_in(dir.path(), &["check"]).status.code(), Some(0));
}

#[test]
fn statistics_and_quiet() {
    let out = run(&[
        "check",
        "--today",
        "2026-11-24",
        "--quiet",
        "--statistics",
        "fixtures/demo-kb",
    ]);
    let text = stdout(&out);
    assert!(text.starts_with("Found "), "{text}");
    assert!(text.contains("KB401  broken-link"));
}
