//! The logs of a whole run hold no secret.
//!
//! In a test binary of its own: the subscriber is set for this test's thread only, and
//! `tracing` caches per call site whether anyone listens, which other tests running first
//! without a subscriber could settle otherwise.

mod common;

use common::proxy::Proxy;
use common::{marker, wiki};
use mwbind::api::{EmailUser, QueryUsers};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// A writer into a shared buffer, for capturing logs.
#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn logs_of_a_login_and_send_hold_no_secret() {
    let wiki = wiki();
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Libraries that log through `log` (reqwest) reach the subscriber too.
    let _ = tracing_log::LogTracer::init();
    let _default = tracing::subscriber::set_default(subscriber);

    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    let password = wiki.get("MWBIND_SENDER_PASSWORD");
    client
        .login(wiki.get("MWBIND_SENDER_USER"), password)
        .await
        .unwrap();
    let subject = marker("logs");
    let request = EmailUser::new(wiki.get("MWBIND_RECIPIENT"), subject.clone(), "Logged.");
    client.send(&request).await.unwrap();
    let users = QueryUsers::new().users(["Nobody here at all"]);
    client.send(&users).await.unwrap();
    // A main-account login: the wiki warns that it is deprecated, and the warning is logged.
    let admin = wiki.builder(proxy.api()).build().unwrap();
    admin
        .login(
            wiki.get("MWBIND_ADMIN_USER"),
            wiki.get("MWBIND_ADMIN_PASSWORD"),
        )
        .await
        .unwrap();
    let err = client
        .login(
            wiki.get("MWBIND_SENDER_USER"),
            "0123456789abcdefghijklmnopqrstuvw0123456",
        )
        .await
        .unwrap_err();

    // Every secret that crossed the wire, as the proxy saw it.
    let mut secrets = vec![
        password.to_owned(),
        wiki.get("MWBIND_ADMIN_PASSWORD").to_owned(),
    ];
    for seen in proxy.seen() {
        for key in ["token", "lgtoken", "lgpassword"] {
            secrets.extend(seen.get(key).map(str::to_owned));
        }
        for cookie in seen.set_cookies.iter().chain(seen.cookie.iter()) {
            for pair in cookie.split(';') {
                if let Some((_, value)) = pair.split_once('=') {
                    if value.trim().len() >= 16 {
                        secrets.push(value.trim().to_owned());
                    }
                }
            }
        }
        if let Some(token) = seen.answer.split("token\":\"").nth(1) {
            secrets.extend(token.split('"').next().map(str::to_owned));
        }
    }
    let secrets: Vec<String> = secrets
        .into_iter()
        .map(|s| s.trim_end_matches("+\\").to_owned())
        .filter(|s| s.len() >= 16)
        .collect();
    assert!(
        secrets.len() >= 5,
        "password, tokens and session cookies were seen: {}",
        secrets.len()
    );

    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("api request") && logs.contains("module=\"emailuser\""),
        "the logs were captured: {logs}"
    );
    assert!(logs.contains("method=\"POST\"") && logs.contains("status=200"));
    assert!(
        logs.lines().any(|l| l.contains("WARN")
            && l.contains("the wiki warned")
            && l.contains("deprecation")),
        "the warning is logged"
    );
    let shown = format!("{logs}\n{client:?}\n{admin:?}\n{err}\n{err:?}");
    for (i, secret) in secrets.iter().enumerate() {
        let line = shown.lines().find(|l| l.contains(secret.as_str()));
        assert!(
            line.is_none(),
            "secret {i} shows in the logs or errors: {}",
            line.unwrap_or("").replace(secret.as_str(), "<SECRET>")
        );
    }
    assert_eq!(wiki.mails_about(&subject).len(), 1);
}
