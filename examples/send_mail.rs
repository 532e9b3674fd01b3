//! The main job, end to end: log in with a bot password, see which users can receive mail,
//! and email those who can.
//!
//! `scripts/demo.sh` runs it against the local wiki. By hand, against any wiki:
//!
//! ```text
//! MWBIND_API=https://wiki.example.org/w/api.php \
//! MWBIND_SENDER_USER='Me@mybot' MWBIND_SENDER_PASSWORD=... \
//! cargo run --example send_mail -- Alice Bob
//! ```
//!
//! Without names on the command line it writes to the local wiki's seeded users.
//! `RUST_LOG=mwbind=debug` shows one line per request.

use mwbind::api::{EmailUser, EmailUserResponse, QueryUsers, QueryUsersProp, QueryUsersUser};
use std::io::IsTerminal;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_default_env())
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let api = var("MWBIND_API")?;
    let user = var("MWBIND_SENDER_USER")?;
    let password = var("MWBIND_SENDER_PASSWORD")?;
    let mut names: Vec<String> = std::env::args().skip(1).collect();
    if names.is_empty() {
        for key in ["MWBIND_RECIPIENT", "MWBIND_NOMAIL", "MWBIND_NOADDRESS"] {
            names.push(var(key)?);
        }
        names.push("Nobody here".to_owned());
    }

    let client = mwbind::Client::builder(&api)
        .user_agent("mwbind-demo/0.1 (https://example.invalid/mwbind; demo@example.invalid)")
        .build()?;
    client.login(&user, &password).await?;
    println!("logged in to {api} as {user}");

    let request = QueryUsers::new()
        .users(&names)
        .prop([QueryUsersProp::Emailable]);
    let mut emailable = Vec::new();
    for found in client.send(&request).await? {
        match found {
            QueryUsersUser::Found {
                name,
                emailable: Some(true),
                ..
            } => {
                println!("  {name}: can receive email");
                emailable.push(name);
            }
            QueryUsersUser::Found { name, .. } => println!("  {name}: does not receive email"),
            QueryUsersUser::Missing { name, .. } => println!("  {name}: no such user"),
            QueryUsersUser::Invalid { name } => println!("  {name}: not a valid user name"),
            other => println!("  {other:?}"),
        }
    }

    if emailable.is_empty() {
        println!("nothing sent: none of them can receive email");
        return Ok(());
    }
    let subject = format!("Hello from mwbind ({})", std::process::id());
    for name in emailable {
        let text = format!("Dear {name},\n\nthis mail was sent by mwbind's send_mail example.");
        match client.send(&EmailUser::new(&name, &subject, text)).await? {
            EmailUserResponse::Success => println!("sent \"{subject}\" to {name}"),
            EmailUserResponse::Failure { errors } => {
                println!("the wiki could not send to {name}: {errors:?}")
            }
            other => println!("unexpected answer for {name}: {other:?}"),
        }
    }
    Ok(())
}

fn var(key: &str) -> Result<String, String> {
    std::env::var(key)
        .map_err(|_| format!("set {key} (scripts/demo.sh sets it for the local wiki)"))
}
