//! The answers of modules and their error codes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeMap;

use super::{doc_attrs, shown};
use crate::ident::{camel, ident, snake, unique, Case};
use crate::spec::{Field, FieldType, ModuleResponse, TypeDef, TypeKind, Variant};

/// The Rust names declared for a module's answer and error codes.
pub(crate) fn type_names(name: &str, response: Option<&ModuleResponse>) -> Vec<String> {
    let mut names = vec![format!("{name}ErrorCode")];
    for (ty, def) in response.into_iter().flat_map(|r| r.types.iter()) {
        names.push(format!("{name}{ty}"));
        if matches!(def.kind, TypeKind::Flagged { .. }) {
            names.push(format!("__{name}{ty}Raw"));
        }
    }
    names
}

/// The Rust type of the module's payload, and how `decode` reads it out of an answer.
pub(crate) fn payload(name: &str, response: Option<&ModuleResponse>) -> (TokenStream, TokenStream) {
    let Some(r) = response else {
        // Without a description of the answer, the whole answer is handed over as it came.
        return (
            quote!(::mwbind::__private::serde_json::Value),
            quote!(::core::result::Result::Ok(answer)),
        );
    };
    let at = &r.at;
    let absent = match r.payload {
        FieldType::List(_) => quote!(EmptyList),
        FieldType::Map(_) => quote!(EmptyMap),
        _ => quote!(Error),
    };
    let decode = quote! {
        ::mwbind::__private::decode(answer, &[#(#at),*], ::mwbind::__private::Absent::#absent)
    };
    (field_type(name, &r.payload), decode)
}

/// Answers of modules that name a `split` parameter are joined (the payload is then a list
/// or a map, which the spec checks): the client may split a long value list of such a
/// parameter over several requests and hand back one answer.
pub(crate) fn merger(response: Option<&ModuleResponse>) -> TokenStream {
    let Some(response) = response.filter(|r| !r.split.is_empty()) else {
        return TokenStream::new();
    };
    match &response.payload {
        FieldType::List(_) | FieldType::Map(_) => quote! {
            #[allow(clippy::redundant_closure)]
            fn merger() -> ::core::option::Option<::mwbind::Merge<Self::Response>> {
                ::core::option::Option::Some(|into, more| ::core::iter::Extend::extend(into, more))
            }
        },
        _ => TokenStream::new(),
    }
}

/// The types of a module's answer.
pub(crate) fn types(name: &str, response: &ModuleResponse) -> TokenStream {
    let types = response.types.iter().map(|(ty_name, def)| match &def.kind {
        TypeKind::Struct(fields) => struct_type(name, ty_name, def, fields),
        TypeKind::Tagged { tag, variants } => tagged_type(name, ty_name, def, tag, variants),
        TypeKind::Flagged { variants } => flagged_type(name, ty_name, def, variants),
    });
    quote! { #(#types)* }
}

/// The enum of the error codes a module may answer.
pub(crate) fn error_codes(
    name: &str,
    general: &BTreeMap<String, String>,
    response: Option<&ModuleResponse>,
) -> TokenStream {
    let ty = format_ident!("{}ErrorCode", name);
    let mut codes: BTreeMap<&str, &str> = BTreeMap::new();
    for (code, doc) in general
        .iter()
        .chain(response.into_iter().flat_map(|r| &r.errors))
    {
        codes.insert(code, doc);
    }
    // `Other` holds unknown codes, so a code named `other` is `Other_`.
    let wire: Vec<&str> = codes.keys().copied().collect();
    let variants: Vec<_> = unique(&wire, &["Other"], Case::Camel)
        .iter()
        .map(|v| ident(v))
        .collect();
    let meanings: Vec<&str> = codes.values().copied().collect();
    let docs = codes
        .iter()
        .map(|(code, doc)| doc_attrs(&format!("`{}`: {doc}", shown(code))));
    let unknown = quote! {
        #ty::Other(<::std::string::String as ::core::convert::From<&str>>::from(code))
    };
    // Without known codes, a `match` would have one arm that binds everything.
    let from_code = match wire.is_empty() {
        true => unknown,
        false => quote! {
            match code {
                #( #wire => #ty::#variants, )*
                _ => #unknown,
            }
        },
    };
    let doc = doc_attrs(&format!(
        "Error codes the `{name}` request may answer: its own and those of the API in general. \
         A code not listed here arrives as `Other`, spelled as the server sent it."
    ));

    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
        )]
        #[non_exhaustive]
        pub enum #ty {
            #( #docs #variants, )*
            /// A code this spec does not list, kept as the server sent it.
            Other(::std::string::String),
        }

        impl ::mwbind::ErrorCode for #ty {
            fn from_code(code: &str) -> Self {
                #from_code
            }

            fn as_str(&self) -> &str {
                match self {
                    #( #ty::#variants => #wire, )*
                    #ty::Other(code) => code,
                }
            }

            fn description(&self) -> ::core::option::Option<&'static str> {
                match self {
                    #( #ty::#variants => ::core::option::Option::Some(#meanings), )*
                    #ty::Other(_) => ::core::option::Option::None,
                }
            }
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::fmt::Formatter::write_str(f, ::mwbind::ErrorCode::as_str(self))
            }
        }
    }
}

fn struct_type(module: &str, name: &str, def: &TypeDef, fields: &[Field]) -> TokenStream {
    let ty = format_ident!("{}{}", module, name);
    let doc = doc_attrs(&def.doc);
    let fields = fields.iter().map(|f| field_def(module, f, true));
    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::mwbind::__private::serde::Deserialize,
        )]
        #[serde(crate = "::mwbind::__private::serde")]
        #[non_exhaustive]
        pub struct #ty {
            #(#fields,)*
        }
    }
}

fn tagged_type(
    module: &str,
    name: &str,
    def: &TypeDef,
    tag: &str,
    variants: &[Variant],
) -> TokenStream {
    let ty = format_ident!("{}{}", module, name);
    let doc = doc_attrs(&def.doc);
    let variants = variants.iter().map(|v| {
        let variant = ident(&camel(&v.name));
        let when = v.when.as_deref().unwrap_or(&v.name);
        let doc = doc_attrs(&v.doc);
        let fields = v.fields.iter().map(|f| field_def(module, f, false));
        let body = (!v.fields.is_empty()).then(|| quote!({ #(#fields,)* }));
        quote! {
            #doc
            #[serde(rename = #when)]
            #variant #body
        }
    });
    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::mwbind::__private::serde::Deserialize,
        )]
        #[serde(crate = "::mwbind::__private::serde", tag = #tag)]
        #[non_exhaustive]
        pub enum #ty {
            #(#variants,)*
        }
    }
}

/// A type whose variant depends on which flag key is set (`missing`, `invalid`) is read
/// through a hidden struct holding every key, then sorted into its variant.
fn flagged_type(module: &str, name: &str, def: &TypeDef, variants: &[Variant]) -> TokenStream {
    let ty = format_ident!("{}{}", module, name);
    let raw = format_ident!("__{}{}Raw", module, name);
    let raw_name = raw.to_string();
    let doc = doc_attrs(&def.doc);

    let mut keys: BTreeMap<&str, &Field> = BTreeMap::new();
    for field in variants.iter().flat_map(|v| &v.fields) {
        keys.entry(&field.key).or_insert(field);
    }
    let flags: Vec<&str> = variants.iter().filter_map(|v| v.when.as_deref()).collect();
    let raw_fields = keys.values().map(|f| {
        let field = ident(&snake(&f.key));
        let key = &f.key;
        let inner = field_type(module, &f.ty);
        quote! {
            #[serde(rename = #key, default)]
            #field: ::core::option::Option<#inner>
        }
    });
    let flag_fields: Vec<_> = flags
        .iter()
        .map(|f| format_ident!("flag_{}", snake(f)))
        .collect();

    let public = variants.iter().map(|v| {
        let variant = ident(&camel(&v.name));
        let doc = doc_attrs(&v.doc);
        let fields = v.fields.iter().map(|f| field_def(module, f, false));
        quote! { #doc #variant { #(#fields,)* } }
    });

    let arms = variants.iter().map(|v| {
        let variant = ident(&camel(&v.name));
        let inits = v.fields.iter().map(|f| {
            let field = ident(&snake(&f.key));
            let key = &f.key;
            let missing = format!("`{key}` is missing");
            let value = match (f.optional, &f.ty) {
                (true, _) => quote!(raw.#field),
                (false, FieldType::Bool) => {
                    quote!(::core::option::Option::unwrap_or(raw.#field, false))
                }
                (false, _) => quote!(::core::option::Option::ok_or(raw.#field, #missing)?),
            };
            quote!(#field: #value)
        });
        let build = quote!(#ty::#variant { #(#inits,)* });
        match &v.when {
            Some(flag) => {
                let flag = format_ident!("flag_{}", snake(flag));
                quote!(if raw.#flag { return ::core::result::Result::Ok(#build); })
            }
            None => quote!(::core::result::Result::Ok(#build)),
        }
    });
    // The default variant, the one without a flag, comes last.
    let arms: Vec<_> = arms.collect();
    let (flagged, default): (Vec<_>, Vec<_>) = variants
        .iter()
        .zip(arms)
        .partition(|(v, _)| v.when.is_some());
    let flagged = flagged.into_iter().map(|(_, arm)| arm);
    let default = default.into_iter().map(|(_, arm)| arm);

    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::fmt::Debug,
            ::mwbind::__private::serde::Deserialize,
        )]
        #[serde(crate = "::mwbind::__private::serde", try_from = #raw_name)]
        #[allow(clippy::large_enum_variant)]
        #[non_exhaustive]
        pub enum #ty {
            #(#public,)*
        }

        #[doc(hidden)]
        #[derive(::mwbind::__private::serde::Deserialize)]
        #[serde(crate = "::mwbind::__private::serde")]
        pub struct #raw {
            #(#raw_fields,)*
            #(
                #[serde(rename = #flags, default)]
                #flag_fields: bool,
            )*
        }

        impl ::core::convert::TryFrom<#raw> for #ty {
            type Error = &'static str;

            fn try_from(raw: #raw) -> ::core::result::Result<Self, Self::Error> {
                #(#flagged)*
                #(#default)*
            }
        }
    }
}

/// One field of a response struct or variant.
fn field_def(module: &str, f: &Field, public: bool) -> TokenStream {
    let field = ident(&snake(&f.key));
    let key = &f.key;
    let doc = doc_attrs(&f.doc);
    let inner = field_type(module, &f.ty);
    let vis = public.then(|| quote!(pub));
    let (ty, default) = match (f.optional, &f.ty) {
        (true, _) => (quote!(::core::option::Option<#inner>), true),
        (false, FieldType::Bool) => (inner, true),
        (false, _) => (inner, false),
    };
    let serde = if default {
        quote!(#[serde(rename = #key, default)])
    } else {
        quote!(#[serde(rename = #key)])
    };
    quote! {
        #doc
        #serde
        #vis #field: #ty
    }
}

/// The Rust type of a response field.
fn field_type(module: &str, ty: &FieldType) -> TokenStream {
    match ty {
        FieldType::String => quote!(::std::string::String),
        FieldType::Integer => quote!(i64),
        FieldType::Bool => quote!(bool),
        // Not yet handled: timestamps are kept as the ISO 8601 text the API sends.
        FieldType::Timestamp => quote!(::std::string::String),
        FieldType::Token => quote!(::mwbind::Token),
        FieldType::Message => quote!(::mwbind::Message),
        FieldType::Json => quote!(::mwbind::__private::serde_json::Value),
        FieldType::List(item) => {
            let item = field_type(module, item);
            quote!(::std::vec::Vec<#item>)
        }
        FieldType::Map(item) => {
            let item = field_type(module, item);
            quote!(::std::collections::BTreeMap<::std::string::String, #item>)
        }
        FieldType::Named(name) => {
            let ty = format_ident!("{}{}", module, name);
            quote!(#ty)
        }
    }
}
