//! Unit tests of the engine on people: names, birth dates and ages beside them.

use super::*;

#[test]
fn a_training_form_with_field_names_for_the_patient_is_no_one() {
    let form = "Formation - fiche d'admission\nPatient : NOM, Prenom\nDate de naissance : AAAA-MM-JJ\n\
                Diagnostic principal : inscrire le diagnostic.\nMedication : liste des medicaments.\n";
    assert!(scan(form).is_empty());
    let english = "Patient name: Last name, First name\nDiagnosis: ____\nMedications: ____\n";
    assert!(scan(english).is_empty());
}

#[test]
fn a_written_birth_date_in_parentheses_after_a_name_is_a_date_of_birth() {
    let agenda = "Ordre du jour\n3. Ajouter le cas de Julien Morin (3 fevrier 1958), \
                  syndrome coronarien aigu, readmis hier.\n";
    assert_eq!(
        detectors(&scan(agenda)),
        vec![("person_clinical_context", Confidence::High)]
    );
    // After a greeting word too ("Bonjour Julien Morin"), and not without a name.
    let greeted =
        "Bonjour Julien Morin (3 fevrier 1958) suivi en cardiologie, syndrome coronarien aigu.";
    assert!(!scan(greeted).is_empty());
    assert!(scan("Suivi (3 fevrier 1958), syndrome coronarien aigu.").is_empty());
    // A recent event in parentheses is not a birth date.
    assert!(scan("Julien Morin (3 fevrier 2026) a presente le bilan.").is_empty());
}

#[test]
fn a_surname_in_capitals_with_a_bare_birth_date_is_a_named_date_of_birth() {
    let slide = "PELLERIN, Gaston (1931-05-02) - dossier\nTroponine T hs 10,3 ng/L\nINR 1,0\n";
    assert_eq!(
        detectors(&scan(slide)),
        vec![("person_clinical_context", Confidence::High)]
    );
}

#[test]
fn years_of_service_beside_a_name_are_not_an_age() {
    let news = "Reconnaissance\nBravo a Pierre Lavigne, infirmier, pour ses 25 ans de service aux soins palliatifs.\n";
    assert!(scan(news).is_empty());
    let wrapped = "Bravo a Dre Julie Lavigne, chirurgienne, pour ses 25 ans de\nservice aux soins palliatifs.\n";
    assert!(scan(wrapped).is_empty());
    // An age still is one.
    let note = "Mme Lavigne, 82 ans, suivie en soins palliatifs pour un cancer du pancreas.\n";
    assert!(!scan(note).is_empty());
}

#[test]
fn an_age_threshold_beside_a_name_is_no_one_s_age() {
    let protocol = "Chercheuse principale\tDr Daniel Cote-Roy\nParticipants vises\t82\n\
                    Criteres d'inclusion : 65 ans et plus, arthroplastie de la hanche, chirurgie elective.\n";
    assert!(
        scan(protocol).is_empty(),
        "{:?}",
        detectors(&scan(protocol))
    );
    let english = "Principal investigator: Dr Daniel Cote-Roy. Inclusion: 18 years and older, \
                   hip arthroplasty, elective surgery, diabetes.\n";
    assert!(scan(english).is_empty());
    // A patient's age still is one.
    let note =
        "Dr Cote-Roy: Mme Lavigne, 65 ans, arthroplastie de la hanche, diabete, metformine.\n";
    assert!(!scan(note).is_empty());
}

#[test]
fn a_nam_that_spells_the_name_beside_it_counts_whatever_its_check_digit() {
    // Check digits spoiled (typed by hand, or read by OCR), no NAM label: the holders'
    // names beside them say what they are.
    let schedule = "Rendez-vous du 2026-03-01\nHeure Patient Motif\n\
                    08:45 Claire Duchesne DUCC69600616 Renouvellement Rx\n\
                    09:15 Denis Morin MORD05070209 Suivi diabete\n\
                    10:00 Josee Pelletier PELJ63560830 Vaccin\n";
    let hits = scan(schedule);
    let found = detectors(&hits);
    assert!(
        found.contains(&("quebec_health_number", Confidence::High)),
        "{found:?}"
    );
    // Codes that do not spell the names beside them stay product codes.
    let invoice = "Commande du 2026-03-01\nClaire Duchesne MEDL69600616 gants nitrile\n\
                   Denis Morin MEDL05070209 seringues\nJosee Pelletier MEDL63560830 compresses\n";
    assert!(scan(invoice).is_empty(), "{:?}", detectors(&scan(invoice)));
    // A differentiator typed 0 (which RAMQ never gives): a prescription read by OCR, the
    // form's labels in one block and its values in another.
    let prescription = "ORDONNANCE\nPatient :\nDDN :\nNAM (RAMQ) :\nRx:\n\n\
                        Felix Fortier\n\n1990-12-16\n\nFORF 9012 1601\n\nFurosemide 40 mg DIE\n";
    let hits = scan(prescription);
    let found = detectors(&hits);
    assert!(
        found.contains(&("quebec_health_number", Confidence::High)),
        "{found:?}"
    );
}
