//! Sending one request through the faults of a real wiki: a stale token, a lost session, a
//! lagging or read-only database, rate limits, proxies answering HTML, connections cut.
//!
//! Whether a request may be sent a second time comes from its metadata ([`Call`]): a request
//! the wiki refused (an API error) did nothing and may always be sent again; a request that got
//! no usable answer is sent again only when it merely reads.

use futures_util::future::BoxFuture;
use serde_json::Value;
use std::time::{Duration, Instant, SystemTime};

use crate::__private::Params;
use crate::client::{without_password, Client};
use crate::error::{ApiError, Error, Message};
use crate::request::{ErrorCode, Request};
use crate::retry::parse_retry_after;
use crate::token::Token;

/// How much of a body that is not the expected JSON goes into an error.
const SNIPPET_CHARS: usize = 200;

/// Longest GET URL the client sends; a longer read goes by POST. Servers and proxies commonly
/// refuse URLs past 4 to 8 KiB.
const MAX_GET_URL: usize = 4000;

/// What the client needs to know about a request to send it and to judge its faults.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Call {
    pub module: &'static str,
    /// The module must be posted, or the request carries a secret.
    pub post: bool,
    pub token: Option<&'static str>,
    /// The parameter the token goes in: `token`, or with the module's prefix.
    pub token_param: &'static str,
    /// It only reads: sending it twice does nothing twice.
    pub safe: bool,
    /// Part of the session: it carries `assert` and `maxlag`, and a lost session is restored
    /// by logging in again. Off for the steps of logging in.
    pub session: bool,
}

impl Call {
    pub fn of<R: Request>() -> Call {
        Call {
            module: R::PATH,
            post: R::uses_post(),
            token: R::TOKEN_TYPE,
            token_param: R::TOKEN_PARAM,
            safe: R::safe_to_repeat(),
            session: true,
        }
    }

    /// A read the client makes for itself (tokens, rights).
    pub fn read(module: &'static str) -> Call {
        Call {
            module,
            post: false,
            token: None,
            token_param: "token",
            safe: true,
            session: true,
        }
    }

    /// A step of logging in: no assert, no maxlag.
    pub fn login_step(module: &'static str, post: bool) -> Call {
        Call {
            module,
            post,
            token: None,
            token_param: "token",
            safe: !post,
            session: false,
        }
    }
}

/// What sending cost and brought besides the answer.
#[derive(Default)]
pub(crate) struct Tally {
    /// HTTP requests sent, retries included.
    pub requests: u32,
    /// Warnings the wiki sent.
    pub warnings: Vec<Message>,
}

/// What one HTTP round trip gave.
enum Trip {
    /// JSON: a success status, or an API error under any status.
    Json {
        value: Value,
        retry_after: Option<Duration>,
    },
    /// Something else: an error status, a page that is not JSON, JSON cut short.
    Bad(BadAnswer),
    /// No answer. `sent` is false when the connection was never made.
    Lost { sent: bool, error: reqwest::Error },
    /// An answer longer than the client reads, left unread.
    TooLarge { status: u16, content_type: String },
}

struct BadAnswer {
    status: u16,
    content_type: String,
    snippet: String,
    retry_after: Option<Duration>,
}

/// An API error, with what the answer said besides.
struct ApiFault {
    error: ApiError<String>,
    retry_after: Option<Duration>,
    /// The lag a `maxlag` error reports.
    lag: Option<f64>,
}

/// What to do after a round trip.
enum Step {
    Done(Value),
    Again {
        reason: String,
        wait: Option<Duration>,
    },
    Fail(Error),
}

/// Where one request stands among its retries.
struct Attempt {
    /// Retries spent on waits (maxlag, read-only, rate limits, bad answers, lost answers).
    retries: u32,
    post: bool,
    fresh_token: bool,
    logged_in_again: bool,
    /// The session generation the request was sent in.
    generation: u64,
    token: Option<Token>,
}

impl Client {
    /// Sends `params` until the wiki gives a usable answer or a fault that ends it.
    ///
    /// Boxed, because it calls itself: fetching a token or logging in again sends requests
    /// through it.
    pub(crate) fn execute<'a>(
        &'a self,
        call: &'a Call,
        params: &'a Params,
        tally: &'a mut Tally,
    ) -> BoxFuture<'a, Result<Value, Error>> {
        Box::pin(self.execute_unboxed(call, params, tally))
    }

    async fn execute_unboxed(
        &self,
        call: &Call,
        params: &Params,
        tally: &mut Tally,
    ) -> Result<Value, Error> {
        let mut attempt = Attempt {
            retries: 0,
            post: call.post || self.too_long_for_get(params),
            fresh_token: false,
            logged_in_again: false,
            generation: 0,
            token: None,
        };
        let mut reason: Option<String> = None;

        loop {
            attempt.generation = self.generation();
            let fields = self.fields(call, params, &mut attempt).await?;
            tally.requests += 1;
            let trip = self
                .round_trip(call.module, attempt.post, &fields, reason.as_deref())
                .await;

            match self.judge(call, trip, &mut attempt).await {
                Step::Done(value) => {
                    tally.warnings.extend(warnings(call.module, &value));
                    return Ok(value);
                }
                Step::Fail(error) => return Err(error),
                Step::Again { reason: why, wait } => {
                    if let Some(wait) = wait {
                        pause(call.module, &why, wait, attempt.retries).await;
                    }
                    reason = Some(why);
                }
            }
        }
    }

    /// What to do after a round trip.
    async fn judge(&self, call: &Call, trip: Trip, attempt: &mut Attempt) -> Step {
        let (value, retry_after) = match trip {
            Trip::Json { value, retry_after } => (value, retry_after),
            Trip::Bad(bad) => return self.on_bad_answer(call, bad, attempt),
            Trip::Lost { sent, error } => return self.on_lost(call, sent, error, attempt),
            // The same request would get the same answer: nothing to retry.
            Trip::TooLarge {
                status,
                content_type,
            } => {
                return Step::Fail(Error::AnswerTooLarge {
                    module: call.module.to_owned(),
                    status,
                    content_type,
                    limit: self.max_answer(),
                })
            }
        };
        match api_error::<String>(call.module, &value) {
            Ok(()) => Step::Done(value),
            Err(Error::Api(error)) => {
                let lag = value.pointer("/errors/0/data/lag").and_then(Value::as_f64);
                let fault = ApiFault {
                    error,
                    retry_after,
                    lag,
                };
                self.on_api_error(call, fault, attempt).await
            }
            Err(other) => Step::Fail(other),
        }
    }

    /// The parameters as sent this time: with a token, `assert` and `maxlag` as the call needs.
    async fn fields(
        &self,
        call: &Call,
        params: &Params,
        attempt: &mut Attempt,
    ) -> Result<Params, Error> {
        let mut fields = params.clone();
        if let Some(kind) = call.token {
            let token = self.token(kind).await?;
            // A write with the anonymous token would be refused or, on wikis that allow
            // anonymous edits, done under the IP address: neither is what a logged-in script
            // means to do.
            if token.is_anonymous() && !matches!(kind, "login" | "createaccount") {
                return Err(Error::NotLoggedIn {
                    module: call.module.to_owned(),
                });
            }
            fields.text(call.token_param, token.expose());
            attempt.token = Some(token);
        }
        if call.session {
            if let Some(assert) = self.assertion() {
                fields.text("assert", assert);
            }
            if let Some(maxlag) = self.policy().maxlag {
                fields.text("maxlag", &maxlag.to_string());
            }
        }
        Ok(fields)
    }

    async fn on_api_error(&self, call: &Call, fault: ApiFault, attempt: &mut Attempt) -> Step {
        let module = call.module.to_owned();
        let ApiFault {
            error,
            retry_after,
            lag,
        } = fault;
        match error.code() {
            "badtoken" if call.token.is_some() && !attempt.fresh_token => {
                attempt.fresh_token = true;
                if let (Some(kind), Some(token)) = (call.token, &attempt.token) {
                    self.forget_token(kind, token).await;
                }
                again("badtoken: fetching a fresh token", None)
            }
            "assertuserfailed" | "assertbotfailed"
                if call.session && !attempt.logged_in_again && self.assertion().is_some() =>
            {
                attempt.logged_in_again = true;
                match self.log_in_again(attempt.generation).await {
                    Ok(()) => again("the session was lost: logged in again", None),
                    Err(e) => Step::Fail(e),
                }
            }
            "maxlag" => {
                let wait =
                    retry_after.unwrap_or_else(|| self.policy().backoff(attempt.retries + 1));
                match self.may_wait(attempt, wait) {
                    Some(wait) => again("maxlag: the wiki's database lags", Some(wait)),
                    None => Step::Fail(Error::Maxlag {
                        module,
                        lag,
                        retry_after,
                        retries: attempt.retries,
                        api: Some(Box::new(error)),
                    }),
                }
            }
            "readonly" => {
                let wait =
                    retry_after.unwrap_or_else(|| self.policy().backoff(attempt.retries + 1));
                match self.may_wait(attempt, wait) {
                    Some(wait) => again("readonly: the wiki is read-only", Some(wait)),
                    None => Step::Fail(Error::ReadOnly {
                        module,
                        reason: error.text().to_owned(),
                        retries: attempt.retries,
                        api: Some(Box::new(error)),
                    }),
                }
            }
            // The wiki's own limits run for hours and it names no wait: guessing one would be
            // a silent hang, so the caller decides. A server in front that names a short
            // wait is waited out for a read, as for HTTP 429.
            "ratelimited" => {
                let wait = retry_after.filter(|_| call.safe);
                match wait.and_then(|wait| self.may_wait(attempt, wait)) {
                    Some(wait) => again("ratelimited, with Retry-After", Some(wait)),
                    None => Step::Fail(Error::RateLimited {
                        module,
                        cause: "the wiki answered `ratelimited`".to_owned(),
                        retry_after,
                        api: Some(Box::new(error)),
                    }),
                }
            }
            _ => Step::Fail(Error::Api(error)),
        }
    }

    fn on_bad_answer(&self, call: &Call, bad: BadAnswer, attempt: &mut Attempt) -> Step {
        let module = call.module.to_owned();
        let status = bad.status;

        if status == 429 || (status == 503 && bad.retry_after.is_some()) {
            let wait = bad
                .retry_after
                .unwrap_or_else(|| self.policy().backoff(attempt.retries + 1));
            if call.safe {
                if let Some(wait) = self.may_wait(attempt, wait) {
                    return again(&format!("HTTP {status} with Retry-After"), Some(wait));
                }
            }
            return Step::Fail(Error::RateLimited {
                module,
                cause: format!("HTTP {status}"),
                retry_after: bad.retry_after,
                api: None,
            });
        }
        if status == 414 && !attempt.post && call.safe {
            attempt.post = true;
            return again("HTTP 414, the URL is too long: sending by POST", None);
        }

        // A JSON content type with a body that does not parse was cut short; a 5xx is a
        // server or proxy in trouble. Both may pass. A 4xx or a page of another kind will not.
        let json_cut_short = (200..300).contains(&status) && bad.content_type.contains("json");
        if call.safe && (status >= 500 || json_cut_short) {
            let wait = self.policy().backoff(attempt.retries + 1);
            if let Some(wait) = self.may_wait(attempt, wait) {
                return again(&format!("HTTP {status}, not the expected JSON"), Some(wait));
            }
        }

        let BadAnswer {
            content_type,
            snippet,
            ..
        } = bad;
        // The wiki answered, so it acted; what it said is lost.
        if json_cut_short && !call.safe {
            return Step::Fail(Error::OutcomeUnknown {
                module,
                cause: format!(
                    "the answer was cut short (HTTP {status}, {content_type}): {snippet}"
                ),
            });
        }
        if (200..300).contains(&status) {
            Step::Fail(Error::NotJson {
                module,
                status,
                content_type,
                snippet,
            })
        } else {
            Step::Fail(Error::Http {
                module,
                status,
                content_type,
                snippet,
            })
        }
    }

    fn on_lost(
        &self,
        call: &Call,
        sent: bool,
        error: reqwest::Error,
        attempt: &mut Attempt,
    ) -> Step {
        // A request that never left may always go again.
        if call.safe || !sent {
            let wait = self.policy().backoff(attempt.retries + 1);
            if let Some(wait) = self.may_wait(attempt, wait) {
                return again(&format!("no answer: {}", lost_kind(&error)), Some(wait));
            }
        }
        let module = call.module.to_owned();
        let error = error.without_url();
        let message = format!(
            "no answer from {}: {}",
            without_password(self.api().as_str()),
            causes(&error)
        );
        Step::Fail(match sent && !call.safe {
            true => Error::OutcomeUnknown {
                module,
                cause: message,
            },
            false => Error::Transport {
                module,
                message,
                source: error,
            },
        })
    }

    /// Whether one more retry after `wait` is within the client's bounds; counts it if so.
    fn may_wait(&self, attempt: &mut Attempt, wait: Duration) -> Option<Duration> {
        let policy = self.policy();
        if attempt.retries >= policy.max_retries || wait > policy.max_wait {
            return None;
        }
        attempt.retries += 1;
        Some(wait)
    }

    fn too_long_for_get(&self, params: &Params) -> bool {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in COMMON.iter().copied() {
            query.append_pair(key, value);
        }
        for (key, value) in params.pairs() {
            query.append_pair(key, value);
        }
        self.api().as_str().len() + 1 + query.finish().len() > MAX_GET_URL
    }

    /// One HTTP round trip, logged as one debug line.
    async fn round_trip(
        &self,
        module: &str,
        post: bool,
        params: &Params,
        retry: Option<&str>,
    ) -> Trip {
        let mut fields: Vec<(&str, &str)> = COMMON.to_vec();
        fields.extend(params.pairs().iter().map(|(k, v)| (k.as_str(), v.as_str())));

        // Files travel only in a multipart POST body.
        let post = post || !params.files().is_empty();
        let http = self.http();
        let builder = match (post, params.files()) {
            (false, _) => http.get(self.api().clone()).query(&fields),
            (true, []) => http.post(self.api().clone()).form(&fields),
            (true, files) => http
                .post(self.api().clone())
                .multipart(multipart(&fields, files)),
        };
        let method = if post { "POST" } else { "GET" };
        let started = Instant::now();
        // `status` when an answer came, `lost` when none (or only part of one) did, `retry`
        // when this is a retry: fields without a value are left out of the line.
        let log = |status: Option<u16>, lost: Option<&str>| {
            let elapsed_ms = started.elapsed().as_millis() as u64;
            tracing::debug!(
                module,
                method,
                status,
                lost,
                elapsed_ms,
                retry,
                "api request"
            );
        };

        let response = match builder.send().await {
            Ok(response) => response,
            Err(error) => {
                log(None, Some(lost_kind(&error)));
                // Neither a refused connection nor a request reqwest could not build left
                // the machine.
                return Trip::Lost {
                    sent: !(error.is_connect() || error.is_builder()),
                    error,
                };
            }
        };
        let status = response.status();
        let header = |name| {
            response
                .headers()
                .get(name)
                .and_then(|v: &reqwest::header::HeaderValue| v.to_str().ok())
                .map(str::to_owned)
        };
        let content_type =
            header(reqwest::header::CONTENT_TYPE).unwrap_or_else(|| "no content type".to_owned());
        let location = header(reqwest::header::LOCATION);
        let retry_after = header(reqwest::header::RETRY_AFTER)
            .and_then(|v| parse_retry_after(&v, SystemTime::now()));

        let body = match read_body(response, self.max_answer()).await {
            Ok(Some(body)) => body,
            Ok(None) => {
                log(Some(status.as_u16()), Some("answer too large"));
                return Trip::TooLarge {
                    status: status.as_u16(),
                    content_type,
                };
            }
            Err(error) => {
                log(Some(status.as_u16()), Some(lost_kind(&error)));
                return Trip::Lost { sent: true, error };
            }
        };
        log(Some(status.as_u16()), None);

        match serde_json::from_slice::<Value>(&body) {
            Ok(value) if status.is_success() || is_api_error(&value) => {
                Trip::Json { value, retry_after }
            }
            _ => Trip::Bad(BadAnswer {
                status: status.as_u16(),
                content_type,
                snippet: match (status.is_redirection(), location) {
                    (true, Some(to)) => format!("redirects to {to}: use that as the API URL"),
                    _ => snippet(&body),
                },
                retry_after,
            }),
        }
    }
}

/// The body of `response`, or `None` when it is longer than `limit` bytes: said so by its
/// `Content-Length` or found while reading, which then stops.
async fn read_body(
    mut response: reqwest::Response,
    limit: usize,
) -> Result<Option<Vec<u8>>, reqwest::Error> {
    let declared = response.content_length().unwrap_or(0);
    if usize::try_from(declared).map_or(true, |n| n > limit) {
        return Ok(None);
    }
    let mut body = Vec::with_capacity(declared as usize);
    while let Some(chunk) = response.chunk().await? {
        if body.len() + chunk.len() > limit {
            return Ok(None);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(Some(body))
}

/// Sent with every request.
const COMMON: [(&str, &str); 3] = [
    ("format", "json"),
    ("formatversion", "2"),
    ("errorformat", "plaintext"),
];

/// Waits before a retry, saying so: no wait is silent.
async fn pause(module: &str, reason: &str, wait: Duration, retry: u32) {
    tracing::info!(
        module,
        reason,
        wait_ms = wait.as_millis() as u64,
        retry,
        "waiting before sending again"
    );
    tokio::time::sleep(wait).await;
}

fn again(reason: &str, wait: Option<Duration>) -> Step {
    Step::Again {
        reason: reason.to_owned(),
        wait,
    }
}

/// The API error in an answer, if it has one.
pub(crate) fn api_error<C: ErrorCode>(module: &str, answer: &Value) -> Result<(), Error<C>> {
    // `errors` is what errorformat=plaintext gives; a proxy or an old wiki may still answer
    // the older single `error` object.
    let errors = match (answer.get("errors"), answer.get("error")) {
        (Some(errors), _) => errors.clone(),
        (None, Some(error)) => Value::Array(vec![legacy_error(error)]),
        (None, None) => return Ok(()),
    };
    let mut messages: Vec<Message> = serde_json::from_value(errors).map_err(|e| Error::Decode {
        module: module.to_owned(),
        source: crate::DecodeError {
            path: "errors".to_owned(),
            message: e.to_string(),
        },
    })?;
    if messages.is_empty() {
        return Ok(());
    }
    let first = messages.remove(0);
    Err(Error::Api(ApiError::new(module, first, messages)))
}

/// Whether JSON that came with an error status is the wiki's API error, rather than a proxy's
/// or a load balancer's own JSON (`{"error": "upstream connect error"}`), which is judged by
/// its status.
fn is_api_error(answer: &Value) -> bool {
    let has_code = |m: &Value| m.get("code").is_some_and(Value::is_string);
    match (answer.get("errors"), answer.get("error")) {
        (Some(Value::Array(errors)), _) => errors.first().is_some_and(has_code),
        (None, Some(error)) => has_code(error),
        _ => false,
    }
}

/// An `error` object of the older format (`{"code", "info"}`) as a message.
fn legacy_error(error: &Value) -> Value {
    let text = error.get("info").or_else(|| error.get("*")).cloned();
    serde_json::json!({
        "code": error.get("code").cloned().unwrap_or(Value::from("unknown")),
        "text": text.unwrap_or(Value::from("")),
    })
}

/// The warnings of an answer, each logged.
fn warnings(module: &str, answer: &Value) -> Vec<Message> {
    let Some(list) = answer.get("warnings") else {
        return Vec::new();
    };
    let messages: Vec<Message> = match serde_json::from_value(list.clone()) {
        Ok(messages) => messages,
        // Not the shape formatversion=2 and errorformat=plaintext give (a proxy, an
        // extension): kept whole as one message rather than dropped.
        Err(e) => vec![Message {
            code: "mwbind-unreadable-warnings".to_owned(),
            text: format!(
                "the wiki sent warnings in a shape mwbind does not read ({e}): {}",
                snippet(list.to_string().as_bytes())
            ),
            module: None,
            data: Some(list.clone()),
        }],
    };
    for warning in &messages {
        let from = warning.module.as_deref().unwrap_or(module);
        tracing::warn!(
            module,
            from,
            code = warning.code.as_str(),
            text = warning.text.as_str(),
            "the wiki warned"
        );
    }
    messages
}

/// A short name for what happened to a request that got no answer.
fn lost_kind(error: &reqwest::Error) -> &'static str {
    if error.is_connect() {
        "connection failed"
    } else if error.is_timeout() {
        "timed out"
    } else if error.is_body() || error.is_decode() {
        "answer cut short"
    } else {
        "connection lost"
    }
}

/// An error with its causes, as one line.
fn causes(error: &reqwest::Error) -> String {
    let mut message = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    message
}

fn snippet(body: &[u8]) -> String {
    // The start is enough: a snippet is a few hundred characters of a body that may be huge.
    let start = &body[..body.len().min(SNIPPET_CHARS * 16)];
    let text = redact_tokens(&String::from_utf8_lossy(start));
    let text = text.trim();
    let mut snippet: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().count() > SNIPPET_CHARS {
        snippet.push('…');
    }
    snippet
}

/// A body that is not what was expected may still hold a secret (a PHP notice before the
/// JSON, a proxy echoing the request's headers). Tokens are hex, session ids base 32, bot
/// passwords `0-9a-w`: any run of letters and digits as long as those, 32 or more, or 20 or
/// more with a digit in it, is hidden. Words of prose are shorter or have no digits.
fn redact_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            run.push(c);
            continue;
        }
        let digits = run.bytes().any(|b| b.is_ascii_digit());
        match run.len() {
            n if n >= 32 || (n >= 20 && digits) => out.push_str("[redacted]"),
            _ => out.push_str(&run),
        }
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// A multipart body: the fields as text parts, then the files.
fn multipart(
    fields: &[(&str, &str)],
    files: &[(String, crate::Upload)],
) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    for (name, file) in files {
        let part = reqwest::multipart::Part::bytes(file.bytes().to_vec())
            .file_name(file.file_name().to_owned());
        form = form.part(name.clone(), part);
    }
    form
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_a_snippet_are_hidden() {
        let body = br#"PHP Notice: x
{"query":{"tokens":{"csrftoken":"d41d8cd98f00b204e9800998ecf8427e6b11c426+\\"}}}"#;
        let shown = snippet(body);
        assert!(
            !shown.contains("d41d8cd98f00b204e9800998ecf8427e"),
            "{shown}"
        );
        assert!(shown.contains("\"csrftoken\":\"[redacted]+"), "{shown}");
        assert_eq!(
            redact_tokens("short 1234abcd stays"),
            "short 1234abcd stays"
        );
        // A session id (base 32) and a bot password (0-9a-w), as a proxy might echo them.
        assert_eq!(
            redact_tokens("Cookie: wiki_session=o0448eajc40qvnssao2re3mhm3mdmgul; x"),
            "Cookie: wiki_session=[redacted]; x"
        );
        assert_eq!(
            redact_tokens("lgpassword=w1aw2bw3cw4dw5ew6fw7gw8hw9iw0j"),
            "lgpassword=[redacted]"
        );
        assert_eq!(
            redact_tokens("Internationalization of 127.0.0.1"),
            "Internationalization of 127.0.0.1"
        );
    }

    #[test]
    fn only_the_wikis_own_error_shapes_are_api_errors() {
        use serde_json::json;
        assert!(is_api_error(
            &json!({"errors": [{"code": "readonly", "text": "x"}]})
        ));
        assert!(is_api_error(&json!({"error": {"code": "readonly"}})));
        assert!(!is_api_error(&json!({"errors": []})));
        assert!(!is_api_error(&json!({"error": "upstream connect error"})));
        assert!(!is_api_error(&json!({"errors": "no"})));
        assert!(!is_api_error(&json!([1, 2])));
    }

    #[test]
    fn the_older_error_object_is_an_api_error() {
        let answer =
            serde_json::json!({"error": {"code": "readonly", "info": "The wiki is read-only."}});
        let err = api_error::<String>("query+users", &answer).unwrap_err();
        assert_eq!(err.code(), Some("readonly"));
        assert!(err.to_string().contains("The wiki is read-only."), "{err}");
    }

    #[test]
    fn warnings_in_an_unknown_shape_are_kept_not_dropped() {
        // What formatversion=1 without errorformat would send.
        let answer = serde_json::json!({
            "warnings": {"main": {"*": "Unrecognized parameter: foo."}}
        });
        let messages = warnings("query", &answer);
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].code, "mwbind-unreadable-warnings");
        assert!(
            messages[0].text.contains("Unrecognized parameter: foo."),
            "{}",
            messages[0].text
        );
        assert_eq!(messages[0].data.as_ref(), answer.get("warnings"));
    }

    #[test]
    fn warnings_in_the_usual_shape_are_read() {
        let answer = serde_json::json!({
            "warnings": [{"code": "unrecognizedparams", "text": "Unrecognized parameter: foo.", "module": "main"}]
        });
        let messages = warnings("query", &answer);
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].code, "unrecognizedparams");
        assert_eq!(messages[0].module.as_deref(), Some("main"));
    }
}
