//! `actionplan check FILE|DIR...`: the gap report.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use serde_json::Value;

use actionplan::plan::{Gap, Place, Plan, Severity};
use actionplan::{batch, Options};

use super::progress::{BatchArgs, Progress};
use super::Failure;

/// Arguments of `actionplan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plans to check, or folders to search for them (recursively).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// `text` for people (grouped by file and priority), `json` for tools
    /// (an array of gaps, each with its `file`).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Exit 1 when a gap of this severity or worse is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "LEVEL")]
    fail_on: FailOn,
    /// Today's date for `progress-missing` (ISO, e.g. 2016-04-01): actions
    /// due before it with no progress are reported.
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    as_of: Option<String>,
    #[command(flatten)]
    batch: BatchArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

fn iso_date(s: &str) -> Result<String, String> {
    let ok = s.len() == 10
        && s.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        Ok(s.to_string())
    } else {
        Err(format!("expected an ISO date like 2016-04-01, got {s:?}"))
    }
}

/// One file's worst gap, its text report, and its gaps as JSON values.
type Checked = (Option<Severity>, Vec<u8>, Vec<Value>);

pub fn run(args: &CheckArgs, mut opts: Options) -> Result<ExitCode, Failure> {
    opts.check.as_of = args.as_of.clone();
    let glob = args.batch.glob()?;
    let files = batch::inputs(&args.paths, glob.as_ref());
    if files.is_empty() {
        return Err(Failure::Usage(
            "no plans found (.docx, .xlsx, .xls, .ods, .pdf) in the paths given".into(),
        ));
    }
    let opts = Arc::new(opts);
    let timeout = args.batch.timeout();
    let progress = Progress::new(files.len(), args.batch.quiet, "checking");
    let format = args.format;
    // Per file: its worst gap, its report (text, or JSON gap values), or
    // its error line.
    let work = |_: usize, file: &Path| -> Result<Checked, String> {
        let plan =
            batch::convert_guarded(file, &opts, timeout).map_err(|e| super::error_line(&e))?;
        let worst = plan.gaps.iter().map(|g| g.severity).max();
        let mut text = Vec::new();
        let mut json = Vec::new();
        match format {
            CheckFormat::Text => {
                write_text(&mut text, file, &plan).map_err(|e| e.to_string())?;
            }
            CheckFormat::Json => {
                for g in &plan.gaps {
                    let mut v = serde_json::to_value(g).map_err(|e| e.to_string())?;
                    if let Value::Object(m) = &mut v {
                        m.insert("file".into(), Value::String(file.display().to_string()));
                    }
                    json.push(v);
                }
            }
        }
        Ok((worst, text, json))
    };
    let mut failed = 0usize;
    let mut worst: Option<Severity> = None;
    let mut json: Vec<Value> = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut write_error = None;
    batch::run(&files, args.batch.jobs, work, |i, r| {
        match r {
            Ok((w, text, mut values)) => {
                worst = worst.max(w);
                if write_error.is_none() {
                    if let Err(e) = out.write_all(&text).and_then(|()| out.flush()) {
                        write_error = Some(e);
                    }
                }
                json.append(&mut values);
            }
            Err(line) => {
                progress.println(&line);
                failed += 1;
            }
        }
        progress.advance(&files[i].display().to_string());
    });
    progress.finish();
    if let Some(e) = write_error {
        return Err(Failure::Output(e));
    }
    if let CheckFormat::Json = args.format {
        serde_json::to_writer_pretty(&mut out, &json).map_err(std::io::Error::other)?;
        writeln!(out)?;
    }
    out.flush()?;
    let threshold = match args.fail_on {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    };
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else if threshold.is_some_and(|t| worst.is_some_and(|w| w >= t)) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// "page 3, table 2, row 5" / "Sheet1!C7, row 5".
pub fn place(p: &Place) -> String {
    let mut parts = Vec::new();
    if let Some(page) = p.page {
        parts.push(format!("page {page}"));
    }
    match (&p.sheet, &p.cell) {
        (Some(s), Some(c)) => parts.push(format!("{s}!{c}")),
        (Some(s), None) => parts.push(format!("sheet {s}")),
        _ => {}
    }
    if let Some(t) = p.table {
        parts.push(format!("table {}", t + 1));
    }
    if let Some(r) = p.row {
        parts.push(format!("row {}", r + 1));
    }
    parts.join(", ")
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
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
fn write_text(out: &mut dyn Write, file: &Path, plan: &Plan) -> std::io::Result<()> {
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
            let at = place(&g.source);
            writeln!(
                out,
                "    {:<7} {:<8} {:<34} {}: {} [{}]{}",
                severity(g.severity),
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
        let at = place(&w.source);
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
        "  {} actions read; {} errors, {} warnings, {} info",
        plan.actions.len(),
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info)
    )
}
