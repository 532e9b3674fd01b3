//! A malformed spec fails with the file, the place in it and what was expected.

use std::fs;
use std::path::{Path, PathBuf};

/// A spec folder in a fresh temporary directory, with the shipped files unless replaced.
fn spec_with(paraminfo: Option<&str>, responses: Option<&str>) -> tempfile::TempDir {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec");
    let dir = tempfile::tempdir().expect("temporary folder");
    let copy = |name: &str, replacement: Option<&str>| {
        let text = match replacement {
            Some(text) => text.to_owned(),
            None => fs::read_to_string(shipped.join(name)).expect("shipped spec file"),
        };
        fs::write(dir.path().join(name), text).expect("write spec file");
    };
    copy("paraminfo.json", paraminfo);
    copy("responses.toml", responses);
    dir
}

fn problems(dir: &Path) -> Vec<(PathBuf, String, String)> {
    let err = mwbind_codegen::load(dir).expect_err("the spec is malformed");
    err.problems()
        .iter()
        .map(|p| (p.file.clone(), p.at.clone(), p.message.clone()))
        .collect()
}

/// The problems of the shipped snapshot with `responses` as its description, as
/// `at: message`.
fn response_problems(responses: &str) -> Vec<String> {
    spec_problems(&spec_with(None, Some(responses)))
}

/// The problems of the spec in `dir`, as `at: message`.
fn spec_problems(dir: &tempfile::TempDir) -> Vec<String> {
    problems(dir.path())
        .into_iter()
        .map(|(_, at, m)| format!("{at}: {m}"))
        .collect()
}

#[test]
fn the_shipped_spec_loads() {
    let spec = spec_with(None, None);
    let spec = mwbind_codegen::load(spec.path()).expect("shipped spec is valid");
    let paths: Vec<&str> = spec.modules.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(
        paths,
        ["emailuser", "query+tokens", "query+users", "query+allusers"]
    );
}

#[test]
fn a_missing_file_is_named() {
    let dir = spec_with(None, None);
    fs::remove_file(dir.path().join("paraminfo.json")).unwrap();
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, dir.path().join("paraminfo.json"));
    assert!(found[0].2.starts_with("cannot be read"), "{found:?}");
}

#[test]
fn invalid_json_gives_line_and_column() {
    let dir = spec_with(Some("{\n  \"paraminfo\": {\n    \"modules\": [,]\n"), None);
    let found = problems(dir.path());
    assert_eq!(found[0].1, "line 3, column 17", "{found:?}");
    assert!(found[0].2.starts_with("not valid JSON"), "{found:?}");
}

#[test]
fn a_missing_key_is_named_with_its_json_path() {
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "emailuser", "path": "emailuser", "classname": "ApiEmailUser",
         "parameters": [{"name": "target", "required": true}]}
    ]}}"#;
    let dir = spec_with(Some(paraminfo), Some(""));
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "$.paraminfo.modules[0].parameters[0]");
    assert_eq!(found[0].2, "missing required key `type`");
}

#[test]
fn every_problem_is_reported_at_once() {
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "a", "path": "a", "classname": "ApiA",
         "parameters": [{"name": "x", "type": 7}, {"type": "string"}]},
        {"name": "b", "path": "b", "parameters": []}
    ]}}"#;
    let responses = "[modules.a]\nat = \"a\"\npayload = \"Nope\"\n";
    let dir = spec_with(Some(paraminfo), Some(responses));
    let found: Vec<(String, String)> = problems(dir.path())
        .into_iter()
        .map(|(file, at, message)| {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            (format!("{name} {at}"), message)
        })
        .collect();
    let expected = [
        (
            "paraminfo.json $.paraminfo.modules[0].parameters[0].type",
            "expected a type name or an array of values, found a number",
        ),
        (
            "paraminfo.json $.paraminfo.modules[0].parameters[1]",
            "missing required key `name`",
        ),
        (
            "paraminfo.json $.paraminfo.modules[1]",
            "missing required key `classname`",
        ),
        (
            "responses.toml modules.\"a\".payload",
            "unknown type `Nope`",
        ),
    ];
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for ((at, message), (want_at, want_message)) in found.iter().zip(expected) {
        assert_eq!(at, want_at);
        assert!(message.starts_with(want_message), "{message}");
    }
}

#[test]
fn formatversion_1_flags_read_like_formatversion_2() {
    let fv2 = r#"{"paraminfo": {"modules": [{"name": "emailuser", "path": "emailuser",
        "classname": "ApiEmailUser", "mustbeposted": true, "parameters": [
        {"name": "ccme", "type": "boolean", "required": false, "multi": false}]}]}}"#;
    let fv1 = r#"{"paraminfo": {"modules": [{"name": "emailuser", "path": "emailuser",
        "classname": "ApiEmailUser", "mustbeposted": "", "parameters": [
        {"name": "ccme", "type": "boolean"}]}]}}"#;
    let read = |text: &str| mwbind_codegen::paraminfo::parse(Path::new("x.json"), text).unwrap();
    assert_eq!(read(fv1), read(fv2));
    assert!(read(fv1)[0].must_be_posted);
}

#[test]
fn a_response_for_a_module_not_in_the_snapshot_is_a_problem() {
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/responses.toml");
    let mut responses = fs::read_to_string(shipped).unwrap();
    responses.push_str("\n[modules.nosuch]\nat = \"nosuch\"\npayload = \"json\"\n");
    let dir = spec_with(None, Some(&responses));
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "modules.\"nosuch\"");
    assert!(
        found[0].2.contains("which the snapshot does not have"),
        "{found:?}"
    );
}

#[test]
fn bad_toml_gives_line_and_column() {
    let dir = spec_with(None, Some("[modules.emailuser]\nat = \n"));
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.starts_with("line 2"), "{found:?}");
}

#[test]
fn the_error_message_names_file_path_and_reason() {
    let dir = spec_with(Some(r#"{"paraminfo": {}}"#), None);
    let err = mwbind_codegen::load(dir.path()).unwrap_err().to_string();
    let file = dir.path().join("paraminfo.json");
    assert_eq!(
        err,
        format!(
            "the spec has 1 problem:\n  {}: at $: expected an object with `paraminfo.modules`, \
             as api.php?action=paraminfo answers",
            file.display()
        )
    );
}

#[test]
fn response_descriptions_that_would_make_wrong_rust_are_problems() {
    let responses = r#"
[modules.emailuser]
at = "emailuser"
payload = "Response"

[modules.emailuser.types."My-Type"]
fields.x = "string"

[modules.emailuser.types.Response]
tag = "result"
variants.Success.fields.result = "string"
variants.Failure.fields.foo-bar = "string"
variants.Failure.fields.foo_bar = "string"

[modules."query+users"]
at = "query.users"
payload = "list<User>"

[modules."query+users".types.User]
variants.Found.fields.name = "string"
variants.Missing = { when = "missing", fields.name = "integer" }
variants.found = { when = "invalid" }
"#;
    let found = response_problems(responses);
    let expected = [
        "modules.\"emailuser\".types.My-Type: type name `My-Type` must be UpperCamelCase letters and digits",
        "modules.\"emailuser\".types.Response.variants.Failure: two fields are both named `foo_bar` in Rust",
        "modules.\"emailuser\".types.Response: `result` is the tag, so no variant can have it as a field",
        "modules.\"query+users\".types.User: two variants are both named `Found` in Rust",
        "modules.\"query+users\".types.User: `name` has a different type in two variants",
    ];
    assert_eq!(found, expected);
}

#[test]
fn a_misspelt_field_key_is_a_problem_not_a_silent_default() {
    let responses = "[modules.emailuser]\nat = \"emailuser\"\npayload = \"R\"\n\
                     [modules.emailuser.types.R]\nfields.x = { type = \"bool\", optinal = true }\n";
    let dir = spec_with(None, Some(responses));
    let found = problems(dir.path());
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].1, "modules.\"emailuser\".types.R.fields.x.optinal");
    assert_eq!(
        found[0].2,
        "unknown key `optinal`: expected `type`, `doc` or `optional`"
    );
}

#[test]
fn split_names_multi_value_parameters_of_a_module_whose_answers_join() {
    // The file's own problem and the one against the snapshot come in one run.
    let not_a_list = "[modules.emailuser]\nat = \"emailuser\"\npayload = \"json\"\n\
                      split = [\"target\"]\n";
    assert_eq!(
        response_problems(not_a_list),
        [
            "modules.\"emailuser\".split: answers can be joined only when the payload is a \
          `list<...>` or a `map<...>`",
            "modules.\"emailuser\".split: `target` is not a multi-value parameter of \
             `emailuser`",
        ]
    );

    let not_multi = "[modules.emailuser]\nat = \"emailuser\"\npayload = \"list<json>\"\n\
                     split = [\"target\"]\n\
                     [modules.\"query+users\"]\nat = \"query.users\"\npayload = \"list<json>\"\n\
                     split = [\"users\", \"ususerids\", \"prop\", \"attachedwiki\"]\n";
    assert_eq!(
        response_problems(not_multi),
        [
            "modules.\"emailuser\".split: `target` is not a multi-value parameter of \
             `emailuser`",
            "modules.\"query+users\".split: `ususerids` is not a multi-value parameter of \
             `query+users` (named without the prefix `us`)",
            "modules.\"query+users\".split: `attachedwiki` is not a multi-value parameter of \
             `query+users` (named without the prefix `us`)",
        ]
    );
}

#[test]
fn every_problem_of_responses_toml_is_reported_at_once() {
    let responses = r#"
typo = 1

[errors]
badtoken = 5

[modules.emailuser]
at = "emailuser"
payload = "json"
typo_one = 1
split = "target"

[modules."query+users"]
payload = "list<User>"
typo_two = 2

[modules."query+users".types.User]
docs = "A user."
fields.name = { type = "string", optional = "yes" }
fields.id = 7
"#;
    let found = response_problems(responses);
    let expected = [
        "typo: unknown key `typo`: expected `errors` or `modules`",
        "errors.badtoken: expected a string, found an integer",
        "modules.\"emailuser\".typo_one: unknown key `typo_one`: expected `at`, `payload`, \
         `errors`, `split` or `types`",
        "modules.\"emailuser\".split: expected an array of strings, found a string",
        "modules.\"query+users\".typo_two: unknown key `typo_two`: expected `at`, `payload`, \
         `errors`, `split` or `types`",
        "modules.\"query+users\": missing required key `at`",
        "modules.\"query+users\".types.User.docs: unknown key `docs`: expected `doc`, `tag`, \
         `fields` or `variants`",
        "modules.\"query+users\".types.User.fields.id: a field is a type string, or a table \
         with `type`, `doc` and `optional`; found an integer",
        "modules.\"query+users\".types.User.fields.name.optional: expected true or false, \
         found a string",
    ];
    assert_eq!(found, expected);
}

/// The problems of a spec of one module `thing` (no parameters) whose answer is described by
/// `types`, as `at: message`.
fn problems_of_thing(types: &str) -> Vec<String> {
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "thing", "path": "thing", "classname": "ApiThing", "parameters": []}]}}"#;
    let responses = format!("[modules.thing]\nat = \"thing\"\npayload = \"Response\"\n{types}");
    spec_problems(&spec_with(Some(paraminfo), Some(&responses)))
}

#[test]
fn flagged_types_whose_reading_struct_would_not_compile_are_problems() {
    let found = problems_of_thing(
        r#"
[modules.thing.types.Response.variants]
Missing = { when = "missing", fields.a-b = "string" }
Found.fields = { a_b = "string", flag_missing = "string" }
"#,
    );
    assert_eq!(
        found,
        [
            "modules.\"thing\".types.Response: the field `a-b` and the field `a_b` would both \
             be `a_b` in the struct that reads the variants",
            "modules.\"thing\".types.Response: the field `flag_missing` and the flag `missing` \
             would both be `flag_missing` in the struct that reads the variants",
        ]
    );

    let found = problems_of_thing(
        r#"
[modules.thing.types.Response.variants]
Hidden = { when = "is-hidden" }
Gone = { when = "is_hidden" }
Found.fields.name = "string"
"#,
    );
    assert_eq!(
        found,
        [
            "modules.\"thing\".types.Response: the flag `is-hidden` and the flag `is_hidden` \
          would both be `flag_is_hidden` in the struct that reads the variants"
        ]
    );
}

#[test]
fn a_flag_or_tag_value_that_cannot_choose_its_variant_is_a_problem() {
    let found = problems_of_thing(
        r#"
[modules.thing.types.Response.variants]
Missing = { when = "missing", fields.missing = "bool" }
Invalid = { when = "missing" }
Found.fields.name = "string"
"#,
    );
    assert_eq!(
        found,
        [
            "modules.\"thing\".types.Response: two variants are chosen by the same flag \
             `missing`",
            "modules.\"thing\".types.Response: `missing` is a flag, so no variant can have it \
             as a field",
        ]
    );

    let found = problems_of_thing(
        r#"
[modules.thing.types.Response]
tag = "result"
variants.Success = { when = "ok" }
variants.Done = { when = "ok" }
"#,
    );
    assert_eq!(
        found,
        [
            "modules.\"thing\".types.Response: two variants are chosen by the same value `ok` of \
          `result`"
        ]
    );
}

#[test]
fn types_holding_each_other_outside_a_list_or_map_are_a_problem() {
    let found = problems_of_thing(
        r#"
[modules.thing.types.Response.fields]
child = "Child"
me = { type = "Response", optional = true }

[modules.thing.types.Child.variants]
Found.fields.parent = { type = "Grandchild", optional = true }
[modules.thing.types.Grandchild.fields]
back = "Child"
fine = "list<Response>"
"#,
    );
    assert_eq!(
        found,
        [
            "modules.\"thing\".types.Child: `Child`, `Grandchild` hold each other; hold one of \
             them through list<...> or map<...>",
            "modules.\"thing\".types.Response: `Response` holds itself; hold it through \
             list<Response> or map<Response>",
        ]
    );

    // Through a list or a map, each holds the other on the heap: that compiles.
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "thing", "path": "thing", "classname": "ApiThing", "parameters": []}]}}"#;
    let responses = "[modules.thing]\nat = \"thing\"\npayload = \"Response\"\n\
                     [modules.thing.types.Response.fields]\nchildren = \"list<Child>\"\n\
                     [modules.thing.types.Child.fields]\nparents = \"map<Response>\"\n";
    let dir = spec_with(Some(paraminfo), Some(responses));
    mwbind_codegen::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn the_checks_across_files_run_on_what_did_load() {
    // A parameter of a bad type, and two modules declaring one type name.
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "foo", "path": "foo", "classname": "ApiFoo",
         "parameters": [{"name": "x", "type": 5}]},
        {"name": "users", "path": "query+users", "classname": "ApiQueryUsers",
         "parameters": [{"name": "prop", "type": ["a"]}]},
        {"name": "usersprop", "path": "query+usersprop", "classname": "ApiQueryUsersProp",
         "parameters": []}
    ]}}"#;
    // A key responses.toml does not know, and a description of the module whose
    // parameter could not be read: not reported as missing.
    let responses = "[modules.foo]\nat = \"foo\"\npayload = \"json\"\nsplit = [\"x\"]\n\
                     [modules.\"query+users\"]\nat = \"query.users\"\npayload = \"json\"\n\
                     typo = 1\n";
    let dir = spec_with(Some(paraminfo), Some(responses));
    let found: Vec<String> = problems(dir.path())
        .into_iter()
        .map(|(file, at, m)| {
            let name = file.file_name().unwrap().to_string_lossy().into_owned();
            format!("{name} {at}: {m}")
        })
        .collect();
    assert_eq!(
        found,
        [
            "paraminfo.json $.paraminfo.modules[0].parameters[0].type: expected a type name \
             or an array of values, found a number",
            "responses.toml modules.\"foo\".split: answers can be joined only when the payload \
             is a `list<...>` or a `map<...>`",
            "responses.toml modules.\"query+users\".typo: unknown key `typo`: expected `at`, \
             `payload`, `errors`, `split` or `types`",
            "paraminfo.json $.paraminfo.modules[2]: modules `query+users` and \
             `query+usersprop` would both declare the type `QueryUsersProp`",
        ]
    );
}

#[test]
fn a_type_declared_twice_by_one_module_says_by_what() {
    let paraminfo = r#"{"paraminfo": {"modules": [
        {"name": "thing", "path": "thing", "classname": "ApiThing", "parameters": [
            {"name": "sort-dir", "type": ["a"]}, {"name": "sort_dir", "type": ["b"]},
            {"name": "prop", "type": ["c"]}]}]}}"#;
    let responses = "[modules.thing]\nat = \"thing\"\npayload = \"Prop\"\n\
                     [modules.thing.types.Prop]\nfields.x = \"string\"\n";
    let dir = spec_with(Some(paraminfo), Some(responses));
    let found: Vec<String> = problems(dir.path()).into_iter().map(|p| p.2).collect();
    assert_eq!(
        found,
        [
            "module `thing` would declare the type `ThingSortDir` twice: the enum of parameter \
             `sort-dir` and the enum of parameter `sort_dir`",
            "module `thing` would declare the type `ThingProp` twice: the type `Prop` of \
             responses.toml and the enum of parameter `prop`",
        ]
    );
}
