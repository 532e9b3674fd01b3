//! The generator on two whole real wikis, in both formatversions.

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn tokens(name: &str) -> String {
    let spec = mwbind_codegen::load(&fixture(name)).unwrap_or_else(|e| panic!("{e}"));
    mwbind_codegen::tokens(&spec).to_string()
}

#[test]
fn both_fixtures_load_whole_and_without_warnings() {
    for (name, modules, params) in [("core-fv2", 121, 954), ("extensions-fv2", 141, 1061)] {
        let spec = mwbind_codegen::load(&fixture(name)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(spec.modules.len(), modules, "{name}");
        let count: usize = spec.modules.iter().map(|m| m.parameters.len()).sum();
        assert_eq!(count, params, "{name}");
        assert!(spec.warnings.is_empty(), "{name}: {:?}", spec.warnings);
    }
}

#[test]
fn formatversion_1_and_2_give_identical_rust() {
    assert_eq!(tokens("core-fv1"), tokens("core-fv2"));
    assert_eq!(tokens("extensions-fv1"), tokens("extensions-fv2"));
}

#[test]
fn adding_modules_renames_nothing() {
    // Every request type of core keeps its name when the extensions' modules join it.
    let core = mwbind_codegen::load(&fixture("core-fv2")).unwrap();
    let all = mwbind_codegen::load(&fixture("extensions-fv2")).unwrap();
    for module in &core.modules {
        let with_extensions = all.modules.iter().find(|m| m.path == module.path);
        let with_extensions = with_extensions.unwrap_or_else(|| panic!("{} is gone", module.path));
        assert_eq!(
            mwbind_codegen::ident::type_name(module),
            mwbind_codegen::ident::type_name(with_extensions)
        );
    }
}

#[test]
fn an_unknown_type_degrades_to_text_and_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let paraminfo = r#"{"paraminfo": {"modules": [{"name": "future", "path": "future",
        "classname": "ApiFuture", "prefix": "fu", "parameters": [
        {"name": "shape", "type": "hologram", "required": true},
        {"name": "other", "type": "string"}]}]}}"#;
    std::fs::write(dir.path().join("paraminfo.json"), paraminfo).unwrap();

    let spec = mwbind_codegen::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let messages: Vec<&str> = spec.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        messages,
        ["module `future`, parameter `fushape`: unknown type `hologram`, sent as a string"]
    );
    let code = mwbind_codegen::render(&spec).unwrap();
    assert!(
        code.contains("shape: impl ::core::convert::Into<::std::string::String>"),
        "{code}"
    );
}

#[test]
fn warnings_of_modules_left_out_are_left_out_too() {
    let dir = tempfile::tempdir().unwrap();
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "plain", "path": "plain", "classname": "ApiPlain", "prefix": "",
         "parameters": [{"name": "text", "type": "string"}]},
        {"name": "future", "path": "future", "classname": "ApiFuture", "prefix": "fu",
         "parameters": [{"name": "shape", "type": "hologram"}]}]}}"#;
    std::fs::write(dir.path().join("paraminfo.json"), paraminfo).unwrap();
    let file = dir.path().join("paraminfo.json");
    let pick = |path: &str| {
        let mut spec = mwbind_codegen::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
        mwbind_codegen::select(&mut spec, &[path.to_owned()], &file).unwrap();
        spec.warnings
    };

    assert_eq!(pick("plain"), []);
    let warnings = pick("future");
    assert_eq!(warnings.len(), 1);
    assert_eq!(warnings[0].at, "$.paraminfo.modules[1].parameters[0]");
}
