//! Generates `mwbind::api` from spec/. Offline: it reads files and nothing else.

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let spec = Path::new("spec");
    println!("cargo::rerun-if-changed=spec");

    let code = match mwbind_codegen::load(spec).and_then(|spec| {
        // What a newer wiki has and the generator does not know degrades, and is said once.
        for warning in &spec.warnings {
            println!("cargo::warning={warning}");
        }
        mwbind_codegen::render(&spec)
    }) {
        Ok(code) => code,
        Err(e) => {
            // Cargo shows a build script's stderr when it fails.
            eprintln!("error: mwbind cannot generate its bindings from spec/\n{e}");
            return ExitCode::FAILURE;
        }
    };

    let out = Path::new(&std::env::var_os("OUT_DIR").unwrap_or_default()).join("api.rs");
    if let Err(e) = std::fs::write(&out, code) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
