//! Emitting Rust tokens for a checked spec.
//!
//! The output names everything by its full path (`::mwbind::...`, `::core::...`) so that no
//! import of the crate it lands in can change its meaning.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeMap;

use crate::doc::markdown;
use crate::ident::{camel, dedupe, ident, snake, type_name};
use crate::spec::{
    Field, FieldType, Module, ModuleResponse, Param, ParamType, Spec, TypeDef, TypeKind, Variant,
};

/// All items for the modules of `spec`.
pub fn spec(spec: &Spec) -> TokenStream {
    let modules = spec.modules.iter().map(|m| module(spec, m));
    quote! { #(#modules)* }
}

fn module(spec: &Spec, module: &Module) -> TokenStream {
    let name = type_name(module);
    let response = spec.responses.modules.get(&module.path);
    let params: Vec<Setter> = setters(&name, module);

    let request = request_struct(&name, module, &params);
    let enums = params.iter().filter_map(|s| s.enum_def.clone());
    let codes = error_codes(&name, &spec.responses.errors, response);
    let answer = response.map(|r| response_types(&name, r));
    let imp = request_impl(&name, module, &params, response);

    quote! {
        #request
        #(#enums)*
        #imp
        #codes
        #answer
    }
}

/// How one parameter shows up in Rust: its field, its setter and how it is encoded.
struct Setter<'a> {
    param: &'a Param,
    field: proc_macro2::Ident,
    /// The stored type, `Option` and `Vec` included.
    stored: TokenStream,
    /// The enum generated for its values, if any.
    enum_def: Option<TokenStream>,
    /// The Rust type of one value.
    value: TokenStream,
    kind: ValueKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueKind {
    Text,
    Secret,
    Flag,
    Integer,
    Enum,
}

fn setters<'a>(type_name: &str, module: &'a Module) -> Vec<Setter<'a>> {
    // The token is the client's business, never the caller's.
    let params: Vec<&Param> = module
        .parameters
        .iter()
        .filter(|p| p.token_type.is_none())
        .collect();
    let names = dedupe(params.iter().map(|p| snake(&p.name)).collect());

    params
        .into_iter()
        .zip(names)
        .map(|(param, field)| setter(type_name, param, ident(&field)))
        .collect()
}

fn setter<'a>(type_name: &str, param: &'a Param, field: proc_macro2::Ident) -> Setter<'a> {
    let (value, kind, enum_def) = match &param.ty {
        ParamType::Boolean => (quote!(bool), ValueKind::Flag, None),
        ParamType::Integer | ParamType::Limit | ParamType::Namespace => {
            (quote!(i64), ValueKind::Integer, None)
        }
        ParamType::Password => (
            quote!(::mwbind::__private::SecretString),
            ValueKind::Secret,
            None,
        ),
        _ if param.sensitive => (
            quote!(::mwbind::__private::SecretString),
            ValueKind::Secret,
            None,
        ),
        ParamType::Enum(values) => {
            let enum_name = format_ident!("{}{}", type_name, camel(&param.name));
            let def = value_enum(&enum_name, param, values);
            (quote!(#enum_name), ValueKind::Enum, Some(def))
        }
        // Not yet handled: timestamps, expiries, titles, users and uploads are sent as text.
        _ => (quote!(::std::string::String), ValueKind::Text, None),
    };

    let stored = if param.multi {
        quote!(::std::vec::Vec<#value>)
    } else if param.required || kind == ValueKind::Flag {
        value.clone()
    } else {
        quote!(::core::option::Option<#value>)
    };
    Setter {
        param,
        field,
        stored,
        enum_def,
        value,
        kind,
    }
}

fn value_enum(name: &proc_macro2::Ident, param: &Param, values: &[String]) -> TokenStream {
    let variants: Vec<_> = dedupe(values.iter().map(|v| camel(v)).collect())
        .iter()
        .map(|v| ident(v))
        .collect();
    let wire: Vec<_> = values.iter().map(|v| Literal::string(v)).collect();
    let docs = values.iter().map(|v| doc_attrs(&format!("`{v}`")));
    let doc = doc_attrs(&format!("Values of the `{}` parameter.", param.wire_name));

    quote! {
        #doc
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #docs #variants, )*
        }

        impl #name {
            /// Every value, in the order the wiki lists them.
            pub const ALL: &'static [#name] = &[#(#name::#variants),*];

            /// The value as the wiki spells it.
            pub fn as_str(self) -> &'static str {
                match self {
                    #( #name::#variants => #wire, )*
                }
            }
        }

        impl ::core::fmt::Display for #name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn request_struct(name: &str, module: &Module, params: &[Setter<'_>]) -> TokenStream {
    let name = ident(name);
    let doc = doc_attrs(&module_doc(module));
    let fields = params.iter().map(|s| {
        let field = &s.field;
        let stored = &s.stored;
        quote!(#field: #stored)
    });
    let required: Vec<&Setter> = params.iter().filter(|s| is_argument(s)).collect();
    let args = required.iter().map(|s| {
        let field = &s.field;
        match s.kind {
            ValueKind::Text | ValueKind::Secret => {
                quote!(#field: impl ::core::convert::Into<::std::string::String>)
            }
            _ => {
                let value = &s.stored;
                quote!(#field: #value)
            }
        }
    });
    let inits = params.iter().map(|s| {
        let field = &s.field;
        match (is_argument(s), s.kind) {
            (true, ValueKind::Text) => quote!(#field: #field.into()),
            (true, ValueKind::Secret) => {
                quote!(#field: ::mwbind::__private::SecretString::from(#field.into()))
            }
            (true, _) => quote!(#field),
            (false, _) => quote!(#field: ::core::default::Default::default()),
        }
    });
    let new_doc = doc_attrs(&new_doc(&required));
    let methods = params.iter().filter(|s| !is_argument(s)).map(setter_method);
    let default = required.is_empty().then(|| {
        quote! {
            impl ::core::default::Default for #name {
                fn default() -> Self {
                    #name::new()
                }
            }
        }
    });

    quote! {
        #doc
        #[derive(Clone, Debug)]
        pub struct #name {
            #(#fields,)*
        }

        impl #name {
            #new_doc
            pub fn new(#(#args),*) -> Self {
                #name { #(#inits,)* }
            }

            #(#methods)*
        }

        #default
    }
}

/// Required single values are constructor arguments; multi-value ones are set like the rest.
fn is_argument(s: &Setter<'_>) -> bool {
    s.param.required && !s.param.multi
}

fn setter_method(s: &Setter<'_>) -> TokenStream {
    let field = &s.field;
    let value = &s.value;
    let doc = doc_attrs(&param_doc(s.param));
    let deprecated = s
        .param
        .deprecated
        .then(|| quote!(#[deprecated(note = "deprecated by the API")]));

    let (arg, store) = match (s.param.multi, s.kind) {
        (true, ValueKind::Text) => (
            quote!(values: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<::std::string::String>>),
            quote!(values
                .into_iter()
                .map(::core::convert::Into::into)
                .collect()),
        ),
        (true, ValueKind::Secret) => (
            quote!(values: impl ::core::iter::IntoIterator<Item = impl ::core::convert::Into<::std::string::String>>),
            quote!(values
                .into_iter()
                .map(|v| ::mwbind::__private::SecretString::from(v.into()))
                .collect()),
        ),
        (true, _) => (
            quote!(values: impl ::core::iter::IntoIterator<Item = #value>),
            quote!(values.into_iter().collect()),
        ),
        (false, ValueKind::Flag) => (quote!(value: bool), quote!(value)),
        (false, ValueKind::Text) => (
            quote!(value: impl ::core::convert::Into<::std::string::String>),
            quote!(::core::option::Option::Some(value.into())),
        ),
        (false, ValueKind::Secret) => (
            quote!(value: impl ::core::convert::Into<::std::string::String>),
            quote!(::core::option::Option::Some(
                ::mwbind::__private::SecretString::from(value.into())
            )),
        ),
        (false, _) => (
            quote!(value: #value),
            quote!(::core::option::Option::Some(value)),
        ),
    };

    quote! {
        #doc
        #deprecated
        pub fn #field(mut self, #arg) -> Self {
            self.#field = #store;
            self
        }
    }
}

fn request_impl(
    name: &str,
    module: &Module,
    params: &[Setter<'_>],
    response: Option<&ModuleResponse>,
) -> TokenStream {
    let ty = ident(name);
    let codes = format_ident!("{}ErrorCode", name);
    let path = &module.path;
    let module_name = &module.name;
    let group = &module.group;
    let prefix = &module.prefix;
    let must_be_posted = module.must_be_posted;
    let read_rights = module.read_rights;
    let write_rights = module.write_rights;
    let sensitive = module
        .parameters
        .iter()
        .any(|p| p.sensitive || p.ty == ParamType::Password);
    let help_urls = &module.help_urls;
    let token = match module
        .parameters
        .iter()
        .find_map(|p| p.token_type.as_deref())
    {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    };
    let encode = params.iter().map(encode_param);
    let merger = response.and_then(merger);

    let (response_ty, decode) = match response {
        Some(r) => {
            let at = &r.at;
            let absent = match r.payload {
                FieldType::List(_) => quote!(EmptyList),
                FieldType::Map(_) => quote!(EmptyMap),
                _ => quote!(Error),
            };
            let ty = field_type(name, &r.payload);
            let decode = quote! {
                ::mwbind::__private::decode(answer, &[#(#at),*], ::mwbind::__private::Absent::#absent)
            };
            (ty, decode)
        }
        // Without a description of the answer, the whole answer is handed over as it came.
        None => (
            quote!(::mwbind::__private::serde_json::Value),
            quote!(::core::result::Result::Ok(answer)),
        ),
    };

    quote! {
        impl ::mwbind::Request for #ty {
            const PATH: &'static str = #path;
            const NAME: &'static str = #module_name;
            const GROUP: &'static str = #group;
            const PREFIX: &'static str = #prefix;
            const MUST_BE_POSTED: bool = #must_be_posted;
            const HAS_SENSITIVE: bool = #sensitive;
            const TOKEN_TYPE: ::core::option::Option<&'static str> = #token;
            const READ_RIGHTS: bool = #read_rights;
            const WRITE_RIGHTS: bool = #write_rights;
            const HELP_URLS: &'static [&'static str] = &[#(#help_urls),*];

            type Response = #response_ty;
            type ErrorCode = #codes;

            fn encode(
                &self,
                params: &mut ::mwbind::__private::Params,
            ) -> ::core::result::Result<(), ::mwbind::InvalidRequest> {
                #(#encode)*
                ::core::result::Result::Ok(())
            }

            fn decode(
                answer: ::mwbind::__private::serde_json::Value,
            ) -> ::core::result::Result<Self::Response, ::mwbind::DecodeError> {
                #decode
            }

            #merger
        }
    }
}

/// Answers whose payload is a list or a map can be joined: the client may then split a long
/// value list over several requests and hand back one answer.
fn merger(response: &ModuleResponse) -> Option<TokenStream> {
    match response.payload {
        FieldType::List(_) | FieldType::Map(_) => Some(quote! {
            #[allow(clippy::redundant_closure)]
            fn merger() -> ::core::option::Option<::mwbind::Merge<Self::Response>> {
                ::core::option::Option::Some(|into, more| ::core::iter::Extend::extend(into, more))
            }
        }),
        _ => None,
    }
}

fn encode_param(s: &Setter<'_>) -> TokenStream {
    let field = &s.field;
    let wire = &s.param.wire_name;
    let limit = match s.param.limit {
        Some(l) => {
            let (low, high) = (l.low, l.high);
            quote!(::core::option::Option::Some((#low, #high)))
        }
        None => quote!(::core::option::Option::None),
    };
    let value_ty = &s.value;
    let item = match s.kind {
        // Typed, so that an optional value (`&Option<T>` unwrapped) infers too.
        ValueKind::Enum => quote!(|v: &#value_ty| v.as_str()),
        ValueKind::Secret => quote!(::mwbind::__private::expose),
        ValueKind::Integer | ValueKind::Flag => quote!(|v: &#value_ty| v.to_string()),
        ValueKind::Text => quote!(::std::string::String::as_str),
    };

    if s.param.multi {
        let required = s.param.required;
        return quote! {
            params.multi(#wire, self.#field.iter().map(#item), #limit, #required)?;
        };
    }
    match (s.kind, is_argument(s)) {
        (ValueKind::Flag, _) => quote!(params.flag(#wire, self.#field);),
        (ValueKind::Text, true) => quote!(params.required(#wire, &self.#field)?;),
        (ValueKind::Secret, true) => {
            quote!(params.required(#wire, ::mwbind::__private::expose(&self.#field))?;)
        }
        (ValueKind::Integer, true) => quote!(params.text(#wire, &self.#field.to_string());),
        (ValueKind::Enum, true) => quote!(params.text(#wire, self.#field.as_str());),
        (ValueKind::Enum, false) => quote! {
            if let ::core::option::Option::Some(value) = &self.#field {
                params.text(#wire, value.as_str());
            }
        },
        (ValueKind::Integer, false) => quote! {
            if let ::core::option::Option::Some(value) = &self.#field {
                params.text(#wire, &value.to_string());
            }
        },
        (_, false) => quote! {
            if let ::core::option::Option::Some(value) = &self.#field {
                let value = (#item)(value);
                params.text(#wire, ::core::convert::AsRef::<str>::as_ref(&value));
            }
        },
    }
}

fn error_codes(
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
    let variants: Vec<_> = dedupe(codes.keys().map(|c| camel(c)).collect())
        .iter()
        .map(|v| ident(v))
        .collect();
    let wire: Vec<&str> = codes.keys().copied().collect();
    let docs = codes
        .iter()
        .map(|(code, doc)| doc_attrs(&format!("`{code}`: {doc}")));
    let doc = doc_attrs(&format!(
        "Error codes the `{name}` request may answer: its own and those of the API in general. \
         A code not listed here arrives as `Other`, spelled as the server sent it."
    ));

    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ty {
            #( #docs #variants, )*
            /// A code this spec does not list, kept as the server sent it.
            Other(::std::string::String),
        }

        impl ::mwbind::ErrorCode for #ty {
            fn from_code(code: &str) -> Self {
                match code {
                    #( #wire => #ty::#variants, )*
                    other => #ty::Other(::std::string::String::from(other)),
                }
            }

            fn as_str(&self) -> &str {
                match self {
                    #( #ty::#variants => #wire, )*
                    #ty::Other(code) => code,
                }
            }
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(::mwbind::ErrorCode::as_str(self))
            }
        }
    }
}

fn response_types(name: &str, response: &ModuleResponse) -> TokenStream {
    let types = response.types.iter().map(|(ty_name, def)| match &def.kind {
        TypeKind::Struct(fields) => struct_type(name, ty_name, def, fields),
        TypeKind::Tagged { tag, variants } => tagged_type(name, ty_name, def, tag, variants),
        TypeKind::Flagged { variants } => flagged_type(name, ty_name, def, variants),
    });
    quote! { #(#types)* }
}

fn struct_type(module: &str, name: &str, def: &TypeDef, fields: &[Field]) -> TokenStream {
    let ty = format_ident!("{}{}", module, name);
    let doc = doc_attrs(&def.doc);
    let fields = fields.iter().map(|f| field_def(module, f, true));
    quote! {
        #doc
        #[derive(Clone, Debug, ::mwbind::__private::serde::Deserialize)]
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
        #[derive(Clone, Debug, ::mwbind::__private::serde::Deserialize)]
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
                (false, FieldType::Bool) => quote!(raw.#field.unwrap_or(false)),
                (false, _) => quote!(raw.#field.ok_or(#missing)?),
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
        #[derive(Clone, Debug, ::mwbind::__private::serde::Deserialize)]
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

/// The rustdoc of a request type: the module's description, then what the client does with it.
fn module_doc(module: &Module) -> String {
    let mut doc = markdown(&module.description);
    let mut facts = vec![format!("Module `{}` ({}).", module.path, module.group)];
    if module.must_be_posted {
        facts.push("Sent by POST.".to_owned());
    }
    if let Some(token) = module
        .parameters
        .iter()
        .find_map(|p| p.token_type.as_deref())
    {
        facts.push(format!(
            "Needs a `{token}` token, which the client fetches and fills in."
        ));
    }
    if module.write_rights {
        facts.push("Needs write rights.".to_owned());
    }
    if module.internal {
        facts.push("Internal to MediaWiki: it may change without notice.".to_owned());
    }
    doc.push_str("\n\n");
    doc.push_str(&facts.join(" "));
    for url in &module.help_urls {
        doc.push_str(&format!("\n\nSee <{url}>."));
    }
    doc
}

/// The rustdoc of a setter: the parameter's description and its rules.
fn param_doc(param: &Param) -> String {
    let mut doc = markdown(&param.description);
    let mut facts = vec![format!("Sent as `{}`.", param.wire_name)];
    if let Some(default) = &param.default {
        facts.push(format!("Default: `{default}`."));
    }
    if let Some(limit) = param.limit {
        facts.push(format!(
            "At most {} values, or {} for accounts with `apihighlimits`.",
            limit.low, limit.high
        ));
    }
    if param.sensitive || param.ty == ParamType::Password {
        facts.push("Secret: never printed, sent only in a POST body.".to_owned());
    }
    if param.ty == ParamType::Boolean {
        facts.push("Sent only when true.".to_owned());
    }
    doc.push_str("\n\n");
    doc.push_str(&facts.join(" "));
    doc
}

/// The rustdoc of `new`: what each required argument is.
fn new_doc(required: &[&Setter<'_>]) -> String {
    let mut doc = "A request with its required parameters.".to_owned();
    if !required.is_empty() {
        doc.push('\n');
    }
    for s in required {
        let summary = markdown(&s.param.description);
        let summary = summary.lines().next().unwrap_or_default();
        doc.push_str(&format!("\n- `{}`: {summary}", s.field));
    }
    doc
}

/// Doc attributes, one per line, so that the pretty-printed output reads as `///` comments.
fn doc_attrs(text: &str) -> TokenStream {
    let lines = text.lines().map(|line| match line {
        "" => String::new(),
        line => format!(" {line}"),
    });
    quote! { #( #[doc = #lines] )* }
}
