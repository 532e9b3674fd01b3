//! Volume and concurrency against the real local wiki: long value lists split over as few
//! requests as the account's limits allow, continuation followed to the end, clones of one
//! client sharing a session.

mod common;

use common::proxy::{json_answer, Fault, Proxy, Seen};
use common::{marker, wiki};
use futures_util::{StreamExt, TryStreamExt};
use mwbind::api::{EmailUser, QueryAllUsers, QueryUsers, QueryUsersProp, QueryUsersUser};
use serde_json::json;
use std::collections::BTreeSet;
use std::time::Duration;

/// The names of the seeded accounts made for long lists.
fn many() -> Vec<String> {
    let wiki = wiki();
    let prefix = wiki.get("MWBIND_MANY_PREFIX");
    let count: usize = wiki.get("MWBIND_MANY_COUNT").parse().unwrap();
    (1..=count).map(|i| format!("{prefix}{i:04}")).collect()
}

/// Checks 1,200 users and returns the HTTP methods of the requests it took.
async fn check_many(client: &mwbind::Client, proxy: &Proxy) -> Vec<String> {
    let names = many();
    assert_eq!(names.len(), 1200);
    proxy.clear();
    let request = QueryUsers::new()
        .users(names.clone())
        .prop([QueryUsersProp::Emailable]);
    let sent = client.send_with_meta(&request).await.unwrap();

    let found: BTreeSet<&str> = sent
        .value
        .iter()
        .filter_map(|u| match u {
            QueryUsersUser::Found { name, .. } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sent.value.len(), 1200, "every user, once");
    assert_eq!(found, names.iter().map(String::as_str).collect());

    let seen = proxy.seen();
    assert!(seen.iter().all(|s| s.module() == "query+users"));
    assert_eq!(sent.requests as usize, seen.len());
    seen.into_iter().map(|s| s.method).collect()
}

#[tokio::test]
async fn checking_1200_users_costs_24_requests_for_a_normal_account() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    // Logging in learns the account's limits along the way.
    wiki.log_in(&client, "SENDER").await;
    let login: Vec<String> = proxy.seen().iter().map(Seen::module).collect();
    assert_eq!(login, ["query+tokens", "login", "query+userinfo"]);

    let methods = check_many(&client, &proxy).await;
    assert_eq!(methods.len(), 24);
    assert!(
        methods.iter().all(|m| m == "GET"),
        "short URLs: {methods:?}"
    );
}

#[tokio::test]
async fn checking_1200_users_costs_3_requests_for_a_bot() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "BOT").await;

    let methods = check_many(&client, &proxy).await;
    // 500 names make a URL too long for GET; the last 200 do not.
    assert_eq!(methods, ["POST", "POST", "GET"]);
    assert!(
        proxy.seen().iter().all(|s| s.get("assert") == Some("bot")),
        "a bot asserts it is one"
    );
}

#[tokio::test]
async fn an_anonymous_client_learns_its_limits_once() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();

    let request = QueryUsers::new().users(many().into_iter().take(120));
    assert_eq!(client.send(&request).await.unwrap().len(), 120);
    assert_eq!(client.send(&request).await.unwrap().len(), 120);
    let seen: Vec<String> = proxy.seen().iter().map(Seen::module).collect();
    let mut expected = vec!["query+userinfo"];
    expected.extend(["query+users"; 6]);
    assert_eq!(
        seen, expected,
        "one look at the limits, then 3 requests per check"
    );
}

#[tokio::test]
async fn a_stream_follows_continue_to_the_end() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    let prefix = wiki.get("MWBIND_MANY_PREFIX");

    let request = QueryAllUsers::new().prefix(prefix).limit(100);
    let users: Vec<_> = client.stream(&request).try_collect().await.unwrap();
    let names: Vec<String> = users.into_iter().map(|u| u.name).collect();
    assert_eq!(names, many(), "every user, in order, once");

    let pages = proxy.seen_for("query+allusers");
    assert_eq!(pages.len(), 12);
    assert_eq!(pages[0].get("aufrom"), None);
    assert_eq!(
        pages[1].get("aufrom"),
        Some(format!("{prefix}0101").as_str())
    );
    assert!(pages.iter().all(|p| p.get("auprefix") == Some(prefix)));
    assert!(
        !pages[11].answer.contains("\"continue\""),
        "the last page says so"
    );

    // `send` answers the first page only.
    assert_eq!(client.send(&request).await.unwrap().len(), 100);
}

#[tokio::test]
async fn a_stream_ends_with_the_error_that_stopped_it() {
    let wiki = wiki();
    let lagged = wiki.get("MWBIND_API_LAGGED");
    let client = wiki.builder(lagged).build().unwrap();
    let request = QueryAllUsers::new().limit(5);
    let items: Vec<_> = futures_util::StreamExt::collect::<Vec<_>>(client.stream(&request)).await;
    assert_eq!(items.len(), 1);
    assert!(
        matches!(&items[0], Err(mwbind::Error::Maxlag { .. })),
        "{items:?}"
    );
}

/// A page of `list=allusers` with one user, as the wiki answers it, with `continue` when given.
fn allusers_page(name: &str, next: Option<serde_json::Value>) -> Fault {
    let mut body = json!({
        "batchcomplete": true,
        "query": {"allusers": [{"userid": 1, "name": name}]},
    });
    if let Some(next) = next {
        body["continue"] = next;
    }
    json_answer(200, &body.to_string(), &[])
}

/// The parameters of a request the proxy saw, with `added` set over them.
fn params_with(seen: &Seen, added: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    let mut params: BTreeSet<_> = seen.params.iter().cloned().collect();
    for (key, value) in added {
        params.retain(|(k, _)| k != key);
        params.insert(((*key).to_owned(), (*value).to_owned()));
    }
    params
}

#[tokio::test]
async fn each_page_is_the_request_and_the_latest_continue_only() {
    let wiki = wiki();
    // As a query of several modules answers: the first page's `continue` holds a key of a
    // module that is done by the second page, and must not be sent again after that.
    let proxy = Proxy::with(wiki.api(), |seen, index| {
        match (seen.module().as_str(), index) {
            ("query+allusers", 0) => allusers_page(
                "A",
                Some(json!({"aufrom": "B", "rvcontinue": "17|42", "continue": "||"})),
            ),
            ("query+allusers", 1) => {
                allusers_page("B", Some(json!({"aufrom": "C", "continue": "-||"})))
            }
            ("query+allusers", _) => allusers_page("C", None),
            _ => Fault::Forward,
        }
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();

    let request = QueryAllUsers::new().prefix("A").limit(1);
    let users: Vec<_> = client.stream(&request).try_collect().await.unwrap();
    let names: Vec<String> = users.into_iter().map(|u| u.name).collect();
    assert_eq!(names, ["A", "B", "C"]);

    let pages = proxy.seen_for("query+allusers");
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].get("aufrom"), None);
    let second = [("aufrom", "B"), ("rvcontinue", "17|42"), ("continue", "||")];
    assert_eq!(params_with(&pages[1], &[]), params_with(&pages[0], &second));
    let third = [("aufrom", "C"), ("continue", "-||")];
    assert_eq!(
        params_with(&pages[2], &[]),
        params_with(&pages[0], &third),
        "the first request and the latest continue, nothing of the one before"
    );
}

#[tokio::test]
async fn a_stream_whose_continue_does_not_move_ends_with_an_error() {
    let wiki = wiki();
    let stuck = json!({"aufrom": "B", "continue": "-||"});
    let proxy = Proxy::with(wiki.api(), move |seen, index| {
        match (seen.module().as_str(), index) {
            ("query+allusers", 0) => allusers_page("A", Some(stuck.clone())),
            ("query+allusers", _) => allusers_page("B", Some(stuck.clone())),
            _ => Fault::Forward,
        }
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();

    // Bounded, so that a client asking for the same page forever fails the test, not hangs it.
    let request = QueryAllUsers::new().limit(1);
    let items: Vec<_> = client.stream(&request).take(10).collect().await;
    assert_eq!(items.len(), 3, "two pages, then an error: {items:?}");
    let names: Vec<_> = items[..2]
        .iter()
        .map(|u| u.as_ref().ok().map(|u| u.name.as_str()))
        .collect();
    assert_eq!(
        names,
        [Some("A"), Some("B")],
        "the page that repeated is yielded"
    );
    match &items[2] {
        Err(mwbind::Error::Decode { module, source }) => {
            assert_eq!(module, "query+allusers");
            assert_eq!(source.path, "continue");
            assert!(source.message.contains(r#""aufrom":"B""#), "{source}");
        }
        other => panic!("expected a decode error about `continue`: {other:?}"),
    }
    assert_eq!(proxy.seen_for("query+allusers").len(), 2);
}

/// `list=allusers` marked as a write. No module the crate types both writes and answers a
/// list a stream can follow, so this read stands in for one: the client goes by the metadata.
#[derive(Clone)]
struct AllUsersAsWrite(QueryAllUsers);

impl mwbind::Request for AllUsersAsWrite {
    const PATH: &'static str = QueryAllUsers::PATH;
    const NAME: &'static str = QueryAllUsers::NAME;
    const GROUP: &'static str = QueryAllUsers::GROUP;
    const PREFIX: &'static str = QueryAllUsers::PREFIX;
    const MUST_BE_POSTED: bool = false;
    const HAS_SENSITIVE: bool = false;
    const TOKEN_TYPE: Option<&'static str> = None;
    const READ_RIGHTS: bool = true;
    const WRITE_RIGHTS: bool = true;
    const HELP_URLS: &'static [&'static str] = &[];
    type Response = <QueryAllUsers as mwbind::Request>::Response;
    type ErrorCode = <QueryAllUsers as mwbind::Request>::ErrorCode;

    fn encode(&self, params: &mut mwbind::__private::Params) -> Result<(), mwbind::InvalidRequest> {
        self.0.encode(params)
    }

    fn decode(answer: serde_json::Value) -> Result<Self::Response, mwbind::DecodeError> {
        QueryAllUsers::decode(answer)
    }
}

#[tokio::test]
async fn stream_pages_of_a_write_module_go_one_at_a_time() {
    let wiki = wiki();
    let proxy = Proxy::with(wiki.api(), |seen, _| match seen.module().as_str() {
        "query+allusers" => Fault::Delay(Duration::from_millis(200)),
        _ => Fault::Forward,
    })
    .await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    let read = QueryAllUsers::new()
        .prefix(wiki.get("MWBIND_MANY_PREFIX"))
        .limit(2);
    let write = AllUsersAsWrite(read.clone());

    // Two pages from each of two clones at once.
    let (a, b) = tokio::join!(
        client.stream(&write).take(4).try_collect::<Vec<_>>(),
        client
            .clone()
            .stream(&write)
            .take(4)
            .try_collect::<Vec<_>>(),
    );
    assert_eq!((a.unwrap().len(), b.unwrap().len()), (4, 4));
    assert_eq!(proxy.seen_for("query+allusers").len(), 4);
    assert_eq!(
        proxy.max_in_flight("query+allusers"),
        1,
        "one write at a time"
    );

    // The same pages of a read go side by side: the proxy does see overlapping requests.
    let (a, b) = tokio::join!(
        client.stream(&read).take(4).try_collect::<Vec<_>>(),
        client.clone().stream(&read).take(4).try_collect::<Vec<_>>(),
    );
    assert_eq!((a.unwrap().len(), b.unwrap().len()), (4, 4));
    assert_eq!(proxy.max_in_flight("query+allusers"), 2);
}

/// `list=allusers` with a limit the generated type would refuse: to make the wiki warn.
struct UncheckedLimit(u32);

impl mwbind::Request for UncheckedLimit {
    const PATH: &'static str = QueryAllUsers::PATH;
    const NAME: &'static str = QueryAllUsers::NAME;
    const GROUP: &'static str = QueryAllUsers::GROUP;
    const PREFIX: &'static str = QueryAllUsers::PREFIX;
    const MUST_BE_POSTED: bool = false;
    const HAS_SENSITIVE: bool = false;
    const TOKEN_TYPE: Option<&'static str> = None;
    const READ_RIGHTS: bool = true;
    const WRITE_RIGHTS: bool = false;
    const HELP_URLS: &'static [&'static str] = &[];
    type Response = <QueryAllUsers as mwbind::Request>::Response;
    type ErrorCode = <QueryAllUsers as mwbind::Request>::ErrorCode;

    fn encode(&self, params: &mut mwbind::__private::Params) -> Result<(), mwbind::InvalidRequest> {
        params.text("aulimit", &self.0.to_string());
        Ok(())
    }

    fn decode(answer: serde_json::Value) -> Result<Self::Response, mwbind::DecodeError> {
        QueryAllUsers::decode(answer)
    }
}

#[tokio::test]
async fn warnings_are_logged_and_handed_back() {
    let wiki = wiki();
    let client = wiki.builder(wiki.api()).build().unwrap();
    // More than the module allows, which the generated type refuses before sending; sent by
    // hand, the wiki answers 500 and warns.
    let request = UncheckedLimit(100_000);
    let sent = client.send_with_meta(&request).await.unwrap();
    assert_eq!(sent.value.len(), 500);
    let warning = sent.warnings.first().expect("a warning");
    assert_eq!(warning.code, "outofrange");
    assert_eq!(warning.module.as_deref(), Some("query+allusers"));
    assert!(warning.text.contains("100000"), "{}", warning.text);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn clones_share_one_session_token_and_write_one_at_a_time() {
    let wiki = wiki();
    let proxy = Proxy::start(wiki.api()).await;
    let client = wiki.builder(proxy.api()).build().unwrap();
    wiki.log_in(&client, "SENDER").await;
    proxy.clear();

    let subjects: Vec<String> = (0..6).map(|_| marker("together")).collect();
    let tasks: Vec<_> = subjects
        .iter()
        .map(|subject| {
            let client = client.clone();
            let request = EmailUser::new(wiki.get("MWBIND_RECIPIENT"), subject.clone(), "Hi.");
            tokio::spawn(async move { client.send(&request).await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }

    let tokens = proxy.seen_for("query+tokens");
    assert_eq!(tokens.len(), 1, "one token fetch for six sends");
    assert_eq!(proxy.seen_for("emailuser").len(), 6);
    assert_eq!(proxy.max_in_flight("emailuser"), 1, "one write at a time");
    for subject in &subjects {
        assert_eq!(wiki.mails_about(subject).len(), 1, "{subject}");
    }

    // Reads go side by side, and an anonymous client asks for its limits once.
    let anonymous = wiki.builder(proxy.api()).build().unwrap();
    proxy.clear();
    let reads: Vec<_> = (0..6)
        .map(|_| {
            let client = anonymous.clone();
            let request = QueryUsers::new().users(many().into_iter().take(60));
            tokio::spawn(async move { client.send(&request).await })
        })
        .collect();
    for read in reads {
        assert_eq!(read.await.unwrap().unwrap().len(), 60);
    }
    assert_eq!(proxy.seen_for("query+userinfo").len(), 1);
    assert_eq!(proxy.seen_for("query+users").len(), 12);
}
