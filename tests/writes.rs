//! Writes that never lose data: a full disk (a tiny tmpfs) and a read-only folder leave
//! the original file untouched, with a clear error.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Command;

/// Mounts a 64 KiB tmpfs; `None` when this machine does not allow it (not root).
struct TinyDisk(tempfile::TempDir);

impl TinyDisk {
    fn mount() -> Option<TinyDisk> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(TinyDisk(dir))
    }
    fn path(&self) -> &Path {
        self.0.path()
    }
    /// Fills the disk until fewer than 1 KiB remain.
    fn fill(&self) {
        let mut i = 0;
        loop {
            if fs::write(self.path().join(format!("filler-{i}")), vec![0u8; 4096]).is_err() {
                break;
            }
            i += 1;
        }
        for j in 0..64 {
            if fs::write(self.path().join(format!("small-{j}")), vec![0u8; 256]).is_err() {
                break;
            }
        }
    }
}

impl Drop for TinyDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.path()).status();
    }
}

#[test]
fn full_disk_keeps_the_original_config() {
    let Some(disk) = TinyDisk::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let cfg = disk.path().join(".kblint.yml");
    fs::write(&cfg, "# mine\nignore: [tone]\n").unwrap();
    disk.fill();
    let out = run_in(disk.path(), &["init", "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("cannot write"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&cfg).unwrap(),
        "# mine\nignore: [tone]\n"
    );
    assert!(
        !fs::read_dir(disk.path()).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains(".tmp")),
        "no temporary file left"
    );
}

#[test]
fn full_disk_via_the_library_writer() {
    let Some(disk) = TinyDisk::mount() else {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    };
    let p = disk.path().join("article.md");
    fs::write(&p, "original").unwrap();
    disk.fill();
    let err = kblint::fsutil::write_atomic(&p, &vec![b'x'; 32 * 1024]).unwrap_err();
    assert!(
        err.raw_os_error() == Some(28) || err.kind() == std::io::ErrorKind::StorageFull,
        "{err:?}"
    );
    assert_eq!(fs::read_to_string(&p).unwrap(), "original");
}

#[test]
fn read_only_folder_keeps_the_original() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join(".kblint.yml");
    fs::write(&cfg, "ignore: [tone]\n").unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let probe = fs::write(dir.path().join("probe"), "x").is_ok();
    if probe {
        // root ignores folder permissions: the full-disk tests cover this case instead.
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!("skipped: permissions are not enforced for this user");
        return;
    }
    let out = run_in(dir.path(), &["init", "--force"]);
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&cfg).unwrap(), "ignore: [tone]\n");
}
