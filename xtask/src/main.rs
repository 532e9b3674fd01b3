//! Maintainer commands. Nothing here runs during an ordinary build.
//!
//! - `cargo run -p xtask -- generate`: rewrites generated/api.rs from spec/.
//! - `cargo run -p xtask -- fetch-spec --api URL`: takes a fresh paraminfo snapshot from a
//!   live wiki into spec/, for the modules the spec already has (`--all` for every module,
//!   `--formatversion 1`, `--out DIR` elsewhere).

use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(about = "mwbind maintainer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Rewrite generated/api.rs from spec/.
    Generate,
    /// Take a fresh paraminfo snapshot from a live wiki into spec/.
    FetchSpec {
        /// The wiki's api.php URL.
        #[arg(long, env = "MWBIND_API")]
        api: String,
        /// Module paths to take; by default those the spec already has.
        #[arg(long, value_delimiter = ',', conflicts_with = "all")]
        modules: Vec<String>,
        /// Take every module the wiki has (`main|main+**`).
        #[arg(long)]
        all: bool,
        /// The formatversion to take it in: 1 or 2.
        #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(1..=2))]
        formatversion: u8,
        /// The folder to write into; by default spec/.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    // The workspace folder, without `xtask/..` in the paths it shows.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new(".."))
        .to_path_buf();
    let result = match Cli::parse().command {
        Command::Generate => generate(&root),
        Command::FetchSpec {
            api,
            modules,
            all,
            formatversion,
            out,
        } => {
            let out = out.unwrap_or_else(|| root.join("spec"));
            let modules = match all {
                true => vec!["main".to_owned(), "main+**".to_owned()],
                false => modules,
            };
            fetch_spec(&out, &api, modules, formatversion)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn generate(root: &Path) -> Result<(), String> {
    let spec = mwbind_codegen::load(&root.join("spec")).map_err(|e| e.to_string())?;
    for warning in &spec.warnings {
        eprintln!("warning: {warning}");
    }
    let code = mwbind_codegen::render(&spec).map_err(|e| e.to_string())?;
    let out: PathBuf = root.join("generated").join("api.rs");

    // Written only when the bytes change, so that an unchanged spec leaves no mtime churn.
    if std::fs::read_to_string(&out).ok().as_deref() == Some(code.as_str()) {
        eprintln!("{} is up to date", out.display());
        return Ok(());
    }
    std::fs::write(&out, code).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    eprintln!("rewrote {}", out.display());
    Ok(())
}

fn fetch_spec(dir: &Path, api: &str, modules: Vec<String>, version: u8) -> Result<(), String> {
    let modules = if modules.is_empty() {
        let spec = mwbind_codegen::load(dir).map_err(|e| e.to_string())?;
        spec.modules.into_iter().map(|m| m.path).collect()
    } else {
        modules
    };
    let agent = concat!(
        "mwbind-xtask/",
        env!("CARGO_PKG_VERSION"),
        " (spec refresh)"
    );
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    mwbind_codegen::fetch::snapshot(api, &modules, version, agent, dir)
        .map_err(|e| e.to_string())?;
    eprintln!("wrote {} ({}) from {api}", dir.display(), modules.join("|"));
    Ok(())
}
