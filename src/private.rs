//! Helpers for generated code. Not a public API: names here change without notice.

pub use secrecy::SecretString;
pub use serde;
pub use serde_json;

use secrecy::ExposeSecret;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::DecodeError;
use crate::request::{InvalidRequest, Problem};
use crate::value::{Limit, Upload};

/// The text of a secret, for encoding it.
pub fn expose(secret: &SecretString) -> &str {
    secret.expose_secret()
}

/// The parameters of one request, in the order they were written.
///
/// It has no `Debug`: values may be secrets.
#[derive(Clone)]
pub struct Params {
    module: &'static str,
    pairs: Vec<(String, String)>,
    files: Vec<(String, Upload)>,
    high_limits: Option<bool>,
    limits_unsure: bool,
    /// Whether a value list longer than the limit may be split over several requests.
    may_split: bool,
    split: Option<Split>,
}

/// What the spec says of a multi-value parameter.
#[derive(Clone, Copy, Debug)]
pub struct List {
    /// How many values one request may carry: for ordinary accounts, and with
    /// `apihighlimits`.
    pub limit: Option<(u32, u32)>,
    /// At least one value is needed.
    pub required: bool,
    /// Repeated values are sent once, as the wiki would count them.
    pub dedupe: bool,
    /// Each value asks for its own items of the answer, so a list too long for one request
    /// may go in several whose answers are joined (when the client splits at all).
    pub split: bool,
}

/// A value list too long for one request, to be sent in parts of `per_request` values.
#[derive(Clone)]
struct Split {
    name: &'static str,
    values: Vec<String>,
    per_request: usize,
}

impl Params {
    /// Parameters for `module`; `high_limits` says whether the account has `apihighlimits`,
    /// when known.
    pub(crate) fn new(module: &'static str, high_limits: Option<bool>) -> Self {
        Params {
            module,
            pairs: Vec::new(),
            files: Vec::new(),
            high_limits,
            limits_unsure: false,
            may_split: false,
            split: None,
        }
    }

    /// Parameters whose one overlong value list, of a parameter whose values may be split,
    /// is split over several requests instead of being refused.
    pub(crate) fn splitting(mut self) -> Self {
        self.may_split = true;
        self
    }

    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    pub(crate) fn files(&self) -> &[(String, Upload)] {
        &self.files
    }

    /// Sets `name` to `value`, replacing what it was.
    pub(crate) fn set(&mut self, name: &str, value: &str) {
        self.pairs.retain(|(k, _)| k != name);
        self.text(name, value);
    }

    /// The requests to send: this one, or one per part of a split value list.
    pub(crate) fn parts(&self) -> Vec<Params> {
        let Some(split) = &self.split else {
            return vec![self.clone()];
        };
        split
            .values
            .chunks(split.per_request.max(1))
            .map(|chunk| {
                let mut part = self.clone();
                part.split = None;
                part.text(split.name, &join(chunk));
                part
            })
            .collect()
    }

    /// Some value list was longer than the low limit while the account's limits were unknown.
    pub(crate) fn limits_unsure(&self) -> bool {
        self.limits_unsure
    }

    /// A value, sent as it is.
    pub fn text(&mut self, name: &str, value: &str) {
        self.pairs.push((name.to_owned(), value.to_owned()));
    }

    /// A required value, which must not be empty (the API would answer `missingparam`).
    pub fn required(&mut self, name: &'static str, value: &str) -> Result<(), InvalidRequest> {
        if value.is_empty() {
            return Err(self.invalid(name, Problem::Empty));
        }
        self.text(name, value);
        Ok(())
    }

    /// A boolean: the API reads any value as true, so false is sent by leaving it out.
    pub fn flag(&mut self, name: &str, value: bool) {
        if value {
            self.text(name, "1");
        }
    }

    /// An integer within its bounds.
    pub fn integer(
        &mut self,
        name: &'static str,
        value: i64,
        min: Option<i64>,
        max: Option<i64>,
    ) -> Result<(), InvalidRequest> {
        let below = min.is_some_and(|min| value < min);
        let above = max.is_some_and(|max| value > max);
        if below || above {
            return Err(self.invalid(name, Problem::OutOfRange { value, min, max }));
        }
        self.text(name, &value.to_string());
        Ok(())
    }

    /// A limit: `max`, or a count within bounds; above `max` and up to `high_max` for
    /// accounts with `apihighlimits`.
    pub fn limit(
        &mut self,
        name: &'static str,
        value: Limit,
        min: Option<i64>,
        max: Option<i64>,
        high_max: Option<i64>,
    ) -> Result<(), InvalidRequest> {
        let Limit::Count(count) = value else {
            self.text(name, "max");
            return Ok(());
        };
        let count = i64::from(count);
        let max = match (max, high_max, self.high_limits) {
            (Some(max), Some(high), None) if count > max && count <= high => {
                self.limits_unsure = true;
                Some(high)
            }
            (Some(_), Some(high), Some(true)) => Some(high),
            (max, _, _) => max,
        };
        self.integer(name, count, min, max)
    }

    /// A file, sent as a part of a multipart body.
    pub fn upload(&mut self, name: &str, file: &Upload) {
        self.files.push((name.to_owned(), file.clone()));
    }

    /// One value of a templated parameter (`flag-{slot}`): `encode` writes it under the
    /// template's name as a parameter of its kind would be written (a false flag not at all,
    /// an integer only within its bounds; an error names the template), and it is sent under
    /// `name`, the template filled in (`flag-main`).
    pub fn templated(
        &mut self,
        template: &str,
        name: &str,
        encode: impl FnOnce(&mut Self) -> Result<(), InvalidRequest>,
    ) -> Result<(), InvalidRequest> {
        let (pairs, files) = (self.pairs.len(), self.files.len());
        encode(self)?;
        let written = self.pairs[pairs..].iter_mut().map(|(key, _)| key);
        let written = written.chain(self.files[files..].iter_mut().map(|(key, _)| key));
        for key in written.filter(|key| *key == template) {
            *key = name.to_owned();
        }
        Ok(())
    }

    /// A multi-value parameter, joined with `|`, or with U+001F when a value holds a `|`.
    pub fn multi<'a>(
        &mut self,
        name: &'static str,
        values: impl Iterator<Item = impl AsRef<str> + 'a>,
        list: List,
    ) -> Result<(), InvalidRequest> {
        let values: Vec<_> = values.collect();
        let mut values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
        if list.dedupe {
            let mut seen = std::collections::HashSet::new();
            values.retain(|v| seen.insert(*v));
        }
        if values.is_empty() {
            return match list.required {
                true => Err(self.invalid(name, Problem::Empty)),
                false => Ok(()),
            };
        }
        if values.iter().any(|v| v.contains('\u{1f}')) {
            return Err(self.invalid(name, Problem::Separator));
        }
        if let Some((low, high)) = list.limit {
            let split = list.split && self.may_split;
            if let Some(per_request) = self.check_count(name, values.len(), low, high, split)? {
                self.split = Some(Split {
                    name,
                    values: values.iter().map(|v| (*v).to_owned()).collect(),
                    per_request,
                });
                return Ok(());
            }
        }

        self.text(name, &join(&values));
        Ok(())
    }

    /// Checks a value count against the limits: `Some(n)` when the list is to be split into
    /// parts of `n` values. Only the first list that `may_split` is split.
    fn check_count(
        &mut self,
        name: &'static str,
        count: usize,
        low: u32,
        high: u32,
        may_split: bool,
    ) -> Result<Option<usize>, InvalidRequest> {
        let fits = |limit: u32| count <= limit as usize;
        let may_split = may_split && self.split.is_none();
        let limit = match self.high_limits {
            _ if fits(low) => return Ok(None),
            // Whether the account may send more is learnt only when it matters.
            None if fits(high) || may_split => {
                self.limits_unsure = true;
                return Ok(None);
            }
            Some(true) => high,
            Some(false) => low,
            // More than even `apihighlimits` allows: no account may send this.
            None => high,
        };
        if fits(limit) {
            return Ok(None);
        }
        if may_split && self.high_limits.is_some() {
            return Ok(Some(limit as usize));
        }
        Err(self.invalid(
            name,
            Problem::TooManyValues {
                count,
                limit,
                low,
                high,
            },
        ))
    }

    fn invalid(&self, parameter: &'static str, problem: Problem) -> InvalidRequest {
        InvalidRequest {
            module: self.module,
            parameter,
            problem,
        }
    }
}

/// Values joined with `|`, or with U+001F when a value holds a `|`.
fn join<S: AsRef<str>>(values: &[S]) -> String {
    let values: Vec<&str> = values.iter().map(AsRef::as_ref).collect();
    if values.iter().any(|v| v.contains('|')) {
        format!("\u{1f}{}", values.join("\u{1f}"))
    } else {
        values.join("|")
    }
}

/// What a module's payload is when the answer leaves it out.
pub enum Absent {
    /// The payload is required.
    Error,
    /// An empty list: `query.users` is left out when no user was asked for.
    EmptyList,
    /// An empty map.
    EmptyMap,
}

/// Reads the payload at `at` out of a whole answer.
pub fn decode<T: DeserializeOwned>(
    answer: Value,
    at: &[&str],
    absent: Absent,
) -> Result<T, DecodeError> {
    let value = payload(answer, at, absent)?;

    serde_path_to_error::deserialize(value).map_err(|e| {
        let inner = e.path().to_string();
        let path = match inner.as_str() {
            "." | "" => at.join("."),
            _ => format!("{}.{inner}", at.join(".")),
        };
        DecodeError {
            path,
            message: e.into_inner().to_string(),
        }
    })
}

/// The value at `at`. A key left out holds nothing, so the payload is empty however deep the
/// path goes (when `absent` allows); an answer of another shape (`[]`, `null`) is no answer.
fn payload(answer: Value, at: &[&str], absent: Absent) -> Result<Value, DecodeError> {
    let mut value = answer;
    for (depth, key) in at.iter().enumerate() {
        let Value::Object(map) = &mut value else {
            return Err(DecodeError {
                path: match depth {
                    0 => "the answer".to_owned(),
                    _ => at[..depth].join("."),
                },
                message: format!("expected an object, found {}", kind_of(&value)),
            });
        };
        value = match (map.remove(*key), &absent) {
            (Some(next), _) => next,
            (None, Absent::EmptyList) => return Ok(Value::Array(Vec::new())),
            (None, Absent::EmptyMap) => return Ok(Value::Object(Default::default())),
            (None, Absent::Error) => {
                return Err(DecodeError {
                    path: at[..=depth].join("."),
                    message: "missing from the answer".to_owned(),
                })
            }
        };
    }
    Ok(value)
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{EmailUser, QueryTokens, QueryTokensType, QueryUsers, QueryUsersProp};
    use crate::Request;

    fn encoded<R: Request>(request: &R, high_limits: Option<bool>) -> Params {
        let mut params = Params::new(R::PATH, high_limits);
        request.encode(&mut params).expect("request encodes");
        params
    }

    fn pairs(params: &Params) -> Vec<(&str, &str)> {
        params
            .pairs()
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect()
    }

    #[test]
    fn a_false_boolean_is_left_out_and_a_true_one_sent() {
        let without = encoded(&EmailUser::new("Bob", "Hi", "Text").ccme(false), None);
        assert_eq!(
            pairs(&without),
            [("target", "Bob"), ("subject", "Hi"), ("text", "Text")]
        );
        let with = encoded(&EmailUser::new("Bob", "Hi", "Text").ccme(true), None);
        assert_eq!(pairs(&with).last(), Some(&("ccme", "1")));
    }

    #[test]
    fn multi_values_join_with_a_pipe_or_the_unit_separator() {
        let plain = encoded(&QueryUsers::new().users(["A", "B"]), None);
        assert_eq!(pairs(&plain), [("ususers", "A|B")]);
        let piped = encoded(&QueryUsers::new().users(["A|B", "C"]), None);
        assert_eq!(pairs(&piped), [("ususers", "\u{1f}A|B\u{1f}C")]);
    }

    #[test]
    fn enum_values_travel_as_the_wiki_spells_them() {
        let request = QueryUsers::new().prop([QueryUsersProp::Emailable, QueryUsersProp::Groups]);
        assert_eq!(
            pairs(&encoded(&request, None)),
            [("usprop", "emailable|groups")]
        );
        let tokens = QueryTokens::new().type_([QueryTokensType::Csrf]);
        assert_eq!(pairs(&encoded(&tokens, None)), [("type", "csrf")]);
    }

    #[test]
    fn limits_depend_on_what_is_known_of_the_account() {
        let names = |n: usize| (0..n).map(|i| format!("U{i}")).collect::<Vec<_>>();
        let request = QueryUsers::new().users(names(51));

        let mut unknown = Params::new("query+users", None);
        request.encode(&mut unknown).unwrap();
        assert!(
            unknown.limits_unsure(),
            "51 names need the account's limits"
        );

        let mut low = Params::new("query+users", Some(false));
        let err = request.encode(&mut low).unwrap_err();
        assert_eq!(
            err.problem,
            Problem::TooManyValues {
                count: 51,
                limit: 50,
                low: 50,
                high: 500
            }
        );

        assert!(!encoded(&request, Some(true)).limits_unsure());
        assert!(!encoded(&QueryUsers::new().users(names(50)), None).limits_unsure());

        let mut over = Params::new("query+users", None);
        let err = QueryUsers::new()
            .users(names(501))
            .encode(&mut over)
            .unwrap_err();
        assert_eq!(
            err.problem,
            Problem::TooManyValues {
                count: 501,
                limit: 500,
                low: 50,
                high: 500
            }
        );
    }

    #[test]
    fn empty_required_values_and_separators_are_refused() {
        let mut params = Params::new("emailuser", None);
        let err = EmailUser::new("Bob", "", "Text")
            .encode(&mut params)
            .unwrap_err();
        assert_eq!((err.parameter, err.problem), ("subject", Problem::Empty));

        let mut params = Params::new("query+users", None);
        let err = QueryUsers::new()
            .users(["a\u{1f}b"])
            .encode(&mut params)
            .unwrap_err();
        assert_eq!(err.problem, Problem::Separator);
    }

    #[test]
    fn an_overlong_list_of_a_joinable_request_is_split_into_parts() {
        let names: Vec<String> = (0..120).map(|i| format!("U{i}")).collect();
        let request = QueryUsers::new().users(names.clone());

        let mut params = Params::new("query+users", Some(false)).splitting();
        request.encode(&mut params).unwrap();
        let parts = params.parts();
        let sizes: Vec<usize> = parts
            .iter()
            .map(|p| pairs(p)[0].1.split('|').count())
            .collect();
        assert_eq!(sizes, [50, 50, 20]);
        let sent: Vec<String> = parts
            .iter()
            .flat_map(|p| {
                pairs(p)[0]
                    .1
                    .split('|')
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert_eq!(sent, names, "every value once, in order");

        let mut high = Params::new("query+users", Some(true)).splitting();
        request.encode(&mut high).unwrap();
        assert_eq!(high.parts().len(), 1);

        // Unknown limits: learn them first rather than guess.
        let mut unknown = Params::new("query+users", None).splitting();
        QueryUsers::new()
            .users((0..600).map(|i| format!("U{i}")))
            .encode(&mut unknown)
            .unwrap();
        assert!(unknown.limits_unsure());
    }

    #[test]
    fn split_parts_keep_the_unit_separator_rule_per_part() {
        let mut names: Vec<String> = (0..60).map(|i| format!("U{i}")).collect();
        names[55] = "A|B".to_owned();
        let mut params = Params::new("query+users", Some(false)).splitting();
        QueryUsers::new().users(names).encode(&mut params).unwrap();
        let parts = params.parts();
        assert!(!pairs(&parts[0])[0].1.starts_with('\u{1f}'));
        assert!(pairs(&parts[1])[0].1.starts_with("\u{1f}U50\u{1f}"));
    }

    #[test]
    fn only_one_list_is_split() {
        let mut params = Params::new("query+users", Some(false)).splitting();
        let err = QueryUsers::new()
            .users((0..60).map(|i| format!("U{i}")))
            .userids(0..60)
            .encode(&mut params)
            .unwrap_err();
        assert_eq!(err.parameter, "ususerids");
        assert!(matches!(
            err.problem,
            Problem::TooManyValues { count: 60, .. }
        ));
    }

    /// The generator's edge cases, through the macro: templated parameters of every kind.
    mod edge_cases {
        crate::bindings!(
            "macros/codegen/tests/specs/edge-cases",
            modules = ["templated"]
        );
    }

    #[test]
    fn templated_values_are_encoded_by_kind_under_their_own_names() {
        use edge_cases::Templated;
        let cases: &[(Templated, &[(&str, &str)])] = &[
            // The API reads any value of a boolean as true: a false one is left out.
            (
                Templated::new()
                    .flag_slot("main", true)
                    .flag_slot("aux", false),
                &[("flag-main", "1")],
            ),
            (Templated::new().num_slot("main", 5), &[("num-main", "5")]),
            (
                Templated::new().limit_slot("aux", Limit::Max),
                &[("limit-aux", "max")],
            ),
            (
                Templated::new()
                    .text_value("main", "Hi")
                    .secret_slot("main", "s3cret"),
                &[("text-main", "Hi"), ("secret-main", "s3cret")],
            ),
        ];
        for (request, expected) in cases {
            assert_eq!(pairs(&encoded(request, Some(false))), *expected);
        }
    }

    #[test]
    fn templated_values_keep_their_kinds_rules() {
        use edge_cases::Templated;
        let mut params = Params::new("templated", Some(false));
        let err = Templated::new()
            .num_slot("main", 9)
            .encode(&mut params)
            .unwrap_err();
        let (min, max) = (Some(1), Some(5));
        assert_eq!(err.parameter, "num-{slot}");
        assert_eq!(err.problem, Problem::OutOfRange { value: 9, min, max });

        let file = Upload::new("a.txt", b"text".to_vec());
        let params = encoded(&Templated::new().file_slot("main", file), None);
        let names: Vec<&str> = params.files().iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["file-main"]);
        assert!(params.pairs().is_empty());
    }

    #[test]
    fn decode_names_the_path_of_what_is_wrong() {
        let answer = serde_json::json!({"query": {"users": [{"name": 5, "missing": true}]}});
        let err = QueryUsers::decode(answer).unwrap_err();
        assert!(err.path.starts_with("query.users"), "{err}");

        let nothing = QueryUsers::decode(serde_json::json!({"batchcomplete": true})).unwrap();
        assert!(nothing.is_empty(), "no users asked for: an empty list");

        let err = EmailUser::decode(serde_json::json!({})).unwrap_err();
        assert_eq!(err.to_string(), "at emailuser: missing from the answer");

        let err = QueryUsers::decode(serde_json::json!([])).unwrap_err();
        assert_eq!(
            err.to_string(),
            "at the answer: expected an object, found an array"
        );
        let err = QueryUsers::decode(serde_json::json!({"query": null})).unwrap_err();
        assert_eq!(err.to_string(), "at query: expected an object, found null");
    }
}
