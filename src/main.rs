//! The `kblint` binary.

// Parsing allocates many small strings; mimalloc serves them markedly faster than glibc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(kblint::cli::main());
}
