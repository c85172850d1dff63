//! One SMTP session on arbitrary client bytes (commands, pipelining, DATA, BDAT, AUTH and
//! STARTTLS refused, garbage) over an in-memory stream, with the whole checkpoint behind it
//! and a Maildir as the next hop. The session must end when the client's input ends, never
//! panic, and write only well-formed replies (three digits, a space or a hyphen, CRLF).
#![no_main]

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use sentinelle::config::Config;
use sentinelle::smtp::{Context, Session};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct World {
    runtime: tokio::runtime::Runtime,
    ctx: Arc<Context>,
    outbox: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        let outbox = dir.path().join("out");
        let text = format!(
            "rules_dir = \"{rules}\"\ncerts_dir = \"{certs}\"\n\n\
             [[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n\n\
             [relay]\ntrusted_networks = [\"127.0.0.0/8\"]\n\
             upstream = {{ kind = \"maildir\", maildir = \"{outbox}\" }}\n\n\
             [limits]\nmax_message_size = 1048576\n\n\
             [analysis]\nocr = false\n\n\
             [incidents]\nstore = \"{db}\"\n",
            rules = dir.path().join("rules").display(),
            certs = dir.path().join("certs").display(),
            outbox = outbox.display(),
            db = dir.path().join("incidents.db").display(),
        );
        let config = Arc::new(Config::parse(&text, "fuzz.toml").expect("configuration"));
        let sources = sentinelle::rules::Sources::of(&config, 2026);
        let rules = Arc::new(sentinelle::rules::Live::load(sources).expect("embedded rules"));
        let store = sentinelle::incident::store::open_for_server(&config.incidents.store)
            .expect("incident store");
        let ctx = sentinelle::server::context(
            &config,
            &config.listeners[0],
            None,
            rules,
            Arc::from(store),
            Arc::new(tokio::sync::Notify::new()),
        )
        .expect("context");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        World {
            runtime,
            ctx,
            outbox,
            _dir: dir,
        }
    })
}

/// Every line the session wrote is a reply line.
fn well_formed(out: &[u8]) -> bool {
    out.split_inclusive(|&b| b == b'\n').all(|line| {
        line.len() >= 6
            && line[..3].iter().all(u8::is_ascii_digit)
            && matches!(line[3], b' ' | b'-')
            && line.ends_with(b"\r\n")
    })
}

fuzz_target!(|data: &[u8]| {
    static RUNS: AtomicU64 = AtomicU64::new(0);
    let world = world();
    world.runtime.block_on(async {
        let (client, server) = tokio::io::duplex(1 << 16);
        let (_trigger, shutdown) = sentinelle::shutdown::channel();
        let session = Session::new(
            Arc::clone(&world.ctx),
            server,
            std::net::Ipv4Addr::LOCALHOST.into(),
            shutdown,
        );
        let running = tokio::spawn(session.run());
        let (mut read, mut write) = tokio::io::split(client);
        let writing = async {
            let _ = write.write_all(data).await;
            let _ = write.shutdown().await;
        };
        let mut out = Vec::new();
        let reading = async {
            let _ = read.read_to_end(&mut out).await;
        };
        tokio::join!(writing, reading);
        tokio::time::timeout(Duration::from_secs(30), running)
            .await
            .expect("the session ends with its input")
            .expect("the session does not panic");
        assert!(well_formed(&out), "{}", String::from_utf8_lossy(&out));
    });
    // Keep the Maildir small over a long run.
    if RUNS.fetch_add(1, Ordering::Relaxed) % 2000 == 1999 {
        let _ = std::fs::remove_dir_all(world.outbox.join("new"));
        let _ = std::fs::create_dir_all(world.outbox.join("new"));
    }
});
