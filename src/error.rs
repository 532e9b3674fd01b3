//! Everything that can go wrong, typed, with the module named and no secret in the text.

use std::fmt;
use std::time::Duration;

use crate::request::{ErrorCode, InvalidRequest};

/// An error from the client. `C` is the error-code type of the module that was sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<C: ErrorCode = String> {
    /// The request was refused before it was sent.
    #[error(transparent)]
    InvalidRequest(#[from] InvalidRequest),

    /// The wiki answered with an API error.
    #[error(transparent)]
    Api(ApiError<C>),

    /// `action=login` did not succeed.
    #[error("login as {user} failed: {reason}")]
    Login {
        /// The name logged in with.
        user: String,
        /// The wiki's words.
        reason: String,
    },

    /// The server answered with an HTTP error status.
    #[error("{module}: HTTP {status} ({content_type}): {snippet}")]
    Http {
        /// The module path.
        module: String,
        /// The HTTP status.
        status: u16,
        /// The answer's `Content-Type`.
        content_type: String,
        /// The start of the body.
        snippet: String,
    },

    /// The server answered with something that is not JSON: a proxy's error page, a
    /// truncated body, a wrong URL.
    #[error("{module}: the answer is not JSON (HTTP {status}, {content_type}): {snippet}")]
    NotJson {
        /// The module path.
        module: String,
        /// The HTTP status.
        status: u16,
        /// The answer's `Content-Type`.
        content_type: String,
        /// The start of the body.
        snippet: String,
    },

    /// The answer is JSON but not shaped as the module's description says.
    #[error("{module}: unexpected answer: {source}")]
    Decode {
        /// The module path.
        module: String,
        /// Where and what.
        #[source]
        source: DecodeError,
    },

    /// The answer is longer than the client reads ([`crate::ClientBuilder::max_answer_size`]),
    /// so it was left unread. The request was not sent again: it would get the same answer.
    #[error(
        "{module}: the answer (HTTP {status}, {content_type}) is longer than {limit} bytes, \
         so it was not read; ask for less (a smaller limit), or allow more with \
         ClientBuilder::max_answer_size"
    )]
    AnswerTooLarge {
        /// The module path.
        module: String,
        /// The HTTP status.
        status: u16,
        /// The answer's `Content-Type`.
        content_type: String,
        /// How many bytes the client reads at most.
        limit: usize,
    },

    /// The request did not get an answer: connection refused or reset, timeout.
    #[error("{module}: {message}")]
    Transport {
        /// The module path.
        module: String,
        /// What happened, with its causes.
        message: String,
        /// The HTTP client's error, without the URL.
        #[source]
        source: reqwest::Error,
    },

    /// The client was set up wrongly.
    #[error("{0}")]
    Config(String),

    /// A write was about to go out with the anonymous token (`+\`): the session is not
    /// logged in. Nothing was sent.
    #[error(
        "{module}: not logged in: the wiki hands this session the anonymous token, so the \
         request was not sent; call Client::login first"
    )]
    NotLoggedIn {
        /// The module path.
        module: String,
    },

    /// The wiki, or a server in front of it, refuses because of the request rate: the API's
    /// `ratelimited`, or HTTP 429 or 503 with `Retry-After`. It was not retried, either because
    /// the request is not safe to repeat or because the wait asked for is longer than the
    /// client's `max_wait`.
    #[error(
        "{module}: rate limited ({cause}){}; nothing was retried: wait before sending again, \
         or slow down",
        wait_text(retry_after)
    )]
    RateLimited {
        /// The module path.
        module: String,
        /// What refused: `the wiki answered ratelimited` or `HTTP 429`.
        cause: String,
        /// How long the server asked to wait, if it said.
        retry_after: Option<Duration>,
        /// The API error, when the wiki answered one.
        api: Option<Box<ApiError<C>>>,
    },

    /// The wiki's database replicas lag behind more than the request's `maxlag` allows, and
    /// the client gave up waiting for them.
    #[error(
        "{module}: the wiki's database lags {} behind, more than maxlag allows; gave up after \
         {retries} retries{}: try again later, or allow more with ClientBuilder::max_retries \
         and max_wait",
        lag_text(lag),
        wait_text(retry_after)
    )]
    Maxlag {
        /// The module path.
        module: String,
        /// The lag the wiki reported, in seconds.
        lag: Option<f64>,
        /// How long the wiki asked to wait before the last give-up.
        retry_after: Option<Duration>,
        /// How many times the request was sent again before giving up.
        retries: u32,
        /// The API error.
        api: Option<Box<ApiError<C>>>,
    },

    /// The wiki is in read-only mode, and stayed so while the client retried.
    #[error(
        "{module}: the wiki is read-only ({reason}); gave up after {retries} retries: try \
         again when the wiki is writable"
    )]
    ReadOnly {
        /// The module path.
        module: String,
        /// The wiki's explanation.
        reason: String,
        /// How many times the request was sent again before giving up.
        retries: u32,
        /// The API error.
        api: Option<Box<ApiError<C>>>,
    },

    /// A request that is not safe to repeat was sent, and no answer came back (timeout,
    /// connection reset, body cut short). The wiki may or may not have done it; the client did
    /// not send it again.
    #[error(
        "{module}: the request was sent but no answer came back ({cause}), so the wiki may or \
         may not have done it; it was not sent again: check on the wiki before repeating it"
    )]
    OutcomeUnknown {
        /// The module path.
        module: String,
        /// What happened to the connection.
        cause: String,
    },
}

fn wait_text(retry_after: &Option<Duration>) -> String {
    match retry_after {
        Some(wait) => format!("; the server asked to wait {} s", wait.as_secs()),
        None => String::new(),
    }
}

fn lag_text(lag: &Option<f64>) -> String {
    match lag {
        Some(lag) => format!("{lag} s"),
        None => "an unknown time".to_owned(),
    }
}

impl<C: ErrorCode> Error<C> {
    /// The API error code, when the wiki answered with one.
    pub fn code(&self) -> Option<&str> {
        self.api_error().map(ApiError::code)
    }

    /// The API error code as the module's enum, when the wiki answered with one.
    pub fn api_code(&self) -> Option<&C> {
        self.api_error().map(ApiError::kind)
    }

    /// The API error the wiki answered, if any: for [`Error::Api`], and for the rate-limit,
    /// maxlag and read-only errors when they came from the wiki itself.
    pub fn api_error(&self) -> Option<&ApiError<C>> {
        match self {
            Error::Api(e) => Some(e),
            Error::RateLimited { api, .. }
            | Error::Maxlag { api, .. }
            | Error::ReadOnly { api, .. } => api.as_deref(),
            _ => None,
        }
    }

    /// The same error with its code read as another module's code type.
    pub fn recode<D: ErrorCode>(self) -> Error<D> {
        match self {
            Error::InvalidRequest(e) => Error::InvalidRequest(e),
            Error::Api(e) => Error::Api(e.recode()),
            Error::Login { user, reason } => Error::Login { user, reason },
            Error::Http {
                module,
                status,
                content_type,
                snippet,
            } => Error::Http {
                module,
                status,
                content_type,
                snippet,
            },
            Error::NotJson {
                module,
                status,
                content_type,
                snippet,
            } => Error::NotJson {
                module,
                status,
                content_type,
                snippet,
            },
            Error::Decode { module, source } => Error::Decode { module, source },
            Error::AnswerTooLarge {
                module,
                status,
                content_type,
                limit,
            } => Error::AnswerTooLarge {
                module,
                status,
                content_type,
                limit,
            },
            Error::Transport {
                module,
                message,
                source,
            } => Error::Transport {
                module,
                message,
                source,
            },
            Error::Config(message) => Error::Config(message),
            Error::NotLoggedIn { module } => Error::NotLoggedIn { module },
            Error::RateLimited {
                module,
                cause,
                retry_after,
                api,
            } => Error::RateLimited {
                module,
                cause,
                retry_after,
                api: api.map(|e| Box::new(e.recode())),
            },
            Error::Maxlag {
                module,
                lag,
                retry_after,
                retries,
                api,
            } => Error::Maxlag {
                module,
                lag,
                retry_after,
                retries,
                api: api.map(|e| Box::new(e.recode())),
            },
            Error::ReadOnly {
                module,
                reason,
                retries,
                api,
            } => Error::ReadOnly {
                module,
                reason,
                retries,
                api: api.map(|e| Box::new(e.recode())),
            },
            Error::OutcomeUnknown { module, cause } => Error::OutcomeUnknown { module, cause },
        }
    }
}

/// An error the API answered: `{"errors": [{"code": ..., "text": ...}]}`.
#[derive(Clone, Debug)]
pub struct ApiError<C> {
    kind: C,
    code: String,
    text: String,
    module: String,
    others: Vec<Message>,
}

impl<C: ErrorCode> ApiError<C> {
    pub(crate) fn new(module: &str, first: Message, others: Vec<Message>) -> Self {
        ApiError {
            kind: C::from_code(&first.code),
            code: first.code,
            text: first.text,
            module: first.module.unwrap_or_else(|| module.to_owned()),
            others,
        }
    }

    /// The code, as the server sent it.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The code as the module's enum; an unknown code is its `Other` variant.
    pub fn kind(&self) -> &C {
        &self.kind
    }

    /// The wiki's explanation, in plain text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The module that answered the error.
    pub fn module(&self) -> &str {
        &self.module
    }

    /// Further errors of the same answer, if it had several.
    pub fn others(&self) -> &[Message] {
        &self.others
    }

    fn recode<D: ErrorCode>(self) -> ApiError<D> {
        ApiError {
            kind: D::from_code(&self.code),
            code: self.code,
            text: self.text,
            module: self.module,
            others: self.others,
        }
    }
}

impl<C: ErrorCode> fmt::Display for ApiError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (module, code) = (&self.module, &self.code);
        // A wiki without a text for its own code sends the message key in ⧼ ⧽ (1.39 does for
        // `blockedemailuser`): the spec's description says more than that.
        let placeholder = self.text.starts_with('⧼') && self.text.ends_with('⧽');
        match (placeholder, self.kind.description()) {
            (true, Some(meaning)) => write!(
                f,
                "{module}: the wiki answered `{code}` with no text of its own; the spec says: \
                 {meaning}"
            ),
            (true, None) => write!(
                f,
                "{module}: the wiki answered `{code}` with no text of its own, only {}",
                self.text
            ),
            (false, _) => write!(f, "{module}: the wiki answered `{code}`: {}", self.text),
        }
    }
}

impl<C: ErrorCode> std::error::Error for ApiError<C> {}

/// A message as the API gives it with `errorformat=plaintext`: an error, a warning, or a
/// reason for a failure.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
#[non_exhaustive]
pub struct Message {
    /// The machine-readable code.
    pub code: String,
    /// The text, in the wiki's language.
    #[serde(default)]
    pub text: String,
    /// The module it concerns, when the wiki says.
    #[serde(default)]
    pub module: Option<String>,
    /// Extra data some messages carry (limits, values).
    #[serde(default)]
    pub data: Option<serde_json::Value>,
}

/// An answer that is JSON but not shaped as expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("at {path}: {message}")]
pub struct DecodeError {
    /// Where in the answer, as a dotted path.
    pub path: String,
    /// What was wrong there.
    pub message: String,
}
