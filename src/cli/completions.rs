//! `actionplan completions SHELL` and `actionplan man`: a shell completion
//! script and the man page, generated from the command-line definition
//! (clap_complete, clap_mangen), so they never drift from `--help`.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::{Cli, Failure};

/// Arguments of `actionplan completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell: bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn completions(args: &CompletionsArgs) -> Result<ExitCode, Failure> {
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "actionplan", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub fn man() -> Result<ExitCode, Failure> {
    let cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
