//! The README's "Editors" section, followed word for word: its Neovim set-up runs in a
//! real headless Neovim against `kblint lsp`, its Vim quickfix lines run `:make` with
//! the concise format, and its Helix and VS Code snippets are checked to parse and start
//! `kblint lsp`.
//!
//! Neovim is Debian's `neovim` package (`.ci/run` installs it when missing). Without it
//! these tests are skipped locally and fail under CI.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FRESH: &str = "---\nowner: team\nlast_reviewed: 2026-10-01\n---\n";
const LINE: &str = "Préço 😀 中文テキスト: TBD";

fn readme() -> String {
    fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// The first fenced block of `lang` after `heading` in the README's Editors section.
fn block(heading: &str, lang: &str) -> String {
    let readme = readme();
    let editors = &readme[readme
        .find("\n## Editors\n")
        .expect("README has an Editors section")..];
    let section = &editors[editors
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README has {heading}"))..];
    let open = format!("```{lang}\n");
    let start = section.find(&open).unwrap() + open.len();
    let len = section[start..].find("```").unwrap();
    section[start..start + len].to_string()
}

fn find_nvim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    let found = std::env::split_paths(&path)
        .map(|d| d.join("nvim"))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "nvim is missing under CI: .ci/run installs Debian's neovim"
        );
        eprintln!("skipped: nvim is not installed (apt-get install neovim)");
    }
    found
}

/// PATH with the kblint under test first, so the README's `cmd = {"kblint", "lsp"}` and
/// `makeprg=kblint …` find it.
fn path_with_kblint() -> std::ffi::OsString {
    let bin = Path::new(env!("CARGO_BIN_EXE_kblint")).parent().unwrap();
    let mut dirs = vec![bin.to_path_buf()];
    dirs.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(dirs).unwrap()
}

/// Runs a Lua script in a headless Neovim isolated from the user's configuration; returns
/// the JSON it wrote. Killed after a minute.
fn run_nvim(nvim: &Path, script: &str, cwd: &Path, envs: &[(&str, &Path)]) -> Value {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("out.json");
    let mut cmd = Command::new(nvim);
    cmd.args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/editors")
                .join(script),
        )
        .current_dir(cwd)
        .env("PATH", path_with_kblint())
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_STATE_HOME", home.path().join("state"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("KBLINT_TODAY", "2026-11-24")
        .env("KBLINT_NVIM_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    if let Some(mut e) = child.stderr.take() {
        use std::io::Read;
        let _ = e.read_to_string(&mut stderr);
    }
    let text = fs::read_to_string(&out).unwrap_or_else(|e| {
        panic!("nvim wrote no result ({e}); status {status}; stderr: {stderr}")
    });
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(v.get("error").is_none(), "{v}\n{stderr}");
    v
}

/// A KB in `kb/` (its `.kblint.yml` says `root: true`) below a folder with another
/// `.kblint.yml`, which the README's root detection must not climb to.
fn fixture_kb() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().canonicalize().unwrap();
    fs::write(outer.join(".kblint.yml"), "select: [link]\n").unwrap();
    let root = outer.join("kb");
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join(".kblint.yml"), "root: true\n").unwrap();
    fs::create_dir_all(root.join("billing")).unwrap();
    fs::write(
        root.join("billing/prices.md"),
        format!("{FRESH}# Prices\n\n{LINE}\n\nSee [refunds](refunds.md#refund-window).\n"),
    )
    .unwrap();
    fs::write(
        root.join("billing/refunds.md"),
        format!("{FRESH}# Refunds\n\n## Refund window\n\nThirty days.\n"),
    )
    .unwrap();
    (dir, root)
}

#[test]
fn neovim_shows_kblint_diagnostics() {
    let Some(nvim) = find_nvim() else {
        return;
    };
    let (_dir, root) = fixture_kb();
    let config = root.join(".nvim-config.lua");
    fs::write(&config, block("### Neovim", "lua")).unwrap();
    let file = root.join("billing/prices.md");
    let v = run_nvim(
        &nvim,
        "nvim_lsp.lua",
        &root,
        &[("KBLINT_NVIM_CONFIG", &config), ("KBLINT_NVIM_FILE", &file)],
    );
    assert_eq!(v["filetype"], "markdown", "{v}");
    assert_eq!(v["clients"], serde_json::json!(["kblint"]), "{v}");
    assert_eq!(v["root_dir"], root.to_str().unwrap(), "{v}");
    assert_eq!(v["received"], true, "no diagnostics reached Neovim: {v}");
    let d = v["diagnostics"].as_array().unwrap();
    assert_eq!(d.len(), 1, "{v}");
    assert_eq!(d[0]["code"], "KB501");
    assert_eq!(d[0]["source"], "kblint");
    assert_eq!(d[0]["lnum"], 6);
    // Neovim turns the UTF-16 positions kblint sent back into byte columns of its buffer:
    // they land exactly on "TBD" after the accents, emoji and CJK text.
    let byte = LINE.find("TBD").unwrap() as u64;
    assert_eq!(d[0]["col"], byte, "{v}");
    assert_eq!(d[0]["end_col"], byte + 3, "{v}");
    assert_eq!(
        v["cleared"], true,
        "fixing the buffer did not clear it: {v}"
    );
}

#[test]
fn vim_quickfix_reads_the_concise_format() {
    let Some(nvim) = find_nvim() else {
        return;
    };
    let (_dir, root) = fixture_kb();
    fs::write(
        root.join("billing/refunds.md"),
        format!("{FRESH}# Refunds\n\n## Refund period\n"),
    )
    .unwrap();
    let commands = root.join(".vim-commands");
    fs::write(&commands, block("### Vim (quickfix)", "vim")).unwrap();
    let v = run_nvim(
        &nvim,
        "vim_quickfix.lua",
        &root,
        &[("KBLINT_VIM_COMMANDS", &commands)],
    );
    let items: Vec<&Value> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["valid"] == 1)
        .collect();
    let got: Vec<(String, u64, u64, bool)> = items
        .iter()
        .map(|i| {
            (
                i["file"].as_str().unwrap().to_string(),
                i["lnum"].as_u64().unwrap(),
                i["col"].as_u64().unwrap(),
                i["text"].as_str().unwrap().contains("["),
            )
        })
        .collect();
    // Columns count characters (Vim reads them as bytes: exact on ASCII lines).
    let col = LINE[..LINE.find("TBD").unwrap()].chars().count() as u64 + 1;
    assert_eq!(
        got,
        vec![
            ("billing/prices.md".to_string(), 7, col, true),
            ("billing/prices.md".to_string(), 9, 5, true),
        ],
        "{v}"
    );
    assert!(items[0]["text"]
        .as_str()
        .unwrap()
        .starts_with("warning[KB501]"));
    assert!(items[1]["text"]
        .as_str()
        .unwrap()
        .starts_with("warning[KB402]"));
}

#[test]
fn helix_and_vscode_snippets_start_kblint_lsp() {
    let helix: toml::Value = toml::from_str(&block("### Helix", "toml")).unwrap();
    let server = &helix["language-server"]["kblint"];
    assert_eq!(server["command"].as_str(), Some("kblint"));
    assert_eq!(server["args"].as_array().unwrap()[0].as_str(), Some("lsp"));
    let lang = &helix["language"].as_array().unwrap()[0];
    assert_eq!(lang["name"].as_str(), Some("markdown"));
    assert!(lang["language-servers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s.as_str() == Some("kblint")));

    let vscode: Value = serde_json::from_str(&block("### VS Code", "json")).unwrap();
    assert_eq!(vscode["glspc.server.command"], "kblint");
    assert_eq!(
        vscode["glspc.server.commandArguments"],
        serde_json::json!(["lsp"])
    );
}
