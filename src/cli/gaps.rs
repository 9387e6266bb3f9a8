//! `actionplan gaps [--explain CODE] [--format text|json]`: every gap code
//! the checker reports, with its severity, when it fires and what to do.
//! The list is `actionplan::gaps::GapCode`, the one the rules use.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use serde_json::json;

use actionplan::gaps::GapCode;

use super::Failure;

/// Arguments of `actionplan gaps`.
#[derive(Debug, Args)]
pub struct GapsArgs {
    /// Explain one code: when it fires and what the plan's author does
    /// about it (`actionplan gaps --explain due-placeholder`).
    #[arg(long, value_name = "CODE", value_parser = super::check::gap_code)]
    explain: Option<GapCode>,
    /// `text` (a table for people) or `json` (an array of objects with
    /// `code`, `severity`, `meaning`, `fix`).
    #[arg(long, value_enum, default_value_t = GapsFormat::Text)]
    format: GapsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GapsFormat {
    Text,
    Json,
}

pub fn run(args: &GapsArgs) -> Result<ExitCode, Failure> {
    let codes: Vec<GapCode> = match args.explain {
        Some(c) => vec![c],
        None => GapCode::ALL.to_vec(),
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        GapsFormat::Json => {
            let list: Vec<_> = codes
                .iter()
                .map(|c| {
                    json!({
                        "code": c.as_str(),
                        "severity": c.severity().name(),
                        "meaning": c.meaning(),
                        "fix": c.fix(),
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        GapsFormat::Text if args.explain.is_some() => {
            for c in &codes {
                writeln!(out, "{} ({})", c.as_str(), c.severity().name())?;
                writeln!(out, "  when: {}", c.meaning())?;
                writeln!(out, "  fix:  {}", c.fix())?;
            }
        }
        GapsFormat::Text => {
            for c in &codes {
                writeln!(
                    out,
                    "{:<19} {:<8} {}",
                    c.as_str(),
                    c.severity().name(),
                    c.meaning()
                )?;
            }
            writeln!(
                out,
                "\n`actionplan gaps --explain CODE` says what to do about one; `check --ignore CODE` leaves it out."
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
