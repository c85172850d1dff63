//! Ways around the recipient classes (issue 10): routing forms inside a RCPT TO address that
//! a next hop may honour (percent hack, bang path, quoted @, source route) are refused at
//! RCPT with 553 5.1.3; a legitimate quoted local part reaches the upstream as written.

use crate::support::{Behavior, Client, relay_pair};

/// Offers `path` as the only recipient: refused with 553 5.1.3, so DATA has no recipient and
/// nothing reaches the upstream.
async fn assert_routing_refused(path: &str) {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 250);
    let reply = client.cmd(&format!("RCPT TO:<{path}>")).await;
    assert_eq!(
        (reply.code, reply.esc),
        (553, [5, 1, 3]),
        "{path}: {reply:?}"
    );
    let text = reply.message.to_ascii_lowercase();
    assert!(
        text.find("routage").unwrap() < text.find("routing").unwrap(),
        "French then English: {reply:?}"
    );
    assert_eq!(client.cmd("DATA").await.code, 503, "{path}");
    client.cmd("QUIT").await;
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0, "{path}: nothing may be relayed");
}

#[tokio::test]
async fn percent_hack_recipient_is_refused() {
    assert_routing_refused("user%gmail.com@ssss.gouv.qc.ca").await;
}

#[tokio::test]
async fn bang_path_recipient_is_refused() {
    assert_routing_refused("gmail.com!user@ssss.gouv.qc.ca").await;
}

#[tokio::test]
async fn quoted_at_in_the_local_part_is_refused() {
    assert_routing_refused("\"user@gmail.com\"@ssss.gouv.qc.ca").await;
}

#[tokio::test]
async fn quoted_percent_in_the_local_part_is_refused() {
    assert_routing_refused("\"user%gmail.com\"@ssss.gouv.qc.ca").await;
}

#[tokio::test]
async fn source_route_recipient_is_refused() {
    assert_routing_refused("@relay.example:user@ssss.gouv.qc.ca").await;
}

#[tokio::test]
async fn quoted_local_part_reaches_the_upstream_as_written() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client
        .start_data(
            "a@ssss.gouv.qc.ca",
            &[
                "\"jean dupont\"@ssss.gouv.qc.ca",
                "\"a\\\"b\"@ssss.gouv.qc.ca",
            ],
        )
        .await;
    let reply = client
        .finish_data(b"Subject: guillemets\r\n\r\ncorps\r\n")
        .await;
    assert_eq!(reply.code, 250, "{reply:?}");
    client.cmd("QUIT").await;
    let got = &sink.wait_for(1).await[0];
    assert_eq!(
        got.rcpts,
        vec![
            "RCPT TO:<\"jean dupont\"@ssss.gouv.qc.ca>",
            "RCPT TO:<\"a\\\"b\"@ssss.gouv.qc.ca>"
        ]
    );
    sentinelle.stop().await;
}

#[tokio::test]
async fn quoted_reverse_path_reaches_the_upstream_as_written_without_its_source_route() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    for (from, relayed) in [
        (
            "\"jean dupont\"@ssss.gouv.qc.ca",
            "MAIL FROM:<\"jean dupont\"@ssss.gouv.qc.ca>",
        ),
        (
            "@relais.example:a@ssss.gouv.qc.ca",
            "MAIL FROM:<a@ssss.gouv.qc.ca>",
        ),
    ] {
        let mut client = Client::greeted(sentinelle.addr()).await;
        client.start_data(from, &["b@ssss.gouv.qc.ca"]).await;
        let reply = client.finish_data(b"Subject: envoi\r\n\r\ncorps\r\n").await;
        assert_eq!(reply.code, 250, "{reply:?}");
        client.cmd("QUIT").await;
        let count = sink.count();
        let got = &sink.wait_for(count).await[count - 1];
        assert!(got.mail.starts_with(relayed), "{from}: {}", got.mail);
    }
    sentinelle.stop().await;
}
