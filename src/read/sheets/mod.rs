//! Spreadsheets (.xlsx, .xls, .ods) on calamine.
//!
//! calamine reads the values: shared strings, numbers, dates, booleans,
//! formulas' cached values, merged regions and sheet visibility, for every
//! format. What it does not read of an .xlsx (cell fills, number format
//! codes, hidden rows and columns) comes from [`xlsx`], our bounded pass over
//! the same parts. Each value is shown as the author saw it ([`numfmt`]),
//! then [`blocks`] turns each sheet into title text, tables and a legend.
//!
//! Before calamine (which has no limits) sees an .xlsx or .ods, every XML
//! part is inflated and parsed once under our [`Limits`], and every sheet's
//! extent is checked, so a zip bomb, a billion-laughs part or a sheet
//! claiming cells at A1 and XFD1048576 ends as an error, not an allocation.
//!
//! For an .ods, [`ods`] adds the merged regions and the text date cells
//! display, which calamine does not give.
//!
//! Not read (said in a warning): fills and hidden rows and columns of .xls
//! and .ods; number formats of .xls (its dates are shown as ISO dates);
//! cell comments.

pub mod blocks;
pub mod numfmt;
pub mod ods;
pub mod xls;
pub mod xlsx;

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible};

use crate::error::{ErrorKind, Result};
use crate::model::{Block, Document, Format, Meta, SourceLoc, Warning};
use crate::read::container::Package;
use crate::read::xml::simple_fields;
use crate::read::Limits;

use blocks::{SheetCell, SheetData};
use numfmt::DateTime;

/// Most cells one sheet's used range may span. Every cell of the range is
/// held several times over (calamine's range, the sheet grid, the table),
/// about 400 bytes in all even when empty: fuzzing found a 23 KB .xls whose
/// one table spanned 40 rows by 65,281 columns and took 10 s and 1 GB under
/// the former limit of 4,000,000. At this limit the worst such sheet stays
/// near 200 MB; a real plan is a few thousand cells.
pub const MAX_SHEET_CELLS: u64 = 500_000;
/// Most cells all sheets of a workbook may span together.
pub const MAX_BOOK_CELLS: u64 = 1_000_000;

/// Read an .xlsx from its bytes (already opened as `pkg`).
pub fn read_xlsx(bytes: &[u8], pkg: &Package<'_>, limits: &Limits) -> Result<Document> {
    xlsx::check_parts(pkg, limits)?;
    let (entries, is_1904) = xlsx::workbook(pkg, limits)?;
    let styles = match pkg.read("xl/styles.xml")? {
        Some(b) => xlsx::styles(&b, limits)?,
        None => xlsx::Styles::default(),
    };
    let mut looks = Vec::with_capacity(entries.len());
    let mut total = 0u64;
    for e in &entries {
        let l = match &e.part {
            Some(part) => match pkg.read(part)? {
                Some(b) => xlsx::sheet_looks(&b, part, limits)?,
                None => xlsx::SheetLooks::default(),
            },
            None => xlsx::SheetLooks::default(),
        };
        xlsx::check_extent(&e.name, &l, MAX_SHEET_CELLS)?;
        if let Some((r0, c0, r1, c1)) = l.extent {
            total += (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
        }
        looks.push((e.name.clone(), l));
    }
    if total > MAX_BOOK_CELLS {
        return Err(ErrorKind::Unsupported(format!(
            "the sheets span {total} cells in all, over the limit of {MAX_BOOK_CELLS}"
        )));
    }

    let mut book = calamine::Xlsx::new(Cursor::new(bytes)).map_err(|e| sheet_error(&e))?;
    let sheets = each_sheet(&mut book, |book, meta, range| {
        let merges = match book.worksheet_merge_cells(&meta.name) {
            Some(Ok(m)) => m.iter().map(dims).collect(),
            _ => Vec::new(),
        };
        let look = looks
            .iter()
            .find(|(n, _)| *n == meta.name)
            .map(|(_, l)| l.clone())
            .unwrap_or_default();
        sheet_data(
            &meta.name,
            meta.visible != SheetVisible::Visible,
            &range,
            merges,
            Some((&look, &styles)),
            is_1904,
        )
    })?;
    let mut meta = pkg.office_meta(Format::Xlsx);
    meta.sheets = Some(sheets.len() as u32);
    Ok(assemble(meta, sheets, Vec::new()))
}

/// Read an OpenDocument spreadsheet.
pub fn read_ods(bytes: &[u8], pkg: &Package<'_>, limits: &Limits) -> Result<Document> {
    // An encrypted OpenDocument file keeps its manifest in clear and lists
    // how each encrypted part is encrypted; its other parts are ciphertext.
    if let Some(manifest) = pkg.read("META-INF/manifest.xml")? {
        if memchr::memmem::find(&manifest, b"encryption-data").is_some() {
            return Err(ErrorKind::Encrypted("OpenDocument spreadsheet".into()));
        }
    }
    xlsx::check_parts(pkg, limits)?;
    let looks = ods::looks(&pkg.require("content.xml")?, limits)?;
    let mut book = calamine::Ods::new(Cursor::new(bytes)).map_err(|e| sheet_error(&e))?;
    let sheets = each_sheet(&mut book, |_, meta, range| {
        let look = looks.get(&meta.name).cloned().unwrap_or_default();
        let mut data = sheet_data(
            &meta.name,
            meta.visible != SheetVisible::Visible,
            &range,
            look.merges,
            None,
            false,
        );
        // A date cell shows what LibreOffice displayed ("Jun-14").
        let (r0, c0) = data.origin;
        for (&(r, c), text) in &look.date_text {
            let (Some(dr), Some(dc)) = (r.checked_sub(r0), c.checked_sub(c0)) else {
                continue;
            };
            if let Some(cell) = data
                .cells
                .get_mut(dr as usize)
                .and_then(|row| row.get_mut(dc as usize))
            {
                if cell.date.is_some() {
                    cell.text = text.clone();
                }
            }
        }
        data
    })?;
    let mut meta = Meta {
        format: Format::Ods,
        title: None,
        producer: None,
        pages: None,
        sheets: Some(sheets.len() as u32),
    };
    if let Ok(Some(m)) = pkg.read("meta.xml") {
        if let Ok(f) = simple_fields(
            &m,
            "meta.xml",
            &[b"title", b"generator"],
            limits.max_xml_depth,
        ) {
            meta.title = f.get("title").cloned();
            meta.producer = f.get("generator").cloned();
        }
    }
    let warnings = vec![Warning {
        message: "OpenDocument spreadsheet: fills and hidden rows and columns are not read".into(),
        source: Default::default(),
    }];
    Ok(assemble(meta, sheets, warnings))
}

/// Read a legacy Excel 97-2003 workbook (an OLE compound file).
pub fn read_xls(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let _ = limits;
    // calamine has no limits on an .xls: see `xls` for what is checked first.
    let (bytes, formats) = xls::check(bytes)?;
    let sheets = contained(|| {
        let mut book = calamine::Xls::new(Cursor::new(&*bytes)).map_err(|e| match e {
            calamine::XlsError::Password => ErrorKind::Encrypted("Excel 97-2003 workbook".into()),
            e => sheet_error(&e),
        })?;
        // DATE1904: serials count from 1904-01-01 (Excel for Mac's).
        let is_1904 = book.has_1904_epoch();
        each_sheet(&mut book, |book, meta, range| {
            let merges = book
                .worksheet_merge_cells(&meta.name)
                .unwrap_or_default()
                .iter()
                .map(dims)
                .collect();
            let look = formats.sheets.iter().find(|(n, _)| *n == meta.name);
            sheet_data(
                &meta.name,
                meta.visible != SheetVisible::Visible,
                &range,
                merges,
                look.map(|(_, l)| (l, &formats.styles)),
                is_1904,
            )
        })
    })?;
    let meta = Meta {
        format: Format::Xls,
        title: None,
        producer: None,
        pages: None,
        sheets: Some(sheets.len() as u32),
    };
    let warnings = vec![Warning {
        message: "Excel 97-2003 workbook: fills and hidden rows and columns are not read".into(),
        source: Default::default(),
    }];
    Ok(assemble(meta, sheets, warnings))
}

/// Run calamine on a file it may panic on (it is not written for hostile
/// input: a damaged .xls can make it index past a record or overflow a row
/// count): a panic becomes an error for the file, printed nowhere, as for
/// the PDF parser. The panic's own words name calamine's internals (slice
/// bounds, record names), not the file: the error says what happened.
fn contained<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    crate::read::catch_quietly(f).unwrap_or_else(|_| {
        Err(ErrorKind::Sheet(
            "damaged spreadsheet: a record could not be parsed".into(),
        ))
    })
}

/// Turn sheets into a document: legend sheets into the legend, the others
/// into blocks.
fn assemble(meta: Meta, sheets: Vec<SheetData>, warnings: Vec<Warning>) -> Document {
    let mut doc = Document {
        meta,
        blocks: Vec::new(),
        warnings,
        legend: Vec::new(),
    };
    let mut next_table = 0;
    for mut s in sheets {
        let (kept, dropped) = blocks::sound_merges(&s);
        if let Some(first) = dropped.first() {
            let what = match dropped.len() {
                1 => "1 merged range is".to_string(),
                n => format!("{n} merged ranges are"),
            };
            doc.warnings.push(Warning {
                message: format!(
                    "{what} not applied, for overlapping another or hiding cells that hold \
                     values (the first: {first})"
                ),
                source: SourceLoc {
                    sheet: Some(s.name.clone()),
                    ..SourceLoc::default()
                },
            });
        }
        s.merges = kept;
        let s = &s;
        if blocks::is_legend_sheet(&s.name) {
            doc.legend.extend(blocks::legend(s));
            continue;
        }
        let mut b: Vec<Block> = blocks::sheet_blocks(s, &mut next_table);
        if let Some(range) = blocks::one_column_list(&b) {
            doc.warnings.push(Warning {
                message: format!(
                    "sheet \"{}\" holds text in one column only ({range}): it is read as \
                     text, not as a table; give it a header row and a second column if it lists actions",
                    s.name
                ),
                source: SourceLoc {
                    sheet: Some(s.name.clone()),
                    ..SourceLoc::default()
                },
            });
        }
        // Hidden things are kept, and said.
        for block in &b {
            let Block::Table(t) = block else { continue };
            let place = t.range.clone().unwrap_or_default();
            if t.hidden {
                doc.warnings.push(Warning {
                    message: format!(
                        "sheet \"{}\" is hidden; its table {place} is read like the others",
                        s.name
                    ),
                    source: t.source.clone(),
                });
            }
            if !t.hidden_rows.is_empty() || !t.hidden_cols.is_empty() {
                doc.warnings.push(Warning {
                    message: format!(
                        "sheet \"{}\", table {place}: {} hidden row(s) and {} hidden column(s) are read like the others",
                        s.name,
                        t.hidden_rows.len(),
                        t.hidden_cols.len()
                    ),
                    source: t.source.clone(),
                });
            }
        }
        doc.blocks.append(&mut b);
    }
    doc
}

/// Refuse a range too big to hold (calamine has already made it, but the
/// rest of the pipeline would copy it).
/// The one loop over a workbook's sheets, for every format calamine
/// reads: each sheet's range, bounded, handed with its metadata to
/// `build` (which adds what its format knows: merges, looks).
fn each_sheet<RS, R>(
    book: &mut R,
    mut build: impl FnMut(&mut R, &calamine::Sheet, calamine::Range<Data>) -> SheetData,
) -> Result<Vec<SheetData>>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut sheets = Vec::new();
    for meta in book.sheets_metadata().to_vec() {
        let range = book
            .worksheet_range(&meta.name)
            .map_err(|e| sheet_error_in(&meta.name, &e))?;
        check_range(&meta.name, &range)?;
        sheets.push(build(book, &meta, range));
    }
    Ok(sheets)
}

fn check_range(name: &str, range: &calamine::Range<Data>) -> Result<()> {
    let (h, w) = range.get_size();
    let area = (h as u64) * (w as u64);
    if area > MAX_SHEET_CELLS {
        return Err(ErrorKind::Unsupported(format!(
            "sheet \"{name}\" spans {area} cells, over the limit of {MAX_SHEET_CELLS} cells"
        )));
    }
    Ok(())
}

fn dims(d: &calamine::Dimensions) -> (u32, u32, u32, u32) {
    (d.start.0, d.start.1, d.end.0, d.end.1)
}

/// Build a [`SheetData`] from calamine's range, with the .xlsx looks where
/// there are some.
fn sheet_data(
    name: &str,
    hidden: bool,
    range: &calamine::Range<Data>,
    merges: Vec<(u32, u32, u32, u32)>,
    looks: Option<(&xlsx::SheetLooks, &xlsx::Styles)>,
    is_1904: bool,
) -> SheetData {
    let style_of = |r: u32, c: u32| -> (Option<String>, Option<String>) {
        let Some((l, s)) = looks else {
            return (None, None);
        };
        l.style
            .get(&(r, c))
            .and_then(|&i| s.xfs.get(i as usize).cloned())
            .unwrap_or((None, None))
    };
    // The extent: calamine's range, grown to filled cells (a fill-only
    // RAG column has no values) and down to merged regions (below).
    let mut extent = range.start().zip(range.end());
    let mut grow = |r: u32, c: u32| {
        extent = Some(match extent {
            None => ((r, c), (r, c)),
            Some(((r0, c0), (r1, c1))) => ((r0.min(r), c0.min(c)), (r1.max(r), c1.max(c))),
        });
    };
    if let Some((l, s)) = looks {
        for (&(r, c), &i) in &l.style {
            if s.xfs.get(i as usize).is_some_and(|x| x.0.is_some()) {
                grow(r, c);
            }
        }
    }
    // Merged regions add rows below the values (a merged objective running
    // past the last action), and columns only a little (below): a merge over a whole row
    // (A2:XFD2, what Excel writes for merged rows) or the whole sheet would
    // otherwise make 16,384 columns of nothing, or pass the cell limit and
    // lose the sheet. Rows are added while the area stays under the limit.
    if let Some(((_, c0), (_, c1))) = extent {
        let width = u64::from(c1 - c0) + 1;
        for &(a, b, c, _) in &merges {
            let Some(((r0, _), (r1, _))) = extent else {
                break;
            };
            let anchored = (c0..=c1).contains(&b) && (r0..=r1).contains(&a);
            if anchored && c > r1 && (u64::from(c - r0) + 1) * width <= MAX_SHEET_CELLS {
                extent = Some(((r0, c0), (c, c1)));
            }
        }
    }
    // A merge may also reach a few columns right of the values (a header
    // cell merged over an empty column beside it, a value merged across
    // columns nothing else fills): the extent grows to it, by at most as
    // many columns as the values span, so that the merge is kept whole. A
    // merge over a whole row (to XFD) reaches far past that and stays cut
    // at the last column.
    if let Some(((r0, c0), (r1, c1))) = extent {
        let limit = c1.saturating_add(c1 - c0 + 1);
        let height = u64::from(r1 - r0) + 1;
        let mut right = c1;
        for &(a, b, _, d) in &merges {
            let anchored = (c0..=c1).contains(&b) && (r0..=r1).contains(&a);
            if anchored
                && d > right
                && d <= limit
                && height * (u64::from(d - c0) + 1) <= MAX_SHEET_CELLS
            {
                right = d;
            }
        }
        extent = Some(((r0, c0), (r1, right)));
    }
    let mut data = SheetData {
        name: name.to_string(),
        hidden,
        merges,
        ..SheetData::default()
    };
    if let Some((l, _)) = looks {
        data.hidden_rows = l.hidden_rows.clone();
        data.outline = l.outline.clone();
    }
    let Some(((r0, c0), (r1, c1))) = extent else {
        return data;
    };
    // Growing to fills is bounded by the style map, which is bounded by the
    // part size; still, never make more than the limit.
    let area = (u64::from(r1 - r0) + 1) * (u64::from(c1 - c0) + 1);
    if area > MAX_SHEET_CELLS {
        return data;
    }
    data.origin = (r0, c0);
    if let Some((l, _)) = looks {
        data.hidden_cols = (c0..=c1)
            .filter(|&c| l.col_hidden(c))
            .collect::<HashSet<_>>();
    }
    data.cells = (r0..=r1)
        .map(|r| {
            (c0..=c1)
                .map(|c| {
                    let (fill, code) = style_of(r, c);
                    let (text, date) = match range.get_value((r, c)) {
                        Some(v) => show(v, code.as_deref(), is_1904),
                        None => (String::new(), None),
                    };
                    // A conditional format's fill shows over the cell's own.
                    let fill = match looks {
                        Some((l, s)) if !l.rules.is_empty() && !text.is_empty() => {
                            xlsx::conditional_fill(l, s, (r, c), &text).or(fill)
                        }
                        _ => fill,
                    };
                    SheetCell { text, date, fill }
                })
                .collect()
        })
        .collect();
    data
}

/// A value as displayed, and its ISO date when it is a date.
fn show(v: &Data, code: Option<&str>, is_1904: bool) -> (String, Option<String>) {
    let clean = |s: &str| {
        s.split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    };
    match v {
        Data::Empty => (String::new(), None),
        Data::String(s) => (clean(&s.replace("\r\n", "\n").replace('\r', "\n")), None),
        Data::Int(i) => (i.to_string(), None),
        Data::Float(f) => match code.filter(|c| numfmt::is_date_format(c)) {
            Some(c) => match numfmt::from_serial(*f, is_1904) {
                Some(dt) => (numfmt::format_date(&dt, c), Some(dt.iso_date())),
                None => (numfmt::format_general(*f), None),
            },
            None => (numfmt::format_number(*f, code), None),
        },
        Data::Bool(b) => (if *b { "TRUE" } else { "FALSE" }.to_string(), None),
        // A duration (`[h]:mm:ss`) is elapsed time, not a date.
        Data::DateTime(dt) if dt.is_duration() => (numfmt::format_elapsed(dt.as_f64(), code), None),
        // A time with no date (serial below 1): the time of day.
        Data::DateTime(dt) if (0.0..1.0).contains(&dt.as_f64()) && dt.as_f64() > 0.0 => {
            (numfmt::format_time_of_day(dt.as_f64()), None)
        }
        Data::DateTime(dt) => match numfmt::from_serial(dt.as_f64(), is_1904) {
            Some(d) if dt.is_datetime() => {
                let code = code.filter(|c| numfmt::is_date_format(c));
                let text = match code {
                    Some(c) => numfmt::format_date(&d, c),
                    // No format to follow (.xls): the date, and the time
                    // of day when there is one.
                    None if dt.as_f64().fract() > 0.0 => {
                        format!(
                            "{} {}",
                            d.iso_date(),
                            numfmt::format_time_of_day(dt.as_f64())
                        )
                    }
                    None => d.iso_date(),
                };
                (text, Some(d.iso_date()))
            }
            _ => (numfmt::format_general(dt.as_f64()), None),
        },
        Data::DateTimeIso(s) => match DateTime::parse_iso(s) {
            Some(d) => (s.get(..10).unwrap_or(s).to_string(), Some(d.iso_date())),
            None => (s.clone(), None),
        },
        Data::DurationIso(s) => (
            numfmt::format_duration_iso(s).unwrap_or_else(|| s.clone()),
            None,
        ),
        Data::Error(e) => (e.to_string(), None),
    }
}

/// calamine's error as ours.
fn sheet_error(e: &dyn std::fmt::Display) -> ErrorKind {
    ErrorKind::Sheet(in_our_words(e.to_string()))
}

fn sheet_error_in(sheet: &str, e: &dyn std::fmt::Display) -> ErrorKind {
    ErrorKind::Sheet(format!(
        "sheet \"{sheet}\": {}",
        in_our_words(e.to_string())
    ))
}

/// calamine's messages that name its internals ("End of stream 'record
/// length'", "failed to fill whole buffer"), said as what they mean.
fn in_our_words(message: String) -> String {
    if message.starts_with("End of stream") || message.contains("failed to fill whole buffer") {
        "a record runs past the end of the workbook's data (damaged?)".to_string()
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_show_as_displayed() {
        assert_eq!(show(&Data::Int(1), None, false).0, "1");
        assert_eq!(show(&Data::Float(2.5), None, false).0, "2.5");
        assert_eq!(
            show(&Data::Float(41791.0), Some("mmm-yy"), false),
            ("Jun-14".to_string(), Some("2014-06-01".to_string()))
        );
        assert_eq!(
            show(&Data::String(" a \r\n\r\n b ".into()), None, false).0,
            "a\nb"
        );
        assert_eq!(show(&Data::Bool(true), None, false).0, "TRUE");
        assert_eq!(
            show(&Data::DateTimeIso("2014-06-01".into()), None, false),
            ("2014-06-01".to_string(), Some("2014-06-01".to_string()))
        );
    }
}
