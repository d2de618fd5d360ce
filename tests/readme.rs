//! The README stays true: its rule table is the registry's, and its first two commands
//! are the ones CI runs.

#[test]
fn readme_rule_table_is_generated_from_the_registry() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("rules:start marker")
        + "<!-- rules:start -->\n".len();
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let table = kblint::rules::markdown_table();
    if std::env::var_os("KBLINT_UPDATE_README").is_some() && readme[start..end] != table {
        let updated = format!("{}{table}{}", &readme[..start], &readme[end..]);
        std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"), updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[start..end],
        table,
        "README rule table is out of date: run `KBLINT_UPDATE_README=1 cargo test --test readme`"
    );
}

#[test]
fn readme_starts_with_the_demo_and_test_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let blocks: Vec<&str> = readme
        .split("```sh\n")
        .skip(1)
        .take(2)
        .map(|b| b.split("```").next().unwrap().trim())
        .collect();
    assert_eq!(
        blocks[0],
        "cargo run --release -- check --today 2026-11-24 fixtures/demo-kb"
    );
    assert_eq!(blocks[1], "cargo test");
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(
        ci.contains(blocks[1]),
        ".ci/run runs the README's test command"
    );
}

/// Every `<!-- sample:FORMAT -->` block in the README is the real output of that format
/// on `fixtures/sample-kb`. `KBLINT_UPDATE_README=1` rewrites them.
#[test]
fn readme_format_samples_are_real_output() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let mut readme = std::fs::read_to_string(path).unwrap();
    let mut changed = false;
    let mut pos = 0;
    let mut seen = 0;
    while let Some(i) = readme[pos..].find("<!-- sample:") {
        let at = pos + i;
        let name_end = at + readme[at..].find(" -->").unwrap();
        let format = readme[at + "<!-- sample:".len()..name_end].to_string();
        let fence = name_end + readme[name_end..].find("```").unwrap();
        let body_start = fence + readme[fence..].find('\n').unwrap() + 1;
        let body_end = body_start + readme[body_start..].find("```").unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kblint"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .env_remove("KBLINT_TODAY")
            .args([
                "check",
                "--today",
                "2026-11-24",
                "--format",
                &format,
                "fixtures/sample-kb",
            ])
            .output()
            .unwrap();
        let actual = String::from_utf8(out.stdout).unwrap();
        if readme[body_start..body_end] != actual {
            assert!(std::env::var_os("KBLINT_UPDATE_README").is_some(), "README sample `{format}` is out of date: run `KBLINT_UPDATE_README=1 cargo test --test readme`");
            readme.replace_range(body_start..body_end, &actual);
            changed = true;
        }
        pos = body_start;
        seen += 1;
    }
    assert!(seen >= 6, "README has format samples");
    if changed {
        std::fs::write(path, readme).unwrap();
    }
}
