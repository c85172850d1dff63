//! `sentinelle console user add|list|remove|passwd`: the console's accounts, kept in the
//! incident store so that every instance on one database shows the same console. Each
//! change is a link of the console's access log, by `cli:` and the operating-system user
//! who ran it (`SUDO_USER`, else `USER`).

use std::io::BufRead as _;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, bail};

use super::{ConsoleAction, UserAction};
use crate::config::Config;
use crate::console::accounts::{self, Role};
use crate::incident::store::{self, accounts::Account};

/// Runs a console command.
pub fn run(config: Option<&Path>, action: ConsoleAction) -> anyhow::Result<ExitCode> {
    let config = match config {
        Some(path) => Config::load(path)?,
        None => Config::embedded_default()?,
    };
    let store = store::open(&config.incidents.store)?;
    let ConsoleAction::User { action } = action;
    match action {
        UserAction::Add {
            name,
            role,
            password_stdin,
        } => {
            let role = Role::parse(&role)?;
            if name.is_empty() || name.len() > 64 || name.chars().any(char::is_control) {
                bail!("an account name has 1 to 64 printable characters");
            }
            let (password, generated) = password(password_stdin)?;
            let account = Account {
                name: name.clone(),
                role: role.as_str().to_owned(),
                password_hash: accounts::hash(&password)?,
                created_at: store::timestamp(time::OffsetDateTime::now_utc()),
                failures: 0,
                locked_until: None,
            };
            if !store.add_account(&account)? {
                bail!("account {name:?} exists (use `console user passwd`)");
            }
            logged(
                store.as_ref(),
                "account_add",
                &format!("{name} ({})", role.as_str()),
            )?;
            if generated {
                println!("{password}");
                eprintln!(
                    "sentinelle: compte {name} ({}) créé ; mot de passe ci-dessus, affiché une seule fois / account created; password above, shown once",
                    role.as_str()
                );
            }
        }
        UserAction::List => {
            for account in store.accounts()? {
                let locked = account.locked_until.as_deref().unwrap_or("-");
                println!(
                    "{:<24} {:<9} {}  locked until: {locked}",
                    account.name, account.role, account.created_at
                );
            }
        }
        UserAction::Remove { name } => {
            // Its sessions go with it (the store cascades), on every instance.
            if !store.remove_account(&name)? {
                bail!("no account {name:?}");
            }
            logged(store.as_ref(), "account_remove", &name)?;
        }
        UserAction::Passwd {
            name,
            password_stdin,
        } => {
            let (password, generated) = password(password_stdin)?;
            if !store.set_password(&name, &accounts::hash(&password)?)? {
                bail!("no account {name:?}");
            }
            // Sessions opened with the old password end, on every instance.
            store.close_sessions(&name)?;
            logged(store.as_ref(), "account_passwd", &name)?;
            if generated {
                println!("{password}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Records an account change in the access log.
fn logged(store: &dyn store::Store, action: &str, target: &str) -> anyhow::Result<()> {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .unwrap_or_else(|_| "unknown".to_owned());
    store
        .log_access(&crate::console::access(
            &format!("cli:{user}"),
            action,
            Some(target),
        ))
        .context("the change is made but the access log did not take it")
}

/// The password from standard input's first line, or a generated one (true).
fn password(from_stdin: bool) -> anyhow::Result<(String, bool)> {
    if !from_stdin {
        return Ok((accounts::generate()?, true));
    }
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("cannot read the password from standard input")?;
    let password = line.trim_end_matches(['\r', '\n']).to_owned();
    accounts::hash(&password)?; // refuses a short one before anything is stored
    Ok((password, false))
}
