//! Reading an `action=paraminfo` answer, in formatversion 1 or 2, into the spec model.
//!
//! The reader walks the JSON by hand rather than through serde so that it can keep going after
//! a problem and report every one, each with its JSON path.

use serde_json::{Map, Value};
use std::path::Path;

use std::collections::BTreeMap;

use crate::error::{Error, Problem, Problems};
use crate::spec::{Module, Param, ParamType, ValueLimit};

/// Reads the modules out of the text of a paraminfo answer stored at `file`; [`warnings`]
/// says what of them the generator does not know.
pub fn parse(file: &Path, text: &str) -> Result<Vec<Module>, Error> {
    match read(file, text) {
        (modules, problems) if problems.is_empty() => Ok(modules),
        (_, problems) => Err(Error::new(problems)),
    }
}

/// The modules that could be read, and every problem met: the checks across files run on
/// what did load.
pub(crate) fn read(file: &Path, text: &str) -> (Vec<Module>, Vec<Problem>) {
    let root: Value = match serde_json::from_str(text) {
        Ok(root) => root,
        Err(e) => {
            let (at, e) = crate::error::json_syntax(&e);
            let problem = Problem {
                file: file.to_path_buf(),
                at,
                message: format!("not valid JSON: {e}"),
            };
            return (Vec::new(), vec![problem]);
        }
    };

    let mut problems = Problems::new(file);
    let modules = read_root(&mut problems, &root);
    (modules, problems.into_vec())
}

/// What the generator meets but does not handle: a parameter of an unknown type (sent as a
/// string), a templated parameter it leaves out or narrows.
pub fn warnings(file: &Path, modules: &[Module]) -> Vec<Problem> {
    let mut warnings = Vec::new();
    for (i, m) in modules.iter().enumerate() {
        let at = format!("$.paraminfo.modules[{i}]");
        let plain = m
            .parameters
            .iter()
            .enumerate()
            .map(|(j, p)| ("parameters", j, p));
        let templated = m.templated_parameters.iter().enumerate();
        let all = plain.chain(templated.map(|(j, p)| ("templatedparameters", j, p)));
        for (list, j, p) in all {
            if let ParamType::Unknown(ty) = &p.ty {
                let message = format!(
                    "module `{}`, parameter `{}`: unknown type `{ty}`, sent as a string",
                    m.path, p.wire_name
                );
                warnings.push(warning(file, &format!("{at}.{list}[{j}]"), message));
            }
        }
        for (j, p) in m.templated_parameters.iter().enumerate() {
            let at = format!("{at}.templatedparameters[{j}]");
            if let Some(what) = templated_gap(p) {
                let message = format!(
                    "module `{}`, templated parameter `{}`: {what}",
                    m.path, p.wire_name
                );
                warnings.push(warning(file, &at, message));
            }
        }
    }
    warnings
}

/// What the generated setters cannot do for a templated parameter: they fill one variable
/// with one value.
fn templated_gap(p: &Param) -> Option<String> {
    match p.template_vars.len() {
        1 if p.multi => Some("takes a list of values, but its setter takes one".to_owned()),
        1 => None,
        n => Some(format!(
            "{n} template variables where only one is handled; the parameter is left out"
        )),
    }
}

fn warning(file: &Path, at: &str, message: String) -> Problem {
    Problem {
        file: file.to_path_buf(),
        at: at.to_owned(),
        message,
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
                let message = format!(
                    "expected a whole number from 0 to {}, found {value}",
                    u32::MAX
                );
                self.p.push(at, message);
                None
            }
        }
    }

    /// A signed number: a JSON number, or a numeric string in formatversion 1.
    fn optional_i64(&mut self, key: &str) -> Option<i64> {
        let value = self.map.get(key)?;
        let n = match value {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        };
        if n.is_none() {
            let at = self.key_path(key);
            self.p
                .push(at, format!("expected a whole number, found {value}"));
        }
        n
    }

    /// An object of strings: `submodules`, `templatevars`.
    fn string_map(&mut self, key: &str) -> BTreeMap<String, String> {
        let Some(value) = self.map.get(key) else {
            return BTreeMap::new();
        };
        let Some(items) = value.as_object() else {
            let at = self.key_path(key);
            self.p.push(
                at,
                format!("expected an object of strings, found {}", kind(value)),
            );
            return BTreeMap::new();
        };
        let mut out = BTreeMap::new();
        for (k, v) in items {
            match v.as_str() {
                Some(s) => {
                    out.insert(k.clone(), s.to_owned());
                }
                None => {
                    let at = format!("{}.{key}.{k}", self.at);
                    self.p
                        .push(at, format!("expected a string, found {}", kind(v)));
                }
            }
        }
        out
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
    let generator = o.flag("generator");
    let dynamic_parameters = match o.map.get("dynamicparameters") {
        None | Some(Value::Bool(false)) => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => Some(String::new()),
    };

    let parameters = match o.map.get("parameters") {
        Some(_) => read_params(&mut o, "parameters", prefix),
        None => {
            o.p.push(at, "missing required key `parameters`");
            Vec::new()
        }
    };
    let templated_parameters = read_params(&mut o, "templatedparameters", prefix);

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
        generator,
        parameters,
        templated_parameters,
        dynamic_parameters,
    })
}

fn read_params(o: &mut Obj<'_, '_>, key: &str, prefix: &str) -> Vec<Param> {
    match o.map.get(key) {
        None => Vec::new(),
        Some(Value::Array(items)) => {
            let mut params = Vec::new();
            for (i, item) in items.iter().enumerate() {
                let at = format!("{}.{key}[{i}]", o.at);
                if let Some(param) = read_param(o.p, &at, prefix, item) {
                    params.push(param);
                }
            }
            params
        }
        Some(other) => {
            let found = kind(other);
            let at = o.key_path(key);
            o.p.push(at, format!("expected an array, found {found}"));
            Vec::new()
        }
    }
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

    // Only integers have whole bounds; another type's (ParamValidator's `float` gives
    // fractions) are not read: unknown types are sent as text, unchecked.
    let bounded = matches!(
        ty,
        Some(ParamType::Integer | ParamType::Limit | ParamType::Namespace)
    );
    let bound = |o: &mut Obj<'_, '_>, key| bounded.then(|| o.optional_i64(key)).flatten();
    let min = bound(&mut o, "min");
    let max = bound(&mut o, "max");
    let high_max = bound(&mut o, "highmax");
    let all_specifier = o.optional_str("allspecifier").map(str::to_owned);
    let allows_duplicates = o.flag("allowsduplicates");
    let deprecated_values = o.string_list("deprecatedvalues");
    let internal_values = o.string_list("internalvalues");
    let submodules = o.string_map("submodules");
    let submodule_param_prefix = o.optional_str("submoduleparamprefix").map(str::to_owned);
    let subtypes = o.string_list("subtypes");
    let template_vars = o.string_map("templatevars");

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
        min,
        max,
        high_max,
        all_specifier,
        allows_duplicates,
        deprecated_values,
        internal_values,
        submodules,
        submodule_param_prefix,
        subtypes,
        template_vars,
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
