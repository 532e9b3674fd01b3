//! Emitting Rust tokens for a checked spec.
//!
//! The output names everything by its full path (`::mwbind::...`, `::core::...`) so that no
//! import of the crate it lands in can change its meaning.

mod request;
mod response;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ident::type_name;
use crate::spec::{Module, Spec};

/// All items for the modules of `spec`.
pub fn spec(spec: &Spec) -> TokenStream {
    let modules = spec
        .modules
        .iter()
        .filter(|m| is_request(m))
        .map(|m| module(spec, m));
    quote! { #(#modules)* }
}

/// Whether a module is something to send. `main` is the API itself, whose parameters the
/// client sets, and format modules (`json`, `xml`...) choose how answers are written.
pub fn is_request(module: &Module) -> bool {
    module.path != "main" && module.group != "format"
}

/// Every Rust type name the module's items declare, for the check that they are unique.
pub fn type_names(spec: &Spec, module: &Module) -> Vec<String> {
    let name = type_name(module);
    let response = spec.responses.modules.get(&module.path);
    let mut names = request::type_names(&name, module);
    names.extend(response::type_names(&name, response));
    names
}

fn module(spec: &Spec, module: &Module) -> TokenStream {
    let name = type_name(module);
    let response = spec.responses.modules.get(&module.path);

    let (response_ty, decode) = response::payload(&name, response);
    let request = request::items(&name, module, response_ty, decode);
    let codes = response::error_codes(&name, &spec.responses.errors, response);
    let answer = response.map(|r| response::types(&name, r));

    quote! {
        #request
        #codes
        #answer
    }
}

/// Doc attributes, one per line, so that the pretty-printed output reads as `///` comments.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| match line {
        "" => String::new(),
        line => format!(" {line}"),
    });
    quote! { #( #[doc = #lines] )* }
}
