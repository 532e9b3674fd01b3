//! Typed bindings for the MediaWiki Action API, generated from the wiki's own description of
//! itself (`action=paraminfo`).
//!
//! Mistakes a script would meet only at run time are caught before a request leaves: a
//! missing parameter does not compile, a boolean is sent only when true, a token never
//! travels in a URL, and a list longer than the account may send is split over several
//! requests, or refused when the answers could not be joined.
//!
//! ```no_run
//! use mwbind::api::{EmailUser, EmailUserResponse, QueryUsers, QueryUsersProp, QueryUsersUser};
//!
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = mwbind::Client::builder("http://127.0.0.1:8089/w/api.php")
//!     .user_agent("MailBot/1.0 (https://example.org/mailbot; ops@example.org)")
//!     .build()?;
//! client.login("Sender@mailbot", "bot password").await?;
//!
//! let users = QueryUsers::new().users(["Alice", "Bob"]).prop([QueryUsersProp::Emailable]);
//! for user in client.send(&users).await? {
//!     if let QueryUsersUser::Found { name, emailable: Some(true), .. } = user {
//!         // The wiki may take the request and still fail to send: that is an answer too.
//!         let sent = client.send(&EmailUser::new(&name, "Hello", "A message.")).await?;
//!         if let EmailUserResponse::Failure { errors } = sent {
//!             eprintln!("{name}: the wiki could not send: {errors:?}");
//!         }
//!     }
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Long runs
//!
//! A script that runs for hours meets faults. Which requests the client sends again comes
//! from each module's metadata ([`Request::safe_to_repeat`]: no write rights, no token, not
//! POST-only), never from a list by hand:
//!
//! | situation | what the client does |
//! |---|---|
//! | `badtoken` | fetches the token again and sends once more |
//! | `assertuserfailed` / `assertbotfailed` (every request after [`Client::login`] asserts it) | logs in again with the password it holds, fetches a new token, sends once more |
//! | the csrf token is the anonymous `+\` | [`Error::NotLoggedIn`], before anything is sent |
//! | `maxlag` (`maxlag=5` is sent by default), `readonly` | waits as `Retry-After` says (or backs off), retries up to [`ClientBuilder::max_retries`], then [`Error::Maxlag`] / [`Error::ReadOnly`] |
//! | `ratelimited`; HTTP 429, or 503 with `Retry-After` | waits and retries a read when the server names a wait (`Retry-After`) within [`ClientBuilder::max_wait`]; otherwise [`Error::RateLimited`] with the wait asked for, at once (MediaWiki's own `ratelimited` names none) |
//! | a 5xx (a proxy's HTML or JSON error page), JSON cut short | retries a read with back-off; otherwise [`Error::Http`] / [`Error::NotJson`] with status, content type and the start of the body; a page that is not JSON under another status (a wrong URL, a login wall) is that error at once |
//! | HTTP 414 | sends the read again by POST |
//! | an answer longer than [`ClientBuilder::max_answer_size`] | [`Error::AnswerTooLarge`], read no further and not sent again |
//! | no answer after a write was sent (timeout, reset, body cut short) | [`Error::OutcomeUnknown`] naming the module: the wiki may have done it, so it is not sent again |
//!
//! The refusals in the first rows did nothing on the wiki, so they are retried for writes too.
//! No wait is longer than `max_wait`: a server that asks for more gets a typed error instead.
//!
//! Volume: a value list longer than the account may send (50, or 500 with `apihighlimits`,
//! learnt at login) is split over as many requests as needed and the answers joined, when
//! each value asks for its own items of the answer (the names of `query+users`, not a filter)
//! and the module only reads; 1,200 users cost 24 requests, or 3 for a bot.
//! A read whose URL would pass 4,000 bytes goes by POST. [`Client::stream`] follows
//! `continue` to the end. Clones of a [`Client`] share cookies, tokens and login; writes go
//! out one at a time per client.
//!
//! Logs go through `tracing`: one debug line per request (`module`, `method`, `status`,
//! `elapsed_ms`, `retry` reason), an info line before each wait, a warning per warning the
//! wiki sends (also returned by [`Client::send_with_meta`]). Passwords, tokens and cookies
//! appear in no log line, `Debug` output or error; the client keeps its own cookie jar for
//! that.

#![warn(missing_docs)]

// Generated code names this crate `::mwbind`, inside it as outside.
extern crate self as mwbind;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
mod client;
mod cookies;
mod error;
mod exec;
mod request;
mod retry;
mod stream;
mod token;
mod value;

pub use client::{Client, ClientBuilder, Sent};
pub use error::{ApiError, DecodeError, Error, Message};
/// Generates request types from a downstream crate's own spec folder; see [`mwbind_macros`].
pub use mwbind_macros::bindings;
pub use request::{ErrorCode, InvalidRequest, Merge, Problem, Request};
pub use token::Token;
pub use value::{Expiry, Limit, Timestamp, Upload};

/// One request type per module of the shipped spec (spec/ in the repository), with its
/// parameter enums, error codes and response types.
///
/// Generated at build time from spec/; the same code is checked in as generated/api.rs.
#[rustfmt::skip]
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}
