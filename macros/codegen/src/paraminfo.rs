//! Reading an `action=paraminfo` answer, in formatversion 1 or 2, into the spec model.
//!
//! The reader walks the JSON by hand rather than through serde so that it can keep going after
//! a problem and report every one, each with its JSON path.

use serde_json::{Map, Value};
use std::path::Path;

use crate::error::{Error, Problems};
use crate::spec::{Module, Param, ParamType, ValueLimit};

/// Reads the modules out of the text of a paraminfo answer stored at `file`.
pub fn parse(file: &Path, text: &str) -> Result<Vec<Module>, Error> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let at = format!("line {}, column {}", e.line(), e.column());
        Error::one(file, at, format!("not valid JSON: {e}"))
    })?;

    let mut problems = Problems::new(file);
    let modules = read_root(&mut problems, &root);
    let found = problems.into_vec();
    if found.is_empty() {
        Ok(modules)
    } else {
        Err(Error::new(found))
    }
}

fn read_root(p: &mut Problems, root: &Value) -> Vec<Module> {
    let Some(modules) = root.pointer("/paraminfo/modules") else {
        p.push(
            "$",
            "expected an object with `paraminfo.modules`, as api.php?action=paraminfo answers",
        );
        return Vec::new();
    };
    let Some(modules) = modules.as_array() else {
        p.push("$.paraminfo.modules", "expected an array of modules");
        return Vec::new();
    };

    modules
        .iter()
        .enumerate()
        .filter_map(|(i, m)| read_module(p, &format!("$.paraminfo.modules[{i}]"), m))
        .collect()
}

/// A view of one JSON object that records a problem for every key it cannot read.
struct Obj<'a, 'p> {
    p: &'p mut Problems,
    at: &'a str,
    map: &'a Map<String, Value>,
}

impl<'a> Obj<'a, '_> {
    fn key_path(&self, key: &str) -> String {
        format!("{}.{key}", self.at)
    }

    fn required_str(&mut self, key: &str) -> Option<&'a str> {
        match self.map.get(key) {
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                let at = self.key_path(key);
                self.p
                    .push(at, format!("expected a string, found {}", kind(other)));
                None
            }
            None => {
                let at = self.at.to_owned();
                self.p.push(at, format!("missing required key `{key}`"));
                None
            }
        }
    }

    fn optional_str(&mut self, key: &str) -> Option<&'a str> {
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(_) => self.required_str(key),
        }
    }

    /// A flag: formatversion=2 gives a boolean, formatversion=1 an empty string when true and
    /// nothing when false.
    fn flag(&mut self, key: &str) -> bool {
        match self.map.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) if s.is_empty() => true,
            Some(other) => {
                let at = self.key_path(key);
                let found = kind(other);
                self.p
                    .push(at, format!("expected a boolean flag, found {found}"));
                false
            }
        }
    }

    /// A count: a number in formatversion 2, sometimes a numeric string in formatversion 1.
    fn optional_u32(&mut self, key: &str) -> Option<u32> {
        let value = self.map.get(key)?;
        let n = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        };
        match n.and_then(|n| u32::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                let at = self.key_path(key);
                let found = kind(value);
                self.p
                    .push(at, format!("expected a whole number, found {found}"));
                None
            }
        }
    }

    fn string_list(&mut self, key: &str) -> Vec<String> {
        let Some(value) = self.map.get(key) else {
            return Vec::new();
        };
        let Some(items) = value.as_array() else {
            let at = self.key_path(key);
            self.p.push(
                at,
                format!("expected an array of strings, found {}", kind(value)),
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(s) => out.push(s.to_owned()),
                None => {
                    let at = format!("{}.{key}[{i}]", self.at);
                    self.p
                        .push(at, format!("expected a string, found {}", kind(item)));
                }
            }
        }
        out
    }
}

fn as_obj<'a, 'p>(p: &'p mut Problems, at: &'a str, value: &'a Value) -> Option<Obj<'a, 'p>> {
    match value {
        Value::Object(map) => Some(Obj { p, at, map }),
        other => {
            p.push(at, format!("expected an object, found {}", kind(other)));
            None
        }
    }
}

fn read_module(p: &mut Problems, at: &str, value: &Value) -> Option<Module> {
    let mut o = as_obj(p, at, value)?;

    let path = o.required_str("path");
    let name = o.required_str("name");
    let classname = o.required_str("classname");
    let group = o.optional_str("group").unwrap_or("action");
    let prefix = o.optional_str("prefix").unwrap_or("");
    let description = description(&mut o);
    let help_urls = o.string_list("helpurls");
    let must_be_posted = o.flag("mustbeposted");
    let read_rights = o.flag("readrights");
    let write_rights = o.flag("writerights");
    let internal = o.flag("internal");
    let deprecated = o.flag("deprecated");

    let parameters = match o.map.get("parameters") {
        Some(Value::Array(items)) => {
            let items: Vec<_> = items.iter().enumerate().collect();
            let mut params = Vec::new();
            for (i, item) in items {
                let at = format!("{at}.parameters[{i}]");
                if let Some(param) = read_param(o.p, &at, prefix, item) {
                    params.push(param);
                }
            }
            params
        }
        Some(other) => {
            let found = kind(other);
            o.p.push(
                format!("{at}.parameters"),
                format!("expected an array, found {found}"),
            );
            Vec::new()
        }
        None => {
            o.p.push(at, "missing required key `parameters`");
            Vec::new()
        }
    };

    Some(Module {
        path: path?.to_owned(),
        name: name?.to_owned(),
        classname: classname?.to_owned(),
        group: group.to_owned(),
        prefix: prefix.to_owned(),
        description,
        help_urls,
        must_be_posted,
        read_rights,
        write_rights,
        internal,
        deprecated,
        parameters,
    })
}

fn read_param(p: &mut Problems, at: &str, prefix: &str, value: &Value) -> Option<Param> {
    let mut o = as_obj(p, at, value)?;

    let name = o.required_str("name");
    let ty = match o.map.get("type") {
        Some(Value::String(s)) => Some(ParamType::from_name(s)),
        Some(Value::Array(_)) => Some(ParamType::Enum(o.string_list("type"))),
        Some(other) => {
            let found = kind(other);
            let at = o.key_path("type");
            o.p.push(
                at,
                format!("expected a type name or an array of values, found {found}"),
            );
            None
        }
        None => {
            o.p.push(at, "missing required key `type`");
            None
        }
    };
    let description = description(&mut o);
    let required = o.flag("required");
    let multi = o.flag("multi");
    let sensitive = o.flag("sensitive");
    let deprecated = o.flag("deprecated");
    let default = default_value(&mut o);
    let token_type = o.optional_str("tokentype").map(str::to_owned);
    let low = o.optional_u32("lowlimit");
    let high = o.optional_u32("highlimit");
    let limit = match (low, high, o.optional_u32("limit")) {
        (Some(low), Some(high), _) => Some(ValueLimit { low, high }),
        (_, _, Some(both)) => Some(ValueLimit {
            low: both,
            high: both,
        }),
        _ => None,
    };

    let name = name?;
    Some(Param {
        name: name.to_owned(),
        // paraminfo names parameters without the module's prefix, which the wire needs.
        wire_name: format!("{prefix}{name}"),
        ty: ty?,
        description,
        required,
        multi,
        sensitive,
        deprecated,
        default,
        limit,
        token_type,
    })
}

/// The description, which helpformat=wikitext and html give as a string and helpformat=raw
/// as a list of messages; the raw form carries no text and is left empty.
fn description(o: &mut Obj<'_, '_>) -> String {
    match o.map.get("description") {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

/// Defaults come as strings, numbers or booleans; they are only shown in docs.
fn default_value(o: &mut Obj<'_, '_>) -> Option<String> {
    match o.map.get("default")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => None,
        other => {
            let at = o.key_path("default");
            let found = kind(other);
            o.p.push(
                at,
                format!("expected a string, number or boolean, found {found}"),
            );
            None
        }
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
