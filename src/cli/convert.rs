//! `actionplan convert PATH... [-o DIR | --stdout] [--format json|ndjson|csv|xlsx]`:
//! plans as JSON, their actions as NDJSON or CSV, or the tracker workbook,
//! for one file or a whole archive. The work is in the library
//! (`actionplan::batch` runs and resumes, `actionplan::write` writes every
//! output and `summary.json`); this file wires the options to them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Args, ValueEnum};

use actionplan::batch::job::{FileResult, Job, PlanFormat};
use actionplan::batch::{self, resume};
use actionplan::plan::Plan;
use actionplan::write::summary::{Entry, Status, Summary};
use actionplan::write::{actions, tmp_of, xlsx};
use actionplan::Options;

use super::progress::{BatchArgs, Progress};
use super::Failure;

/// Arguments of `actionplan convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Plans to convert (.docx, .doc, .odt, .xlsx, .xls, .ods, .pdf), folders to search
    /// for them (recursively), or `-` for one plan on standard input (its
    /// format is told from its bytes).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Write the output into DIR (created if missing): one `<file>.json`
    /// per plan, or `actions.ndjson` / `actions.csv` / `tracker.xlsx`, plus
    /// `summary.json` listing every input with its status, output or error
    /// (rewritten as the run goes). Each file is written to a temporary
    /// name and renamed, so a killed run leaves no half-written output.
    /// `-o -` is standard output.
    #[arg(
        short = 'o',
        long = "out",
        value_name = "DIR",
        conflicts_with = "stdout"
    )]
    out: Option<PathBuf>,
    /// Print to standard output (the default without -o): one plan
    /// document, or for several inputs a JSON array of them in input order.
    #[arg(long)]
    stdout: bool,
    /// `json`: one plan document per input; `ndjson`: one action per line
    /// with its plan's source and priority, then a line per priority with
    /// gaps of its own; `csv`: the same as rows with fixed canonical
    /// columns and a gap count; `xlsx`: one tracker workbook for the run
    /// (`DIR/tracker.xlsx`), with Actions (due as an Excel date beside the
    /// text as written, RAG in its colour), Priorities and Gaps sheets.
    #[arg(long, value_enum, default_value_t = OutFormat::Json)]
    format: OutFormat,
    /// Convert again even when the output in DIR is up to date (by default
    /// an input whose path below the folder given, content and options
    /// (version, --profile) match the recorded output is skipped, keeping
    /// its counts: re-runs resume).
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

/// Set by Ctrl-C or SIGTERM: inputs not yet started are recorded as
/// `interrupted`, the summary is written, and the run ends with 130.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub fn run(args: &ConvertArgs, opts: &Options, fingerprint: &str) -> Result<ExitCode, Failure> {
    let glob = args.batch.glob()?;
    let found = batch::find(&args.paths, glob.as_ref());
    let files = found.files;
    if files.is_empty() {
        return Err(Failure::Usage(
            "no plans found (.docx, .doc, .odt, .xlsx, .xls, .ods, .pdf) in the paths given".into(),
        ));
    }
    // `-o -` is standard output, as for jq and xsv.
    let out_dir = args.out.as_deref().filter(|d| d.as_os_str() != "-");
    if args.format == OutFormat::Xlsx {
        super::check::Output::refuse_terminal(out_dir, "the tracker workbook")?;
    }
    let stdin = super::stdin_if_named(&files, &opts.limits)?;
    if let Some(dir) = out_dir {
        std::fs::create_dir_all(dir)?;
    }
    let progress = Progress::new(files.len(), args.batch.quiet, "converting");
    // Ctrl-C and SIGTERM stop starting new files; a second one ends at once.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });

    // The ordered stream: stdout, or DIR/actions.{ndjson,csv} via a temp file.
    let stream_target = match (out_dir, args.format) {
        (Some(dir), OutFormat::Ndjson) => Some(dir.join("actions.ndjson")),
        (Some(dir), OutFormat::Csv) => Some(dir.join("actions.csv")),
        (Some(dir), OutFormat::Xlsx) => Some(dir.join("tracker.xlsx")),
        _ => None,
    };
    let mut stream: Box<dyn Write> = match &stream_target {
        Some(t) => Box::new(std::io::BufWriter::new(std::fs::File::create(tmp_of(t))?)),
        None if out_dir.is_some() => Box::new(std::io::sink()),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    if args.format == OutFormat::Csv {
        actions::write_csv_header(&mut stream)?;
    }
    // Several plans on standard output make one JSON array.
    let json_array = out_dir.is_none() && args.format == OutFormat::Json && files.len() > 1;
    if json_array {
        stream.write_all(b"[\n")?;
    }

    // One JSON per plan in DIR: where each goes, and what is there already.
    let json_dir = out_dir.filter(|_| args.format == OutFormat::Json);
    let summary_path = out_dir.map(|d| d.join("summary.json"));
    let recorded = resume::recorded(summary_path.as_deref().and_then(Summary::load));
    let keys = resume::keys(&files, &args.paths);
    let targets = json_dir.map(|dir| {
        // Hashes are needed only to find an earlier output by content.
        let hashes: Vec<Option<String>> = files
            .iter()
            .map(|f| {
                (!recorded.is_empty() && f.as_os_str() != "-")
                    .then(|| std::fs::read(f).ok().map(|b| resume::sha256_hex(&b)))
                    .flatten()
            })
            .collect();
        resume::targets(dir, &files, &keys, &hashes, &recorded)
    });

    let timeout = args.batch.timeout();
    let job = Job {
        opts: Arc::new(opts.clone()),
        timeout,
        fingerprint: fingerprint.to_string(),
        format: match args.format {
            OutFormat::Json => PlanFormat::Json,
            OutFormat::Ndjson => PlanFormat::Ndjson,
            OutFormat::Csv => PlanFormat::Csv,
            OutFormat::Xlsx => PlanFormat::Xlsx,
        },
        force: args.force,
        stdin,
        keys,
        targets,
        stream_target: stream_target.clone(),
        interrupted: &INTERRUPTED,
    };

    let ignored: Vec<String> = found
        .ignored
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let mut entries: Vec<Entry> = Vec::with_capacity(files.len());
    let mut write_error: Option<std::io::Error> = None;
    let mut tracker: Vec<Plan> = Vec::new();
    let mut plans_written = 0usize;
    let mut last_summary = Instant::now();
    batch::run(
        &files,
        args.batch.jobs,
        timeout,
        move |i, f| job.run_one(i, f),
        |_, f, kind| FileResult::error(f, kind),
        |_, mut done: FileResult| {
            tracker.extend(done.plan.take());
            for w in &done.warnings {
                progress.warn(w);
            }
            if let Some(e) = &done.error_line {
                progress.println(e);
            }
            if write_error.is_none() && !done.text.is_empty() {
                let sep: &[u8] = if json_array && plans_written > 0 {
                    b",\n"
                } else {
                    b""
                };
                plans_written += 1;
                if let Err(e) = stream
                    .write_all(sep)
                    .and_then(|()| stream.write_all(&done.text))
                {
                    write_error = Some(e);
                }
            }
            progress.advance(&done.entry.input);
            entries.push(done.entry);
            // The summary as the run goes: a killed run still says what it did.
            if let Some(path) = &summary_path {
                if last_summary.elapsed() > Duration::from_secs(2) {
                    let partial =
                        Summary::new(fingerprint.into(), entries.clone(), ignored.clone());
                    let _ = partial.write_atomically(path);
                    last_summary = Instant::now();
                }
            }
        },
    );
    progress.finish();
    if let Some(e) = write_error {
        return Err(Failure::Output(e));
    }
    if json_array {
        stream.write_all(b"]\n")?;
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
        // A line for the documents a user may have meant to convert (.rtf,
        // .xlsb, .csv); any other file (notes, scripts) is only counted.
        if !args.batch.quiet && !why.contains("is not a format actionplan reads") {
            progress.println(&format!("actionplan: {}: not read: {why}", path.display()));
        }
        entries.push(Entry::bare(
            path.display().to_string(),
            Status::Unsupported,
            Some(why.clone()),
        ));
    }
    let interrupted = INTERRUPTED.load(Ordering::SeqCst);
    let mut summary = Summary::new(fingerprint.into(), entries, ignored);
    summary.complete = !interrupted;
    summary.keep_earlier(recorded);
    if let Some(path) = &summary_path {
        summary.write_atomically(path)?;
    }
    if !args.batch.quiet && (summary.files > 1 || out_dir.is_some()) {
        eprintln!(
            "actionplan: {}{}",
            summary.end_line(),
            match &summary_path {
                Some(p) => format!("; see {}", p.display()),
                None => String::new(),
            }
        );
    }
    Ok(if interrupted {
        ExitCode::from(130)
    } else if summary.failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
