//! CHUNKING (RFC 3030) edge cases: a zero-length last chunk ends the message, and is
//! answered as soon as its command line is in (no octets follow it).

use std::time::{Duration, Instant};

use crate::support::{Behavior, Client, relay_pair, strip_received};

/// Far below the data timeout (the default 180 s); the reply is expected at once.
const PROMPT: Duration = Duration::from_secs(3);

#[tokio::test]
async fn bdat_zero_last_alone_after_a_chunk_ends_the_message_at_once() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 250);
    assert_eq!(client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await.code, 250);
    client.send(b"BDAT 10\r\nSubject:\r\n").await;
    let reply = client.reply().await;
    assert_eq!(reply.code, 250, "{reply:?}");
    let started = Instant::now();
    let reply = client.cmd("BDAT 0 LAST").await;
    assert!(started.elapsed() < PROMPT, "{:?}", started.elapsed());
    assert_eq!(reply.code, 250, "{reply:?}");
    assert_eq!(
        strip_received(&sink.wait_for(1).await[0].data),
        b"Subject:\r\n"
    );
    // The session goes on: the next transaction is served.
    assert_eq!(client.cmd("NOOP").await.code, 250);
    sentinelle.stop().await;
}

#[tokio::test]
async fn bdat_zero_last_as_the_only_chunk_is_answered_at_once() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 250);
    assert_eq!(client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await.code, 250);
    let started = Instant::now();
    let reply = client.cmd("BDAT 0 LAST").await;
    assert!(started.elapsed() < PROMPT, "{:?}", started.elapsed());
    // An empty message takes the normal path: nothing confidential, relayed.
    assert_eq!(reply.code, 250, "{reply:?}");
    assert_eq!(strip_received(&sink.wait_for(1).await[0].data), b"");
    sentinelle.stop().await;
}

#[tokio::test]
async fn bdat_zero_without_recipients_is_answered_at_once() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    let started = Instant::now();
    let reply = client.cmd("BDAT 0 LAST").await;
    assert!(started.elapsed() < PROMPT, "{:?}", started.elapsed());
    assert_eq!(reply.code, 503, "{reply:?}");
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}
