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
        false => module.path.split('+').map(camel_part).collect(),
    };
    // `Self` is a keyword, and `Self_` would lead to `Self_ErrorCode`, which is not
    // UpperCamelCase: the class keeps its prefix instead.
    match name.as_str() {
        "Self" => "ApiSelf".to_owned(),
        _ => name,
    }
}

/// A Rust identifier in UpperCamelCase for any wiki name. A leading `!` negates, as in
/// `!minor`, and becomes `Not`.
pub fn camel(name: &str) -> String {
    match camel_part(name) {
        // `Self` is the one keyword UpperCamelCase can produce.
        name if name == "Self" => "Self_".to_owned(),
        name => name,
    }
}

/// [`camel`] for a part of a longer name (`QueryUsers` + `Prop`), where `Self` is no keyword.
pub fn camel_part(name: &str) -> String {
    if let Some(negated) = name.strip_prefix('!') {
        return format!("Not{}", camel_part(negated));
    }
    let cleaned: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let camel = cleaned.to_upper_camel_case();
    match camel.chars().next() {
        None => "Empty".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("V{camel}"),
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

/// How a family of names is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    /// UpperCamelCase, for enum variants: [`camel`].
    Camel,
    /// snake_case, for setters and fields: [`snake`].
    Snake,
}

/// Rust names for a family of wire spellings (the values of one parameter, the error codes of
/// one module, the parameters of one module), unique among themselves and `reserved`.
///
/// A spelling keeps its natural name ([`camel`] or [`snake`]) unless another spelling of the
/// family has the same one. Spellings that share a natural name all give it up and are
/// spelled out instead, each character the natural name drops written as a word
/// (`delete/delete-redir` is `DeleteSlashDeleteHyphenRedir`, `delete/delete_redir` is
/// `DeleteSlashDeleteUnderscoreRedir`); when that is still someone's name (spellings that
/// differ only in case), the code of its bytes follows (`ab` beside `AB` is `AbX6162`). A
/// natural name that is reserved takes a trailing underscore, as keywords do (`new_`).
///
/// No name depends on where a spelling stands, nor on spellings it does not clash with. So
/// a name never moves to another value as a spec grows: adding a value renames nothing but
/// the values it clashes with, and those lose their name (a compile error where it was used)
/// rather than hand it to the newcomer (code that would silently mean another value).
pub fn unique(spellings: &[&str], reserved: &[&str], case: Case) -> Vec<String> {
    let family: Vec<(&str, &str)> = spellings.iter().map(|s| (*s, "")).collect();
    unique_with_tails(&family, reserved, case)
}

/// [`unique`] for spellings with a tail joined to every form of their name: the setter
/// `type_all` is `type` with the tail `all`, so its other forms end in `_all` too
/// (`type_x74797065_all`), while a parameter called `type_all` would be spelled out as
/// `type_underscore_all`.
pub fn unique_with_tails(family: &[(&str, &str)], reserved: &[&str], case: Case) -> Vec<String> {
    let avoid = |name: String| avoid_reserved(name, reserved);
    let natural: Vec<String> = family
        .iter()
        .map(|(s, tail)| avoid(case.join(case.natural(s), tail)))
        .collect();
    let shared = |name: &String| natural.iter().filter(|n| *n == name).count() > 1;
    let spelled: Vec<Option<String>> = family
        .iter()
        .zip(&natural)
        .map(|((s, tail), n)| shared(n).then(|| avoid(case.join(case.spelled(s), tail))))
        .collect();

    // A spelled-out name must not be anyone's natural name, nor another's spelled-out name.
    let taken = |i: usize, name: &String| {
        natural.contains(name)
            || spelled
                .iter()
                .enumerate()
                .any(|(j, s)| j != i && s.as_ref() == Some(name))
    };
    let mut names: Vec<String> = (0..family.len())
        .map(|i| match &spelled[i] {
            None => natural[i].clone(),
            Some(s) if !taken(i, s) => s.clone(),
            Some(_) => {
                let (spelling, tail) = family[i];
                avoid(case.join(case.coded(&case.spelled(spelling), spelling), tail))
            }
        })
        .collect();
    number_repeats(&mut names);
    names
}

impl Case {
    fn natural(self, spelling: &str) -> String {
        match self {
            Case::Camel => camel(spelling),
            Case::Snake => snake(spelling),
        }
    }

    /// The spelling with every character [`camel`] and [`snake`] drop written as a word.
    fn spelled(self, spelling: &str) -> String {
        let words = spelled_words(spelling);
        let name = match self {
            Case::Camel => words.iter().map(|w| capitalized(w)).collect::<String>(),
            Case::Snake => words.join("_").to_ascii_lowercase(),
        };
        self.valid(name)
    }

    /// A spelled-out name followed by the bytes of the spelling, for spellings that differ
    /// only in what the spelled-out name drops (case).
    fn coded(self, spelled: &str, spelling: &str) -> String {
        let hex: String = spelling.bytes().map(|b| format!("{b:02x}")).collect();
        let spelled = spelled.trim_end_matches('_');
        match self {
            Case::Camel => format!("{spelled}X{hex}"),
            Case::Snake => format!("{spelled}_x{hex}"),
        }
    }

    fn join(self, name: String, tail: &str) -> String {
        match (self, tail) {
            (_, "") => name,
            (Case::Camel, tail) => format!("{}{}", name.trim_end_matches('_'), camel(tail)),
            (Case::Snake, tail) => format!("{}_{}", name.trim_end_matches('_'), snake(tail)),
        }
    }

    /// A leading digit or a keyword treated as [`camel`] and [`snake`] treat them.
    fn valid(self, name: String) -> String {
        match (self, name.chars().next()) {
            (_, None) => self.natural(""),
            (Case::Camel, Some(c)) if c.is_ascii_digit() => format!("V{name}"),
            (Case::Snake, Some(c)) if c.is_ascii_digit() => format!("n{name}"),
            (Case::Camel, _) if name == "Self" => "Self_".to_owned(),
            (Case::Snake, _) if is_keyword(&name) => format!("{name}_"),
            _ => name,
        }
    }
}

/// The runs of letters and digits of a spelling, as written, and a word for each other
/// character. A leading `!` is `Bang` here, not `Not`: `NotMinor` is what `not_minor` is.
fn spelled_words(spelling: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut run = String::new();
    for c in spelling.chars() {
        if c.is_ascii_alphanumeric() {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            words.push(std::mem::take(&mut run));
        }
        words.push(character_name(c));
    }
    if !run.is_empty() {
        words.push(run);
    }
    words
}

fn character_name(c: char) -> String {
    let name = match c {
        ' ' => "Space",
        '!' => "Bang",
        '"' => "Quote",
        '#' => "Hash",
        '$' => "Dollar",
        '%' => "Percent",
        '&' => "Ampersand",
        '\'' => "Apostrophe",
        '(' => "OpenParen",
        ')' => "CloseParen",
        '*' => "Star",
        '+' => "Plus",
        ',' => "Comma",
        '-' => "Hyphen",
        '.' => "Dot",
        '/' => "Slash",
        ':' => "Colon",
        ';' => "Semicolon",
        '<' => "Less",
        '=' => "Equals",
        '>' => "Greater",
        '?' => "Question",
        '@' => "At",
        '[' => "OpenBracket",
        '\\' => "Backslash",
        ']' => "CloseBracket",
        '^' => "Caret",
        '_' => "Underscore",
        '`' => "Backtick",
        '{' => "OpenBrace",
        '|' => "Pipe",
        '}' => "CloseBrace",
        '~' => "Tilde",
        other => return format!("U{:04X}", u32::from(other)),
    };
    name.to_owned()
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn avoid_reserved(mut name: String, reserved: &[&str]) -> String {
    while reserved.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// Only identical spellings (which paraminfo does not give) can still share a name here; they
/// are numbered so that the output compiles.
fn number_repeats(names: &mut [String]) {
    let mut seen = std::collections::BTreeSet::new();
    for name in names.iter_mut() {
        let base = name.clone();
        let mut n = 2;
        while !seen.insert(name.clone()) {
            *name = format!("{base}{n}");
            n += 1;
        }
    }
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
        assert_eq!(camel_part("self"), "Self");
        assert_eq!(camel("*"), "Empty");
        assert_eq!(camel("1.39"), "V139");
        assert_eq!(camel("createaccount"), "Createaccount");
    }

    #[test]
    fn a_module_called_self_keeps_its_class_prefix() {
        assert_eq!(type_name(&module("self", "ApiSelf")), "ApiSelf");
        assert_eq!(type_name(&module("self", "ApiOther")), "ApiSelf");
        assert_eq!(type_name(&module("query+self", "ApiOther")), "QuerySelf");
    }

    fn camel_names(values: &[&str]) -> Vec<String> {
        unique(values, &[], Case::Camel)
    }

    #[test]
    fn negated_values_keep_their_meaning() {
        let values = ["!minor", "minor", "!bot", "bot"];
        assert_eq!(camel_names(&values), ["NotMinor", "Minor", "NotBot", "Bot"]);
    }

    #[test]
    fn clashing_spellings_are_spelled_out_and_the_others_keep_their_names() {
        let cases: &[(&[&str], &[&str])] = &[
            (
                &[
                    "delete/delete-redir",
                    "delete/delete_redir",
                    "delete/delete_redir2",
                ],
                &[
                    "DeleteSlashDeleteHyphenRedir",
                    "DeleteSlashDeleteUnderscoreRedir",
                    "DeleteDeleteRedir2",
                ],
            ),
            (&["a-b", "ab", "a.b"], &["AHyphenB", "Ab", "ADotB"]),
            // Only the case differs: the spelled-out name is someone's natural name.
            (&["ab", "AB"], &["AbX6162", "AB"]),
            (&["self", "Self"], &["SelfX73656c66", "SelfX53656c66"]),
            (&["1.2", "12"], &["V1Dot2", "V12X3132"]),
            (&["!minor", "not-minor"], &["BangMinor", "NotHyphenMinor"]),
            (&["\u{fc}", "\u{e9}"], &["U00FC", "U00E9"]),
        ];
        for (values, expected) in cases {
            assert_eq!(camel_names(values), *expected, "{values:?}");
        }
    }

    #[test]
    fn reserved_names_take_a_trailing_underscore() {
        let codes = unique(&["other", "badtoken"], &["Other"], Case::Camel);
        assert_eq!(codes, ["Other_", "Badtoken"]);
        let setters = unique(
            &["new", "extra_params", "ccme"],
            &["new", "extra_params"],
            Case::Snake,
        );
        assert_eq!(setters, ["new_", "extra_params_", "ccme"]);
    }

    #[test]
    fn snake_names_spell_out_clashes_too() {
        let family = [
            ("sort-dir", ""),
            ("sort_dir", ""),
            ("type", ""),
            ("type", "all"),
        ];
        let names = unique_with_tails(&family, &[], Case::Snake);
        assert_eq!(
            names,
            [
                "sort_hyphen_dir",
                "sort_underscore_dir",
                "type_",
                "type_all"
            ]
        );

        let family = [("type", ""), ("type", "all"), ("type_all", "")];
        let names = unique_with_tails(&family, &[], Case::Snake);
        assert_eq!(
            names,
            ["type_", "type_x74797065_all", "type_underscore_all"]
        );
    }

    /// Whatever is added to a family, a name that stays denotes the same spelling.
    #[test]
    fn adding_a_spelling_never_moves_a_name_to_another() {
        let all = [
            "delete/delete",
            "delete/delete-redir",
            "delete/delete_redir",
            "delete/delete_redir2",
            "a-b",
            "a_b",
            "aB",
            "AB",
            "ab",
            "other",
            "!minor",
            "not_minor",
            "minor",
            "self",
            "Self",
            "1.2",
            "12",
            "v12",
            "",
            "*",
        ];
        for case in [Case::Camel, Case::Snake] {
            let full = unique(&all, &["Other", "new"], case);
            for left_out in 0..all.len() {
                let fewer: Vec<&str> = all
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != left_out)
                    .map(|(_, v)| *v)
                    .collect();
                let names = unique(&fewer, &["Other", "new"], case);
                for (value, name) in fewer.iter().zip(&names) {
                    if let Some(i) = full.iter().position(|n| n == name) {
                        assert_eq!(
                            all[i], *value,
                            "{case:?}: `{name}` moved when `{}` came",
                            all[left_out]
                        );
                    }
                }
            }
        }
    }
}
