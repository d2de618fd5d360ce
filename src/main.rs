//! The `kblint` binary.

fn main() {
    std::process::exit(kblint::cli::main());
}
