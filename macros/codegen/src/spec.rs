//! The data model of a spec: what paraminfo says about each module, plus our own description
//! of responses and error codes.

use std::collections::BTreeMap;

/// A whole spec: the modules of one wiki and how their answers look.
#[derive(Clone, Debug, PartialEq)]
pub struct Spec {
    /// Where and when the snapshot was taken, when recorded.
    pub source: Option<Source>,
    /// Things the generator met but does not know, each said once: the parameter degrades to
    /// a string. Not errors: a newer wiki must not break the build.
    pub warnings: Vec<crate::Problem>,
    /// The modules, in the order paraminfo listed them.
    pub modules: Vec<Module>,
    /// Response shapes and error codes, which paraminfo does not give.
    pub responses: Responses,
}

/// The record of where a snapshot came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub api: String,
    pub generator: String,
    pub date: String,
}

/// One API module as paraminfo describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    /// The module path: `emailuser`, `query+users`.
    pub path: String,
    /// The module's own name: `emailuser`, `users`.
    pub name: String,
    /// The PHP class serving it, namespace included.
    pub classname: String,
    /// `action`, `list`, `meta`, `prop`, `format`...
    pub group: String,
    /// The prefix of its parameter names: `us` for `query+users`.
    pub prefix: String,
    pub description: String,
    pub help_urls: Vec<String>,
    pub must_be_posted: bool,
    pub read_rights: bool,
    pub write_rights: bool,
    pub internal: bool,
    pub deprecated: bool,
    /// The module can serve as a `generator` of `query`.
    pub generator: bool,
    pub parameters: Vec<Param>,
    /// Parameters whose names hold a variable filled from another parameter's values
    /// (`fromtext-{slot}`, one per value of `fromslots`).
    pub templated_parameters: Vec<Param>,
    /// When set, the module takes parameters paraminfo cannot list; this says which.
    pub dynamic_parameters: Option<String>,
}

/// One parameter of a module.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name as paraminfo gives it, without the module prefix: `users`.
    pub name: String,
    /// The name on the wire: `ususers`.
    pub wire_name: String,
    pub ty: ParamType,
    pub description: String,
    pub required: bool,
    pub multi: bool,
    pub sensitive: bool,
    pub deprecated: bool,
    /// The default, as paraminfo prints it.
    pub default: Option<String>,
    /// Limits on how many values a multi-value parameter takes.
    pub limit: Option<ValueLimit>,
    /// Set on the parameter named `token`: which token it takes.
    pub token_type: Option<String>,
    /// Bounds of integers and limits; `high_max` applies with `apihighlimits`.
    pub min: Option<i64>,
    pub max: Option<i64>,
    pub high_max: Option<i64>,
    /// The value meaning "every value", valid only alone (`*`).
    pub all_specifier: Option<String>,
    /// Repeated values are kept rather than merged.
    pub allows_duplicates: bool,
    /// Values still accepted but on their way out.
    pub deprecated_values: Vec<String>,
    /// Values meant for MediaWiki's own use.
    pub internal_values: Vec<String>,
    /// For `submodule` parameters: value to module path.
    pub submodules: BTreeMap<String, String>,
    /// For `submodule` parameters: the prefix the chosen module's parameters take.
    pub submodule_param_prefix: Option<String>,
    /// For `user` parameters: what kinds of names are accepted (`name`, `ip`, `id`...).
    pub subtypes: Vec<String>,
    /// For templated parameters: variable to the parameter whose values fill it.
    pub template_vars: BTreeMap<String, String>,
}

/// How many values a multi-value parameter accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ValueLimit {
    /// For ordinary accounts.
    pub low: u32,
    /// For accounts with the `apihighlimits` right.
    pub high: u32,
}

/// The type of a parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamType {
    String,
    Text,
    Raw,
    Boolean,
    Integer,
    Limit,
    Timestamp,
    Expiry,
    Namespace,
    User,
    Title,
    Password,
    Upload,
    Tags,
    Submodule,
    /// One of a fixed list of values.
    Enum(Vec<String>),
    /// A type this generator does not know: sent as a string.
    Unknown(String),
}

impl ParamType {
    pub(crate) fn from_name(name: &str) -> ParamType {
        match name {
            "string" => ParamType::String,
            "text" => ParamType::Text,
            "raw" => ParamType::Raw,
            "boolean" => ParamType::Boolean,
            "integer" => ParamType::Integer,
            "limit" => ParamType::Limit,
            "timestamp" => ParamType::Timestamp,
            "expiry" => ParamType::Expiry,
            "namespace" => ParamType::Namespace,
            "user" => ParamType::User,
            "title" => ParamType::Title,
            "password" => ParamType::Password,
            "upload" => ParamType::Upload,
            "tags" => ParamType::Tags,
            "submodule" => ParamType::Submodule,
            other => ParamType::Unknown(other.to_owned()),
        }
    }
}

/// Our own description of responses and error codes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Responses {
    /// Error codes any module may answer, with what they mean.
    pub errors: BTreeMap<String, String>,
    /// Per module path.
    pub modules: BTreeMap<String, ModuleResponse>,
}

/// How one module answers.
#[derive(Clone, Debug, PartialEq)]
pub struct ModuleResponse {
    /// Where the module's payload sits in the answer: `["query", "users"]`.
    pub at: Vec<String>,
    /// The payload's type.
    pub payload: FieldType,
    /// Error codes this module answers, with what they mean.
    pub errors: BTreeMap<String, String>,
    /// Multi-value parameters (named as paraminfo names them, without the prefix) whose
    /// values each ask for their own items of the answer (`users` of `query+users`): a list
    /// longer than the account may send can go in parts, and the answers be joined. A filter
    /// (`rights` of `query+allusers`) is not one: each part would answer the same users.
    pub split: Vec<String>,
    /// Named types used by the payload, by name.
    pub types: BTreeMap<String, TypeDef>,
}

/// A named type of a response.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    pub doc: String,
    pub kind: TypeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with named fields.
    Struct(Vec<Field>),
    /// An object whose `tag` field says which variant it is.
    Tagged { tag: String, variants: Vec<Variant> },
    /// An object that is one variant when a flag key is true, another by default.
    Flagged { variants: Vec<Variant> },
}

/// A variant of a tagged or flagged type.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub name: String,
    pub doc: String,
    /// For tagged types, the tag's value; for flagged types, the flag key (`None` for the
    /// variant taken when no flag is set).
    pub when: Option<String>,
    pub fields: Vec<Field>,
}

/// A field of a response object.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The key in the JSON object.
    pub key: String,
    pub doc: String,
    pub ty: FieldType,
    /// Absent unless something was asked for: `Option` in Rust.
    pub optional: bool,
}

/// The type of a response field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldType {
    String,
    Integer,
    /// A flag; absent means false.
    Bool,
    Timestamp,
    /// A secret such as a token: never printed.
    Token,
    /// A message as errorformat=plaintext gives it: code and text.
    Message,
    /// Any JSON, kept as it came.
    Json,
    List(Box<FieldType>),
    Map(Box<FieldType>),
    /// A type named in the module's `types`.
    Named(String),
}
