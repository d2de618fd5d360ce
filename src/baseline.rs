//! Baselines: record today's findings so a team can adopt kblint without fixing
//! everything first, then report only what is new.
//!
//! A finding's fingerprint is its rule, its path and the normalised text it flags, so it
//! survives lines moving above it. Messages are not part of it: "overdue by 45 days"
//! changes every day, the flagged `last_reviewed:` line does not.

use crate::diagnostic::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The baseline file format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// Format version.
    pub version: u32,
    /// Recorded findings, sorted.
    pub entries: Vec<Entry>,
}

/// One recorded finding (or several identical ones, with `count`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Display path.
    pub path: String,
    /// Rule code.
    pub code: String,
    /// Fingerprint of rule, path and flagged text.
    pub fingerprint: String,
    /// How many identical findings.
    pub count: u32,
    /// The message when recorded, for humans reading the file.
    pub message: String,
}

/// The fingerprint of a finding: rule code, path and the normalised flagged text.
pub fn fingerprint(d: &Diagnostic) -> String {
    let norm: String = d
        .snippet
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let mut h: u64 = 0xcbf29ce484222325;
    for b in d
        .rule
        .code
        .bytes()
        .chain([0])
        .chain(d.path.bytes())
        .chain([0])
        .chain(norm.bytes())
    {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    format!("{h:016x}")
}

impl Baseline {
    /// Records findings.
    pub fn from_diagnostics(diags: &[Diagnostic]) -> Baseline {
        let mut by: BTreeMap<(String, String, String), (u32, String)> = BTreeMap::new();
        for d in diags {
            let e = by
                .entry((d.path.clone(), d.rule.code.to_string(), fingerprint(d)))
                .or_insert((0, d.message.clone()));
            e.0 += 1;
        }
        Baseline {
            version: 1,
            entries: by
                .into_iter()
                .map(|((path, code, fingerprint), (count, message))| Entry {
                    path,
                    code,
                    fingerprint,
                    count,
                    message,
                })
                .collect(),
        }
    }

    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read baseline {}: {e}", path.display()))?;
        let b: Baseline = serde_json::from_str(&text)
            .map_err(|e| format!("baseline {} is not valid: {e}", path.display()))?;
        if b.version != 1 {
            return Err(format!(
                "baseline {} has unknown version {}",
                path.display(),
                b.version
            ));
        }
        Ok(b)
    }

    /// The file's bytes (pretty JSON, stable order, trailing newline).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s.into_bytes()
    }

    /// Keeps only the findings not in the baseline; returns them and the number of
    /// baseline findings that matched nothing (fixed since).
    pub fn filter(&self, diags: Vec<Diagnostic>) -> (Vec<Diagnostic>, u32) {
        let mut left: BTreeMap<(String, String, String), u32> = self
            .entries
            .iter()
            .map(|e| {
                (
                    (e.path.clone(), e.code.clone(), e.fingerprint.clone()),
                    e.count,
                )
            })
            .collect();
        let mut new = Vec::new();
        for d in diags {
            let key = (d.path.clone(), d.rule.code.to_string(), fingerprint(&d));
            match left.get_mut(&key) {
                Some(n) if *n > 0 => *n -= 1,
                _ => new.push(d),
            }
        }
        let unmatched = left.values().sum();
        (new, unmatched)
    }
}
