//! Graceful shutdown (SIGTERM, Ctrl-C): no new sessions, idle sessions get 421 at once,
//! transactions in flight finish until the grace deadline, then 421 and nothing relayed.

use crate::support::{Behavior, Client, Sentinelle, Sink, message, relay_config};

async fn in_data(addr: std::net::SocketAddr) -> Client {
    let mut client = Client::greeted(addr).await;
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    client
}

#[tokio::test]
async fn shutdown_lets_a_transaction_finish_and_sends_421_to_idle_sessions() {
    let sink = Sink::start(Behavior::default()).await;
    let mut sentinelle = Sentinelle::start(&relay_config(sink.addr, "")).await;
    let (mut idle, _) = Client::connect(sentinelle.addr()).await;
    assert_eq!(idle.cmd("EHLO idle.test").await.code, 250);
    let mut busy = in_data(sentinelle.addr()).await;
    let raw = message("en-vol", "corps du message en cours");
    let (head, tail) = raw.split_at(30);
    busy.send(head).await;

    sentinelle.signal_stop();
    let reply = idle.reply().await;
    assert_eq!((reply.code, reply.esc), (421, [4, 3, 2]), "{reply:?}");
    assert!(idle.closed().await);

    busy.send(tail).await;
    let reply = busy.cmd(".").await;
    assert_eq!(
        reply.code, 250,
        "the transaction in flight finishes: {reply:?}"
    );
    let reply = busy.reply().await;
    assert_eq!(reply.code, 421, "then the session is closed: {reply:?}");
    sentinelle.stop().await;
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn shutdown_deadline_closes_a_stalled_transaction_without_relaying() {
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(sink.addr, "").replace("shutdown_grace = 5", "shutdown_grace = 0.3");
    let mut sentinelle = Sentinelle::start(&config).await;
    let mut stalled = in_data(sentinelle.addr()).await;
    stalled.send(b"Subject: jamais fini\r\n\r\ndebut").await;
    sentinelle.signal_stop();
    // The client never finishes; past the deadline it is told to come back later.
    let reply = stalled.reply().await;
    assert_eq!((reply.code, reply.esc), (421, [4, 3, 2]), "{reply:?}");
    assert!(stalled.closed().await);
    sentinelle.stop().await;
    assert_eq!(
        sink.count(),
        0,
        "a message without its final reply stays with the client"
    );
}
