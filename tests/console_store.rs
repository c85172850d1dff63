//! What the console keeps and reads, against both store backends: accounts and their
//! lockout, sessions (expiry, lease, logout, an account's removal), pages of incidents under every filter and sort with their totals, the
//! dashboard's tallies, and the facets given to incidents recorded before they existed.

use sentinelle::incident::model::{Severity, Status};
use sentinelle::incident::store::accounts::{Access, Account};
use sentinelle::incident::store::pages::{Query, Sort};
use sentinelle::incident::store::{self, Backend, Filter, Review, Store};

use crate::store::{FreshDatabase, new_incident};

fn account(name: &str, role: &str) -> Account {
    Account {
        name: name.into(),
        role: role.into(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".into(),
        created_at: "2026-12-07T10:00:00Z".into(),
        failures: 0,
        locked_until: None,
    }
}

fn accounts_suite(store: &dyn Store) {
    assert!(store.add_account(&account("lise", "reviewer")).unwrap());
    assert!(store.add_account(&account("andre", "auditor")).unwrap());
    assert!(
        !store.add_account(&account("lise", "admin")).unwrap(),
        "a name is taken once"
    );
    let names: Vec<String> = store
        .accounts()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert_eq!(names, ["andre", "lise"]);
    for expected in 1..=4 {
        assert_eq!(
            store
                .login_failed("lise", 5, "2026-12-07T10:15:00Z")
                .unwrap(),
            expected
        );
        assert_eq!(store.account("lise").unwrap().unwrap().locked_until, None);
    }
    assert_eq!(
        store
            .login_failed("lise", 5, "2026-12-07T10:15:00Z")
            .unwrap(),
        5
    );
    let locked = store.account("lise").unwrap().unwrap();
    assert_eq!(locked.locked_until.as_deref(), Some("2026-12-07T10:15:00Z"));
    assert!(store.set_password("lise", "$argon2id$new").unwrap());
    let reset = store.account("lise").unwrap().unwrap();
    assert_eq!(
        (
            reset.failures,
            reset.locked_until,
            reset.password_hash.as_str()
        ),
        (0, None, "$argon2id$new")
    );
    assert_eq!(store.login_failed("nobody", 5, "x").unwrap(), 0);
    assert!(store.remove_account("andre").unwrap());
    assert!(!store.remove_account("andre").unwrap());
    assert!(store.account("andre").unwrap().is_none());
}

fn sessions_suite(store: &dyn Store) {
    assert!(store.add_account(&account("marc", "reviewer")).unwrap());
    assert!(store.add_account(&account("eve", "auditor")).unwrap());
    store.open_session("h-old", "marc", "c0", 1_000, 0).unwrap();
    store
        .open_session("h-marc", "marc", "c1", 5_000, 0)
        .unwrap();
    store.open_session("h-eve", "eve", "c2", 5_000, 0).unwrap();
    let found = store
        .session("h-marc", 5_010, 4_000, 4_950)
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            found.account.as_str(),
            found.role.as_str(),
            found.csrf.as_str()
        ),
        ("marc", "reviewer", "c1")
    );
    assert_eq!(
        store.session("h-old", 5_010, 4_000, 4_950).unwrap(),
        None,
        "idle too long"
    );
    assert_eq!(store.session("forged", 5_010, 4_000, 4_950).unwrap(), None);
    // A request renews the lease (when the last one is older than the touch window).
    assert!(
        store
            .session("h-marc", 5_100, 4_000, 5_040)
            .unwrap()
            .is_some()
    );
    assert!(
        store
            .session("h-marc", 6_900, 5_090, 6_840)
            .unwrap()
            .is_some(),
        "renewed at 5100"
    );
    // Opening a session sweeps the expired ones.
    store
        .open_session("h-new", "marc", "c3", 7_000, 5_000)
        .unwrap();
    assert_eq!(store.session("h-old", 7_000, 0, 0).unwrap(), None, "swept");
    store.close_session("h-new").unwrap();
    assert_eq!(
        store.session("h-new", 7_000, 0, 0).unwrap(),
        None,
        "logged out"
    );
    assert_eq!(store.close_sessions("marc").unwrap(), 1);
    assert_eq!(store.session("h-marc", 7_000, 0, 0).unwrap(), None);
    // Removing an account removes its sessions.
    assert!(store.session("h-eve", 7_000, 0, 0).unwrap().is_some());
    assert!(store.remove_account("eve").unwrap());
    assert_eq!(store.session("h-eve", 7_000, 0, 0).unwrap(), None);
    assert_eq!(store.close_sessions("eve").unwrap(), 0, "none left behind");
    assert!(store.remove_account("marc").unwrap());
}

fn access_suite(store: &dyn Store, tamper: &dyn Fn(&str)) {
    for (action, target) in [
        ("sign_in", None),
        ("view", Some("INC-2026-000001")),
        ("close", Some("INC-2026-000001")),
    ] {
        let entry = Access {
            at: "2026-12-07T10:00:00Z".into(),
            account: "lise".into(),
            action: action.into(),
            target: target.map(str::to_owned),
        };
        store.log_access(&entry).unwrap();
    }
    let log = store.access_log(2).unwrap();
    assert_eq!(
        log.iter().map(|a| a.action.as_str()).collect::<Vec<_>>(),
        ["close", "view"]
    );
    let verification = store.verify_access().unwrap();
    assert_eq!((verification.checked, verification.problems.len()), (3, 0));
    tamper("UPDATE access_log SET record = replace(record, 'lise', 'marc') WHERE seq = 2");
    let problems = store.verify_access().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("#2") && p.contains("content changed")),
        "{problems:?}"
    );
    tamper("DELETE FROM access_log WHERE seq = 2");
    let problems = store.verify_access().unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("#3") && p.contains("removed or inserted")),
        "{problems:?}"
    );
}

fn pages_suite(store: &dyn Store) {
    let at = time::macros::datetime!(2026-03-10 15:00 UTC);
    for i in 0..30 {
        let category = if i % 3 == 0 {
            "auto_forward"
        } else {
            "confidential_to_public_webmail"
        };
        let mut new = new_incident(category, at + time::Duration::minutes(i));
        if i % 5 == 0 {
            new.draft.severity = Severity::Medium;
            new.who.envelope_sender = "Dr.Roy@ssss.gouv.qc.ca".into();
            new.draft.recipients[0].class = sentinelle::policy::Class::External;
        }
        store.record(new).unwrap();
    }
    let review = Review {
        at: "2026-03-11T12:00:00Z".into(),
        by: "lise".into(),
        status: Status::UnderReview,
        note: None,
    };
    store.review("INC-2026-000002", review).unwrap();
    let page = |filter: Filter, sort: Sort, descending: bool, offset: u64, limit: u64| {
        let query = Query {
            filter,
            sort,
            descending,
            offset,
            limit,
        };
        store.page(&query).unwrap()
    };
    let refs = |p: &store::pages::Page| -> Vec<String> {
        p.cases
            .iter()
            .map(|c| c.incident.reference[9..].to_owned())
            .collect()
    };
    let all = page(Filter::default(), Sort::Created, true, 0, 4);
    assert_eq!(
        (all.total, refs(&all)),
        (
            30,
            vec![
                "000030".into(),
                "000029".into(),
                "000028".into(),
                "000027".into()
            ]
        )
    );
    let second = page(Filter::default(), Sort::Created, true, 4, 4);
    assert_eq!(refs(&second)[0], "000026");
    let last = page(Filter::default(), Sort::Created, false, 28, 4);
    assert_eq!(refs(&last), ["000029", "000030"]);
    let medium = Filter {
        severity: Some("medium".into()),
        ..Filter::default()
    };
    assert_eq!(page(medium, Sort::Created, false, 0, 50).total, 6);
    let sender = Filter {
        sender: Some("dr.roy@SSSS.gouv.qc.ca".into()),
        ..Filter::default()
    };
    assert_eq!(page(sender, Sort::Created, false, 0, 50).total, 6);
    let external = Filter {
        class: Some("external".into()),
        ..Filter::default()
    };
    assert_eq!(page(external, Sort::Created, false, 0, 50).total, 6);
    let webmail = Filter {
        class: Some("public_webmail".into()),
        category: Some("auto_forward".into()),
        ..Filter::default()
    };
    assert_eq!(
        page(webmail, Sort::Created, false, 0, 50).total,
        8,
        "30/3 minus 0, 15"
    );
    let under_review = Filter {
        status: Some(Status::UnderReview),
        ..Filter::default()
    };
    let reviewed = page(under_review, Sort::Created, false, 0, 50);
    assert_eq!(
        (reviewed.total, reviewed.cases[0].status),
        (1, Status::UnderReview)
    );
    let fresh = Filter {
        status: Some(Status::New),
        ..Filter::default()
    };
    assert_eq!(page(fresh, Sort::Created, false, 0, 50).total, 29);
    let by_severity = page(Filter::default(), Sort::Severity, true, 0, 1);
    assert_eq!(by_severity.cases[0].incident.draft.severity, Severity::High);
    let by_severity = page(Filter::default(), Sort::Severity, false, 0, 1);
    assert_eq!(
        by_severity.cases[0].incident.draft.severity,
        Severity::Medium
    );
    let window = Filter {
        since: Some("2026-03-10T15:10:00Z".into()),
        until: Some("2026-03-10T15:20:00Z".into()),
        ..Filter::default()
    };
    assert_eq!(page(window, Sort::Category, false, 0, 50).total, 10);
    assert_eq!(
        page(Filter::default(), Sort::Created, false, 0, 10_000)
            .cases
            .len(),
        30,
        "capped, not refused"
    );

    let tally = store.tally("2026-03-01T00:00:00Z").unwrap();
    let count: u64 = tally.iter().map(|t| t.count).sum();
    assert_eq!(count, 30);
    assert!(tally.iter().all(|t| t.hour == "2026-03-10T15"));
    assert!(
        tally
            .iter()
            .any(|t| t.status == "under_review" && t.count == 1)
    );
    assert!(store.tally("2026-04-01T00:00:00Z").unwrap().is_empty());
}

/// Incidents recorded by an older version (no facets) are listed after a restart, with the
/// status their reviews give them.
fn facets_are_filled_in_at_start(store: &dyn Store) {
    let query = Query {
        limit: 5,
        ..Query::default()
    };
    assert_eq!(store.page(&query).unwrap().total, 30);
    let fresh = Query {
        filter: Filter {
            status: Some(Status::New),
            ..Filter::default()
        },
        limit: 5,
        ..Query::default()
    };
    assert_eq!(
        store.page(&fresh).unwrap().total,
        29,
        "the review's status is derived too"
    );
}

#[test]
fn sqlite_keeps_console_accounts_and_pages_incidents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("incidents.db");
    let store = store::open(&Backend::Sqlite(path.clone())).unwrap();
    accounts_suite(store.as_ref());
    sessions_suite(store.as_ref());
    let admin = rusqlite::Connection::open(&path).unwrap();
    access_suite(store.as_ref(), &|sql| admin.execute_batch(sql).unwrap());
    pages_suite(store.as_ref());
    drop(store);
    admin.execute_batch("DELETE FROM facets").unwrap();
    facets_are_filled_in_at_start(store::open(&Backend::Sqlite(path)).unwrap().as_ref());
}

#[test]
fn postgres_keeps_console_accounts_and_pages_incidents() {
    let database = FreshDatabase::new();
    let store = store::open(&Backend::Postgres(database.url.clone())).unwrap();
    accounts_suite(store.as_ref());
    sessions_suite(store.as_ref());
    access_suite(store.as_ref(), &|sql| database.sql(sql));
    pages_suite(store.as_ref());
    drop(store);
    database.sql("DELETE FROM facets");
    let store = store::open(&Backend::Postgres(database.url.clone())).unwrap();
    facets_are_filled_in_at_start(store.as_ref());
    drop(store);
}
