//! Typed bindings for the MediaWiki Action API, generated from the wiki's own description of
//! itself (`action=paraminfo`).
//!
//! Mistakes a script would meet only at run time are caught before a request leaves: a
//! missing parameter does not compile, a boolean is sent only when true, a token never
//! travels in a URL, and a list longer than the module allows is refused.
//!
//! ```no_run
//! use mwbind::api::{EmailUser, QueryUsers, QueryUsersProp, QueryUsersUser};
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
//!         client.send(&EmailUser::new(name, "Hello", "A message.")).await?;
//!     }
//! }
//! # Ok(())
//! # }
//! ```

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

pub use client::{Client, ClientBuilder, Sent};
pub use error::{ApiError, DecodeError, Error, Message};
/// Generates request types from a downstream crate's own spec folder; see [`mwbind_macros`].
pub use mwbind_macros::bindings;
pub use request::{ErrorCode, InvalidRequest, Merge, Problem, Request};
pub use token::Token;

/// One request type per module of the shipped spec (spec/ in the repository), with its
/// parameter enums, error codes and response types.
///
/// Generated at build time from spec/; the same code is checked in as generated/api.rs.
#[rustfmt::skip]
pub mod api {
    include!(concat!(env!("OUT_DIR"), "/api.rs"));
}
