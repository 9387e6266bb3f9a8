//! The gap report a board manager reads, prints and sends: one
//! self-contained HTML file (`actionplan report PATH... -o report.html`).
//!
//! No network and no external assets: the CSS is inline, and a few lines of
//! script add filters (by severity and by gap code) that the page does not
//! need to be read. It prints on A4 landscape (`@page`), with the filters
//! hidden and each action's row kept whole.
//!
//! For each plan: its title, file, period, status and its gaps counted by
//! severity; gaps about the plan as a whole; then each priority (its owner
//! and its own gaps) with its actions as rows (id, the full action text,
//! lead, due, RAG as a coloured chip) and, under each action, its gaps with
//! severity, code, field, message, the quoted text and where it is (page,
//! sheet!cell, table/row). Actions outside any priority come after the
//! priorities; the importer's warnings and the tables it did not map close
//! the plan. With several plans an index at the top has one line per plan
//! (gaps by severity, a link to its section); files that could not be read
//! are listed there with their error.
//!
//! Every text from a document is untrusted input and goes through [`esc`];
//! the markup around it is fixed. Each gap is one `li.gap` with
//! `data-severity`, `data-code`, `data-field` and `data-action` (the
//! action's id as printed): what the filters and the tests read.

use std::io::Write;

use super::{action_text, plan_name, priority_label};
use crate::plan::{Action, Gap, Plan, Severity};

/// Escape text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// An input that could not be read, for the index: its path and the
/// error line.
#[derive(Debug, Clone)]
pub struct Unread {
    /// The path as given.
    pub file: String,
    /// Why it could not be read.
    pub error: String,
}

const STYLE: &str = r#"
:root { --error: #c00000; --error-bg: #ffc7ce; --warning: #8a5a00; --warning-bg: #ffeb9c;
  --info: #1f4e79; --info-bg: #ddebf7; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { font: 14px/1.4 "Segoe UI", Arial, Helvetica, sans-serif; color: #1a1a1a; margin: 0 auto;
  padding: 16px 24px; max-width: 1400px; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 28px 0 4px; border-bottom: 2px solid #1f4e79; padding-bottom: 2px; }
h3 { font-size: 16px; margin: 18px 0 4px; }
.meta { color: #444; margin: 0 0 6px; }
.meta span + span::before { content: " · "; color: #999; }
.counts { margin: 6px 0; }
.chip { display: inline-block; padding: 0 8px; border-radius: 9px; font-size: 12px;
  font-weight: 600; margin-right: 4px; white-space: nowrap; }
.sev-error .sev, .chip.error { background: var(--error-bg); color: var(--error); }
.sev-warning .sev, .chip.warning { background: var(--warning-bg); color: var(--warning); }
.sev-info .sev, .chip.info { background: var(--info-bg); color: var(--info); }
.sev { display: inline-block; min-width: 58px; text-align: center; border-radius: 3px;
  font-size: 12px; font-weight: 600; padding: 0 4px; }
.rag { display: inline-block; min-width: 52px; text-align: center; border-radius: 9px;
  font-size: 12px; font-weight: 600; color: #fff; padding: 0 6px; }
.rag-red { background: #ff0000; } .rag-amber { background: #ffc000; color: #1a1a1a; }
.rag-green { background: #00b050; } .rag-blue { background: #0070c0; }
.rag-none { background: #eee; color: #666; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #f0f0f0; }
table.actions col.id { width: 6%; } table.actions col.text { width: 56%; }
table.actions col.lead { width: 18%; } table.actions col.due { width: 12%; }
table.actions col.rag { width: 8%; }
tbody.action { break-inside: avoid; }
tr.gaps td { border-top: none; background: #fafafa; padding-top: 0; }
ul.gaps { list-style: none; margin: 2px 0; padding: 0; }
ul.gaps li { margin: 2px 0; }
code { font: 12px Consolas, "Courier New", monospace; color: #555; }
.field { font-weight: 600; }
q { font-style: italic; color: #333; }
.place { color: #666; font-size: 12px; white-space: nowrap; }
.owner { color: #444; margin: 0 0 4px; }
.muted { color: #777; }
.filters { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid var(--line);
  margin-bottom: 8px; z-index: 1; }
.filters label { margin-right: 12px; }
table.index td.n { text-align: right; width: 7%; }
.hidden { display: none !important; }
details { margin: 4px 0; } details pre { white-space: pre-wrap; font-size: 12px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  .filters { display: none; }
  h2 { break-before: page; } section.plan:first-of-type h2 { break-before: auto; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// Shows only the gaps whose severity is ticked and whose code is chosen;
/// an action whose gaps are all hidden is hidden with them.
const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  function apply() {
    var sev = {};
    form.querySelectorAll('input[name=severity]').forEach(function (b) { sev[b.value] = b.checked; });
    var code = form.querySelector('select[name=code]').value;
    document.querySelectorAll('li.gap').forEach(function (li) {
      var show = sev[li.dataset.severity] && (code === '' || li.dataset.code === code);
      li.classList.toggle('hidden', !show);
    });
    var only = form.querySelector('input[name=only]').checked;
    document.querySelectorAll('tbody.action').forEach(function (tb) {
      var any = tb.querySelector('li.gap:not(.hidden)') !== null;
      tb.classList.toggle('hidden', only && !any);
    });
  }
  form.addEventListener('change', apply);
  apply();
})();
"#;

/// Count a plan's gaps by severity (error, warning, info).
fn counts<'a>(gaps: impl IntoIterator<Item = &'a Gap>) -> [usize; 3] {
    let mut n = [0; 3];
    for g in gaps {
        n[match g.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Info => 2,
        }] += 1;
    }
    n
}

/// The chips "3 errors 5 warnings 0 info".
fn count_chips(n: [usize; 3]) -> String {
    let plural = |k: usize, one: &str, many: &str| {
        if k == 1 {
            format!("{k} {one}")
        } else {
            format!("{k} {many}")
        }
    };
    format!(
        "<span class=\"chip error\">{}</span><span class=\"chip warning\">{}</span><span class=\"chip info\">{} info</span>",
        plural(n[0], "error", "errors"),
        plural(n[1], "warning", "warnings"),
        n[2]
    )
}

/// Write the whole report: `plans` in order, `unread` listed in the index.
pub fn write_report(
    out: &mut dyn Write,
    plans: &[&Plan],
    unread: &[Unread],
) -> std::io::Result<()> {
    let all: Vec<&Gap> = plans.iter().flat_map(|p| p.gaps.iter()).collect();
    let mut codes: Vec<&str> = all.iter().map(|g| g.code.as_str()).collect();
    codes.sort_unstable();
    codes.dedup();
    let total = counts(all.iter().copied());

    writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    let title = match plans {
        [one] => format!("Gaps: {}", plan_name(one)),
        _ => format!("Gaps in {} plans", plans.len()),
    };
    writeln!(out, "<title>{}</title>", esc(&title))?;
    writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<header>\n<h1>{}</h1>", esc(&title))?;
    writeln!(
        out,
        "<p class=\"counts\">{} actions read; gaps: {}</p>",
        plans.iter().map(|p| p.actions.len()).sum::<usize>(),
        count_chips(total)
    )?;
    // The filters need the script; without it the form stays hidden.
    writeln!(out, "<form id=\"filters\" class=\"filters\" hidden>")?;
    for s in Severity::ALL {
        writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"severity\" value=\"{0}\" checked> {0}</label>",
            s.name()
        )?;
    }
    writeln!(
        out,
        "<label>code <select name=\"code\"><option value=\"\">all codes</option>"
    )?;
    for c in &codes {
        writeln!(out, "<option value=\"{0}\">{0}</option>", esc(c))?;
    }
    writeln!(out, "</select></label>")?;
    writeln!(
        out,
        "<label><input type=\"checkbox\" name=\"only\"> only actions with gaps shown</label>\n</form>\n</header>"
    )?;

    if plans.len() + unread.len() > 1 {
        write_index(out, plans, unread)?;
    }
    for (n, plan) in plans.iter().enumerate() {
        write_plan(out, n + 1, plan)?;
    }
    writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>")
}

fn write_index(out: &mut dyn Write, plans: &[&Plan], unread: &[Unread]) -> std::io::Result<()> {
    writeln!(out, "<nav>\n<table class=\"index\">")?;
    writeln!(out, "<thead><tr><th>plan</th><th>file</th><th>actions</th><th>errors</th><th>warnings</th><th>info</th></tr></thead>\n<tbody>")?;
    for (n, plan) in plans.iter().enumerate() {
        let c = counts(&plan.gaps);
        writeln!(
            out,
            "<tr><td><a href=\"#plan-{}\">{}</a></td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            n + 1,
            esc(&plan_name(plan)),
            esc(&plan.source.file),
            plan.actions.len(),
            c[0],
            c[1],
            c[2]
        )?;
    }
    for u in unread {
        writeln!(
            out,
            "<tr class=\"unread\"><td class=\"muted\">not read</td><td>{}</td><td colspan=\"4\">{}</td></tr>",
            esc(&u.file),
            esc(&u.error)
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</nav>")
}

fn write_plan(out: &mut dyn Write, n: usize, plan: &Plan) -> std::io::Result<()> {
    writeln!(
        out,
        "<section class=\"plan\" id=\"plan-{n}\">\n<h2>{}</h2>",
        esc(&plan_name(plan))
    )?;
    let info = &plan.plan;
    let mut meta = vec![format!("file {}", esc(&plan.source.file))];
    if let Some(o) = &info.organisation {
        meta.push(esc(o));
    }
    if let Some(p) = &info.period {
        meta.push(format!("period {} ({} to {})", esc(&p.raw), p.start, p.end));
    }
    if let Some(s) = &info.status {
        meta.push(format!("status {}", esc(s)));
    }
    if let Some(u) = &info.updated {
        meta.push(format!("updated {}", esc(u)));
    }
    write!(out, "<p class=\"meta\">")?;
    for m in &meta {
        write!(out, "<span>{m}</span>")?;
    }
    writeln!(out, "</p>")?;
    writeln!(
        out,
        "<p class=\"counts\">{} actions in {} priorities; gaps: {}</p>",
        plan.actions.len(),
        plan.priorities.len(),
        count_chips(counts(&plan.gaps))
    )?;

    // Gaps about no action and no priority: the plan as a whole.
    let whole: Vec<&Gap> = plan
        .gaps
        .iter()
        .filter(|g| g.action.is_none() && g.priority.is_none())
        .collect();
    if !whole.is_empty() {
        writeln!(out, "<h3>The plan as a whole</h3>")?;
        write_gaps(out, plan, &whole)?;
    }

    let mut placed = vec![false; plan.actions.len()];
    for p in &plan.priorities {
        let key = p.id.as_deref().unwrap_or(&p.title);
        let heading = priority_label(plan, key);
        writeln!(
            out,
            "<section class=\"priority\">\n<h3>{}</h3>",
            esc(&heading_text(p.id.as_deref(), &heading))
        )?;
        if let Some(l) = &p.lead {
            writeln!(out, "<p class=\"owner\">Owner: {}</p>", esc(&l.raw))?;
        }
        let own: Vec<&Gap> = plan
            .gaps
            .iter()
            .filter(|g| g.action.is_none() && g.priority.as_deref() == Some(key))
            .collect();
        write_gaps(out, plan, &own)?;
        let rows: Vec<usize> = (0..plan.actions.len())
            .filter(|&i| !placed[i] && plan.actions[i].priority.as_deref() == Some(key))
            .collect();
        for &i in &rows {
            placed[i] = true;
        }
        write_actions(out, plan, &rows)?;
        writeln!(out, "</section>")?;
    }
    let rest: Vec<usize> = (0..plan.actions.len()).filter(|&i| !placed[i]).collect();
    // Priority-level gaps whose priority is not in the list (kept, not lost).
    let stray: Vec<&Gap> = plan
        .gaps
        .iter()
        .filter(|g| {
            g.action.is_none()
                && g.priority
                    .as_deref()
                    .is_some_and(|k| super::priority_named(plan, k).is_none())
        })
        .collect();
    if !rest.is_empty() || !stray.is_empty() {
        writeln!(
            out,
            "<section class=\"priority\">\n<h3>Outside any priority</h3>"
        )?;
        write_gaps(out, plan, &stray)?;
        write_actions(out, plan, &rest)?;
        writeln!(out, "</section>")?;
    }
    write_notes(out, plan)?;
    writeln!(out, "</section>")
}

/// "Priority 2: Mental Health" for a priority numbered with a bare number;
/// "LSCB 1: Neglect" as it is when the id already says what it is; the
/// title alone when it has no id.
fn heading_text(id: Option<&str>, label: &str) -> String {
    match id {
        Some(id) if id.starts_with(|c: char| c.is_ascii_digit()) => format!("Priority {label}"),
        _ => label.to_string(),
    }
}

/// The actions at `rows` as a table, each followed by its gaps.
fn write_actions(out: &mut dyn Write, plan: &Plan, rows: &[usize]) -> std::io::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    writeln!(out, "<table class=\"actions\">")?;
    writeln!(out, "<colgroup><col class=\"id\"><col class=\"text\"><col class=\"lead\"><col class=\"due\"><col class=\"rag\"></colgroup>")?;
    writeln!(
        out,
        "<thead><tr><th>id</th><th>action</th><th>lead</th><th>due</th><th>RAG</th></tr></thead>"
    )?;
    for &i in rows {
        let a = &plan.actions[i];
        writeln!(out, "<tbody class=\"action\" data-row=\"{i}\">")?;
        writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(a.id.as_deref().unwrap_or("")),
            action_cell(a),
            esc(a.lead.as_ref().map(|l| l.raw.as_str()).unwrap_or("")),
            esc(a.due.as_ref().map(|d| d.raw.as_str()).unwrap_or("")),
            match a.rag {
                Some(r) => format!("<span class=\"rag rag-{0}\">{0}</span>", r.name()),
                None => "<span class=\"rag rag-none\">none</span>".into(),
            }
        )?;
        let gaps: Vec<&Gap> = plan.gaps.iter().filter(|g| g.action == Some(i)).collect();
        if !gaps.is_empty() {
            write!(out, "<tr class=\"gaps\"><td></td><td colspan=\"4\">")?;
            write_gaps(out, plan, &gaps)?;
            writeln!(out, "</td></tr>")?;
        }
        writeln!(out, "</tbody>")?;
    }
    writeln!(out, "</table>")
}

/// The action's full text; its objective above it, muted, when both are
/// given (the objective is what it is for).
fn action_cell(a: &Action) -> String {
    let text = esc(action_text(a)).replace('\n', "<br>");
    match (&a.objective, &a.action) {
        (Some(o), Some(_)) => format!(
            "<div class=\"muted\">{}</div>{text}",
            esc(o).replace('\n', "<br>")
        ),
        _ => text,
    }
}

/// A list of gaps (nothing when empty).
fn write_gaps(out: &mut dyn Write, plan: &Plan, gaps: &[&Gap]) -> std::io::Result<()> {
    if gaps.is_empty() {
        return Ok(());
    }
    writeln!(out, "<ul class=\"gaps\">")?;
    for g in gaps {
        let action_id = g
            .action
            .and_then(|i| plan.actions.get(i))
            .and_then(|a| a.id.as_deref())
            .unwrap_or("");
        let sev = g.severity.name();
        let field = g.field.unwrap_or("");
        write!(
            out,
            "<li class=\"gap sev-{sev}\" data-severity=\"{sev}\" data-code=\"{}\" data-field=\"{}\" data-action=\"{}\">",
            esc(g.code.as_str()),
            esc(field),
            esc(action_id)
        )?;
        write!(
            out,
            "<span class=\"sev\">{sev}</span> <code>{}</code> ",
            esc(g.code.as_str())
        )?;
        if !field.is_empty() {
            write!(out, "<span class=\"field\">{}</span>: ", esc(field))?;
        }
        write!(out, "<span class=\"message\">{}</span>", esc(&g.message))?;
        if let Some(v) = &g.value {
            write!(out, " <q class=\"quote\">{}</q>", esc(v))?;
        }
        let at = g.source.describe();
        if !at.is_empty() {
            write!(out, " <span class=\"place\">({})</span>", esc(&at))?;
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>")
}

/// The importer's warnings and the tables it did not read as action tables.
fn write_notes(out: &mut dyn Write, plan: &Plan) -> std::io::Result<()> {
    if plan.warnings.is_empty() && plan.other_tables.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "<section class=\"notes\">\n<h3>What the importer could not do</h3>"
    )?;
    if !plan.warnings.is_empty() {
        writeln!(out, "<ul class=\"warnings\">")?;
        for w in &plan.warnings {
            let at = w.source.describe();
            writeln!(
                out,
                "<li>{}{}</li>",
                esc(&w.message),
                if at.is_empty() {
                    String::new()
                } else {
                    format!(" <span class=\"place\">({})</span>", esc(&at))
                }
            )?;
        }
        writeln!(out, "</ul>")?;
    }
    for t in &plan.other_tables {
        let at = t.source.describe();
        writeln!(
            out,
            "<details class=\"unmapped\"><summary>Not read as actions: {} ({}): {}</summary>",
            esc(&at),
            esc(t.kind),
            esc(&t.reason)
        )?;
        writeln!(out, "<table>")?;
        for r in &t.rows {
            write!(out, "<tr>")?;
            for c in r {
                write!(out, "<td>{}</td>", esc(c).replace('\n', "<br>"))?;
            }
            writeln!(out, "</tr>")?;
        }
        writeln!(out, "</table></details>")?;
    }
    writeln!(out, "</section>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            esc("<script>\"a\" & 'b'</script>"),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }

    #[test]
    fn a_bare_priority_number_is_called_a_priority() {
        assert_eq!(
            heading_text(Some("2"), "2: Mental Health"),
            "Priority 2: Mental Health"
        );
        assert_eq!(
            heading_text(Some("LSCB 1"), "LSCB 1: Neglect"),
            "LSCB 1: Neglect"
        );
        assert_eq!(heading_text(None, "Thresholds"), "Thresholds");
    }

    #[test]
    fn counts_are_worst_first() {
        assert_eq!(
            count_chips([1, 2, 0]),
            "<span class=\"chip error\">1 error</span><span class=\"chip warning\">2 warnings</span><span class=\"chip info\">0 info</span>"
        );
    }
}
