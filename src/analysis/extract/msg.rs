//! Outlook messages saved as files (.msg, MS-OXMSG): a compound file whose storages hold
//! the message's properties as streams named `__substg1.0_IIIITTTT` (property id, type).
//! What a reader sees is kept through [`super::mapi`] (subject, bodies in text, HTML and
//! compressed RTF, sender and recipients' names, transport headers, attachment names);
//! each attachment is extracted like any other, and an attached message is read the same
//! way, one archive level deeper.

use super::ole::Ole;
use super::{Budget, Piece, mapi};
use crate::analysis::mime::Location;

const STRING_PREFIX: &str = "__substg1.0_";
const RECIPIENT: &str = "__recip_version1.0_";
const ATTACHMENT: &str = "__attach_version1.0_";
/// The storage of an attached message (PR_ATTACH_DATA_OBJ).
const ATTACHED_MESSAGE: &str = "__substg1.0_3701000D";
/// Most attachments and recipients read per message.
const MAX_CHILDREN: usize = 10_000;

/// True when the compound file's root looks like an Outlook message.
pub fn is_message(ole: &Ole<'_>) -> bool {
    ole.exists("/__properties_version1.0") || ole.exists("/__substg1.0_0037001F")
}

/// Reads the message stored at `storage` (`/` for the file itself), `depth` archives deep.
pub fn walk(
    ole: &mut Ole<'_>,
    storage: &str,
    location: Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) -> Result<(), &'static str> {
    if super::too_deep(depth, &location, budget, out) {
        return Ok(());
    }
    let children = ole.children(storage);
    if children.len() > MAX_CHILDREN {
        return Err("Outlook message with too many parts");
    }
    let mut texts = Vec::new();
    let mut attachments = Vec::new();
    for (name, is_stream) in children {
        let path = join(storage, &name);
        if is_stream && name.starts_with(STRING_PREFIX) {
            properties(ole, storage, &name, &mut texts)?;
        } else if !is_stream && name.starts_with(RECIPIENT) {
            for (child, stream) in ole.children(&path) {
                if stream && child.starts_with(STRING_PREFIX) {
                    properties(ole, &path, &child, &mut texts)?;
                }
            }
        } else if !is_stream && name.starts_with(ATTACHMENT) {
            attachments.push(path);
        }
    }
    let text = texts.join("\n");
    if !budget.reserve(text.len()) {
        return Err("decoded text over the size limit");
    }
    out.push(Piece::Text(location.clone(), text));
    for path in attachments {
        attachment(ole, &path, &location, depth, budget, out)?;
    }
    Ok(())
}

/// Keeps what a reader sees of the property stream `name` in `storage`.
fn properties(
    ole: &mut Ole<'_>,
    storage: &str,
    name: &str,
    texts: &mut Vec<String>,
) -> Result<(), &'static str> {
    let Some((id, kind)) = property(name) else {
        return Ok(());
    };
    if !matches!(kind, mapi::PT_UNICODE | mapi::PT_STRING8 | mapi::PT_BINARY)
        || (id == mapi::PR_ATTACH_DATA)
    {
        return Ok(());
    }
    let value = ole.stream(&join(storage, name))?;
    if let Some(text) = mapi::visible(id, kind, &value)? {
        texts.push(text);
    }
    Ok(())
}

/// Extracts one attachment storage: its file, or the message attached.
fn attachment(
    ole: &mut Ole<'_>,
    path: &str,
    location: &Location,
    depth: usize,
    budget: &Budget<'_>,
    out: &mut Vec<Piece>,
) -> Result<(), &'static str> {
    let mut names = Vec::new();
    let mut data = None;
    let mut message = false;
    for (child, is_stream) in ole.children(path) {
        match property(&child) {
            Some((id, mapi::PT_BINARY)) if id == mapi::PR_ATTACH_DATA && is_stream => {
                data = Some(ole.stream(&join(path, &child))?);
            }
            Some((id, kind @ (mapi::PT_UNICODE | mapi::PT_STRING8))) if mapi::is_file_name(id) => {
                let value = ole.stream(&join(path, &child))?;
                if let Some(name) = mapi::visible(id, kind, &value)? {
                    names.push(name);
                }
            }
            _ if child == ATTACHED_MESSAGE && !is_stream => message = true,
            _ => {}
        }
    }
    let name = names
        .iter()
        .rev()
        .find(|n| !n.is_empty())
        .cloned()
        .unwrap_or_else(|| "attachment".into());
    let inner = Location {
        part: location.part.clone(),
        filename: Some(match &location.filename {
            Some(outer) => format!("{outer}/{name}"),
            None => name.clone(),
        }),
    };
    // The attachment's name is text a reader sees.
    if budget.reserve(name.len()) {
        out.push(Piece::Text(inner.clone(), name));
    }
    if let Some(data) = data {
        super::content(&data, inner, depth + 1, budget, out);
    } else if message {
        walk(
            ole,
            &join(path, ATTACHED_MESSAGE),
            inner,
            depth + 1,
            budget,
            out,
        )?;
    }
    Ok(())
}

/// The property id and type a stream's name gives (`__substg1.0_0037001F`).
fn property(name: &str) -> Option<(u16, u16)> {
    let hex = name.strip_prefix(STRING_PREFIX)?;
    if hex.len() != 8 {
        return None;
    }
    let id = u16::from_str_radix(hex.get(..4)?, 16).ok()?;
    let kind = u16::from_str_radix(hex.get(4..)?, 16).ok()?;
    Some((id, kind))
}

fn join(storage: &str, name: &str) -> String {
    format!("{}/{name}", storage.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_streams_are_named_by_id_and_type() {
        assert_eq!(property("__substg1.0_0037001F"), Some((0x0037, 0x001F)));
        assert_eq!(property("__substg1.0_37010102"), Some((0x3701, 0x0102)));
        assert_eq!(property("__substg1.0_1000001F-00000001"), None);
        assert_eq!(property("__properties_version1.0"), None);
        assert_eq!(join("/", "a"), "/a");
        assert_eq!(join("/x", "a"), "/x/a");
    }
}
