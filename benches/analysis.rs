//! Detection speed and memory (issue 3), on one core:
//! (a) 1 MB of ordinary French prose with no identifier: folding and scanning the text, and
//!     the whole analysis of a text/plain message carrying it;
//! (b) a 10 MB message with a PDF, a docx, a zip and an HL7 attachment, analysed whole.
//! After the timings, the peak heap of one analysis of (b) is printed, measured by a
//! counting allocator, against the goal of 4 x message size + 64 MB.
//!
//! Run: `cargo bench --locked --bench analysis`

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use criterion::{Criterion, Throughput};
use sentinelle::analysis::{self, Engine, Limits, text};

#[path = "../tests/support/docs.rs"]
mod docs;

/// The system allocator, counting live and peak bytes.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded with the caller's layout.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded with the caller's arguments.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const YEAR: i32 = 2026;

fn engine() -> Engine {
    sentinelle::rules::engine(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules")).expect("rules")
}

/// Varied text (a seeded choice of words), so that compressed attachments have a realistic
/// size rather than collapsing to nothing.
fn varied_text(size: usize, seed: u64) -> String {
    const WORDS: &[&str] = &[
        "le",
        "la",
        "les",
        "des",
        "une",
        "un",
        "et",
        "ou",
        "pour",
        "avec",
        "dans",
        "sur",
        "par",
        "comité",
        "réunion",
        "service",
        "équipe",
        "projet",
        "budget",
        "rapport",
        "plan",
        "direction",
        "employés",
        "salle",
        "pavillon",
        "étage",
        "semaine",
        "mois",
        "année",
        "formation",
        "sécurité",
        "information",
        "système",
        "réseau",
        "accès",
        "poste",
        "travail",
        "horaire",
        "calendrier",
        "présence",
        "absence",
        "congé",
        "demande",
        "approbation",
        "signature",
        "document",
        "version",
        "révision",
        "mise",
        "jour",
        "entretien",
        "stationnement",
        "cafétéria",
        "menu",
        "fondation",
        "collecte",
        "campagne",
        "bénévoles",
        "partenaires",
        "fournisseur",
        "contrat",
        "entente",
        "achat",
        "inventaire",
        "matériel",
        "bureau",
        "imprimante",
        "téléphone",
        "courriel",
        "message",
        "réponse",
        "question",
        "suivi",
        "dossier",
        "priorité",
        "échéance",
        "objectif",
        "résultat",
        "indicateur",
        "tableau",
        "bord",
        "performance",
        "qualité",
        "amélioration",
        "processus",
        "procédure",
        "politique",
        "directive",
        "conformité",
        "audit",
        "gestion",
        "risque",
        "communication",
        "annonce",
        "nouvelle",
        "important",
        "rappel",
        "merci",
        "bonjour",
    ];
    let mut state = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut out = String::with_capacity(size + 64);
    let mut in_sentence = 0;
    while out.len() < size {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        out.push_str(WORDS[(state % WORDS.len() as u64) as usize]);
        in_sentence += 1;
        if in_sentence > 12 && state.is_multiple_of(5) {
            out.push_str(".\n");
            in_sentence = 0;
        } else {
            out.push(' ');
        }
    }
    out
}

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.chars().filter(char::is_ascii).collect())
        .collect()
}

/// The attachments of (b): about 3 MB each of PDF, docx and zip (about 30 MB of text once
/// expanded), and an HL7 result.
fn attachments() -> Vec<(&'static str, &'static str, Vec<u8>)> {
    let clinical = "Patient : Gaston Tremblay\nNAM : TREG 5401 0114\nResultats de laboratoire";
    let pages: Vec<Vec<String>> = (0..500)
        .map(|p| {
            let mut page = lines(&varied_text(16 * 1024, p));
            if p == 499 {
                page.extend(lines(clinical));
            }
            page
        })
        .collect();
    let paragraphs: Vec<String> = varied_text(11 * 1024 * 1024, 7)
        .lines()
        .map(str::to_owned)
        .chain(std::iter::once(clinical.to_owned()))
        .collect();
    let csv = varied_text(12 * 1024 * 1024, 11);
    vec![
        ("rapport.pdf", "application/pdf", docs::pdf(&pages)),
        (
            "lettre.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            docs::docx(&paragraphs),
        ),
        (
            "export.zip",
            "application/zip",
            docs::zip(&[("export/notes.csv", csv.as_bytes())]),
        ),
        (
            "resultat.hl7",
            "application/octet-stream",
            docs::hl7_result(),
        ),
    ]
}

/// A message carrying `attachments`.
fn message_with(attachments: &[(&'static str, &'static str, Vec<u8>)]) -> Vec<u8> {
    let parts: Vec<docs::Attachment<'_>> = attachments
        .iter()
        .map(|(filename, content_type, bytes)| docs::Attachment {
            filename,
            content_type,
            bytes,
        })
        .collect();
    docs::mime("Dossiers", &docs::french_prose(64 * 1024), &parts)
}

fn benches(c: &mut Criterion) {
    let engine = engine();
    let limits = Limits::default();

    let prose = docs::french_prose(1024 * 1024);
    let mut group = c.benchmark_group("a_french_prose_1mb");
    group.throughput(Throughput::Bytes(prose.len() as u64));
    group.bench_function("fold_and_scan", |b| {
        b.iter(|| {
            let folded = text::fold(black_box(&prose));
            black_box(engine.scan(&folded, YEAR))
        })
    });
    let folded = text::fold(&prose);
    group.bench_function("scan_folded", |b| {
        b.iter(|| black_box(engine.scan(black_box(&folded), YEAR)))
    });
    let message = format!(
        "From: a@ssss.gouv.qc.ca\r\nSubject: Nouvelles\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
        prose.replace('\n', "\r\n")
    );
    group.bench_function("analyse_message", |b| {
        b.iter(|| {
            black_box(analysis::analyse(
                black_box(message.as_bytes()),
                &engine,
                &limits,
                YEAR,
            ))
        })
    });
    group.finish();

    let attachments = attachments();
    let big = message_with(&attachments);
    let result = analysis::analyse(&big, &engine, &limits, YEAR);
    assert!(result.confidential, "the 10 MB message carries a NAM");
    assert!(result.unscannable.is_empty(), "{:?}", result.unscannable);
    let mut group = c.benchmark_group("b_message_10mb_pdf_docx_zip_hl7");
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("analyse", |b| {
        b.iter(|| black_box(analysis::analyse(black_box(&big), &engine, &limits, YEAR)))
    });
    // Where the time goes: each attachment alone in the same message.
    for one in &attachments[..3] {
        let alone = message_with(std::slice::from_ref(one));
        group.bench_function(format!("only_{}", one.0), |b| {
            b.iter(|| black_box(analysis::analyse(black_box(&alone), &engine, &limits, YEAR)))
        });
    }
    group.finish();

    // Gateway encryption (issue 4): the same 10 MB message as PGP/MIME for one certificate
    // (Cv25519 + SEIPDv1 AES-256, armored).
    let created = std::time::SystemTime::now() - Duration::from_secs(60);
    let (cert, _) =
        sequoia_openpgp::cert::CertBuilder::general_purpose(Some("<dr@clinique.example>"))
            .set_features(sequoia_openpgp::types::Features::empty().set_seipdv1())
            .and_then(|b| b.set_creation_time(created).generate())
            .expect("certificate");
    let mut group = c.benchmark_group("c_gateway_encryption_10mb");
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("pgp_mime", |b| {
        b.iter(|| {
            black_box(
                sentinelle::action::encrypt::pgp_mime(
                    black_box(&big),
                    &cert,
                    None,
                    std::time::SystemTime::now(),
                )
                .expect("encrypted"),
            )
        })
    });
    group.finish();

    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    black_box(analysis::analyse(&big, &engine, &limits, YEAR));
    let peak = PEAK.load(Ordering::Relaxed);
    let mb = |b: usize| b as f64 / (1024.0 * 1024.0);
    println!(
        "b: message {:.1} MB; heap during analysis {:.1} MB above the {:.1} MB held before; \
         peak heap {:.1} MB; goal < 4 x size + 64 MB = {:.1} MB",
        mb(big.len()),
        mb(peak - before),
        mb(before),
        mb(peak),
        4.0 * mb(big.len()) + 64.0
    );
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    benches(&mut criterion);
    criterion.final_summary();
}
