//! Writers: output formats for other tools and for people.
//!
//! Writers see only the neutral model and the plan; they never see a
//! reader's types. Text formats write to any `io::Write`; the workbooks are
//! built in memory and returned as bytes (an xlsx is a zip, written whole).
//!
//! - [`actions`]: one action per NDJSON line or CSV row.
//! - [`gaps`]: one gap per row ([`gaps::GapRow`]), as CSV; the same rows
//!   feed the gap workbook.
//! - [`report`]: the `check` report as text.
//! - [`html`]: the gap report a board manager reads, prints and sends.
//! - [`xlsx`]: the gap workbook and the normalised tracker workbook.
//! - [`tables`]: the tables as read, before any mapping.
//! - [`summary`]: `summary.json`, the record of a `convert -o DIR` run.
//! - [`pretty`]: pretty JSON as serde_json writes it, faster (the plan
//!   JSON of `convert`).

pub mod actions;
pub mod gaps;
pub mod html;
pub mod pretty;
pub mod report;
pub mod summary;
pub mod tables;
pub mod xlsx;

use crate::plan::{Action, Plan, Priority};

/// The priority an action (or a gap) names by `key`: its id, or its title
/// when it has none.
pub fn priority_named<'a>(plan: &'a Plan, key: &str) -> Option<&'a Priority> {
    plan.priorities
        .iter()
        .find(|p| p.id.as_deref() == Some(key))
        .or_else(|| plan.priorities.iter().find(|p| p.title == key))
}

/// The priority an action belongs to.
pub fn priority_of<'a>(plan: &'a Plan, a: &Action) -> Option<&'a Priority> {
    priority_named(plan, a.priority.as_deref()?)
}

/// "2a: Domestic Abuse" (or the title alone when the priority has no id);
/// `key` itself when no priority has it.
pub fn priority_label(plan: &Plan, key: &str) -> String {
    match priority_named(plan, key) {
        Some(Priority {
            id: Some(id),
            title,
            ..
        }) => format!("{id}: {title}"),
        Some(p) => p.title.clone(),
        None => key.to_string(),
    }
}

/// What an action says it will do: its action text, else its objective.
pub fn action_text(a: &Action) -> &str {
    a.action
        .as_deref()
        .or(a.objective.as_deref())
        .unwrap_or_default()
}

/// The plan's name in a report: its title, else the file name.
pub fn plan_name(plan: &Plan) -> String {
    match &plan.plan.title {
        Some(t) => t.clone(),
        None => std::path::Path::new(&plan.source.file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| plan.source.file.clone()),
    }
}

/// `target` with `.tmp<pid>` added to its file name: where a file is
/// written before it is renamed into place.
pub fn tmp_of(target: &std::path::Path) -> std::path::PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    target.with_file_name(name)
}

/// Write `bytes` to a temporary file beside `target` (its folder made if
/// missing), then rename it over the target: a reader sees the old file or
/// the new one, never half of one.
pub fn write_atomically(target: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = tmp_of(target);
    let written = std::fs::File::create(&tmp).and_then(|mut f| f.write_all(bytes));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, target)
}
