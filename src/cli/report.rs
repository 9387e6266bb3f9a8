//! `actionplan report PATH... [-o report.html]`: the gap report as one
//! self-contained HTML page (the writer is `actionplan::write::html`). This
//! file only converts the inputs, in parallel and in input order, and hands
//! the plans to the writer.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use actionplan::plan::Plan;
use actionplan::write::html::{self, Unread};
use actionplan::{batch, Error, Options};

use super::check::{GapArgs, Output};
use super::progress::{BatchArgs, Progress};
use super::Failure;
use actionplan::write::report::grand_total;

/// Arguments of `actionplan report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Plans to report on, or folders to search for them (recursively).
    #[arg(value_name = "PATH", required = true)]
    paths: Vec<PathBuf>,
    /// Write the HTML to FILE (written whole, then renamed into place)
    /// instead of standard output.
    #[arg(short = 'o', long = "out", value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    gaps: GapArgs,
    #[command(flatten)]
    batch: BatchArgs,
}

pub fn run(args: &ReportArgs, mut opts: Options) -> Result<ExitCode, Failure> {
    opts.check = args.gaps.check_options();
    let glob = args.batch.glob()?;
    let files = batch::inputs(&args.paths, glob.as_ref());
    if files.is_empty() {
        return Err(Failure::Usage(
            "no plans found (.docx, .doc, .odt, .xlsx, .xls, .ods, .pdf) in the paths given".into(),
        ));
    }
    let opts = Arc::new(opts);
    let timeout = args.batch.timeout();
    let progress = Progress::new(files.len(), args.batch.quiet, "reading");
    // (`batch::run` runs it under the time limit, a panic caught.)
    let work = move |_: usize, file: &Path| actionplan::convert::convert_path(file, &opts);
    let failed = |_, file: &Path, kind| Err(Error::new(file, kind));
    let mut plans: Vec<Plan> = Vec::new();
    let mut unread: Vec<Unread> = Vec::new();
    batch::run(&files, args.batch.jobs, timeout, work, failed, |i, r| {
        match r {
            Ok(plan) => plans.push(plan),
            Err(e) => {
                let line = super::error_line(&e);
                progress.println(&line);
                unread.push(Unread {
                    file: files[i].display().to_string(),
                    error: e.kind.to_string(),
                });
            }
        }
        progress.advance(&files[i].display().to_string());
    });
    progress.finish();
    let refs: Vec<&Plan> = plans.iter().collect();
    let mut out = Output::open(args.out.as_deref())?;
    html::write_report(&mut out, &refs, &unread)?;
    out.finish()?;
    if !args.batch.quiet {
        let mut totals = [0usize; 3];
        for g in plans.iter().flat_map(|p| &p.gaps) {
            totals[actionplan::plan::Severity::ALL
                .iter()
                .position(|s| *s == g.severity)
                .unwrap_or(2)] += 1;
        }
        let actions = plans.iter().map(|p| p.actions.len()).sum();
        let total = grand_total(files.len(), unread.len(), actions, totals);
        match &args.out {
            Some(path) => eprintln!("actionplan: {total}; see {}", path.display()),
            None => eprintln!("actionplan: {total}"),
        }
    }
    Ok(if unread.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(2)
    })
}
