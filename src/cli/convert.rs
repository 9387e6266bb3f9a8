//! `actionplan convert FILE... [-o DIR | --stdout]`: plans as JSON.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use actionplan::{convert_path, Options};

use super::Failure;

/// Arguments of `actionplan convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Documents to convert (.docx).
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
    /// Write one `<name>.json` per input into DIR (created if missing),
    /// each written to a temporary file and renamed, so a killed run leaves
    /// no half-written JSON.
    #[arg(
        short = 'o',
        long = "out",
        value_name = "DIR",
        conflicts_with = "stdout"
    )]
    out: Option<PathBuf>,
    /// Print the plans to standard output (the default without -o), one
    /// JSON document after another.
    #[arg(long)]
    stdout: bool,
}

pub fn run(args: &ConvertArgs, opts: &Options) -> Result<ExitCode, Failure> {
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir)?;
    }
    let mut failed = 0usize;
    let stdout = std::io::stdout();
    for file in &args.files {
        let plan = match convert_path(file, opts) {
            Ok(p) => p,
            Err(e) => {
                super::report(&e);
                failed += 1;
                continue;
            }
        };
        for w in &plan.warnings {
            eprintln!("actionplan: warning: {}: {}", file.display(), w.message);
        }
        let json = serde_json::to_string_pretty(&plan).map_err(std::io::Error::other)?;
        match &args.out {
            Some(dir) => {
                let target = dir.join(output_name(file));
                write_atomically(&target, json.as_bytes())?;
            }
            None => {
                let mut out = stdout.lock();
                out.write_all(json.as_bytes())?;
                out.write_all(b"\n")?;
                out.flush()?;
            }
        }
    }
    Ok(if failed > 0 {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

/// `plan.docx` gives `plan.json`.
fn output_name(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    format!("{stem}.json")
}

/// Write to a temporary file beside the target, then rename it over.
fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = target.with_extension("json.tmp");
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.write_all(b"\n")?;
        f.sync_all()?;
    }
    std::fs::rename(&tmp, target)
}
