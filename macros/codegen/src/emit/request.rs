//! Request types: one struct per module, its parameter enums and its `Request` impl.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

use super::{doc_attrs, shown};
use crate::doc::markdown;
use crate::ident::{camel_part, ident, snake, unique, unique_with_tails, Case};
use crate::spec::{Module, Param, ParamType};

/// What a parameter's values are in Rust.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Secret,
    Flag,
    Integer,
    Limit,
    Timestamp,
    Expiry,
    Upload,
    Enum,
}

/// How the caller gives a parameter.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A required single value: an argument of `new`.
    Argument,
    /// An optional single value, or a flag: a setter.
    Single,
    /// A list of values: a setter taking an iterator.
    Multi,
    /// A value per variable (`fromtext-{slot}`): a setter taking the variable and the value.
    Templated,
}

/// One parameter as the generated struct holds it.
struct Input<'a> {
    param: &'a Param,
    /// The setter, the field and, for arguments, the argument name.
    name: Ident,
    /// The setter choosing the "all values" specifier, when the parameter has one.
    all: Option<Ident>,
    kind: Kind,
    shape: Shape,
    /// The Rust type of one value.
    value: TokenStream,
    /// The enum generated for its values, if any.
    enum_def: Option<TokenStream>,
}

/// What the request answers, from the spec's description of the module.
pub(crate) struct Answer<'a> {
    /// The response type.
    pub ty: TokenStream,
    /// The body of `Request::decode`.
    pub decode: TokenStream,
    /// `Request::merger`, when answers to parts can be joined.
    pub merger: TokenStream,
    /// Parameters whose value lists may be split over several requests.
    pub split: &'a [String],
}

/// The Rust names a module's request declares: its struct and its parameter enums.
pub(crate) fn type_names(name: &str, module: &Module) -> Vec<String> {
    let mut names = vec![name.to_owned()];
    names.extend(inputs(name, module).iter().filter_map(|i| match i.kind {
        Kind::Enum => Some(enum_name(name, i.param).to_string()),
        _ => None,
    }));
    names
}

/// The struct, its enums, its constructor and setters, and its `Request` impl.
pub(crate) fn items(name: &str, module: &Module, answer: Answer<'_>) -> TokenStream {
    let inputs = inputs(name, module);
    let enums = inputs.iter().filter_map(|i| i.enum_def.clone());
    let definition = definition(name, module, &inputs);
    let imp = request_impl(name, module, &inputs, answer);
    quote! {
        #definition
        #(#enums)*
        #imp
    }
}

/// Wire names the client sets on every request itself (`COMMON` in src/exec.rs, the module's
/// `action`, and the session's `assert` and `maxlag`): a setter for one would fight the
/// client, as `opensearch`'s `format(Xml)` would have the wiki answer XML.
const CLIENT_OWNED: &[&str] = &[
    "action",
    "format",
    "formatversion",
    "errorformat",
    "maxlag",
    "assert",
];

/// Setter and field names the generated struct uses for itself: `new`, and `extra_param`
/// with its field `extra_params` for modules with dynamic parameters. They are reserved in
/// every module, so that a module gaining dynamic parameters renames nothing.
const RESERVED: &[&str] = &["new", "extra_param", "extra_params"];

/// Whether the client sends `param` itself: a name of [`CLIENT_OWNED`], or the module's name
/// under its group (`list=users` for `query+users`).
fn client_owned(module: &Module, param: &Param) -> bool {
    let wire = param.wire_name.as_str();
    CLIENT_OWNED.contains(&wire) || (module.path.contains('+') && wire == module.group)
}

fn inputs<'a>(type_name: &str, module: &'a Module) -> Vec<Input<'a>> {
    // The token is the client's business, never the caller's; so are the names it sends.
    let params: Vec<(&Param, Shape)> = module
        .parameters
        .iter()
        .filter(|p| p.token_type.is_none() && !client_owned(module, p))
        .map(|p| (p, shape(p)))
        .chain(single_variable(module).map(|p| (p, Shape::Templated)))
        .collect();

    // Setters share one namespace with `new`, the "all" setters and `extra_param`; the
    // fields take the same names.
    let stripped: Vec<String> = params
        .iter()
        .map(|(p, _)| p.name.replace(['{', '}'], ""))
        .collect();
    let mut family = Vec::new();
    for ((param, _), name) in params.iter().zip(&stripped) {
        family.push((name.as_str(), ""));
        if has_all(param) {
            family.push((name.as_str(), "all"));
        }
    }
    let mut names = unique_with_tails(&family, RESERVED, Case::Snake).into_iter();

    params
        .into_iter()
        .map(|(param, shape)| {
            let name = ident(&names.next().unwrap_or_default());
            let all = has_all(param).then(|| ident(&names.next().unwrap_or_default()));
            let (kind, value, enum_def) = kind(type_name, param);
            Input {
                param,
                name,
                all,
                kind,
                shape,
                value,
                enum_def,
            }
        })
        .collect()
}

fn has_all(param: &Param) -> bool {
    param.all_specifier.is_some() && param.multi
}

/// Templated parameters with exactly one variable; others are left out (none are known).
fn single_variable(module: &Module) -> impl Iterator<Item = &Param> {
    module
        .templated_parameters
        .iter()
        .filter(|p| p.template_vars.len() == 1)
}

fn shape(param: &Param) -> Shape {
    match param {
        p if p.multi => Shape::Multi,
        p if p.required && p.ty != ParamType::Boolean => Shape::Argument,
        _ => Shape::Single,
    }
}

fn enum_name(type_name: &str, param: &Param) -> Ident {
    format_ident!(
        "{}{}",
        type_name,
        camel_part(&param.name.replace(['{', '}'], ""))
    )
}

fn kind(type_name: &str, param: &Param) -> (Kind, TokenStream, Option<TokenStream>) {
    // A wiki older than `sensitive` (1.29), or an extension that forgets it, still names its
    // tokens `token`, `wltoken`, `lgtoken`: those are kept secret too.
    let secret =
        param.sensitive || param.ty == ParamType::Password || param.wire_name.ends_with("token");
    match &param.ty {
        _ if secret => (
            Kind::Secret,
            quote!(::mwbind::__private::SecretString),
            None,
        ),
        ParamType::Boolean => (Kind::Flag, quote!(bool), None),
        ParamType::Integer | ParamType::Namespace => (Kind::Integer, quote!(i64), None),
        ParamType::Limit => (Kind::Limit, quote!(::mwbind::Limit), None),
        ParamType::Timestamp => (Kind::Timestamp, quote!(::mwbind::Timestamp), None),
        ParamType::Expiry => (Kind::Expiry, quote!(::mwbind::Expiry), None),
        ParamType::Upload if !param.multi => (Kind::Upload, quote!(::mwbind::Upload), None),
        ParamType::Enum(values) => enum_kind(type_name, param, values),
        ParamType::Submodule if !param.submodules.is_empty() => {
            let values: Vec<String> = param.submodules.keys().cloned().collect();
            enum_kind(type_name, param, &values)
        }
        // Users, titles, tags and unknown types are text; a user's kinds are in the docs.
        _ => (Kind::Text, quote!(::std::string::String), None),
    }
}

fn enum_kind(
    type_name: &str,
    param: &Param,
    values: &[String],
) -> (Kind, TokenStream, Option<TokenStream>) {
    let name = enum_name(type_name, param);
    let def = value_enum(&name, param, values);
    (Kind::Enum, quote!(#name), Some(def))
}

fn value_enum(name: &Ident, param: &Param, values: &[String]) -> TokenStream {
    let spellings: Vec<&str> = values.iter().map(String::as_str).collect();
    let variants: Vec<Ident> = unique(&spellings, &[], Case::Camel)
        .iter()
        .map(|v| ident(v))
        .collect();
    let wire: Vec<Literal> = values.iter().map(|v| Literal::string(v)).collect();
    let attrs = values.iter().map(|v| {
        let doc = doc_attrs(&format!("`{}`", shown(v)));
        let deprecated = param
            .deprecated_values
            .contains(v)
            .then(|| quote!(#[deprecated(note = "the wiki marks this value deprecated")]));
        let hidden = param
            .internal_values
            .contains(v)
            .then(|| quote!(#[doc(hidden)]));
        quote!(#doc #deprecated #hidden)
    });
    let doc = doc_attrs(&format!("Values of the `{}` parameter.", param.wire_name));

    quote! {
        #doc
        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
            ::core::cmp::PartialOrd,
            ::core::cmp::Ord,
        )]
        pub enum #name {
            #( #attrs #variants, )*
        }

        #[allow(deprecated)]
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
                ::core::fmt::Formatter::write_str(f, #name::as_str(*self))
            }
        }
    }
}

/// The type a caller hands over for one value, and how it becomes the stored value.
///
/// Calls are spelled out in full (`::core::convert::Into::into(v)`, not `v.into()`): a trait
/// of the caller's in scope with a method of the same name would make a method call ambiguous.
fn argument(input: &Input<'_>, value: &Ident) -> (TokenStream, TokenStream) {
    let ty = &input.value;
    let into_string = quote!(impl ::core::convert::Into<::std::string::String>);
    match input.kind {
        Kind::Text => (into_string, quote!(::core::convert::Into::into(#value))),
        Kind::Secret => (into_string, secret(value)),
        Kind::Limit | Kind::Timestamp | Kind::Expiry => (
            quote!(impl ::core::convert::Into<#ty>),
            quote!(::core::convert::Into::into(#value)),
        ),
        Kind::Flag | Kind::Integer | Kind::Upload | Kind::Enum => (quote!(#ty), quote!(#value)),
    }
}

/// Kinds whose values are stored as the caller gives them.
fn is_identity(kind: Kind) -> bool {
    matches!(kind, Kind::Flag | Kind::Integer | Kind::Upload | Kind::Enum)
}

/// A secret made of `value`, anything that becomes a `String`.
fn secret(value: &Ident) -> TokenStream {
    quote! {
        <::mwbind::__private::SecretString as ::core::convert::From<::std::string::String>>::from(
            ::core::convert::Into::<::std::string::String>::into(#value),
        )
    }
}

fn stored(input: &Input<'_>) -> TokenStream {
    let value = &input.value;
    match input.shape {
        Shape::Argument => quote!(#value),
        Shape::Single if input.kind == Kind::Flag => quote!(bool),
        Shape::Single => quote!(::core::option::Option<#value>),
        Shape::Multi => quote!(::std::vec::Vec<#value>),
        Shape::Templated => {
            quote!(::std::collections::BTreeMap<::std::string::String, #value>)
        }
    }
}

fn definition(name: &str, module: &Module, inputs: &[Input<'_>]) -> TokenStream {
    let ty = ident(name);
    let doc = doc_attrs(&module_doc(module));
    let deprecated = module.deprecated.then(|| {
        let note = format!("the wiki marks module `{}` deprecated", module.path);
        quote!(#[deprecated(note = #note)])
    });

    let mut fields = Vec::new();
    for input in inputs {
        let field = &input.name;
        let stored = stored(input);
        fields.push(quote!(#field: #stored));
        if let Some(all) = &input.all {
            fields.push(quote!(#all: bool));
        }
    }
    if module.dynamic_parameters.is_some() {
        fields.push(
            quote!(extra_params: ::std::vec::Vec<(::std::string::String, ::mwbind::__private::SecretString)>),
        );
    }

    let arguments: Vec<&Input> = inputs
        .iter()
        .filter(|i| i.shape == Shape::Argument)
        .collect();
    let args = arguments.iter().map(|i| {
        let (ty, _) = argument(i, &i.name);
        let name = &i.name;
        quote!(#name: #ty)
    });
    let mut inits: Vec<TokenStream> = inputs
        .iter()
        .map(|i| {
            let name = &i.name;
            match i.shape {
                // An argument stored as it is given takes the shorthand.
                Shape::Argument if is_identity(i.kind) => quote!(#name),
                Shape::Argument => {
                    let (_, convert) = argument(i, name);
                    quote!(#name: #convert)
                }
                _ => quote!(#name: ::core::default::Default::default()),
            }
        })
        .collect();
    inits.extend(
        inputs
            .iter()
            .filter_map(|i| i.all.as_ref())
            .map(|all| quote!(#all: false)),
    );
    if module.dynamic_parameters.is_some() {
        inits.push(quote!(extra_params: ::std::vec::Vec::new()));
    }

    let new_doc = doc_attrs(&new_doc(&arguments));
    let setters = inputs
        .iter()
        .filter(|i| i.shape != Shape::Argument)
        .map(setter);
    let extra = module
        .dynamic_parameters
        .as_ref()
        .map(|text| extra_param(text));
    let default = arguments.is_empty().then(|| {
        quote! {
            #[allow(deprecated)]
            impl ::core::default::Default for #ty {
                fn default() -> Self {
                    #ty::new()
                }
            }
        }
    });

    quote! {
        #doc
        #deprecated
        #[derive(::core::clone::Clone, ::core::fmt::Debug)]
        pub struct #ty {
            #(#fields,)*
        }

        // A parameter may be called `add` or `next`, as methods of std traits are.
        #[allow(deprecated, clippy::should_implement_trait)]
        impl #ty {
            #new_doc
            pub fn new(#(#args),*) -> Self {
                #ty { #(#inits,)* }
            }

            #(#setters)*
            #extra
        }

        #default
    }
}

fn setter(input: &Input<'_>) -> TokenStream {
    let name = &input.name;
    let doc = doc_attrs(&param_doc(input.param));
    let deprecated = input.param.deprecated.then(|| {
        let note = format!(
            "the wiki marks parameter `{}` deprecated",
            input.param.wire_name
        );
        quote!(#[deprecated(note = #note)])
    });
    let value = format_ident!("value");
    let (arg, convert) = argument(input, &value);

    let (params, body) = match input.shape {
        Shape::Argument => return TokenStream::new(),
        Shape::Single if input.kind == Kind::Flag => {
            (quote!(value: bool), quote!(self.#name = value;))
        }
        Shape::Single => (
            quote!(value: #arg),
            quote!(self.#name = ::core::option::Option::Some(#convert);),
        ),
        Shape::Multi => {
            let clear_all = input.all.as_ref().map(|all| quote!(self.#all = false;));
            let values = quote!(::core::iter::IntoIterator::into_iter(values));
            let values = match input.kind {
                kind if is_identity(kind) => values,
                Kind::Secret => quote!(::core::iter::Iterator::map(#values, |value| #convert)),
                _ => quote!(::core::iter::Iterator::map(#values, ::core::convert::Into::into)),
            };
            let collect = quote!(::core::iter::Iterator::collect(#values));
            (
                quote!(values: impl ::core::iter::IntoIterator<Item = #arg>),
                quote! {
                    self.#name = #collect;
                    #clear_all
                },
            )
        }
        Shape::Templated => {
            let var = variable(input.param);
            (
                quote!(#var: impl ::core::convert::Into<::std::string::String>, value: #arg),
                quote! {
                    ::std::collections::BTreeMap::insert(
                        &mut self.#name,
                        ::core::convert::Into::into(#var),
                        #convert,
                    );
                },
            )
        }
    };
    let all = input.all.as_ref().map(|all| {
        let specifier = input.param.all_specifier.as_deref().unwrap_or("*");
        let doc = doc_attrs(&format!(
            "Every value of `{}` (sent as `{specifier}`), instead of a list.",
            input.param.wire_name
        ));
        quote! {
            #doc
            #deprecated
            pub fn #all(mut self) -> Self {
                self.#all = true;
                self.#name = ::std::vec::Vec::new();
                self
            }
        }
    });

    quote! {
        #doc
        #deprecated
        pub fn #name(mut self, #params) -> Self {
            #body
            self
        }
        #all
    }
}

/// The argument naming a templated parameter's variable (`slot`); `value` is the other
/// argument's name, so a variable of that name takes a trailing underscore.
fn variable(param: &Param) -> Option<Ident> {
    let var = param.template_vars.keys().next().map(|v| snake(v))?;
    match var.as_str() {
        "value" => Some(ident("value_")),
        _ => Some(ident(&var)),
    }
}

fn extra_param(text: &str) -> TokenStream {
    let doc = doc_attrs(&format!(
        "A parameter this module takes but paraminfo cannot list, sent as it is given. The \
         value may be a password (as in the authentication modules), so it is kept like one: \
         hidden from `Debug` and sent only in a POST body. {}",
        markdown(text)
    ));
    let secret = secret(&format_ident!("value"));
    quote! {
        #doc
        pub fn extra_param(
            mut self,
            name: impl ::core::convert::Into<::std::string::String>,
            value: impl ::core::convert::Into<::std::string::String>,
        ) -> Self {
            ::std::vec::Vec::push(
                &mut self.extra_params,
                (::core::convert::Into::into(name), #secret),
            );
            self
        }
    }
}

fn request_impl(
    name: &str,
    module: &Module,
    inputs: &[Input<'_>],
    answer: Answer<'_>,
) -> TokenStream {
    let Answer {
        ty: response_ty,
        decode,
        merger,
        split,
    } = answer;
    let ty = ident(name);
    let codes = format_ident!("{}ErrorCode", name);
    let path = &module.path;
    let module_name = &module.name;
    let group = &module.group;
    let prefix = &module.prefix;
    let must_be_posted = module.must_be_posted;
    let read_rights = module.read_rights;
    let write_rights = module.write_rights;
    // Extra parameters may be secrets: a module that takes them is posted.
    let sensitive =
        inputs.iter().any(|i| i.kind == Kind::Secret) || module.dynamic_parameters.is_some();
    let help_urls = &module.help_urls;
    let token_param = module.parameters.iter().find(|p| p.token_type.is_some());
    let token = match token_param.and_then(|p| p.token_type.as_deref()) {
        Some(t) => quote!(::core::option::Option::Some(#t)),
        None => quote!(::core::option::Option::None),
    };
    // The token parameter takes the module's prefix: `createtoken`, `logintoken`.
    let token_param = token_param.map_or("token", |p| p.wire_name.as_str());
    let encode = inputs
        .iter()
        .map(|i| encode(i, split.contains(&i.param.name)));
    let extra = module.dynamic_parameters.is_some().then(|| {
        quote! {
            for (name, value) in &self.extra_params {
                params.text(name, ::mwbind::__private::expose(value));
            }
        }
    });

    quote! {
        #[allow(deprecated)]
        impl ::mwbind::Request for #ty {
            const PATH: &'static str = #path;
            const NAME: &'static str = #module_name;
            const GROUP: &'static str = #group;
            const PREFIX: &'static str = #prefix;
            const MUST_BE_POSTED: bool = #must_be_posted;
            const HAS_SENSITIVE: bool = #sensitive;
            const TOKEN_TYPE: ::core::option::Option<&'static str> = #token;
            const TOKEN_PARAM: &'static str = #token_param;
            const READ_RIGHTS: bool = #read_rights;
            const WRITE_RIGHTS: bool = #write_rights;
            const HELP_URLS: &'static [&'static str] = &[#(#help_urls),*];

            type Response = #response_ty;
            type ErrorCode = #codes;

            #[allow(unused_variables)]
            fn encode(
                &self,
                params: &mut ::mwbind::__private::Params,
            ) -> ::core::result::Result<(), ::mwbind::InvalidRequest> {
                #(#encode)*
                #extra
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

fn bound(value: Option<i64>) -> TokenStream {
    match value {
        Some(n) => quote!(::core::option::Option::Some(#n)),
        None => quote!(::core::option::Option::None),
    }
}

/// The text of one value `v` (a reference), for kinds that travel as text: a `&str`, or a
/// `&String` that becomes one.
fn text_of(input: &Input<'_>, v: &TokenStream) -> TokenStream {
    let ty = &input.value;
    match input.kind {
        Kind::Text => quote!(::std::string::String::as_str(#v)),
        Kind::Enum => quote!(#ty::as_str(*#v)),
        Kind::Secret => quote!(::mwbind::__private::expose(#v)),
        _ => quote!(&::std::string::ToString::to_string(#v)),
    }
}

/// The texts of `values`, an iterator of references, for a multi-value parameter.
fn texts_of(input: &Input<'_>, values: TokenStream) -> TokenStream {
    let ty = &input.value;
    match input.kind {
        Kind::Text => values,
        Kind::Enum => quote!(::core::iter::Iterator::map(#values, |value| #ty::as_str(*value))),
        Kind::Secret => quote!(::core::iter::Iterator::map(#values, ::mwbind::__private::expose)),
        _ => quote!(::core::iter::Iterator::map(#values, ::std::string::ToString::to_string)),
    }
}

/// `split`: the parameter's values each ask for their own items of the answer.
fn encode(input: &Input<'_>, split: bool) -> TokenStream {
    let name = &input.name;
    let wire = &input.param.wire_name;
    let v = quote!(value);
    let one = match input.kind {
        Kind::Flag => quote!(params.flag(#wire, *#v);),
        Kind::Integer => {
            let (min, max) = (bound(input.param.min), bound(input.param.max));
            quote!(params.integer(#wire, *#v, #min, #max)?;)
        }
        Kind::Limit => {
            let (min, max) = (bound(input.param.min), bound(input.param.max));
            let high = bound(input.param.high_max);
            quote!(params.limit(#wire, *#v, #min, #max, #high)?;)
        }
        Kind::Upload => quote!(params.upload(#wire, #v);),
        Kind::Text | Kind::Secret if input.shape == Shape::Argument => {
            let text = text_of(input, &v);
            quote!(params.required(#wire, #text)?;)
        }
        _ => {
            let text = text_of(input, &v);
            quote!(params.text(#wire, #text);)
        }
    };

    match input.shape {
        Shape::Argument => quote!({ let #v = &self.#name; #one }),
        Shape::Single if input.kind == Kind::Flag => quote!(params.flag(#wire, self.#name);),
        Shape::Single => quote! {
            if let ::core::option::Option::Some(#v) = &self.#name { #one }
        },
        Shape::Multi => multi(input, split),
        // Each value is encoded as a plain parameter of its kind would be (a false flag is
        // left out, an integer checked against its bounds), then sent under its own name.
        Shape::Templated => {
            let placeholder = input
                .param
                .template_vars
                .keys()
                .next()
                .map(|v| format!("{{{v}}}"));
            quote! {
                for (variable, #v) in &self.#name {
                    let name = ::std::primitive::str::replace(#wire, #placeholder, variable);
                    params.templated(#wire, &name, |params| {
                        #one
                        ::core::result::Result::Ok(())
                    })?;
                }
            }
        }
    }
}

fn multi(input: &Input<'_>, split: bool) -> TokenStream {
    let name = &input.name;
    let wire = &input.param.wire_name;
    let values = texts_of(
        input,
        quote!(::core::iter::IntoIterator::into_iter(&self.#name)),
    );
    let limit = match input.param.limit {
        Some(l) => {
            let (low, high) = (l.low, l.high);
            quote!(::core::option::Option::Some((#low, #high)))
        }
        None => quote!(::core::option::Option::None),
    };
    let required = input.param.required;
    let dedupe = !input.param.allows_duplicates;
    let list = quote! {
        params.multi(
            #wire,
            #values,
            ::mwbind::__private::List {
                limit: #limit,
                required: #required,
                dedupe: #dedupe,
                split: #split,
            },
        )?;
    };
    match (&input.all, &input.param.all_specifier) {
        (Some(all), Some(specifier)) => quote! {
            if self.#all { params.text(#wire, #specifier); } else { #list }
        },
        _ => list,
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
    if module.generator {
        facts.push("Can serve as a generator of `query`.".to_owned());
    }
    if module.internal {
        facts.push("Internal to MediaWiki: it may change without notice.".to_owned());
    }
    if module.deprecated {
        facts.push("Deprecated by the wiki.".to_owned());
    }
    if let Some(fact) = client_owned_doc(module) {
        facts.push(fact);
    }
    doc.push_str("\n\n");
    doc.push_str(&facts.join(" "));
    for url in &module.help_urls {
        doc.push_str(&format!("\n\nSee <{url}>."));
    }
    doc
}

/// What a module's doc says of the parameters the client sends itself, which have no setter.
fn client_owned_doc(module: &Module) -> Option<String> {
    let owned: Vec<String> = module
        .parameters
        .iter()
        .filter(|p| client_owned(module, p))
        .map(|p| format!("`{}`", p.wire_name))
        .collect();
    match owned.len() {
        0 => None,
        1 => Some(format!(
            "{} has no setter: the client sends it with every request.",
            owned[0]
        )),
        _ => Some(format!(
            "{} have no setters: the client sends them with every request.",
            owned.join(", ")
        )),
    }
}

/// The rustdoc of a setter: the parameter's description and its rules.
fn param_doc(param: &Param) -> String {
    let mut doc = markdown(&param.description);
    let mut facts = vec![format!("Sent as `{}`.", param.wire_name)];
    if let Some(default) = &param.default {
        facts.push(format!("Default: `{}`.", shown(default)));
    }
    if let Some(limit) = param.limit {
        facts.push(format!(
            "At most {} values, or {} for accounts with `apihighlimits`.",
            limit.low, limit.high
        ));
    }
    match (param.min, param.max, param.high_max) {
        (Some(min), Some(max), Some(high)) => facts.push(format!(
            "From {min} to {max}, or {high} with `apihighlimits`."
        )),
        (Some(min), Some(max), None) => facts.push(format!("From {min} to {max}.")),
        (Some(min), None, _) => facts.push(format!("At least {min}.")),
        (None, Some(max), _) => facts.push(format!("At most {max}.")),
        (None, None, _) => {}
    }
    if !param.subtypes.is_empty() {
        facts.push(format!(
            "Accepts a user given as: {}.",
            param.subtypes.join(", ")
        ));
    }
    if let Some(prefix) = &param.submodule_param_prefix {
        facts.push(format!(
            "The chosen module's parameters take the prefix `{prefix}`."
        ));
    }
    if let Some((var, source)) = param.template_vars.iter().next() {
        facts.push(format!("One per value `{var}` listed in `{source}`."));
    }
    if param.sensitive || param.ty == ParamType::Password {
        facts.push("Secret: never printed, sent only in a POST body.".to_owned());
    }
    if param.ty == ParamType::Boolean {
        facts.push("Sent only when true.".to_owned());
    }
    if param.allows_duplicates {
        facts.push("Repeated values are kept.".to_owned());
    }
    if let ParamType::Unknown(ty) = &param.ty {
        facts.push(format!(
            "The wiki says its type is `{ty}`, which mwbind does not know: sent as text."
        ));
    }
    doc.push_str("\n\n");
    doc.push_str(&facts.join(" "));
    doc
}

/// The rustdoc of `new`: what each required argument is.
fn new_doc(arguments: &[&Input<'_>]) -> String {
    let mut doc = "A request with its required parameters.".to_owned();
    if !arguments.is_empty() {
        doc.push('\n');
    }
    for input in arguments {
        let summary = markdown(&input.param.description);
        let summary = summary.lines().next().unwrap_or_default();
        doc.push_str(&format!("\n- `{}`: {summary}", input.name));
    }
    doc
}

/// An expression building the module's request with sample values: every required
/// parameter, the first optional parameter of each paraminfo type the module has, and the
/// parameters `overrides` names (by parameter name, with a Rust expression for the value).
pub(crate) fn sample(
    name: &str,
    module: &Module,
    bindings: &TokenStream,
    overrides: &[(&str, TokenStream)],
) -> TokenStream {
    let ty = ident(name);
    let inputs = inputs(name, module);
    let value = |i: &Input<'_>| match overrides.iter().find(|(p, _)| *p == i.param.name) {
        Some((_, value)) => value.clone(),
        None => sample_value(name, i, bindings),
    };
    let args = inputs
        .iter()
        .filter(|i| i.shape == Shape::Argument)
        .map(value);

    let mut seen = Vec::new();
    let chosen = inputs
        .iter()
        .filter(|i| matches!(i.shape, Shape::Single | Shape::Multi))
        .filter(|i| {
            if overrides.iter().any(|(p, _)| *p == i.param.name) || i.param.required {
                return true;
            }
            if i.param.name == "continue" || i.param.deprecated || !has_values(i.param) {
                return false;
            }
            let key = type_key(&i.param.ty);
            let first = !seen.contains(&key);
            seen.push(key);
            first
        });
    let calls = chosen.map(|i| {
        let setter = &i.name;
        let value = value(i);
        match i.shape {
            Shape::Multi => quote!(.#setter([#value])),
            _ => quote!(.#setter(#value)),
        }
    });
    quote!(#bindings::#ty::new(#(#args),*) #(#calls)*)
}

/// An enum without values (`tags` on a wiki that defines none) cannot be given a sample.
fn has_values(param: &Param) -> bool {
    match &param.ty {
        ParamType::Enum(values) => !values.is_empty(),
        _ => true,
    }
}

fn type_key(ty: &ParamType) -> String {
    match ty {
        ParamType::Enum(_) => "enum".to_owned(),
        ParamType::Unknown(name) => name.clone(),
        other => format!("{other:?}"),
    }
}

fn sample_value(type_name: &str, input: &Input<'_>, bindings: &TokenStream) -> TokenStream {
    let param = input.param;
    match input.kind {
        Kind::Flag => quote!(true),
        Kind::Integer => {
            let n = param
                .min
                .unwrap_or(1)
                .max(0)
                .min(param.max.unwrap_or(i64::MAX));
            quote!(#n)
        }
        Kind::Limit => {
            let n = u32::try_from(param.min.unwrap_or(1).max(1)).unwrap_or(1);
            quote!(::mwbind::Limit::Count(#n))
        }
        Kind::Timestamp => quote!(::mwbind::Timestamp::Now),
        Kind::Expiry => quote!(::mwbind::Expiry::Never),
        Kind::Upload => quote!(::mwbind::Upload::new(
            "mwbind-sample.txt",
            b"mwbind sample".to_vec()
        )),
        Kind::Secret => quote!("mwbind-sample-password-0123456789"),
        Kind::Enum => {
            let enum_ty = enum_name(type_name, param);
            let values: Vec<String> = match &param.ty {
                ParamType::Enum(values) => values.clone(),
                _ => param.submodules.keys().cloned().collect(),
            };
            let usable = |v: &String| {
                !param.deprecated_values.contains(v) && !param.internal_values.contains(v)
            };
            let index = values.iter().position(usable).unwrap_or(0);
            quote!(#bindings::#enum_ty::ALL[#index])
        }
        Kind::Text => match param.ty {
            ParamType::User => quote!("MwbSample"),
            ParamType::Title => quote!("Mwbind sample page"),
            _ => quote!("Mwbind sample"),
        },
    }
}
