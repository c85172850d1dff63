//! Notification digests on a clock the test holds: the outbox worker of `server::notifier`,
//! given its own clock and driven one pass at a time, against the real store and a real
//! upstream. A window (aligned on the clock, as in production) sends nothing before it ends,
//! then one email with every incident it holds; no test waits for the wall clock.

use std::sync::{Arc, Mutex};

use sentinelle::config::Config;
use sentinelle::incident::store::{self, Backend, NewIncident, Store};
use time::macros::datetime;

use crate::store::new_incident;
use crate::support::{Behavior, Sink, relay_config};

#[tokio::test]
async fn a_digest_sends_nothing_before_its_window_ends_then_one_email_with_all_of_it() {
    let sink = Sink::start(Behavior::default()).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("incidents.db");
    let toml = format!(
        "{}\n[notifications]\nemail_to = \"centre.services@ssss.gouv.qc.ca\"\nemail_digest_minutes = 15\n[incidents]\nstore = \"{}\"\n",
        relay_config(sink.addr, ""),
        path.display()
    );
    let config = Config::parse(&toml, "test").unwrap_or_else(|e| panic!("{e}"));
    let store: Arc<dyn Store> = Arc::from(store::open_for_server(&Backend::Sqlite(path)).unwrap());
    // Two incidents in the window 16:00-16:15, one in the next.
    let record = |at| {
        let incident = NewIncident {
            channels: vec!["email".into()],
            ..new_incident("confidential_to_public_webmail", at)
        };
        store.record(incident).unwrap().reference
    };
    let first = record(datetime!(2026-07-01 16:02 UTC));
    let second = record(datetime!(2026-07-01 16:09:30 UTC));
    let third = record(datetime!(2026-07-01 16:16 UTC));

    let now = Arc::new(Mutex::new(datetime!(2026-07-01 16:10 UTC)));
    let wake = Arc::new(tokio::sync::Notify::new());
    let mut notifier = sentinelle::server::notifier(&config, &store, &wake)
        .unwrap()
        .expect("a notification channel is configured");
    let clock = Arc::clone(&now);
    notifier.clock = Arc::new(move || *clock.lock().unwrap());
    let set = |at| *now.lock().unwrap() = at;

    // Inside the window: nothing is sent, nothing counts as an attempt.
    notifier.deliver_due().await;
    assert_eq!(sink.count(), 0, "sent before the window ended");
    let waiting = store.outbox().unwrap();
    assert_eq!(waiting.len(), 3);
    assert!(waiting.iter().all(|p| p.attempts == 0), "{waiting:?}");

    // 16:15 ends it: one email with both of its incidents, not the next window's.
    set(datetime!(2026-07-01 16:15 UTC));
    notifier.deliver_due().await;
    let emails = sink.deliveries();
    assert_eq!(emails.len(), 1);
    assert_eq!(
        emails[0].rcpts,
        ["RCPT TO:<centre.services@ssss.gouv.qc.ca>"]
    );
    let text = String::from_utf8_lossy(&emails[0].data).into_owned();
    assert!(
        text.contains("Subject: [Sentinelle] 2 incident(s) DIR04"),
        "{text}"
    );
    assert!(text.contains(&first) && text.contains(&second), "{text}");
    assert!(!text.contains(&third), "{text}");
    assert!(
        text.contains("Date: Wed, 01 Jul 2026 16:15:00 +0000"),
        "{text}"
    );

    // The next window holds the third until 16:30, then sends it alone; each incident once.
    set(datetime!(2026-07-01 16:29:59 UTC));
    notifier.deliver_due().await;
    assert_eq!(sink.count(), 1);
    set(datetime!(2026-07-01 16:30 UTC));
    notifier.deliver_due().await;
    let emails = sink.deliveries();
    assert_eq!(emails.len(), 2);
    let text = String::from_utf8_lossy(&emails[1].data).into_owned();
    assert!(
        text.contains("Subject: [Sentinelle] 1 incident(s) DIR04"),
        "{text}"
    );
    assert!(text.contains(&third) && !text.contains(&first), "{text}");
    assert!(store.outbox().unwrap().is_empty(), "all delivered");
    set(datetime!(2026-07-01 17:00 UTC));
    notifier.deliver_due().await;
    assert_eq!(sink.count(), 2, "nothing is sent twice");
}
