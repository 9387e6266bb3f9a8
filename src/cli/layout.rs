//! `actionplan layout FILE...`: how each table was recognised: its kind, its
//! header row(s), each column's field with the score and the evidence, the
//! unmapped columns; or a profile file to edit (`--emit-profile`).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use actionplan::layout::{recognise, TableKind, TableLayout, Vocabulary};
use actionplan::{read_path, Limits};

use super::Failure;

/// Arguments of `actionplan layout`.
#[derive(Debug, Args)]
pub struct LayoutArgs {
    /// The documents to explain (.docx, .doc, .odt, .xlsx, .xls, .ods, .pdf).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// `text` (one block per table) or `json` (per file an object with its
    /// tables' layouts: kind, header rows, columns with fields, score and
    /// evidence; an array of them when several files are given).
    #[arg(long, value_enum, default_value_t = LayoutFormat::Text)]
    format: LayoutFormat,
    /// Print a profile instead: one `field: header` line per mapped column
    /// and a commented line per unmapped one, ready to edit and pass back
    /// with `--profile FILE`.
    #[arg(long)]
    emit_profile: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LayoutFormat {
    Text,
    Json,
}

pub fn run(args: &LayoutArgs, limits: &Limits, vocab: &Vocabulary) -> Result<ExitCode, Failure> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = false;
    let mut json = Vec::new();
    let mut profile = Vec::new();
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
        let mut doc = doc;
        actionplan::layout::orient(&mut doc, vocab);
        let layouts = recognise(&doc, vocab);
        let name = file.to_string_lossy().into_owned();
        if args.emit_profile {
            profile_lines(&name, &layouts, &mut profile);
            continue;
        }
        match args.format {
            LayoutFormat::Json => json.push(serde_json::json!({
                "file": name,
                "tables": layouts,
            })),
            LayoutFormat::Text => text(&mut out, &name, &layouts)?,
        }
    }
    if args.emit_profile {
        writeln!(
            out,
            "# A layout profile for actionplan (pass it with --profile FILE).\n\
             # One line per field: `field: header text | another header`.\n\
             # Fields: id audience objective action milestone lead due measures\n\
             # progress rag completed resources partners. Uncomment and edit a line\n\
             # to map a column the tool left unmapped, or change a field to remap one."
        )?;
        let mut seen = Vec::new();
        for line in profile {
            if !seen.contains(&line) {
                writeln!(out, "{line}")?;
                seen.push(line);
            }
        }
    } else if let LayoutFormat::Json = args.format {
        let v = if args.files.len() == 1 && json.len() == 1 {
            json.remove(0)
        } else {
            serde_json::Value::Array(json)
        };
        serde_json::to_writer_pretty(&mut out, &v).map_err(std::io::Error::other)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// The text report of one file.
fn text(out: &mut impl Write, name: &str, layouts: &[TableLayout]) -> std::io::Result<()> {
    writeln!(out, "{name}: {} tables", layouts.len())?;
    for l in layouts {
        let rows = if l.start > 0 {
            format!(", rows {}-{}", l.start + 1, l.end)
        } else {
            String::new()
        };
        writeln!(
            out,
            "\ntable {}{rows}: {} ({})",
            l.table + 1,
            l.kind.name(),
            l.reason
        )?;
        if let Some(prev) = l.continues {
            writeln!(out, "  continues layout {} (no header row)", prev + 1)?;
        }
        if !l.header_rows.is_empty() {
            let rows: Vec<String> = l.header_rows.iter().map(|r| (r + 1).to_string()).collect();
            writeln!(out, "  header row: {}", rows.join(" + "))?;
        }
        if l.kind == TableKind::KeyValue {
            continue;
        }
        for (c, col) in l.columns.iter().enumerate() {
            let header = if col.header.is_empty() {
                "(blank)".to_string()
            } else {
                format!("{:?}", col.header)
            };
            if col.fields.is_empty() {
                writeln!(out, "  {:>2} {header} -> unmapped", c + 1)?;
            } else {
                let fields: Vec<&str> = col.fields.iter().map(|f| f.name()).collect();
                writeln!(
                    out,
                    "  {:>2} {header} -> {} ({:.2}; {})",
                    c + 1,
                    fields.join(" + "),
                    col.score,
                    col.evidence
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("; ")
                )?;
            }
        }
    }
    writeln!(out)
}

/// Profile lines for one file's layouts.
fn profile_lines(name: &str, layouts: &[TableLayout], out: &mut Vec<String>) {
    for l in layouts {
        if l.header_rows.is_empty() || l.kind == TableKind::KeyValue {
            continue;
        }
        for col in &l.columns {
            if col.header.is_empty() || col.header.contains(['|', ':', '#']) {
                continue;
            }
            match col.fields.as_slice() {
                [] => out.push(format!("# unmapped in {name}: {}", col.header)),
                [f] => out.push(format!("{}: {}", f.name(), col.header)),
                // A combined header is split by the tool itself.
                _ => {}
            }
        }
    }
}
