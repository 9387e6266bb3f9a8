//! One gap per row, for the people who chase them in a spreadsheet.
//!
//! [`rows`] flattens a plan's gaps into [`GapRow`]s: the file, the plan, the
//! priority, the action's id and *full* text (not the terminal report's
//! 32-character quote), the field, severity, code, message, the offending
//! value and where it is. [`write_csv`] writes them with the columns of
//! [`COLUMNS`] (`check --format csv`); `xlsx::gap_workbook` writes the same
//! rows as a workbook (`check --format xlsx`).

use std::io::Write;

use super::{action_text, plan_name, priority_label};
use crate::plan::Plan;

/// The columns of the gap CSV and workbook, in order.
pub const COLUMNS: &[&str] = &[
    "file",
    "plan",
    "priority",
    "action_id",
    "action",
    "field",
    "severity",
    "code",
    "message",
    "quote",
    "place",
];

/// One gap, flattened for a spreadsheet row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GapRow {
    /// The input file, as given.
    pub file: String,
    /// The plan's title (or the file name).
    pub plan: String,
    /// "2: Mental Health", or empty for a plan-level gap.
    pub priority: String,
    /// The action's reference as printed (often empty: many plans number
    /// nothing).
    pub action_id: String,
    /// The action's full text (its objective when it has no action text);
    /// empty for a priority-level gap.
    pub action: String,
    /// The canonical field (`lead`, `due`...).
    pub field: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The gap code (`lead-missing`...).
    pub code: String,
    /// What to do about it.
    pub message: String,
    /// The offending text as written, when there is one.
    pub quote: String,
    /// "page 3, table 2, row 5" / "Sheet1!C7, row 5".
    pub place: String,
}

impl GapRow {
    /// The row's cells in the order of [`COLUMNS`].
    pub fn cells(&self) -> [&str; 11] {
        [
            &self.file,
            &self.plan,
            &self.priority,
            &self.action_id,
            &self.action,
            &self.field,
            &self.severity,
            &self.code,
            &self.message,
            &self.quote,
            &self.place,
        ]
    }
}

/// A plan's gaps as rows, in the plan's order.
pub fn rows(plan: &Plan) -> Vec<GapRow> {
    let name = plan_name(plan);
    plan.gaps
        .iter()
        .map(|g| {
            let action = g.action.and_then(|i| plan.actions.get(i));
            // An action's priority is the gap's priority; a priority-level
            // gap names its priority itself.
            let priority = g
                .priority
                .as_deref()
                .or(action.and_then(|a| a.priority.as_deref()))
                .map(|k| priority_label(plan, k))
                .unwrap_or_default();
            GapRow {
                file: plan.source.file.clone(),
                plan: name.clone(),
                priority,
                action_id: action.and_then(|a| a.id.clone()).unwrap_or_default(),
                action: action.map(action_text).unwrap_or_default().to_string(),
                field: g.field.unwrap_or_default().to_string(),
                severity: g.severity.name().to_string(),
                code: g.code.to_string(),
                message: g.message.clone(),
                quote: g.value.clone().unwrap_or_default(),
                place: g.source.describe(),
            }
        })
        .collect()
}

/// Write the CSV header record.
pub fn write_csv_header(out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(COLUMNS)?;
    w.flush()
}

/// Write gap rows as CSV records (no header), so a batch streams.
pub fn write_csv(out: &mut dyn Write, rows: &[GapRow]) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    for r in rows {
        w.write_record(r.cells())?;
    }
    w.flush()
}

/// A plan's gaps as `check --format json` lists them: each gap of the plan
/// JSON with the `file` it was found in first (schema: `actionplan schema
/// check`).
pub fn with_file(file: &str, plan: &Plan) -> serde_json::Result<Vec<serde_json::Value>> {
    plan.gaps
        .iter()
        .map(|g| {
            let mut v = serde_json::to_value(g)?;
            if let serde_json::Value::Object(m) = &mut v {
                m.shift_insert(0, "file".into(), serde_json::Value::String(file.into()));
            }
            Ok(v)
        })
        .collect()
}
