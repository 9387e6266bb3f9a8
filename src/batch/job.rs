//! One input of a `convert` run, start to end: read it (a file, or the
//! bytes of standard input), skip it when its recorded output is up to
//! date, convert it, and write its plan JSON into the output folder or its
//! text for the run's ordered stream. The CLI builds one [`Job`] from its
//! flags and hands [`Job::run_one`] to [`super::run`], which runs it on a
//! worker under the time limit ([`Job::timeout`]) and turns a timeout or a
//! panic into [`FileResult::error`].

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use crate::error::{Error, ErrorKind};

use super::resume::{self, Target};
use crate::convert::Options;
use crate::plan::Plan;
use crate::write::summary::{Entry, GapCounts, Status};
use crate::write::{actions, pretty, write_atomically};

/// What each plan becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// The plan JSON: a file per plan in the output folder, or pretty text
    /// for the stream.
    Json,
    /// One action per line ([`actions::write_ndjson`]).
    Ndjson,
    /// One action per row ([`actions::write_csv`]).
    Csv,
    /// The tracker workbook, made at the end from every plan.
    Xlsx,
}

/// What a run needs to handle one input.
pub struct Job {
    /// Conversion options.
    pub opts: Arc<Options>,
    /// Per-file wall-clock limit, from reading the file to writing its
    /// output ([`super::run`] enforces it).
    pub timeout: Option<Duration>,
    /// The options that change output ([`resume::fingerprint`]).
    pub fingerprint: String,
    /// What each plan becomes.
    pub format: PlanFormat,
    /// Convert even when the recorded output is up to date.
    pub force: bool,
    /// Standard input's bytes, when `-` is an input.
    pub stdin: Option<Arc<Vec<u8>>>,
    /// Each input's key ([`resume::keys`]).
    pub keys: Vec<String>,
    /// Each input's JSON file in the output folder (`Json` into a folder).
    pub targets: Option<Vec<Target>>,
    /// The file the run's stream goes to (`DIR/actions.ndjson`...), named
    /// as each input's output.
    pub stream_target: Option<PathBuf>,
    /// Set when the run is interrupted: inputs not yet started are
    /// recorded as such.
    pub interrupted: &'static AtomicBool,
}

/// What became of one input.
pub struct FileResult {
    /// Its `summary.json` entry.
    pub entry: Entry,
    /// Warning lines for stderr.
    pub warnings: Vec<String>,
    /// Its error line (with hint) for stderr.
    pub error_line: Option<String>,
    /// Its bytes for the ordered stream (stdout, NDJSON, CSV).
    pub text: Vec<u8>,
    /// The plan, kept for the tracker workbook.
    pub plan: Option<Plan>,
}

impl FileResult {
    fn of(entry: Entry) -> FileResult {
        FileResult {
            entry,
            warnings: Vec::new(),
            error_line: None,
            text: Vec::new(),
            plan: None,
        }
    }

    /// Input `file` ended with error `kind` outside [`Job::run_one`] (a
    /// timeout or a panic, which [`super::run`] reports).
    pub fn error(file: &Path, kind: ErrorKind) -> FileResult {
        let e = Error::new(file, kind);
        FileResult::failed(file.display().to_string(), e.kind.to_string(), e.line())
    }

    fn failed(input: String, error: String, line: String) -> FileResult {
        FileResult {
            error_line: Some(line),
            ..FileResult::of(Entry::bare(input, Status::Failed, Some(error)))
        }
    }
}

impl Job {
    /// Handle input `i`, `file`.
    pub fn run_one(&self, i: usize, file: &Path) -> FileResult {
        let input = file.display().to_string();
        if self.interrupted.load(Ordering::SeqCst) {
            return FileResult::of(Entry::bare(input, Status::Interrupted, None));
        }
        let bytes = match &self.stdin {
            Some(b) if file.as_os_str() == "-" => Arc::clone(b),
            _ => match crate::read::read_file(file, &self.opts.limits) {
                Ok(b) => Arc::new(b),
                Err(k) => {
                    let e = Error::new(file, k);
                    return FileResult::failed(input, e.kind.to_string(), e.line());
                }
            },
        };
        let target = self.targets.as_ref().and_then(|t| t.get(i));
        let sha256 = resume::sha256_hex(&bytes);
        if let (Some(t), false) = (target, self.force) {
            if let Some(entry) = resume::up_to_date(t, &input, &sha256, &self.fingerprint) {
                return FileResult::of(entry);
            }
        }
        let plan = match crate::convert::convert_bytes_hashed(
            &bytes,
            file,
            &self.opts,
            Some(sha256.clone()),
        ) {
            Ok(p) => p,
            Err(e) => return FileResult::failed(input, e.kind.to_string(), e.line()),
        };
        let warnings = plan
            .warnings
            .iter()
            .map(|w| format!("actionplan: warning: {input}: {}", w.message))
            .collect();
        // A plan's JSON is tens of kilobytes: starting the buffer at about
        // its size spares the copies of growing it from nothing.
        let json_capacity = pretty::plan_size_hint(&plan);
        let mut text = Vec::new();
        let mut output = None;
        let written = match (self.format, target) {
            (PlanFormat::Json, Some(t)) => {
                let mut json = Vec::with_capacity(json_capacity);
                pretty::plan_to_vec(&mut json, &plan);
                json.push(b'\n');
                write_atomically(&t.output, &json)
                    .map(|()| output = Some(t.output.display().to_string()))
            }
            (PlanFormat::Json, None) => {
                text.reserve(json_capacity);
                pretty::plan_to_vec(&mut text, &plan);
                text.push(b'\n');
                Ok(())
            }
            (PlanFormat::Ndjson, _) => actions::write_ndjson(&mut text, &plan),
            (PlanFormat::Csv, _) => actions::write_csv(&mut text, &plan),
            // The workbook is written once, at the end, from every plan.
            (PlanFormat::Xlsx, _) => Ok(()),
        };
        if let Err(e) = written {
            return FileResult {
                warnings,
                ..FileResult::failed(
                    input.clone(),
                    format!("cannot write output: {e}"),
                    format!("actionplan: error: {input}: cannot write output: {e}"),
                )
            };
        }
        if output.is_none() {
            output = self.stream_target.as_ref().map(|t| t.display().to_string());
        }
        let actions = plan.actions.len();
        let gaps = GapCounts::of(&plan);
        // The plan is freed here, by the worker that made it (the
        // allocator frees another thread's memory by handing it back to
        // that thread), unless the workbook still needs it.
        let plan = (self.format == PlanFormat::Xlsx).then_some(plan);
        FileResult {
            entry: Entry {
                input,
                status: Status::Converted,
                key: self.keys.get(i).cloned(),
                sha256: Some(sha256),
                options: Some(self.fingerprint.clone()),
                output,
                error: None,
                actions,
                gaps,
            },
            warnings,
            error_line: None,
            text,
            plan,
        }
    }
}
