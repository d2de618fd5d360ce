//! The README's CI jobs, followed word for word: every `kblint` command of the GitHub
//! Actions workflow and the GitLab CI job runs on a copy of the demo KB as `kb/`.

mod common;
use std::fs;
use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The YAML block after `<!-- ci:NAME -->` in the README.
fn block(name: &str) -> String {
    let readme = fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let at = readme
        .find(&format!("<!-- ci:{name} -->"))
        .unwrap_or_else(|| panic!("README has a ci:{name} block"));
    let start = at + readme[at..].find("```yaml\n").unwrap() + 8;
    let end = start + readme[start..].find("```").unwrap();
    readme[start..end].to_string()
}

/// The `kblint …` shell commands of a YAML job (the lines that `run:` or list them).
fn kblint_commands(yaml: &str) -> Vec<String> {
    yaml.lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let l = l.strip_prefix("- ").unwrap_or(l);
            let l = l.strip_prefix("run: ").unwrap_or(l);
            l.starts_with("kblint ").then(|| l.to_string())
        })
        .collect()
}

fn run_job(name: &str) -> (tempfile::TempDir, Vec<(String, std::process::Output)>) {
    let yaml = block(name);
    kblint::yaml::parse(&yaml).unwrap_or_else(|e| panic!("README ci:{name} is valid YAML: {e}"));
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/demo-kb"),
        &dir.path().join("kb"),
    );
    let bin = Path::new(env!("CARGO_BIN_EXE_kblint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let summary = dir.path().join("step-summary.md");
    let mut results = Vec::new();
    let commands = kblint_commands(&yaml);
    assert!(commands.len() >= 3, "{commands:?}");
    for cmd in commands {
        let out = Command::new("sh")
            .arg("-c")
            .arg(&cmd)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("KBLINT_TODAY", "2026-11-24")
            .env("GITHUB_STEP_SUMMARY", &summary)
            .output()
            .unwrap();
        results.push((cmd, out));
    }
    (dir, results)
}

#[test]
fn github_actions_job_from_the_readme() {
    let (dir, results) = run_job("github");
    let (cmd, annotations) = &results[0];
    assert!(cmd.contains("--format github"));
    assert_eq!(
        annotations.status.code(),
        Some(1),
        "the demo KB has errors, so the step fails"
    );
    let text = String::from_utf8_lossy(&annotations.stdout);
    assert!(text.lines().all(|l| l.starts_with("::")), "{text}");
    assert!(text.contains("file=kb/"));
    let summary = fs::read_to_string(dir.path().join("step-summary.md")).unwrap();
    assert!(
        summary.contains("kblint") && summary.contains("| Category |"),
        "{summary}"
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("kblint.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(
        results[2].1.status.success(),
        "`|| true` keeps the SARIF step green"
    );
}

#[test]
fn gitlab_ci_job_from_the_readme() {
    let (dir, results) = run_job("gitlab");
    let cq: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(dir.path().join("gl-code-quality-report.json")).unwrap(),
    )
    .unwrap();
    let issues = cq.as_array().unwrap();
    assert!(!issues.is_empty());
    for i in issues {
        assert!(
            i["fingerprint"].is_string()
                && i["location"]["path"].as_str().unwrap().starts_with("kb/")
        );
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
    }
    let junit = fs::read_to_string(dir.path().join("kblint-junit.xml")).unwrap();
    assert!(junit.starts_with("<?xml") && junit.contains("<testsuites"));
    let (_, concise) = results.last().unwrap();
    assert_eq!(concise.status.code(), Some(1), "the job fails on errors");
}
