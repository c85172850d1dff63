//! RTF as a reader sees it: the text of the document with its escapes decoded (`\'e9` in
//! Windows-1252, `\uN` Unicode with its `\ucN` fallback skipped), paragraph and line breaks
//! kept, and the groups no reader sees left out (font, colour and style tables, document
//! information, pictures, `\*` destinations such as the HTML tags of an encapsulated
//! message). Bounded: one pass over the bytes, group nesting counted, never recursive.

/// Destinations whose text is not shown.
const HIDDEN: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "filetbl",
    "revtbl",
];

/// Deepest group nesting followed; deeper groups are read as text of their parent.
const MAX_DEPTH: usize = 256;

/// True when `bytes` start like an RTF document.
pub fn is_rtf(bytes: &[u8]) -> bool {
    bytes.starts_with(b"{\\rtf")
}

/// The visible text of an RTF document.
pub fn text(bytes: &[u8]) -> String {
    let mut out = Out::default();
    // For each open group: is its text hidden, and how many fallback characters follow \u.
    let mut groups: Vec<(bool, usize)> = vec![(false, 1)];
    let mut skip = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        let (hidden, unicode_skip) = groups.last().copied().unwrap_or((false, 1));
        match bytes[i] {
            b'{' => {
                if groups.len() < MAX_DEPTH {
                    groups.push((hidden, unicode_skip));
                }
                i += 1;
            }
            b'}' => {
                if groups.len() > 1 {
                    groups.pop();
                }
                i += 1;
            }
            b'\\' => {
                let (word, param, next) = control(bytes, i + 1);
                i = next;
                let emit = !hidden && skip == 0;
                match word {
                    Control::Word(name) => {
                        let top = groups.len() - 1;
                        match name {
                            "*" => groups[top].0 = true,
                            "par" | "line" | "row" | "sect" | "page" if emit => out.push('\n'),
                            "tab" | "cell" if emit => out.push(' '),
                            "uc" => groups[top].1 = param.unwrap_or(1).max(0) as usize,
                            "u" => {
                                if emit {
                                    let code = param.unwrap_or(0);
                                    let code = if code < 0 { code + 65536 } else { code };
                                    out.push(char::from_u32(code as u32).unwrap_or(' '));
                                }
                                skip = unicode_skip;
                            }
                            name if HIDDEN.contains(&name) => groups[top].0 = true,
                            _ => {}
                        }
                    }
                    Control::Hex(byte) => {
                        if skip > 0 {
                            skip -= 1;
                        } else if !hidden {
                            out.byte(byte);
                        }
                    }
                    Control::Symbol(c) => {
                        if skip > 0 {
                            skip -= 1;
                        } else if !hidden {
                            out.push(c);
                        }
                    }
                }
            }
            b'\r' | b'\n' => i += 1,
            byte => {
                if skip > 0 {
                    skip -= 1;
                } else if !hidden {
                    out.byte(byte);
                }
                i += 1;
            }
        }
    }
    out.finish()
}

enum Control<'a> {
    Word(&'a str),
    Hex(u8),
    Symbol(char),
}

/// The control after a backslash at `start`: its word and parameter, and where the text
/// resumes.
fn control(bytes: &[u8], start: usize) -> (Control<'_>, Option<i32>, usize) {
    let Some(&first) = bytes.get(start) else {
        return (Control::Symbol(' '), None, start);
    };
    if first == b'\'' {
        let hex = bytes.get(start + 1..start + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        return match hex {
            Some(byte) => (Control::Hex(byte), None, start + 3),
            None => (Control::Symbol(' '), None, start + 1),
        };
    }
    if !first.is_ascii_alphabetic() {
        let symbol = match first {
            b'~' => ' ',
            b'_' => '-',
            b'*' => return (Control::Word("*"), None, start + 1),
            b'\\' | b'{' | b'}' => first as char,
            _ => return (Control::Word(""), None, start + 1),
        };
        return (Control::Symbol(symbol), None, start + 1);
    }
    let mut end = start;
    while end < bytes.len() && end - start < 32 && bytes[end].is_ascii_alphabetic() {
        end += 1;
    }
    let word = std::str::from_utf8(&bytes[start..end]).unwrap_or("");
    let number_start = end;
    if bytes.get(end) == Some(&b'-') {
        end += 1;
    }
    while end < bytes.len() && end - number_start < 11 && bytes[end].is_ascii_digit() {
        end += 1;
    }
    let param = std::str::from_utf8(&bytes[number_start..end])
        .ok()
        .and_then(|n| n.parse::<i32>().ok());
    // One space after a control word belongs to it.
    if bytes.get(end) == Some(&b' ') {
        end += 1;
    }
    (Control::Word(word), param, end)
}

/// The text being written: 8-bit bytes gather until a character of another kind comes,
/// then go through mail-parser's Windows-1252 decoder (the code page of French RTF).
#[derive(Default)]
struct Out {
    text: String,
    bytes: Vec<u8>,
}

impl Out {
    fn byte(&mut self, byte: u8) {
        self.bytes.push(byte);
    }

    fn push(&mut self, c: char) {
        self.flush();
        self.text.push(c);
    }

    fn flush(&mut self) {
        if !self.bytes.is_empty() {
            let bytes = std::mem::take(&mut self.bytes);
            self.text
                .push_str(&crate::analysis::charset::windows_1252(&bytes));
        }
    }

    fn finish(mut self) -> String {
        self.flush();
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_decoded_and_hidden_groups_left_out() {
        let rtf = br"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}{\colortbl;\red0;}{\*\generator Riched20;}\f0 Patient : Gaston Tremblay, diab\'e8te\par NAM : TREG 5401 0114\par \u233?t\u233? {\*\htmltag <p>}fin}";
        let text = text(rtf);
        assert_eq!(
            text,
            "Patient : Gaston Tremblay, diabète\nNAM : TREG 5401 0114\nété fin"
        );
    }

    #[test]
    fn windows_1252_beyond_latin_1_is_decoded() {
        assert_eq!(text(br"{\rtf1 l\'92\'9cd\'e8me}"), "l\u{2019}\u{153}dème");
    }

    #[test]
    fn hostile_rtf_is_bounded_and_never_panics() {
        let deep = "{".repeat(100_000) + "x" + &"}".repeat(100_000);
        assert_eq!(text(deep.as_bytes()), "x");
        assert_eq!(text(br"{\rtf1\u-4000\'zz\"), "\u{f060}zz ");
        assert_eq!(text(b"\\"), " ");
    }
}
