//! Same seed → byte-identical tree (whatever the thread count); other seed → different.

use std::path::Path;
use std::process::Command;

/// FNV-1a over every file's relative path and bytes, in sorted path order.
fn tree_hash(root: &Path) -> (u64, usize) {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, root, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                out.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut files = Vec::new();
    walk(root, root, &mut files);
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (path, bytes) in &files {
        for b in path
            .bytes()
            .chain([0])
            .chain(bytes.iter().copied())
            .chain([0])
        {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    (h, files.iter().filter(|(p, _)| p.ends_with(".md")).count())
}

fn gen(out: &Path, seed: &str, threads: &str) {
    let st = Command::new(env!("CARGO_BIN_EXE_gen-kb"))
        .args(["--articles", "600", "--seed", seed, "--threads", threads])
        .arg(out)
        .status()
        .unwrap();
    assert!(st.success());
}

#[test]
fn same_seed_same_tree_other_seed_other_tree() {
    let tmp = std::env::temp_dir().join(format!("gen-kb-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let (a, b, c) = (tmp.join("a"), tmp.join("b"), tmp.join("c"));
    gen(&a, "7", "1");
    gen(&b, "7", "3");
    gen(&c, "8", "2");
    let (ha, na) = tree_hash(&a);
    let (hb, _) = tree_hash(&b);
    let (hc, _) = tree_hash(&c);
    assert_eq!(na, 600, "one Markdown file per article");
    assert_eq!(
        ha, hb,
        "same seed, different thread counts: identical trees"
    );
    assert_ne!(ha, hc, "different seeds: different trees");
    let injected = std::fs::read_to_string(a.join(".gen-kb/injected.txt")).unwrap();
    let n = injected.lines().filter(|l| !l.starts_with('#')).count();
    assert!(
        (10..=60).contains(&n),
        "about 5% of 600 articles get a defect, got {n}"
    );
    // --force replaces a tree gen-kb wrote; a plain rerun refuses to overwrite.
    let again = Command::new(env!("CARGO_BIN_EXE_gen-kb"))
        .args(["--articles", "10", "--seed", "1"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(!again.status.success());
    std::fs::remove_dir_all(&tmp).unwrap();
}
