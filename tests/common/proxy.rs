//! A small fault-injecting HTTP proxy between the client and the real wiki.
//!
//! It forwards each request to the wiki (one connection per request, closed after the
//! answer), records what went through, and lets a test decide per request what goes wrong:
//! an HTML error page, a connection cut after the wiki acted, a body cut short, a 429... It
//! logs nothing: what it sees includes secrets.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// One request as the proxy saw it.
#[derive(Clone, Debug)]
pub struct Seen {
    pub method: String,
    /// Query string and form body parameters together.
    pub params: Vec<(String, String)>,
    /// The `Cookie` header the client sent.
    pub cookie: Option<String>,
    /// `Set-Cookie` headers the wiki answered.
    pub set_cookies: Vec<String>,
    /// The wiki's answer body, when it was forwarded.
    pub answer: String,
}

impl Seen {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The module path: `emailuser`, `query+users`, `query+tokens`...
    pub fn module(&self) -> String {
        let action = self.get("action").unwrap_or("");
        if action != "query" {
            return action.to_owned();
        }
        let sub = ["list", "meta", "prop"]
            .iter()
            .find_map(|group| self.get(group))
            .unwrap_or("");
        format!("query+{sub}")
    }
}

/// What the proxy does with one request.
#[derive(Clone, Debug)]
pub enum Fault {
    /// Forward it and pass the answer back.
    Forward,
    /// Answer this without forwarding: the wiki never sees the request.
    Reply {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Forward it (the wiki acts), then answer this instead of the wiki's answer.
    ForwardThenReply {
        status: u16,
        content_type: &'static str,
        body: String,
    },
    /// Forward it (the wiki acts), then close the connection without answering.
    ForwardThenCut,
    /// Forward it (the wiki acts), then keep the connection open without answering for
    /// a minute, or until the client gives up.
    ForwardThenHang,
    /// Forward it, then pass back only the first half of the wiki's answer body.
    ForwardTruncated,
    /// Wait this long, then forward it. The request counts as in flight while it waits, so
    /// that requests sent side by side are seen overlapping.
    Delay(std::time::Duration),
    /// Replace the `token` parameter with a well-formed but wrong one, then forward.
    CorruptToken,
    /// Forward it to another front door of the wiki (its API URL): the same wiki, sessions
    /// and all, configured otherwise.
    Door(String),
}

type Scenario = Box<dyn FnMut(&Seen, usize) -> Fault + Send>;

struct State {
    upstream: String,
    scenario: Mutex<Scenario>,
    seen: Mutex<Vec<Seen>>,
    /// Requests being forwarded now, by module, and the most there ever were.
    in_flight: Mutex<(HashMap<String, usize>, HashMap<String, usize>)>,
}

/// A running proxy. It stops with the test's runtime.
#[derive(Clone)]
pub struct Proxy {
    state: Arc<State>,
    api: String,
}

impl Proxy {
    /// A proxy in front of the wiki whose API is `upstream_api`, which forwards everything.
    pub async fn start(upstream_api: &str) -> Proxy {
        Proxy::with(upstream_api, |_, _| Fault::Forward).await
    }

    /// A proxy that asks `scenario` what to do with each request (with its index among the
    /// requests for the same module, from 0).
    pub async fn with(
        upstream_api: &str,
        scenario: impl FnMut(&Seen, usize) -> Fault + Send + 'static,
    ) -> Proxy {
        let url = url::Url::parse(upstream_api).expect("upstream API URL");
        let upstream = host_port(upstream_api);
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let port = listener.local_addr().expect("address").port();
        let state = Arc::new(State {
            upstream,
            scenario: Mutex::new(Box::new(scenario)),
            seen: Mutex::new(Vec::new()),
            in_flight: Mutex::new((HashMap::new(), HashMap::new())),
        });

        let accepting = state.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(accepting.clone(), socket));
            }
        });
        Proxy {
            state,
            api: format!("http://127.0.0.1:{port}{}", url.path()),
        }
    }

    /// The API URL through the proxy.
    pub fn api(&self) -> &str {
        &self.api
    }

    /// Every request so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// The requests so far for `module`.
    pub fn seen_for(&self, module: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.module() == module)
            .collect()
    }

    /// Forgets what was seen so far (after a login, say).
    pub fn clear(&self) {
        self.state.seen.lock().unwrap().clear();
    }

    /// The most requests for `module` the wiki was working on at once.
    pub fn max_in_flight(&self, module: &str) -> usize {
        let flights = self.state.in_flight.lock().unwrap();
        flights.1.get(module).copied().unwrap_or(0)
    }
}

async fn serve(state: Arc<State>, mut client: TcpStream) {
    let Some((head, body)) = read_request(&mut client).await else {
        return;
    };
    let (method, target, headers) = parse_head(&head);
    let mut params: Vec<(String, String)> = match target.split_once('?') {
        Some((_, query)) => url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect(),
        None => Vec::new(),
    };
    let form = header(&headers, "content-type")
        .is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
    if form {
        params.extend(url::form_urlencoded::parse(&body).into_owned());
    }
    let mut seen = Seen {
        method: method.clone(),
        params,
        cookie: header(&headers, "cookie").map(str::to_owned),
        set_cookies: Vec::new(),
        answer: String::new(),
    };

    let fault = {
        let index = state
            .seen
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.module() == seen.module())
            .count();
        (state.scenario.lock().unwrap())(&seen, index)
    };

    if let Fault::Reply {
        status,
        headers,
        body,
    } = &fault
    {
        state.seen.lock().unwrap().push(seen);
        let reply = canned(*status, headers, body);
        let _ = client.write_all(&reply).await;
        return;
    }

    let body = match &fault {
        Fault::CorruptToken => corrupt_token(&body),
        _ => body,
    };
    let module = seen.module();
    flight(&state, &module, 1);
    if let Fault::Delay(wait) = &fault {
        tokio::time::sleep(*wait).await;
    }
    let upstream = match &fault {
        Fault::Door(api) => host_port(api),
        _ => state.upstream.clone(),
    };
    let answer = forward(&upstream, &method, &target, &headers, &body).await;
    flight(&state, &module, -1);

    let (answer_head, answer_body) = split_answer(&answer);
    seen.set_cookies = answer_head
        .lines()
        .filter_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("set-cookie")
                .then(|| value.trim().to_owned())
        })
        .collect();
    seen.answer = String::from_utf8_lossy(answer_body).into_owned();
    state.seen.lock().unwrap().push(seen);

    let reply = match fault {
        Fault::ForwardThenCut => return,
        Fault::ForwardThenHang => {
            let mut byte = [0u8; 1];
            let wait =
                tokio::time::timeout(std::time::Duration::from_secs(60), client.read(&mut byte));
            let _ = wait.await;
            return;
        }
        Fault::ForwardThenReply {
            status,
            content_type,
            body,
        } => canned(status, &[("Content-Type", content_type.to_owned())], &body),
        Fault::ForwardTruncated => {
            let mut cut = format!("{answer_head}\r\n\r\n").into_bytes();
            cut.extend_from_slice(&answer_body[..answer_body.len() / 2]);
            cut
        }
        _ => answer,
    };
    let _ = client.write_all(&reply).await;
}

/// `host:port` of an API URL.
fn host_port(api: &str) -> String {
    let url = url::Url::parse(api).expect("API URL");
    format!(
        "{}:{}",
        url.host_str().expect("host"),
        url.port().expect("port")
    )
}

fn flight(state: &State, module: &str, change: isize) {
    let mut flights = state.in_flight.lock().unwrap();
    let now = flights.0.entry(module.to_owned()).or_insert(0);
    *now = now.saturating_add_signed(change);
    let now = *now;
    let max = flights.1.entry(module.to_owned()).or_insert(0);
    *max = (*max).max(now);
}

/// Reads one request: the head as text and the body as `Content-Length` says.
async fn read_request(socket: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 16384];
    let end = loop {
        if let Some(at) = find(&buffer, b"\r\n\r\n") {
            break at;
        }
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
    let length: usize = parse_head(&head)
        .2
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[end + 4..].to_vec();
    while body.len() < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some((head, body))
}

fn parse_head(head: &str) -> (String, String, Vec<(String, String)>) {
    let mut lines = head.lines();
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_owned();
    let target = first.next().unwrap_or("").to_owned();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    (method, target, headers)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// Sends the request to the wiki on a fresh connection and reads the whole answer (php -S
/// closes the connection after each answer).
async fn forward(
    upstream: &str,
    method: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> Vec<u8> {
    let mut request = format!("{method} {target} HTTP/1.1\r\n");
    for (name, value) in headers {
        let skip = ["content-length", "connection", "keep-alive"];
        if !skip.iter().any(|s| name.eq_ignore_ascii_case(s)) {
            request.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    request.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    let mut bytes = request.into_bytes();
    bytes.extend_from_slice(body);

    let mut socket = TcpStream::connect(upstream)
        .await
        .expect("the wiki answers");
    socket.write_all(&bytes).await.expect("forwarded");
    let mut answer = Vec::new();
    let _ = socket.read_to_end(&mut answer).await;
    answer
}

fn split_answer(answer: &[u8]) -> (String, &[u8]) {
    match find(answer, b"\r\n\r\n") {
        Some(at) => (
            String::from_utf8_lossy(&answer[..at]).into_owned(),
            &answer[at + 4..],
        ),
        None => (String::from_utf8_lossy(answer).into_owned(), &[]),
    }
}

fn canned(status: u16, headers: &[(&str, String)], body: &str) -> Vec<u8> {
    let mut reply = format!("HTTP/1.1 {status} Fault\r\n");
    for (name, value) in headers {
        reply.push_str(&format!("{name}: {value}\r\n"));
    }
    reply.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ));
    reply.into_bytes()
}

fn corrupt_token(body: &[u8]) -> Vec<u8> {
    let mut form = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in url::form_urlencoded::parse(body) {
        match key.as_ref() {
            "token" => form.append_pair("token", "0123456789abcdef0123456789abcdef01234567+\\"),
            _ => form.append_pair(&key, &value),
        };
    }
    form.finish().into_bytes()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A JSON answer made up here, with more headers if given (`Retry-After`...).
pub fn json_answer(status: u16, body: &str, headers: &[(&'static str, &str)]) -> Fault {
    let mut all = vec![("Content-Type", "application/json".to_owned())];
    all.extend(headers.iter().map(|(k, v)| (*k, (*v).to_owned())));
    Fault::Reply {
        status,
        headers: all,
        body: body.to_owned(),
    }
}

/// An HTML error page as a proxy in front of a wiki sends it.
pub fn html_page(status: u16) -> Fault {
    Fault::Reply {
        status,
        headers: vec![("Content-Type", "text/html; charset=utf-8".to_owned())],
        body: format!(
            "<!DOCTYPE html><html><head><title>{status} Bad Gateway</title></head>\
             <body><h1>Bad Gateway</h1><p>The upstream server did not answer.</p></body></html>"
        ),
    }
}
