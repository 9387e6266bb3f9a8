//! `actionplan schema [plan|check|summary|action-line|tables|layout|gaps]`: print the
//! JSON Schema (2020-12) of one of the tool's JSON outputs. The schemas
//! refer to each other by their `$id`s (`plan.schema.json#/$defs/gap`), as
//! the files in `schemas/` do.

use std::io::Write;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::Failure;

/// Arguments of `actionplan schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which output: `plan` (convert's JSON), `check` (check --format
    /// json), `summary` (convert -o DIR's summary.json), `action-line`
    /// (one line of convert --format ndjson), `tables` (tables --format
    /// json), `layout` (layout --format json), `gaps` (gaps --format json).
    #[arg(value_enum, default_value_t = Which::Plan)]
    which: Which,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Which {
    Plan,
    Check,
    Summary,
    ActionLine,
    Tables,
    Layout,
    Gaps,
}

/// The schema files, compiled in.
pub const SCHEMAS: [(&str, &str); 7] = [
    ("plan", include_str!("../../schemas/plan.schema.json")),
    ("check", include_str!("../../schemas/check.schema.json")),
    ("summary", include_str!("../../schemas/summary.schema.json")),
    (
        "action-line",
        include_str!("../../schemas/action-line.schema.json"),
    ),
    ("tables", include_str!("../../schemas/tables.schema.json")),
    ("layout", include_str!("../../schemas/layout.schema.json")),
    ("gaps", include_str!("../../schemas/gaps.schema.json")),
];

pub fn run(args: &SchemaArgs) -> Result<ExitCode, Failure> {
    let i = match args.which {
        Which::Plan => 0,
        Which::Check => 1,
        Which::Summary => 2,
        Which::ActionLine => 3,
        Which::Tables => 4,
        Which::Layout => 5,
        Which::Gaps => 6,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(SCHEMAS[i].1.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
