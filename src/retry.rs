//! How long to wait before sending a request again, and how often.

use std::time::{Duration, SystemTime};

/// The client's retry settings, from [`crate::ClientBuilder`].
#[derive(Clone, Debug)]
pub(crate) struct Policy {
    /// How many times one request may be sent again after a fault that allows it.
    pub max_retries: u32,
    /// The longest single wait; a server asking for more gets a typed error instead.
    pub max_wait: Duration,
    /// The first wait when the server names none; it doubles with each retry.
    pub delay: Duration,
    /// The `maxlag` sent with every request of the session, if any.
    pub maxlag: Option<u32>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            max_retries: 3,
            max_wait: Duration::from_secs(30),
            delay: Duration::from_secs(1),
            maxlag: Some(5),
        }
    }
}

impl Policy {
    /// The wait before retry number `retry` (from 1) when the server named none.
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.delay.saturating_mul(factor).min(self.max_wait)
    }
}

/// Reads a `Retry-After` header: a number of seconds, or an HTTP date.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    // More seconds than a u64 holds is still a wait, and longer than any the client takes.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Duration::MAX);
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(
            parse_retry_after(&later, now),
            Some(Duration::from_secs(90))
        );
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(parse_retry_after(&earlier, now), Some(Duration::ZERO));
        assert_eq!(
            parse_retry_after("99999999999999999999", now),
            Some(Duration::MAX)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backoff_doubles_within_the_longest_wait() {
        let policy = Policy {
            delay: Duration::from_millis(500),
            max_wait: Duration::from_secs(3),
            ..Policy::default()
        };
        let waits: Vec<u128> = (1..=5).map(|r| policy.backoff(r).as_millis()).collect();
        assert_eq!(waits, [500, 1000, 2000, 3000, 3000]);
    }
}
