//! Helpers shared by the integration tests: run the real binary.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The kblint binary under test.
pub fn kblint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kblint"));
    c.env_remove("KBLINT_TODAY").env("NO_COLOR", "1");
    c
}

/// Runs kblint in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    kblint()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run kblint")
}

/// Runs kblint in the repository root.
pub fn run(args: &[&str]) -> Output {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Parses stdout as JSON.
pub fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Stdout as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Stderr as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Writes a file under `dir`, creating its folders.
pub fn write(dir: &Path, rel: &str, content: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, content).unwrap();
}
