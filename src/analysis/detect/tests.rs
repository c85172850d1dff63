use super::*;
use std::path::Path;

#[path = "person_tests.rs"]
mod person;

const YEAR: i32 = 2026;

fn engine() -> Engine {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    crate::rules::engine(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn scan(text: &str) -> Vec<Hit> {
    engine().scan(&crate::analysis::text::fold(text), YEAR)
}

fn detectors(hits: &[Hit]) -> Vec<(&str, Confidence)> {
    hits.iter()
        .map(|h| (h.detector.as_str(), h.confidence))
        .collect()
}

#[test]
fn nam_with_context_is_high_and_without_is_medium() {
    let hits = scan("Bonjour, le NAM de l'usager est TREG 5401 0114, merci.");
    assert_eq!(
        detectors(&hits),
        vec![("quebec_health_number", Confidence::High)]
    );
    assert_eq!(hits[0].sample, "TREG •••• ••14");
    let hits = scan("Voici le code demande: COTE87531210");
    assert_eq!(
        detectors(&hits),
        vec![("quebec_health_number", Confidence::Medium)]
    );
    let hits = scan("cote-8753-1210 en minuscules");
    assert_eq!(hits.len(), 1);
}

#[test]
fn nam_inside_a_longer_token_or_with_an_impossible_date_is_not_a_nam() {
    assert!(scan("Code XTREG54010114 et TREG540101149").is_empty());
    assert!(scan("Produit PROD20241399, commande ABCD 1234 5678").is_empty());
}

#[test]
fn published_sample_numbers_are_ignored() {
    assert!(scan("Exemple de NAM du patient: TEST 5412 2816").is_empty());
}

#[test]
fn nam_typo_counts_only_when_called_a_health_number() {
    // TREG54010115: right date, wrong check digit.
    assert!(scan("Numero: TREG54010115").is_empty());
    let coded = scan("Code produit TREG54010115, diagnostic de diabete");
    assert!(coded.iter().all(|h| h.detector != "quebec_health_number"));
    // Called one on an appointment slip: a doubt on its own, from two detectors (the
    // number and the birth date it holds) a confidential message.
    let slip = "Confirmation de rendez-vous\nNo RAMQ\tTREG 5401 0115\nClinique\tOncologie\n";
    assert_eq!(
        detectors(&scan(slip)),
        vec![
            ("quebec_health_number", Confidence::Medium),
            ("person_clinical_context", Confidence::Medium)
        ]
    );
    let hits =
        scan("NAM de la patiente: TREG 5401 0115, diagnostic de diabete, ordonnance jointe.");
    // The typo still carries a birth date: a person in a clinical context, without a name.
    assert_eq!(
        detectors(&hits),
        vec![
            ("quebec_health_number", Confidence::Medium),
            ("person_clinical_context", Confidence::Medium)
        ]
    );
}

#[test]
fn sin_needs_its_context_word_and_not_a_business_number() {
    assert!(scan("Appelez le 130 692 544 pour la commande").is_empty());
    let hits = scan("Son NAS est le 130-692-544.");
    assert_eq!(detectors(&hits), vec![("canadian_sin", Confidence::High)]);
    assert!(scan("NAS: 130 692 545").is_empty(), "Luhn fails");
}

#[test]
fn business_number_is_not_a_sin_even_beside_the_word() {
    for text in [
        "Numero d'entreprise (NE) : 130692544 RT0001. Aucun NAS requis.",
        "NAS du fournisseur non requis; TPS : 130 692 544 RT 0001",
        "Business number 130692544 - no SIN is required.",
        "Our BN is 130-692-544 (SIN not needed)",
        "Inscription TVQ 130692544TQ0001, sans NAS",
        "SIN: not required. Payroll account 130692544 RP0001.",
    ] {
        assert!(scan(text).is_empty(), "{text}: {:?}", scan(text));
    }
    let hits = scan("NAS du patient : 130 692 544, suivi en diabete");
    assert_eq!(detectors(&hits), vec![("canadian_sin", Confidence::High)]);
}

#[test]
fn other_provinces_need_their_context() {
    assert!(scan("Commande 1234567897 expediee").is_empty());
    let hits = scan("OHIP number 1234-567-897-AB");
    assert_eq!(
        detectors(&hits),
        vec![("ontario_health_number", Confidence::High)]
    );
    let hits = scan("BC PHN: 9698 658 215");
    assert!(detectors(&hits).contains(&("bc_personal_health_number", Confidence::High)));
}

#[test]
fn medical_record_number_next_to_its_label() {
    let hits = scan("No de dossier : 00482137");
    assert_eq!(
        detectors(&hits),
        vec![("medical_record_number", Confidence::Medium)]
    );
    assert!(hits[0].sample.ends_with("37"));
    assert!(!hits[0].sample.contains("482"));
    let hits = scan("MRN: H-2931842");
    assert_eq!(hits.len(), 1);
    // The abbreviated label of a ward sheet's column.
    let hits = scan("Gosselin Olivier  Glycemies instables  Doss. 2770198");
    assert_eq!(
        detectors(&hits),
        vec![("medical_record_number", Confidence::Medium)]
    );
    // A NAM wrapped at the end of a line is still one.
    let wrapped = scan("confirmer la carte d'assurance maladie TREG\n5401 0114 avant jeudi");
    assert!(
        detectors(&wrapped)
            .iter()
            .any(|(d, _)| *d == "quebec_health_number")
    );
}

#[test]
fn a_notifiable_disease_makes_a_declaration_s_record_number_clinical() {
    for text in [
        "Declaration MADO\nNom, prenom : FORTIN Minh\nNo de dossier : 07376223\nMaladie : Gonorrhée",
        "Reportable disease form\nChart # 4417702\nDisease: pertussis",
    ] {
        let hits = scan(text);
        assert_eq!(
            detectors(&hits),
            vec![("medical_record_number", Confidence::High)],
            "{text}"
        );
    }
}

#[test]
fn record_number_in_parentheses_after_the_patient_s_name() {
    // No label: the name before it makes it someone's, clinical words make it high.
    let hits = scan("Resultat biopsie - Marie-Eve Theriault (H2975594) - lymphome");
    assert_eq!(
        detectors(&hits),
        vec![("medical_record_number", Confidence::High)]
    );
    assert!(!hits[0].sample.contains("297"));
    let hits = scan("THERIAULT, Marie-Eve (CH-2975594)");
    assert_eq!(
        detectors(&hits),
        vec![("medical_record_number", Confidence::Medium)]
    );
    // Alone, after no name, or after a clinician's name (a permit), it is any number.
    for text in [
        "Commande (H2975594) : resultats de la biopsie",
        "voir la piece (2975594) pour le lymphome",
        "Dre Sophie Lussier (2975594), biopsie et lymphome",
        "Julie Tremblay, inf. (2975594), urgence",
    ] {
        assert!(scan(text).is_empty(), "{text}");
    }
}

#[test]
fn person_with_birth_date_in_clinical_context() {
    let hits = scan(
        "Patient : Gaston Tremblay, ne le 1954-01-01. Diagnostic : diabete de type 2, ordonnance renouvelee.",
    );
    assert!(
        detectors(&hits).contains(&(clinical::PERSON, Confidence::High)),
        "{hits:?}"
    );
    // The same date in a meeting invitation is nothing.
    assert!(scan("Reunion du comite le 1954-01-01 a la salle B.").is_empty());
}

#[test]
fn conference_announcement_with_clinical_words_is_not_patient_data() {
    let text = "Colloque annuel: diagnostic et traitement du diabete chez les patients ages de 65 ans et plus. \
                Inscription avant le 12 mars 2026, conference du Dr Gagnon.";
    assert!(scan(text).is_empty(), "{:?}", scan(text));
}

#[test]
fn structured_records_are_high() {
    let hl7 = "MSH|^~\\&|LAB|CHUM|DME|GMF|202611230830||ORU^R01|123|P|2.5\rPID|1||TREG54010114^^^RAMQ^JHN||TREMBLAY^GASTON||19540101|M\r";
    assert!(detectors(&scan(hl7)).contains(&(clinical::STRUCTURED, Confidence::High)));
    let fhir = r#"{"resourceType": "Immunization", "patient": {"reference": "Patient/123"}}"#;
    assert!(detectors(&scan(fhir)).contains(&(clinical::STRUCTURED, Confidence::High)));
    let cda = "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><recordTarget><patientRole/></recordTarget></ClinicalDocument>";
    assert!(detectors(&scan(cda)).contains(&(clinical::STRUCTURED, Confidence::High)));
    assert!(scan("MSH|^~\\&|A|B\rPID|1||||\r").is_empty(), "empty PID");
}

#[test]
fn confidential_rule() {
    let engine = engine();
    assert!(engine.is_confidential([("a", Confidence::High)]));
    assert!(!engine.is_confidential([("a", Confidence::Medium), ("a", Confidence::Medium)]));
    assert!(engine.is_confidential([("a", Confidence::Medium), ("b", Confidence::Medium)]));
    assert!(!engine.is_confidential([("a", Confidence::Low), ("b", Confidence::Low)]));
}

#[test]
fn rule_errors_point_at_the_line() {
    let text = "[decision]\nhigh_findings = 1\nmedium_distinct_detectors = 2\n[context]\nwindow = 10\nstrong_clinical = []\nweak_clinical = []\nanti = []\n[[detector]]\nid = \"x\"\npatterns = ['[a-z']\nconfidence = \"low\"\nconfidence_with_context = \"low\"\n";
    let err = Engine::parse(text).unwrap_err().to_string();
    assert!(err.starts_with("11:13: invalid pattern"), "{err}");
    let err =
        Engine::parse(&text.replace("\"low\"\nconfidence_with", "\"lowest\"\nconfidence_with"))
            .unwrap_err()
            .to_string();
    assert!(err.starts_with("12:14: unknown variant `lowest`"), "{err}");
}

#[test]
fn nam_written_many_ways_with_clinical_words() {
    for text in [
        "Patiente diabetique, NAM cote  8753  1210",
        "Diagnostic: diabete. c o t e 8 7 5 3 1 2 1 0",
        "Admission COTE 875312 10 pour pneumonie",
    ] {
        let hits = scan(text);
        assert_eq!(
            detectors(&hits),
            vec![("quebec_health_number", Confidence::High)],
            "{text}"
        );
    }
}

#[test]
fn a_column_of_codes_that_mostly_fail_the_check_is_not_patients() {
    // Among product codes, one passes the NAM check by chance.
    let text = "Patient safety stock. Code produit: ABCD99123456 ABCE88130122 ABCF77135598 \
                ABCG66140011 COTE87531210";
    assert!(scan(text).is_empty(), "{:?}", scan(text));
}

#[test]
fn a_grouped_number_is_not_cut_into_a_sin_but_a_next_cell_date_is_fine() {
    assert!(scan("NAS de l'employe: 130 692 544 471").is_empty());
    let hits = scan("NAS | 130 692 544 | 1954-01-01");
    assert_eq!(detectors(&hits), vec![("canadian_sin", Confidence::High)]);
}

#[test]
fn specification_templates_are_not_records() {
    let hl7 = "MSH|^~\\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1\rPID|1||^^^^MR~^^^QC^JHN||^^^^^^L\r";
    assert!(scan(hl7).is_empty());
    let filled =
        "MSH|^~\\&|A|B|C|D|20250101||ADT^A01|1|P|2.5.1\rPID|1||123456^^^^MR||TREMBLAY^GASTON\r";
    assert_eq!(
        detectors(&scan(filled)),
        vec![("structured_clinical_record", Confidence::High)]
    );
    let empty = r#"{"resourceType": "Patient", "id": "p1", "active": true}"#;
    assert!(scan(empty).is_empty());
}

#[test]
fn fhir_patient_with_id_example_is_still_a_record() {
    // Judged by content: a Patient that names a person is patient data whatever its id.
    let example =
        r#"{"resourceType": "Patient", "id": "example", "name": [{"family": "Tremblay"}]}"#;
    assert_eq!(
        detectors(&scan(example)),
        vec![("structured_clinical_record", Confidence::High)]
    );
    let xml = r#"<Patient xmlns="http://hl7.org/fhir"><id value="example"/><birthDate value="1954-01-14"/></Patient>"#;
    assert_eq!(
        detectors(&scan(xml)),
        vec![("structured_clinical_record", Confidence::High)]
    );
}

#[test]
fn a_named_birth_date_at_a_birthday_party_is_not_high() {
    let text = "Anniversaires du mois: Jade Joseph, nee le 14 juin 1998. Formation DME lundi.";
    assert!(
        !detectors(&scan(text)).contains(&("person_clinical_context", Confidence::High)),
        "{:?}",
        scan(text)
    );
    let text = "Roger Cyr (1943-09-17) biopsie positive, revoir en consultation";
    assert_eq!(
        detectors(&scan(text)),
        vec![("person_clinical_context", Confidence::High)]
    );
}

#[test]
fn a_compact_birth_date_after_its_label_is_a_date_of_birth() {
    let note =
        "Mme Josee Dube (DDN 19490822) : trouble depressif majeur, revoir sertraline 100 mg DIE.";
    assert_eq!(
        detectors(&scan(note)),
        vec![("person_clinical_context", Confidence::High)]
    );
    // Without its label, eight digits are no date; nor is a longer number after it.
    let order = "Mme Josee Dube : commande 19490822, trouble depressif majeur, sertraline 100 mg.";
    assert!(!detectors(&scan(order)).contains(&("person_clinical_context", Confidence::High)));
    let long = "Mme Josee Dube (DDN 194908221234) : trouble depressif majeur, sertraline.";
    assert!(!detectors(&scan(long)).contains(&("person_clinical_context", Confidence::High)));
}

#[test]
fn a_training_screen_s_dummy_patient_and_placeholder_numbers_are_no_one() {
    let screen = "Environnement de formation\nFichier Edition Affichage Dossier Outils\nNom : PATIENT, Test DDN : 1954-12-28\n\
                  No dossier : 000000 Allergies : aucune\nAjouter metformine 500 mg BID.";
    // A birth date amid clinical words alone stays medium: not enough to be confidential.
    assert_eq!(
        detectors(&scan(screen)),
        vec![("person_clinical_context", Confidence::Medium)]
    );
    // A training environment's list of dummy patients is no list of patients.
    let dummies = "Environnement de formation\nPatient\nPATIENT, Test\nTEST, Patient\nDOE, John\n\
                   Diagnostic : pneumonie";
    assert_eq!(detectors(&scan(dummies)), vec![]);
    // The same screen with a real-looking patient is one.
    let real = screen
        .replace("PATIENT, Test", "LALONDE, Therese")
        .replace("000000", "976593");
    let hits = scan(&real);
    let found = detectors(&hits);
    assert!(
        found.contains(&("person_clinical_context", Confidence::High)),
        "{found:?}"
    );
    assert!(
        found.contains(&("medical_record_number", Confidence::High)),
        "{found:?}"
    );
}

#[test]
fn a_table_of_patients_with_their_birth_dates_is_a_person_in_a_clinical_context() {
    let sheet = "Chambre\tNom\tPrenom\tDDN\tDiagnostic\n804-A\tLalonde\tIsabelle\t1935-09-25\themorragie digestive\n\
                 227\tBenali\tJennifer\t1974-11-01\ttrouble bipolaire\n";
    let high = |hits: Vec<Hit>| {
        !hits.is_empty()
            && hits.iter().all(|h| {
                h.detector == "person_clinical_context" && h.confidence == Confidence::High
            })
    };
    assert!(high(scan(sheet)));
    let board = "Tableau de bord - Urgence\nCiviere Patient Age Plainte\nC-16 CHENIER, Colette 60 F dyspnee\n\
                 C-40 LEMAY, Alain 58 M fievre\nC-29 GRENIER, Normand 66 M douleur thoracique\n";
    assert!(high(scan(board)));
    // A staff list with birthdays is neither clinical nor a list of patients.
    let party = "Anniversaires du mois\nNom\tPrenom\tDate de naissance\nTremblay\tMarc\t1980-03-02\n\
                 Roy\tJulie\t1975-03-18\n";
    assert!(scan(party).iter().all(|h| h.confidence < Confidence::High));
}

#[test]
fn a_file_number_column_of_a_table_of_patients_is_record_numbers() {
    let sheet = "Lit\tUsager\tDossier\tDiagnostic\n400\tFrancois Pelletier\t5618174\tAsthme\n\
                 402\tAlice Dion\t8128622\tFibrillation auriculaire\n";
    let hits = scan(sheet);
    assert_eq!(
        detectors(&hits),
        vec![
            ("medical_record_number", Confidence::High),
            ("medical_record_number", Confidence::High)
        ]
    );
    assert!(hits.iter().all(|h| !h.sample.contains("1817")));
    // Placeholder rows of a blank template are no one.
    let blank = "Usager\tDossier\n____\t0000000\n____\t0000000\n";
    assert!(scan(blank).is_empty());
}

#[test]
fn a_patient_named_by_its_label_amid_health_words_is_a_person_in_a_clinical_context() {
    let report = "Patient : GOSSELIN, Felix\nExamen : radiographie pulmonaire\n\
                  Indication : fievre.\nConclusion : pneumonie du lobe inferieur gauche";
    assert_eq!(
        detectors(&scan(report)),
        vec![("person_clinical_context", Confidence::High)]
    );
    // A dummy patient, or a name without health words, is not.
    assert!(scan("Patient : TEST, Patient\nradiographie : pneumonie, fievre").is_empty());
    assert!(scan("Patient : Felix Gosselin\nMerci de votre appel.").is_empty());
    // A label inside prose is no label ("patients: ... Patient; ZZTEST, Bebe").
    assert!(
        scan("Test patients are synthetic (ZZTEST, Patient; ZZTEST, Bebe): pneumonia, fever")
            .is_empty()
    );
    // One health word besides the label leaves a doubt.
    assert_eq!(
        detectors(&scan(
            "Patient : Felix Gosselin\nRendez-vous en radiographie."
        )),
        vec![("person_clinical_context", Confidence::Medium)]
    );
}

#[test]
fn a_file_number_label_with_its_abbreviation_or_a_cell_separator_still_labels_it() {
    for text in [
        "No dossier (MRN) : 399-7655",
        "No dossier (MRN)\t0770075",
        "No dossier (MRN),399-7655",
        "Dossier;0770075",
        "MRN\t3260796",
    ] {
        assert_eq!(
            detectors(&scan(text)),
            vec![("medical_record_number", Confidence::Medium)],
            "{text}"
        );
    }
}

#[test]
fn a_birth_date_and_a_patient_name_in_semicolon_separated_cells_are_read() {
    let csv = "Nom du patient;Gilles Morin\nDate de naissance;14 aout 2005\nDiagnostic;diabete";
    let hits = scan(csv);
    assert!(hits.iter().any(|h| h.sample.contains("date de naissance")));
    assert!(
        hits.iter()
            .all(|h| h.detector == "person_clinical_context" && h.confidence == Confidence::High)
    );
}

#[test]
fn an_identifier_beside_a_name_amid_clinical_words_stays_high_near_commercial_words() {
    let minutes = "Drug shortage: lots 24K118 and 24K131, substitute until 2026-12-15.\n\
                   MRN 3260796 (Jocelyne Nadeau): right breast adenocarcinoma";
    assert_eq!(
        detectors(&scan(minutes)),
        vec![("medical_record_number", Confidence::High)]
    );
}

#[test]
fn a_census_or_a_schedule_with_a_file_number_column_is_record_numbers() {
    // A name column beside a file-number column, numbers with a letter prefix or a dash,
    // cells split by semicolons (a CSV export) or single spaces (OCR of a scan).
    let census = "Recensement - unite 3 Est\nLit;Nom;Age;No dossier;Dx\n\
                  201-A;PELLETIER Gaston;71;H204417;Pneumonie\n\
                  202-B;Mme Odette Fournier;84;52-80713;Insuffisance cardiaque\n";
    let hits = scan(census);
    let records = hits
        .iter()
        .filter(|h| h.detector == "medical_record_number")
        .count();
    assert_eq!(records, 2);
    assert!(hits.iter().any(|h| h.confidence == Confidence::High));
    // An "MRN" column is a patient's even without a name label.
    let schedule = "Bloc operatoire 14 mars\nHeure MRN Intervention\n\
                    08:00 | CLOUTIER, Remi H118305 Cesarienne\n09:30 | Mme Alice Gagne 04417729 Hernie\n";
    assert!(
        scan(schedule)
            .iter()
            .any(|h| h.confidence == Confidence::High)
    );
    // A supplier's files beside a name column, nothing clinical: a doubt at most.
    let suppliers =
        "Nom du fournisseur\tDossier\tMontant\nAcme\t123456\t40 $\nBeta\t234567\t12 $\n";
    assert!(
        scan(suppliers)
            .iter()
            .all(|h| h.confidence < Confidence::High)
    );
}

#[test]
fn a_hospital_file_number_in_an_english_note_is_a_record_number() {
    let note = "Progress note\nHospital file no.: H512094\nPatient known for COPD.\n";
    assert_eq!(
        detectors(&scan(note)),
        vec![("medical_record_number", Confidence::High)]
    );
}
