//! The session's cookie jar.
//!
//! Ours rather than reqwest's default (the `cookie_store` crate), which logs every cookie it
//! stores, session cookie included, at debug level. This one logs nothing, shows nothing in
//! `Debug`, and marks the header it builds as sensitive. It serves one wiki: cookies are kept
//! by name, whatever their domain and path (a wiki's session cookies have path `/`). A cookie
//! keeps its expiry, so that a script running for days stops sending it when the wiki meant.

use reqwest::header::HeaderValue;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

#[derive(Default)]
pub(crate) struct Jar {
    cookies: Mutex<BTreeMap<String, Stored>>,
}

/// A cookie's value and when it expires. No `Debug`: the value may be a session id.
struct Stored {
    value: String,
    /// `None` for a session cookie, which lives as long as the client.
    expires: Option<SystemTime>,
}

impl Stored {
    fn live_at(&self, now: SystemTime) -> bool {
        !self.expires.is_some_and(|when| when <= now)
    }
}

impl fmt::Debug for Jar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Jar([redacted])")
    }
}

impl reqwest::cookie::CookieStore for Jar {
    fn set_cookies(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, _url: &url::Url) {
        self.store(headers, SystemTime::now());
    }

    fn cookies(&self, _url: &url::Url) -> Option<HeaderValue> {
        self.header(SystemTime::now())
    }
}

impl Jar {
    /// Keeps what `Set-Cookie` headers received at `now` say.
    fn store(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, now: SystemTime) {
        let mut cookies = self.lock();
        for header in headers {
            let Ok(text) = header.to_str() else { continue };
            match parse_set_cookie(text, now) {
                Some((name, Some(stored))) => {
                    cookies.insert(name, stored);
                }
                Some((name, None)) => {
                    cookies.remove(&name);
                }
                None => {}
            }
        }
    }

    /// The `Cookie` header to send at `now`. Cookies expired by then are dropped.
    fn header(&self, now: SystemTime) -> Option<HeaderValue> {
        let mut cookies = self.lock();
        cookies.retain(|_, stored| stored.live_at(now));
        if cookies.is_empty() {
            return None;
        }
        let line: Vec<String> = cookies
            .iter()
            .map(|(name, stored)| format!("{name}={}", stored.value))
            .collect();
        let mut value = HeaderValue::from_str(&line.join("; ")).ok()?;
        value.set_sensitive(true);
        Some(value)
    }

    /// Forgets every cookie: the session starts over.
    pub(crate) fn clear(&self) {
        self.lock().clear();
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, Stored>> {
        // Inserting or removing one entry cannot leave the map half changed.
        self.cookies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Reads a `Set-Cookie` header received at `now` (with the `cookie` crate): the name, and
/// what to keep, or `None` when the cookie is being deleted (expired, `Max-Age` of zero or
/// less, or the value `deleted`).
fn parse_set_cookie(header: &str, now: SystemTime) -> Option<(String, Option<Stored>)> {
    let cookie = cookie::Cookie::parse(header).ok()?;
    let value = cookie.value();
    // Zero or less is at once; past what the clock can hold is as good as never.
    let expires = lifetime(&cookie, now)
        .and_then(|left| now.checked_add(Duration::try_from(left).unwrap_or_default()));
    let stored = Stored {
        value: value.to_owned(),
        expires,
    };
    let deleted = value.is_empty() || value == "deleted" || !stored.live_at(now);
    Some((cookie.name().to_owned(), (!deleted).then_some(stored)))
}

/// How long a cookie received at `now` lives; `None` for a session cookie. `Max-Age` wins
/// over `Expires` (RFC 6265, 5.3). An `Expires` date is taken relative to `now` rather than
/// converted to a `SystemTime`: that conversion panics on a date the platform cannot hold.
fn lifetime(cookie: &cookie::Cookie<'_>, now: SystemTime) -> Option<cookie::time::Duration> {
    match cookie.max_age() {
        Some(age) => Some(age),
        None => {
            let when = cookie.expires_datetime()?;
            Some(when - cookie::time::OffsetDateTime::from(now))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::cookie::CookieStore;

    #[test]
    fn cookies_are_kept_replaced_and_deleted() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let parse = |h: &str| {
            let (name, stored) = parse_set_cookie(h, now)?;
            Some((name, stored.map(|s| (s.value, s.expires))))
        };
        assert_eq!(
            parse("wiki_session=abc; path=/; HttpOnly"),
            Some(("wiki_session".to_owned(), Some(("abc".to_owned(), None))))
        );
        assert_eq!(
            parse("wikiUserName=Me; Max-Age=600; expires=Wed, 21-Oct-2015 07:28:00 GMT"),
            Some((
                "wikiUserName".to_owned(),
                Some(("Me".to_owned(), Some(now + Duration::from_secs(600))))
            ))
        );
        // Further than the clock reaches: kept as a session cookie, without a panic.
        assert_eq!(
            parse("big=1; Max-Age=9223372036854775807"),
            Some(("big".to_owned(), Some(("1".to_owned(), None))))
        );
        assert_eq!(
            parse("wikiUserID=deleted; expires=Thu, 01 Jan 1970 00:00:01 GMT; Max-Age=0"),
            Some(("wikiUserID".to_owned(), None))
        );
        assert_eq!(
            parse("a=b; expires=Wed, 21-Oct-2015 07:28:00 GMT"),
            Some(("a".to_owned(), None))
        );
        assert_eq!(parse("no equals sign"), None);

        let jar = Jar::default();
        let url = url::Url::parse("http://wiki.test/w/api.php").unwrap();
        let set = |h: &'static str| {
            let value = HeaderValue::from_static(h);
            jar.set_cookies(&mut std::iter::once(&value), &url);
        };
        set("s=1; path=/");
        set("t=2; path=/");
        set("s=3; path=/");
        let header = jar.cookies(&url).unwrap();
        assert!(header.is_sensitive());
        assert_eq!(header.to_str().unwrap(), "s=3; t=2");
        set("s=; Max-Age=0");
        assert_eq!(jar.cookies(&url).unwrap().to_str().unwrap(), "t=2");
        assert_eq!(format!("{jar:?}"), "Jar([redacted])");
    }

    #[test]
    fn a_cookie_is_no_longer_sent_once_its_lifetime_is_over() {
        let set_at = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let jar = Jar::default();
        let set = |h: &'static str| {
            let value = HeaderValue::from_static(h);
            jar.store(&mut std::iter::once(&value), set_at);
        };
        set("short=1; Max-Age=60; path=/");
        // Max-Age wins over Expires, a later one or one already past.
        set("aged=2; Max-Age=120; expires=Fri, 01 Jan 2100 00:00:00 GMT");
        set("past=3; Max-Age=120; expires=Thu, 01 Jan 1970 00:00:01 GMT");
        // An hour after it was set.
        set("dated=4; expires=Wed, 18 May 2033 04:33:20 GMT");
        set("session=5; path=/");

        let sent = |after: u64| {
            let header = jar.header(set_at + Duration::from_secs(after))?;
            assert!(header.is_sensitive());
            header.to_str().ok().map(str::to_owned)
        };
        let all = "aged=2; dated=4; past=3; session=5; short=1";
        assert_eq!(sent(59).as_deref(), Some(all));
        assert_eq!(
            sent(60).as_deref(),
            Some("aged=2; dated=4; past=3; session=5")
        );
        assert_eq!(sent(120).as_deref(), Some("dated=4; session=5"));
        assert_eq!(sent(3600).as_deref(), Some("session=5"));
        assert_eq!(
            jar.lock().len(),
            1,
            "expired cookies are dropped, not only left out"
        );
        assert_eq!(sent(10 * 365 * 86400).as_deref(), Some("session=5"));
        assert_eq!(format!("{jar:?}"), "Jar([redacted])");
    }
}
