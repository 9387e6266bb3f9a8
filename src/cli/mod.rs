//! Command-line definition and dispatch. Each subcommand has its own file;
//! this module only parses arguments into library options and maps results
//! to exit codes: 0 success, 2 an input could not be read (1 is kept for
//! "gaps found" in `check`).

mod check;
mod completions;
mod convert;
mod gaps;
mod layout;
mod progress;
mod report;
mod schema;
mod tables;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use actionplan::Limits;

/// Import safeguarding business plans and report their gaps.
#[derive(Debug, Parser)]
#[command(
    name = "actionplan",
    version = concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("ACTIONPLAN_COMMIT"), ")"),
    about = "Import safeguarding-partnership business plans from Word, Excel, OpenDocument and PDF files, and report their gaps.",
    long_about = "Import safeguarding-partnership business plans (children's and adults' \
safeguarding boards, councils) from the files they already produce: Word (.docx, .doc), Excel \
(.xlsx, .xls), OpenDocument (.odt, .ods) and PDF.\n\n\
`convert` maps whatever the columns are called onto one JSON schema of actions (see \
`actionplan schema`), for one file or a whole archive in parallel; `check` reports the gaps \
that make a plan unfit to publish or monitor (\"Insert\" as a date, \"??\" as an owner, a \
drafting note left in a cell, a priority with no actions); `tables` shows the tables exactly \
as the file lays them out.",
    after_help = "Examples:\n  \
actionplan convert plans/ -o out                  every plan under plans/ to out/, with out/summary.json\n  \
actionplan convert plan.xlsx --format csv > actions.csv\n  \
actionplan check drafts/ --fail-on warning        exit 1 if any draft has a gap of warning or worse\n  \
actionplan check drafts/ --format xlsx -o gaps.xlsx   one row per gap, to filter in Excel\n  \
actionplan report drafts/ -o report.html          the gap report to read, print and send\n  \
actionplan tables plan.docx                       the tables as read, before any mapping\n  \
actionplan layout plan.docx                       which column was read as which field, and why\n  \
actionplan layout plan.docx --emit-profile > my.profile   a profile to edit, then --profile my.profile\n\n\
Exit codes: 0 success; 1 `check` found gaps at the --fail-on level; 2 an input could not be \
read (one line on stderr names the file and the problem; the other inputs are still processed)."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert plans to the plan JSON (schema: `actionplan schema`).
    Convert(convert::ConvertArgs),
    /// Report the gaps that make a plan unfit to publish or monitor.
    Check(check::CheckArgs),
    /// The gap report as one self-contained HTML page to read, filter,
    /// print (A4 landscape) and send: each plan's priorities and actions
    /// with their gaps under them.
    Report(report::ReportArgs),
    /// Print the tables of a document as read, before any column mapping.
    Tables(tables::TablesArgs),
    /// Explain how each table was recognised: its kind, header row, and
    /// each column's field with the score and evidence; or write a profile
    /// to edit (`--emit-profile`).
    Layout(layout::LayoutArgs),
    /// List every gap code with its severity and meaning
    /// (`--explain CODE` for what to do about one).
    Gaps(gaps::GapsArgs),
    /// Print the JSON Schema (2020-12) of the plan JSON, or of another
    /// JSON output (`check`, `summary`, `action-line`, `tables`).
    Schema(schema::SchemaArgs),
    /// Print a shell completion script (`actionplan completions bash >
    /// ~/.local/share/bash-completion/completions/actionplan`).
    Completions(completions::CompletionsArgs),
    /// Print the man page (`actionplan man > actionplan.1`).
    Man,
}

/// Limits that keep hostile files from using unbounded memory or time.
#[derive(Debug, Args)]
struct LimitArgs {
    /// Refuse input files larger than this many MiB.
    #[arg(long, global = true, default_value_t = 256, value_name = "MIB")]
    max_file_mb: u64,
    /// Refuse a zip part (e.g. word/document.xml) that inflates past this many MiB.
    #[arg(long, global = true, default_value_t = 64, value_name = "MIB")]
    max_part_mb: u64,
    /// A layout profile: extra header phrases, one line per field, in the
    /// format of the built-in vocabulary (`lead: lead officer | owner`).
    /// Its phrases win over the built-in ones.
    #[arg(long, global = true, value_name = "FILE")]
    profile: Option<std::path::PathBuf>,
}

impl LimitArgs {
    fn to_limits(&self) -> Limits {
        let d = Limits::default();
        Limits {
            max_file_bytes: self.max_file_mb.saturating_mul(1 << 20),
            max_part_bytes: self.max_part_mb.saturating_mul(1 << 20),
            max_package_bytes: d
                .max_package_bytes
                .max(self.max_part_mb.saturating_mul(4 << 20)),
            ..d
        }
    }
}

/// Parse the command line, run, and return the exit code.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let limits = cli.limits.to_limits();
    let result = options(&cli.limits, limits).and_then(|(opts, fingerprint)| match &cli.command {
        Command::Convert(args) => convert::run(args, &opts, &fingerprint),
        Command::Check(args) => check::run(args, opts),
        Command::Report(args) => report::run(args, opts),
        Command::Tables(args) => tables::run(args, &limits),
        Command::Layout(args) => layout::run(args, &limits, &opts.vocabulary),
        Command::Gaps(args) => gaps::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::completions(args),
        Command::Man => completions::man(),
    });
    match result {
        Ok(code) => code,
        Err(Failure::Read(e)) => {
            report(&e);
            ExitCode::from(2)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("actionplan: error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("actionplan: error: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

/// Standard input, read whole, when `-` is among the inputs (its format is
/// told from the bytes, as for any file).
fn stdin_if_named(
    files: &[std::path::PathBuf],
    limits: &Limits,
) -> Result<Option<std::sync::Arc<Vec<u8>>>, Failure> {
    if !files.iter().any(|f| f.as_os_str() == "-") {
        return Ok(None);
    }
    let bytes = actionplan::read::read_stream(std::io::stdin().lock(), limits)
        .map_err(|k| actionplan::Error::new(std::path::Path::new("-"), k))?;
    Ok(Some(std::sync::Arc::new(bytes)))
}

/// Print one error line for a file that could not be read.
fn report(e: &actionplan::Error) {
    eprintln!("{}", error_line(e));
}

/// The one line that reports a file that could not be read, with a hint
/// where one helps.
fn error_line(e: &actionplan::Error) -> String {
    e.line()
}

/// Library options from the global flags (the profile is read here), and
/// the fingerprint of the options that change output (for resumes).
fn options(args: &LimitArgs, limits: Limits) -> Result<(actionplan::Options, String), Failure> {
    let mut vocabulary = actionplan::layout::Vocabulary::builtin();
    let mut profile_bytes = None;
    if let Some(path) = &args.profile {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::Usage(format!("{}: cannot read profile: {e}", path.display())))?;
        let profile = actionplan::layout::Vocabulary::parse(&text)
            .map_err(|e| Failure::Usage(format!("{}: {e}", path.display())))?;
        vocabulary.extend(profile);
        profile_bytes = Some(text.into_bytes());
    }
    let fingerprint = actionplan::batch::resume::fingerprint(profile_bytes.as_deref());
    Ok((
        actionplan::Options {
            limits,
            vocabulary,
            check: Default::default(),
        },
        fingerprint,
    ))
}

/// Why a command failed.
enum Failure {
    /// A bad option value (named in the message).
    Usage(String),
    /// An input could not be read.
    Read(actionplan::Error),
    /// Output could not be written.
    Output(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Output(e)
    }
}

impl From<actionplan::Error> for Failure {
    fn from(e: actionplan::Error) -> Self {
        Failure::Read(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
