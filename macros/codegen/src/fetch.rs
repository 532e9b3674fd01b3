//! Taking a fresh snapshot from a live wiki. Only a maintainer's explicit command runs this;
//! ordinary builds read the stored snapshot and never touch the network.

use serde_json::Value;
use std::fs;
use std::path::Path;

use crate::{PARAMINFO_FILE, SOURCE_FILE};

/// What went wrong while taking a snapshot.
#[derive(Debug)]
pub struct FetchError(String);

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FetchError {}

/// Asks the wiki at `api` (its `api.php` URL) for the given modules (`main|main+**` for all)
/// in the given formatversion (1 or 2), and writes `paraminfo.json` and `source.json` into
/// `dir`.
///
/// The JSON is written with sorted keys and a final newline, so that taking the snapshot
/// again from the same wiki writes the same bytes.
pub fn snapshot(
    api: &str,
    modules: &[String],
    formatversion: u8,
    user_agent: &str,
    dir: &Path,
) -> Result<(), FetchError> {
    let formatversion = formatversion.to_string();
    let client = reqwest::blocking::Client::builder()
        .user_agent(user_agent)
        .build()
        .map_err(|e| FetchError(format!("cannot build an HTTP client: {e}")))?;

    let modules = modules.join("|");
    let paraminfo = get(
        &client,
        api,
        &[
            ("action", "paraminfo"),
            ("formatversion", &formatversion),
            ("modules", &modules),
            ("helpformat", "wikitext"),
        ],
    )?;
    let site = get(
        &client,
        api,
        &[
            ("action", "query"),
            ("formatversion", "2"),
            ("meta", "siteinfo"),
            ("siprop", "general"),
            ("curtimestamp", "1"),
        ],
    )?;

    let generator = site
        .pointer("/query/general/generator")
        .and_then(Value::as_str);
    let now = site.get("curtimestamp").and_then(Value::as_str);
    let (Some(generator), Some(now)) = (generator, now) else {
        return Err(FetchError(format!(
            "{api} did not say which MediaWiki it runs"
        )));
    };
    let source = serde_json::json!({
        "api": api,
        "generator": generator,
        "date": now.get(..10).unwrap_or(now),
    });

    write(&dir.join(PARAMINFO_FILE), &paraminfo)?;
    write(&dir.join(SOURCE_FILE), &source)
}

fn get(
    client: &reqwest::blocking::Client,
    api: &str,
    query: &[(&str, &str)],
) -> Result<Value, FetchError> {
    let response = client
        .get(api)
        .query(&[("format", "json"), ("errorformat", "plaintext")])
        .query(query)
        .send()
        .map_err(|e| FetchError(format!("{api}: {}", chain(&e))))?;
    let status = response.status();
    let text = response
        .text()
        .map_err(|e| FetchError(format!("{api}: {}", chain(&e))))?;
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        let snippet: String = text.chars().take(200).collect();
        FetchError(format!(
            "{api} answered HTTP {status} with something not JSON ({e}): {snippet}"
        ))
    })?;
    if let Some(errors) = value.get("errors").or_else(|| value.get("error")) {
        return Err(FetchError(format!("{api} answered with errors: {errors}")));
    }
    // An unknown module name is only a warning to the wiki; a snapshot missing it is wrong.
    if let Some(warnings) = value.get("warnings") {
        return Err(FetchError(format!(
            "{api} answered with warnings: {warnings}"
        )));
    }
    Ok(value)
}

fn write(path: &Path, value: &Value) -> Result<(), FetchError> {
    let mut text = serde_json::to_string_pretty(value)
        .map_err(|e| FetchError(format!("cannot serialise {}: {e}", path.display())))?;
    text.push('\n');
    fs::write(path, text).map_err(|e| FetchError(format!("cannot write {}: {e}", path.display())))
}

/// An error with its causes, which is where reqwest says what really failed.
fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    text
}
