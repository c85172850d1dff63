//! The labels of a fillable PDF's fields, found where a reader sees them: the text drawn
//! just left of each field's box on its line, or just above it. A form whose fields have
//! machine names ("Text1", "dos") then reads as it was filled ("# dossier : 9577319").
//!
//! Positions come from the page's content stream (`BT`, `Tm`, `Td`, `TD`, `TL`, `T*`, then
//! `Tj`, `TJ`, `'`, `"`); a `cm` transformation and text in composite fonts are not
//! followed: such a form keeps its fields' own names. Bounded by the size limit of the
//! page content and by [`MAX_RUNS`].

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};

/// At most this many text runs are kept per document.
const MAX_RUNS: usize = 5_000;

/// A label is at most this long (a sentence is not a label).
const MAX_LABEL: usize = 60;

/// One piece of text and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    page: ObjectId,
    x: f32,
    y: f32,
    text: String,
}

/// The text runs of `pages`, each page's content read up to `limit` bytes.
pub fn runs(document: &Document, pages: &[ObjectId], limit: usize) -> Vec<Run> {
    let mut runs = Vec::new();
    for &page in pages {
        let Ok(content) = document.get_page_content_with_limit(page, limit) else {
            continue;
        };
        let Ok(content) = Content::decode(&content) else {
            continue;
        };
        let mut state = Pen::default();
        for operation in &content.operations {
            if let Some((x, y, text)) = state.apply(&operation.operator, &operation.operands)
                && runs.len() < MAX_RUNS
            {
                runs.push(Run { page, x, y, text });
            }
        }
    }
    runs
}

/// The label a reader sees for a field whose box is `rect` on `page` (any page when the
/// field does not say).
pub fn label(runs: &[Run], page: Option<ObjectId>, rect: [f32; 4]) -> Option<String> {
    let (x1, y1) = (rect[0].min(rect[2]), rect[1].min(rect[3]));
    let (y2, height) = (rect[1].max(rect[3]), (rect[3] - rect[1]).abs().max(8.0));
    let mid = (y1 + y2) / 2.0;
    let usable = |r: &&Run| {
        page.is_none_or(|p| p == r.page) && !r.text.is_empty() && r.text.len() <= MAX_LABEL
    };
    // On the box's line, to its left: the nearest.
    let left = runs
        .iter()
        .filter(usable)
        .filter(|r| (r.y - mid).abs() <= height && r.x < x1)
        .max_by(|a, b| a.x.total_cmp(&b.x));
    // Else just above it, roughly aligned.
    let above = || {
        runs.iter()
            .filter(usable)
            .filter(|r| r.y > y2 && r.y - y2 <= 3.0 * height && (r.x - x1).abs() <= 200.0)
            .min_by(|a, b| a.y.total_cmp(&b.y))
    };
    let found = left.or_else(above)?;
    let text = found.text.trim().trim_end_matches(':').trim_end();
    (!text.is_empty()).then(|| text.to_owned())
}

/// The text state that matters for positions.
#[derive(Debug, Default)]
struct Pen {
    x: f32,
    y: f32,
    leading: f32,
}

impl Pen {
    /// Applies one operator; returns the text it shows, with where.
    fn apply(&mut self, operator: &str, operands: &[Object]) -> Option<(f32, f32, String)> {
        let number = |i: usize| operands.get(i).and_then(|o| o.as_float().ok());
        match operator {
            "BT" => (self.x, self.y) = (0.0, 0.0),
            "Tm" => (self.x, self.y) = (number(4)?, number(5)?),
            "Td" | "TD" => {
                let (dx, dy) = (number(0)?, number(1)?);
                if operator == "TD" {
                    self.leading = -dy;
                }
                self.x += dx;
                self.y += dy;
            }
            "TL" => self.leading = number(0)?,
            "T*" => self.y -= self.leading,
            "Tj" | "TJ" | "'" | "\"" => {
                if operator != "Tj" && operator != "TJ" {
                    self.y -= self.leading;
                }
                let text = shown(operands.last()?)?;
                return Some((self.x, self.y, text));
            }
            _ => {}
        }
        None
    }
}

/// The text of a `Tj` string or a `TJ` array, when it is plain (one byte per character);
/// bytes a simple font would not hold mean a composite font: not read.
fn shown(operand: &Object) -> Option<String> {
    let mut bytes = Vec::new();
    match operand {
        Object::String(s, _) => bytes.extend_from_slice(s),
        Object::Array(items) => {
            for item in items {
                match item {
                    Object::String(s, _) => bytes.extend_from_slice(s),
                    // A wide negative kerning is a space between words.
                    other if other.as_float().is_ok_and(|k| k < -200.0) => bytes.push(b' '),
                    _ => {}
                }
            }
        }
        _ => return None,
    }
    if bytes.iter().any(|&b| b < 0x20 && b != b'\t') {
        return None;
    }
    Some(crate::analysis::charset::windows_1252(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(x: f32, y: f32, text: &str) -> Run {
        Run {
            page: (1, 0),
            x,
            y,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_field_takes_the_label_left_of_its_box_or_else_above_it() {
        let runs = [
            run(50.0, 700.0, "Nom complet :"),
            run(50.0, 670.0, "No de dossier"),
            run(300.0, 640.0, "Diagnostic"),
        ];
        let beside = label(&runs, None, [200.0, 665.0, 400.0, 680.0]);
        assert_eq!(beside.as_deref(), Some("No de dossier"));
        let first = label(&runs, Some((1, 0)), [200.0, 695.0, 400.0, 710.0]);
        assert_eq!(first.as_deref(), Some("Nom complet"));
        // Nothing to the left: the label above.
        let under = label(&runs, None, [300.0, 610.0, 500.0, 625.0]);
        assert_eq!(under.as_deref(), Some("Diagnostic"));
        // Another page's text is not this field's label.
        assert_eq!(
            label(&runs, Some((9, 0)), [200.0, 665.0, 400.0, 680.0]),
            None
        );
    }

    #[test]
    fn text_positions_follow_the_text_operators() {
        let mut pen = Pen::default();
        let string = |s: &str| Object::string_literal(s);
        pen.apply("BT", &[]);
        pen.apply("Td", &[Object::Real(50.0), Object::Real(700.0)]);
        let shown = pen.apply("Tj", &[string("DDN")]);
        assert_eq!(shown, Some((50.0, 700.0, "DDN".to_owned())));
        pen.apply("TL", &[Object::Real(14.0)]);
        let next = pen.apply("'", &[string("Allergies")]);
        assert_eq!(next, Some((50.0, 686.0, "Allergies".to_owned())));
        // A composite font's two-byte codes are not read as text.
        assert_eq!(
            pen.apply(
                "Tj",
                &[Object::String(
                    vec![0, 36, 0, 37],
                    lopdf::StringFormat::Hexadecimal
                )]
            ),
            None
        );
    }
}
