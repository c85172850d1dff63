//! Slow senders (issue 10): a client that trickles its input a byte at a time must not hold a
//! session open. A command line has one deadline for the whole line; a message transfer has
//! a total deadline and a minimum average rate past a grace period. Each ends with 421 4.4.2
//! and the connection closed, and nothing is relayed.

use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{Behavior, Client, Sentinelle, Sink, relay_config};

/// What a trickling client saw.
struct Trickled {
    /// Everything the server wrote after the trickle began, until it closed.
    text: String,
    /// Octets written before the server closed.
    sent: usize,
    /// From the first octet to the server's close.
    elapsed: Duration,
}

/// Writes `bytes` (cycled) one octet every `every` until the server closes the connection
/// (10 s at most); the reader runs concurrently so the server's reply is seen when it comes.
async fn trickle(client: Client, bytes: &[u8], every: Duration) -> Trickled {
    let (mut reader, mut writer) = tokio::io::split(client.into_stream());
    let bytes = bytes.to_vec();
    let started = Instant::now();
    let writing = tokio::spawn(async move {
        let mut sent = 0;
        for byte in bytes.iter().cycle() {
            if writer.write_all(&[*byte]).await.is_err() || writer.flush().await.is_err() {
                break;
            }
            sent += 1;
            // The trickle itself: one octet per period is what the attack is.
            tokio::time::sleep(every).await;
        }
        sent
    });
    let mut received = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), async {
        let mut buf = [0u8; 1024];
        while let Ok(n) = reader.read(&mut buf).await {
            if n == 0 {
                break;
            }
            received.extend_from_slice(&buf[..n]);
        }
    })
    .await;
    let elapsed = started.elapsed();
    assert!(
        read.is_ok(),
        "the server kept the trickling client for 10 s"
    );
    // The writer stops at its first failed write after the close, or is stopped here.
    let sent = tokio::time::timeout(Duration::from_secs(2), writing)
        .await
        .map_or(usize::MAX, |r| r.unwrap());
    Trickled {
        text: String::from_utf8_lossy(&received).into_owned(),
        sent,
        elapsed,
    }
}

/// A relay with `timeouts` and `limits` lines added to its sections, and its sink.
async fn start(timeouts: &str, limits: &str) -> (Sink, Sentinelle) {
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(sink.addr, &format!("[limits]\n{limits}\n"))
        .replace("[timeouts]", &format!("[timeouts]\n{timeouts}"));
    (sink, Sentinelle::start(&config).await)
}

const EVERY: Duration = Duration::from_millis(200);

#[tokio::test]
async fn slowloris_command_line_trickle() {
    let (sink, sentinelle) = start("command = 1", "").await;
    let client = Client::greeted(sentinelle.addr()).await;
    let seen = trickle(client, b"MAIL FROM:<lent@ssss.gouv.qc.ca>", EVERY).await;
    assert!(
        seen.text.starts_with("421 4.4.2 Delai d'attente depasse"),
        "{}",
        seen.text
    );
    assert!(seen.sent >= 2, "the client trickled ({} octets)", seen.sent);
    // One deadline of 1 s for the whole line, not 1 s per octet.
    assert!(seen.elapsed < Duration::from_secs(4), "{:?}", seen.elapsed);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn slowloris_data_trickle_below_the_minimum_rate() {
    let (sink, sentinelle) = start(
        "data = 1\ndata_total = 60\ndata_rate_grace = 1",
        "min_data_rate = 100",
    )
    .await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    let seen = trickle(client, b"Subject: lent\r\n\r\ncorps du message\r\n", EVERY).await;
    assert!(
        seen.text
            .starts_with("421 4.4.2 Transfert du message trop lent"),
        "{}",
        seen.text
    );
    assert!(seen.sent >= 2, "the client trickled ({} octets)", seen.sent);
    // 5 octets a second against 100 after a 1 s grace: closed soon after the grace.
    assert!(seen.elapsed < Duration::from_secs(5), "{:?}", seen.elapsed);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0, "nothing may be relayed");
}

#[tokio::test]
async fn slowloris_data_that_never_ends_hits_the_total_deadline() {
    // No minimum rate: only the total deadline can end it.
    let (sink, sentinelle) = start("data = 1\ndata_total = 2", "min_data_rate = 0").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    let seen = trickle(client, b"Subject: sans fin\r\n\r\nencore\r\n", EVERY).await;
    assert!(
        seen.text
            .starts_with("421 4.4.2 Transfert du message trop lent ou trop long"),
        "{}",
        seen.text
    );
    assert!(seen.sent >= 5, "the client trickled ({} octets)", seen.sent);
    assert!(seen.elapsed < Duration::from_secs(6), "{:?}", seen.elapsed);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0, "nothing may be relayed");
}

#[tokio::test]
async fn slowloris_bdat_one_octet_chunks() {
    // Each BDAT command and its chunk come quickly; the transfer as a whole is too slow.
    let (sink, sentinelle) = start("data_rate_grace = 1", "min_data_rate = 100").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 250);
    assert_eq!(client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await.code, 250);
    let started = Instant::now();
    let mut chunks = 0;
    let last = loop {
        client.send(b"BDAT 1\r\nx").await;
        let reply = client.reply().await;
        if reply.code != 250 {
            break reply;
        }
        chunks += 1;
        assert!(started.elapsed() < Duration::from_secs(10), "never closed");
        tokio::time::sleep(EVERY).await;
    };
    assert_eq!((last.code, last.esc), (421, [4, 4, 2]), "{last:?}");
    assert!(chunks >= 2, "{chunks} chunks accepted first");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(client.closed().await);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0, "nothing may be relayed");
}
