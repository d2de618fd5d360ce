//! Prints the claims kblint reads from Markdown files (a development aid for the
//! conflict rules): value, what it is about, scope.
//!
//! ```sh
//! cargo run --example claims_dump -- fixtures/labeled-kb/books/billing/*.md
//! ```

use kblint::article::{Article, Limits};
use kblint::claims::{self, Model};
use kblint::config::Settings;
use kblint::lexicon::Lexicons;

fn main() {
    let model = Model::new(&Lexicons::embedded());
    for path in std::env::args().skip(1) {
        let Ok(a) = Article::load(path.clone().into(), path.clone(), &Limits::default()) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        for c in claims::extract(&a, &Settings::defaults(), &model) {
            let mut terms: Vec<String> = c
                .terms
                .iter()
                .map(|t| format!("{}:{:.1}", t.stem, t.weight))
                .collect();
            terms.sort();
            println!(
                "{path}:{}:{} {:?} [{}] key=\"{}\" scope={{{}}} head={:?} mood={:?} purpose={:?} contrast={:?} table={:?} s={}\n    value={:?}\n    terms={}",
                c.position.line,
                c.position.column,
                c.shown,
                c.value.class_name(),
                c.key,
                c.scope.describe(),
                c.head,
                c.mood,
                c.purpose,
                c.contrast,
                c.table,
                c.sentence,
                c.value,
                terms.join(" ")
            );
        }
    }
}
