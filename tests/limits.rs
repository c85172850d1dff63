//! Every limit answers with the right code and leaves the session usable (or closes it when
//! it must): SIZE, recipients, line lengths, sessions per client, timeouts, and a load of
//! 500 concurrent sessions relayed with none lost.

use std::sync::Arc;

use crate::support::{Behavior, Client, Sentinelle, Sink, message, relay_config, relay_pair};

#[tokio::test]
async fn size_announced_at_mail_from_over_the_limit_is_refused() {
    let (_sink, sentinelle) =
        relay_pair(Behavior::default(), "[limits]\nmax_message_size = 4096\n").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    let reply = client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca> SIZE=5000").await;
    assert_eq!((reply.code, reply.esc), (552, [5, 3, 4]), "{reply:?}");
    assert_eq!(
        client
            .cmd("MAIL FROM:<a@ssss.gouv.qc.ca> SIZE=4000")
            .await
            .code,
        250
    );
    client.cmd("QUIT").await;
    sentinelle.stop().await;
}

#[tokio::test]
async fn size_exceeded_during_data_is_refused_and_the_session_goes_on() {
    let (sink, sentinelle) =
        relay_pair(Behavior::default(), "[limits]\nmax_message_size = 4096\n").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    let big = message("gros", &"0123456789abcdef\r\n".repeat(1000));
    client.send(&big).await;
    let reply = client.cmd(".").await;
    assert_eq!((reply.code, reply.esc), (552, [5, 3, 4]), "{reply:?}");
    // Same over BDAT: the chunk is read and refused.
    client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
    client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await;
    client
        .send(format!("BDAT {} LAST\r\n", big.len()).as_bytes())
        .await;
    client.send(&big).await;
    assert_eq!(client.reply().await.code, 552);
    // The session is still in step: a small message goes through.
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    client.send(&message("petit", "ok")).await;
    assert_eq!(client.cmd(".").await.code, 250);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn too_many_recipients_get_452() {
    let sink = Sink::start(Behavior::default()).await;
    let sentinelle =
        Sentinelle::start(&relay_config(sink.addr, "[limits]\nmax_recipients = 3\n")).await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await;
    for i in 0..3 {
        assert_eq!(
            client
                .cmd(&format!("RCPT TO:<r{i}@ssss.gouv.qc.ca>"))
                .await
                .code,
            250
        );
    }
    let reply = client.cmd("RCPT TO:<r3@ssss.gouv.qc.ca>").await;
    assert_eq!((reply.code, reply.esc), (452, [4, 5, 3]), "{reply:?}");
    client.cmd("DATA").await;
    client.send(&message("trois", "ok")).await;
    assert_eq!(client.cmd(".").await.code, 250);
    sentinelle.stop().await;
    assert_eq!(sink.deliveries()[0].rcpts.len(), 3);
}

#[tokio::test]
async fn command_line_too_long_gets_500_and_the_session_goes_on() {
    let (_sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    let long = format!("MAIL FROM:<{}@ssss.gouv.qc.ca>", "a".repeat(3000));
    let reply = client.cmd(&long).await;
    assert_eq!((reply.code, reply.esc), (500, [5, 5, 2]), "{reply:?}");
    // The rest of the long line was discarded, not read as commands.
    assert_eq!(client.cmd("NOOP").await.code, 250);
    assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 250);
    client.cmd("QUIT").await;
    sentinelle.stop().await;
}

#[tokio::test]
async fn header_line_too_long_is_refused() {
    let (sink, sentinelle) = relay_pair(Behavior::default(), "").await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    client
        .send(format!("Subject: {}\r\n\r\ncorps\r\n", "x".repeat(1200)).as_bytes())
        .await;
    let reply = client.cmd(".").await;
    assert_eq!((reply.code, reply.esc), (552, [5, 3, 4]), "{reply:?}");
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn too_many_protocol_errors_close_the_session() {
    let sink = Sink::start(Behavior::default()).await;
    let sentinelle =
        Sentinelle::start(&relay_config(sink.addr, "[limits]\nmax_errors = 3\n")).await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    assert_eq!(client.cmd("BOGUS").await.code, 500);
    assert_eq!(client.cmd("RCPT TO:<b@ssss.gouv.qc.ca>").await.code, 503);
    assert_eq!(client.cmd("HELP").await.code, 502);
    assert_eq!(client.reply().await.code, 421);
    assert!(client.closed().await);
    sentinelle.stop().await;
}

#[tokio::test]
async fn sessions_per_client_over_the_limit_get_421() {
    let (_sink, sentinelle) = relay_pair(
        Behavior::default(),
        "[limits]\nmax_sessions_per_client = 2\n",
    )
    .await;
    let (_first, g1) = Client::connect(sentinelle.addr()).await;
    let (_second, g2) = Client::connect(sentinelle.addr()).await;
    assert_eq!((g1.code, g2.code), (220, 220));
    let (mut third, g3) = Client::connect(sentinelle.addr()).await;
    assert_eq!((g3.code, g3.esc), (421, [4, 7, 0]), "{g3:?}");
    assert!(third.closed().await);
    drop(_first);
    drop(_second);
    sentinelle.stop().await;
}

#[tokio::test]
async fn idle_client_times_out_with_421() {
    let sink = Sink::start(Behavior::default()).await;
    let sentinelle = Sentinelle::start(
        &relay_config(sink.addr, "").replace("[timeouts]", "[timeouts]\ncommand = 0.3"),
    )
    .await;
    // Only the greeting: the client then does nothing at all, so no step of the test runs
    // inside the 0.3 s window (a busy machine cannot make the test itself late). The test
    // waits for the server's own timeout reply: no sleep.
    let (mut client, greeting) = Client::connect(sentinelle.addr()).await;
    assert_eq!(greeting.code, 220);
    let reply = client.reply().await;
    assert_eq!((reply.code, reply.esc), (421, [4, 4, 2]), "{reply:?}");
    assert!(client.closed().await);
    sentinelle.stop().await;
}

#[tokio::test]
async fn five_hundred_concurrent_sessions_are_all_relayed() {
    // Client, server, upstream and sink sides of 500 sessions live in this process.
    rlimit::increase_nofile_limit(8192).unwrap();
    let sink = Sink::start(Behavior::default()).await;
    let config = relay_config(
        sink.addr,
        "[limits]\nmax_sessions = 1000\nmax_sessions_per_client = 1000\n",
    )
    .replace(
        "upstream_connect = 2\nupstream_command = 2\nupstream_data = 2",
        "upstream_connect = 30\nupstream_command = 30\nupstream_data = 30",
    );
    let sentinelle = Sentinelle::start(&config).await;
    let addr = sentinelle.addr();
    // Every session first opens its transaction, then all send DATA together.
    let barrier = Arc::new(tokio::sync::Barrier::new(500));
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..500 {
        let barrier = barrier.clone();
        tasks.spawn(async move {
            let mut client = Client::greeted(addr).await;
            assert_eq!(client.cmd("MAIL FROM:<a@ssss.gouv.qc.ca>").await.code, 250);
            assert_eq!(
                client
                    .cmd(&format!("RCPT TO:<m{i}@ssss.gouv.qc.ca>"))
                    .await
                    .code,
                250
            );
            barrier.wait().await;
            assert_eq!(client.cmd("DATA").await.code, 354);
            client.send(&message(&format!("charge{i}"), "corps")).await;
            let reply = client.cmd(".").await;
            assert_eq!(reply.code, 250, "session {i}: {reply:?}");
        });
    }
    // A session that fails before the barrier would leave the others waiting there forever:
    // the first failure fails the test at once (the others are aborted), and the whole load
    // has a deadline.
    let all = async {
        while let Some(done) = tasks.join_next().await {
            if let Err(err) = done {
                std::panic::resume_unwind(err.into_panic());
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(240), all)
        .await
        .expect("500 sessions not done within 240 s");
    let deliveries = sink.wait_for(500).await;
    assert_eq!(deliveries.len(), 500);
    let mut ids: Vec<String> = deliveries.iter().map(|d| d.rcpts[0].clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 500, "each message exactly once");
    sentinelle.stop().await;
}

#[tokio::test]
async fn client_stalling_in_data_times_out_with_421_and_nothing_is_relayed() {
    let sink = Sink::start(Behavior::default()).await;
    let sentinelle = Sentinelle::start(
        &relay_config(sink.addr, "").replace("[timeouts]", "[timeouts]\ndata = 0.3"),
    )
    .await;
    let mut client = Client::greeted(sentinelle.addr()).await;
    // MAIL, RCPT and DATA run under the command timeout; after 354 the client sends nothing,
    // so nothing the test does races the 0.3 s data timeout.
    client
        .start_data("a@ssss.gouv.qc.ca", &["b@ssss.gouv.qc.ca"])
        .await;
    let reply = client.reply().await;
    assert_eq!((reply.code, reply.esc), (421, [4, 4, 2]), "{reply:?}");
    assert!(client.closed().await);
    sentinelle.stop().await;
    assert_eq!(sink.count(), 0);
}

#[tokio::test]
async fn sessions_over_the_global_limit_get_421() {
    let sink = Sink::start(Behavior::default()).await;
    let sentinelle =
        Sentinelle::start(&relay_config(sink.addr, "[limits]\nmax_sessions = 2\n")).await;
    let (mut first, _) = Client::connect(sentinelle.addr()).await;
    let (mut second, _) = Client::connect(sentinelle.addr()).await;
    let (mut third, greeting) = Client::connect(sentinelle.addr()).await;
    assert_eq!(
        (greeting.code, greeting.esc),
        (421, [4, 7, 0]),
        "{greeting:?}"
    );
    assert!(third.closed().await);
    // A place frees up when a session ends.
    first.cmd("QUIT").await;
    assert!(first.closed().await);
    second.cmd("NOOP").await;
    let mut admitted = None;
    for _ in 0..50 {
        let (client, greeting) = Client::connect(sentinelle.addr()).await;
        if greeting.code == 220 {
            admitted = Some(client);
            break;
        }
        // The first session's place is released when its task ends; try again.
        tokio::task::yield_now().await;
    }
    assert!(
        admitted.is_some(),
        "a new session is admitted once one ended"
    );
    drop(second);
    drop(admitted);
    sentinelle.stop().await;
}
