//! `actionplan check FILE|DIR...`: the gap report, as text, JSON, CSV or
//! an xlsx workbook (the writers are in `actionplan::write`). The flags that
//! choose which gaps are reported ([`GapArgs`]) and the output file
//! ([`Output`]) are shared with `report`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};
use serde_json::Value;

use actionplan::gaps::GapCode;
use actionplan::plan::Severity;
use actionplan::write::gaps::{self, GapRow};
use actionplan::write::report::{grand_total, write_text};
use actionplan::write::xlsx;
use actionplan::{batch, Error, Options};

use super::progress::{BatchArgs, Progress};
use super::Failure;

/// Arguments of `actionplan check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Plans to check, or folders to search for them (recursively).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// `text` for people (grouped by file and priority), `json` for tools
    /// (an array of gaps, each with its `file`), `csv` and `xlsx` for a
    /// spreadsheet (one row per gap: file, plan, priority, action id, the
    /// full action text, field, severity, code, message, quote, place).
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    format: CheckFormat,
    /// Write the report to FILE (written whole, then renamed into place)
    /// instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: Option<PathBuf>,
    /// Exit 1 when a gap of this severity or worse is found.
    #[arg(long, value_enum, default_value_t = FailOn::Error, value_name = "LEVEL")]
    fail_on: FailOn,
    #[command(flatten)]
    gaps: GapArgs,
    #[command(flatten)]
    batch: BatchArgs,
}

/// Which gaps are reported: shared by `check` and `report`.
#[derive(Debug, Args)]
pub struct GapArgs {
    /// Leave out gaps below this severity (`warning` hides the `info`
    /// lines, such as `rag-missing`).
    #[arg(long, value_enum, value_name = "LEVEL")]
    min_severity: Option<Level>,
    /// Leave out gaps with this code (repeatable: `--ignore rag-missing
    /// --ignore measure-missing`).
    #[arg(long, value_name = "CODE", value_parser = gap_code)]
    ignore: Vec<GapCode>,
    /// Today's date for `progress-missing` (ISO, e.g. 2016-04-01, or
    /// `today`): actions due before it with no progress are reported.
    #[arg(long, value_name = "DATE", value_parser = iso_date)]
    as_of: Option<String>,
}

impl GapArgs {
    /// The gap-rule options these flags ask for.
    pub fn check_options(&self) -> actionplan::gaps::CheckOptions {
        actionplan::gaps::CheckOptions {
            as_of: self.as_of.clone(),
            min_severity: self.min_severity.map(Level::severity),
            ignore: self.ignore.clone(),
        }
    }
}

/// A severity on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

/// A gap code known to the rules (a typo would otherwise ignore nothing).
pub fn gap_code(s: &str) -> Result<GapCode, String> {
    GapCode::parse(s).ok_or_else(|| {
        format!(
            "unknown gap code {s:?}; the codes are: {} (see `actionplan gaps`)",
            GapCode::ALL.map(GapCode::as_str).join(", ")
        )
    })
}

fn iso_date(s: &str) -> Result<String, String> {
    if s.eq_ignore_ascii_case("today") {
        return Ok(today());
    }
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
        Err(format!(
            "expected an ISO date like 2016-04-01, or `today`, got {s:?}"
        ))
    }
}

/// Today's date (UTC), ISO.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let (y, m, d) = civil_from_days((secs / 86_400) as i64);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date of a day counted from 1970-01-01 (Howard Hinnant's
/// `civil_from_days`, http://howardhinnant.github.io/date_algorithms.html).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// What one file gives: its worst gap, its counts, and its part of the
/// report (text or CSV bytes, JSON gap values, or gap rows for the
/// workbook).
struct Checked {
    worst: Option<Severity>,
    actions: usize,
    counts: [usize; 3],
    bytes: Vec<u8>,
    json: Vec<Value>,
    rows: Vec<GapRow>,
}

pub fn run(args: &CheckArgs, mut opts: Options) -> Result<ExitCode, Failure> {
    opts.check = args.gaps.check_options();
    let glob = args.batch.glob()?;
    let found = batch::find(&args.paths, glob.as_ref());
    let files = found.files;
    // Documents in a folder that a user may have meant to check get a line.
    for (path, why) in &found.unsupported {
        if !args.batch.quiet && !why.contains("is not a format actionplan reads") {
            eprintln!("actionplan: {}: not read: {why}", path.display());
        }
    }
    let stdin = super::stdin_if_named(&files, &opts.limits)?;
    if files.is_empty() {
        return Err(Failure::Usage(
            "no plans found (.docx, .doc, .odt, .xlsx, .xls, .ods, .pdf) in the paths given".into(),
        ));
    }
    let opts = Arc::new(opts);
    let timeout = args.batch.timeout();
    let progress = Progress::new(files.len(), args.batch.quiet, "checking");
    let format = args.format;
    // Per file: its report part, or its error line.
    // (`batch::run` runs it under the time limit, a panic caught.)
    let work = move |_: usize, file: &Path| -> Result<Checked, String> {
        let plan = match &stdin {
            Some(bytes) if file.as_os_str() == "-" => {
                actionplan::convert::convert_bytes(bytes, file, &opts)
            }
            _ => actionplan::convert::convert_path(file, &opts),
        }
        .map_err(|e| super::error_line(&e))?;
        let mut done = Checked {
            worst: plan.gaps.iter().map(|g| g.severity).max(),
            actions: plan.actions.len(),
            counts: Severity::ALL.map(|s| plan.gaps.iter().filter(|g| g.severity == s).count()),
            bytes: Vec::new(),
            json: Vec::new(),
            rows: Vec::new(),
        };
        match format {
            CheckFormat::Text => {
                write_text(&mut done.bytes, file, &plan).map_err(|e| e.to_string())?;
            }
            CheckFormat::Json => {
                done.json = gaps::with_file(&file.display().to_string(), &plan)
                    .map_err(|e| e.to_string())?;
            }
            CheckFormat::Csv => {
                gaps::write_csv(&mut done.bytes, &gaps::rows(&plan)).map_err(|e| e.to_string())?;
            }
            CheckFormat::Xlsx => done.rows = gaps::rows(&plan),
        }
        Ok(done)
    };
    let mut failed = 0usize;
    let mut worst: Option<Severity> = None;
    let mut json: Vec<Value> = Vec::new();
    let mut rows: Vec<GapRow> = Vec::new();
    let (mut actions, mut totals) = (0usize, [0usize; 3]);
    if format == CheckFormat::Xlsx {
        Output::refuse_terminal(args.out.as_deref(), "the xlsx workbook")?;
    }
    let mut out = Output::open(args.out.as_deref())?;
    let mut write_error = None;
    if format == CheckFormat::Csv {
        gaps::write_csv_header(&mut out)?;
    }
    let unchecked = |_, file: &Path, kind| Err(super::error_line(&Error::new(file, kind)));
    batch::run(&files, args.batch.jobs, timeout, work, unchecked, |i, r| {
        match r {
            Ok(mut done) => {
                worst = worst.max(done.worst);
                actions += done.actions;
                for (t, n) in totals.iter_mut().zip(done.counts) {
                    *t += n;
                }
                if write_error.is_none() {
                    // Through the bar: on a terminal the report and the
                    // progress bar do not interleave.
                    let written =
                        progress.suspend(|| out.write_all(&done.bytes).and_then(|()| out.flush()));
                    if let Err(e) = written {
                        write_error = Some(e);
                    }
                }
                json.append(&mut done.json);
                rows.append(&mut done.rows);
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
    let total = grand_total(files.len(), failed, actions, totals);
    match format {
        CheckFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &json).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        CheckFormat::Xlsx => {
            let book = xlsx::gap_workbook(&rows).map_err(std::io::Error::other)?;
            out.write_all(&book)?;
        }
        // Several files: the grand total closes the text report.
        CheckFormat::Text if files.len() > 1 => writeln!(out, "{total}")?,
        _ => {}
    }
    out.finish()?;
    // A report written to a file still says what it found.
    if args.out.is_some() && !args.batch.quiet {
        eprintln!("actionplan: {total}");
    }
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

/// Where a report goes: standard output, or a file written under a
/// temporary name and renamed into place when complete (a failed run
/// leaves no half-written report, and no temporary file either).
pub enum Output {
    /// Standard output.
    Stdout(std::io::BufWriter<std::io::StdoutLock<'static>>),
    /// A temporary file that becomes the named one.
    File(TempFile),
}

/// A file being written under a temporary name beside its target; removed
/// if dropped before [`TempFile::persist`].
pub struct TempFile {
    writer: Option<std::io::BufWriter<std::fs::File>>,
    tmp: PathBuf,
    target: PathBuf,
}

impl TempFile {
    fn create(target: &Path) -> std::io::Result<TempFile> {
        if let Some(parent) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut name = target.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".tmp{}", std::process::id()));
        let tmp = target.with_file_name(name);
        let f = std::fs::File::create(&tmp)?;
        Ok(TempFile {
            writer: Some(std::io::BufWriter::new(f)),
            tmp,
            target: target.to_path_buf(),
        })
    }

    fn writer(&mut self) -> std::io::Result<&mut std::io::BufWriter<std::fs::File>> {
        self.writer
            .as_mut()
            .ok_or_else(|| std::io::Error::other("the output file is already closed"))
    }

    /// Flush, and rename the file to its target.
    fn persist(mut self) -> std::io::Result<()> {
        if let Some(w) = self.writer.take() {
            w.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        std::fs::rename(&self.tmp, &self.target)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        // After a successful rename the temporary name is gone and this
        // does nothing; otherwise it clears a half-written file.
        let _ = std::fs::remove_file(&self.tmp);
    }
}

impl Output {
    /// Standard output, or a temporary file beside `path`.
    pub fn open(path: Option<&Path>) -> std::io::Result<Output> {
        Ok(match path {
            None => Output::Stdout(std::io::BufWriter::new(std::io::stdout().lock())),
            Some(p) => Output::File(TempFile::create(p)?),
        })
    }

    /// A binary format (a workbook) must not be poured onto a terminal.
    pub fn refuse_terminal(path: Option<&Path>, what: &str) -> Result<(), Failure> {
        if path.is_none() && std::io::stdout().is_terminal() {
            return Err(Failure::Usage(format!(
                "{what} is a binary file: write it with -o, or redirect standard output"
            )));
        }
        Ok(())
    }

    /// Flush, and put a file in place.
    pub fn finish(self) -> std::io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::File(f) => f.persist(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File(f) => f.writer()?.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(f) => f.writer()?.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_are_calendar_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        // 2016 was a leap year: 29 February, then 1 March.
        assert_eq!(civil_from_days(16_860), (2016, 2, 29));
        assert_eq!(civil_from_days(16_861), (2016, 3, 1));
        assert_eq!(civil_from_days(20_793), (2026, 12, 6));
    }

    #[test]
    fn as_of_takes_an_iso_date_or_today() {
        assert_eq!(iso_date("2016-04-01").as_deref(), Ok("2016-04-01"));
        assert!(iso_date("1/4/2016").is_err());
        let today = iso_date("today").unwrap_or_default();
        assert_eq!(today.len(), 10);
        assert!(today.as_str() > "2026-01-01", "{today}");
    }
}
