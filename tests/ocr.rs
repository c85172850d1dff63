//! Images and scans (issue 12): what a reader sees in a screenshot, a scanned referral, an
//! image pasted in the message or a fax is read by OCR (Tesseract) before the decision, for
//! messages going outside the platform. Without Tesseract images are risks to outside
//! recipients, with that reason in the reply: never relayed unread. Test images are fake
//! and generated (tests/data/images/make.py).

use std::path::Path;
use std::process::Command;

use base64::Engine as _;

const BIN: &str = env!("CARGO_BIN_EXE_sentinelle");
const SENDER: &str = "dre.gagnon@ssss.gouv.qc.ca";

fn image(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/images")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A message with a short text and `name` attached (base64, `content_type`).
fn with_attachment(name: &str, content_type: &str) -> String {
    let body = base64::engine::general_purpose::STANDARD.encode(image(name));
    let lines: Vec<&str> = body
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "From: {SENDER}\r\nTo: patient.proche@gmail.com\r\nSubject: capture\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n\
         --sep\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nVoir la piece jointe.\r\n\
         --sep\r\nContent-Type: {content_type}\r\nContent-Transfer-Encoding: base64\r\n\
         Content-Disposition: attachment; filename=\"piece\"\r\n\r\n{}\r\n--sep--\r\n",
        lines.join("\r\n")
    )
}

/// `sentinelle check` of `message` to `to`, with `config` when given.
fn check(message: &str, to: &str, config: Option<&str>) -> serde_json::Value {
    crate::support::check(message.as_bytes(), to, config)
}

#[track_caller]
fn refused_as_confidential(report: &serde_json::Value) {
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    assert_eq!(report["confidential"], true, "{report:#}");
    let nam = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["detector"] == "quebec_health_number" && f["location"]["part"] == "2");
    assert!(nam, "a NAM found in the image (part 2): {report:#}");
}

#[test]
fn screenshot_of_a_patient_record_is_read_and_refused_to_webmail() {
    let message = with_attachment("dossier_screenshot.png", "image/png");
    let report = check(&message, "patient.proche@gmail.com", None);
    refused_as_confidential(&report);
    // The refusal says what was found, never the value.
    let reply = report["reply"].as_str().unwrap();
    assert!(!reply.contains("8753"), "{reply}");
}

#[test]
fn every_image_format_mail_carries_is_read() {
    for (name, content_type) in [
        ("dossier_screenshot.gif", "image/gif"),
        ("dossier_screenshot.bmp", "image/bmp"),
        ("dossier_screenshot.webp", "image/webp"),
        ("dossier_screenshot.tiff", "image/tiff"),
        // The declared type is not trusted: an image is recognised by its content.
        ("dossier_screenshot.png", "application/octet-stream"),
    ] {
        let report = check(&with_attachment(name, content_type), "x@gmail.com", None);
        refused_as_confidential(&report);
    }
}

#[test]
fn scanned_referral_stored_on_its_side_is_turned_by_its_exif_orientation_and_read() {
    let message = with_attachment("referral_scan.jpg", "image/jpeg");
    refused_as_confidential(&check(&message, "x@gmail.com", None));
}

#[test]
fn every_page_of_a_fax_is_read() {
    // The patient is on the second page; the first is the cover sheet.
    let message = with_attachment("fax_two_pages.tiff", "image/tiff");
    refused_as_confidential(&check(&message, "x@gmail.com", None));
}

#[test]
fn one_page_fax_in_ccitt_group_3_is_read() {
    // The image crate decodes Group 4 but not Group 3 (T.4): Tesseract reads the file itself.
    let message = with_attachment("fax_one_page_g3.tiff", "image/tiff");
    refused_as_confidential(&check(&message, "x@gmail.com", None));
}

#[test]
fn oversized_fax_in_ccitt_group_3_stays_an_unread_risk() {
    // Tesseract reads an undecoded Group 3 TIFF whole, so only one within the pixel bound of
    // a prepared image goes to it: a page scanned at 600 dpi (5100 x 6600) is not read.
    let message = with_attachment("fax_oversized_g3.tiff", "image/tiff");
    let report = check(&message, "x@gmail.com", None);
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    assert_eq!(report["situation"], "unscannable", "{report:#}");
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        0,
        "{report:#}"
    );
    let unscannable = report["unscannable"].as_array().unwrap();
    assert!(
        unscannable.iter().any(|u| u["reason"]
            .as_str()
            .is_some_and(|r| r.contains("unsupported encoding"))
            && u["risk"] == true),
        "{report:#}"
    );
}

#[test]
fn image_pasted_in_an_outlook_message_is_read() {
    let body = base64::engine::general_purpose::STANDARD.encode(image("dossier_screenshot.png"));
    let message = format!(
        "From: {SENDER}\r\nTo: x@gmail.com\r\nSubject: voir\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/related; boundary=\"rel\"; type=\"text/html\"\r\n\r\n\
         --rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><body><p>Voir ci-dessous</p><img src=\"cid:capture@local\"></body></html>\r\n\
         --rel\r\nContent-Type: image/png\r\nContent-ID: <capture@local>\r\n\
         Content-Transfer-Encoding: base64\r\n\r\n{body}\r\n--rel--\r\n"
    );
    refused_as_confidential(&check(&message, "x@gmail.com", None));
}

#[test]
fn screenshot_of_a_schedule_with_look_alike_numbers_is_relayed() {
    let message = with_attachment("horaire_screenshot.png", "image/png");
    let report = check(&message, "x@gmail.com", None);
    assert_eq!(report["verdict"], "relay", "{report:#}");
    assert_eq!(
        report["findings"].as_array().unwrap().len(),
        0,
        "{report:#}"
    );
}

#[test]
fn the_same_screenshot_pasted_past_the_image_limit_is_read_once_and_relayed() {
    // Twenty-five copies of one harmless screenshot: more images than a message may have
    // read (20), but one image to read. A twenty-first distinct image would be a risk.
    let body = base64::engine::general_purpose::STANDARD.encode(image("horaire_screenshot.png"));
    let part = format!(
        "--sep\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\n{body}\r\n"
    );
    let message = format!(
        "From: {SENDER}\r\nTo: x@gmail.com\r\nSubject: horaire\r\nMIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"sep\"\r\n\r\n{}--sep--\r\n",
        part.repeat(25)
    );
    let report = check(&message, "x@gmail.com", None);
    assert_eq!(report["verdict"], "relay", "{report:#}");
    assert_eq!(
        report["unscannable"].as_array().unwrap().len(),
        0,
        "{report:#}"
    );
}

#[test]
fn signature_logo_is_too_small_to_read_and_relayed() {
    let message = with_attachment("logo.png", "image/png");
    let report = check(&message, "x@gmail.com", None);
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

const NO_TESSERACT: &str = "[[listener]]\naddress = \"127.0.0.1:0\"\nmode = \"relay\"\ntls = \"none\"\n\
    [relay]\ntrusted_networks = [\"127.0.0.0/8\"]\nupstream = { kind = \"maildir\", maildir = \"var/outbox\" }\n\
    [log]\nformat = \"json\"\n\
    [analysis]\nocr_program = \"/nonexistent/tesseract\"\n";

#[test]
fn without_tesseract_images_are_refused_to_outside_recipients_with_the_reason() {
    let message = with_attachment("horaire_screenshot.png", "image/png");
    let report = check(&message, "x@gmail.com", Some(NO_TESSERACT));
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    assert_eq!(report["situation"], "unscannable", "{report:#}");
    let reply = report["reply"].as_str().unwrap();
    assert!(reply.contains("(OCR) n'est pas disponible"), "{reply}");
    assert!(
        reply.contains("text recognition (OCR) is not available"),
        "{reply}"
    );
    // Inside the platform nothing is read, and the message goes.
    let report = check(&message, "collegue@ssss.gouv.qc.ca", Some(NO_TESSERACT));
    assert_eq!(report["verdict"], "relay", "{report:#}");
    // The establishment may say images not read are harmless.
    let harmless = format!("{NO_TESSERACT}unread_images = \"harmless\"\n");
    let report = check(&message, "x@gmail.com", Some(&harmless));
    assert_eq!(report["verdict"], "relay", "{report:#}");
}

#[test]
fn ocr_turned_off_leaves_images_as_risks() {
    let config = NO_TESSERACT.replace("ocr_program = \"/nonexistent/tesseract\"", "ocr = false");
    let message = with_attachment("dossier_screenshot.png", "image/png");
    let report = check(&message, "x@gmail.com", Some(&config));
    assert_eq!(report["verdict"], "refuse", "{report:#}");
    let reply = report["reply"].as_str().unwrap();
    assert!(reply.contains("not turned on"), "{reply}");
}

#[test]
fn scanned_pdf_with_no_text_is_read() {
    for name in ["referral_scan.pdf", "fax_scan.pdf"] {
        let message = with_attachment(name, "application/pdf");
        refused_as_confidential(&check(&message, "x@gmail.com", None));
    }
}

#[test]
fn scanned_pdf_of_a_schedule_is_read_and_relayed() {
    let message = with_attachment("horaire_scan.pdf", "application/pdf");
    let report = check(&message, "x@gmail.com", None);
    assert_eq!(report["verdict"], "relay", "{report:#}");
    assert_eq!(
        report["unscannable"].as_array().unwrap().len(),
        0,
        "{report:#}"
    );
}

#[test]
fn config_check_says_when_images_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sentinelle.toml");
    std::fs::write(&path, NO_TESSERACT).unwrap();
    let out = Command::new(BIN)
        .args(["config", "check", "--config"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("ocr: unavailable"), "{stdout}");
    assert!(stdout.contains("/nonexistent/tesseract"), "{stdout}");
}

#[test]
fn serve_without_tesseract_warns_once_at_start_up_and_starts() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sentinelle.toml"), NO_TESSERACT).unwrap();
    let mut child = Command::new(BIN)
        .args(["serve", "--config", "sentinelle.toml"])
        .current_dir(dir.path())
        .env_remove("RUST_LOG")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut warnings = 0;
    for line in BufReader::new(stderr).lines().map_while(Result::ok) {
        if line.contains("images are not read") {
            warnings += 1;
            assert!(line.contains("WARN") || line.contains("\"warn\""), "{line}");
        }
        if line.contains("listening") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(warnings, 1);
}

#[tokio::test]
async fn screenshot_through_smtp_is_refused_and_a_harmless_one_relayed_as_sent() {
    let (sink, sentinelle) =
        crate::support::relay_pair(crate::support::Behavior::default(), "").await;
    let patient = with_attachment("dossier_screenshot.png", "image/png");
    let (code, text) = crate::support::send(&sentinelle, &["x@gmail.com"], &patient).await;
    assert_eq!(code, 550, "{text}");
    assert!(!text.contains("8753"), "{text}");
    let harmless = with_attachment("horaire_screenshot.png", "image/png");
    let (code, text) = crate::support::send(&sentinelle, &["x@gmail.com"], &harmless).await;
    assert_eq!(code, 250, "{text}");
    let delivered = sink.wait_for(1).await;
    assert_eq!(
        crate::support::strip_received(&delivered[0].data),
        harmless.as_bytes()
    );
    // The admin listener's metrics count the OCR runs (two messages, one image each).
    let (_, metrics) = crate::metrics::get(sentinelle.console, "/metrics").await;
    assert!(
        metrics.contains("sentinelle_ocr_images_total 2"),
        "{metrics}"
    );
    assert!(metrics.contains("sentinelle_ocr_duration_seconds_count 2"));
    sentinelle.stop().await;
}
