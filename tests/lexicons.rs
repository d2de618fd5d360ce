//! Every rule-data entry's examples: what it must match and what it must not.

use kblint::lexicon::Lexicons;

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
                if !e.regex.is_match(m) {
                    failures.push(format!("{}/{}: should match {m:?}", l.name, e.spec.id));
                }
            }
            for m in &e.spec.ignores {
                checked += 1;
                if e.regex.is_match(m) {
                    failures.push(format!("{}/{}: should not match {m:?}", l.name, e.spec.id));
                }
            }
        }
    }
    assert!(checked > 10);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
