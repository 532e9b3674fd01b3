//! The client: one session with one wiki.

use futures_core::Stream;
use secrecy::{ExposeSecret, SecretString};
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Semaphore, SemaphorePermit};
use url::Url;

use crate::__private::Params;
use crate::error::{Error, Message};
use crate::exec::{api_error, Call, Tally};
use crate::request::Request;
use crate::retry::Policy;
use crate::token::Token;

/// A session with one wiki's API: cookies, tokens and what the account may do.
///
/// Cloning is cheap; clones share the session (cookie jar, tokens, login), so one client can
/// be handed to many tasks. Reads from different tasks go out side by side; writes (modules
/// with write rights) go out one at a time per client, as the API etiquette asks
/// ([`ClientBuilder::concurrent_writes`] changes that).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    /// The session's cookies, which `http` sends.
    jar: Arc<crate::cookies::Jar>,
    api: Url,
    user_agent: String,
    policy: Policy,
    /// Tokens by type, with the session generation they belong to. The lock is held while a
    /// token is fetched, so that concurrent sends fetch it once.
    tokens: Mutex<HashMap<String, (u64, Token)>>,
    /// Whether the account has `apihighlimits`, once learnt.
    high_limits: Mutex<Option<bool>>,
    /// Who is logged in, to log in again when the wiki loses the session.
    account: std::sync::Mutex<Option<Account>>,
    /// Counts logins: tokens of an older generation are stale, and a task that finds the
    /// session lost logs in again only if nobody did since it sent its request.
    generation: AtomicU64,
    /// Held while logging in.
    login: Mutex<()>,
    /// The wiki's refusal when logging in again in a session generation: every later task
    /// of that generation gets it at once, rather than try the password again and again
    /// (which the wiki's login throttle would punish).
    refused_again: std::sync::Mutex<Option<(u64, String)>>,
    /// Permits for writes in flight.
    writes: Semaphore,
    /// The longest answer read, in bytes.
    max_answer: usize,
}

#[derive(Clone)]
struct Account {
    user: String,
    password: SecretString,
    /// The account has the `bot` right: requests assert `bot` rather than `user`.
    bot: bool,
}

/// An answer, with what else came with it.
///
/// [`Client::send_with_meta`] returns it; [`Client::send`] returns only [`Sent::value`] (the
/// warnings are logged through `tracing` either way).
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Sent<T> {
    /// The module's typed answer; for a request split over several HTTP requests, all their
    /// answers joined.
    pub value: T,
    /// Warnings the wiki sent with the answer (deprecated parameters, values it dropped...).
    pub warnings: Vec<Message>,
    /// How many HTTP requests it took, retries and parts of a split request included; token
    /// fetches and logins on the way are not counted.
    pub requests: u32,
}

/// Sets up a [`Client`].
#[must_use]
pub struct ClientBuilder {
    api: String,
    user_agent: Option<String>,
    timeout: Duration,
    policy: Policy,
    concurrent_writes: usize,
    max_answer: usize,
}

/// The longest answer a client reads by default: MediaWiki keeps its own answers under
/// `$wgAPIMaxResultSize` (8 MiB by default), so anything much longer is not the API.
const MAX_ANSWER: usize = 64 << 20;

impl Client {
    /// A builder for a client of the wiki whose `api.php` is at `api`.
    pub fn builder(api: impl Into<String>) -> ClientBuilder {
        ClientBuilder {
            api: api.into(),
            user_agent: None,
            timeout: Duration::from_secs(60),
            policy: Policy::default(),
            concurrent_writes: 1,
            max_answer: MAX_ANSWER,
        }
    }

    /// The `api.php` URL.
    pub fn api(&self) -> &Url {
        &self.inner.api
    }

    /// Logs in with a bot password (`User@appid` and the generated password), made on the
    /// wiki's Special:BotPasswords.
    ///
    /// A login the wiki refuses is an [`Error::Login`] with the wiki's reason. Afterwards,
    /// every request asserts the login (`assert=user`, or `bot` for a bot), and when the wiki
    /// has lost the session the client logs in again with the same password and sends the
    /// request once more. The password is kept for that, as a secret that shows nowhere.
    pub async fn login(&self, user: &str, password: &str) -> Result<(), Error> {
        let _login = self.inner.login.lock().await;
        self.log_in(user, SecretString::from(password)).await
    }

    /// Sends a request and returns the module's typed answer.
    ///
    /// - GET or POST: POST when the module must be posted, carries a secret, or the URL would
    ///   be too long; GET otherwise.
    /// - Tokens are fetched once and cached; after `badtoken` the token is fetched again and
    ///   the request sent once more.
    /// - A value list longer than the account may send at once is split over several
    ///   requests when its values each ask for their own items of the answer and the module
    ///   only reads ([`Request::merger`]); the answers come back joined. Otherwise it is
    ///   refused before sending.
    /// - Faults are handled as the crate documentation describes: bounded retries where it
    ///   is safe, a typed [`Error`] otherwise.
    pub async fn send<R: Request>(&self, request: &R) -> Result<R::Response, Error<R::ErrorCode>> {
        self.send_with_meta(request).await.map(|sent| sent.value)
    }

    /// Like [`Client::send`], and also returns the warnings the wiki sent and how many HTTP
    /// requests it took.
    pub async fn send_with_meta<R: Request>(
        &self,
        request: &R,
    ) -> Result<Sent<R::Response>, Error<R::ErrorCode>> {
        let params = self.encode(request).await?;
        let call = Call::of::<R>();
        let _write = self.write_permit::<R>().await;

        let mut tally = Tally::default();
        let mut joined: Option<R::Response> = None;
        for part in params.parts() {
            let answer = self
                .execute(&call, &part, &mut tally)
                .await
                .map_err(Error::recode)?;
            let value = decode::<R>(answer)?;
            joined = Some(match (joined, R::merger()) {
                (Some(mut into), Some(merge)) => {
                    merge(&mut into, value);
                    into
                }
                _ => value,
            });
        }
        let Some(value) = joined else {
            return Err(Error::Config(format!(
                "{}: the request encoded to no request at all",
                R::PATH
            )));
        };
        Ok(Sent {
            value,
            warnings: tally.warnings,
            requests: tally.requests,
        })
    }

    /// Every item a query module lists, following the wiki's `continue` to the end, one typed
    /// item at a time.
    ///
    /// Each page is fetched when the items before it have been taken, with the same fault
    /// handling as [`Client::send`]. An error ends the stream after it is yielded. A value list
    /// longer than the account may send is split as `send` does, each part followed to its
    /// end.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt;
    /// use mwbind::api::QueryAllUsers;
    ///
    /// # async fn run(client: mwbind::Client) -> Result<(), mwbind::Error<mwbind::api::QueryAllUsersErrorCode>> {
    /// let mut users = std::pin::pin!(client.stream(&QueryAllUsers::new().limit(500)));
    /// while let Some(user) = users.try_next().await? {
    ///     println!("{}", user.name);
    /// }
    /// # Ok(())
    /// # }
    /// ```
    pub fn stream<R>(
        &self,
        request: &R,
    ) -> impl Stream<Item = Result<<R::Response as IntoIterator>::Item, Error<R::ErrorCode>>>
           + Send
           + 'static
    where
        R: Request + Clone + Send + Sync + 'static,
        R::Response: IntoIterator,
        <R::Response as IntoIterator>::Item: Send,
    {
        crate::stream::pages(self.clone(), request.clone())
    }

    /// A token of the given type (`csrf`, `login`...), from the cache or fetched once.
    pub async fn token(&self, token_type: &str) -> Result<Token, Error> {
        let mut tokens = self.inner.tokens.lock().await;
        if let Some((generation, token)) = tokens.get(token_type) {
            if *generation == self.generation() {
                return Ok(token.clone());
            }
        }
        let token = self
            .fetch_token(token_type, Call::read("query+tokens"))
            .await?;
        tokens.insert(token_type.to_owned(), (self.generation(), token.clone()));
        Ok(token)
    }

    /// Drops a cached token the wiki refused, unless another task already replaced it.
    pub(crate) async fn forget_token(&self, token_type: &str, refused: &Token) {
        let mut tokens = self.inner.tokens.lock().await;
        if let Some((_, cached)) = tokens.get(token_type) {
            if cached.expose() == refused.expose() {
                tokens.remove(token_type);
            }
        }
    }

    async fn fetch_token(&self, token_type: &str, call: Call) -> Result<Token, Error> {
        let mut params = Params::new("query+tokens", None);
        params.text("action", "query");
        params.text("meta", "tokens");
        params.text("type", token_type);
        let answer = self.execute(&call, &params, &mut Tally::default()).await?;

        let key = format!("{token_type}token");
        match answer
            .pointer(&format!("/query/tokens/{key}"))
            .and_then(Value::as_str)
        {
            Some(token) => Ok(Token::new(token.to_owned())),
            None => Err(Error::Decode {
                module: "query+tokens".to_owned(),
                source: crate::DecodeError {
                    path: format!("query.tokens.{key}"),
                    message: "missing from the answer".to_owned(),
                },
            }),
        }
    }

    /// Logs in, then learns what the account may do. The caller holds the login lock.
    async fn log_in(&self, user: &str, password: SecretString) -> Result<(), Error> {
        // In a bot-password session the wiki refuses `action=login` (a second login, or one
        // after `assertbotfailed` while the session lives, or after a login whose answer was
        // lost): each login starts a session of its own.
        self.inner.jar.clear();
        let login_token = self
            .fetch_token("login", Call::login_step("query+tokens", false))
            .await?;

        let mut params = Params::new("login", None);
        params.text("action", "login");
        params.text("lgname", user);
        params.text("lgpassword", password.expose_secret());
        params.text("lgtoken", login_token.expose());
        let call = Call::login_step("login", true);
        let answer = self.execute(&call, &params, &mut Tally::default()).await?;

        let login = answer.get("login");
        let result = login.and_then(|l| l.get("result")).and_then(Value::as_str);
        if result != Some("Success") {
            return Err(Error::Login {
                user: user.to_owned(),
                reason: login_reason(login),
            });
        }
        // Tokens of the session before are stale from now on.
        self.inner.generation.fetch_add(1, Ordering::SeqCst);

        let rights = self.rights().await?;
        let high = rights.iter().any(|r| r == "apihighlimits");
        let bot = rights.iter().any(|r| r == "bot");
        tracing::debug!(user, high_limits = high, bot, "logged in");
        *self.inner.high_limits.lock().await = Some(high);
        *self.account() = Some(Account {
            user: user.to_owned(),
            password,
            bot,
        });
        Ok(())
    }

    /// Logs in again with the credentials held, unless another task did so since the request
    /// that found the session lost was sent (in session generation `seen`).
    pub(crate) async fn log_in_again(&self, seen: u64) -> Result<(), Error> {
        let _login = self.inner.login.lock().await;
        if self.generation() != seen {
            return Ok(());
        }
        let Some(account) = self.account().clone() else {
            return Ok(());
        };
        if let Some(reason) = self.refused_again(seen) {
            return Err(Error::Login {
                user: account.user,
                reason: format!("{reason} (when logging in again; call Client::login)"),
            });
        }
        tracing::info!(
            user = account.user.as_str(),
            "the wiki lost the session: logging in again"
        );
        let result = self.log_in(&account.user, account.password).await;
        // Only the wiki's refusal is kept: a request that got no answer may do better later.
        if let Err(Error::Login { reason, .. }) = &result {
            *self.lock_refused() = Some((seen, reason.clone()));
        }
        result
    }

    fn refused_again(&self, generation: u64) -> Option<String> {
        match &*self.lock_refused() {
            Some((g, reason)) if *g == generation => Some(reason.clone()),
            _ => None,
        }
    }

    fn lock_refused(&self) -> std::sync::MutexGuard<'_, Option<(u64, String)>> {
        lock(&self.inner.refused_again)
    }

    /// The rights of the session's account, as the wiki says now.
    async fn rights(&self) -> Result<Vec<String>, Error> {
        let mut params = Params::new("query+userinfo", None);
        params.text("action", "query");
        params.text("meta", "userinfo");
        params.text("uiprop", "rights");
        let call = Call::login_step("query+userinfo", false);
        let answer = self.execute(&call, &params, &mut Tally::default()).await?;

        let rights = answer
            .pointer("/query/userinfo/rights")
            .and_then(Value::as_array);
        Ok(rights
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect())
    }

    /// Encodes a request; when a value list is longer than an ordinary account may send,
    /// first learns whether this account may send more.
    pub(crate) async fn encode<R: Request>(
        &self,
        request: &R,
    ) -> Result<Params, Error<R::ErrorCode>> {
        let known = *self.inner.high_limits.lock().await;
        let params = self.encode_with(request, known)?;
        if !params.limits_unsure() {
            return Ok(params);
        }
        let high = self.learn_limits().await.map_err(Error::recode)?;
        self.encode_with(request, Some(high))
    }

    fn encode_with<R: Request>(
        &self,
        request: &R,
        high_limits: Option<bool>,
    ) -> Result<Params, Error<R::ErrorCode>> {
        let mut params = Params::new(R::PATH, high_limits);
        // Parts of a write could not be sent again if one failed: the wiki would have done
        // some of it and not the rest, so a write is refused instead.
        if R::merger().is_some() && R::safe_to_repeat() {
            params = params.splitting();
        }
        match R::PATH.split_once('+') {
            Some((parent, _)) => {
                params.text("action", parent);
                params.text(R::GROUP, R::NAME);
            }
            None => params.text("action", R::PATH),
        }
        request.encode(&mut params)?;
        Ok(params)
    }

    /// Whether the account has `apihighlimits`: known from the login, or asked once.
    async fn learn_limits(&self) -> Result<bool, Error> {
        let mut known = self.inner.high_limits.lock().await;
        if let Some(high) = *known {
            return Ok(high);
        }
        let mut params = Params::new("query+userinfo", None);
        params.text("action", "query");
        params.text("meta", "userinfo");
        params.text("uiprop", "rights");
        let call = Call::read("query+userinfo");
        let answer = self.execute(&call, &params, &mut Tally::default()).await?;
        api_error::<String>("query+userinfo", &answer)?;

        let rights = answer
            .pointer("/query/userinfo/rights")
            .and_then(Value::as_array);
        let high = rights.is_some_and(|r| r.iter().any(|r| r == "apihighlimits"));
        tracing::debug!(high_limits = high, "learnt the account's limits");
        *known = Some(high);
        Ok(high)
    }

    pub(crate) async fn write_permit<R: Request>(&self) -> Option<SemaphorePermit<'_>> {
        if !R::WRITE_RIGHTS {
            return None;
        }
        // The semaphore is never closed, so acquiring fails never; without a permit the
        // write would simply not wait.
        self.inner.writes.acquire().await.ok()
    }

    /// `user` or `bot` once logged in.
    pub(crate) fn assertion(&self) -> Option<&'static str> {
        self.account()
            .as_ref()
            .map(|a| if a.bot { "bot" } else { "user" })
    }

    pub(crate) fn generation(&self) -> u64 {
        self.inner.generation.load(Ordering::SeqCst)
    }

    pub(crate) fn policy(&self) -> &Policy {
        &self.inner.policy
    }

    pub(crate) fn max_answer(&self) -> usize {
        self.inner.max_answer
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    fn account(&self) -> std::sync::MutexGuard<'_, Option<Account>> {
        lock(&self.inner.account)
    }
}

/// Locks one of the client's small values. A panic while it was held cannot have left it
/// half written (each is replaced whole), so a poisoned lock is used as it is.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether a User-Agent is what an HTTP library sends when told nothing: it names no tool.
fn is_library_default(agent: &str) -> bool {
    const DEFAULTS: [&str; 6] = [
        "reqwest/",
        "curl/",
        "python-requests/",
        "python-urllib/",
        "go-http-client/",
        "wget/",
    ];
    let agent = agent.to_ascii_lowercase();
    DEFAULTS.iter().any(|d| agent.starts_with(d))
}

/// Reads the module's answer, naming the module when it is not as described.
pub(crate) fn decode<R: Request>(answer: Value) -> Result<R::Response, Error<R::ErrorCode>> {
    R::decode(answer).map_err(|source| Error::Decode {
        module: R::PATH.to_owned(),
        source,
    })
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Cookies, tokens and passwords stay out of it, a password in the URL too.
        f.debug_struct("Client")
            .field("api", &without_password(self.inner.api.as_str()))
            .field("user_agent", &self.inner.user_agent)
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api", &without_password(&self.api))
            .field("user_agent", &self.user_agent)
            .field("timeout", &self.timeout)
            .field("policy", &self.policy)
            .field("concurrent_writes", &self.concurrent_writes)
            .field("max_answer", &self.max_answer)
            .finish()
    }
}

/// An API URL fit to be shown: a password in it (`https://bot:secret@host/w/api.php`, which
/// reqwest would send as Basic auth) becomes `redacted`, also when the URL does not parse.
pub(crate) fn without_password(api: &str) -> String {
    if let Ok(mut url) = Url::parse(api) {
        if url.password().is_some() {
            let _ = url.set_password(Some("redacted"));
        }
        return url.into();
    }
    // Unparsable: hide whatever stands between the scheme and the last `@` before the query
    // (a password may hold a `/`, so the path cannot be told apart from it).
    let start = api.find("://").map_or(0, |i| i + 3);
    let end = api[start..]
        .find(['?', '#'])
        .map_or(api.len(), |i| start + i);
    match api[start..end].rfind('@') {
        Some(at) => format!("{}redacted{}", &api[..start], &api[start + at..]),
        None => api.to_owned(),
    }
}

impl ClientBuilder {
    /// The User-Agent to send. Required: wikis ask that it names the tool and a way to reach
    /// its operator, such as `MailBot/1.0 (https://example.org/mailbot; ops@example.org)`.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// How long one HTTP request may take. Default: 60 seconds.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The `maxlag` sent with every request after login (and before, except the login
    /// itself): the wiki refuses the request while its database replicas lag more than this
    /// many seconds, and the client waits as the wiki says and retries. `None` sends none.
    /// Default: 5, as the API etiquette asks of bots.
    pub fn maxlag(mut self, seconds: Option<u32>) -> Self {
        self.policy.maxlag = seconds;
        self
    }

    /// How many times one request may be sent again after a fault that allows it (maxlag,
    /// read-only, 429 or 503 with `Retry-After`, a bad or missing answer to a read).
    /// Default: 3.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.policy.max_retries = retries;
        self
    }

    /// The longest the client waits before one retry. When the server asks for longer, the
    /// client does not wait but returns a typed error ([`Error::RateLimited`],
    /// [`Error::Maxlag`]...) saying how long the server asked for. Default: 30 seconds.
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.policy.max_wait = wait;
        self
    }

    /// The first wait before a retry when the server names none; it doubles with each retry,
    /// up to [`ClientBuilder::max_wait`]. Default: 1 second.
    pub fn retry_delay(mut self, delay: Duration) -> Self {
        self.policy.delay = delay;
        self
    }

    /// How many writes may be in flight at once per client (and its clones). Default: 1, as
    /// the API etiquette asks.
    pub fn concurrent_writes(mut self, writes: usize) -> Self {
        // Past tokio's bound a semaphore panics; that many is "no limit" anyway.
        self.concurrent_writes = writes.clamp(1, tokio::sync::Semaphore::MAX_PERMITS);
        self
    }

    /// The longest answer the client reads, in bytes; a longer one is
    /// [`Error::AnswerTooLarge`], read no further. Default: 64 MiB, eight times what a
    /// MediaWiki answers at most by default (`$wgAPIMaxResultSize`).
    pub fn max_answer_size(mut self, bytes: usize) -> Self {
        self.max_answer = bytes;
        self
    }

    /// The client.
    pub fn build(self) -> Result<Client, Error> {
        let api = Url::parse(&self.api).map_err(|e| {
            Error::Config(format!(
                "the API URL `{}` is not a valid URL: {e}",
                without_password(&self.api)
            ))
        })?;
        if !matches!(api.scheme(), "http" | "https") || api.host().is_none() {
            return Err(Error::Config(format!(
                "the API URL `{}` must be an http:// or https:// URL with a host, such as \
                 https://wiki.example.org/w/api.php",
                without_password(&self.api)
            )));
        }
        let user_agent = match self.user_agent.as_deref().map(str::trim) {
            Some(agent) if !agent.is_empty() && !is_library_default(agent) => agent.to_owned(),
            _ => {
                return Err(Error::Config(
                    "a User-Agent is required: call .user_agent(..) with your tool's name, \
                     version and a contact, such as `MailBot/1.0 (https://example.org/mailbot; \
                     ops@example.org)`, not an HTTP library's default; wikis may block clients \
                     without one"
                        .to_owned(),
                ))
            }
        };
        if reqwest::header::HeaderValue::from_str(&user_agent).is_err() {
            return Err(Error::Config(format!(
                "the User-Agent {user_agent:?} cannot be sent in an HTTP header: it holds a \
                 line break or another control character"
            )));
        }
        let jar = Arc::new(crate::cookies::Jar::default());
        let http = reqwest::Client::builder()
            .user_agent(&user_agent)
            .cookie_provider(Arc::clone(&jar))
            // A redirect would turn a POST into a GET and drop its body; the 3xx is shown
            // with where it points instead.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(self.timeout)
            .build()
            .map_err(|e| Error::Config(format!("cannot set up the HTTP client: {e}")))?;

        Ok(Client {
            inner: Arc::new(Inner {
                http,
                jar,
                api,
                user_agent,
                policy: self.policy,
                tokens: Mutex::new(HashMap::new()),
                high_limits: Mutex::new(None),
                account: std::sync::Mutex::new(None),
                generation: AtomicU64::new(0),
                login: Mutex::new(()),
                refused_again: std::sync::Mutex::new(None),
                writes: Semaphore::new(self.concurrent_writes),
                max_answer: self.max_answer,
            }),
        })
    }
}

/// The reason of a failed login: a string, or a message with errorformat=plaintext.
///
/// Without one, only the result is shown: the rest of the answer may hold a token
/// (`NeedToken` comes with one).
fn login_reason(login: Option<&Value>) -> String {
    let reason = login.and_then(|l| l.get("reason"));
    match reason {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Object(m)) => match (m.get("code"), m.get("text")) {
            (Some(Value::String(code)), Some(Value::String(text))) => format!("{text} ({code})"),
            (Some(Value::String(code)), _) => code.clone(),
            _ => "the wiki's reason is not in a shape mwbind reads".to_owned(),
        },
        _ => {
            let result = login.and_then(|l| l.get("result")).and_then(Value::as_str);
            format!(
                "the wiki gave no reason (result: {})",
                result.unwrap_or("none")
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_in_the_api_url_is_shown_nowhere() {
        for (api, shown) in [
            (
                "https://bot:s3cret@wiki.example/w/api.php",
                "https://bot:redacted@wiki.example/w/api.php",
            ),
            // Not a URL (the port is out of range), and a `/` in the password.
            (
                "https://bot:s3/cret@wiki.example:99999/w/api.php",
                "https://redacted@wiki.example:99999/w/api.php",
            ),
            (
                "https://wiki.example/w/api.php",
                "https://wiki.example/w/api.php",
            ),
        ] {
            assert_eq!(without_password(api), shown);
            let builder = Client::builder(api).user_agent("mwbind-test/0 (test@example.org)");
            assert!(!format!("{builder:?}").contains("s3"), "{builder:?}");
            match builder.build() {
                Ok(client) => assert!(!format!("{client:?}").contains("s3"), "{client:?}"),
                Err(err) => {
                    assert!(matches!(err, Error::Config(_)), "{err:?}");
                    assert!(!err.to_string().contains("s3"), "{err}");
                    assert!(!format!("{err:?}").contains("s3"), "{err:?}");
                }
            }
        }
    }

    #[test]
    fn a_login_without_reason_shows_its_result_and_nothing_else() {
        let answer = serde_json::json!({"result": "NeedToken", "token": "0123abcd+\\"});
        let reason = login_reason(Some(&answer));
        assert_eq!(reason, "the wiki gave no reason (result: NeedToken)");
        let odd = serde_json::json!({"result": "Failed", "reason": {"token": "0123abcd"}});
        assert!(!login_reason(Some(&odd)).contains("0123abcd"));
        assert_eq!(login_reason(None), "the wiki gave no reason (result: none)");
    }

    #[test]
    fn a_client_that_could_not_send_is_refused_when_built() {
        let config = |api: &str, agent: &str| {
            let built = Client::builder(api).user_agent(agent).build();
            match built {
                Err(Error::Config(message)) => message,
                other => panic!("expected a configuration error: {other:?}"),
            }
        };
        let agent = "mwbind-test/0 (test@example.org)";
        let message = config("ftp://wiki.example/w/api.php", agent);
        assert!(
            message.contains("must be an http:// or https:// URL"),
            "{message}"
        );
        let message = config("https://wiki.example/w/api.php", "mwbind-test/0\r\nX: y");
        assert!(message.contains("User-Agent"), "{message}");
        assert!(message.contains("control character"), "{message}");
    }

    #[test]
    fn any_number_of_concurrent_writes_builds() {
        let client = Client::builder("https://wiki.example/w/api.php")
            .user_agent("mwbind-test/0 (test@example.org)")
            .concurrent_writes(usize::MAX)
            .build();
        assert!(client.is_ok(), "{client:?}");
    }
}
