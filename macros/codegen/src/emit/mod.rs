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

    let (ty, decode) = response::payload(&name, response);
    let answer = request::Answer {
        ty,
        decode: quote!(#decode),
        merger: response::merger(response),
        split: response.map_or(&[], |r| &r.split),
    };
    let request = request::items(&name, module, answer);
    let codes = response::error_codes(&name, &spec.responses.errors, response);
    let answer = response.map(|r| response::types(&name, r));

    quote! {
        #request
        #codes
        #answer
    }
}

/// For tests against a live wiki: `pub fn samples() -> Vec<(&'static str, Sample)>`, one entry
/// per module, each building the module's request (from the bindings at `bindings`, a path
/// such as `crate::core`) with sample values and sending it. The answers must be untyped
/// (a spec without `responses.toml`), so that the test sees every warning.
///
/// `overrides` gives values for chosen parameters: `(module path, parameter name, Rust
/// expression)`, for what paraminfo cannot say (a language code, one of several parameters
/// of which one is required).
pub fn samples(
    spec: &Spec,
    bindings: &TokenStream,
    overrides: &[(&str, &str, TokenStream)],
) -> TokenStream {
    let entries = spec.modules.iter().filter(|m| is_request(m)).map(|m| {
        let path = &m.path;
        let chosen: Vec<(&str, TokenStream)> = overrides
            .iter()
            .filter(|(module, _, _)| *module == m.path)
            .map(|(_, param, value)| (*param, value.clone()))
            .collect();
        let build = request::sample(&type_name(m), m, bindings, &chosen);
        quote! {
            (#path, ::std::boxed::Box::new(|client: ::mwbind::Client| {
                ::std::boxed::Box::pin(async move {
                    let request = #build;
                    ::core::result::Result::map_err(
                        ::mwbind::Client::send(&client, &request).await,
                        ::mwbind::Error::recode,
                    )
                }) as SampleFuture
            }) as Sample)
        }
    });
    quote! {
        /// What sending one sample gives: the whole answer, or the error with its code.
        pub type SampleFuture = ::std::pin::Pin<::std::boxed::Box<
            dyn ::core::future::Future<Output = ::core::result::Result<
                ::mwbind::__private::serde_json::Value,
                ::mwbind::Error,
            >>
                + ::core::marker::Send,
        >>;
        /// Sends one module's sample request through a client.
        pub type Sample = ::std::boxed::Box<dyn Fn(::mwbind::Client) -> SampleFuture + ::core::marker::Send + ::core::marker::Sync>;

        /// Every module with its sample request.
        #[allow(deprecated)]
        pub fn samples() -> ::std::vec::Vec<(&'static str, Sample)> {
            ::std::vec![#(#entries),*]
        }
    }
}

/// Doc attributes, one per line, so that the pretty-printed output reads as `///` comments.
/// A bare CR ends a line too: inside a `///` line, rustc refuses it.
pub(crate) fn doc_attrs(text: &str) -> TokenStream {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let lines = text.lines().map(|line| match line {
        "" => String::new(),
        line => format!(" {line}"),
    });
    quote! { #( #[doc = #lines] )* }
}

/// A wire value as a doc shows it inside backticks: control characters (a CR, a tab) are
/// escaped, as they would be in a Rust string, and the rest is kept.
pub(crate) fn shown(value: &str) -> String {
    value
        .chars()
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect()
}
