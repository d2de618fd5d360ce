//! The output contract: JSON schema and order, determinism across thread counts,
//! SARIF validity, and snapshots of every format over the demo KB.

mod common;
use common::*;

const DEMO: &[&str] = &["check", "--today", "2026-11-24", "fixtures/demo-kb"];

fn demo(format: &str) -> std::process::Output {
    let mut args = DEMO.to_vec();
    args.extend(["--format", format]);
    run(&args)
}

#[test]
fn json_matches_the_contract() {
    let out = demo("json");
    assert_eq!(
        out.status.code(),
        Some(1),
        "demo KB has errors: {}",
        stderr(&out)
    );
    let v = json(&out);
    assert_eq!(v["tool"]["name"], "kblint");
    assert_eq!(v["tool"]["version"], env!("CARGO_PKG_VERSION"));
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    let categories = [
        "stale", "conflict", "promise", "link", "hygiene", "tone", "parse",
    ];
    let mut keys = Vec::new();
    for d in diags {
        let obj = d.as_object().unwrap();
        for k in ["code", "rule", "category", "severity", "path", "message"] {
            assert!(obj[k].is_string(), "{k} is a string in {d}");
        }
        for k in ["line", "column", "end_line", "end_column"] {
            assert!(obj[k].as_u64().unwrap() >= 1, "{k} is 1-based in {d}");
        }
        assert!(obj["related"].is_array());
        for r in obj["related"].as_array().unwrap() {
            assert!(
                r["path"].is_string()
                    && r["line"].as_u64().unwrap() >= 1
                    && r["column"].as_u64().unwrap() >= 1
                    && r["message"].is_string()
            );
        }
        assert!(categories.contains(&obj["category"].as_str().unwrap()));
        assert!(["error", "warning", "info"].contains(&obj["severity"].as_str().unwrap()));
        let code = obj["code"].as_str().unwrap();
        assert!(code.starts_with("KB") && code.len() == 5);
        let path = obj["path"].as_str().unwrap();
        assert!(
            path.starts_with("fixtures/demo-kb/") && !path.contains('\\'),
            "{path}"
        );
        keys.push((
            path.to_string(),
            obj["line"].as_u64().unwrap(),
            obj["column"].as_u64().unwrap(),
            code.to_string(),
        ));
    }
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(
        keys, sorted,
        "diagnostics are sorted by path, line, column, code"
    );
    let s = &v["summary"];
    assert_eq!(s["diagnostics"].as_u64().unwrap() as usize, diags.len());
    let count = |sev: &str| diags.iter().filter(|d| d["severity"] == sev).count() as u64;
    assert_eq!(s["errors"].as_u64().unwrap(), count("error"));
    assert_eq!(s["warnings"].as_u64().unwrap(), count("warning"));
    assert_eq!(s["infos"].as_u64().unwrap(), count("info"));
    assert!(s["files"].as_u64().unwrap() >= 20);
    // Nothing but the JSON object on stdout.
    let text = stdout(&out);
    assert!(text.trim_start().starts_with('{') && text.trim_end().ends_with('}'));
}

#[test]
fn output_is_identical_with_one_and_eight_threads() {
    for format in ["json", "sarif", "concise", "human", "github"] {
        let mut args = DEMO.to_vec();
        args.extend(["--format", format]);
        let one = kblint()
            .env("RAYON_NUM_THREADS", "1")
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        let eight = kblint()
            .env("RAYON_NUM_THREADS", "8")
            .args(&args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        assert_eq!(
            one.stdout, eight.stdout,
            "{format} output differs between 1 and 8 threads"
        );
        assert_eq!(one.status.code(), eight.status.code());
    }
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0-rtm.5.json")).unwrap();
    let validator = jsonschema::JSONSchema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .compile(&schema)
        .unwrap();
    for kb in [
        "fixtures/demo-kb",
        "fixtures/labeled-kb",
        "fixtures/positions-kb",
    ] {
        let out = run(&["check", "--today", "2026-11-24", "--format", "sarif", kb]);
        let log = json(&out);
        if let Err(errors) = validator.validate(&log) {
            let msgs: Vec<String> = errors
                .map(|e| format!("{e} at {}", e.instance_path))
                .collect();
            panic!("SARIF for {kb} is invalid:\n{}", msgs.join("\n"));
        }
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert!(!results.is_empty());
        for r in results {
            assert!(r["partialFingerprints"]["kblint/v1"].is_string());
            let idx = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(
                log["runs"][0]["tool"]["driver"]["rules"][idx]["id"],
                r["ruleId"]
            );
        }
    }
}

/// The independent validator (npm `@microsoft/sarif-multitool`, installed by `.ci/run`
/// with `npm ci` in `tests/sarif/`).
fn multitool() -> Option<std::path::PathBuf> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/sarif/node_modules/.bin/sarif-multitool");
    if p.exists() {
        return Some(p);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI must install the SARIF multitool (npm ci in tests/sarif)"
    );
    eprintln!("skipped: tests/sarif/node_modules is not installed (npm ci --prefix tests/sarif)");
    None
}

#[test]
fn sarif_passes_the_independent_validator() {
    let Some(tool) = multitool() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    for kb in ["fixtures/demo-kb", "fixtures/labeled-kb"] {
        let out = run(&["check", "--today", "2026-11-24", "--format", "sarif", kb]);
        let log = dir.path().join("kblint.sarif");
        std::fs::write(&log, &out.stdout).unwrap();
        let report = dir
            .path()
            .join(format!("validation-{}.sarif", kb.replace('/', "-")));
        let v = std::process::Command::new(&tool)
            .arg("validate")
            .arg("--output")
            .arg(&report)
            .arg(&log)
            .output()
            .unwrap();
        let text = format!("{}{}", stdout(&v), stderr(&v));
        assert!(v.status.success(), "{text}");
        assert!(text.contains("Analysis completed successfully"), "{text}");
        let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
        assert!(
            errors.is_empty(),
            "{kb}: the multitool reports errors:\n{}",
            errors.join("\n")
        );
    }
}

#[test]
fn snapshots_of_every_format() {
    for format in ["json", "concise", "github", "sarif", "human"] {
        let out = demo(format);
        insta::assert_snapshot!(format!("demo_kb_{format}"), stdout(&out));
    }
}

#[test]
fn github_annotations_are_escaped_workflow_commands() {
    let out = demo("github");
    for line in stdout(&out).lines() {
        assert!(
            line.starts_with("::error file=")
                || line.starts_with("::warning file=")
                || line.starts_with("::notice file="),
            "{line}"
        );
        assert!(line.contains(",line=") && line.contains("::"));
    }
}
