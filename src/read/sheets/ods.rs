//! What calamine does not read from an .ods, read from `content.xml` with
//! our bounded parser: merged cells (`table:number-columns-spanned`,
//! `table:number-rows-spanned`) and the text a date cell displays (calamine
//! gives its `office:date-value`; the author saw "Jun-14").
//!
//! Repeated rows and columns (`number-rows-repeated`, LibreOffice writes the
//! empty rest of a sheet as one row repeated a million times) only move the
//! position: nothing is allocated per repeat.

use std::collections::HashMap;

use crate::error::Result;
use crate::read::xml::{attr, Ev, Xml};
use crate::read::Limits;

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
    loop {
        match xml.next_event()? {
            Ev::Start(e) => match e.name().as_ref() {
                b"table:table" => {
                    table_depth += 1;
                    if table_depth == 1 {
                        let name = attr(&e, b"name").unwrap_or_default();
                        out.entry(name.clone()).or_default();
                        sheet = Some(name);
                        row = 0;
                    }
                }
                b"table:table-row" if table_depth == 1 => {
                    col = 0;
                    row_repeat = num(attr(&e, b"number-rows-repeated"));
                }
                b"table:table-cell" | b"table:covered-table-cell" if table_depth == 1 => {
                    let repeat = num(attr(&e, b"number-columns-repeated"));
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
                        sheet = None;
                    }
                }
                b"table-row" if table_depth == 1 => row = row.saturating_add(row_repeat),
                b"p" => in_p = false,
                b"table-cell" | b"covered-table-cell" if table_depth == 1 => {
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
}
