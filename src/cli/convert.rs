//! `actionplan convert PATH... [-o DIR | --stdout] [--format json|ndjson|csv|xlsx]`:
//! plans as JSON, their actions as NDJSON or CSV, or the tracker workbook,
//! for one file or a whole archive. The work is in the library (`actionplan::batch`, the writers);
//! this file wires options, output files and the summary.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use serde::Serialize;

use actionplan::batch;
use actionplan::plan::{Plan, Severity};
use actionplan::write::{actions, xlsx};
use actionplan::Options;

use super::progress::{BatchArgs, Progress};
use super::Failure;

/// Arguments of `actionplan convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Plans to convert (.docx, .xlsx, .xls, .ods, .pdf), or folders to search
    /// for them (recursively).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Write the output into DIR (created if missing): one `<file>.json`
    /// per plan, or `actions.ndjson` / `actions.csv` / `tracker.xlsx`, plus `summary.json`
    /// listing every input with its status, output or error. Each file is
    /// written to a temporary name and renamed, so a killed run leaves no
    /// half-written output.
    #[arg(
        short = 'o',
        long = "out",
        value_name = "DIR",
        conflicts_with = "stdout"
    )]
    out: Option<PathBuf>,
    /// Print to standard output (the default without -o).
    #[arg(long)]
    stdout: bool,
    /// `json`: one plan document per input; `ndjson`: one action per line
    /// with its plan's source and priority; `csv`: one row per action with
    /// fixed canonical columns and its gap count; `xlsx`: one tracker
    /// workbook for the run (`DIR/tracker.xlsx`), with Actions (due as an
    /// Excel date beside the text as written, RAG in its colour),
    /// Priorities and Gaps sheets.
    #[arg(long, value_enum, default_value_t = OutFormat::Json)]
    format: OutFormat,
    /// Convert again even when `DIR/<name>.json` is newer than its input
    /// (by default such inputs are skipped: re-runs resume).
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    batch: BatchArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutFormat {
    Json,
    Ndjson,
    Csv,
    Xlsx,
}

/// What became of one input, as `summary.json` lists it.
#[derive(Debug, Serialize)]
struct Entry {
    input: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
    actions: usize,
    gaps: GapCounts,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
struct GapCounts {
    error: usize,
    warning: usize,
    info: usize,
}

impl GapCounts {
    fn of(plan: &Plan) -> Self {
        let mut c = GapCounts::default();
        for g in &plan.gaps {
            match g.severity {
                Severity::Error => c.error += 1,
                Severity::Warning => c.warning += 1,
                Severity::Info => c.info += 1,
            }
        }
        c
    }
}

/// `summary.json`.
#[derive(Debug, Serialize)]
struct Summary {
    files: usize,
    converted: usize,
    skipped: usize,
    failed: usize,
    /// Files found in folders in a format we do not read (listed in
    /// `inputs` with status "unsupported" and the reason).
    unsupported: usize,
    /// System and editor files and hidden folders left out of the walk.
    ignored: usize,
    ignored_files: Vec<String>,
    actions: usize,
    gaps: GapCounts,
    inputs: Vec<Entry>,
}

/// What a worker hands back for one input.
struct Done {
    entry: Entry,
    /// Warning lines to print.
    warnings: Vec<String>,
    /// The error line (with hint) to print.
    error_line: Option<String>,
    /// Bytes for the ordered output stream.
    text: Vec<u8>,
    /// The plan, kept for the tracker workbook (`--format xlsx`).
    plan: Option<Plan>,
}

pub fn run(args: &ConvertArgs, opts: &Options) -> Result<ExitCode, Failure> {
    let glob = args.batch.glob()?;
    let found = batch::find(&args.paths, glob.as_ref());
    let files = found.files;
    if files.is_empty() {
        return Err(Failure::Usage(
            "no plans found (.docx, .xlsx, .xls, .ods, .pdf) in the paths given".into(),
        ));
    }
    if args.format == OutFormat::Xlsx {
        super::check::Output::refuse_terminal(args.out.as_deref(), "the tracker workbook")?;
    }
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)?;
    }
    let opts = Arc::new(opts.clone());
    let timeout = args.batch.timeout();
    let progress = Progress::new(files.len(), args.batch.quiet, "converting");

    // The ordered stream: stdout, or DIR/actions.{ndjson,csv} via a temp file.
    let stream_target = match (&args.out, args.format) {
        (Some(dir), OutFormat::Ndjson) => Some(dir.join("actions.ndjson")),
        (Some(dir), OutFormat::Csv) => Some(dir.join("actions.csv")),
        (Some(dir), OutFormat::Xlsx) => Some(dir.join("tracker.xlsx")),
        _ => None,
    };
    let mut stream: Box<dyn Write> = match &stream_target {
        Some(t) => Box::new(std::io::BufWriter::new(std::fs::File::create(tmp_of(t))?)),
        None if args.out.is_some() => Box::new(std::io::sink()),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    if args.format == OutFormat::Csv {
        actions::write_csv_header(&mut stream)?;
    }

    let names = output_names(&files, &args.paths);
    let work = |i: usize, file: &Path| -> Done {
        let input = file.display().to_string();
        let json_target = match (&args.out, args.format) {
            (Some(dir), OutFormat::Json) => Some(dir.join(&names[i])),
            _ => None,
        };
        if let (Some(t), false) = (&json_target, args.force) {
            if up_to_date(file, t) {
                return Done {
                    entry: Entry {
                        input,
                        status: "skipped",
                        output: Some(t.display().to_string()),
                        error: None,
                        actions: 0,
                        gaps: GapCounts::default(),
                    },
                    warnings: Vec::new(),
                    error_line: None,
                    text: Vec::new(),
                    plan: None,
                };
            }
        }
        let plan = match batch::convert_guarded(file, &opts, timeout) {
            Ok(p) => p,
            Err(e) => {
                return Done {
                    error_line: Some(super::error_line(&e)),
                    entry: Entry {
                        input,
                        status: "failed",
                        output: None,
                        error: Some(e.kind.to_string()),
                        actions: 0,
                        gaps: GapCounts::default(),
                    },
                    warnings: Vec::new(),
                    text: Vec::new(),
                    plan: None,
                }
            }
        };
        let warnings = plan
            .warnings
            .iter()
            .map(|w| format!("actionplan: warning: {input}: {}", w.message))
            .collect();
        let mut text = Vec::new();
        let mut output = None;
        let written = match (args.format, &json_target) {
            (OutFormat::Json, Some(t)) => serde_json::to_vec_pretty(&plan)
                .map_err(std::io::Error::other)
                .and_then(|json| write_atomically(t, &json))
                .map(|()| output = Some(t.display().to_string())),
            (OutFormat::Json, None) => serde_json::to_writer_pretty(&mut text, &plan)
                .map_err(std::io::Error::other)
                .map(|()| text.push(b'\n')),
            (OutFormat::Ndjson, _) => actions::write_ndjson(&mut text, &plan),
            (OutFormat::Csv, _) => actions::write_csv(&mut text, &plan),
            // The workbook is written once, at the end, from every plan.
            (OutFormat::Xlsx, _) => Ok(()),
        };
        if let Err(e) = written {
            return Done {
                error_line: Some(format!(
                    "actionplan: error: {input}: cannot write output: {e}"
                )),
                entry: Entry {
                    input,
                    status: "failed",
                    output: None,
                    error: Some(format!("cannot write output: {e}")),
                    actions: 0,
                    gaps: GapCounts::default(),
                },
                warnings,
                text: Vec::new(),
                plan: None,
            };
        }
        if output.is_none() {
            output = stream_target.as_ref().map(|t| t.display().to_string());
        }
        Done {
            entry: Entry {
                input,
                status: "converted",
                output,
                error: None,
                actions: plan.actions.len(),
                gaps: GapCounts::of(&plan),
            },
            warnings,
            error_line: None,
            text,
            plan: (args.format == OutFormat::Xlsx).then_some(plan),
        }
    };

    let mut entries = Vec::with_capacity(files.len());
    let mut write_error: Option<std::io::Error> = None;
    let mut tracker: Vec<Plan> = Vec::new();
    batch::run(&files, args.batch.jobs, work, |_, mut done: Done| {
        tracker.extend(done.plan.take());
        for w in &done.warnings {
            progress.warn(w);
        }
        if let Some(e) = &done.error_line {
            progress.println(e);
        }
        if write_error.is_none() && !done.text.is_empty() {
            if let Err(e) = stream.write_all(&done.text) {
                write_error = Some(e);
            }
        }
        progress.advance(&done.entry.input);
        entries.push(done.entry);
    });
    progress.finish();
    if let Some(e) = write_error {
        return Err(Failure::Output(e));
    }
    if args.format == OutFormat::Xlsx {
        let plans: Vec<&Plan> = tracker.iter().collect();
        let book = xlsx::tracker_workbook(&plans).map_err(std::io::Error::other)?;
        stream.write_all(&book)?;
    }
    stream.flush()?;
    drop(stream);
    if let Some(t) = &stream_target {
        std::fs::rename(tmp_of(t), t)?;
    }

    // Every file a folder held ends in the summary: the ones we do not
    // read with why, and the system's and editors' files counted.
    for (path, why) in &found.unsupported {
        // A line for the documents a user may have meant to convert (.doc,
        // .xlsb, .csv); any other file (notes, scripts) is only counted.
        if !args.batch.quiet && !why.contains("is not a format actionplan reads") {
            progress.println(&format!("actionplan: {}: not read: {why}", path.display()));
        }
        entries.push(Entry {
            input: path.display().to_string(),
            status: "unsupported",
            output: None,
            error: Some(why.clone()),
            actions: 0,
            gaps: GapCounts::default(),
        });
    }
    let count = |s: &str| entries.iter().filter(|e| e.status == s).count();
    let mut gaps = GapCounts::default();
    for e in &entries {
        gaps.error += e.gaps.error;
        gaps.warning += e.gaps.warning;
        gaps.info += e.gaps.info;
    }
    let summary = Summary {
        files: entries.len(),
        converted: count("converted"),
        skipped: count("skipped"),
        failed: count("failed"),
        unsupported: count("unsupported"),
        ignored: found.ignored.len(),
        ignored_files: found
            .ignored
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        actions: entries.iter().map(|e| e.actions).sum(),
        gaps,
        inputs: entries,
    };
    if let Some(dir) = &args.out {
        let json = serde_json::to_vec_pretty(&summary).map_err(std::io::Error::other)?;
        write_atomically(&dir.join("summary.json"), &json)?;
    }
    if !args.batch.quiet && (summary.files > 1 || args.out.is_some()) {
        eprintln!(
            "actionplan: {} file{}: {} converted, {} skipped (up to date), {} failed, {} not read (unsupported), {} ignored (system or hidden); {} actions; gaps: {} error, {} warning, {} info{}",
            summary.files,
            if summary.files == 1 { "" } else { "s" },
            summary.converted,
            summary.skipped,
            summary.failed,
            summary.unsupported,
            summary.ignored,
            summary.actions,
            summary.gaps.error,
            summary.gaps.warning,
            summary.gaps.info,
            match &args.out {
                Some(d) => format!("; see {}", d.join("summary.json").display()),
                None => String::new(),
            }
        );
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Whether `target` exists and is at least as new as `input`.
fn up_to_date(input: &Path, target: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(input), modified(target)) {
        (Some(i), Some(t)) => t >= i,
        _ => false,
    }
}

/// The output name of each input, decided before the parallel run: the
/// input's path below the folder it was found in (or its file name, for a
/// file named directly) with `.json` added, so `plans/2014/cab.docx` found
/// under `plans/` gives `2014/cab.docx.json`; a name already taken gets
/// `-2`, `-3`... before `.json`.
fn output_names(files: &[PathBuf], roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut taken = std::collections::HashSet::new();
    files
        .iter()
        .map(|f| {
            let rel = roots
                .iter()
                .filter(|r| r.is_dir())
                .find_map(|r| f.strip_prefix(r).ok())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(f.file_name().unwrap_or_default()));
            let base = rel.to_string_lossy().into_owned();
            let mut name = format!("{base}.json");
            let mut n = 1;
            while !taken.insert(name.clone()) {
                n += 1;
                name = format!("{base}-{n}.json");
            }
            PathBuf::from(name)
        })
        .collect()
}

fn tmp_of(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    target.with_file_name(name)
}

/// Write to a temporary file beside the target (its folder made if
/// missing), then rename it over.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let tmp = tmp_of(target);
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.write_all(b"\n")?;
    }
    std::fs::rename(&tmp, target)
}
