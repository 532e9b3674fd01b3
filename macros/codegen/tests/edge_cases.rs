//! What the generator emits where names clash, where the client owns a parameter, and where
//! the spec holds odd text; read back with syn. checks/whole-api compiles and lints the same
//! edge cases (tests/specs/edge-cases), with traits in scope whose methods are named like
//! those the generated code calls.

mod common;

use common::inherent_fns;
use proc_macro2::{TokenStream, TokenTree};
use std::collections::BTreeMap;
use std::path::Path;
use syn::Item;

fn edge_cases() -> mwbind_codegen::Spec {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/specs/edge-cases");
    mwbind_codegen::load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn core() -> mwbind_codegen::Spec {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/core-fv2");
    mwbind_codegen::load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

/// A spec of `modules` (paraminfo's JSON) and `errors` (codes any module may answer).
fn spec(modules: serde_json::Value, errors: &[&str]) -> mwbind_codegen::Spec {
    let dir = tempfile::tempdir().unwrap();
    let paraminfo = serde_json::json!({ "paraminfo": { "modules": modules } });
    std::fs::write(dir.path().join("paraminfo.json"), paraminfo.to_string()).unwrap();
    let errors: String = errors
        .iter()
        .map(|code| format!("{code:?} = \"A code.\"\n"))
        .collect();
    std::fs::write(
        dir.path().join("responses.toml"),
        format!("[errors]\n{errors}"),
    )
    .unwrap();
    mwbind_codegen::load(dir.path()).unwrap_or_else(|e| panic!("{e}"))
}

fn module(path: &str, params: serde_json::Value) -> serde_json::Value {
    let group = if path.contains('+') { "list" } else { "action" };
    serde_json::json!({"name": path.rsplit('+').next(), "path": path, "classname": "ApiThing",
        "group": group, "prefix": "", "parameters": params})
}

fn file(spec: &mwbind_codegen::Spec) -> syn::File {
    syn::parse2(mwbind_codegen::tokens(spec)).expect("output parses")
}

fn doc_of(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Setter name to the wire name its doc says it is sent as.
fn setters(file: &syn::File, ty: &str) -> BTreeMap<String, String> {
    inherent_fns(file, ty)
        .into_iter()
        .filter_map(|f| {
            let doc = doc_of(&f.attrs);
            let wire = doc.split("Sent as `").nth(1)?.split('`').next()?;
            Some((f.sig.ident.to_string(), wire.to_owned()))
        })
        .collect()
}

/// Variant name to wire spelling, read from the `Type::Variant => "wire"` arms of `ty`.
fn variants(spec: &mwbind_codegen::Spec, ty: &str) -> BTreeMap<String, String> {
    let code = mwbind_codegen::render(spec).unwrap();
    let arm = format!("{ty}::");
    code.lines()
        .filter_map(|line| {
            let (name, wire) = line.trim().strip_prefix(&arm)?.split_once(" => \"")?;
            let wire = wire.strip_suffix("\",")?;
            Some((name.to_owned(), wire.to_owned()))
        })
        .collect()
}

fn values_spec(values: &[&str]) -> mwbind_codegen::Spec {
    let params = serde_json::json!([{"name": "type", "type": values}]);
    spec(serde_json::json!([module("thing", params)]), &[])
}

fn codes_spec(codes: &[&str]) -> mwbind_codegen::Spec {
    spec(
        serde_json::json!([module("thing", serde_json::json!([]))]),
        codes,
    )
}

fn params_spec(names: &[&str]) -> mwbind_codegen::Spec {
    let params: Vec<_> = names
        .iter()
        .map(|n| serde_json::json!({"name": n, "type": "string"}))
        .collect();
    spec(serde_json::json!([module("thing", params.into())]), &[])
}

#[test]
fn adding_a_clashing_spelling_moves_no_name_to_another_and_renames_no_bystander() {
    let old = [
        "delete/delete",
        "delete/delete_redir",
        "delete/delete_redir2",
    ];
    let new = [
        "delete/delete",
        "delete/delete-redir",
        "delete/delete_redir",
        "delete/delete_redir2",
    ];
    // Each family: a spec whose values, codes or parameters are the spellings, and how to
    // read name to spelling back.
    type Family = (
        &'static str,
        fn(&[&str]) -> mwbind_codegen::Spec,
        fn(&mwbind_codegen::Spec) -> BTreeMap<String, String>,
    );
    let families: [Family; 3] = [
        ("values", values_spec, |s| variants(s, "ThingType")),
        ("codes", codes_spec, |s| variants(s, "ThingErrorCode")),
        ("setters", params_spec, |s| setters(&file(s), "Thing")),
    ];
    for (family, spec_of, names) in families {
        let (before, after) = (names(&spec_of(&old)), names(&spec_of(&new)));
        assert_eq!(before.len(), old.len(), "{family}: {before:?}");
        for (name, wire) in &before {
            if let Some(now) = after.get(name) {
                assert_eq!(now, wire, "{family}: `{name}` moved to another spelling");
            }
        }
        // Only the spelling the newcomer clashes with gives up its name.
        let kept = before.iter().filter(|(_, w)| *w != "delete/delete_redir");
        for (name, wire) in kept {
            assert_eq!(
                after.get(name),
                Some(wire),
                "{family}: `{name}` was renamed"
            );
        }
        assert_eq!(after.len(), new.len(), "{family}: {after:?}");
    }
}

#[test]
fn clashing_names_are_spelled_out() {
    let spec = edge_cases();
    let cases = [
        (
            "ApiSelfValue",
            "DeleteSlashDeleteHyphenRedir",
            "delete/delete-redir",
        ),
        (
            "ApiSelfValue",
            "DeleteSlashDeleteUnderscoreRedir",
            "delete/delete_redir",
        ),
        ("ApiSelfValue", "DeleteDeleteRedir2", "delete/delete_redir2"),
        ("ApiSelfValue", "Other", "other"),
        ("ApiSelfErrorCode", "AHyphenB", "a-b"),
        ("ApiSelfErrorCode", "AUnderscoreB", "a_b"),
        ("ApiSelfErrorCode", "Other_", "other"),
    ];
    for (ty, name, wire) in cases {
        assert_eq!(
            variants(&spec, ty).get(name).map(String::as_str),
            Some(wire),
            "{ty}::{name}"
        );
    }
    let setters = setters(&file(&spec), "Dynamic");
    for (name, wire) in [
        ("sort_hyphen_dir", "sort-dir"),
        ("sort_underscore_dir", "sort_dir"),
    ] {
        assert_eq!(setters.get(name).map(String::as_str), Some(wire), "{name}");
    }
}

#[test]
fn names_the_generated_type_uses_itself_are_not_given_to_parameters() {
    let file = file(&edge_cases());
    let fields: Vec<String> = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Struct(s) if s.ident == "Dynamic" => Some(s),
            _ => None,
        })
        .expect("struct Dynamic")
        .fields
        .iter()
        .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
        .collect();
    assert_eq!(
        fields.iter().filter(|f| *f == "extra_params").count(),
        1,
        "{fields:?}"
    );
    let setters = setters(&file, "Dynamic");
    let cases = [
        ("extra_params_", "extra_params"),
        ("extra_param_", "extra_param"),
        ("new_", "new"),
    ];
    for (name, wire) in cases {
        assert_eq!(
            setters.get(name).map(String::as_str),
            Some(wire),
            "{setters:?}"
        );
    }

    // A template variable called `value` beside the value itself.
    let text = inherent_fns(&file, "Templated")
        .into_iter()
        .find(|f| f.sig.ident == "text_value")
        .expect("setter text_value");
    let args: Vec<String> = text
        .sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            syn::FnArg::Typed(t) => Some(quote::ToTokens::to_token_stream(&t.pat).to_string()),
            syn::FnArg::Receiver(_) => None,
        })
        .collect();
    assert_eq!(args, ["value_", "value"]);
}

#[test]
fn parameters_the_client_sends_itself_have_no_setter() {
    let edge = file(&edge_cases());
    let cases = [
        ("Owned", vec!["new", "search"]),
        ("QueryOwnedList", vec!["new", "limit"]),
    ];
    for (ty, expected) in cases {
        let names: Vec<String> = inherent_fns(&edge, ty)
            .iter()
            .map(|f| f.sig.ident.to_string())
            .collect();
        assert_eq!(names, expected, "{ty}");
    }
    let owned = edge
        .items
        .iter()
        .find_map(|item| match item {
            Item::Struct(s) if s.ident == "Owned" => Some(doc_of(&s.attrs)),
            _ => None,
        })
        .unwrap_or_default();
    assert!(
        owned.contains("`format`, `maxlag`, `assert` have no setters"),
        "{owned}"
    );

    let core = file(&core());
    let names: Vec<String> = inherent_fns(&core, "OpenSearch")
        .iter()
        .map(|f| f.sig.ident.to_string())
        .collect();
    assert!(!names.contains(&"format".to_owned()), "{names:?}");
}

#[test]
fn without_codes_every_code_is_other_without_a_match() {
    let cases: [(&[&str], bool); 2] = [(&[], false), (&["badtoken"], true)];
    for (codes, has_match) in cases {
        let spec = spec(
            serde_json::json!([module("thing", serde_json::json!([]))]),
            codes,
        );
        let code = mwbind_codegen::render(&spec).unwrap();
        let body = code
            .split("fn from_code(code: &str) -> Self {")
            .nth(1)
            .unwrap_or_default();
        let body = body.split("fn as_str").next().unwrap_or_default();
        assert_eq!(body.contains("match"), has_match, "{codes:?}: {body}");
    }
}

#[test]
fn arguments_stored_as_given_take_the_field_shorthand() {
    let params = serde_json::json!([
        {"name": "count", "type": "integer", "required": true},
        {"name": "title", "type": "string", "required": true}]);
    let code =
        mwbind_codegen::render(&spec(serde_json::json!([module("thing", params)]), &[])).unwrap();
    let new = code.split("pub fn new(").nth(1).unwrap_or_default();
    let new = new.split("\n    }").next().unwrap_or_default();
    assert!(new.contains("count,"), "{new}");
    assert!(
        new.contains("title: ::core::convert::Into::into(title),"),
        "{new}"
    );
}

/// No `.method(...)` anywhere but on `params`, whose own methods no trait can shadow.
#[test]
fn the_output_calls_no_method_by_method_call_syntax() {
    fn calls(tokens: TokenStream, found: &mut Vec<String>) {
        let trees: Vec<TokenTree> = tokens.into_iter().collect();
        for (i, tree) in trees.iter().enumerate() {
            if let TokenTree::Group(group) = tree {
                calls(group.stream(), found);
            }
            let (Some(TokenTree::Punct(dot)), Some(TokenTree::Ident(name))) =
                (trees.get(i), trees.get(i + 1))
            else {
                continue;
            };
            let called = matches!(trees.get(i + 2), Some(TokenTree::Group(g)) if g.delimiter() == proc_macro2::Delimiter::Parenthesis);
            let receiver = i
                .checked_sub(1)
                .and_then(|j| trees.get(j))
                .map(ToString::to_string);
            if dot.as_char() == '.' && called && receiver.as_deref() != Some("params") {
                found.push(format!("{} . {name}", receiver.unwrap_or_default()));
            }
        }
    }
    for (name, spec) in [("edge cases", edge_cases()), ("core", core())] {
        let mut found = Vec::new();
        calls(mwbind_codegen::tokens(&spec), &mut found);
        found.dedup();
        assert!(found.is_empty(), "{name}: {found:?}");
    }
}

/// rustc's rule for UpperCamelCase (`non_camel_case_types`): no lowercase start, no `__`,
/// no underscore next to a letter, once leading and trailing underscores are trimmed.
fn is_camel_case(name: &str) -> bool {
    let name = name.trim_matches('_');
    let chars: Vec<char> = name.chars().collect();
    !chars.first().is_some_and(|c| c.is_lowercase())
        && !name.contains("__")
        && !chars
            .windows(2)
            .any(|w| (w[0].is_alphabetic() && w[1] == '_') || (w[1].is_alphabetic() && w[0] == '_'))
}

#[test]
fn the_rendered_file_parses_and_its_type_names_are_upper_camel_case() {
    for (name, spec) in [("edge cases", edge_cases()), ("core", core())] {
        let code = mwbind_codegen::render(&spec).unwrap();
        // A bare CR inside a `///` line is refused by rustc, and by syn.
        let parsed = syn::parse_file(&code).unwrap_or_else(|e| panic!("{name}: {e}"));
        let mut names = Vec::new();
        for item in &parsed.items {
            match item {
                Item::Struct(s) => names.push(s.ident.to_string()),
                Item::Enum(e) => {
                    names.push(e.ident.to_string());
                    names.extend(e.variants.iter().map(|v| v.ident.to_string()));
                }
                _ => {}
            }
        }
        let bad: Vec<&String> = names.iter().filter(|n| !is_camel_case(n)).collect();
        assert!(bad.is_empty(), "{name}: {bad:?}");
    }
}

#[test]
fn control_characters_of_values_and_defaults_are_escaped_in_docs() {
    let code = mwbind_codegen::render(&edge_cases()).unwrap();
    assert!(!code
        .lines()
        .any(|l| l.trim_start().starts_with("///") && l.contains('\r')));
    for shown in ["/// `a\\rb`", "Default: `x\\ry`.", "Default: `1\\r\\n2`."] {
        assert!(code.contains(shown), "missing {shown}");
    }
}
