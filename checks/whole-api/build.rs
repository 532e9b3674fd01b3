//! Renders the bindings of both whole-API fixtures and of the generator's edge cases (names
//! that clash, templated parameters of every kind), and the sample requests of every core
//! module for the test that sends them to the local wiki.
//!
//! The bindings are rendered here and included by src/lib.rs, as mwbind's own build script
//! does, rather than expanded by `mwbind::bindings!`: clippy does not report lints inside the
//! output of a proc macro from another crate, so only included code shows whether the
//! generator's output is lint-clean.

use std::path::Path;
use std::process::ExitCode;

const SPECS: [(&str, &str); 3] = [
    ("../../macros/codegen/tests/fixtures/core-fv2", "core.rs"),
    (
        "../../macros/codegen/tests/fixtures/extensions-fv2",
        "extensions.rs",
    ),
    (
        "../../macros/codegen/tests/specs/edge-cases",
        "edge_cases.rs",
    ),
];

fn main() -> ExitCode {
    for (dir, _) in SPECS {
        println!("cargo::rerun-if-changed={dir}");
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let out = std::env::var_os("OUT_DIR").unwrap_or_default();
    let out = Path::new(&out);
    for (dir, file) in SPECS {
        let spec = load(dir)?;
        let code = mwbind_codegen::render(&spec).map_err(|e| e.to_string())?;
        write(&out.join(file), &code)?;
    }
    let samples = samples(&load(SPECS[0].0)?);
    write(&out.join("samples.rs"), &samples)
}

fn load(dir: &str) -> Result<mwbind_codegen::Spec, String> {
    mwbind_codegen::load(Path::new(dir)).map_err(|e| e.to_string())
}

fn write(path: &Path, code: &str) -> Result<(), String> {
    std::fs::write(path, code).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

fn samples(spec: &mwbind_codegen::Spec) -> String {
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
    mwbind_codegen::emit::samples(spec, &bindings, &overrides).to_string()
}
