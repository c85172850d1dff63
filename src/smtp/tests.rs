//! Sessions driven in memory: a client script over `tokio::io::duplex`, the whole session
//! (framing, state machine, checkpoint, incident record, relay to a Maildir) behind it.

use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::Session;
use crate::config::Config;
use crate::incident::Store;

struct Memory {
    ctx: Arc<super::Context>,
    dir: tempfile::TempDir,
}

impl Memory {
    fn new() -> Memory {
        let dir = tempfile::tempdir().unwrap();
        let text = format!(
            "[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n\n\
             [relay]\ntrusted_networks = [\"127.0.0.0/8\"]\n\
             upstream = {{ kind = \"maildir\", maildir = \"{}\" }}\n",
            dir.path().join("out").display()
        );
        let config = Arc::new(Config::parse(&text, "memory.toml").unwrap());
        let rules = crate::rules::Live::load(crate::rules::Sources::of(&config, 2026)).unwrap();
        let store = crate::incident::store::sqlite::Sqlite::open(&dir.path().join("i.db")).unwrap();
        let ctx = crate::server::context(
            &config,
            &config.listeners[0],
            None,
            Arc::new(rules),
            Arc::new(store),
            Arc::new(tokio::sync::Notify::new()),
            Arc::default(),
        )
        .unwrap();
        Memory { ctx, dir }
    }

    /// Runs a session over an in-memory stream: writes `script` (then end of input) and
    /// returns everything the session wrote until it closed.
    async fn talk(&self, script: &[u8]) -> String {
        let (mut client, server) = tokio::io::duplex(1 << 16);
        let (_trigger, shutdown) = crate::shutdown::channel();
        let session = Session::new(
            Arc::clone(&self.ctx),
            server,
            std::net::Ipv4Addr::LOCALHOST.into(),
            shutdown,
        );
        let running = tokio::spawn(session.run());
        let (mut read, mut write) = tokio::io::split(&mut client);
        let writing = async {
            write.write_all(script).await.unwrap();
            write.shutdown().await.unwrap();
        };
        let mut out = Vec::new();
        tokio::join!(writing, async {
            read.read_to_end(&mut out).await.unwrap();
        });
        running.await.unwrap();
        String::from_utf8(out).unwrap()
    }

    fn delivered(&self) -> Vec<Vec<u8>> {
        let Ok(entries) = std::fs::read_dir(self.dir.path().join("out/new")) else {
            return Vec::new();
        };
        entries
            .map(|e| std::fs::read(e.unwrap().path()).unwrap())
            .collect()
    }

    fn incidents(&self) -> usize {
        let store =
            crate::incident::store::sqlite::Sqlite::open(&self.dir.path().join("i.db")).unwrap();
        store.list(&Default::default()).unwrap().len()
    }
}

/// The reply codes of a transcript, in order.
fn codes(transcript: &str) -> Vec<&str> {
    transcript
        .split("\r\n")
        .filter(|l| l.len() >= 4 && l.as_bytes()[3] == b' ')
        .map(|l| &l[..3])
        .collect()
}

const CLEAN: &str = "From: a@ssss.gouv.qc.ca\r\nTo: b@clinique.example\r\nSubject: reunion\r\n\r\nLa reunion est reportee a jeudi.\r\n";

#[tokio::test]
async fn a_pipelined_transaction_is_answered_in_order_and_delivered_once() {
    let memory = Memory::new();
    let script = format!(
        "EHLO client.example\r\nMAIL FROM:<a@ssss.gouv.qc.ca>\r\nRCPT TO:<b@clinique.example>\r\nDATA\r\n{CLEAN}.\r\nQUIT\r\n"
    );
    let transcript = memory.talk(script.as_bytes()).await;
    assert_eq!(
        codes(&transcript),
        ["220", "250", "250", "250", "354", "250", "221"],
        "{transcript}"
    );
    let delivered = memory.delivered();
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].ends_with(CLEAN.as_bytes()));
}

#[tokio::test]
async fn rset_forgets_the_transaction_and_data_needs_a_recipient_again() {
    let memory = Memory::new();
    let script = "EHLO c\r\nMAIL FROM:<a@ssss.gouv.qc.ca>\r\nRCPT TO:<b@clinique.example>\r\nRSET\r\nDATA\r\nRCPT TO:<b@clinique.example>\r\nQUIT\r\n";
    let transcript = memory.talk(script.as_bytes()).await;
    assert_eq!(
        codes(&transcript),
        ["220", "250", "250", "250", "250", "503", "503", "221"],
        "{transcript}"
    );
    assert!(memory.delivered().is_empty());
}

#[tokio::test]
async fn starttls_is_refused_where_tls_is_not_offered_and_the_session_goes_on() {
    let memory = Memory::new();
    let transcript = memory.talk(b"EHLO c\r\nSTARTTLS\r\nNOOP\r\nQUIT\r\n").await;
    assert!(!transcript.contains("STARTTLS\r\n"), "{transcript}");
    assert_eq!(
        codes(&transcript),
        ["220", "250", "454", "250", "221"],
        "{transcript}"
    );
}

#[tokio::test]
async fn patient_data_to_webmail_is_refused_with_a_reference_and_nothing_is_delivered() {
    let memory = Memory::new();
    let body = "From: a@ssss.gouv.qc.ca\r\nSubject: suivi\r\n\r\nPatient Gaston Tremblay, NAM TREG 5401 0114, diagnostic de diabete.\r\n";
    let script = format!(
        "EHLO c\r\nMAIL FROM:<a@ssss.gouv.qc.ca>\r\nRCPT TO:<x@gmail.com>\r\nDATA\r\n{body}.\r\nQUIT\r\n"
    );
    let transcript = memory.talk(script.as_bytes()).await;
    assert_eq!(
        codes(&transcript),
        ["220", "250", "250", "250", "354", "550", "221"]
    );
    assert!(transcript.contains("DIR04 art. 6 (4)"), "{transcript}");
    assert!(
        transcript.contains("Incident reference: INC-"),
        "{transcript}"
    );
    assert!(!transcript.contains("5401"), "{transcript}");
    assert!(memory.delivered().is_empty());
    assert_eq!(memory.incidents(), 1);
}

#[tokio::test]
async fn bdat_chunks_make_one_message_and_bdat_0_last_ends_it() {
    let memory = Memory::new();
    let (first, second) = CLEAN.split_at(20);
    let script = format!(
        "EHLO c\r\nMAIL FROM:<a@ssss.gouv.qc.ca>\r\nRCPT TO:<b@clinique.example>\r\nBDAT {}\r\n{first}BDAT {}\r\n{second}BDAT 0 LAST\r\nQUIT\r\n",
        first.len(),
        second.len()
    );
    let transcript = memory.talk(script.as_bytes()).await;
    assert_eq!(
        codes(&transcript),
        ["220", "250", "250", "250", "250", "250", "250", "221"],
        "{transcript}"
    );
    let delivered = memory.delivered();
    assert_eq!(delivered.len(), 1);
    assert!(delivered[0].ends_with(CLEAN.as_bytes()));
}
