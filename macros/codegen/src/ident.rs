//! Turning wiki names into Rust names: one place, one set of rules.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

use crate::spec::Module;

/// The Rust type name of a module's request.
///
/// The name comes from the PHP class, less its namespace and `Api` prefix, when the class is
/// named after the module (`ApiQueryUsers` serves `query+users`: `QueryUsers`). One class can
/// serve several modules (`ApiQueryBacklinks` also serves `query+embeddedin`); those take their
/// name from the module path instead (`QueryEmbeddedin`). The rule looks at one module only, so
/// adding a module to the spec never renames another.
pub fn type_name(module: &Module) -> String {
    let class = module.classname.rsplit('\\').next().unwrap_or_default();
    let class = class.strip_prefix("Api").unwrap_or(class);
    let own = class
        .to_ascii_lowercase()
        .ends_with(&module.name.to_ascii_lowercase());
    let name: String = match own && is_identifier(class) {
        true => class.to_owned(),
        false => module.path.split('+').map(camel).collect(),
    };
    match name.as_str() {
        "Self" => "Self_".to_owned(),
        _ => name,
    }
}

/// A Rust identifier in UpperCamelCase for any wiki name. A leading `!` negates, as in
/// `!minor`, and becomes `Not`.
pub fn camel(name: &str) -> String {
    if let Some(negated) = name.strip_prefix('!') {
        return format!("Not{}", camel(negated));
    }
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let camel = cleaned.to_upper_camel_case();
    match camel.chars().next() {
        None => "Empty".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{camel}"),
        // `Self` is the one keyword UpperCamelCase can produce.
        Some(_) if camel == "Self" => "Self_".to_owned(),
        Some(_) => camel,
    }
}

/// A Rust identifier in snake_case for any wiki name; keywords get a trailing underscore.
pub fn snake(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    let snake = cleaned.to_snake_case();
    let snake = match snake.chars().next() {
        None => "empty".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("n{snake}"),
        Some(_) => snake,
    };
    if is_keyword(&snake) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Makes each name in `names` unique by adding a number to the later ones, in order.
pub fn dedupe(names: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    names
        .into_iter()
        .map(|name| {
            let mut candidate = name.clone();
            let mut n = 2;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{name}{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

/// An identifier token for a name produced by [`camel`] or [`snake`].
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

fn is_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
        "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
        "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
        "ref", "return", "self", "static", "struct", "super", "trait", "true", "try", "type",
        "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
    ];
    KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(path: &str, classname: &str) -> Module {
        Module {
            path: path.to_owned(),
            name: path.rsplit('+').next().unwrap_or(path).to_owned(),
            classname: classname.to_owned(),
            group: "action".to_owned(),
            prefix: String::new(),
            description: String::new(),
            help_urls: Vec::new(),
            must_be_posted: false,
            read_rights: false,
            write_rights: false,
            internal: false,
            deprecated: false,
            generator: false,
            parameters: Vec::new(),
            templated_parameters: Vec::new(),
            dynamic_parameters: None,
        }
    }

    #[test]
    fn type_names_follow_the_class_when_it_is_named_after_the_module() {
        let cases = [
            ("emailuser", "ApiEmailUser", "EmailUser"),
            ("query+users", "ApiQueryUsers", "QueryUsers"),
            ("query+tokens", "ApiQueryTokens", "QueryTokens"),
            ("query+alllinks", "ApiQueryAllLinks", "QueryAllLinks"),
            (
                "query+allfileusages",
                "ApiQueryAllLinks",
                "QueryAllfileusages",
            ),
            ("query+embeddedin", "ApiQueryBacklinks", "QueryEmbeddedin"),
            ("cspreport", "ApiCSPReport", "CSPReport"),
            (
                "echomarkread",
                "MediaWiki\\Extension\\Notifications\\Api\\ApiEchoMarkRead",
                "EchoMarkRead",
            ),
            (
                "query+pageimages",
                "PageImages\\ApiQueryPageImages",
                "QueryPageImages",
            ),
        ];
        for (path, class, expected) in cases {
            assert_eq!(
                type_name(&module(path, class)),
                expected,
                "{path} served by {class}"
            );
        }
    }

    #[test]
    fn names_are_valid_identifiers() {
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("ccme"), "ccme");
        assert_eq!(snake("2fa"), "n2fa");
        assert_eq!(snake("foo-bar"), "foo_bar");
        assert_eq!(camel("emailable"), "Emailable");
        assert_eq!(camel("!hidden"), "NotHidden");
        assert_eq!(camel("self"), "Self_");
        assert_eq!(camel("*"), "Empty");
        assert_eq!(camel("1.39"), "V139");
        assert_eq!(camel("createaccount"), "Createaccount");
    }

    #[test]
    fn negated_values_keep_their_meaning() {
        let values = ["!minor", "minor", "!bot", "bot"].map(camel).to_vec();
        assert_eq!(dedupe(values), ["NotMinor", "Minor", "NotBot", "Bot"]);
    }

    #[test]
    fn duplicates_get_numbers_in_order() {
        let names = vec![
            "A".to_owned(),
            "B".to_owned(),
            "A".to_owned(),
            "A".to_owned(),
        ];
        assert_eq!(dedupe(names), ["A", "B", "A2", "A3"]);
    }
}
