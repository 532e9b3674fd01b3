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
//! `bool`, `timestamp`, `token`, `message`, `json`, `list<T>`, `map<T>`, or a type name; types
//! may hold each other only through `list<T>` or `map<T>`.
//!
//! The file is read as a plain TOML table and walked by hand, rather than through serde, so
//! that one run reports every problem (an unknown key, a value of the wrong kind), each with
//! its key path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Value;

use crate::error::{Error, Problem, Problems};
use crate::ident::{camel, snake};
use crate::spec::{Field, FieldType, ModuleResponse, Responses, TypeDef, TypeKind, Variant};

/// Reads the description stored at `file`.
pub fn parse(file: &Path, text: &str) -> Result<Responses, Error> {
    let (responses, problems) = read(file, text);
    match problems.is_empty() {
        true => Ok(responses),
        false => Err(Error::new(problems)),
    }
}

/// What of the description could be read, and every problem met: the checks across files
/// run on what did load.
pub(crate) fn read(file: &Path, text: &str) -> (Responses, Vec<Problem>) {
    let root: toml::Table = match toml::from_str(text) {
        Ok(root) => root,
        Err(e) => {
            let at = match e.span() {
                Some(span) => line_column(text, span.start),
                None => "the top".to_owned(),
            };
            let problem = Problem {
                file: file.to_path_buf(),
                at,
                message: e.message().to_owned(),
            };
            return (Responses::default(), vec![problem]);
        }
    };

    let mut p = Problems::new(file);
    let mut top = Table::new(&mut p, "", &root, &["errors", "modules"]);
    let errors = top.strings("errors");
    let mut modules = BTreeMap::new();
    for (path, def) in top.tables("modules") {
        let at = format!("modules.\"{path}\"");
        if let Some(module) = read_module(top.p, &at, def) {
            modules.insert(path.clone(), module);
        }
    }
    (Responses { errors, modules }, p.into_vec())
}

/// A view of one TOML table that records a problem for every key it does not know and for
/// every value of the wrong kind.
struct Table<'a, 'p> {
    p: &'p mut Problems,
    at: String,
    table: &'a toml::Table,
}

impl<'a, 'p> Table<'a, 'p> {
    /// `known`: the keys the table may hold.
    fn new(p: &'p mut Problems, at: &str, table: &'a toml::Table, known: &[&str]) -> Self {
        let expected = match known {
            [one] => format!("`{one}`"),
            [init @ .., last] => {
                let init: Vec<String> = init.iter().map(|k| format!("`{k}`")).collect();
                format!("{} or `{last}`", init.join(", "))
            }
            [] => "nothing".to_owned(),
        };
        for key in sorted(table).into_iter().map(|(k, _)| k) {
            if !known.contains(&key.as_str()) {
                let message = format!("unknown key `{key}`: expected {expected}");
                p.push(key_path(at, key), message);
            }
        }
        Table {
            p,
            at: at.to_owned(),
            table,
        }
    }

    fn key_path(&self, key: &str) -> String {
        key_path(&self.at, key)
    }

    fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    fn string(&mut self, key: &str) -> Option<&'a str> {
        match self.table.get(key)? {
            Value::String(s) => Some(s),
            other => {
                let message = format!("expected a string, found {}", kind(other));
                self.p.push(self.key_path(key), message);
                None
            }
        }
    }

    fn required_string(&mut self, key: &str) -> Option<&'a str> {
        if !self.has(key) {
            self.p
                .push(self.at.clone(), format!("missing required key `{key}`"));
        }
        self.string(key)
    }

    fn bool(&mut self, key: &str) -> Option<bool> {
        match self.table.get(key)? {
            Value::Boolean(b) => Some(*b),
            other => {
                let message = format!("expected true or false, found {}", kind(other));
                self.p.push(self.key_path(key), message);
                None
            }
        }
    }

    fn table(&mut self, key: &str) -> Option<&'a toml::Table> {
        match self.table.get(key)? {
            Value::Table(t) => Some(t),
            other => {
                let message = format!("expected a table, found {}", kind(other));
                self.p.push(self.key_path(key), message);
                None
            }
        }
    }

    /// A table of tables, by name: `modules`, `types`, `variants`.
    fn tables(&mut self, key: &str) -> Vec<(&'a String, &'a toml::Table)> {
        let Some(table) = self.table(key) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (name, value) in sorted(table) {
            match value {
                Value::Table(t) => out.push((name, t)),
                other => {
                    let at = key_path(&self.key_path(key), name);
                    self.p
                        .push(at, format!("expected a table, found {}", kind(other)));
                }
            }
        }
        out
    }

    /// A table of strings: error codes and what they mean.
    fn strings(&mut self, key: &str) -> BTreeMap<String, String> {
        let Some(table) = self.table(key) else {
            return BTreeMap::new();
        };
        let mut out = BTreeMap::new();
        for (name, value) in sorted(table) {
            match value {
                Value::String(s) => {
                    out.insert(name.clone(), s.clone());
                }
                other => {
                    let at = key_path(&self.key_path(key), name);
                    self.p
                        .push(at, format!("expected a string, found {}", kind(other)));
                }
            }
        }
        out
    }

    fn string_list(&mut self, key: &str) -> Vec<String> {
        let items = match self.table.get(key) {
            None => return Vec::new(),
            Some(Value::Array(items)) => items,
            Some(other) => {
                let message = format!("expected an array of strings, found {}", kind(other));
                self.p.push(self.key_path(key), message);
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::String(s) => out.push(s.clone()),
                other => {
                    let at = format!("{}[{i}]", self.key_path(key));
                    self.p
                        .push(at, format!("expected a string, found {}", kind(other)));
                }
            }
        }
        out
    }
}

fn key_path(at: &str, key: &str) -> String {
    match at {
        "" => key.to_owned(),
        at => format!("{at}.{key}"),
    }
}

/// The entries of `table` by key, whatever order the TOML library keeps them in: problems
/// and types come out in the same order on every run.
fn sorted(table: &toml::Table) -> Vec<(&String, &Value)> {
    let mut entries: Vec<(&String, &Value)> = table.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a float",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

fn read_module(p: &mut Problems, at: &str, def: &toml::Table) -> Option<ModuleResponse> {
    let known = ["at", "payload", "errors", "split", "types"];
    let mut m = Table::new(p, at, def, &known);
    let at_text = m.required_string("at");
    let payload_text = m.required_string("payload");
    let errors = m.strings("errors");
    let split = m.string_list("split");
    let type_defs = m.tables("types");
    let p = m.p;

    // Types refer to each other by name, so every name is known before any is read.
    let names: BTreeSet<String> = type_defs.iter().map(|(name, _)| (*name).clone()).collect();
    let mut types = BTreeMap::new();
    for (name, def) in type_defs {
        let at = format!("{at}.types.{name}");
        if let Some(ty) = read_type(p, &at, def, &names) {
            types.insert(name.clone(), ty);
        }
    }

    let payload = payload_text.and_then(|t| field_type(p, &format!("{at}.payload"), t, &names));
    let at_path: Option<Vec<String>> = at_text.map(|t| t.split('.').map(str::to_owned).collect());
    if at_path.iter().flatten().any(String::is_empty) {
        p.push(
            format!("{at}.at"),
            "expected a dotted path of keys such as `query.users`",
        );
    }

    for (name, ty) in &types {
        check_type(p, &format!("{at}.types.{name}"), name, ty);
    }
    check_cycles(p, at, &types);

    let payload = payload?;
    if !split.is_empty() && !matches!(payload, FieldType::List(_) | FieldType::Map(_)) {
        p.push(
            format!("{at}.split"),
            "answers can be joined only when the payload is a `list<...>` or a `map<...>`",
        );
    }
    Some(ModuleResponse {
        at: at_path.filter(|path| !path.iter().any(String::is_empty))?,
        payload,
        errors,
        split,
        types,
    })
}

fn read_type(
    p: &mut Problems,
    at: &str,
    def: &toml::Table,
    names: &BTreeSet<String>,
) -> Option<TypeDef> {
    let mut t = Table::new(p, at, def, &["doc", "tag", "fields", "variants"]);
    let doc = t.string("doc").unwrap_or_default().to_owned();
    let tag = t.string("tag");
    let kind = match (t.has("fields"), t.has("variants"), t.has("tag")) {
        (true, false, false) => {
            let fields = t.table("fields");
            TypeKind::Struct(read_fields(t.p, at, fields, names))
        }
        (false, true, tagged) => {
            let defs = t.tables("variants");
            let variants = read_variants(t.p, at, defs, !tagged, names);
            match tag {
                Some(tag) => TypeKind::Tagged {
                    tag: tag.to_owned(),
                    variants,
                },
                // A tag that is not a string has been reported.
                None if tagged => return None,
                None => TypeKind::Flagged { variants },
            }
        }
        _ => {
            t.p.push(
                at,
                "expected either `fields`, or `variants` (with an optional `tag`)",
            );
            return None;
        }
    };
    Some(TypeDef { doc, kind })
}

fn read_variants(
    p: &mut Problems,
    at: &str,
    defs: Vec<(&String, &toml::Table)>,
    flagged: bool,
    names: &BTreeSet<String>,
) -> Vec<Variant> {
    let mut variants = Vec::new();
    for (name, def) in defs {
        let at = format!("{at}.variants.{name}");
        let mut v = Table::new(p, &at, def, &["doc", "when", "fields"]);
        let doc = v.string("doc").unwrap_or_default().to_owned();
        let when = match v.string("when") {
            Some(when) => Some(when.to_owned()),
            // A `when` that is not a string has been reported; the variant is not the default.
            None if v.has("when") => continue,
            None if flagged => None,
            None => Some(name.clone()),
        };
        let fields = v.table("fields");
        let fields = read_fields(v.p, &at, fields, names);
        variants.push(Variant {
            name: name.clone(),
            doc,
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
    defs: Option<&toml::Table>,
    names: &BTreeSet<String>,
) -> Vec<Field> {
    let mut fields = Vec::new();
    for (key, def) in defs.map(sorted).unwrap_or_default() {
        let at = format!("{at}.fields.{key}");
        let (text, doc, optional) = match def {
            Value::String(ty) => (Some(ty.as_str()), String::new(), false),
            Value::Table(def) => {
                let mut f = Table::new(p, &at, def, &["type", "doc", "optional"]);
                let ty = f.required_string("type");
                let doc = f.string("doc").unwrap_or_default().to_owned();
                (ty, doc, f.bool("optional").unwrap_or(false))
            }
            other => {
                let message = format!(
                    "a field is a type string, or a table with `type`, `doc` and `optional`; \
                     found {}",
                    kind(other)
                );
                p.push(at, message);
                continue;
            }
        };
        if let Some(ty) = text.and_then(|text| field_type(p, &at, text, names)) {
            fields.push(Field {
                key: key.clone(),
                doc,
                ty,
                optional,
            });
        }
    }
    fields
}

/// What would make the emitted Rust wrong: names that are no identifiers or collide once
/// cleaned, a flag key read with two types, a tag or flag that is also a field.
fn check_type(p: &mut Problems, at: &str, name: &str, ty: &TypeDef) {
    let identifier = name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric());
    if !identifier {
        p.push(
            at,
            format!("type name `{name}` must be UpperCamelCase letters and digits"),
        );
    }

    match &ty.kind {
        TypeKind::Struct(fields) => check_field_names(p, at, fields),
        TypeKind::Tagged { tag, variants } => {
            for v in variants {
                check_field_names(p, &format!("{at}.variants.{}", v.name), &v.fields);
            }
            check_variant_names(p, at, variants);
            check_tag(p, at, tag, variants);
        }
        TypeKind::Flagged { variants } => {
            check_variant_names(p, at, variants);
            check_flag_types(p, at, variants);
            check_flags(p, at, variants);
        }
    }
}

fn check_field_names(p: &mut Problems, at: &str, fields: &[Field]) {
    let names: Vec<String> = fields.iter().map(|f| snake(&f.key)).collect();
    if let Some(clash) = first_repeat(&names) {
        p.push(at, format!("two fields are both named `{clash}` in Rust"));
    }
}

fn check_variant_names(p: &mut Problems, at: &str, variants: &[Variant]) {
    let names: Vec<String> = variants.iter().map(|v| camel(&v.name)).collect();
    if let Some(clash) = first_repeat(&names) {
        p.push(at, format!("two variants are both named `{clash}` in Rust"));
    }
}

/// The tag chooses the variant, so it cannot also be a field, and one value chooses one
/// variant.
fn check_tag(p: &mut Problems, at: &str, tag: &str, variants: &[Variant]) {
    if variants
        .iter()
        .any(|v| v.fields.iter().any(|f| f.key == tag))
    {
        p.push(
            at,
            format!("`{tag}` is the tag, so no variant can have it as a field"),
        );
    }
    let values: Vec<String> = variants.iter().filter_map(|v| v.when.clone()).collect();
    if let Some(value) = first_repeat(&values) {
        p.push(
            at,
            format!("two variants are chosen by the same value `{value}` of `{tag}`"),
        );
    }
}

/// The variants of a flagged type are read through one struct holding every key of every
/// variant, so a key has one type in all of them.
fn check_flag_types(p: &mut Problems, at: &str, variants: &[Variant]) {
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

/// In the struct that reads a flagged type, every field of every variant and a `flag_...`
/// field for every flag sit side by side: their Rust names must differ, and a flag that is
/// also a field would be read as the field, leaving its variant unreachable.
fn check_flags(p: &mut Problems, at: &str, variants: &[Variant]) {
    let flags: Vec<String> = variants.iter().filter_map(|v| v.when.clone()).collect();
    if let Some(flag) = first_repeat(&flags) {
        p.push(
            at,
            format!("two variants are chosen by the same flag `{flag}`"),
        );
    }
    let flags: BTreeSet<&str> = flags.iter().map(String::as_str).collect();
    let keys: BTreeSet<&str> = variants
        .iter()
        .flat_map(|v| &v.fields)
        .map(|f| f.key.as_str())
        .collect();
    for flag in flags.intersection(&keys) {
        p.push(
            at,
            format!("`{flag}` is a flag, so no variant can have it as a field"),
        );
    }

    let fields = keys.iter().map(|k| (snake(k), format!("the field `{k}`")));
    let flag_fields = flags
        .iter()
        .map(|f| (format!("flag_{}", snake(f)), format!("the flag `{f}`")));
    let mut rust: BTreeMap<String, String> = BTreeMap::new();
    for (name, what) in fields.chain(flag_fields) {
        if let Some(other) = rust.insert(name.clone(), what.clone()) {
            p.push(
                at,
                format!(
                    "{other} and {what} would both be `{name}` in the struct that reads the \
                     variants"
                ),
            );
        }
    }
}

/// A type holding another directly (not through a list or a map, which keep their items
/// apart) has room for all of it; types holding each other that way would be infinite.
fn check_cycles(p: &mut Problems, at: &str, types: &BTreeMap<String, TypeDef>) {
    let held: BTreeMap<&str, BTreeSet<&str>> = types
        .iter()
        .map(|(name, ty)| (name.as_str(), directly_held(ty)))
        .collect();
    let mut reported = BTreeSet::new();
    for &name in held.keys() {
        if reported.contains(name) || !reachable(&held, name).contains(name) {
            continue;
        }
        let cycle: Vec<&str> = reachable(&held, name)
            .into_iter()
            .filter(|other| reachable(&held, other).contains(name))
            .collect();
        reported.extend(cycle.iter().copied());
        let message = match cycle.as_slice() {
            [one] => format!("`{one}` holds itself; hold it through list<{one}> or map<{one}>"),
            _ => {
                let names: Vec<String> = cycle.iter().map(|n| format!("`{n}`")).collect();
                format!(
                    "{} hold each other; hold one of them through list<...> or map<...>",
                    names.join(", ")
                )
            }
        };
        p.push(format!("{at}.types.{name}"), message);
    }
}

/// The named types a type's fields are, not counting those inside a list or a map.
fn directly_held(ty: &TypeDef) -> BTreeSet<&str> {
    let fields: Vec<&Field> = match &ty.kind {
        TypeKind::Struct(fields) => fields.iter().collect(),
        TypeKind::Tagged { variants, .. } | TypeKind::Flagged { variants } => {
            variants.iter().flat_map(|v| &v.fields).collect()
        }
    };
    fields
        .into_iter()
        .filter_map(|f| match &f.ty {
            FieldType::Named(name) => Some(name.as_str()),
            _ => None,
        })
        .collect()
}

/// The types `from` holds directly, or through types it holds directly.
fn reachable<'a>(held: &BTreeMap<&'a str, BTreeSet<&'a str>>, from: &str) -> BTreeSet<&'a str> {
    let mut found = BTreeSet::new();
    let mut next: Vec<&str> = held.get(from).into_iter().flatten().copied().collect();
    while let Some(name) = next.pop() {
        if found.insert(name) {
            next.extend(held.get(name).into_iter().flatten().copied());
        }
    }
    found
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
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    format!("line {line}, column {column}")
}
