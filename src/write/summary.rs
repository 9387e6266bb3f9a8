//! `summary.json`: what a `convert -o DIR` run did with every input
//! (schema: `actionplan schema summary`).
//!
//! The summary is the output folder's record: each entry keeps the key a
//! later run resumes by (the input's path below the folder given, its
//! content hash and the options that change output), so a re-run skips
//! exactly the inputs whose output would not change, and keeps their
//! counts. It is rewritten (atomically) as the run goes, so a run that is
//! killed or interrupted still says what it did (`complete: false`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::plan::{Plan, Severity};

/// The `schema` value of a summary.
pub const SUMMARY_SCHEMA: &str = "actionplan-summary/1";

/// What became of one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Converted in this run.
    Converted,
    /// Its output is up to date (same input path, content and options).
    Skipped,
    /// Could not be read or written; `error` says why.
    Failed,
    /// Found in a folder, in a format that is not read; `error` says why.
    Unsupported,
    /// Not started: the run was interrupted (Ctrl-C, SIGTERM) first.
    Interrupted,
}

impl Status {
    /// The name in JSON and in the end-of-run line.
    pub fn name(self) -> &'static str {
        match self {
            Status::Converted => "converted",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
            Status::Unsupported => "unsupported",
            Status::Interrupted => "interrupted",
        }
    }
}

/// Gaps by severity.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapCounts {
    /// Gaps of severity `error`.
    pub error: usize,
    /// Gaps of severity `warning`.
    pub warning: usize,
    /// Gaps of severity `info`.
    pub info: usize,
}

impl GapCounts {
    /// The counts of a plan's gaps.
    pub fn of(plan: &Plan) -> Self {
        let mut c = GapCounts::default();
        for g in &plan.gaps {
            c.add(g.severity, 1);
        }
        c
    }

    fn add(&mut self, s: Severity, n: usize) {
        match s {
            Severity::Error => self.error += n,
            Severity::Warning => self.warning += n,
            Severity::Info => self.info += n,
        }
    }

    /// The counts of a plan JSON already written (a skipped input's
    /// output): actions, and gaps by severity; `None` if it is not a plan.
    pub fn of_plan_json(v: &serde_json::Value) -> Option<(usize, GapCounts)> {
        let actions = v.get("actions")?.as_array()?.len();
        let mut c = GapCounts::default();
        for g in v.get("gaps")?.as_array()? {
            match g.get("severity").and_then(|s| s.as_str()) {
                Some("error") => c.add(Severity::Error, 1),
                Some("warning") => c.add(Severity::Warning, 1),
                Some("info") => c.add(Severity::Info, 1),
                _ => return None,
            }
        }
        Some((actions, c))
    }
}

/// One input of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The input as named or found (`-` for standard input).
    pub input: String,
    /// What became of it.
    pub status: Status,
    /// The input's path below the folder it was found in (its file name
    /// when named directly): with `sha256` and `options`, the key a re-run
    /// resumes by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// SHA-256 of the input's bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// The options that changed the output (see [`Summary::options`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub options: Option<String>,
    /// Where its output is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<String>,
    /// Why it failed or was not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Its actions (a skipped input's are read from its output).
    pub actions: usize,
    /// Its gaps by severity.
    pub gaps: GapCounts,
}

impl Entry {
    /// An entry with no output and no counts.
    pub fn bare(input: String, status: Status, error: Option<String>) -> Entry {
        Entry {
            input,
            status,
            key: None,
            sha256: None,
            options: None,
            output: None,
            error,
            actions: 0,
            gaps: GapCounts::default(),
        }
    }
}

/// `summary.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// `actionplan-summary/1`.
    pub schema: String,
    /// False while the run goes on, and for a run that was interrupted or
    /// killed: then `inputs` lists what was done so far.
    pub complete: bool,
    /// The options that change output, as resumes compare them:
    /// `actionplan 0.1.0; profile sha256:…` (or `profile none`).
    pub options: String,
    /// Inputs listed below.
    pub files: usize,
    /// Inputs converted in this run.
    pub converted: usize,
    /// Inputs whose output was up to date.
    pub skipped: usize,
    /// Inputs that could not be read or written.
    pub failed: usize,
    /// Files found in folders in a format that is not read.
    pub unsupported: usize,
    /// Inputs not started because the run was interrupted.
    pub interrupted: usize,
    /// System and editor files and hidden folders left out of the walk.
    pub ignored: usize,
    /// Their paths.
    pub ignored_files: Vec<String>,
    /// Actions of the converted and skipped inputs.
    pub actions: usize,
    /// Their gaps by severity.
    pub gaps: GapCounts,
    /// Every input of this run, in input order (unsupported files last).
    pub inputs: Vec<Entry>,
    /// Outputs in the folder from earlier runs whose inputs were not part
    /// of this one (kept so a later run still knows whose they are).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Entry>,
}

impl Summary {
    /// The summary of `inputs`, its totals counted.
    pub fn new(options: String, inputs: Vec<Entry>, ignored_files: Vec<String>) -> Summary {
        let count = |s: Status| inputs.iter().filter(|e| e.status == s).count();
        let mut gaps = GapCounts::default();
        for e in &inputs {
            gaps.error += e.gaps.error;
            gaps.warning += e.gaps.warning;
            gaps.info += e.gaps.info;
        }
        Summary {
            schema: SUMMARY_SCHEMA.to_string(),
            complete: false,
            options,
            files: inputs.len(),
            converted: count(Status::Converted),
            skipped: count(Status::Skipped),
            failed: count(Status::Failed),
            unsupported: count(Status::Unsupported),
            interrupted: count(Status::Interrupted),
            ignored: ignored_files.len(),
            ignored_files,
            actions: inputs.iter().map(|e| e.actions).sum(),
            gaps,
            inputs,
            earlier: Vec::new(),
        }
    }

    /// Keep, as `earlier`, the recorded outputs of earlier runs that this
    /// run did not write and that are still there, so a later run still
    /// knows whose they are.
    pub fn keep_earlier(&mut self, recorded: Vec<Entry>) {
        let now: std::collections::HashSet<String> = self
            .inputs
            .iter()
            .filter_map(|e| e.output.clone())
            .collect();
        self.earlier = recorded
            .into_iter()
            .filter(|e| {
                e.output
                    .as_deref()
                    .is_some_and(|o| !now.contains(o) && Path::new(o).is_file())
            })
            .collect();
    }

    /// The summary a folder holds, if it holds a readable one.
    pub fn load(path: &Path) -> Option<Summary> {
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The end-of-run line: "12 files: 10 converted, 1 skipped (up to
    /// date), 1 failed, ...; 500 actions; gaps: 3 errors, ...".
    pub fn end_line(&self) -> String {
        let mut parts = vec![
            format!("{} converted", self.converted),
            format!("{} skipped (up to date)", self.skipped),
            format!("{} failed", self.failed),
            format!("{} not read (unsupported)", self.unsupported),
            format!("{} ignored (system or hidden)", self.ignored),
        ];
        if self.interrupted > 0 {
            parts.push(format!("{} not started (interrupted)", self.interrupted));
        }
        format!(
            "{}: {}; {}; gaps: {}, {}, {} info",
            plural(self.files, "file"),
            parts.join(", "),
            plural(self.actions, "action"),
            plural(self.gaps.error, "error"),
            plural(self.gaps.warning, "warning"),
            self.gaps.info
        )
    }

    /// Write to `path` through a temporary file renamed over it, so a
    /// reader never sees half a summary.
    pub fn write_atomically(&self, path: &Path) -> std::io::Result<()> {
        let mut json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        json.push(b'\n');
        super::write_atomically(path, &json)
    }
}

/// "1 error", "2 errors".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(status: Status, actions: usize, error: usize) -> Entry {
        Entry {
            actions,
            gaps: GapCounts {
                error,
                warning: 0,
                info: 1,
            },
            ..Entry::bare("a.docx".into(), status, None)
        }
    }

    #[test]
    fn totals_count_each_status_and_the_line_says_them_in_words() {
        let s = Summary::new(
            "actionplan 0.1.0; profile none".into(),
            vec![
                entry(Status::Converted, 30, 1),
                entry(Status::Skipped, 12, 0),
                Entry::bare("b.doc".into(), Status::Unsupported, Some("why".into())),
                Entry::bare("c.pdf".into(), Status::Interrupted, None),
            ],
            vec![".DS_Store".into()],
        );
        assert_eq!(
            (
                s.files,
                s.converted,
                s.skipped,
                s.unsupported,
                s.interrupted
            ),
            (4, 1, 1, 1, 1)
        );
        assert_eq!(s.actions, 42);
        assert_eq!(
            s.end_line(),
            "4 files: 1 converted, 1 skipped (up to date), 0 failed, 1 not read (unsupported), \
             1 ignored (system or hidden), 1 not started (interrupted); 42 actions; gaps: 1 error, \
             0 warnings, 2 info"
        );
        let json = serde_json::to_string(&s).unwrap();
        let back: Summary = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
        assert!(json.contains("\"status\":\"interrupted\""), "{json}");
    }

    #[test]
    fn counts_are_read_back_from_a_plan_json() {
        let v = serde_json::json!({
            "actions": [{}, {}, {}],
            "gaps": [{"severity": "error"}, {"severity": "info"}, {"severity": "info"}]
        });
        assert_eq!(
            GapCounts::of_plan_json(&v),
            Some((
                3,
                GapCounts {
                    error: 1,
                    warning: 0,
                    info: 2
                }
            ))
        );
        assert_eq!(
            GapCounts::of_plan_json(&serde_json::json!({"actions": []})),
            None
        );
    }
}
