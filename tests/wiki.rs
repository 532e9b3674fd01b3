//! The client and the generated types against the real local wiki (scripts/wiki.sh).

mod common;

use common::{marker, wiki};
use mwbind::api::{
    EmailUser, EmailUserErrorCode, EmailUserResponse, QueryTokens, QueryTokensType, QueryUsers,
    QueryUsersProp, QueryUsersUser,
};
use mwbind::{Error, Problem};

#[tokio::test]
async fn bot_password_login_gives_real_tokens() {
    let wiki = wiki();
    let anonymous = wiki.anonymous();
    let request = QueryTokens::new().type_([QueryTokensType::Csrf, QueryTokensType::Watch]);
    let before = anonymous.send(&request).await.unwrap();
    assert!(before.csrftoken.as_ref().unwrap().is_anonymous());

    let client = wiki.logged_in("SENDER").await;
    let tokens = client.send(&request).await.unwrap();
    let csrf = tokens.csrftoken.as_ref().expect("csrf was asked for");
    assert!(!csrf.is_anonymous());
    assert!(csrf.expose().ends_with("+\\"), "real tokens end in +\\");
    assert!(tokens.watchtoken.is_some());
    assert!(
        tokens.logintoken.is_none(),
        "only the types asked for come back"
    );

    let shown = format!("{tokens:?} {client:?}");
    assert!(
        !shown.contains(csrf.expose()),
        "Debug shows a token: {shown}"
    );
}

#[tokio::test]
async fn a_client_may_log_in_again_and_switch_accounts() {
    // The wiki refuses action=login inside a bot-password session: each login starts anew.
    let wiki = wiki();
    let client = wiki.logged_in("SENDER").await;
    wiki.log_in(&client, "SENDER").await;
    wiki.log_in(&client, "BOT").await;

    let me = client
        .send(
            &QueryUsers::new()
                .users(["MwbBot"])
                .prop([QueryUsersProp::Groups]),
        )
        .await
        .unwrap();
    assert!(
        matches!(&me[..], [QueryUsersUser::Found { groups: Some(g), .. }] if g.iter().any(|g| g == "bot")),
        "{me:?}"
    );
    let subject = marker("again");
    let request = EmailUser::new(
        wiki.get("MWBIND_RECIPIENT"),
        subject.clone(),
        "After two logins.",
    );
    client.send(&request).await.unwrap();
    let mails = wiki.mails_about(&subject);
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].body.contains("MwbBot"),
        "sent as the last account: {:?}",
        mails[0]
    );
}

#[tokio::test]
async fn failed_login_is_an_error_with_the_wikis_reason_and_no_password() {
    let wiki = wiki();
    let client = wiki.anonymous();
    let password = "0123456789abcdefghijklmnopqrstuvw0123456";
    let err = client
        .login(wiki.get("MWBIND_SENDER_USER"), password)
        .await
        .unwrap_err();

    let Error::Login { user, reason } = &err else {
        panic!("expected a login error: {err:?}")
    };
    assert_eq!(user, wiki.get("MWBIND_SENDER_USER"));
    assert!(
        reason.contains("Incorrect username or password"),
        "{reason}"
    );
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(password), "the password leaks: {shown}");
}

#[tokio::test]
async fn users_are_found_missing_or_invalid_with_names_normalised() {
    let wiki = wiki();
    let client = wiki.anonymous();
    let recipient = wiki.get("MWBIND_RECIPIENT");
    let names = [
        // Asked for with a lower-case first letter: the wiki normalises it.
        "mwbRecipient",
        wiki.get("MWBIND_NOMAIL"),
        wiki.get("MWBIND_NOADDRESS"),
        "Nobody_here_at_all",
        "127.0.0.1",
    ];
    let request = QueryUsers::new()
        .users(names)
        .prop([QueryUsersProp::Emailable]);
    let users = client.send(&request).await.unwrap();
    assert_eq!(users.len(), names.len());

    let emailable = |wanted: &str| {
        users.iter().find_map(|u| match u {
            QueryUsersUser::Found {
                name,
                emailable,
                userid,
                ..
            } if name == wanted => {
                assert!(*userid > 0);
                Some(*emailable)
            }
            _ => None,
        })
    };
    assert_eq!(emailable(recipient), Some(Some(true)));
    assert_eq!(emailable(wiki.get("MWBIND_NOMAIL")), Some(Some(false)));
    assert_eq!(emailable(wiki.get("MWBIND_NOADDRESS")), Some(Some(false)));
    assert!(users.iter().any(|u| matches!(u,
        QueryUsersUser::Missing { name, .. } if name == "Nobody here at all")));
    assert!(users.iter().any(|u| matches!(u,
        QueryUsersUser::Invalid { name } if name == "127.0.0.1")));
}

#[tokio::test]
async fn properties_not_asked_for_are_none() {
    let wiki = wiki();
    let request = QueryUsers::new().users([wiki.get("MWBIND_RECIPIENT")]);
    let users = wiki.anonymous().send(&request).await.unwrap();
    match &users[..] {
        [QueryUsersUser::Found {
            emailable,
            groups,
            editcount,
            ..
        }] => {
            assert_eq!((emailable, groups, editcount), (&None, &None, &None));
        }
        other => panic!("expected one found user: {other:?}"),
    }
}

#[tokio::test]
async fn a_value_holding_a_pipe_travels_as_one_value() {
    let wiki = wiki();
    let request = QueryUsers::new().users(["Pipe|Name", wiki.get("MWBIND_RECIPIENT")]);
    let users = wiki.anonymous().send(&request).await.unwrap();
    assert_eq!(users.len(), 2, "{users:?}");
    assert!(users.iter().any(|u| matches!(u,
        QueryUsersUser::Invalid { name } if name == "Pipe|Name")));
}

#[tokio::test]
async fn more_users_than_the_account_may_ask_for_go_in_several_requests() {
    let wiki = wiki();
    let names: Vec<String> = (0..51).map(|i| format!("Nobody number {i}")).collect();
    let request = QueryUsers::new().users(names.clone());

    // An ordinary account may ask for 50 at once: two requests, one answer.
    let sender = wiki.logged_in("SENDER").await;
    let sent = sender.send_with_meta(&request).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (51, 2));
    assert!(sent
        .value
        .iter()
        .all(|u| matches!(u, QueryUsersUser::Missing { .. })));

    // A bot has apihighlimits: one request.
    let bot = wiki.logged_in("BOT").await;
    let sent = bot.send_with_meta(&request).await.unwrap();
    assert_eq!((sent.value.len(), sent.requests), (51, 1));

    let too_many: Vec<String> = (0..501).map(|i| format!("Nobody number {i}")).collect();
    let sent = bot
        .send_with_meta(&QueryUsers::new().users(too_many))
        .await
        .unwrap();
    assert_eq!((sent.value.len(), sent.requests), (501, 2));
}

#[tokio::test]
async fn a_filter_list_longer_than_the_limit_is_refused_not_split() {
    // Each part would answer the same users again: `rights` filters, it does not name users.
    let wiki = wiki();
    let proxy = common::proxy::Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;
    proxy.clear();

    let rights = mwbind::api::QueryAllUsersRights::ALL.iter().copied();
    let err = client
        .send(&mwbind::api::QueryAllUsers::new().rights(rights))
        .await
        .unwrap_err();
    let Error::InvalidRequest(invalid) = &err else {
        panic!("expected a refusal: {err:?}")
    };
    assert_eq!(invalid.parameter, "aurights");
    assert!(matches!(
        invalid.problem,
        Problem::TooManyValues { limit: 50, .. }
    ));
    assert!(proxy.seen().is_empty(), "nothing was sent");
}

/// A write whose answer is a list of pages, described so that its titles could be split.
mod purge {
    mwbind::bindings!("tests/specs/purge");
}

#[tokio::test]
async fn a_write_is_never_split_over_several_requests() {
    // Were the second part to fail, the first would be done and the request could not be
    // sent again as a whole.
    let wiki = wiki();
    let proxy = common::proxy::Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;
    proxy.clear();

    let titles: Vec<String> = (0..60).map(|i| format!("Page {i}")).collect();
    let err = client
        .send(&purge::Purge::new().titles(titles))
        .await
        .unwrap_err();
    let Error::InvalidRequest(invalid) = &err else {
        panic!("expected a refusal: {err:?}")
    };
    assert_eq!(invalid.parameter, "titles");
    assert!(matches!(
        invalid.problem,
        Problem::TooManyValues {
            count: 60,
            limit: 50,
            ..
        }
    ));
    assert!(proxy.seen().is_empty(), "nothing was sent");

    let few: Vec<String> = (0..3).map(|i| format!("Page {i}")).collect();
    let pages = client.send(&purge::Purge::new().titles(few)).await.unwrap();
    assert_eq!(pages.len(), 3, "the same request within the limit goes");
}

#[tokio::test]
async fn repeated_values_are_sent_once_as_the_wiki_counts_them() {
    // 51 times the same type is one value to the wiki, so it is within the limit of 50;
    // query+tokens' answer cannot be joined, so a longer list would be refused.
    let types = std::iter::repeat(QueryTokensType::Csrf).take(51);
    let tokens = wiki()
        .anonymous()
        .send(&QueryTokens::new().type_(types))
        .await
        .unwrap();
    assert!(tokens.csrftoken.is_some());
}

#[tokio::test]
async fn email_arrives_with_its_subject_and_body_and_no_copy() {
    let wiki = wiki();
    let client = wiki.logged_in("SENDER").await;
    let subject = marker("plain");
    let body = format!("Hello from mwbind.\nSecond line: {subject}.");

    let request = EmailUser::new(wiki.get("MWBIND_RECIPIENT"), subject.clone(), body.clone());
    let answer = client.send(&request).await.unwrap();
    assert!(matches!(answer, EmailUserResponse::Success), "{answer:?}");

    let mails = wiki.mails_about(&subject);
    assert_eq!(mails.len(), 1, "one mail, no copy: {mails:?}");
    assert!(
        mails[0].to.contains(wiki.get("MWBIND_RECIPIENT_EMAIL")),
        "{:?}",
        mails[0]
    );
    assert_eq!(mails[0].subject, subject);
    assert!(mails[0].body.starts_with(&body), "{:?}", mails[0].body);
}

#[tokio::test]
async fn ccme_sends_the_sender_a_copy() {
    let wiki = wiki();
    let client = wiki.logged_in("SENDER").await;
    let subject = marker("ccme");

    let request = EmailUser::new(
        wiki.get("MWBIND_RECIPIENT"),
        subject.clone(),
        "With a copy.",
    )
    .ccme(true);
    client.send(&request).await.unwrap();

    let mails = wiki.mails_about(&subject);
    assert_eq!(mails.len(), 2, "{mails:?}");
    assert!(mails
        .iter()
        .any(|m| m.to.contains(wiki.get("MWBIND_RECIPIENT_EMAIL"))));
    assert!(mails
        .iter()
        .any(|m| m.to.contains(wiki.get("MWBIND_SENDER_EMAIL"))
            && m.subject.starts_with("Copy of your message")));
}

#[tokio::test]
async fn ccme_false_sends_no_copy() {
    let wiki = wiki();
    let client = wiki.logged_in("SENDER").await;
    let subject = marker("noccme");

    let request =
        EmailUser::new(wiki.get("MWBIND_RECIPIENT"), subject.clone(), "No copy.").ccme(false);
    client.send(&request).await.unwrap();
    assert_eq!(wiki.mails_about(&subject).len(), 1);
}

/// Sends one email that the wiki must refuse, and checks the code and that nothing was sent.
async fn refused(
    client: &mwbind::Client,
    target: &str,
    expected: EmailUserErrorCode,
) -> Error<EmailUserErrorCode> {
    let subject = marker("refused");
    let request = EmailUser::new(target, subject.clone(), "Must not arrive.");
    let err = client.send(&request).await.unwrap_err();

    assert_eq!(err.api_code(), Some(&expected), "{err}");
    assert_eq!(err.code(), Some(mwbind::ErrorCode::as_str(&expected)));
    assert!(
        wiki().mails_about(&subject).is_empty(),
        "a refused mail was sent"
    );
    err
}

#[tokio::test]
async fn refusals_are_typed_and_send_nothing() {
    let wiki = wiki();
    let sender = wiki.logged_in("SENDER").await;
    refused(
        &sender,
        wiki.get("MWBIND_NOMAIL"),
        EmailUserErrorCode::Nowikiemail,
    )
    .await;
    refused(
        &sender,
        wiki.get("MWBIND_NOADDRESS"),
        EmailUserErrorCode::Noemail,
    )
    .await;
    refused(&sender, "Nobody here at all", EmailUserErrorCode::Notarget).await;
    refused(&sender, "127.0.0.1", EmailUserErrorCode::Notarget).await;

    let blocked = wiki.logged_in("BLOCKED").await;
    let recipient = wiki.get("MWBIND_RECIPIENT");
    let err = refused(&blocked, recipient, EmailUserErrorCode::Blockedemailuser).await;
    // 1.39 has no text for this code and sends its key, `⧼blockedemailuser⧽`: the message
    // says what the code means instead.
    let api = err.api_error().expect("an API error");
    assert_eq!(api.text(), "⧼blockedemailuser⧽", "the wiki's text is kept");
    assert_eq!(
        err.to_string(),
        "emailuser: the wiki answered `blockedemailuser` with no text of its own; the spec \
         says: The sender is blocked from sending email (what 1.39 sends)."
    );
}

#[tokio::test]
async fn an_anonymous_write_is_refused_before_sending() {
    let wiki = wiki();
    let subject = marker("anonymous");
    let request = EmailUser::new(wiki.get("MWBIND_RECIPIENT"), subject.clone(), "No.");
    let err = wiki.anonymous().send(&request).await.unwrap_err();
    assert!(
        matches!(&err, Error::NotLoggedIn { module } if module == "emailuser"),
        "{err:?}"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}

#[tokio::test]
async fn an_empty_target_is_refused_before_sending() {
    let wiki = wiki();
    let client = wiki.logged_in("SENDER").await;
    let subject = marker("empty");
    let err = client
        .send(&EmailUser::new("", subject.clone(), "x"))
        .await
        .unwrap_err();

    let Error::InvalidRequest(invalid) = &err else {
        panic!("expected a refusal: {err:?}")
    };
    assert_eq!((invalid.module, invalid.parameter), ("emailuser", "target"));
    assert_eq!(invalid.problem, Problem::Empty);
    assert_eq!(
        err.to_string(),
        "emailuser: parameter `target` is required and must not be empty"
    );
    assert!(wiki.mails_about(&subject).is_empty());
}

/// The error of a users query sent to `url`, which is not the API.
async fn users_through(url: &str) -> Error<mwbind::api::QueryUsersErrorCode> {
    let client = mwbind::Client::builder(url)
        .user_agent("mwbind-tests/0.1")
        .build()
        .unwrap();
    let request = QueryUsers::new().users(["X"]);
    client.send(&request).await.unwrap_err()
}

#[tokio::test]
async fn an_html_error_page_is_an_error_with_status_and_snippet() {
    // index.php answers an API query with its HTML "No such action" page.
    let err = users_through(&wiki().api().replace("api.php", "index.php")).await;

    let Error::Http {
        module,
        status,
        content_type,
        snippet,
    } = &err
    else {
        panic!("expected an HTTP error: {err:?}")
    };
    assert_eq!((module.as_str(), *status), ("query+users", 404));
    assert!(content_type.starts_with("text/html"), "{content_type}");
    assert!(snippet.starts_with("<!DOCTYPE html>"), "{snippet}");
    assert!(snippet.chars().count() <= 201, "the snippet is short");
    assert!(
        err.to_string()
            .starts_with("query+users: HTTP 404 (text/html"),
        "{err}"
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_an_error_with_status_and_snippet() {
    // load.php answers 200 with JavaScript.
    let err = users_through(&wiki().api().replace("api.php", "load.php")).await;

    let Error::NotJson {
        status,
        content_type,
        snippet,
        ..
    } = &err
    else {
        panic!("expected NotJson: {err:?}")
    };
    assert_eq!(*status, 200);
    assert!(
        content_type.starts_with("text/javascript"),
        "{content_type}"
    );
    assert!(!snippet.is_empty());
    assert!(err.to_string().contains("the answer is not JSON"), "{err}");
}

#[tokio::test]
async fn a_missing_path_is_an_http_error() {
    let err = users_through(&wiki().api().replace("/w/api.php", "/no/such/api.php")).await;
    assert!(matches!(&err, Error::Http { status: 404, .. }), "{err:?}");
}

#[tokio::test]
async fn a_client_without_user_agent_is_refused() {
    let err = mwbind::Client::builder(wiki().api()).build().unwrap_err();
    assert!(
        err.to_string().contains("a User-Agent is required"),
        "{err}"
    );
    for default in ["reqwest/0.12", "  ", "curl/8.5.0"] {
        let err = mwbind::Client::builder(wiki().api())
            .user_agent(default)
            .build()
            .unwrap_err();
        assert!(
            err.to_string().contains("not an HTTP library's default"),
            "{err}"
        );
    }
    let err = mwbind::Client::builder("not a url")
        .user_agent("x/1")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("not a valid URL"), "{err}");
}
