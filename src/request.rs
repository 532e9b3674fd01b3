//! What every generated request type is: its metadata and how it travels.

use std::fmt;

use crate::__private::Params;
use crate::error::DecodeError;

/// A request to one API module, generated from the wiki's paraminfo.
///
/// The constants are the module's metadata as paraminfo describes it; the client reads them to
/// choose GET or POST, to fetch the right token and to know whether a request is safe to
/// repeat.
pub trait Request {
    /// The module path: `emailuser`, `query+users`.
    const PATH: &'static str;
    /// The module's own name: `emailuser`, `users`.
    const NAME: &'static str;
    /// `action` for top-level modules; `list`, `meta` or `prop` under `query`.
    const GROUP: &'static str;
    /// The prefix of the module's parameter names on the wire (`us` for `query+users`).
    const PREFIX: &'static str;
    /// The module refuses GET.
    const MUST_BE_POSTED: bool;
    /// The module has a parameter that must never travel in a URL (a password, a token).
    const HAS_SENSITIVE: bool;
    /// The token the module needs, which the client fetches and fills in: `csrf`, `login`...
    const TOKEN_TYPE: Option<&'static str>;
    /// The parameter the token goes in: `token`, or with the module's prefix (`createtoken`).
    const TOKEN_PARAM: &'static str = "token";
    /// The module needs the right to read the wiki.
    const READ_RIGHTS: bool;
    /// The module changes the wiki.
    const WRITE_RIGHTS: bool;
    /// Pages documenting the module.
    const HELP_URLS: &'static [&'static str];

    /// What the module answers, typed.
    type Response;
    /// The error codes the module may answer.
    type ErrorCode: ErrorCode;

    /// Writes the request's parameters, checking what can be checked before sending.
    fn encode(&self, params: &mut Params) -> Result<(), InvalidRequest>;

    /// Reads the module's payload out of a whole answer.
    fn decode(answer: serde_json::Value) -> Result<Self::Response, DecodeError>;

    /// How to join the answers to parts of one request into one answer, when the spec names
    /// parameters whose values each ask for their own items of the answer (`split` in
    /// `responses.toml`: the names and ids of `query+users`); `None` (the default) otherwise.
    ///
    /// The client uses it when such a value list of a read is longer than the account may
    /// send at once: it sends the values in as many requests as needed and joins what comes
    /// back. Any other list that is too long, and any in a write, is refused instead
    /// (`Problem::TooManyValues`).
    fn merger() -> Option<Merge<Self::Response>> {
        None
    }

    /// Whether the request may be sent again when no usable answer came: it only reads (no
    /// write rights, no token, not a POST-only module), so a second copy cannot do anything
    /// twice.
    fn safe_to_repeat() -> bool {
        !Self::WRITE_RIGHTS && !Self::MUST_BE_POSTED && Self::TOKEN_TYPE.is_none()
    }

    /// Whether the client sends this request by POST: when the module demands it, or when
    /// something secret (a token, a password) must stay out of the URL.
    fn uses_post() -> bool {
        Self::MUST_BE_POSTED || Self::HAS_SENSITIVE || Self::TOKEN_TYPE.is_some()
    }
}

/// Joins the answer to one part of a request into the answer so far.
pub type Merge<T> = fn(&mut T, T);

/// An API error code, known or not.
///
/// Generated code implements it for one enum per module, holding that module's known codes and
/// the API's general ones; `String` implements it for code that does not care.
pub trait ErrorCode: Clone + fmt::Debug + fmt::Display + Send + Sync + 'static {
    /// The code for the text the server sent; an unknown code is kept as it came.
    fn from_code(code: &str) -> Self;

    /// The code as the server spells it.
    fn as_str(&self) -> &str;

    /// What the code means, from the spec's description of the module; `None` for a code it
    /// does not list. Shown when the wiki sends no text of its own for the code.
    fn description(&self) -> Option<&'static str> {
        None
    }
}

impl ErrorCode for String {
    fn from_code(code: &str) -> Self {
        code.to_owned()
    }

    fn as_str(&self) -> &str {
        self
    }
}

/// A request that cannot be sent as it is; found before anything left the machine.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{module}: parameter `{parameter}` {problem}")]
pub struct InvalidRequest {
    /// The module path.
    pub module: &'static str,
    /// The parameter's name on the wire.
    pub parameter: &'static str,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a parameter.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Problem {
    /// A required parameter is empty.
    #[error("is required and must not be empty")]
    Empty,
    /// More values than the account may send at once.
    #[error(
        "has {count} values, but this account may send at most {limit} at once \
         (the module allows {low}, or {high} with the apihighlimits right)"
    )]
    TooManyValues {
        /// How many values the request has.
        count: usize,
        /// How many this account may send.
        limit: u32,
        /// The module's limit for ordinary accounts.
        low: u32,
        /// The module's limit for accounts with `apihighlimits`.
        high: u32,
    },
    /// A number outside the bounds the module accepts.
    #[error("is {value}, outside {}", range(*min, *max))]
    OutOfRange {
        /// The value given.
        value: i64,
        /// The smallest value accepted, if bounded.
        min: Option<i64>,
        /// The largest value accepted, if bounded.
        max: Option<i64>,
    },
    /// A value holds the U+001F character, which the API uses to separate values.
    #[error("has a value containing U+001F, which cannot be sent")]
    Separator,
}

fn range(min: Option<i64>, max: Option<i64>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("{min} and above"),
        (None, Some(max)) => format!("up to {max}"),
        (None, None) => "any bound".to_owned(),
    }
}
