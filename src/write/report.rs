//! The `check` report for people: each file's gaps grouped by priority,
//! one line per gap (severity, action id, a quote, field, what to do, code
//! and place), the importer's notes, a count line; and for several files
//! a grand total. Tables and rows are counted from 1 here, as a reader
//! counts them (the JSON outputs count from 0: docs/OUTPUT.md).

use std::io::Write;
use std::path::Path;

use super::summary::plural;
use crate::plan::{Gap, Plan, Severity};

/// "total: 5 files (1 not read), 172 actions; 60 errors, 41 warnings, 90 info".
pub fn grand_total(files: usize, failed: usize, actions: usize, n: [usize; 3]) -> String {
    format!(
        "total: {}{}, {}; {}, {}, {} info",
        plural(files, "file"),
        if failed > 0 {
            format!(" ({failed} not read)")
        } else {
            String::new()
        },
        plural(actions, "action"),
        plural(n[0], "error"),
        plural(n[1], "warning"),
        n[2]
    )
}

fn short(s: &str, n: usize) -> String {
    let one = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if one.chars().count() > n {
        format!("{}…", one.chars().take(n - 1).collect::<String>())
    } else {
        one
    }
}

/// The report for one file: gaps grouped by priority, then a summary line.
pub fn write_text(out: &mut dyn Write, file: &Path, plan: &Plan) -> std::io::Result<()> {
    writeln!(out, "{}", file.display())?;
    let mut groups: Vec<(Option<String>, Vec<&Gap>)> = Vec::new();
    for g in &plan.gaps {
        match groups.iter_mut().find(|(p, _)| *p == g.priority) {
            Some((_, list)) => list.push(g),
            None => groups.push((g.priority.clone(), vec![g])),
        }
    }
    for (priority, gaps) in &groups {
        let heading = match priority {
            Some(key) => {
                let title = plan
                    .priorities
                    .iter()
                    .find(|p| p.id.as_deref() == Some(key) || (p.id.is_none() && p.title == *key))
                    .map(|p| p.title.as_str())
                    .unwrap_or("");
                if plan.priorities.iter().any(|p| p.id.as_deref() == Some(key)) {
                    format!("Priority {key}: {}", short(title, 70))
                } else {
                    short(key, 80)
                }
            }
            None => "(no priority)".to_string(),
        };
        writeln!(out, "  {heading}")?;
        for g in gaps {
            let (id, quote) = match g.action.and_then(|i| plan.actions.get(i)) {
                Some(a) => (
                    a.id.clone().unwrap_or_else(|| "-".into()),
                    a.action
                        .as_deref()
                        .or(a.objective.as_deref())
                        .map(|t| format!("\"{}\"", short(t, 32)))
                        .unwrap_or_default(),
                ),
                None => ("-".into(), String::new()),
            };
            let at = g.source.describe();
            writeln!(
                out,
                "    {:<7} {:<8} {:<34} {}: {} [{}]{}",
                g.severity.name(),
                short(&id, 8),
                quote,
                g.field.unwrap_or("-"),
                g.message,
                g.code,
                if at.is_empty() {
                    String::new()
                } else {
                    format!(" ({at})")
                }
            )?;
        }
    }
    // What the importer could not do (a table left unmapped, an action
    // table with no lead or due column), so the report does not look
    // cleaner than the plan is.
    for w in &plan.warnings {
        let at = w.source.describe();
        writeln!(
            out,
            "  note: {}{}",
            w.message,
            if at.is_empty() {
                String::new()
            } else {
                format!(" ({at})")
            }
        )?;
    }
    let count = |s| plan.gaps.iter().filter(|g| g.severity == s).count();
    writeln!(
        out,
        "  {} read; {}, {}, {} info",
        plural(plan.actions.len(), "action"),
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        count(Severity::Info)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grand_total_is_one_line() {
        assert_eq!(
            grand_total(5, 1, 172, [60, 1, 90]),
            "total: 5 files (1 not read), 172 actions; 60 errors, 1 warning, 90 info"
        );
    }
}
