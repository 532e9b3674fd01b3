//! The proc macro's errors for a bad spec, pinned: each names the file, the place in it and
//! what was wrong, spanned on the spec path. So is its warning for a type it does not know,
//! denied in that case so that it fails to compile.
//!
//! trybuild builds each case in `target/tests/trybuild/mwbind/`, so the cases name their spec
//! folders relative to that. `TRYBUILD=overwrite cargo test --test compile_fail` rewrites the
//! expected `.stderr` files.

#[test]
fn spec_errors_are_spanned_compile_errors() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/*.rs");
}
