//! What batch commands share: `--jobs`, `--glob`, `--timeout`, `--quiet`,
//! and the progress bar (indicatif) shown on a terminal.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::Failure;

/// Options for runs over many files.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Files converted at once (0: one per core).
    #[arg(long, short = 'j', default_value_t = 0, value_name = "N")]
    pub jobs: usize,
    /// Keep only files found in folders whose name matches this pattern
    /// (`*.docx`, `*2016*`; with a `/`, the whole path: `**/drafts/*`).
    #[arg(long, value_name = "PATTERN")]
    pub glob: Option<String>,
    /// Give up on a file after this many seconds (0: never); it is
    /// recorded as failed and the batch goes on.
    #[arg(long, default_value_t = 120, value_name = "SECS")]
    pub timeout: u64,
    /// No progress bar, no warnings and no summary line on stderr (errors
    /// are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

impl BatchArgs {
    /// The compiled `--glob`.
    pub fn glob(&self) -> Result<Option<globset::GlobMatcher>, Failure> {
        self.glob
            .as_deref()
            .map(|g| {
                globset::GlobBuilder::new(g)
                    .case_insensitive(true)
                    .literal_separator(true)
                    .build()
                    .map(|g| g.compile_matcher())
                    .map_err(|e| Failure::Usage(format!("--glob {g:?}: {e}")))
            })
            .transpose()
    }

    /// The per-file time limit.
    pub fn timeout(&self) -> Option<Duration> {
        (self.timeout > 0).then(|| Duration::from_secs(self.timeout))
    }
}

/// A progress bar on stderr when it is a terminal (and not `--quiet`);
/// otherwise nothing is drawn and messages go straight to stderr.
pub struct Progress {
    bar: Option<ProgressBar>,
    quiet: bool,
}

impl Progress {
    /// A bar for `n` files; `verb` says what is being done.
    pub fn new(n: usize, quiet: bool, verb: &str) -> Self {
        let show = !quiet && n > 1 && std::io::stderr().is_terminal();
        let bar = show.then(|| {
            let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(&format!(
                "{{elapsed_precise}} [{{bar:30}}] {{pos}}/{{len}} {verb} {{wide_msg}}"
            ))
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar
        });
        Progress { bar, quiet }
    }

    /// Print a warning line above the bar (nothing with `--quiet`).
    pub fn warn(&self, line: &str) {
        if !self.quiet {
            self.println(line);
        }
    }

    /// Print a line above the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Run `f` (a write to standard output) with the bar hidden, so the
    /// two do not interleave on a terminal.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    /// One more file done; `name` is shown as the latest.
    pub fn advance(&self, name: &str) {
        if let Some(b) = &self.bar {
            b.set_message(name.to_string());
            b.inc(1);
        }
    }

    /// Remove the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
