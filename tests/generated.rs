//! generated/api.rs must be what the generator makes of spec/ today.
//!
//! When it is stale, this test rewrites it (so the change waits in `git diff generated/` for
//! review) and fails. `cargo run -p xtask -- generate` rewrites it the same way.

use std::path::Path;

#[test]
fn generated_code_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fresh = mwbind_codegen::generate(&root.join("spec")).unwrap_or_else(|e| panic!("{e}"));
    let path = root.join("generated/api.rs");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();

    if checked_in != fresh {
        std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        panic!(
            "generated/api.rs was stale and has been rewritten from spec/. Review it with \
             `git diff generated/` and commit it (`cargo run -p xtask -- generate` does the same)."
        );
    }
}

#[test]
fn the_compiled_bindings_are_the_checked_in_ones() {
    // What build.rs generated for this very build.
    let compiled = include_str!(concat!(env!("OUT_DIR"), "/api.rs"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("generated/api.rs");
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        compiled == checked_in,
        "the build generated other code than generated/api.rs holds"
    );
}
