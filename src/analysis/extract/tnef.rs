//! Exchange's TNEF (`application/ms-tnef`, `winmail.dat`, MS-OXTNEF): the message's subject
//! and bodies (plain, HTML, and compressed RTF, through [`super::mapi`]) and every
//! attachment with its name, each attachment extracted like
//! any other (recursively, counted as one archive level).
//!
//! The attribute framing (level, id, length, data, checksum) and the MAPI property lists
//! (MS-OXTNEF 2.1.3.4) are read here: the one crate for TNEF (`tnef` 0.1) refuses any
//! attribute it does not list and gives `attBody` a wrong id, so it would fail on common
//! files. Anything this reader does not understand makes the whole TNEF a risk: a
//! truncated attribute, a bad checksum, a property type it cannot size.

use super::le::Cursor;
use super::mapi;
use super::{Budget, Piece};
use crate::analysis::mime::Location;

/// TNEF's signature, little-endian.
pub const SIGNATURE: [u8; 4] = [0x78, 0x9F, 0x3E, 0x22];

/// Most attributes and properties read from one TNEF stream.
const MAX_ITEMS: usize = 100_000;
const ATT_SUBJECT: u32 = 0x0001_8004;
const ATT_BODY: u32 = 0x0002_800C;
const ATT_MSG_PROPS: u32 = 0x0006_9003;
const ATT_ATTACH_RENDDATA: u32 = 0x0006_9002;
const ATT_ATTACH_DATA: u32 = 0x0006_800F;
const ATT_ATTACH_TITLE: u32 = 0x0001_8010;
const ATT_ATTACHMENT: u32 = 0x0006_9005;

/// Reads the TNEF stream at `location`, `depth` archives deep.
pub fn walk(
    bytes: &[u8],
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) {
    if super::too_deep(depth, &location, budget, out) {
        return;
    }
    let read = match read(bytes) {
        Ok(read) => read,
        Err(reason) => {
            out.push(Piece::Unscannable(location, reason.into()));
            return;
        }
    };
    let text = read.texts.join("\n");
    if budget.reserve(text.len()) {
        out.push(Piece::Text(location.clone(), text));
    } else {
        out.push(Piece::Unscannable(
            location.clone(),
            "decoded text over the size limit".into(),
        ));
    }
    for (name, data) in read.attachments {
        let inner = Location {
            part: location.part.clone(),
            filename: Some(match &location.filename {
                Some(outer) => format!("{outer}/{name}"),
                None => name,
            }),
        };
        super::content(data, inner, depth + 1, budget, out);
    }
}

/// What a TNEF stream holds: texts a reader sees (subject, bodies, attachment names) and
/// the attachments' bytes with their names.
struct Read<'a> {
    texts: Vec<String>,
    attachments: Vec<(String, &'a [u8])>,
}

fn read(bytes: &[u8]) -> Result<Read<'_>, &'static str> {
    const BROKEN: &str = "Exchange TNEF (winmail.dat) corrupt or truncated";
    let mut cursor = Cursor(bytes.get(6..).ok_or(BROKEN)?);
    let mut read = Read {
        texts: Vec::new(),
        attachments: Vec::new(),
    };
    // The attachment being read: its name and data come in separate attributes.
    let mut current: Option<(String, Option<&[u8]>)> = None;
    let mut items = 0;
    while !cursor.0.is_empty() {
        items += 1;
        if items > MAX_ITEMS {
            return Err("Exchange TNEF with too many attributes");
        }
        let _level = cursor.u8().ok_or(BROKEN)?;
        let id = cursor.u32().ok_or(BROKEN)?;
        let len = cursor.u32().ok_or(BROKEN)? as usize;
        let data = cursor.take(len).ok_or(BROKEN)?;
        let checksum = cursor.u16().ok_or(BROKEN)?;
        let sum = data.iter().fold(0u16, |s, &b| s.wrapping_add(u16::from(b)));
        if sum != checksum {
            return Err(BROKEN);
        }
        match id {
            ATT_SUBJECT | ATT_BODY => read.texts.push(mapi::eight_bit(data)),
            ATT_MSG_PROPS => properties(data, &mut read.texts, &mut None)?,
            ATT_ATTACH_RENDDATA => {
                finish(&mut read, current.take());
                current = Some((String::new(), None));
            }
            ATT_ATTACH_TITLE => {
                let entry = current.get_or_insert_with(|| (String::new(), None));
                entry.0 = mapi::eight_bit(data);
            }
            ATT_ATTACH_DATA => {
                let entry = current.get_or_insert_with(|| (String::new(), None));
                entry.1 = Some(data);
            }
            ATT_ATTACHMENT => {
                let entry = current.get_or_insert_with(|| (String::new(), None));
                let mut data_prop = None;
                let mut names = Vec::new();
                properties(data, &mut names, &mut data_prop)?;
                if let Some(long) = names.into_iter().next_back() {
                    entry.0 = long;
                }
                if entry.1.is_none() {
                    entry.1 = data_prop;
                }
            }
            _ => {}
        }
    }
    finish(&mut read, current);
    Ok(read)
}

/// Files the attachment read so far: its name is text a reader sees, its data is read.
fn finish<'a>(read: &mut Read<'a>, attachment: Option<(String, Option<&'a [u8]>)>) {
    if let Some((name, data)) = attachment {
        let name = name.trim_end_matches('\0').to_owned();
        if !name.is_empty() {
            read.texts.push(name.clone());
        }
        if let Some(data) = data {
            let name = if name.is_empty() {
                "attachment".into()
            } else {
                name
            };
            read.attachments.push((name, data));
        }
    }
}

/// Reads a MAPI property list: the texts a reader sees go to `texts`; an attachment's data
/// (PR_ATTACH_DATA_BIN) to `data`.
fn properties<'a>(
    bytes: &'a [u8],
    texts: &mut Vec<String>,
    data: &mut Option<&'a [u8]>,
) -> Result<(), &'static str> {
    const BROKEN: &str = "Exchange TNEF properties not readable";
    let mut cursor = Cursor(bytes);
    let count = cursor.u32().ok_or(BROKEN)? as usize;
    if count > MAX_ITEMS {
        return Err(BROKEN);
    }
    for _ in 0..count {
        let kind = cursor.u16().ok_or(BROKEN)?;
        let id = cursor.u16().ok_or(BROKEN)?;
        if id >= 0x8000 {
            // A named property: its GUID, then a number or a name.
            cursor.take(16).ok_or(BROKEN)?;
            if cursor.u32().ok_or(BROKEN)? == 0 {
                cursor.u32().ok_or(BROKEN)?;
            } else {
                let len = cursor.u32().ok_or(BROKEN)? as usize;
                cursor.padded(len).ok_or(BROKEN)?;
            }
        }
        let multiple = kind & 0x1000 != 0;
        let base = kind & !0x1000;
        let values = match (base, multiple) {
            (0x001E | 0x001F | 0x0102 | 0x000D, _) | (_, true) => {
                cursor.u32().ok_or(BROKEN)? as usize
            }
            _ => 1,
        };
        if values > MAX_ITEMS {
            return Err(BROKEN);
        }
        for _ in 0..values {
            let value = match base {
                0x0002 | 0x0003 | 0x0004 | 0x000A | 0x000B => cursor.take(4),
                0x0005..=0x0007 | 0x0014 | 0x0040 => cursor.take(8),
                0x0048 => cursor.take(16),
                0x001E | 0x001F | 0x0102 | 0x000D => {
                    let len = cursor.u32().ok_or(BROKEN)? as usize;
                    cursor.padded(len)
                }
                _ => return Err("Exchange TNEF property of an unknown type"),
            }
            .ok_or(BROKEN)?;
            if id == mapi::PR_ATTACH_DATA && base == mapi::PT_BINARY {
                *data = Some(value);
            } else if let Some(text) = mapi::visible(id, base, value)? {
                texts.push(text);
            }
        }
    }
    Ok(())
}
