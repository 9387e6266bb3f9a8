//! Excel workbooks, for the people who work in Excel (rust_xlsxwriter).
//!
//! - [`gap_workbook`] (`check --format xlsx`): one "Gaps" sheet, one row
//!   per gap with the columns of [`super::gaps::COLUMNS`]; a bold header
//!   row with filters, the panes frozen below it, set column widths, and
//!   each row's severity cell filled (error red, warning amber, info blue).
//! - [`tracker_workbook`] (`convert --format xlsx`): the normalised
//!   tracker, every plan of a run in one workbook. "Actions" has the
//!   canonical columns of [`ACTION_COLUMNS`], the due date as an Excel
//!   date (the last day of the timescale: "March 2017" is 31/03/2017) with
//!   the text as written beside it, and the RAG cell filled in its colour;
//!   "Priorities" lists each plan's priorities with their owners; "Gaps" is
//!   the gap sheet above.
//!
//! Workbooks are built in memory and returned as bytes. Text longer than a
//! cell holds (32,767 characters) is cut there rather than failing the
//! file, so Excel opens every workbook without a repair prompt.

use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use super::gaps::{GapRow, COLUMNS};
use super::{plan_name, priority_label};
use crate::plan::{Due, Plan, Rag, Severity};

/// Excel's limit on the characters in one cell.
const MAX_CELL_CHARS: usize = 32_767;

/// The columns of the tracker's Actions sheet, in order.
pub const ACTION_COLUMNS: &[&str] = &[
    "file",
    "priority",
    "id",
    "objective",
    "action",
    "milestone",
    "lead",
    "due",
    "due (as written)",
    "measures",
    "progress",
    "RAG",
    "completed",
];

/// The columns of the tracker's Priorities sheet, in order.
pub const PRIORITY_COLUMNS: &[&str] =
    &["file", "plan", "id", "priority", "lead", "actions", "gaps"];

/// Widths (in characters) of the gap columns: long text wide, codes narrow.
const GAP_WIDTHS: [f64; 11] = [
    28.0, 24.0, 28.0, 9.0, 60.0, 11.0, 9.0, 18.0, 60.0, 36.0, 20.0,
];

/// Widths of the Actions columns.
const ACTION_WIDTHS: [f64; 13] = [
    28.0, 28.0, 8.0, 45.0, 60.0, 30.0, 24.0, 11.0, 18.0, 40.0, 45.0, 8.0, 14.0,
];

/// The fill a severity is shown in (light, so the text stays readable).
fn severity_fill(s: Severity) -> Color {
    match s {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xFFEB9C),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// A RAG rating's fill, from [`Rag::colour`].
fn rag_fill(r: Rag) -> Color {
    Color::RGB(u32::from_str_radix(r.colour(), 16).unwrap_or(0xFFFFFF))
}

fn header_format() -> Format {
    Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xD9D9D9))
        .set_border_bottom(FormatBorder::Thin)
}

fn wrap() -> Format {
    Format::new().set_text_wrap().set_align(FormatAlign::Top)
}

/// Text cut to what a cell holds.
fn cell_text(s: &str) -> &str {
    match s.char_indices().nth(MAX_CELL_CHARS) {
        Some((at, _)) => &s[..at],
        None => s,
    }
}

/// A bold header row with filters over `rows` data rows, panes frozen
/// below it, and the column widths.
fn table_frame(
    sheet: &mut Worksheet,
    columns: &[&str],
    widths: &[f64],
    rows: usize,
) -> Result<(), XlsxError> {
    let bold = header_format();
    for (c, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), *name, &bold)?;
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(col(c), *w)?;
    }
    let last_col = col(columns.len().saturating_sub(1));
    sheet.autofilter(0, 0, row(rows), last_col)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// A column number (our tables have at most a few dozen columns).
fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// A row number; past Excel's last row the write fails with its error.
fn row(r: usize) -> u32 {
    u32::try_from(r).unwrap_or(u32::MAX)
}

/// Write the gap rows into `sheet` (header at row 0).
fn write_gap_sheet(sheet: &mut Worksheet, rows: &[GapRow]) -> Result<(), XlsxError> {
    sheet.set_name("Gaps")?;
    table_frame(sheet, COLUMNS, &GAP_WIDTHS, rows.len())?;
    let text = wrap();
    let severity_col = COLUMNS.iter().position(|c| *c == "severity").unwrap_or(6);
    for (i, r) in rows.iter().enumerate() {
        let at = row(i + 1);
        for (c, value) in r.cells().iter().enumerate() {
            if c == severity_col {
                let fill = Severity::ALL
                    .into_iter()
                    .find(|s| s.name() == *value)
                    .map(severity_fill);
                let f = match fill {
                    Some(fill) => wrap().set_background_color(fill),
                    None => wrap(),
                };
                sheet.write_string_with_format(at, col(c), cell_text(value), &f)?;
            } else {
                sheet.write_string_with_format(at, col(c), cell_text(value), &text)?;
            }
        }
    }
    Ok(())
}

/// The gap workbook: one "Gaps" sheet of `rows`.
pub fn gap_workbook(rows: &[GapRow]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    write_gap_sheet(book.add_worksheet(), rows)?;
    book.save_to_buffer()
}

/// The day a timescale is due by, as an Excel date: its last day (else
/// its first); none for "ongoing", placeholders and text we could not read.
pub fn due_date(d: &Due) -> Option<ExcelDateTime> {
    let iso = d.end.as_deref().or(d.start.as_deref())?;
    let mut parts = iso.splitn(3, '-');
    let y: u16 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.get(..2)?.parse().ok()?;
    ExcelDateTime::from_ymd(y, m, day).ok()
}

/// The normalised tracker of every plan of a run: Actions, Priorities and
/// Gaps sheets.
pub fn tracker_workbook(plans: &[&Plan]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    write_actions_sheet(book.add_worksheet(), plans)?;
    write_priorities_sheet(book.add_worksheet(), plans)?;
    let gaps: Vec<GapRow> = plans.iter().flat_map(|p| super::gaps::rows(p)).collect();
    write_gap_sheet(book.add_worksheet(), &gaps)?;
    book.save_to_buffer()
}

fn write_actions_sheet(sheet: &mut Worksheet, plans: &[&Plan]) -> Result<(), XlsxError> {
    sheet.set_name("Actions")?;
    let total: usize = plans.iter().map(|p| p.actions.len()).sum();
    table_frame(sheet, ACTION_COLUMNS, &ACTION_WIDTHS, total)?;
    let text = wrap();
    let date = wrap().set_num_format("dd/mm/yyyy");
    let mut at = 1u32;
    for plan in plans {
        for a in &plan.actions {
            let opt = |s: &Option<String>| s.clone().unwrap_or_default();
            let progress = a
                .progress
                .iter()
                .map(|p| match &p.date {
                    Some(d) => format!("{d}: {}", p.text),
                    None => p.text.clone(),
                })
                .collect::<Vec<_>>()
                .join("\n");
            let cells: [(usize, String); 10] = [
                (0, plan.source.file.clone()),
                (
                    1,
                    a.priority
                        .as_deref()
                        .map(|k| priority_label(plan, k))
                        .unwrap_or_default(),
                ),
                (2, opt(&a.id)),
                (3, opt(&a.objective)),
                (4, opt(&a.action)),
                (5, opt(&a.milestone)),
                (
                    6,
                    a.lead.as_ref().map(|l| l.raw.clone()).unwrap_or_default(),
                ),
                (8, a.due.as_ref().map(|d| d.raw.clone()).unwrap_or_default()),
                (9, opt(&a.measures)),
                (10, progress),
            ];
            for (c, value) in &cells {
                sheet.write_string_with_format(at, col(*c), cell_text(value), &text)?;
            }
            match a.due.as_ref().and_then(due_date) {
                Some(d) => {
                    sheet.write_datetime_with_format(at, 7, d, &date)?;
                }
                None => {
                    sheet.write_blank(at, 7, &text)?;
                }
            }
            match a.rag {
                Some(r) => {
                    let fill = wrap().set_background_color(rag_fill(r)).set_bold();
                    sheet.write_string_with_format(at, 11, r.name(), &fill)?;
                }
                None => {
                    sheet.write_blank(at, 11, &text)?;
                }
            }
            let completed = a
                .completed
                .as_ref()
                .map(|d| d.raw.clone())
                .unwrap_or_default();
            sheet.write_string_with_format(at, 12, cell_text(&completed), &text)?;
            at += 1;
        }
    }
    Ok(())
}

fn write_priorities_sheet(sheet: &mut Worksheet, plans: &[&Plan]) -> Result<(), XlsxError> {
    sheet.set_name("Priorities")?;
    let total: usize = plans.iter().map(|p| p.priorities.len()).sum();
    table_frame(
        sheet,
        PRIORITY_COLUMNS,
        &[28.0, 28.0, 8.0, 60.0, 30.0, 9.0, 9.0],
        total,
    )?;
    let text = wrap();
    let mut at = 1u32;
    for plan in plans {
        let name = plan_name(plan);
        for p in &plan.priorities {
            let key = p.id.as_deref().unwrap_or(&p.title);
            let actions = plan
                .actions
                .iter()
                .filter(|a| a.priority.as_deref() == Some(key))
                .count();
            let gaps = plan
                .gaps
                .iter()
                .filter(|g| {
                    g.priority.as_deref() == Some(key)
                        || g.action
                            .and_then(|i| plan.actions.get(i))
                            .is_some_and(|a| a.priority.as_deref() == Some(key))
                })
                .count();
            let cells = [
                plan.source.file.clone(),
                name.clone(),
                p.id.clone().unwrap_or_default(),
                p.title.clone(),
                p.lead.as_ref().map(|l| l.raw.clone()).unwrap_or_default(),
            ];
            for (c, value) in cells.iter().enumerate() {
                sheet.write_string_with_format(at, col(c), cell_text(value), &text)?;
            }
            sheet.write_number(at, 5, actions as f64)?;
            sheet.write_number(at, 6, gaps as f64)?;
            at += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::DueKind;

    fn due(raw: &str, start: Option<&str>, end: Option<&str>) -> Due {
        Due {
            raw: raw.into(),
            kind: DueKind::Month,
            start: start.map(str::to_string),
            end: end.map(str::to_string),
        }
    }

    #[test]
    fn a_timescale_is_due_on_its_last_day() {
        let d = due("March 2017", Some("2017-03-01"), Some("2017-03-31"));
        let want = ExcelDateTime::from_ymd(2017, 3, 31).ok();
        assert_eq!(
            due_date(&d).map(|d| d.to_excel()),
            want.map(|d| d.to_excel())
        );
        assert!(due_date(&due("Ongoing", None, None)).is_none());
    }

    #[test]
    fn text_is_cut_to_what_a_cell_holds() {
        let long = "é".repeat(MAX_CELL_CHARS + 5);
        assert_eq!(cell_text(&long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(cell_text("short"), "short");
    }
}
