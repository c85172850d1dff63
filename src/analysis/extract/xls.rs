//! Excel 97-2003 workbooks (.xls, BIFF8) read with `calamine`: every sheet's name and
//! cells, dates shown as dates (a date of birth is a date to the reader, not a serial
//! number). Cells are tab-separated and rows end in newlines.
//!
//! calamine builds each sheet as a dense grid spanning its first to its last cell, so two
//! cells at opposite corners would ask for billions of cells: before calamine sees a
//! workbook, the `Workbook` stream's records are walked here and a workbook whose sheets
//! span more than [`MAX_CELLS`] is refused (a spreadsheet bomb). Encrypted workbooks are
//! refused with that reason.

use std::io::Cursor as Reader;

use calamine::{Data, Reader as _, Xls};

use super::le::{Cursor, u16_at, u32_at};

const PROTECTED: &str = "password-protected office document";
const BROKEN: &str = "Excel workbook structure not readable";
/// Most cells the grids of all sheets may span together (about 64 MB in calamine).
const MAX_CELLS: u64 = 2_000_000;
const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILE_PASS: u16 = 0x002F;
const BOUND_SHEET: u16 = 0x0085;
const MUL_RK: u16 = 0x00BD;
/// Records calamine turns into a cell: number, label, rich string, bool/error, RK, shared
/// string label, formula.
const CELLS: [u16; 7] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD, 0x0006];

/// The text of the workbook in `file` (the whole compound file), whose `Workbook` stream
/// is `workbook`; at most `limit` bytes.
pub fn text(file: &[u8], workbook: &[u8], limit: usize) -> Result<String, &'static str> {
    precheck(workbook)?;
    let mut xls = Xls::new(Reader::new(file)).map_err(|e| match e {
        calamine::XlsError::Password => PROTECTED,
        _ => BROKEN,
    })?;
    let mut text = String::new();
    for name in xls.sheet_names() {
        text.push_str(&name);
        text.push('\n');
        let Ok(range) = xls.worksheet_range(&name) else {
            return Err(BROKEN);
        };
        for row in range.rows() {
            for cell in row {
                push_cell(cell, &mut text);
                text.push('\t');
            }
            text.push('\n');
            if text.len() > limit {
                return Err("decoded text over the size limit");
            }
        }
    }
    Ok(text)
}

fn push_cell(cell: &Data, text: &mut String) {
    match cell {
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            text.push_str(&format!("{year:04}-{month:02}-{day:02}"));
        }
        Data::Empty => {}
        other => text.push_str(&other.to_string()),
    }
}

/// Refuses an encrypted workbook, or one whose sheets span too many cells.
fn precheck(workbook: &[u8]) -> Result<(), &'static str> {
    let mut sheets = Vec::new();
    walk(workbook, 0, |kind, data| {
        if kind == FILE_PASS {
            return Err(PROTECTED);
        }
        if kind == BOUND_SHEET {
            sheets.push(u32_at(data, 0).ok_or(BROKEN)? as usize);
        }
        Ok(())
    })?;
    let mut total: u64 = 0;
    for start in sheets {
        let mut grid = Grid::default();
        walk(workbook, start, |kind, data| {
            grid.add(kind, data);
            Ok(())
        })?;
        total = total.saturating_add(grid.span());
        if total > MAX_CELLS {
            return Err("spreadsheet spans too many cells (spreadsheet bomb)");
        }
    }
    Ok(())
}

/// Calls `each` with every record of the substream starting at `start`, to its end.
fn walk(
    stream: &[u8],
    start: usize,
    mut each: impl FnMut(u16, &[u8]) -> Result<(), &'static str>,
) -> Result<(), &'static str> {
    let mut cursor = Cursor(stream.get(start..).ok_or(BROKEN)?);
    let mut depth = 0usize;
    while let (Some(kind), Some(size)) = (cursor.u16(), cursor.u16()) {
        let data = cursor.take(size as usize).ok_or(BROKEN)?;
        each(kind, data)?;
        match kind {
            BOF => depth += 1,
            EOF if depth <= 1 => return Ok(()),
            EOF => depth -= 1,
            _ => {}
        }
    }
    Ok(())
}

/// The bounding box of one sheet's cells.
#[derive(Default)]
struct Grid {
    rows: Option<(u16, u16)>,
    columns: Option<(u16, u16)>,
}

impl Grid {
    fn add(&mut self, kind: u16, data: &[u8]) {
        let (Some(row), Some(first)) = (u16_at(data, 0), u16_at(data, 2)) else {
            return;
        };
        let last = match kind {
            MUL_RK => data.len().checked_sub(2).and_then(|at| u16_at(data, at)),
            k if CELLS.contains(&k) => Some(first),
            _ => return,
        };
        let widen = |span: &mut Option<(u16, u16)>, low: u16, high: u16| {
            let (a, b) = span.unwrap_or((low, high));
            *span = Some((a.min(low), b.max(high)));
        };
        widen(&mut self.rows, row, row);
        widen(
            &mut self.columns,
            first.min(last.unwrap_or(first)),
            first.max(last.unwrap_or(first)),
        );
    }

    fn span(&self) -> u64 {
        match (self.rows, self.columns) {
            (Some((r0, r1)), Some((c0, c1))) => (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: u16, data: &[u8]) -> Vec<u8> {
        let mut out = kind.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn number(row: u16, column: u16) -> Vec<u8> {
        let mut data = row.to_le_bytes().to_vec();
        data.extend(column.to_le_bytes());
        data.extend([0; 10]);
        record(0x0203, &data)
    }

    /// A globals substream naming one sheet, then that sheet with `cells`.
    fn workbook(globals: &[Vec<u8>], cells: &[Vec<u8>]) -> Vec<u8> {
        let mut head = record(BOF, &[0; 16]);
        for r in globals {
            head.extend(r);
        }
        let sheet_at = head.len() + 4 + 10 + 4;
        let mut bound = (sheet_at as u32).to_le_bytes().to_vec();
        bound.extend([0; 6]);
        head.extend(record(BOUND_SHEET, &bound));
        head.extend(record(EOF, &[]));
        head.extend(record(BOF, &[0; 16]));
        for c in cells {
            head.extend(c);
        }
        head.extend(record(EOF, &[]));
        head
    }

    #[test]
    fn a_sheet_spanning_opposite_corners_is_a_bomb() {
        let ok = workbook(&[], &[number(0, 0), number(999, 9)]);
        assert_eq!(precheck(&ok), Ok(()));
        let bomb = workbook(&[], &[number(0, 0), number(65535, 255)]);
        assert!(precheck(&bomb).unwrap_err().contains("bomb"));
        let mut mulrk = 0u16.to_le_bytes().to_vec();
        mulrk.extend(0u16.to_le_bytes());
        mulrk.extend([0; 6]);
        mulrk.extend(255u16.to_le_bytes());
        let wide = workbook(&[], &[mulrk_record(&mulrk), number(65535, 0)]);
        assert!(precheck(&wide).is_err());
    }

    fn mulrk_record(data: &[u8]) -> Vec<u8> {
        record(MUL_RK, data)
    }

    #[test]
    fn an_encrypted_or_truncated_workbook_is_refused() {
        let encrypted = workbook(&[record(FILE_PASS, &[1, 0, 0, 0])], &[]);
        assert_eq!(precheck(&encrypted), Err(PROTECTED));
        let whole = workbook(&[], &[number(0, 0)]);
        assert_eq!(precheck(&whole[..whole.len() - 9]), Err(BROKEN));
    }
}
