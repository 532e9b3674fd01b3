//! What the generator meets but does not handle degrades and is said once, naming the
//! module and the parameter; it never fails the build.

use std::path::Path;

/// A spec folder holding only a paraminfo.json with `modules`.
fn snapshot(modules: serde_json::Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let text = serde_json::json!({ "paraminfo": { "modules": modules } }).to_string();
    std::fs::write(dir.path().join("paraminfo.json"), text).expect("write paraminfo.json");
    dir
}

fn module(parameters: serde_json::Value, templated: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"name": "thing", "path": "thing", "classname": "ApiThing",
        "prefix": "th", "parameters": parameters, "templatedparameters": templated})
}

fn warnings(dir: &Path) -> Vec<(String, String)> {
    let spec = mwbind_codegen::load(dir).unwrap_or_else(|e| panic!("{e}"));
    spec.warnings
        .into_iter()
        .map(|w| (w.at, w.message))
        .collect()
}

#[test]
fn an_unknown_type_with_fractional_bounds_degrades_to_text() {
    // ParamValidator's `float` gives its bounds as integers' are given.
    let dir = snapshot(serde_json::json!([module(
        serde_json::json!([{"name": "ratio", "type": "float", "min": 0.5, "max": 2.5}]),
        serde_json::json!([]),
    )]));
    assert_eq!(
        warnings(dir.path()),
        [(
            "$.paraminfo.modules[0].parameters[0]".to_owned(),
            "module `thing`, parameter `thratio`: unknown type `float`, sent as a string"
                .to_owned()
        )]
    );
    let spec = mwbind_codegen::load(dir.path()).unwrap();
    let ratio = &spec.modules[0].parameters[0];
    assert_eq!((ratio.min, ratio.max), (None, None));
}

#[test]
fn bounds_of_integers_are_still_read_and_checked() {
    let dir = snapshot(serde_json::json!([module(
        serde_json::json!([
            {"name": "n", "type": "integer", "min": 1, "max": 10},
            {"name": "limit", "type": "limit", "min": 1, "max": 50, "highmax": 500},
            {"name": "text", "type": "string", "min": 3}
        ]),
        serde_json::json!([]),
    )]));
    let spec = mwbind_codegen::load(dir.path()).unwrap_or_else(|e| panic!("{e}"));
    let bounds: Vec<_> = spec.modules[0]
        .parameters
        .iter()
        .map(|p| (p.min, p.max, p.high_max))
        .collect();
    assert_eq!(
        bounds,
        [
            (Some(1), Some(10), None),
            (Some(1), Some(50), Some(500)),
            (None, None, None)
        ]
    );

    let dir = snapshot(serde_json::json!([module(
        serde_json::json!([{"name": "n", "type": "integer", "min": 0.5}]),
        serde_json::json!([]),
    )]));
    let err = mwbind_codegen::load(dir.path()).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    assert_eq!(
        err.problems()[0].at,
        "$.paraminfo.modules[0].parameters[0].min"
    );
    assert_eq!(
        err.problems()[0].message,
        "expected a whole number, found 0.5"
    );
}

#[test]
fn templated_parameters_the_setters_cannot_express_are_said() {
    let dir = snapshot(serde_json::json!([module(
        serde_json::json!([
            {"name": "xs", "type": ["a"], "multi": true},
            {"name": "ys", "type": ["b"], "multi": true}
        ]),
        serde_json::json!([
            {"name": "text-{x}", "type": "text", "templatevars": {"x": "xs"}},
            {"name": "a-{x}-{y}", "type": "string", "templatevars": {"x": "xs", "y": "ys"}},
            {"name": "list-{x}", "type": "string", "multi": true, "templatevars": {"x": "xs"}},
            {"name": "plain", "type": "string", "templatevars": {}}
        ]),
    )]));
    let at = |i: usize| format!("$.paraminfo.modules[0].templatedparameters[{i}]");
    assert_eq!(
        warnings(dir.path()),
        [
            (
                at(1),
                "module `thing`, templated parameter `tha-{x}-{y}`: 2 template variables \
                 where only one is handled; the parameter is left out"
                    .to_owned()
            ),
            (
                at(2),
                "module `thing`, templated parameter `thlist-{x}`: takes a list of values, \
                 but its setter takes one"
                    .to_owned()
            ),
            (
                at(3),
                "module `thing`, templated parameter `thplain`: 0 template variables where \
                 only one is handled; the parameter is left out"
                    .to_owned()
            ),
        ]
    );
}
