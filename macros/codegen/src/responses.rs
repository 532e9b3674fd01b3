//! Reading our own description of responses and error codes (`responses.toml`).
//!
//! ```toml
//! [errors]                              # codes any module may answer
//! badtoken = "The token is not valid."
//!
//! [modules.emailuser]
//! at = "emailuser"                      # where the payload sits in the answer
//! payload = "Response"                  # its type: a name from `types`, or a field type
//! errors.cantsend = "..."               # codes this module answers
//! split = ["users"]                     # lists that may go in parts, answers joined
//!
//! [modules.emailuser.types.Response]
//! doc = "..."
//! tag = "result"                        # variants chosen by the value of this key
//! variants.Success = {}
//! variants.Failure.fields.errors = "list<message>"
//! ```
//!
//! A type has either `fields`, or `variants` with `tag` (chosen by a key's value) or without it
//! (chosen by which flag key is true; the variant without `when` is the default). A field is a
//! type string, or a table with `type`, `doc` and `optional`. Field types: `string`, `integer`,
//! `bool`, `timestamp`, `token`, `message`, `json`, `list<T>`, `map<T>`, or a type name.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Error, Problems};
use crate::ident::{camel, snake};
use crate::spec::{Field, FieldType, ModuleResponse, Responses, TypeDef, TypeKind, Variant};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileDef {
    #[serde(default)]
    errors: BTreeMap<String, String>,
    #[serde(default)]
    modules: BTreeMap<String, ModuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ModuleDef {
    at: String,
    payload: String,
    #[serde(default)]
    errors: BTreeMap<String, String>,
    #[serde(default)]
    split: Vec<String>,
    #[serde(default)]
    types: BTreeMap<String, TypeDefFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TypeDefFile {
    #[serde(default)]
    doc: String,
    tag: Option<String>,
    fields: Option<BTreeMap<String, FieldDef>>,
    variants: Option<BTreeMap<String, VariantDef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariantDef {
    #[serde(default)]
    doc: String,
    when: Option<String>,
    #[serde(default)]
    fields: BTreeMap<String, FieldDef>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum FieldDef {
    Short(String),
    Long(LongField),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LongField {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    doc: String,
    #[serde(default)]
    optional: bool,
}

/// Reads the description stored at `file`.
pub fn parse(file: &Path, text: &str) -> Result<Responses, Error> {
    let def: FileDef = toml::from_str(text).map_err(|e| {
        let at = match e.span() {
            Some(span) => line_column(text, span.start),
            None => "the top".to_owned(),
        };
        // serde's words for an untagged enum say nothing useful to the person editing.
        let message = match e.message() {
            m if m.contains("untagged enum FieldDef") => {
                "a field is a type string, or a table with only `type`, `doc` and `optional`"
            }
            m => m,
        };
        Error::one(file, at, message.to_owned())
    })?;

    let mut p = Problems::new(file);
    let mut modules = BTreeMap::new();
    for (path, module) in def.modules {
        let at = format!("modules.\"{path}\"");
        if let Some(module) = read_module(&mut p, &at, module) {
            modules.insert(path, module);
        }
    }

    let found = p.into_vec();
    if !found.is_empty() {
        return Err(Error::new(found));
    }
    Ok(Responses {
        errors: def.errors,
        modules,
    })
}

fn read_module(p: &mut Problems, at: &str, def: ModuleDef) -> Option<ModuleResponse> {
    // Types refer to each other by name, so every name is known before any is read.
    let names: BTreeSet<String> = def.types.keys().cloned().collect();

    let mut types = BTreeMap::new();
    for (name, ty) in def.types {
        let at = format!("{at}.types.{name}");
        if let Some(ty) = read_type(p, &at, ty, &names) {
            types.insert(name, ty);
        }
    }

    let payload = field_type(p, &format!("{at}.payload"), &def.payload, &names);
    let at_path: Vec<String> = def.at.split('.').map(str::to_owned).collect();
    if at_path.iter().any(String::is_empty) {
        p.push(
            format!("{at}.at"),
            "expected a dotted path of keys such as `query.users`",
        );
        return None;
    }

    for (name, ty) in &types {
        check_type(p, &format!("{at}.types.{name}"), name, ty);
    }

    let payload = payload?;
    if !def.split.is_empty() && !matches!(payload, FieldType::List(_) | FieldType::Map(_)) {
        p.push(
            format!("{at}.split"),
            "answers can be joined only when the payload is a `list<...>` or a `map<...>`",
        );
    }
    Some(ModuleResponse {
        at: at_path,
        payload,
        errors: def.errors,
        split: def.split,
        types,
    })
}

fn read_type(
    p: &mut Problems,
    at: &str,
    def: TypeDefFile,
    names: &BTreeSet<String>,
) -> Option<TypeDef> {
    let kind = match (def.fields, def.variants, def.tag) {
        (Some(fields), None, None) => TypeKind::Struct(read_fields(p, at, fields, names)),
        (None, Some(variants), tag) => {
            let variants = read_variants(p, at, variants, tag.is_none(), names);
            match tag {
                Some(tag) => TypeKind::Tagged { tag, variants },
                None => TypeKind::Flagged { variants },
            }
        }
        _ => {
            p.push(
                at,
                "expected either `fields`, or `variants` (with an optional `tag`)",
            );
            return None;
        }
    };
    Some(TypeDef { doc: def.doc, kind })
}

fn read_variants(
    p: &mut Problems,
    at: &str,
    defs: BTreeMap<String, VariantDef>,
    flagged: bool,
    names: &BTreeSet<String>,
) -> Vec<Variant> {
    let mut variants = Vec::new();
    for (name, def) in defs {
        let at = format!("{at}.variants.{name}");
        let when = match def.when {
            Some(when) => Some(when),
            None if flagged => None,
            None => Some(name.clone()),
        };
        let fields = read_fields(p, &at, def.fields, names);
        variants.push(Variant {
            name,
            doc: def.doc,
            when,
            fields,
        });
    }

    if flagged && variants.iter().filter(|v| v.when.is_none()).count() != 1 {
        p.push(
            at,
            "a type whose variants are chosen by flags needs exactly one variant without `when`",
        );
    }
    variants
}

fn read_fields(
    p: &mut Problems,
    at: &str,
    defs: BTreeMap<String, FieldDef>,
    names: &BTreeSet<String>,
) -> Vec<Field> {
    let mut fields = Vec::new();
    for (key, def) in defs {
        let (text, doc, optional) = match def {
            FieldDef::Short(ty) => (ty, String::new(), false),
            FieldDef::Long(LongField { ty, doc, optional }) => (ty, doc, optional),
        };
        if let Some(ty) = field_type(p, &format!("{at}.fields.{key}"), &text, names) {
            fields.push(Field {
                key,
                doc,
                ty,
                optional,
            });
        }
    }
    fields
}

/// What would make the emitted Rust wrong: names that are no identifiers or collide once
/// cleaned, a flag key read with two types, a tag that is also a field, a type holding itself.
fn check_type(p: &mut Problems, at: &str, name: &str, ty: &TypeDef) {
    let identifier = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if !identifier {
        p.push(
            at,
            format!("type name `{name}` must be UpperCamelCase letters and digits"),
        );
    }

    let field_sets: Vec<(String, &[Field])> = match &ty.kind {
        TypeKind::Struct(fields) => vec![(at.to_owned(), fields.as_slice())],
        TypeKind::Tagged { variants, .. } | TypeKind::Flagged { variants } => variants
            .iter()
            .map(|v| (format!("{at}.variants.{}", v.name), v.fields.as_slice()))
            .collect(),
    };
    for (at, fields) in &field_sets {
        let names: Vec<String> = fields.iter().map(|f| snake(&f.key)).collect();
        if let Some(clash) = first_repeat(&names) {
            p.push(
                at.clone(),
                format!("two fields are both named `{clash}` in Rust"),
            );
        }
        for field in fields.iter() {
            if field.ty == FieldType::Named(name.to_owned()) {
                let message = format!("`{}` holds `{name}` itself; use list<{name}>", field.key);
                p.push(at.clone(), message);
            }
        }
    }

    match &ty.kind {
        TypeKind::Struct(_) => {}
        TypeKind::Tagged { tag, variants } => {
            check_variant_names(p, at, variants);
            if variants
                .iter()
                .any(|v| v.fields.iter().any(|f| &f.key == tag))
            {
                p.push(
                    at,
                    format!("`{tag}` is the tag, so no variant can have it as a field"),
                );
            }
        }
        TypeKind::Flagged { variants } => {
            check_variant_names(p, at, variants);
            let mut seen: BTreeMap<&str, &FieldType> = BTreeMap::new();
            for field in variants.iter().flat_map(|v| &v.fields) {
                match seen.insert(&field.key, &field.ty) {
                    Some(other) if other != &field.ty => p.push(
                        at,
                        format!("`{}` has a different type in two variants", field.key),
                    ),
                    _ => {}
                }
            }
        }
    }
}

fn check_variant_names(p: &mut Problems, at: &str, variants: &[Variant]) {
    let names: Vec<String> = variants.iter().map(|v| camel(&v.name)).collect();
    if let Some(clash) = first_repeat(&names) {
        p.push(at, format!("two variants are both named `{clash}` in Rust"));
    }
}

fn first_repeat(names: &[String]) -> Option<&String> {
    let mut seen = BTreeSet::new();
    names.iter().find(|n| !seen.insert(n.as_str()))
}

/// Parses a field type such as `list<message>`, checking that named types exist.
fn field_type(
    p: &mut Problems,
    at: &str,
    text: &str,
    names: &BTreeSet<String>,
) -> Option<FieldType> {
    let text = text.trim();
    let inner = |prefix: &str| text.strip_prefix(prefix).and_then(|t| t.strip_suffix('>'));
    if let Some(item) = inner("list<") {
        return field_type(p, at, item, names).map(|t| FieldType::List(Box::new(t)));
    }
    if let Some(item) = inner("map<") {
        return field_type(p, at, item, names).map(|t| FieldType::Map(Box::new(t)));
    }
    let ty = match text {
        "string" => FieldType::String,
        "integer" => FieldType::Integer,
        "bool" => FieldType::Bool,
        "timestamp" => FieldType::Timestamp,
        "token" => FieldType::Token,
        "message" => FieldType::Message,
        "json" => FieldType::Json,
        name if names.contains(name) => FieldType::Named(name.to_owned()),
        other => {
            p.push(
                at,
                format!(
                    "unknown type `{other}`: expected string, integer, bool, timestamp, token, \
                     message, json, list<T>, map<T> or a name from this module's `types`"
                ),
            );
            return None;
        }
    };
    Some(ty)
}

fn line_column(text: &str, offset: usize) -> String {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("line {line}, column {column}")
}
