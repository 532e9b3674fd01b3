//! The client through the faults of real-world runs, against the real local wiki: its extra
//! front doors (read-only, a low email limit, a lagging database) for what a wiki can do, and a
//! fault-injecting proxy (tests/common/proxy.rs) for what only the network between does.
//!
//! Each test checks what the mailbox and the wiki saw afterwards: nothing lost, nothing sent
//! twice.

mod common;

use common::proxy::{html_page, json_answer, Fault, Proxy, Seen};
use common::{marker, wiki};
use mwbind::api::{EmailUser, EmailUserResponse, QueryUsers, QueryUsersUser};
use mwbind::Error;
use std::time::Duration;

/// An email to the recipient whose subject is a fresh marker.
fn email() -> (EmailUser, String) {
    let subject = marker("fault");
    let request = EmailUser::new(wiki().get("MWBIND_RECIPIENT"), subject.clone(), "Once.");
    (request, subject)
}

fn users_request() -> QueryUsers {
    QueryUsers::new().users([wiki().get("MWBIND_RECIPIENT"), "Nobody here at all"])
}

fn modules(seen: &[Seen]) -> Vec<String> {
    seen.iter().map(Seen::module).collect()
}

#[tokio::test]
async fn a_stale_token_is_fetched_again_and_the_mail_sent_once() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, n| match (seen.module().as_str(), n) {
        ("emailuser", 0) => Fault::CorruptToken,
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let (request, subject) = email();
    let answer = client.send(&request).await.unwrap();
    assert!(matches!(answer, EmailUserResponse::Success));

    let sent = proxy.seen_for("emailuser");
    assert_eq!(sent.len(), 2, "refused once, then sent again");
    assert!(sent[0].answer.contains("badtoken"), "{}", sent[0].answer);
    let csrf = proxy
        .seen_for("query+tokens")
        .into_iter()
        .filter(|s| s.get("type") == Some("csrf"))
        .count();
    assert_eq!(csrf, 2, "the token was fetched again once");
    assert_eq!(wiki.mails_about(&subject).len(), 1);
}

#[tokio::test]
async fn a_lost_session_is_restored_by_logging_in_again() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SESSION").await;

    let (first, first_subject) = email();
    client.send(&first).await.unwrap();

    wiki.end_sessions_of("MwbSession");
    proxy.clear();
    let (second, second_subject) = email();
    let answer = client.send(&second).await.unwrap();
    assert!(matches!(answer, EmailUserResponse::Success));

    // The write asserted the login and was refused; the client logged in again, fetched a
    // token of the new session and sent it once more.
    let seen = proxy.seen();
    assert_eq!(
        modules(&seen),
        [
            "emailuser",
            "query+tokens",
            "login",
            "query+userinfo",
            "query+tokens",
            "emailuser"
        ]
    );
    assert_eq!(seen[0].get("assert"), Some("user"));
    assert!(
        seen[0].answer.contains("assertuserfailed"),
        "{}",
        seen[0].answer
    );
    assert_eq!(seen[4].get("assert"), Some("user"));
    assert_eq!(seen[5].get("assert"), Some("user"));
    assert_ne!(seen[0].get("token"), seen[5].get("token"), "a fresh token");
    assert_eq!(wiki.mails_about(&first_subject).len(), 1);
    assert_eq!(wiki.mails_about(&second_subject).len(), 1);
}

#[tokio::test]
async fn assertbotfailed_in_a_live_session_is_mended_by_logging_in_again() {
    // What a bot that lost the bot right meets while its session lives: logging in again must
    // start a new session, as the wiki refuses a login inside a bot-password session.
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, n| match (seen.module().as_str(), n) {
        ("query+users", 0) => json_answer(
            200,
            r#"{"errors":[{"code":"assertbotfailed","text":"You are not a bot."}]}"#,
            &[],
        ),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "BOT").await;

    let users = client.send(&users_request()).await.unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(proxy.seen_for("login").len(), 2, "logged in again once");
    let last = proxy.seen_for("query+users").pop().unwrap();
    assert_eq!(last.get("assert"), Some("bot"));
}

#[tokio::test]
async fn a_refused_login_again_is_tried_once_not_by_every_request() {
    // The session is lost for good and the wiki refuses the password now: twelve requests,
    // eight of them at once, must not make twelve login attempts (the wiki's throttle counts
    // them).
    let json = |body: &str| json_answer(200, body, &[]);
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), move |seen, n| match (seen.module().as_str(), n) {
        ("query+users", _) => json(
            r#"{"errors":[{"code":"assertuserfailed","text":"You are no longer logged in."}]}"#,
        ),
        ("login", 1..) => json(
            r#"{"login":{"result":"Failed","reason":{"code":"wrongpassword","text":"Incorrect username or password entered."}}}"#,
        ),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sends = (0..8).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.send(&users_request()).await })
    });
    let mut errors = Vec::new();
    for send in sends {
        errors.push(send.await.unwrap().unwrap_err());
    }
    for _ in 0..4 {
        errors.push(client.send(&users_request()).await.unwrap_err());
    }
    for err in &errors {
        assert!(
            matches!(err, Error::Login { reason, .. } if reason.contains("Incorrect username")),
            "{err:?}"
        );
    }
    assert_eq!(
        proxy.seen_for("login").len(),
        2,
        "the login, then one attempt again"
    );
}

#[tokio::test]
async fn the_anonymous_token_stops_a_write_before_it_is_sent() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotLoggedIn { module } if module == "emailuser"),
        "{err:?}"
    );
    assert!(err.to_string().contains("not logged in"), "{err}");
    assert_eq!(
        modules(&proxy.seen()),
        ["query+tokens"],
        "no write went out"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}

#[tokio::test]
async fn the_wikis_rate_limit_is_a_typed_error_and_nothing_is_retried() {
    // This front door allows one email a day, counted in the shared database.
    let wiki = wiki();
    let proxy = Proxy::start(wiki.get("MWBIND_API_LOWLIMITS")).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "LIMITED").await;

    let mut subjects = Vec::new();
    let mut limited = None;
    for _ in 0..2 {
        let (request, subject) = email();
        subjects.push(subject);
        match client.send(&request).await {
            Ok(_) => {}
            Err(e) => limited = Some(e),
        }
    }
    let err = limited.expect("the second mail of the day is refused");
    let Error::RateLimited { module, api, .. } = &err else {
        panic!("expected a rate-limit error: {err:?}")
    };
    assert_eq!(module, "emailuser");
    assert_eq!(api.as_ref().map(|e| e.code()), Some("ratelimited"));
    assert_eq!(err.code(), Some("ratelimited"));
    assert!(err.to_string().contains("rate limited"), "{err}");

    let refused = proxy
        .seen_for("emailuser")
        .iter()
        .filter(|s| s.answer.contains("ratelimited"))
        .count();
    let accepted = proxy.seen_for("emailuser").len() - refused;
    assert!(refused >= 1);
    assert_eq!(proxy.seen_for("emailuser").len(), 2, "no retry");
    let mails: usize = subjects.iter().map(|s| wiki.mails_about(s).len()).sum();
    assert_eq!(mails, accepted, "one mail for each accepted request");
}

#[tokio::test]
async fn a_read_only_wiki_is_retried_within_bounds_then_a_typed_error() {
    let wiki = wiki();
    // Logged in while the wiki was writable, then it goes read-only (a read-only wiki
    // refuses logins too).
    let read_only = wiki.get("MWBIND_API_READONLY").to_owned();
    let proxy = Proxy::with(wiki.api(), move |seen, _| match seen.module().as_str() {
        "emailuser" | "query+users" => Fault::Door(read_only.clone()),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).max_retries(2).build().unwrap();
    wiki.log_in(&client, "SENDER").await;
    proxy.clear();

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    let Error::ReadOnly {
        module,
        reason,
        retries,
        ..
    } = &err
    else {
        panic!("expected a read-only error: {err:?}")
    };
    assert_eq!((module.as_str(), *retries), ("emailuser", 2));
    assert!(reason.contains("read-only"), "{reason}");
    assert!(err.to_string().contains("gave up after 2 retries"), "{err}");
    assert_eq!(
        proxy.seen_for("emailuser").len(),
        3,
        "sent once, retried twice"
    );
    assert!(wiki.mails_about(&subject).is_empty());

    // Reads still work there.
    let users = client.send(&users_request()).await.unwrap();
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn a_lagging_wiki_is_a_typed_error_when_its_wait_is_too_long() {
    // This front door reports a replica 7 s behind; the wiki asks to wait 5 s, more than
    // this client's longest wait: it gives up at once instead of sleeping.
    let wiki = wiki();
    let proxy = Proxy::start(wiki.get("MWBIND_API_LAGGED")).await;
    let client = wiki.builder(proxy.api()).build().unwrap();

    let err = client.send(&users_request()).await.unwrap_err();
    let Error::Maxlag {
        module,
        lag,
        retry_after,
        retries,
        ..
    } = &err
    else {
        panic!("expected a maxlag error: {err:?}")
    };
    assert_eq!(module, "query+users");
    assert_eq!(*lag, Some(7.0));
    assert_eq!(*retry_after, Some(Duration::from_secs(5)));
    assert_eq!(*retries, 0);
    assert_eq!(err.code(), Some("maxlag"));
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].get("maxlag"), Some("5"), "maxlag=5 by default");

    // Without maxlag, the lag is none of the client's business.
    let patient = wiki.builder(proxy.api()).maxlag(None).build().unwrap();
    assert_eq!(patient.send(&users_request()).await.unwrap().len(), 2);
}

#[tokio::test]
async fn maxlag_is_waited_out_and_retried_even_for_a_write() {
    // The wiki refuses before doing anything, so sending again cannot send twice.
    let wiki = wiki();
    let lagged = || {
        let body = r#"{"errors":[{"code":"maxlag","text":"Waiting for a database server: 6 seconds lagged.","data":{"host":"db2","lag":6,"type":"db"},"module":"main"}]}"#;
        json_answer(
            200,
            body,
            &[("Retry-After", "0"), ("MediaWiki-API-Error", "maxlag")],
        )
    };
    let proxy = Proxy::with(wiki.api(), move |seen, n| {
        match (seen.module().as_str(), n) {
            ("emailuser" | "query+users", 0) => lagged(),
            _ => Fault::Forward,
        }
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let (request, subject) = email();
    client.send(&request).await.unwrap();
    assert_eq!(proxy.seen_for("emailuser").len(), 2);
    assert_eq!(wiki.mails_about(&subject).len(), 1);
}

#[tokio::test]
async fn an_html_error_page_is_retried_for_a_read_and_not_for_a_write() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, n| match (seen.module().as_str(), n) {
        ("query+users", 0) | ("emailuser", 0) => html_page(502),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    let Error::Http {
        module,
        status,
        content_type,
        snippet,
    } = &err
    else {
        panic!("expected an HTTP error: {err:?}")
    };
    assert_eq!((module.as_str(), *status), ("emailuser", 502));
    assert!(content_type.starts_with("text/html"));
    assert!(snippet.contains("Bad Gateway"), "{snippet}");
    assert_eq!(
        proxy.seen_for("emailuser").len(),
        1,
        "a write is not sent again"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}

#[tokio::test]
async fn a_proxys_json_error_on_a_5xx_is_a_fault_of_the_way_not_of_the_wiki() {
    // A load balancer's JSON is not the wiki's API error: judged by its status, a read is
    // retried and a write is an HTTP error, sent once.
    let upstream = || json_answer(503, r#"{"error":"upstream connect error"}"#, &[]);
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), move |seen, n| {
        match (seen.module().as_str(), n) {
            ("query+users", 0) | ("emailuser", 0) => upstream(),
            _ => Fault::Forward,
        }
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::Http { status: 503, snippet, .. } if snippet.contains("upstream")),
        "{err:?}"
    );
    assert_eq!(proxy.seen_for("emailuser").len(), 1);
    assert!(wiki.mails_about(&subject).is_empty());
}

#[tokio::test]
async fn an_error_page_after_the_wiki_acted_does_not_send_twice() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, _| match seen.module().as_str() {
        "emailuser" => Fault::ForwardThenReply {
            status: 504,
            content_type: "text/html",
            body: "<html><body>Gateway Timeout</body></html>".to_owned(),
        },
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(matches!(&err, Error::Http { status: 504, .. }), "{err:?}");
    assert_eq!(proxy.seen_for("emailuser").len(), 1);
    assert_eq!(wiki.mails_about(&subject).len(), 1, "sent once, not twice");
}

#[tokio::test]
async fn a_connection_cut_after_a_write_was_sent_is_an_unknown_outcome() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, n| match (seen.module().as_str(), n) {
        ("emailuser", _) | ("query+users", 0) => Fault::ForwardThenCut,
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    // A read is simply sent again.
    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::OutcomeUnknown { module, .. } if module == "emailuser"),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("may or may not have done it"),
        "{err}"
    );
    assert_eq!(proxy.seen_for("emailuser").len(), 1, "not sent again");
    assert_eq!(
        wiki.mails_about(&subject).len(),
        1,
        "the wiki did send it, once"
    );
}

#[tokio::test]
async fn a_timeout_after_a_write_was_sent_is_an_unknown_outcome() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, _| match seen.module().as_str() {
        "emailuser" => Fault::ForwardThenHang,
        _ => Fault::Forward,
    })
    .await;
    let client = wiki
        .builder(proxy.api())
        .timeout(Duration::from_millis(1500))
        .build()
        .unwrap();
    wiki.log_in(&client, "SENDER").await;

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::OutcomeUnknown { module, cause }
            if module == "emailuser" && cause.contains("timed out")),
        "{err:?}"
    );
    assert_eq!(proxy.seen_for("emailuser").len(), 1, "not sent again");
    assert_eq!(wiki.mails_about(&subject).len(), 1);
}

#[tokio::test]
async fn a_truncated_answer_is_retried_for_a_read_and_unknown_for_a_write() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, n| match (seen.module().as_str(), n) {
        ("emailuser", _) | ("query+users", 0) => Fault::ForwardTruncated,
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::OutcomeUnknown { cause, .. } if cause.contains("cut short")),
        "{err:?}"
    );
    assert_eq!(proxy.seen_for("emailuser").len(), 1);
    assert_eq!(wiki.mails_about(&subject).len(), 1);
}

fn too_many(status: u16, retry_after: &str) -> Fault {
    Fault::Reply {
        status,
        headers: vec![
            ("Content-Type", "text/plain".to_owned()),
            ("Retry-After", retry_after.to_owned()),
        ],
        body: "Too many requests, slow down.".to_owned(),
    }
}

#[tokio::test]
async fn http_429_with_a_short_wait_is_waited_out_for_a_read_only() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, n| match (seen.module().as_str(), n) {
        ("query+users", 0) | ("emailuser", 0) => too_many(429, "0"),
        // An hour: the client must not sleep it away.
        ("query+users", 2) => too_many(503, "3600"),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let err = client.send(&users_request()).await.unwrap_err();
    let Error::RateLimited {
        cause, retry_after, ..
    } = &err
    else {
        panic!("expected a rate-limit error: {err:?}")
    };
    assert_eq!(cause, "HTTP 503");
    assert_eq!(*retry_after, Some(Duration::from_secs(3600)));
    assert!(err.to_string().contains("3600 s"), "{err}");
    assert_eq!(
        proxy.seen_for("query+users").len(),
        3,
        "no retry of the long wait"
    );

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(matches!(&err, Error::RateLimited { .. }), "{err:?}");
    assert_eq!(
        proxy.seen_for("emailuser").len(),
        1,
        "a write is not repeated"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}

#[tokio::test]
async fn a_ratelimited_answer_naming_a_short_wait_is_waited_out_for_a_read_only() {
    // What a wiki behind a rate-limiting front end may answer; MediaWiki itself names no wait.
    let ratelimited = || {
        let body = r#"{"errors":[{"code":"ratelimited","text":"Slow down."}]}"#;
        json_answer(200, body, &[("Retry-After", "0")])
    };
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), move |seen, n| {
        match (seen.module().as_str(), n) {
            ("query+users", 0) | ("emailuser", 0) => ratelimited(),
            _ => Fault::Forward,
        }
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let sent = client.send_with_meta(&users_request()).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (2, 2));

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    let Error::RateLimited { retry_after, .. } = &err else {
        panic!("expected a rate-limit error: {err:?}")
    };
    assert_eq!(*retry_after, Some(Duration::ZERO));
    assert_eq!(err.code(), Some("ratelimited"));
    assert_eq!(
        proxy.seen_for("emailuser").len(),
        1,
        "a write is not repeated"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}

#[tokio::test]
async fn a_url_refused_as_too_long_is_sent_again_by_post() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, _| match seen.method.as_str() {
        "GET" if seen.module() == "query+users" => html_page(414),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();

    let users = client.send(&users_request()).await.unwrap();
    assert_eq!(users.len(), 2);
    let methods: Vec<String> = proxy
        .seen_for("query+users")
        .into_iter()
        .map(|s| s.method)
        .collect();
    assert_eq!(methods, ["GET", "POST"]);
}

#[tokio::test]
async fn a_server_that_never_answers_a_read_is_an_error_after_bounded_retries() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |_, _| Fault::ForwardThenCut).await;
    let client = wiki.builder(proxy.api()).max_retries(2).build().unwrap();

    let err = client.send(&users_request()).await.unwrap_err();
    assert!(
        matches!(&err, Error::Transport { module, .. } if module == "query+users"),
        "{err:?}"
    );
    assert_eq!(proxy.seen().len(), 3, "sent once and retried twice");
    let shown = err.to_string();
    assert!(
        shown.starts_with(&format!("query+users: no answer from {}: ", proxy.api())),
        "the message names the URL that did not answer: {shown}"
    );
}

#[tokio::test]
async fn an_answer_longer_than_the_client_reads_is_a_typed_error_sent_once() {
    let wiki = wiki();
    // The proxy passes the answer on with its length: the limit holds before reading.
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki
        .builder(proxy.api())
        .max_answer_size(100)
        .build()
        .unwrap();

    let err = client.send(&users_request()).await.unwrap_err();
    assert!(
        matches!(&err, Error::AnswerTooLarge { module, status: 200, limit: 100, .. }
            if module == "query+users"),
        "{err:?}"
    );
    assert!(err.to_string().contains("max_answer_size"), "{err}");
    assert_eq!(proxy.seen_for("query+users").len(), 1, "not sent again");

    let roomy = wiki.builder(proxy.api()).build().unwrap();
    assert_eq!(roomy.send(&users_request()).await.unwrap().len(), 2);

    // The wiki itself sends no Content-Length: the limit holds while reading.
    let direct = wiki
        .builder(wiki.api())
        .max_answer_size(100)
        .build()
        .unwrap();
    let err = direct.send(&users_request()).await.unwrap_err();
    assert!(matches!(&err, Error::AnswerTooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn the_found_variant_still_decodes_through_the_proxy() {
    // The proxy changes nothing it is not told to.
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    let users = client.send(&users_request()).await.unwrap();
    assert!(users
        .iter()
        .any(|u| matches!(u, QueryUsersUser::Found { .. })));
    assert!(users
        .iter()
        .any(|u| matches!(u, QueryUsersUser::Missing { .. })));
}

#[tokio::test]
async fn a_redirect_is_not_followed_and_says_where_it_points() {
    // Following it would turn the POST into a GET and drop the token and the text.
    let wiki = wiki();
    let target = "https://wiki.example.invalid/w/api.php";
    let proxy = Proxy::with(wiki.api(), move |seen, _| match seen.module().as_str() {
        "emailuser" => Fault::Reply {
            status: 301,
            headers: vec![("Location", target.to_owned())],
            body: String::new(),
        },
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;

    let (request, subject) = email();
    let err = client.send(&request).await.unwrap_err();
    assert!(matches!(&err, Error::Http { status: 301, .. }), "{err:?}");
    assert!(
        err.to_string().contains(&format!("redirects to {target}")),
        "{err}"
    );
    assert_eq!(
        proxy.seen_for("emailuser").len(),
        1,
        "sent once, not followed"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}
