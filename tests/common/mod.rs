//! What the tests share: where the local wiki is, its mailbox, fresh clients.
#![allow(dead_code)]

pub mod proxy;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// The local wiki that scripts/wiki.sh started, as its env file describes it.
pub struct Wiki {
    vars: HashMap<String, String>,
}

/// The wiki's env file: `MWBIND_WIKI_ENV`, or where scripts/wiki.sh writes it by default.
fn env_file() -> PathBuf {
    match std::env::var_os("MWBIND_WIKI_ENV") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/mwbind-wiki/wiki.env"),
    }
}

pub fn wiki() -> &'static Wiki {
    static WIKI: OnceLock<Wiki> = OnceLock::new();
    WIKI.get_or_init(|| {
        let path = env_file();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "these tests need the local wiki, described in {} ({e}); \
                 start it with `scripts/wiki.sh up`, or run everything with `scripts/test.sh`",
                path.display()
            )
        });
        let vars = text
            .lines()
            .filter_map(|line| line.split_once('='))
            .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
            .collect();
        Wiki { vars }
    })
}

impl Wiki {
    pub fn get(&self, key: &str) -> &str {
        self.vars
            .get(key)
            .unwrap_or_else(|| panic!("{} has no {key}", env_file().display()))
    }

    pub fn api(&self) -> &str {
        self.get("MWBIND_API")
    }

    /// A client with no session.
    pub fn anonymous(&self) -> mwbind::Client {
        mwbind::Client::builder(self.api())
            .user_agent("mwbind-tests/0.1 (https://example.invalid/mwbind; tests@example.invalid)")
            .build()
            .expect("client builds")
    }

    /// A client logged in as the given account (`SENDER`, `BOT`, `BLOCKED`).
    pub async fn logged_in(&self, who: &str) -> mwbind::Client {
        let client = self.anonymous();
        self.log_in(&client, who).await;
        client
    }

    /// A builder for a client of `api` (the wiki through a proxy, or another front door),
    /// with short waits so that retries cost the tests little.
    pub fn builder(&self, api: &str) -> mwbind::ClientBuilder {
        mwbind::Client::builder(api)
            .user_agent("mwbind-tests/0.1 (https://example.invalid/mwbind; tests@example.invalid)")
            .retry_delay(std::time::Duration::from_millis(20))
            .max_wait(std::time::Duration::from_secs(2))
    }

    /// Logs `client` in as the given account (`SENDER`, `BOT`, `SESSION`, `LIMITED`...).
    pub async fn log_in(&self, client: &mwbind::Client, who: &str) {
        let user = self.get(&format!("MWBIND_{who}_USER"));
        let password = self.get(&format!("MWBIND_{who}_PASSWORD"));
        client
            .login(user, password)
            .await
            .expect("bot password login works");
    }

    /// Ends every session of `user`'s bot passwords on the server side: the wiki checks the
    /// bot password's token on each request, and a new one invalidates the sessions made with
    /// the old.
    pub fn end_sessions_of(&self, user: &str) {
        let status = std::process::Command::new("php")
            .arg("-r")
            .arg(
                r#"$db = new PDO("sqlite:" . $argv[1]);
                   $db->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);
                   $st = $db->prepare("UPDATE bot_passwords SET bp_token = lower(hex(randomblob(16)))
                       WHERE bp_user = (SELECT user_id FROM user WHERE user_name = ?)");
                   $st->execute([$argv[2]]);
                   exit($st->rowCount() === 1 ? 0 : 1);"#,
            )
            .arg(self.get("MWBIND_WIKI_DB"))
            .arg(user)
            .status()
            .expect("php runs");
        assert!(status.success(), "could not end the sessions of {user}");
    }

    pub fn mailbox(&self) -> Vec<Mail> {
        let text = std::fs::read_to_string(self.get("MWBIND_MAILBOX")).unwrap_or_default();
        parse_mailbox(&text)
    }

    /// The mails whose subject contains `marker`.
    pub fn mails_about(&self, marker: &str) -> Vec<Mail> {
        self.mailbox()
            .into_iter()
            .filter(|m| m.subject.contains(marker))
            .collect()
    }
}

/// One message the wiki sent, as the mailbox holds it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Splits the mbox-like file scripts/wiki.sh writes: each message follows a `From ` line.
pub fn parse_mailbox(text: &str) -> Vec<Mail> {
    let mut mails = Vec::new();
    for chunk in text
        .split("\nFrom mwbind@localhost ")
        .map(|c| c.trim_start_matches("From mwbind@localhost "))
    {
        let Some((head, body)) = chunk.split_once("\n\n") else {
            continue;
        };
        let header = |name: &str| {
            head.lines()
                .find_map(|l| l.strip_prefix(name))
                .map(|v| v.trim().to_owned())
                .unwrap_or_default()
        };
        mails.push(Mail {
            to: header("To:"),
            subject: header("Subject:"),
            body: body.to_owned(),
        });
    }
    mails
}

/// A string no other test run uses, to find this test's mail.
pub fn marker(label: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "{label}-{}-{nanos}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}
