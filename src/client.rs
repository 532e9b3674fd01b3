//! The client: one session with one wiki.

use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;
use url::Url;

use crate::__private::Params;
use crate::error::{ApiError, Error, Message};
use crate::request::{ErrorCode, Request};
use crate::token::Token;

/// How much of a body that is not the expected JSON goes into an error.
const SNIPPET_CHARS: usize = 200;

/// A session with one wiki's API: cookies, tokens and what the account may do.
///
/// Cloning is cheap; clones share the session.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    api: Url,
    user_agent: String,
    /// Tokens by type. The lock is held while a token is fetched, so that concurrent sends
    /// fetch it once.
    tokens: Mutex<HashMap<String, Token>>,
    /// Whether the account has `apihighlimits`, once learnt.
    high_limits: Mutex<Option<bool>>,
    /// The name logged in with.
    user: Mutex<Option<String>>,
}

/// Sets up a [`Client`].
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    api: String,
    user_agent: Option<String>,
    timeout: Duration,
}

impl Client {
    /// A builder for a client of the wiki whose `api.php` is at `api`.
    pub fn builder(api: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            api: api.into(),
            user_agent: None,
            timeout: Duration::from_secs(60),
        }
    }

    /// The `api.php` URL.
    pub fn api(&self) -> &Url {
        &self.inner.api
    }

    /// Logs in with a bot password (`User@appid` and the generated password), made on the
    /// wiki's Special:BotPasswords.
    ///
    /// A login the wiki refuses is an [`Error::Login`] with the wiki's reason.
    pub async fn login(&self, user: &str, password: &str) -> Result<(), Error> {
        let password = SecretString::from(password);
        let login_token = self.fetch_token("login").await?;

        let mut params = Params::new("login", None);
        params.text("action", "login");
        params.text("lgname", user);
        params.text("lgpassword", password.expose_secret());
        params.text("lgtoken", login_token.expose());
        let answer = self.call("login", true, &params).await?;
        api_error::<String>("login", &answer)?;

        let login = answer.get("login");
        let result = login.and_then(|l| l.get("result")).and_then(Value::as_str);
        if result != Some("Success") {
            return Err(Error::Login {
                user: user.to_owned(),
                reason: login_reason(login),
            });
        }

        // Tokens and limits belong to the session that just changed.
        self.inner.tokens.lock().await.clear();
        *self.inner.high_limits.lock().await = None;
        *self.inner.user.lock().await = Some(user.to_owned());
        Ok(())
    }

    /// Sends a request and returns the module's typed answer.
    ///
    /// The request goes by POST when the module must be posted or carries a secret, by GET
    /// otherwise. A token the module needs is fetched once and cached; when the wiki answers
    /// `badtoken`, it is fetched again and the request retried once.
    pub async fn send<R: Request>(&self, request: &R) -> Result<R::Response, Error<R::ErrorCode>> {
        let params = self.encode(request).await?;
        let post = R::uses_post() || !params.files().is_empty();
        let mut retried = false;

        loop {
            let mut params = params.clone();
            if let Some(token_type) = R::TOKEN_TYPE {
                let token = self.token(token_type).await.map_err(Error::recode)?;
                params.text(R::TOKEN_PARAM, token.expose());
            }

            let answer = self
                .call(R::PATH, post, &params)
                .await
                .map_err(Error::recode)?;
            match api_error::<R::ErrorCode>(R::PATH, &answer) {
                Err(Error::Api(e)) if e.code() == "badtoken" && !retried => {
                    if let Some(token_type) = R::TOKEN_TYPE {
                        tracing::debug!(module = R::PATH, "retrying once with a fresh token");
                        self.inner.tokens.lock().await.remove(token_type);
                        retried = true;
                        continue;
                    }
                    return Err(Error::Api(e));
                }
                Err(e) => return Err(e),
                Ok(()) => {}
            }
            log_warnings(R::PATH, &answer);

            return R::decode(answer).map_err(|source| Error::Decode {
                module: R::PATH.to_owned(),
                source,
            });
        }
    }

    /// A token of the given type (`csrf`, `login`...), from the cache or fetched once.
    pub async fn token(&self, token_type: &str) -> Result<Token, Error> {
        let mut tokens = self.inner.tokens.lock().await;
        if let Some(token) = tokens.get(token_type) {
            return Ok(token.clone());
        }
        let token = self.fetch_token(token_type).await?;
        tokens.insert(token_type.to_owned(), token.clone());
        Ok(token)
    }

    async fn fetch_token(&self, token_type: &str) -> Result<Token, Error> {
        let mut params = Params::new("query+tokens", None);
        params.text("action", "query");
        params.text("meta", "tokens");
        params.text("type", token_type);
        let answer = self.call("query+tokens", false, &params).await?;
        api_error::<String>("query+tokens", &answer)?;

        let key = format!("{token_type}token");
        match answer
            .pointer(&format!("/query/tokens/{key}"))
            .and_then(Value::as_str)
        {
            Some(token) => Ok(Token::new(token.to_owned())),
            None => Err(Error::Decode {
                module: "query+tokens".to_owned(),
                source: crate::DecodeError {
                    path: format!("query.tokens.{key}"),
                    message: "missing from the answer".to_owned(),
                },
            }),
        }
    }

    /// Encodes a request; when a value list is longer than an ordinary account may send,
    /// first learns whether this account may send more.
    async fn encode<R: Request>(&self, request: &R) -> Result<Params, Error<R::ErrorCode>> {
        let known = *self.inner.high_limits.lock().await;
        let params = self.encode_with(request, known)?;
        if !params.limits_unsure() {
            return Ok(params);
        }
        let high = self.learn_limits().await.map_err(Error::recode)?;
        self.encode_with(request, Some(high))
    }

    fn encode_with<R: Request>(
        &self,
        request: &R,
        high_limits: Option<bool>,
    ) -> Result<Params, Error<R::ErrorCode>> {
        let mut params = Params::new(R::PATH, high_limits);
        match R::PATH.split_once('+') {
            Some((parent, _)) => {
                params.text("action", parent);
                params.text(R::GROUP, R::NAME);
            }
            None => params.text("action", R::PATH),
        }
        request.encode(&mut params)?;
        Ok(params)
    }

    async fn learn_limits(&self) -> Result<bool, Error> {
        let mut known = self.inner.high_limits.lock().await;
        if let Some(high) = *known {
            return Ok(high);
        }
        let mut params = Params::new("query+userinfo", None);
        params.text("action", "query");
        params.text("meta", "userinfo");
        params.text("uiprop", "rights");
        let answer = self.call("query+userinfo", false, &params).await?;
        api_error::<String>("query+userinfo", &answer)?;

        let rights = answer
            .pointer("/query/userinfo/rights")
            .and_then(Value::as_array);
        let high = rights.is_some_and(|r| r.iter().any(|r| r == "apihighlimits"));
        tracing::debug!(high_limits = high, "learnt the account's limits");
        *known = Some(high);
        Ok(high)
    }

    /// One HTTP round trip: the answer as JSON, or an error saying what came instead.
    async fn call(&self, module: &str, post: bool, params: &Params) -> Result<Value, Error> {
        let common = [
            ("format", "json"),
            ("formatversion", "2"),
            ("errorformat", "plaintext"),
        ];
        let mut fields: Vec<(&str, &str)> = common.to_vec();
        fields.extend(params.pairs().iter().map(|(k, v)| (k.as_str(), v.as_str())));

        let http = &self.inner.http;
        let builder = match (post, params.files()) {
            (false, _) => http.get(self.inner.api.clone()).query(&fields),
            (true, []) => http.post(self.inner.api.clone()).form(&fields),
            (true, files) => http
                .post(self.inner.api.clone())
                .multipart(multipart(&fields, files)),
        };
        let method = if post { "POST" } else { "GET" };
        let started = Instant::now();
        let response = builder.send().await.map_err(|e| transport(module, e))?;

        let status = response.status();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("no content type")
            .to_owned();
        let body = response.bytes().await.map_err(|e| transport(module, e))?;
        let elapsed_ms = started.elapsed().as_millis() as u64;
        tracing::debug!(
            module,
            method,
            status = status.as_u16(),
            elapsed_ms,
            "api request"
        );

        if !status.is_success() {
            // Some modules answer an API error with an HTTP error status: keep its code.
            if let Ok(answer) = serde_json::from_slice::<Value>(&body) {
                if answer.get("errors").is_some() {
                    return Ok(answer);
                }
            }
            return Err(Error::Http {
                module: module.to_owned(),
                status: status.as_u16(),
                content_type,
                snippet: snippet(&body),
            });
        }
        serde_json::from_slice(&body).map_err(|_| Error::NotJson {
            module: module.to_owned(),
            status: status.as_u16(),
            content_type,
            snippet: snippet(&body),
        })
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Cookies and tokens stay out of it.
        f.debug_struct("Client")
            .field("api", &self.inner.api.as_str())
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// The User-Agent to send. Required: wikis ask that it names the tool and a way to reach
    /// its operator, such as `MailBot/1.0 (https://example.org/mailbot; ops@example.org)`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// How long one HTTP request may take. Default: 60 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client, Error> {
        let api = Url::parse(&self.api).map_err(|e| {
            Error::Config(format!(
                "the API URL `{}` is not a valid URL: {e}",
                self.api
            ))
        })?;
        let user_agent = match self.user_agent.as_deref().map(str::trim) {
            Some(agent) if !agent.is_empty() => agent.to_owned(),
            _ => {
                return Err(Error::Config(
                    "a User-Agent is required: call .user_agent(..) with your tool's name, \
                     version and a contact, such as `MailBot/1.0 (https://example.org/mailbot; \
                     ops@example.org)`; wikis may block clients without one"
                        .to_owned(),
                ))
            }
        };
        let http = reqwest::Client::builder()
            .user_agent(&user_agent)
            .cookie_store(true)
            .timeout(self.timeout)
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?;

        Ok(Client {
            inner: Arc::new(Inner {
                http,
                api,
                user_agent,
                tokens: Mutex::new(HashMap::new()),
                high_limits: Mutex::new(None),
                user: Mutex::new(None),
            }),
        })
    }
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

/// The API error in an answer, if it has one.
fn api_error<C: ErrorCode>(module: &str, answer: &Value) -> Result<(), Error<C>> {
    let Some(errors) = answer.get("errors") else {
        return Ok(());
    };
    let mut messages: Vec<Message> =
        serde_json::from_value(errors.clone()).map_err(|e| Error::Decode {
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

/// The reason of a failed login: a string, or a message with errorformat=plaintext.
fn login_reason(login: Option<&Value>) -> String {
    let reason = login.and_then(|l| l.get("reason"));
    match reason {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(m)) => match (m.get("code"), m.get("text")) {
            (Some(Value::String(code)), Some(Value::String(text))) => format!("{text} ({code})"),
            _ => Value::Object(m.clone()).to_string(),
        },
        _ => format!(
            "the wiki gave no reason (answer: {})",
            login.unwrap_or(&Value::Null)
        ),
    }
}

fn log_warnings(module: &str, answer: &Value) {
    let Some(warnings) = answer.get("warnings").and_then(Value::as_array) else {
        return;
    };
    for warning in warnings {
        let code = warning
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("unknown");
        let text = warning
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or_default();
        tracing::warn!(module, code, text, "the wiki warned");
    }
}

fn transport(module: &str, error: reqwest::Error) -> Error {
    let error = error.without_url();
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    Error::Transport {
        module: module.to_owned(),
        message,
        source: error,
    }
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    let mut snippet: String = text.chars().take(SNIPPET_CHARS).collect();
    if text.chars().count() > SNIPPET_CHARS {
        snippet.push('…');
    }
    snippet
}
