//! The real binary: `config check` and `serve` (started on a free port, found through its
//! "listening" log line, stopped with SIGTERM).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::support::Client;

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_sentinelle");

#[test]
fn config_check_accepts_the_example_and_points_at_a_faulty_line() {
    let root = env!("CARGO_MANIFEST_DIR");
    let ok = Command::new(BIN)
        .args(["config", "check", "--config", "sentinelle.example.toml"])
        .current_dir(root)
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("OK"));

    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[[listener]]\naddress = \"127.0.0.1:25\"\nmode = \"relay\"\n[relay]\nupstream = { kind = \"smtp\", address = \"nowhere\" }\n",
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["config", "check", "--config"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("bad.toml:5:"), "{stderr}");
    assert!(stderr.contains("host:port"), "{stderr}");
}

#[tokio::test]
async fn serve_relays_into_the_maildir_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sentinelle.toml"),
        "[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\n[relay]\ntrusted_networks = [\"127.0.0.0/8\"]\nupstream = { kind = \"maildir\", maildir = \"var/outbox\" }\n[log]\nformat = \"json\"\n",
    )
    .unwrap();
    let (child, addr, _logs) = start(dir.path());
    // STARTTLS is offered with the certificate generated on first run.
    let (mut client, greeting) = Client::connect(addr).await;
    assert_eq!(greeting.code, 220);
    assert!(
        client
            .cmd("EHLO poste.test")
            .await
            .message
            .contains("STARTTLS")
    );
    assert!(dir.path().join("certs/tls/cert.pem").exists());
    client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
    client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await;
    client.cmd("DATA").await;
    client.send(b"Subject: essai\r\n\r\nBonjour\r\n").await;
    assert_eq!(client.cmd(".").await.code, 250);
    client.cmd("QUIT").await;

    let new = dir.path().join("var/outbox/new");
    let files: Vec<_> = std::fs::read_dir(&new).unwrap().collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(
        text.ends_with("Subject: essai\r\n\r\nBonjour\r\n"),
        "{text}"
    );

    let exit = stop(child).await;
    assert!(exit.success(), "graceful exit on SIGTERM: {exit:?}");
}

/// Starts the binary in `dir` on its sentinelle.toml; returns it, its bound address and its
/// log lines (JSON), read on a thread.
pub(crate) type Started = (
    std::process::Child,
    std::net::SocketAddr,
    std::sync::mpsc::Receiver<String>,
);

pub(crate) fn start(dir: &std::path::Path) -> Started {
    start_with_console(dir).0
}

/// Starts `sentinelle serve` in `dir`; also the admin listener's address when one is
/// configured (logged before the SMTP listeners).
pub(crate) fn start_with_console(dir: &std::path::Path) -> (Started, Option<std::net::SocketAddr>) {
    let mut child = Command::new(BIN)
        .args(["serve", "--config", "sentinelle.toml"])
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let address = |line: &str| {
        let start = line.find("127.0.0.1:").unwrap();
        let end = line[start..].find('"').unwrap() + start;
        line[start..end].parse::<std::net::SocketAddr>().unwrap()
    };
    let mut console = None;
    let addr = loop {
        let line = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("no listening line");
        if line.contains("admin listener") {
            console = Some(address(&line));
        }
        if line.contains("listening") {
            break address(&line);
        }
    };
    ((child, addr, rx), console)
}

/// Sends `signal` ("-HUP", "-TERM") to `child`.
pub(crate) fn kill(child: &std::process::Child, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// SIGTERM, then the exit status.
async fn stop(mut child: std::process::Child) -> std::process::ExitStatus {
    kill(&child, "-TERM");
    tokio::task::spawn_blocking(move || child.wait().unwrap())
        .await
        .unwrap()
}

/// One transaction of `message` to a partner's address on an open session; the final code.
async fn attempt(client: &mut Client, message: &[u8]) -> u16 {
    attempt_to(client, "dossiers@partenaire.example", message).await
}

/// One transaction of `message` to `rcpt` on an open session; the final code.
async fn attempt_to(client: &mut Client, rcpt: &str, message: &[u8]) -> u16 {
    client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
    client.cmd(&format!("RCPT TO:<{rcpt}>")).await;
    client.cmd("DATA").await;
    client.send(message).await;
    client.cmd(".").await.code
}

#[tokio::test]
async fn sighup_reloads_the_rules_without_dropping_sessions() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sentinelle.toml"),
        "rules_dir = \"regles\"\n[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n[relay]\ntrusted_networks = [\"127.0.0.0/8\"]\nupstream = { kind = \"maildir\", maildir = \"var/outbox\" }\n[log]\nformat = \"json\"\n[console]\naddress = \"127.0.0.1:0\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.path().join("regles/domains")).unwrap();
    let approved = dir.path().join("regles/domains/approved_systems.txt");
    std::fs::write(&approved, "# none yet\n").unwrap();
    let ((child, addr, logs), console) = start_with_console(dir.path());
    let console = console.expect("the admin listener's address");

    // Gaston Tremblay (fake): confidential, to a partner not yet approved.
    let message = b"Subject: suivi\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete.\r\n";
    let (mut client, _) = Client::connect(addr).await;
    client.cmd("EHLO poste.test").await;
    assert_eq!(
        attempt(&mut client, message).await,
        550,
        "external, not yet approved"
    );

    // A faulty list is refused and the rules in force stay.
    std::fs::write(&approved, "partenaire.example\nnot a domain\n").unwrap();
    kill(&child, "-HUP");
    let wait_for = |what: &str| loop {
        let line = logs
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("no {what:?} log line"));
        if line.contains(what) {
            break line;
        }
    };
    let line = wait_for("rules not reloaded");
    assert!(line.contains("approved_systems.txt:2:1: "), "{line}");
    assert_eq!(
        attempt(&mut client, message).await,
        550,
        "previous rules still in force"
    );

    // Approved now: the same session, still open, relays it.
    std::fs::write(&approved, "partenaire.example\n").unwrap();
    kill(&child, "-HUP");
    wait_for("rules reloaded");
    assert_eq!(
        attempt(&mut client, message).await,
        250,
        "approved system after reload"
    );

    // A certificate imported with `sentinelle keys import` counts after SIGHUP: the same
    // session's next message to that physician is encrypted instead of refused.
    let dr = "dr.roy@clinique.example";
    assert_eq!(attempt_to(&mut client, dr, message).await, 550);
    std::fs::write(
        dir.path().join("roy.asc"),
        crate::encryption::sequoia_cert(dr),
    )
    .unwrap();
    let import = Command::new(BIN)
        .args(["keys", "import", "--config", "sentinelle.toml", "roy.asc"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(import.status.success(), "{import:?}");
    assert!(String::from_utf8_lossy(&import.stdout).contains(dr));
    let list = Command::new(BIN)
        .args(["keys", "list", "--config", "sentinelle.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&list.stdout).contains("valid"),
        "{list:?}"
    );
    kill(&child, "-HUP");
    wait_for("rules reloaded");
    assert_eq!(attempt_to(&mut client, dr, message).await, 250);
    let outbox = dir.path().join("var/outbox/new");
    // /metrics counted each reload by its result.
    let (status, metrics) = crate::metrics::get(console, "/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("sentinelle_rule_reloads_total{result=\"failed\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("sentinelle_rule_reloads_total{result=\"ok\"} 2"),
        "{metrics}"
    );
    let encrypted = std::fs::read_dir(&outbox)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .filter(|m| m.contains("multipart/encrypted"))
        .count();
    assert_eq!(encrypted, 1);
    client.cmd("QUIT").await;

    assert!(stop(child).await.success());
}

#[tokio::test]
async fn human_logs_written_to_a_file_or_pipe_carry_no_colour_codes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("sentinelle.toml"),
        "[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n[relay]\ntrusted_networks = [\"127.0.0.0/8\"]\nupstream = { kind = \"maildir\", maildir = \"var/outbox\" }\n[log]\nformat = \"human\"\n",
    )
    .unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--config", "sentinelle.toml"])
        .current_dir(dir.path())
        .env_remove("RUST_LOG")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        let listening = line.contains("listening");
        seen.push(line);
        if listening {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(seen.iter().any(|l| l.contains("listening")), "{seen:?}");
    assert!(!seen.iter().any(|l| l.contains('\u{1b}')), "{seen:?}");
}

#[test]
fn console_user_commands_keep_accounts_in_the_store() {
    use std::io::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("sentinelle.toml");
    let store = dir.path().join("incidents.db");
    std::fs::write(
        &config,
        format!(
            "[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\n[relay]\nupstream = {{ kind = \"maildir\", maildir = \"{}\" }}\n[incidents]\nstore = \"{}\"\n",
            dir.path().join("maildir").display(),
            store.display()
        ),
    )
    .unwrap();
    let console = |args: &[&str], stdin: Option<&str>| {
        let mut child = Command::new(BIN)
            .args(["console", "user"])
            .args(args)
            .args(["--config", config.to_str().unwrap()])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        child.wait_with_output().unwrap()
    };
    let added = console(
        &["add", "lise", "--role", "reviewer", "--password-stdin"],
        Some("correct horse battery staple\n"),
    );
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    let generated = console(&["add", "andre", "--role", "auditor"], None);
    assert!(generated.status.success());
    let password = String::from_utf8(generated.stdout).unwrap();
    assert_eq!(
        password.trim().len(),
        20,
        "a generated password, shown once"
    );
    let short = console(
        &["add", "marc", "--role", "admin", "--password-stdin"],
        Some("court\n"),
    );
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 12"));
    let role = console(&["add", "marc", "--role", "root"], None);
    assert!(String::from_utf8_lossy(&role.stderr).contains("unknown role"));
    let twice = console(&["add", "lise", "--role", "admin"], None);
    assert!(!twice.status.success(), "a name is taken once");
    let listed = String::from_utf8(console(&["list"], None).stdout).unwrap();
    assert!(
        listed.contains("andre") && listed.contains("lise") && listed.contains("reviewer"),
        "{listed}"
    );
    assert!(!listed.contains("argon2"), "no hash printed");
    let stored = sentinelle::incident::store::open(&sentinelle::incident::store::Backend::Sqlite(
        store.clone(),
    ))
    .unwrap();
    // Signed-in sessions end when the password changes or the account goes.
    stored
        .open_session("h-lise", "lise", "c", i64::MAX / 2, 0)
        .unwrap();
    stored
        .open_session("h-andre", "andre", "c", i64::MAX / 2, 0)
        .unwrap();
    assert!(
        console(
            &["passwd", "lise", "--password-stdin"],
            Some("another long passphrase\n")
        )
        .status
        .success()
    );
    assert_eq!(stored.session("h-lise", 0, 0, 0).unwrap(), None);
    let lise = stored.account("lise").unwrap().unwrap();
    assert!(sentinelle::console::accounts::verify(
        "another long passphrase",
        &lise.password_hash
    ));
    assert!(console(&["remove", "andre"], None).status.success());
    assert!(!console(&["remove", "andre"], None).status.success());
    assert!(stored.account("andre").unwrap().is_none());
    assert_eq!(stored.session("h-andre", 0, 0, 0).unwrap(), None);
    // Every change is in the console's access log, by the operating-system user.
    let log = stored.access_log(50).unwrap();
    let actions: Vec<(&str, Option<&str>)> = log
        .iter()
        .map(|a| (a.action.as_str(), a.target.as_deref()))
        .collect();
    for expected in [
        ("account_add", Some("lise (reviewer)")),
        ("account_add", Some("andre (auditor)")),
        ("account_passwd", Some("lise")),
        ("account_remove", Some("andre")),
    ] {
        assert!(actions.contains(&expected), "{actions:?}");
    }
    assert_eq!(
        actions.len(),
        4,
        "failed commands change nothing: {actions:?}"
    );
    assert!(log.iter().all(|a| a.account.starts_with("cli:")));
    assert!(stored.verify_access().unwrap().problems.is_empty());
}
