//! What calamine does not read from an .ods, read from `content.xml` with
//! our bounded parser: merged cells (`table:number-columns-spanned`,
//! `table:number-rows-spanned`) and the text a date cell displays (calamine
//! gives its `office:date-value`; the author saw "Jun-14").
//!
//! Repeated rows and columns (`number-rows-repeated`, LibreOffice writes the
//! empty rest of a sheet as one row repeated a million times) only move the
//! position: nothing is allocated per repeat.
//!
//! calamine does allocate per repeat, before we see a range: each row holds
//! every cell up to its last value, and each sheet is made dense over the
//! rows and columns its values span, repeats included (up to 100 million
//! cells: a 1 KB file cost 3 GB and 14 s). So the scan also measures both
//! per sheet and refuses, before calamine runs, a sheet over
//! [`MAX_SHEET_CELLS`] or a book over [`MAX_BOOK_CELLS`].

use std::collections::HashMap;

use crate::error::{ErrorKind, Result};
use crate::read::xml::{attr, Ev, Xml};
use crate::read::Limits;

use super::xlsx::{check_extent, SheetLooks};
use super::{MAX_BOOK_CELLS, MAX_SHEET_CELLS};

/// calamine's cap on the columns of a row.
const MAX_COLUMNS: u32 = 16_384;

/// What calamine will allocate for one table: the bounding box of its
/// non-empty cells (repeats included) and the cells its rows hold.
#[derive(Default)]
struct Cost {
    extent: Option<(u32, u32, u32, u32)>,
    row_cells: u64,
}

impl Cost {
    fn grow(&mut self, r0: u32, c0: u32, r1: u32, c1: u32) {
        self.extent = Some(match self.extent {
            None => (r0, c0, r1, c1),
            Some((a, b, c, d)) => (a.min(r0), b.min(c0), c.max(r1), d.max(c1)),
        });
    }

    /// Refuse the table if calamine would make it too big; its area.
    fn check(&self, name: &str) -> Result<u64> {
        let looks = SheetLooks {
            extent: self.extent,
            ..SheetLooks::default()
        };
        check_extent(name, &looks, MAX_SHEET_CELLS)?;
        if self.row_cells > MAX_SHEET_CELLS {
            return Err(ErrorKind::Unsupported(format!(
                "sheet \"{name}\" has {} cells up to the last value of each row, over the \
                 limit of {MAX_SHEET_CELLS} cells",
                self.row_cells
            )));
        }
        Ok(self
            .extent
            .map(|(r0, c0, r1, c1)| (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1))
            .unwrap_or(0))
    }
}

/// One sheet's merges and displayed dates.
#[derive(Debug, Default, Clone)]
pub struct OdsLooks {
    /// Merged regions, absolute and inclusive (first row, first col, last
    /// row, last col), 0-based.
    pub merges: Vec<(u32, u32, u32, u32)>,
    /// The displayed text of date cells, by (row, col).
    pub date_text: HashMap<(u32, u32), String>,
}

/// Scan `content.xml`: per sheet name, its looks.
pub fn looks(bytes: &[u8], limits: &Limits) -> Result<HashMap<String, OdsLooks>> {
    let mut xml = Xml::new(bytes, "content.xml", limits.max_xml_depth);
    let mut out: HashMap<String, OdsLooks> = HashMap::new();
    let mut sheet: Option<String> = None;
    let (mut row, mut col): (u32, u32) = (0, 0);
    let mut row_repeat: u32 = 1;
    // The date cell being read: its position and repeat count.
    let mut date_cell: Option<((u32, u32), u32)> = None;
    let mut date_text = String::new();
    let mut in_p = false;
    // Nested tables (in a cell's text) are skipped: depth of table:table.
    let mut table_depth = 0usize;
    let num = |v: Option<String>| v.and_then(|s| s.parse::<u32>().ok()).unwrap_or(1).max(1);
    // What calamine will allocate: this table's, the book's so far.
    let mut cost = Cost::default();
    let mut book = 0u64;
    // The cell being read: (first column, repeat, whether it holds anything),
    // and the column after the last non-empty cell of the row.
    let mut cell: Option<(u32, u32, bool)> = None;
    let mut row_end = 0u32;
    loop {
        let ev = xml.next_event()?;
        // Anything inside a cell (text, a paragraph) makes it non-empty.
        if let (Some((_, _, filled)), Ev::Start(_) | Ev::Text(_)) = (&mut cell, &ev) {
            *filled = true;
        }
        match ev {
            Ev::Start(e) => match e.name().as_ref() {
                b"table:table" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        let name = attr(&e, b"name").unwrap_or_default();
                        out.entry(name.clone()).or_default();
                        sheet = Some(name);
                        row = 0;
                        cost = Cost::default();
                    }
                }
                b"table:table-row" if table_depth == 1 => {
                    col = 0;
                    row_end = 0;
                    row_repeat = num(attr(&e, b"number-rows-repeated"));
                }
                b"table:table-cell" | b"table:covered-table-cell" if table_depth == 1 => {
                    let repeat = num(attr(&e, b"number-columns-repeated"));
                    let valued =
                        attr(&e, b"value-type").is_some() || attr(&e, b"formula").is_some();
                    cell = Some((col, repeat, valued));
                    let cols = attr(&e, b"number-columns-spanned").map(|v| num(Some(v)));
                    let rows = attr(&e, b"number-rows-spanned").map(|v| num(Some(v)));
                    if let (Some(name), true) = (&sheet, cols.is_some() || rows.is_some()) {
                        let (c, r) = (cols.unwrap_or(1), rows.unwrap_or(1));
                        if c > 1 || r > 1 {
                            if let Some(l) = out.get_mut(name) {
                                l.merges.push((
                                    row,
                                    col,
                                    row.saturating_add(r - 1),
                                    col.saturating_add(c - 1),
                                ));
                            }
                        }
                    }
                    if attr(&e, b"value-type").as_deref() == Some("date") {
                        date_cell = Some(((row, col), repeat.min(64)));
                        date_text.clear();
                    }
                    col = col.saturating_add(repeat);
                }
                b"text:p" if date_cell.is_some() => {
                    if !date_text.is_empty() {
                        date_text.push('\n');
                    }
                    in_p = true;
                }
                _ => {}
            },
            Ev::Text(t) if in_p => date_text.push_str(&t),
            Ev::End(name) => match name.as_slice() {
                b"table" => {
                    table_depth = table_depth.saturating_sub(1);
                    if table_depth == 0 {
                        if let Some(name) = sheet.take() {
                            book += cost.check(&name)?;
                            if book > MAX_BOOK_CELLS {
                                return Err(ErrorKind::Unsupported(format!(
                                    "the sheets span {book} cells in all, over the limit of \
                                     {MAX_BOOK_CELLS}"
                                )));
                            }
                        }
                    }
                }
                b"table-row" if table_depth == 1 => {
                    cost.row_cells += u64::from(row_end);
                    row = row.saturating_add(row_repeat);
                }
                b"p" => in_p = false,
                b"table-cell" | b"covered-table-cell" if table_depth == 1 => {
                    if let Some((c, repeat, true)) = cell.take() {
                        let last_col = c.saturating_add(repeat - 1).min(MAX_COLUMNS - 1);
                        let last_row = row.saturating_add(row_repeat - 1);
                        cost.grow(row, c.min(MAX_COLUMNS - 1), last_row, last_col);
                        row_end = last_col + 1;
                    }
                    if let (Some(((r, c), repeat)), Some(name)) = (date_cell.take(), &sheet) {
                        let text = date_text.trim().to_string();
                        if let (Some(l), false) = (out.get_mut(name), text.is_empty()) {
                            for k in 0..repeat {
                                l.date_text.insert((r, c + k), text.clone());
                            }
                        }
                    }
                }
                _ => {}
            },
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_and_date_texts_are_found() {
        let xml = br#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="Plan">
<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>Title</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row><table:table-cell/><table:table-cell office:value-type="date" office:date-value="2014-06-01"><text:p>Jun-14</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        let l = looks(xml, &Limits::default()).unwrap();
        let p = &l["Plan"];
        assert_eq!(p.merges, vec![(0, 0, 0, 2)]);
        assert_eq!(p.date_text.get(&(3, 1)).map(String::as_str), Some("Jun-14"));
        assert_eq!(p.date_text.len(), 1);
    }

    fn sheet(rows: &str) -> String {
        format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table table:name="Plan">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        )
    }

    #[test]
    fn what_calamine_would_allocate_is_bounded_first() {
        let v =
            r#"<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>"#;
        // Two values 50 million cells apart (repeats count).
        let far = sheet(&format!(
            r#"<table:table-row>{v}</table:table-row><table:table-row table:number-rows-repeated="50000"><table:table-cell table:number-columns-repeated="999"/></table:table-row><table:table-row><table:table-cell table:number-columns-repeated="999"/>{v}</table:table-row>"#
        ));
        assert_eq!(
            looks(far.as_bytes(), &Limits::default())
                .unwrap_err()
                .to_string(),
            "sheet \"Plan\" spans A1:ALL50002 (50002000 cells), over the limit of 500000 cells"
        );
        // Values only in the last column: a small range, but calamine holds
        // every cell of each row up to its value.
        let row = format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/>{v}</table:table-row>"#
        );
        let wide = sheet(&row.repeat(40));
        assert_eq!(
            looks(wide.as_bytes(), &Limits::default())
                .unwrap_err()
                .to_string(),
            "sheet \"Plan\" has 640040 cells up to the last value of each row, over the \
             limit of 500000 cells"
        );
        // LibreOffice's empty rest of a sheet costs nothing.
        let rest = sheet(&format!(
            r#"<table:table-row>{v}</table:table-row><table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#
        ));
        assert!(looks(rest.as_bytes(), &Limits::default()).is_ok());
    }
}
