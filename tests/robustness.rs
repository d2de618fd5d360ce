//! Broken input never stops the run: every other file is still checked.

mod common;
use common::*;
use std::fs;

#[test]
fn broken_files_become_parse_diagnostics_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("good.md"),
        "---\nowner: t\nlast_reviewed: 2026-10-01\n---\n# Good\n\nPrice: TBD\n",
    )
    .unwrap();
    fs::write(d.join("binary.md"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    fs::write(
        d.join("latin1.md"),
        b"---\nowner: t\nlast_reviewed: 2026-10-01\n---\nCaf\xe9 credits\n",
    )
    .unwrap();
    fs::write(
        d.join("broken-yaml.md"),
        "---\ntitle: Troubleshooting: Record Locked\nowner: t\n---\n# Body\n\nTODO here\n",
    )
    .unwrap();
    fs::write(d.join("unterminated.md"), "---\ntitle: x\nowner: t\n").unwrap();
    fs::write(d.join("list.md"), "---\n- a\n- b\n---\nbody\n").unwrap();
    fs::write(d.join("empty.md"), "").unwrap();
    fs::write(
        d.join("only-frontmatter.md"),
        "---\nowner: t\nlast_reviewed: 2026-10-01\n---\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        fs::create_dir(d.join("sub")).unwrap();
        std::os::unix::fs::symlink("..", d.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink("self-link.md", d.join("self-link.md")).unwrap();
    }
    for follow in [false, true] {
        let mut args = vec!["check", "--format", "json", "--today", "2026-11-24"];
        if follow {
            args.push("--follow-links");
        }
        let out = run_in(d, &args);
        assert_eq!(
            out.status.code(),
            Some(1),
            "follow={follow}: {}",
            stderr(&out)
        );
        let v = json(&out);
        let diags = v["diagnostics"].as_array().unwrap();
        let has = |path: &str, code: &str, line: u64| {
            diags
                .iter()
                .any(|x| x["path"] == path && x["code"] == code && x["line"] == line)
        };
        assert!(has("good.md", "KB501", 7), "good file still checked: {v}");
        assert!(has("binary.md", "KB002", 1));
        assert!(
            has("latin1.md", "KB002", 5),
            "invalid UTF-8 with its line: {v}"
        );
        assert!(
            has("broken-yaml.md", "KB004", 2),
            "YAML error at its line: {v}"
        );
        assert!(
            has("broken-yaml.md", "KB501", 7),
            "body of a broken-frontmatter file is still checked"
        );
        assert!(has("unterminated.md", "KB004", 1));
        assert!(has("list.md", "KB004", 2));
        for d in diags.iter().filter(|x| x["category"] == "parse") {
            assert_eq!(d["severity"], "error");
        }
        if follow {
            assert!(
                diags.iter().any(
                    |x| x["code"] == "KB001" && x["message"].as_str().unwrap().contains("loop")
                ),
                "{v}"
            );
        }
    }
}

#[test]
fn a_missing_path_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.md"), "TODO\n").unwrap();
    let out = run_in(
        dir.path(),
        &["check", "--format", "concise", "a.md", "nope"],
    );
    let text = stdout(&out);
    assert!(text.contains("a.md:1:1: warning[KB501]"), "{text}");
    assert!(text.contains("nope:1:1: error[KB001]"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}
