//! `sentinelle scan` as a user runs it: .eml files, a Maildir and an mbox; table and JSON;
//! exit codes; and no full identifier in anything it prints.

use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_sentinelle");

/// Gaston Tremblay, born 1954-01-01: his (fake) NAM is TREG 5401 0114.
const POSITIVE: &str = "From: dre.gagnon@ssss.gouv.qc.ca\r\nTo: x@gmail.com\r\nSubject: Suivi\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nVoir la liste jointe.\r\n\
--b\r\nContent-Type: text/csv; name=\"patients.csv\"\r\nContent-Disposition: attachment; filename=\"patients.csv\"\r\n\r\n\
nom,prenom,nam,diagnostic\r\nTremblay,Gaston,TREG54010114,diabete\r\n--b--\r\n";

const NEGATIVE: &str = "From: achats@ssss.gouv.qc.ca\r\nTo: fournisseur@example.com\r\nSubject: Commande\r\n\r\n\
Bonjour, la facture 2024-118832 pour le produit PROD20241399 (commande 4471-2290) est payee.\r\n\
Suivi du colis: 1Z999AA10123456784. Appelez-nous au 514-555-0199.\r\n";

fn scan(args: &[&str], dir: &std::path::Path) -> (i32, String) {
    let out = Command::new(BIN)
        .arg("scan")
        .args(["--rules", concat!(env!("CARGO_MANIFEST_DIR"), "/rules")])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn scan_reports_files_maildirs_and_mboxes_with_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("positive.eml"), POSITIVE).unwrap();
    std::fs::write(root.join("negative.eml"), NEGATIVE).unwrap();
    std::fs::create_dir_all(root.join("boite/new")).unwrap();
    std::fs::create_dir_all(root.join("boite/cur")).unwrap();
    std::fs::write(root.join("boite/new/1.eml"), POSITIVE).unwrap();
    let mbox = format!(
        "From a@b Mon Nov 23 09:00:00 2026\n{}\nFrom c@d Mon Nov 23 09:01:00 2026\n{}\n",
        NEGATIVE.replace("\r\n", "\n"),
        POSITIVE.replace("\r\n", "\n")
    );
    std::fs::write(root.join("archive.mbox"), mbox).unwrap();

    let (code, out) = scan(&["negative.eml"], root);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("negative.eml: ok"), "{out}");

    let (code, out) = scan(
        &[
            "--json",
            "positive.eml",
            "negative.eml",
            "boite",
            "archive.mbox",
        ],
        root,
    );
    assert_eq!(code, 1, "{out}");
    let reports: Vec<serde_json::Value> = out
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let verdicts: Vec<(String, bool)> = reports
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_owned(),
                r["confidential"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        verdicts,
        vec![
            ("positive.eml".to_owned(), true),
            ("negative.eml".to_owned(), false),
            ("boite/new/1.eml".to_owned(), true),
            ("archive.mbox#1".to_owned(), false),
            ("archive.mbox#2".to_owned(), true),
        ]
    );
    let finding = &reports[0]["findings"][0];
    assert_eq!(finding["detector"], "quebec_health_number");
    assert_eq!(finding["confidence"], "high");
    assert_eq!(finding["count"], 1);
    assert_eq!(finding["location"]["part"], "2");
    assert_eq!(finding["location"]["filename"], "patients.csv");
    assert_eq!(finding["sample"], "TREG •••• ••14");
    assert!(
        !out.contains("54010114") && !out.contains("5401"),
        "no identifier in the output:\n{out}"
    );

    let (code, out) = scan(&["positive.eml"], root);
    assert_eq!(code, 1);
    assert!(
        out.contains("quebec_health_number") && out.contains("[patients.csv]"),
        "{out}"
    );

    let (code, out) = scan(&["absent.eml"], root);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("absent.eml"));
}

#[test]
fn scan_into_a_closed_pipe_exits_quietly() {
    // `sentinelle scan DIR | head -1`: the reader goes away; no panic, exit 0.
    let dir = tempfile::tempdir().unwrap();
    for i in 0..600 {
        std::fs::write(dir.path().join(format!("{i}.eml")), POSITIVE).unwrap();
    }
    let mut child = Command::new(BIN)
        .arg("scan")
        .arg(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Close both pipes at once, as `2>&1 | head -0` would.
    drop(child.stdout.take());
    drop(child.stderr.take());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn scan_of_a_missing_path_prints_its_error_once_and_no_summary() {
    let out = Command::new(BIN)
        .args(["scan", "/nonexistent/sentinelle-test"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("No such file").count(), 1, "{stderr}");
}
