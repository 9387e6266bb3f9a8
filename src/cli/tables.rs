//! `actionplan tables FILE...`: print documents' tables as read.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use actionplan::{read_path, write, Limits};

use super::Failure;

/// Arguments of `actionplan tables`.
#[derive(Debug, Args)]
pub struct TablesArgs {
    /// The documents to read (.docx, .doc, .odt, .xlsx, .xls, .ods, .pdf). With one
    /// file the JSON output is one object; with several it is an array of
    /// them, in the order given, and CSV records start with the file name.
    /// A file that cannot be read gets one error line on stderr; the others
    /// are still printed, and the exit status is 2.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
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
    if let [file] = args.files.as_slice() {
        let doc = read_path(file, limits)?;
        warn(file, &doc);
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let name = file.to_string_lossy();
        match args.format {
            TablesFormat::Json => write::tables::write_json(&mut out, &name, &doc)?,
            TablesFormat::Csv => write::tables::write_csv(&mut out, None, &doc)?,
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    // Several files: each read and written in turn, so memory holds one
    // document at a time; a failure is reported and the rest go on.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut first = true;
    if let TablesFormat::Json = args.format {
        write!(out, "[")?;
    }
    for file in &args.files {
        let doc = match read_path(file, limits) {
            Ok(doc) => doc,
            Err(e) => {
                out.flush()?;
                super::report(&e);
                failed = true;
                continue;
            }
        };
        warn(file, &doc);
        let name = file.to_string_lossy();
        match args.format {
            TablesFormat::Json => {
                if !first {
                    write!(out, ",")?;
                }
                writeln!(out)?;
                write::tables::write_json(&mut out, &name, &doc)?;
            }
            TablesFormat::Csv => write::tables::write_csv(&mut out, Some(&name), &doc)?,
        }
        first = false;
    }
    if let TablesFormat::Json = args.format {
        writeln!(out, "]")?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// Print a document's warnings, one line each, naming the file.
fn warn(file: &std::path::Path, doc: &actionplan::model::Document) {
    for w in &doc.warnings {
        eprintln!(
            "actionplan: warning: {}: {}{}",
            file.display(),
            w.message,
            if w.source == Default::default() {
                String::new()
            } else {
                format!(" ({})", w.source)
            }
        );
    }
}
