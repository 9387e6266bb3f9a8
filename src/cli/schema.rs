//! `actionplan schema`: print the JSON Schema of the plan JSON.

use std::io::Write;
use std::process::ExitCode;

use super::Failure;

/// The schema file, compiled in.
pub const PLAN_SCHEMA: &str = include_str!("../../schemas/plan.schema.json");

pub fn run() -> Result<ExitCode, Failure> {
    let mut out = std::io::stdout().lock();
    out.write_all(PLAN_SCHEMA.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
