use std::time::Duration;

use super::*;
use crate::envelope::Mode;

#[test]
fn embedded_default_is_a_loopback_relay_into_a_maildir() {
    let config = Config::embedded_default().unwrap();
    assert_eq!(config.listeners.len(), 1);
    assert_eq!(config.listeners[0].address.to_string(), "127.0.0.1:2525");
    assert_eq!(config.listeners[0].mode, Mode::Relay);
    assert!(matches!(
        config.relay.upstream,
        Some(UpstreamConfig::Maildir(ref p)) if p == Path::new("var/outbox")
    ));
    assert_eq!(config.limits.max_message_size, 35 * 1024 * 1024);
    assert_eq!(config.limits.max_recipients, 100);
    assert_eq!(
        config.console.address.map(|a| a.to_string()).as_deref(),
        Some("127.0.0.1:8025")
    );
}

#[test]
fn the_admin_listener_is_off_unless_given_and_its_address_is_checked() {
    let base = "[[listener]]\naddress = \"127.0.0.1:2525\"\nmode = \"relay\"\n\n[relay]\nupstream = { kind = \"maildir\", maildir = \"o\" }\n";
    assert_eq!(Config::parse(base, "t.toml").unwrap().console.address, None);
    let bad = format!("{base}\n[console]\naddress = \"localhost\"\n");
    let message = Config::parse(&bad, "t.toml").unwrap_err().to_string();
    assert!(
        message.starts_with("t.toml:9:11:") && message.contains("IP:port"),
        "{message}"
    );
}

#[test]
fn console_certificate_accounts_need_a_client_ca_and_https() {
    let base = "[[listener]]\naddress = \"127.0.0.1:2525\"\nmode = \"relay\"\n\n[relay]\nupstream = { kind = \"maildir\", maildir = \"o\" }\n";
    let no_ca =
        format!("{base}[console]\ntls = true\n[console.client_accounts]\n\"CN=a\" = \"a\"\n");
    let message = Config::parse(&no_ca, "t.toml").unwrap_err().to_string();
    assert!(message.contains("needs client_ca"), "{message}");
    let no_tls = format!("{base}[console]\nclient_ca = \"ca.pem\"\n");
    let message = Config::parse(&no_tls, "t.toml").unwrap_err().to_string();
    assert!(message.contains("needs tls = true"), "{message}");
    let fine = format!(
        "{base}[console]\ntls = true\nclient_ca = \"ca.pem\"\n[console.client_accounts]\n\"CN=a, O=CHUM\" = \"a\"\n"
    );
    let console = Config::parse(&fine, "t.toml").unwrap().console;
    assert_eq!(
        console
            .client_accounts
            .get("CN=a, O=CHUM")
            .map(String::as_str),
        Some("a")
    );
}

#[test]
fn example_file_at_the_repository_root_is_valid() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sentinelle.example.toml");
    let config = Config::load(&path).unwrap();
    assert_eq!(config.listeners.len(), 3);
    assert!(config.submission.upstream.is_some());
}

#[test]
fn invalid_value_points_at_its_line_and_column() {
    let text = "[[listener]]\naddress = \"127.0.0.1:2525\"\nmode = \"relay\"\n\n[relay]\ntrusted_networks = [\"10.0.0.0/8\", \"nonsense\"]\nupstream = { kind = \"maildir\" }\n";
    let err = Config::parse(text, "t.toml").unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("t.toml:6:35:"), "{message}");
    assert!(message.contains("CIDR"), "{message}");
}

#[test]
fn unknown_key_is_a_syntax_error_naming_the_line() {
    let err = Config::parse("hostnme = \"x\"\n", "t.toml").unwrap_err();
    let message = err.to_string();
    assert!(message.contains("line 1"), "{message}");
    assert!(message.contains("hostnme"), "{message}");
}

#[test]
fn submission_without_tls_is_refused() {
    let text = "[[listener]]\naddress = \"127.0.0.1:587\"\nmode = \"submission\"\ntls = \"none\"\n[submission]\nupstream = { kind = \"smtp\", address = \"127.0.0.1:25\" }\n";
    let err = Config::parse(text, "t.toml").unwrap_err();
    assert!(err.to_string().contains("AUTH is only offered under TLS"));
}

#[test]
fn relay_listener_needs_an_upstream() {
    let text = "[[listener]]\naddress = \"127.0.0.1:25\"\nmode = \"relay\"\n";
    let err = Config::parse(text, "t.toml").unwrap_err();
    assert!(err.to_string().contains("[relay] upstream"));
}

#[test]
fn limits_out_of_range_are_refused() {
    let text = "[[listener]]\naddress = \"127.0.0.1:25\"\nmode = \"relay\"\n[relay]\nupstream = { kind = \"maildir\" }\n[limits]\nmax_command_line = 100000\n";
    let err = Config::parse(text, "t.toml").unwrap_err();
    assert!(
        err.to_string()
            .contains("t.toml:7:20: max_command_line must be between 512 and 4096"),
        "{err}"
    );
}

#[test]
fn fractional_timeouts_are_accepted() {
    let text = "[[listener]]\naddress = \"127.0.0.1:25\"\nmode = \"relay\"\n[relay]\nupstream = { kind = \"maildir\" }\n[timeouts]\nupstream_command = 0.5\n";
    let config = Config::parse(text, "t.toml").unwrap();
    assert_eq!(config.timeouts.upstream_command, Duration::from_millis(500));
}

#[test]
fn analysis_limits_default_and_override() {
    let config = Config::embedded_default().unwrap();
    assert_eq!(config.analysis.max_mime_depth, 20);
    assert_eq!(config.analysis.max_parts, 10_000);
    assert_eq!(config.analysis.max_expanded_bytes, 200 * 1024 * 1024);
    assert_eq!(config.analysis.max_archive_depth, 3);
    assert_eq!(config.analysis.time_limit, Some(Duration::from_secs(5)));
    let text = format!(
        "{EMBEDDED_DEFAULT}\n[analysis]\nmax_parts = 50\ntime_limit = 0.5\nmax_archive_depth = 1\n"
    );
    let config = Config::parse(&text, "t.toml").unwrap();
    assert_eq!(config.analysis.max_parts, 50);
    assert_eq!(config.analysis.max_archive_depth, 1);
    assert_eq!(config.analysis.time_limit, Some(Duration::from_millis(500)));
    let with = |extra: &str| Config::parse(&format!("{EMBEDDED_DEFAULT}\n{extra}"), "t.toml");
    let err = with("[analysis]\nmax_mime_depth = 0\n").unwrap_err();
    assert!(err.to_string().starts_with("t.toml:"), "{err}");
    assert!(
        err.to_string()
            .contains(":18: max_mime_depth must be between 1 and 100"),
        "{err}"
    );
    let err = with("[analysis]\ntime_limit = -1\n").unwrap_err();
    assert!(err.to_string().contains("time_limit"), "{err}");
}

#[test]
fn slow_sender_limits_default_override_and_range() {
    let config = Config::embedded_default().unwrap();
    assert_eq!(config.timeouts.data_total, Duration::from_secs(600));
    assert_eq!(config.timeouts.data_rate_grace, Duration::from_secs(30));
    assert_eq!(config.limits.min_data_rate, 500);
    let text = format!(
        "{EMBEDDED_DEFAULT}\n[timeouts]\ndata_total = 120\ndata_rate_grace = 5\n[limits]\nmin_data_rate = 0\n"
    );
    let config = Config::parse(&text, "t.toml").unwrap();
    assert_eq!(config.timeouts.data_total, Duration::from_secs(120));
    assert_eq!(config.timeouts.data_rate_grace, Duration::from_secs(5));
    assert_eq!(config.limits.min_data_rate, 0);
    let text = format!("{EMBEDDED_DEFAULT}\n[timeouts]\ndata_total = -1\n");
    let message = Config::parse(&text, "t.toml").unwrap_err().to_string();
    assert!(message.contains("between 0 and 86400"), "{message}");
    let text = format!("{EMBEDDED_DEFAULT}\n[limits]\nmin_data_rate = 9999999999\n");
    let message = Config::parse(&text, "t.toml").unwrap_err().to_string();
    assert!(
        message.contains("min_data_rate must be between"),
        "{message}"
    );
}

#[test]
fn a_choice_outside_its_words_names_the_line_and_the_words() {
    let text = "[[listener]]\naddress = \"127.0.0.1:25\"\nmode = \"relay\"\ntls = \"ssl\"\n";
    let message = Config::parse(text, "t.toml").unwrap_err().to_string();
    assert!(message.starts_with("t.toml:"), "{message}");
    assert!(message.contains("line 4"), "{message}");
    assert!(message.contains("`starttls`"), "{message}");
    let text = "[[listener]]\naddress = \"127.0.0.1:25\"\nmode = \"relay\"\n\n[relay]\nupstream = { kind = \"lmtp\" }\n";
    let message = Config::parse(text, "t.toml").unwrap_err().to_string();
    assert!(message.contains("line 6"), "{message}");
    assert!(message.contains("`maildir`"), "{message}");
    let message = Config::parse("[log]\nformat = \"text\"\n", "t.toml")
        .unwrap_err()
        .to_string();
    assert!(message.contains("line 2"), "{message}");
    assert!(message.contains("`human` or `json`"), "{message}");
}

#[test]
fn ocr_settings_default_override_and_refuse_what_tesseract_would_not_take() {
    let base = "[[listener]]\naddress = \"127.0.0.1:2525\"\nmode = \"relay\"\n[relay]\nupstream = { kind = \"maildir\" }\n[analysis]\n";
    let config = Config::parse(base, "t.toml").unwrap();
    assert_eq!(config.ocr, crate::ocr::Settings::default());
    let text = format!(
        "{base}ocr = false\nocr_max_images = 3\nocr_time_limit = 2.5\nunread_images = \"harmless\"\nimage_min_pixels = 100\n"
    );
    let config = Config::parse(&text, "t.toml").unwrap();
    assert!(!config.ocr.enabled);
    assert_eq!(config.ocr.max_images, 3);
    assert_eq!(config.ocr.time_limit, Duration::from_millis(2500));
    assert_eq!(config.ocr.unread_images, crate::ocr::UnreadImages::Harmless);
    assert_eq!(config.analysis.image_min_pixels, 100);
    let err = Config::parse(&format!("{base}ocr_languages = \"fra eng\"\n"), "t.toml").unwrap_err();
    assert!(err.to_string().starts_with("t.toml:7:17:"), "{err}");
    let err = Config::parse(&format!("{base}unread_images = \"maybe\"\n"), "t.toml").unwrap_err();
    assert!(err.to_string().contains("harmless"), "{err}");
}
