//! What the generator emits for the shipped spec, read back with syn.

mod common;

use common::inherent_fns;
use std::path::Path;
use syn::{ImplItem, Item};

fn generated() -> syn::File {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
    let spec = mwbind_codegen::load(&dir).expect("shipped spec loads");
    syn::parse2(mwbind_codegen::tokens(&spec)).expect("output parses")
}

fn method_names(file: &syn::File, type_name: &str) -> Vec<String> {
    inherent_fns(file, type_name)
        .iter()
        .map(|f| f.sig.ident.to_string())
        .collect()
}

fn constant(file: &syn::File, type_name: &str, name: &str) -> String {
    let imp = file
        .items
        .iter()
        .find_map(|item| match item {
            Item::Impl(imp) if imp.trait_.is_some() => {
                let ty = &imp.self_ty;
                let trait_path = imp.trait_.as_ref().map(|t| &t.1);
                let is_request = quote::quote!(#trait_path).to_string().ends_with("Request");
                (is_request && quote::quote!(#ty).to_string() == type_name).then_some(imp)
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no Request impl for {type_name}"));
    imp.items
        .iter()
        .find_map(|item| match item {
            ImplItem::Const(c) if c.ident == name => {
                let expr = &c.expr;
                Some(quote::quote!(#expr).to_string())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("{type_name} has no {name}"))
}

#[test]
fn required_parameters_are_the_constructor_arguments() {
    let file = generated();
    let new = inherent_fns(&file, "EmailUser")
        .into_iter()
        .find(|f| f.sig.ident == "new")
        .unwrap();
    let args: Vec<String> = new
        .sig
        .inputs
        .iter()
        .map(|a| match a {
            syn::FnArg::Typed(t) => {
                let pat = &t.pat;
                quote::quote!(#pat).to_string()
            }
            syn::FnArg::Receiver(_) => "self".to_owned(),
        })
        .collect();
    assert_eq!(args, ["target", "subject", "text"]);
}

#[test]
fn optional_parameters_are_setters_without_the_prefix_and_the_token_is_not_one() {
    let file = generated();
    assert_eq!(method_names(&file, "EmailUser"), ["new", "ccme"]);
    assert_eq!(
        method_names(&file, "QueryUsers"),
        ["new", "prop", "attachedwiki", "users", "userids"]
    );
    assert_eq!(
        method_names(&file, "QueryTokens"),
        ["new", "type_", "type_all"]
    );
}

#[test]
fn metadata_comes_from_paraminfo() {
    let file = generated();
    assert_eq!(constant(&file, "EmailUser", "MUST_BE_POSTED"), "true");
    assert_eq!(
        constant(&file, "EmailUser", "TOKEN_TYPE"),
        ":: core :: option :: Option :: Some (\"csrf\")"
    );
    assert_eq!(constant(&file, "EmailUser", "WRITE_RIGHTS"), "true");
    assert_eq!(constant(&file, "QueryUsers", "PATH"), "\"query+users\"");
    assert_eq!(constant(&file, "QueryUsers", "GROUP"), "\"list\"");
    assert_eq!(constant(&file, "QueryUsers", "PREFIX"), "\"us\"");
    assert_eq!(constant(&file, "QueryUsers", "MUST_BE_POSTED"), "false");
    assert_eq!(
        constant(&file, "QueryTokens", "TOKEN_TYPE"),
        ":: core :: option :: Option :: None"
    );
}

#[test]
fn enum_parameters_and_error_codes_are_enums() {
    let items = generated().items;
    let text = quote::quote!(#(#items)*).to_string();
    for expected in [
        "pub enum QueryUsersProp",
        "Emailable",
        "pub enum QueryTokensType",
        "pub enum EmailUserErrorCode",
        "Nowikiemail",
        "Blockedemailuser",
        "Badtoken",
        "Other (:: std :: string :: String)",
    ] {
        assert!(text.contains(expected), "missing `{expected}`");
    }
}

#[test]
fn rendering_is_deterministic_and_marked_generated() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
    let first = mwbind_codegen::generate(&dir).unwrap();
    let second = mwbind_codegen::generate(&dir).unwrap();
    assert_eq!(first, second);
    assert!(first.starts_with("// @generated"));
}
