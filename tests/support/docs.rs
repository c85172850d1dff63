//! Real attachments built at test time (fake data only): PDF with compressed page streams
//! (lopdf), docx and zip archives (zip), HL7 v2, and MIME messages that carry them.
//! Shared by the integration tests and the benchmarks (`#[path]` include).

#![allow(dead_code)]

use std::io::Write;

use base64::Engine as _;
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

/// A PDF with one page per entry of `pages`, each line of a page a text line, the content
/// streams Flate-compressed. ASCII text only (the standard Helvetica encoding).
pub fn pdf(pages: &[Vec<String>]) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font",
        "Subtype" => "Type1",
        "BaseFont" => "Helvetica",
    });
    let resources_id = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => font_id },
    });
    let mut kids = Vec::new();
    for lines in pages {
        let mut operations = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 10.into()]),
            Operation::new("TL", vec![12.into()]),
            Operation::new("Td", vec![40.into(), 800.into()]),
        ];
        for line in lines {
            operations.push(Operation::new(
                "Tj",
                vec![Object::string_literal(line.as_str())],
            ));
            operations.push(Operation::new("T*", vec![]));
        }
        operations.push(Operation::new("ET", vec![]));
        let content = Content { operations }.encode().expect("encode page");
        let mut stream = Stream::new(dictionary! {}, content);
        stream.compress().expect("compress page");
        let content_id = doc.add_object(stream);
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => kids,
            "Count" => count,
            "Resources" => resources_id,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog",
        "Pages" => pages_id,
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}

/// A zip archive of `entries` (Deflate).
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    zip_with(entries, zip::CompressionMethod::Deflated)
}

/// A zip archive of `entries` with `method`.
pub fn zip_with(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(false);
    for (name, data) in entries {
        writer.start_file(*name, options).expect("zip entry");
        writer.write_all(data).expect("zip write");
    }
    writer.finish().expect("zip finish").into_inner()
}

/// A minimal but real docx whose paragraphs are `paragraphs`.
pub fn docx(paragraphs: &[String]) -> Vec<u8> {
    let body: String = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escape(p)
            )
        })
        .collect();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    zip(&[
        (
            "[Content_Types].xml",
            b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
        ),
        (
            "_rels/.rels",
            b"<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>",
        ),
        ("word/document.xml", document.as_bytes()),
    ])
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An HL7 v2 ORU^R01 lab result for Gaston Tremblay (fake), NAM TREG54010114.
pub fn hl7_result() -> Vec<u8> {
    "MSH|^~\\&|LAB|CHUM|DME|CHUM|20261120083000||ORU^R01|MSG00001|P|2.5.1\r\
PID|1||TREG54010114^^^RAMQ^JHN||TREMBLAY^GASTON||19540101|M|||123 RUE FICTIVE^^MONTREAL^QC^H2X1Y4\r\
OBR|1||LAB123|GLU^Glucose\r\
OBX|1|NM|GLU^Glucose||7.2|mmol/L|3.9-6.1|H|||F\r"
        .as_bytes()
        .to_vec()
}

/// Ordinary French prose with no identifier, about `size` bytes.
pub fn french_prose(size: usize) -> String {
    const SENTENCES: &[&str] = &[
        "La réunion du comité de direction aura lieu jeudi prochain dans la grande salle du troisième étage.",
        "Merci de confirmer votre présence avant mercredi midi auprès de l'adjointe administrative.",
        "Le nouveau système de réservation des salles entrera en fonction au début du mois de décembre.",
        "Nous rappelons que le stationnement du pavillon B sera fermé pour des travaux d'entretien.",
        "La cafétéria offrira un menu spécial pour souligner la semaine de la reconnaissance du personnel.",
        "Les formations sur la sécurité de l'information sont obligatoires pour tous les employés.",
        "Veuillez noter que les bureaux seront fermés le lundi de l'Action de grâce.",
        "Le rapport annuel sera déposé au conseil d'administration lors de la séance de février.",
        "Une collecte de fonds au profit de la fondation se tiendra dans le hall principal.",
        "Pour toute question, communiquez avec le centre de services informatiques au poste 4521.",
        "La séance du 12 décembre débutera à 13 h 30 à la salle 3.204 du pavillon principal.",
        "Le budget de 2027 prévoit 45 postes et une hausse de 2,5 % des dépenses de fonctionnement.",
    ];
    let mut text = String::with_capacity(size + 200);
    let mut i = 0usize;
    while text.len() < size {
        text.push_str(SENTENCES[i % SENTENCES.len()]);
        text.push(if i % 7 == 6 { '\n' } else { ' ' });
        i += 1;
    }
    text
}

/// One attachment of [`mime`].
pub struct Attachment<'a> {
    pub filename: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

/// A multipart/mixed message: a text/plain body then `attachments`, base64-encoded,
/// CRLF line endings.
pub fn mime(subject: &str, body: &str, attachments: &[Attachment<'_>]) -> Vec<u8> {
    let mut out = format!(
        "From: dre.gagnon@ssss.gouv.qc.ca\r\nTo: collegue@example.com\r\nSubject: {subject}\r\n\
Message-ID: <test@ssss.gouv.qc.ca>\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"=_limite\"\r\n\r\n--=_limite\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(body.replace('\n', "\r\n").as_bytes());
    out.extend_from_slice(b"\r\n");
    for a in attachments {
        out.extend_from_slice(
            format!(
                "--=_limite\r\nContent-Type: {}; name=\"{}\"\r\nContent-Disposition: attachment; filename=\"{}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
                a.content_type, a.filename, a.filename
            )
            .as_bytes(),
        );
        let encoded = base64::engine::general_purpose::STANDARD.encode(a.bytes);
        for line in encoded.as_bytes().chunks(76) {
            out.extend_from_slice(line);
            out.extend_from_slice(b"\r\n");
        }
    }
    out.extend_from_slice(b"--=_limite--\r\n");
    out
}

/// A TNEF stream (winmail.dat, MS-OXTNEF) as Outlook writes it: the version and code page,
/// the message's properties with `rtf` as its compressed RTF body (MS-OXRTFCP), then each
/// attachment as rendering data, title, data and properties.
pub fn tnef(rtf: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
    tnef_with_body(&compressed_rtf::compress_rtf(rtf).unwrap(), attachments)
}

/// [`tnef`] with `compressed` as the compressed RTF body, as it is.
pub fn tnef_with_body(compressed: &[u8], attachments: &[(&str, &[u8])]) -> Vec<u8> {
    fn attribute(out: &mut Vec<u8>, level: u8, id: u32, data: &[u8]) {
        out.push(level);
        out.extend_from_slice(&id.to_le_bytes());
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(data);
        let sum = data.iter().fold(0u16, |s, &b| s.wrapping_add(u16::from(b)));
        out.extend_from_slice(&sum.to_le_bytes());
    }
    /// A property list of variable-size values: (type, id, value).
    fn properties(list: &[(u16, u16, &[u8])]) -> Vec<u8> {
        let mut out = (list.len() as u32).to_le_bytes().to_vec();
        for (kind, id, value) in list {
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&id.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
            out.extend_from_slice(&(value.len() as u32).to_le_bytes());
            out.extend_from_slice(value);
            out.resize(out.len().div_ceil(4) * 4, 0);
        }
        out
    }
    let mut out = vec![0x78, 0x9F, 0x3E, 0x22, 0x01, 0x00];
    attribute(&mut out, 1, 0x0008_9006, &[0, 0, 1, 0]);
    attribute(&mut out, 1, 0x0006_9007, &[0xE4, 0x04, 0, 0, 0, 0, 0, 0]);
    attribute(&mut out, 1, 0x0007_8008, b"IPM.Microsoft Mail.Note\0");
    // A PT_LONG first (a fixed-size value), then the body.
    let mut props = properties(&[(0x0102, 0x1009, compressed)]);
    let count = u32::from_le_bytes(props[..4].try_into().unwrap()) + 1;
    let mut long = count.to_le_bytes().to_vec();
    long.extend_from_slice(&0x0003u16.to_le_bytes());
    long.extend_from_slice(&0x0E07u16.to_le_bytes());
    long.extend_from_slice(&1u32.to_le_bytes());
    long.extend_from_slice(&props[4..]);
    props = long;
    attribute(&mut out, 1, 0x0006_9003, &props);
    for (name, data) in attachments {
        attribute(
            &mut out,
            2,
            0x0006_9002,
            &[1, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0],
        );
        attribute(&mut out, 2, 0x0001_8010, format!("{name}\0").as_bytes());
        attribute(&mut out, 2, 0x0006_800F, data);
        let long_name: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
        attribute(
            &mut out,
            2,
            0x0006_9005,
            &properties(&[(0x001F, 0x3707, &long_name)]),
        );
    }
    out
}

/// A compound file (MS-CFB) with `streams` at their paths (storages made as needed).
pub fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write as _;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (path, data) in streams {
        let parent = std::path::Path::new(path).parent().unwrap();
        if parent != std::path::Path::new("/") && !file.exists(parent) {
            file.create_storage_all(parent).unwrap();
        }
        file.create_stream(path).unwrap().write_all(data).unwrap();
    }
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// The UTF-16LE bytes of `text`, as Outlook stores a PT_UNICODE property.
pub fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The property streams of an Outlook message (MS-OXMSG) under `storage`: subject and
/// plain body, and each attachment's long file name and data.
pub fn msg_streams(
    storage: &str,
    subject: &str,
    body: &str,
    attachments: &[(&str, &[u8])],
) -> Vec<(String, Vec<u8>)> {
    let mut streams = vec![
        (format!("{storage}/__properties_version1.0"), vec![0u8; 32]),
        (format!("{storage}/__substg1.0_0037001F"), utf16le(subject)),
        (format!("{storage}/__substg1.0_1000001F"), utf16le(body)),
    ];
    for (i, (name, data)) in attachments.iter().enumerate() {
        let at = format!("{storage}/__attach_version1.0_#{i:08X}");
        streams.push((format!("{at}/__substg1.0_3707001F"), utf16le(name)));
        streams.push((format!("{at}/__substg1.0_37010102"), data.to_vec()));
    }
    streams
}

/// An Outlook .msg file: `subject`, `body`, `attachments`.
pub fn msg(subject: &str, body: &str, attachments: &[(&str, &[u8])]) -> Vec<u8> {
    let streams = msg_streams("", subject, body, attachments);
    let refs: Vec<(&str, &[u8])> = streams
        .iter()
        .map(|(p, d)| (p.as_str(), d.as_slice()))
        .collect();
    compound(&refs)
}

/// A one-page fillable PDF: the page shows `labels` only; each field's value lives in its
/// `/V` entry, and each of `notes` is a sticky-note annotation. `modern` writes the objects
/// in compressed object streams with a cross-reference stream (PDF 1.5).
pub fn pdf_form(labels: &[&str], fields: &[(&str, &str)], notes: &[&str], modern: bool) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut operations = vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec!["F1".into(), 10.into()]),
        Operation::new("TL", vec![14.into()]),
        Operation::new("Td", vec![40.into(), 800.into()]),
    ];
    for label in labels {
        operations.push(Operation::new("Tj", vec![Object::string_literal(*label)]));
        operations.push(Operation::new("T*", vec![]));
    }
    operations.push(Operation::new("ET", vec![]));
    let content = Content { operations }.encode().expect("encode page");
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.new_object_id();
    let mut field_ids: Vec<Object> = Vec::new();
    let mut annots: Vec<Object> = Vec::new();
    for (i, (name, value)) in fields.iter().enumerate() {
        let y = 780 - 14 * i as i64;
        let id = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Widget", "FT" => "Tx",
            "T" => Object::string_literal(*name),
            "V" => Object::String(utf16be(value), lopdf::StringFormat::Hexadecimal),
            "Rect" => vec![200.into(), y.into(), 400.into(), (y + 12).into()],
            "P" => page_id,
        });
        field_ids.push(id.into());
        annots.push(id.into());
    }
    for note in notes {
        let id = doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Text",
            "Contents" => Object::string_literal(*note),
            "Rect" => vec![500.into(), 700.into(), 520.into(), 720.into()],
        });
        annots.push(id.into());
    }
    doc.objects.insert(
        page_id,
        Object::Dictionary(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Annots" => annots,
        }),
    );
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id,
        "AcroForm" => dictionary! { "Fields" => field_ids },
    });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    if modern {
        doc.save_modern(&mut out).expect("save pdf");
    } else {
        doc.save_to(&mut out).expect("save pdf");
    }
    out
}

/// A PDF text string in UTF-16BE with its byte-order mark.
fn utf16be(text: &str) -> Vec<u8> {
    let mut out = vec![0xFE, 0xFF];
    out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
    out
}

/// A scanned-looking PDF of `pages` pages, each page one distinct grey `side`×`side` image
/// (8-bit DeviceGray, Flate-compressed) and no text.
pub fn pdf_of_images(pages: usize, side: i64) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let mut kids = Vec::new();
    for page in 0..pages {
        let pixels = vec![(page % 200) as u8 + 20; (side * side) as usize];
        let mut image = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Image", "Width" => side, "Height" => side,
                "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
            },
            pixels,
        );
        image.compress().expect("compress image");
        let image_id = doc.add_object(image);
        let content = format!("q {side} 0 0 {side} 0 0 cm /Im0 Do Q").into_bytes();
        let content_id = doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image_id } },
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("save pdf");
    out
}
