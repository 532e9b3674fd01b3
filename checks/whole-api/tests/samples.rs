//! Every module of MediaWiki 1.39 core, sent to the local wiki (scripts/wiki.sh) through its
//! generated type: required parameters filled with sample values, and one optional parameter
//! of each type the module has. The wiki must report no parameter-level problem: no
//! unrecognized parameter or value, no bad value, no missing parameter, no must-post
//! complaint. Other refusals (no such page, permission denied) are fine: they show that the
//! request itself was understood.

use std::path::PathBuf;

/// Codes, as errors or warnings, that say the request itself was malformed.
const PARAMETER_PROBLEMS: &[&str] = &[
    "unrecognizedparams",
    "unrecognizedvalues",
    "unrecognizedvalue",
    "badvalue",
    "missingparam",
    "mustpostparams",
    "mustbeposted",
    "badinteger",
    "badtimestamp",
    "badexpiry",
    "badupload",
    "baduser",
    "toomanyvalues",
    "multival_",
    "paramvalidator-",
];

/// Modules that answer XML whatever `format` says (feeds, RSD): the client cannot read their
/// answers, so all the test can check is that the XML came back.
const ANSWER_XML: &[&str] = &[
    "feedcontributions",
    "feedrecentchanges",
    "feedwatchlist",
    "rsd",
];

fn is_parameter_problem(code: &str) -> bool {
    PARAMETER_PROBLEMS
        .iter()
        .any(|p| code == *p || (p.ends_with(['-', '_']) && code.starts_with(p)))
}

fn wiki_env() -> std::collections::HashMap<String, String> {
    let path = match std::env::var_os("MWBIND_WIKI_ENV") {
        Some(path) => PathBuf::from(path),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/mwbind-wiki/wiki.env"),
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "this test needs the local wiki ({}: {e}); run scripts/wiki.sh up",
            path.display()
        )
    });
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[tokio::test]
async fn every_core_module_is_understood_by_the_wiki() {
    let env = wiki_env();
    let mut problems = Vec::new();
    let mut sent = 0;

    for (path, send) in whole_api::samples::samples() {
        // A fresh session each time: `logout` and friends must not spoil the next module.
        let client = mwbind::Client::builder(&env["MWBIND_API"])
            .user_agent(
                "mwbind-samples/0.1 (https://example.invalid/mwbind; tests@example.invalid)",
            )
            .build()
            .expect("client builds");
        client
            .login(&env["MWBIND_ADMIN_USER"], &env["MWBIND_ADMIN_PASSWORD"])
            .await
            .expect("the admin logs in");

        sent += 1;
        let outcome = send(client).await;
        // The list of outcomes is what the closing notes quote (`-- --nocapture`).
        match &outcome {
            Ok(_) => println!("{path}: ok"),
            Err(e) => println!("{path}: {}", e.code().unwrap_or("(no code)")),
        }
        match outcome {
            Ok(answer) => {
                let warnings = answer.get("warnings").and_then(|w| w.as_array());
                for w in warnings.into_iter().flatten() {
                    let code = w.get("code").and_then(|c| c.as_str()).unwrap_or_default();
                    if is_parameter_problem(code) {
                        problems.push(format!("{path}: warning {code}: {}", w["text"]));
                    }
                }
            }
            Err(mwbind::Error::NotJson { content_type, .. }) if ANSWER_XML.contains(&path) => {
                if !content_type.contains("xml") {
                    problems.push(format!("{path}: expected XML, got {content_type}"));
                }
            }
            Err(e) => {
                let code = e.code().unwrap_or("(no code)").to_owned();
                if e.code().is_none() || is_parameter_problem(&code) {
                    problems.push(format!("{path}: {e}"));
                }
            }
        }
    }

    assert_eq!(
        sent, 112,
        "every core module but main and the format modules"
    );
    assert!(
        problems.is_empty(),
        "{} parameter problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
