//! The generator behind mwbind: it reads a wiki's `action=paraminfo` snapshot and our own
//! description of the answers, checks them, and emits typed Rust.
//!
//! One engine serves every door into it: mwbind's build script, the `mwbind-macros` proc
//! macro, the maintainer commands in `xtask` and the tests.
//!
//! A spec is a folder holding:
//!
//! - `paraminfo.json`: the answer of `api.php?action=paraminfo` (formatversion 1 or 2);
//! - `responses.toml` (optional): how each module answers and which error codes it gives
//!   (see [`responses`]); modules it does not describe answer untyped JSON;
//! - `source.json` (optional): where and when the snapshot was taken.

pub mod doc;
pub mod emit;
mod error;
#[cfg(feature = "fetch")]
pub mod fetch;
pub mod ident;
pub mod paraminfo;
pub mod responses;
pub mod spec;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

pub use error::{Error, Problem};
pub use spec::Spec;

use spec::Module;

/// The file names inside a spec folder.
pub const PARAMINFO_FILE: &str = "paraminfo.json";
pub const RESPONSES_FILE: &str = "responses.toml";
pub const SOURCE_FILE: &str = "source.json";

/// Reads and checks the spec in `dir`, reporting every problem of every file at once.
pub fn load(dir: &Path) -> Result<Spec, Error> {
    let paraminfo_path = dir.join(PARAMINFO_FILE);
    let responses_path = dir.join(RESPONSES_FILE);
    let source_path = dir.join(SOURCE_FILE);

    let (modules, mut problems) = read_paraminfo(&paraminfo_path);
    // The checks against the snapshot need all of it: a module or a parameter left out for
    // its own problem would be reported again as missing.
    let whole_snapshot = problems.is_empty();
    let warnings = match whole_snapshot {
        true => paraminfo::warnings(&paraminfo_path, &modules),
        false => Vec::new(),
    };
    let (responses, found) = read_responses(&responses_path);
    problems.extend(found);
    let source = match source_path.exists() {
        true => read(&source_path)
            .and_then(|t| read_source(&source_path, &t))
            .map(Some),
        false => Ok(None),
    };
    let source = keep(source, &mut problems).flatten();

    // What did load is checked across files too, so that one run says everything.
    let spec = Spec {
        source,
        warnings,
        modules,
        responses,
    };
    let found = check(&spec, &paraminfo_path, &responses_path, whole_snapshot);
    problems.extend(found);
    match problems.is_empty() {
        true => Ok(spec),
        false => Err(Error::new(problems)),
    }
}

fn read_paraminfo(path: &Path) -> (Vec<Module>, Vec<Problem>) {
    match read(path) {
        Ok(text) => paraminfo::read(path, &text),
        Err(e) => (Vec::new(), e.problems().to_vec()),
    }
}

/// A snapshot alone is a spec too: without a description, answers are kept as JSON.
fn read_responses(path: &Path) -> (spec::Responses, Vec<Problem>) {
    if !path.exists() {
        return (spec::Responses::default(), Vec::new());
    }
    match read(path) {
        Ok(text) => responses::read(path, &text),
        Err(e) => (spec::Responses::default(), e.problems().to_vec()),
    }
}

/// Keeps only the modules named in `paths` (`emailuser`, `query+users`), in the spec's order.
pub fn select(spec: &mut Spec, paths: &[String], file: &Path) -> Result<(), Error> {
    let unknown: Vec<Problem> = paths
        .iter()
        .filter(|p| !spec.modules.iter().any(|m| &&m.path == p))
        .map(|p| Problem {
            file: file.to_path_buf(),
            at: "$.paraminfo.modules".to_owned(),
            message: format!("no module `{p}` in this snapshot"),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(Error::new(unknown));
    }
    // Warnings name their module by its place in the snapshot: those of the modules left
    // out go with them, as nothing of those modules is generated.
    let kept: Vec<String> = (spec.modules.iter().enumerate())
        .filter(|(_, m)| paths.contains(&m.path))
        .map(|(i, _)| format!("$.paraminfo.modules[{i}]"))
        .collect();
    let about_kept = |at: &str| {
        kept.iter().any(|k| {
            at.strip_prefix(k.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('.'))
        })
    };
    spec.warnings.retain(|w| about_kept(&w.at));
    spec.modules.retain(|m| paths.contains(&m.path));
    spec.responses
        .modules
        .retain(|path, _| paths.contains(path));
    Ok(())
}

/// The Rust items for every module of `spec`, as tokens.
pub fn tokens(spec: &Spec) -> proc_macro2::TokenStream {
    emit::spec(spec)
}

/// The Rust source for `spec`, pretty-printed, with an `@generated` header.
pub fn render(spec: &Spec) -> Result<String, Error> {
    let file: syn::File = syn::parse2(tokens(spec)).map_err(|e| {
        let message = format!("the generator produced code that does not parse: {e}");
        Error::one(Path::new("<generated>"), "the output", message)
    })?;

    let source = match &spec.source {
        Some(s) => format!(
            "// Snapshot of {} ({}), taken {}.\n",
            s.api, s.generator, s.date
        ),
        None => String::new(),
    };
    Ok(format!(
        "// @generated by mwbind-codegen from a paraminfo snapshot. Do not edit by hand:\n\
         // `cargo run -p xtask -- generate` rewrites it.\n{source}\n{}",
        prettyplease::unparse(&file)
    ))
}

/// Loads the spec in `dir` and renders it: what the build script, the tests and the
/// maintainer command all run.
pub fn generate(dir: &Path) -> Result<String, Error> {
    render(&load(dir)?)
}

fn read(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path)
        .map_err(|e| Error::one(path, "the file", format!("cannot be read: {e}")))
}

fn keep<T>(result: Result<T, Error>, problems: &mut Vec<Problem>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            problems.extend(e.problems().iter().cloned());
            None
        }
    }
}

fn read_source(path: &Path, text: &str) -> Result<spec::Source, Error> {
    #[derive(serde::Deserialize)]
    struct SourceFile {
        api: String,
        generator: String,
        date: String,
    }
    let s: SourceFile = serde_json::from_str(text).map_err(|e| {
        let (at, e) = error::json_syntax(&e);
        Error::one(
            path,
            at,
            format!("expected {{\"api\", \"generator\", \"date\"}}: {e}"),
        )
    })?;
    Ok(spec::Source {
        api: s.api,
        generator: s.generator,
        date: s.date,
    })
}

/// Checks that hold across the whole spec: unique type names, and response descriptions
/// that belong to modules of the snapshot and split only their multi-value parameters (when
/// the snapshot was read whole).
fn check(
    spec: &Spec,
    paraminfo_path: &Path,
    responses_path: &Path,
    whole_snapshot: bool,
) -> Vec<Problem> {
    let mut problems = type_name_clashes(spec, paraminfo_path);
    if whole_snapshot {
        problems.extend(responses_against_snapshot(spec, responses_path));
    }
    problems
}

fn type_name_clashes(spec: &Spec, paraminfo_path: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut owners: BTreeMap<String, &str> = BTreeMap::new();
    for (i, module) in spec
        .modules
        .iter()
        .enumerate()
        .filter(|(_, m)| emit::is_request(m))
    {
        let mut own = BTreeSet::new();
        let mut twice = BTreeSet::new();
        for name in emit::type_names(spec, module) {
            let message = if !own.insert(name.clone()) {
                if !twice.insert(name.clone()) {
                    continue;
                }
                let what = type_origins(spec, module, &name).join(" and ");
                format!(
                    "module `{}` would declare the type `{name}` twice: {what}",
                    module.path
                )
            } else {
                match owners.insert(name.clone(), &module.path) {
                    None => continue,
                    Some(other) => format!(
                        "modules `{other}` and `{}` would both declare the type `{name}`",
                        module.path
                    ),
                }
            };
            problems.push(Problem {
                file: paraminfo_path.to_path_buf(),
                at: format!("$.paraminfo.modules[{i}]"),
                message,
            });
        }
    }
    problems
}

/// What in `module` would declare the type `name`: its request, its error codes, a type of
/// responses.toml, the enum of a parameter. The last are matched on the enum's name alone, so
/// a clash this cannot place is said in general words.
fn type_origins(spec: &Spec, module: &Module, name: &str) -> Vec<String> {
    let base = ident::type_name(module);
    let mut origins = Vec::new();
    if name == base {
        origins.push("the request type".to_owned());
    }
    if name == format!("{base}ErrorCode") {
        origins.push("the enum of error codes".to_owned());
    }
    let response = spec.responses.modules.get(&module.path);
    for ty in response.into_iter().flat_map(|r| r.types.keys()) {
        if name == format!("{base}{ty}") {
            origins.push(format!("the type `{ty}` of responses.toml"));
        }
        if name == format!("__{base}{ty}Raw") {
            origins.push(format!(
                "the struct reading the type `{ty}` of responses.toml"
            ));
        }
    }
    let params = module.parameters.iter().chain(&module.templated_parameters);
    for param in params {
        let camel = ident::camel(&param.name.replace(['{', '}'], ""));
        if name == format!("{base}{camel}") {
            origins.push(format!("the enum of parameter `{}`", param.wire_name));
        }
    }
    if origins.len() < 2 {
        origins = vec!["two of its items have the same name".to_owned()];
    }
    origins
}

fn responses_against_snapshot(spec: &Spec, responses_path: &Path) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (path, response) in &spec.responses.modules {
        let at = format!("modules.\"{path}\"");
        let Some(module) = spec.modules.iter().find(|m| &m.path == path) else {
            problems.push(Problem {
                file: PathBuf::from(responses_path),
                at,
                message: format!("describes module `{path}`, which the snapshot does not have"),
            });
            continue;
        };
        let hint = match module.prefix.as_str() {
            "" => String::new(),
            prefix => format!(" (named without the prefix `{prefix}`)"),
        };
        for name in &response.split {
            if !module.parameters.iter().any(|p| &p.name == name && p.multi) {
                problems.push(Problem {
                    file: PathBuf::from(responses_path),
                    at: format!("{at}.split"),
                    message: format!("`{name}` is not a multi-value parameter of `{path}`{hint}"),
                });
            }
        }
    }
    problems
}
