//! Every rule-data entry's examples: what it must match and what it must not.

use kblint::lexicon::Lexicons;

/// Patterns compile on first use; the embedded ones must all compile, each on its own
/// and as its lexicon's prefilter set (a failure would otherwise only surface as a
/// pattern that never matches).
#[test]
fn every_embedded_pattern_and_set_compiles() {
    let lex = Lexicons::embedded();
    for l in lex.iter() {
        if let Err(e) = l.compile_all() {
            panic!("{e}");
        }
        for e in &l.entries {
            assert_eq!(
                e.marked,
                e.regex().capture_names().any(|n| n == Some("m")),
                "{}/{}: the marked-group check disagrees with the compiled pattern",
                l.name,
                e.spec.id
            );
        }
    }
}

#[test]
fn every_lexicon_entry_matches_its_examples() {
    let lex = Lexicons::embedded();
    let mut failures = Vec::new();
    let mut checked = 0;
    for l in lex.iter() {
        for e in &l.entries {
            assert!(
                !e.spec.matches.is_empty(),
                "{}/{} has no `matches` examples",
                l.name,
                e.spec.id
            );
            for m in &e.spec.matches {
                checked += 1;
                if !e.regex().is_match(m) {
                    failures.push(format!("{}/{}: should match {m:?}", l.name, e.spec.id));
                }
            }
            for m in &e.spec.ignores {
                checked += 1;
                if e.regex().is_match(m) {
                    failures.push(format!("{}/{}: should not match {m:?}", l.name, e.spec.id));
                }
            }
        }
    }
    assert!(checked > 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
