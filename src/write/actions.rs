//! One action per line or row, for tools that want actions, not documents.
//!
//! - NDJSON (schema: `actionplan schema action-line`): one JSON object per
//!   action, `{"record": "action", "source", "plan", "priority", "action",
//!   "gaps"}`: the plan's `source` and `plan` objects, the enclosing
//!   priority (or null), the action as in the plan JSON, and the gaps that
//!   point at it; then one `{"record": "priority", ..., "action": null}`
//!   line per priority (or for the plan, `priority` null) that has gaps
//!   pointing at no action ("Neglect" has no actions), so the lines carry
//!   every gap of the plan JSON.
//! - CSV: one row per such line with the fixed columns of [`CSV_COLUMNS`]
//!   (`record` first; canonical fields flattened; progress entries joined
//!   by newlines), then the number of gaps on it. The header record is
//!   written once by [`write_csv_header`].
//!
//! Both are written one plan at a time, so a batch streams.

use std::io::Write;

use serde::Serialize;

use super::priority_of;
use crate::plan::{Action, Due, Gap, Plan, Priority};

/// The CSV columns, in order.
pub const CSV_COLUMNS: &[&str] = &[
    "record",
    "file",
    "format",
    "sheet",
    "page",
    "table",
    "row",
    "cell",
    "priority",
    "section",
    "id",
    "audience",
    "objective",
    "action",
    "milestone",
    "lead",
    "lead_names",
    "lead_unconfirmed",
    "lead_placeholder",
    "due",
    "due_kind",
    "due_start",
    "due_end",
    "measures",
    "progress",
    "rag",
    "completed",
    "resources",
    "partners",
    "gaps",
];

#[derive(Serialize)]
struct Line<'a> {
    record: &'static str,
    source: &'a crate::plan::PlanSource,
    plan: &'a crate::plan::PlanInfo,
    priority: Option<&'a Priority>,
    action: Option<&'a Action>,
    gaps: Vec<&'a Gap>,
}

/// The gaps that point at action `i`.
fn gaps_of(plan: &Plan, i: usize) -> Vec<&Gap> {
    plan.gaps.iter().filter(|g| g.action == Some(i)).collect()
}

/// The gaps that point at no action, grouped by the priority they name
/// (`None`: the plan's own), in the order they first appear.
fn gaps_without_action(plan: &Plan) -> Vec<(Option<&str>, Vec<&Gap>)> {
    let mut groups: Vec<(Option<&str>, Vec<&Gap>)> = Vec::new();
    for g in plan.gaps.iter().filter(|g| g.action.is_none()) {
        let key = g.priority.as_deref();
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(g),
            None => groups.push((key, vec![g])),
        }
    }
    groups
}

/// Write a plan's actions as NDJSON lines, then a line for each priority
/// with gaps that point at no action.
pub fn write_ndjson(out: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    for (i, a) in plan.actions.iter().enumerate() {
        let line = Line {
            record: "action",
            source: &plan.source,
            plan: &plan.plan,
            priority: priority_of(plan, a),
            action: Some(a),
            gaps: gaps_of(plan, i),
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    for (key, gaps) in gaps_without_action(plan) {
        let line = Line {
            record: "priority",
            source: &plan.source,
            plan: &plan.plan,
            priority: key.and_then(|k| super::priority_named(plan, k)),
            action: None,
            gaps,
        };
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Write the CSV header record.
pub fn write_csv_header(out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_COLUMNS)?;
    w.flush()
}

/// Write a plan's actions as CSV records (no header).
pub fn write_csv(out: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(out);
    let opt = |s: &Option<String>| s.clone().unwrap_or_default();
    let num = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_default();
    let due = |d: &Option<Due>| -> [String; 4] {
        match d {
            Some(d) => [
                d.raw.clone(),
                serde_json::to_value(d.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                opt(&d.start),
                opt(&d.end),
            ],
            None => Default::default(),
        }
    };
    let word = |v: serde_json::Result<serde_json::Value>| {
        v.ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    };
    for (i, a) in plan.actions.iter().enumerate() {
        let [due_raw, due_kind, due_start, due_end] = due(&a.due);
        let (lead, names, unconfirmed, placeholder) = match &a.lead {
            Some(l) => (
                l.raw.clone(),
                l.names.join("; "),
                l.unconfirmed.to_string(),
                l.placeholder.to_string(),
            ),
            None => Default::default(),
        };
        let progress = a
            .progress
            .iter()
            .map(|p| match &p.date {
                Some(d) => format!("{d}: {}", p.text),
                None => p.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let record: Vec<String> = vec![
            "action".into(),
            plan.source.file.clone(),
            plan.source.format.clone(),
            opt(&a.source.sheet),
            a.source.page.map(|p| p.to_string()).unwrap_or_default(),
            num(a.source.table),
            num(a.source.row),
            opt(&a.source.cell),
            opt(&a.priority),
            opt(&a.section),
            opt(&a.id),
            a.audience
                .map(|x| word(serde_json::to_value(x)))
                .unwrap_or_default(),
            opt(&a.objective),
            opt(&a.action),
            opt(&a.milestone),
            lead,
            names,
            unconfirmed,
            placeholder,
            due_raw,
            due_kind,
            due_start,
            due_end,
            opt(&a.measures),
            progress,
            a.rag
                .map(|x| word(serde_json::to_value(x)))
                .unwrap_or_default(),
            a.completed
                .as_ref()
                .map(|d| d.raw.clone())
                .unwrap_or_default(),
            opt(&a.resources),
            opt(&a.partners),
            gaps_of(plan, i).len().to_string(),
        ];
        w.write_record(&record)?;
    }
    // A row per priority with gaps that point at no action: its place,
    // key and title (as the objective), and the gap count.
    for (key, gaps) in gaps_without_action(plan) {
        let p = key.and_then(|k| super::priority_named(plan, k));
        let place = p.map(|p| &p.source).or(gaps.first().map(|g| &g.source));
        let mut record = vec![String::new(); CSV_COLUMNS.len()];
        let mut set = |column: &str, value: String| {
            if let Some(i) = CSV_COLUMNS.iter().position(|c| *c == column) {
                record[i] = value;
            }
        };
        set("record", "priority".into());
        set("file", plan.source.file.clone());
        set("format", plan.source.format.clone());
        if let Some(place) = place {
            set("sheet", opt(&place.sheet));
            set(
                "page",
                place.page.map(|p| p.to_string()).unwrap_or_default(),
            );
            set("table", num(place.table));
            set("row", num(place.row));
            set("cell", opt(&place.cell));
        }
        set("priority", key.unwrap_or_default().to_string());
        set("objective", p.map(|p| p.title.clone()).unwrap_or_default());
        set("gaps", gaps.len().to_string());
        w.write_record(&record)?;
    }
    w.flush()
}
