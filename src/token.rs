//! Secrets handed out by the wiki.

use secrecy::{ExposeSecret, SecretString};
use std::fmt;

/// A token from `action=query&meta=tokens`. It never shows in `Debug` output.
#[derive(Clone)]
pub struct Token(SecretString);

impl Token {
    pub(crate) fn new(value: String) -> Self {
        Token(SecretString::from(value))
    }

    /// The token's text, to send it.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether this is the token every anonymous session gets (`+\`): with it a write is
    /// refused.
    pub fn is_anonymous(&self) -> bool {
        self.expose() == "+\\"
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([redacted])")
    }
}

impl<'de> serde::Deserialize<'de> for Token {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Token::new)
    }
}
