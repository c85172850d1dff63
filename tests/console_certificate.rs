//! Signing in to the console by TLS client certificate, through real HTTPS (curl with a
//! certificate from a test CA): a listed subject signs in as its account after one click,
//! an unlisted certificate or none is offered the password form only, a listed subject
//! naming no account is refused, and the sign-in is a link of the access log.

use sentinelle::console::accounts;
use sentinelle::incident::store::accounts::Account;
use sentinelle::incident::store::{self, Backend};

use crate::support::{Behavior, TestCa, relay_pair};

/// `curl -s -i` over HTTPS with the test CA, a cookie jar and the `extra` arguments: the
/// whole answer (status line, headers, body).
fn curl(ca: &std::path::Path, jar: &std::path::Path, extra: &[&str]) -> String {
    let out = std::process::Command::new("curl")
        .args(["-s", "-i", "--max-time", "10", "--cacert"])
        .arg(ca)
        .arg("-b")
        .arg(jar)
        .arg("-c")
        .arg(jar)
        .args(extra)
        .output()
        .unwrap();
    assert!(out.status.success(), "curl failed: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The login form's CSRF token in a page.
fn csrf(page: &str) -> String {
    let start = page.find("name=\"csrf\" value=\"").unwrap() + "name=\"csrf\" value=\"".len();
    page[start..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn a_listed_client_certificate_signs_in_to_the_console_without_a_password() {
    if !crate::support::tool("curl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ca = TestCa::new(dir.path());
    let files = |name: &str, cert: crate::support::ca::ClientCert| {
        let (crt, key) = (
            dir.path().join(format!("{name}.crt")),
            dir.path().join(format!("{name}.key")),
        );
        std::fs::write(&crt, cert.cert_pem).unwrap();
        std::fs::write(&key, cert.key_pem).unwrap();
        (crt.display().to_string(), key.display().to_string())
    };
    let officer = files("officer", ca.client("securite.chum.test"));
    let stranger = files("stranger", ca.client("intrus.example"));
    let orphan = files("orphan", ca.client("ancien.chum.test"));
    let extra = format!(
        "[tls]\ncert = \"{}\"\nkey = \"{}\"\n[console]\ntls = true\nclient_ca = \"{}\"\n\
         [console.client_accounts]\n\"CN=securite.chum.test\" = \"secu\"\n\
         \"CN=ancien.chum.test\" = \"parti\"\n",
        ca.server_cert.display(),
        ca.server_key.display(),
        ca.ca_path.display()
    );
    let (_sink, sentinelle) = relay_pair(Behavior::default(), &extra).await;
    let path = sentinelle.incidents.clone();
    let base = format!("https://localhost:{}", sentinelle.console.port());
    let ca_path = ca.ca_path.clone();
    let tmp = dir.path().to_owned();
    tokio::task::spawn_blocking(move || {
        let store = store::open(&Backend::Sqlite(path)).unwrap();
        let account = Account {
            name: "secu".into(),
            role: "reviewer".into(),
            password_hash: accounts::hash("correct horse battery staple").unwrap(),
            created_at: "2026-12-07T10:00:00Z".into(),
            failures: 0,
            locked_until: None,
        };
        assert!(store.add_account(&account).unwrap());
        let login = format!("{base}/login");
        let with =
            |cert: &(String, String)| ["--cert", &cert.0, "--key", &cert.1].map(str::to_owned);

        // The officer's certificate: the login page offers it, one click signs in.
        let jar = tmp.join("officer.jar");
        let args = with(&officer);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let page = curl(&ca_path, &jar, &[&args[..], &[login.as_str()]].concat());
        assert!(page.starts_with("HTTP/1.1 200"), "{page}");
        assert!(
            page.contains("id=\"sign-in-certificate\"") && page.contains("CN=securite.chum.test")
        );
        let token = format!("csrf={}", csrf(&page));
        let target = format!("{base}/login/certificate");
        let signed = curl(
            &ca_path,
            &jar,
            &[&args[..], &["--data", &token, &target]].concat(),
        );
        assert!(signed.starts_with("HTTP/1.1 303"), "{signed}");
        let cookie = signed
            .lines()
            .find(|l| {
                l.to_ascii_lowercase()
                    .starts_with("set-cookie: sentinelle_session=")
            })
            .expect("a session cookie");
        assert!(
            cookie.contains("Secure") && cookie.contains("HttpOnly"),
            "{cookie}"
        );
        let dashboard = curl(
            &ca_path,
            &jar,
            &[&args[..], &[format!("{base}/").as_str()]].concat(),
        );
        assert!(dashboard.starts_with("HTTP/1.1 200"), "{dashboard}");
        assert!(
            dashboard.contains("secu"),
            "signed in as the listed account"
        );

        // No certificate, or an unlisted one: the password form only, and the
        // certificate route refuses even with a valid form token.
        for (name, cert) in [("none", None), ("stranger", Some(&stranger))] {
            let jar = tmp.join(format!("{name}.jar"));
            let args = cert.map(with).unwrap_or_default();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let page = curl(&ca_path, &jar, &[&args[..], &[login.as_str()]].concat());
            assert!(page.starts_with("HTTP/1.1 200"), "{page}");
            assert!(!page.contains("sign-in-certificate"), "{name}: {page}");
            let token = format!("csrf={}", csrf(&page));
            let refused = curl(
                &ca_path,
                &jar,
                &[&args[..], &["--data", &token, &target]].concat(),
            );
            assert!(refused.starts_with("HTTP/1.1 403"), "{name}: {refused}");
            assert!(
                !refused
                    .to_ascii_lowercase()
                    .contains("set-cookie: sentinelle_session=")
            );
        }

        // A listed subject whose account does not exist: refused, with the reason.
        let jar = tmp.join("orphan.jar");
        let args = with(&orphan);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let page = curl(&ca_path, &jar, &[&args[..], &[login.as_str()]].concat());
        let token = format!("csrf={}", csrf(&page));
        let refused = curl(
            &ca_path,
            &jar,
            &[&args[..], &["--data", &token, &target]].concat(),
        );
        assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
        assert!(refused.contains("existe pas"), "{refused}");

        // The sign-in is in the access log, with the subject, and the log verifies.
        let log = store.access_log(50).unwrap();
        assert!(log.iter().any(|a| a.account == "secu"
            && a.action == "sign_in_certificate"
            && a.target.as_deref() == Some("CN=securite.chum.test")));
        assert!(!log.iter().any(|a| a.account == "parti"));
        assert!(store.verify_access().unwrap().problems.is_empty());
    })
    .await
    .unwrap();
    sentinelle.stop().await;
}
