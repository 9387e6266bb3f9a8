//! `actionplan tables FILE`: print a document's tables as read.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use actionplan::{read_path, write, Limits};

use super::Failure;

/// Arguments of `actionplan tables`.
#[derive(Debug, Args)]
pub struct TablesArgs {
    /// The document to read (.docx, .xlsx, .xls, .ods, .pdf).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format: `json` (grid, merges, fills, highlights, comments) or
    /// `csv` (one record per row: table, row, cells...).
    #[arg(long, value_enum, default_value_t = TablesFormat::Json)]
    format: TablesFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum TablesFormat {
    Json,
    Csv,
}

pub fn run(args: &TablesArgs, limits: &Limits) -> Result<ExitCode, Failure> {
    let doc = read_path(&args.file, limits)?;
    for w in &doc.warnings {
        eprintln!(
            "actionplan: warning: {}: {}{}",
            args.file.display(),
            w.message,
            if w.source == Default::default() {
                String::new()
            } else {
                format!(" ({})", w.source)
            }
        );
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let name = args.file.to_string_lossy();
    match args.format {
        TablesFormat::Json => write::tables::write_json(&mut out, &name, &doc)?,
        TablesFormat::Csv => write::tables::write_csv(&mut out, &doc)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
