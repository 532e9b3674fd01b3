//! The session's cookie jar.
//!
//! Ours rather than reqwest's default (the `cookie_store` crate), which logs every cookie it
//! stores, session cookie included, at debug level. This one logs nothing, shows nothing in
//! `Debug`, and marks the header it builds as sensitive. It serves one wiki: cookies are kept
//! by name, whatever their domain and path (a wiki's session cookies have path `/`).

use reqwest::header::HeaderValue;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Mutex;
use std::time::SystemTime;

#[derive(Default)]
pub(crate) struct Jar {
    cookies: Mutex<BTreeMap<String, String>>,
}

impl fmt::Debug for Jar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Jar([redacted])")
    }
}

impl reqwest::cookie::CookieStore for Jar {
    fn set_cookies(&self, headers: &mut dyn Iterator<Item = &HeaderValue>, _url: &url::Url) {
        let mut cookies = self.lock();
        for header in headers {
            let Ok(text) = header.to_str() else { continue };
            match parse_set_cookie(text, SystemTime::now()) {
                Some((name, Some(value))) => {
                    cookies.insert(name, value);
                }
                Some((name, None)) => {
                    cookies.remove(&name);
                }
                None => {}
            }
        }
    }

    fn cookies(&self, _url: &url::Url) -> Option<HeaderValue> {
        let cookies = self.lock();
        if cookies.is_empty() {
            return None;
        }
        let line: Vec<String> = cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut value = HeaderValue::from_str(&line.join("; ")).ok()?;
        value.set_sensitive(true);
        Some(value)
    }
}

impl Jar {
    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        // Inserting or removing one entry cannot leave the map half changed.
        self.cookies
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Reads a `Set-Cookie` header (with the `cookie` crate): the name, and its value, or `None`
/// when the cookie is being deleted (expired, `Max-Age` of zero or less, or the value
/// `deleted`).
fn parse_set_cookie(header: &str, now: SystemTime) -> Option<(String, Option<String>)> {
    let cookie = cookie::Cookie::parse(header).ok()?;
    let now = cookie::time::OffsetDateTime::from(now);
    let value = cookie.value();
    let expired = value.is_empty()
        || value == "deleted"
        || cookie
            .max_age()
            .is_some_and(|age| age <= cookie::time::Duration::ZERO)
        || cookie.expires_datetime().is_some_and(|when| when <= now);
    Some((
        cookie.name().to_owned(),
        (!expired).then(|| value.to_owned()),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::cookie::CookieStore;
    use std::time::Duration;

    #[test]
    fn cookies_are_kept_replaced_and_deleted() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let parse = |h: &str| parse_set_cookie(h, now);
        assert_eq!(
            parse("wiki_session=abc; path=/; HttpOnly"),
            Some(("wiki_session".to_owned(), Some("abc".to_owned())))
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
}
