//! Values of parameter types that are more than text.

use std::fmt;

/// A point in time for a `timestamp` parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Timestamp {
    /// A given moment, sent as ISO 8601 in UTC.
    At(chrono::DateTime<chrono::Utc>),
    /// The moment the wiki reads the request (`now`).
    Now,
}

impl From<chrono::DateTime<chrono::Utc>> for Timestamp {
    fn from(at: chrono::DateTime<chrono::Utc>) -> Self {
        Timestamp::At(at)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::At(at) => write!(f, "{}", at.format("%Y-%m-%dT%H:%M:%SZ")),
            Timestamp::Now => f.write_str("now"),
        }
    }
}

/// When something ends, for `expiry` parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// Never (`infinite`).
    Never,
    /// At a given moment.
    At(chrono::DateTime<chrono::Utc>),
    /// A span the wiki reads relative to now, in its own words: `1 week`, `3 months`.
    In(String),
}

impl From<chrono::DateTime<chrono::Utc>> for Expiry {
    fn from(at: chrono::DateTime<chrono::Utc>) -> Self {
        Expiry::At(at)
    }
}

impl fmt::Display for Expiry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expiry::Never => f.write_str("infinite"),
            Expiry::At(at) => write!(f, "{}", at.format("%Y-%m-%dT%H:%M:%SZ")),
            Expiry::In(span) => f.write_str(span),
        }
    }
}

/// How many results a `limit` parameter asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// As many as the account may have (`max`).
    Max,
    /// This many.
    Count(u32),
}

impl From<u32> for Limit {
    fn from(count: u32) -> Self {
        Limit::Count(count)
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::Max => f.write_str("max"),
            Limit::Count(n) => write!(f, "{n}"),
        }
    }
}

/// A file for an `upload` parameter, sent as a part of a multipart body.
#[derive(Clone, PartialEq, Eq)]
pub struct Upload {
    file_name: String,
    bytes: Vec<u8>,
}

impl Upload {
    /// A file of this name and content.
    pub fn new(file_name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Upload {
            file_name: file_name.into(),
            bytes: bytes.into(),
        }
    }

    /// The file name sent with the part.
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The content.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The content can be large; its size says enough.
        f.debug_struct("Upload")
            .field("file_name", &self.file_name)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}
