//! Writes the sample requests of every core module, for the test that sends them to the
//! local wiki.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let fixture = Path::new("../../macros/codegen/tests/fixtures/core-fv2");
    println!("cargo::rerun-if-changed={}", fixture.display());

    let spec = match mwbind_codegen::load(fixture) {
        Ok(spec) => spec,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let bindings: proc_macro2::TokenStream = quote::quote!(crate::core);
    // What paraminfo cannot say: a real language code, and parameters of which a module
    // needs at least one (compare's `to*`, the authentication modules' return URLs).
    let return_url = quote::quote!("http://127.0.0.1/");
    let overrides = [
        ("query+languageinfo", "code", quote::quote!("en")),
        ("compare", "totitle", quote::quote!("Main Page")),
        ("clientlogin", "returnurl", return_url.clone()),
        ("createaccount", "returnurl", return_url.clone()),
        ("linkaccount", "returnurl", return_url),
    ];
    let code = mwbind_codegen::emit::samples(&spec, &bindings, &overrides).to_string();

    let out = Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default()).join("samples.rs");
    if let Err(e) = std::fs::write(&out, code) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
