//! The proc-macro door into mwbind's generator, for crates with their own wiki's snapshot.
//!
//! ```ignore
//! mod wiki {
//!     mwbind::bindings!("spec", modules = ["emailuser", "query+users"]);
//! }
//! ```
//!
//! The path names a spec folder (`paraminfo.json`, `responses.toml`), relative to the crate's
//! `Cargo.toml`. `modules` is optional; without it every module of the snapshot is generated.
//! The expansion includes the spec files, so editing them rebuilds the crate.
//!
//! A malformed spec is a compile error spanned on the path, naming every problem. Something
//! the generator does not know (a parameter type of a newer wiki) is sent as text and shows
//! as a `deprecated` warning on the path, once per build, naming the module and parameter.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use std::path::PathBuf;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{LitStr, Token};

/// Generates request types from a spec folder. See the crate documentation.
#[proc_macro]
pub fn bindings(input: proc_macro::TokenStream) -> proc_macro::TokenStream {
    let root = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_default();
    match syn::parse::<Args>(input) {
        Ok(args) => expand(&root, &args).into(),
        Err(e) => e.to_compile_error().into(),
    }
}

struct Args {
    path: LitStr,
    modules: Option<Vec<LitStr>>,
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path: LitStr = input.parse()?;
        let mut modules = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key != "modules" {
                return Err(syn::Error::new(
                    key.span(),
                    "expected `modules = [\"...\"]`",
                ));
            }
            input.parse::<Token![=]>()?;
            let list;
            syn::bracketed!(list in input);
            let names = Punctuated::<LitStr, Token![,]>::parse_terminated(&list)?;
            modules = Some(names.into_iter().collect());
            input.parse::<Option<Token![,]>>()?;
        }
        Ok(Args { path, modules })
    }
}

fn expand(root: &std::path::Path, args: &Args) -> TokenStream {
    let dir = root.join(args.path.value());
    let error = |e: mwbind_codegen::Error| {
        let message = e.relative_to(root).to_string();
        syn::Error::new(args.path.span(), message).to_compile_error()
    };

    let mut spec = match mwbind_codegen::load(&dir) {
        Ok(spec) => spec,
        Err(e) => return error(e),
    };
    if let Some(modules) = &args.modules {
        let paths: Vec<String> = modules.iter().map(LitStr::value).collect();
        let file = dir.join(mwbind_codegen::PARAMINFO_FILE);
        if let Err(e) = mwbind_codegen::select(&mut spec, &paths, &file) {
            return error(e);
        }
    }

    let items = mwbind_codegen::tokens(&spec);
    let warnings = warnings(root, &spec, args.path.span());
    let files: Vec<String> = [
        mwbind_codegen::PARAMINFO_FILE,
        mwbind_codegen::RESPONSES_FILE,
    ]
    .iter()
    .map(|f| dir.join(f))
    .filter(|f| f.exists())
    .map(|f| f.display().to_string())
    .collect();
    quote! {
        // Names the spec files, so that editing them rebuilds this crate.
        const _: &[&str] = &[#(include_str!(#files)),*];
        #warnings
        #items
    }
}

/// What the generator met and does not know, as compiler warnings on the spec path.
///
/// A proc macro on stable Rust cannot warn by itself, so each warning is the use of a
/// deprecated item whose note is the message: rustc prints it once per build, and
/// `#![deny(deprecated)]` makes it an error for a crate that wants none.
fn warnings(root: &std::path::Path, spec: &mwbind_codegen::Spec, span: Span) -> TokenStream {
    let notes = spec
        .warnings
        .iter()
        .map(|w| format!("mwbind: {}", w.clone().relative_to(root)));
    quote_spanned! {span=>
        #(
            const _: () = {
                #[deprecated(note = #notes)]
                struct SpecWarning;
                let _ = SpecWarning;
            };
        )*
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(tokens: TokenStream) -> Args {
        syn::parse2(tokens).expect("test input parses")
    }

    fn spec_root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn expands_only_the_modules_asked_for() {
        let out = expand(
            &spec_root(),
            &args(quote!("spec", modules = ["query+users"])),
        );
        let text = out.to_string();
        assert!(text.contains("pub struct QueryUsers"), "{text}");
        assert!(!text.contains("pub struct EmailUser"));
        assert!(text.contains("include_str !"));
    }

    #[test]
    fn unknown_module_is_a_compile_error_naming_it() {
        let out = expand(
            &spec_root(),
            &args(quote!("spec", modules = ["query+nope"])),
        );
        let text = out.to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(
            text.contains("no module `query+nope` in this snapshot"),
            "{text}"
        );
    }

    #[test]
    fn missing_folder_is_a_compile_error_naming_the_file() {
        let out = expand(&spec_root(), &args(quote!("no/such/spec")));
        let text = out.to_string();
        assert!(text.contains("compile_error"), "{text}");
        assert!(text.contains("paraminfo.json"), "{text}");
        assert!(text.contains("cannot be read"), "{text}");
    }
}
