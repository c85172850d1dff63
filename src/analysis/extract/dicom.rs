//! DICOM (PS3.10) files: only the patient elements of the header are read, by a small bounded
//! walk over the data elements (explicit or implicit VR, little endian) that stops at the pixel
//! data. A full DICOM library would parse far more than the four tags needed here.
//! PatientName (0010,0010) or PatientID (0010,0020) filled in makes a structured record; their
//! values, with the birth date (0010,0030), become text for the identifier detectors.

use super::Piece;
use crate::analysis::mime::Location;

const MAX_ELEMENTS: usize = 10_000;

/// A DICOM stream without the 128-byte preamble starts with a group 0002 or 0008 tag.
pub fn looks_headerless(bytes: &[u8]) -> bool {
    matches!(
        bytes.get(..4),
        Some([0x02, 0x00, _, 0x00]) | Some([0x08, 0x00, _, 0x00])
    ) && bytes
        .get(4..6)
        .is_some_and(|vr| vr.iter().all(u8::is_ascii_uppercase))
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

#[derive(Default)]
struct Patient {
    name: String,
    id: String,
    birth: String,
}

fn walk(bytes: &[u8]) -> Patient {
    let mut patient = Patient::default();
    let mut pos = if bytes.get(128..132) == Some(b"DICM") {
        132
    } else {
        0
    };
    for _ in 0..MAX_ELEMENTS {
        let (Some(group), Some(element)) = (u16_at(bytes, pos), u16_at(bytes, pos + 2)) else {
            break;
        };
        if group == 0x7FE0 || group > 0x0010 && group != 0xFFFE {
            break;
        }
        let vr = bytes.get(pos + 4..pos + 6).unwrap_or(b"\0\0");
        let explicit = vr.iter().all(u8::is_ascii_uppercase) && group != 0xFFFE;
        let (length, header) = if explicit {
            if matches!(
                vr,
                b"OB"
                    | b"OW"
                    | b"OF"
                    | b"SQ"
                    | b"UT"
                    | b"UN"
                    | b"UC"
                    | b"UR"
                    | b"OD"
                    | b"OL"
                    | b"OV"
                    | b"SV"
                    | b"UV"
            ) {
                (u32_at(bytes, pos + 8), 12)
            } else {
                (u16_at(bytes, pos + 6).map(u32::from), 8)
            }
        } else {
            (u32_at(bytes, pos + 4), 8)
        };
        let Some(length) = length else { break };
        let start = pos + header;
        if length == u32::MAX || group == 0xFFFE {
            // Undefined length (a sequence or an item): step into it.
            pos = start;
            continue;
        }
        let end = start.saturating_add(length as usize);
        let value = bytes.get(start..end).unwrap_or(&[]);
        let text = || {
            String::from_utf8_lossy(value)
                .trim_matches(|c: char| c == '\0' || c.is_whitespace())
                .to_owned()
        };
        match (group, element) {
            (0x0010, 0x0010) => patient.name = text().replace('^', " "),
            (0x0010, 0x0020) => patient.id = text(),
            (0x0010, 0x0030) => patient.birth = text(),
            _ => {}
        }
        if end > bytes.len() {
            break;
        }
        pos = end;
    }
    patient
}

/// Extracts the patient elements of a DICOM file.
pub fn extract(bytes: &[u8], location: Location, out: &mut Vec<Piece>) {
    let patient = walk(bytes);
    if patient.name.is_empty() && patient.id.is_empty() {
        out.push(Piece::Unscannable(
            location,
            "dicom image without patient elements: burned-in annotations not read".into(),
        ));
        return;
    }
    out.push(Piece::Record(
        location.clone(),
        "DICOM PatientName/PatientID",
    ));
    out.push(Piece::Text(
        location,
        format!(
            "Patient: {} ; NAM: {} ; date de naissance: {}",
            patient.name, patient.id, patient.birth
        ),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(out: &mut Vec<u8>, group: u16, element: u16, vr: &[u8; 2], value: &[u8]) {
        out.extend_from_slice(&group.to_le_bytes());
        out.extend_from_slice(&element.to_le_bytes());
        out.extend_from_slice(vr);
        out.extend_from_slice(&(value.len() as u16).to_le_bytes());
        out.extend_from_slice(value);
    }

    #[test]
    fn patient_elements_are_read_and_truncation_is_safe() {
        let mut file = vec![0u8; 128];
        file.extend_from_slice(b"DICM");
        element(&mut file, 0x0002, 0x0010, b"UI", b"1.2.840.10008.1.2.1\0");
        element(&mut file, 0x0008, 0x0060, b"CS", b"CT");
        element(&mut file, 0x0010, 0x0010, b"PN", b"TREMBLAY^GASTON ");
        element(&mut file, 0x0010, 0x0020, b"LO", b"TREG54010114");
        element(&mut file, 0x0010, 0x0030, b"DA", b"19540101");
        let patient = walk(&file);
        assert_eq!(
            (
                patient.name.as_str(),
                patient.id.as_str(),
                patient.birth.as_str()
            ),
            ("TREMBLAY GASTON", "TREG54010114", "19540101")
        );
        for cut in 0..file.len() {
            let _ = walk(&file[..cut]);
        }
    }
}
