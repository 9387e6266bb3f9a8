//! Fixture discovery shared by the benches: every fixture file of a format
//! we read, found at run time so that new fixtures (PDFs included, once
//! `fixtures/pdf/` exists) are benchmarked without editing the benches.

// Each bench uses its own part of this module.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::Criterion;

/// One fixture file, read into memory once.
pub struct Fixture {
    /// The format, from the extension: `docx`, `xlsx`, `xls`, `ods` or `pdf`.
    pub format: &'static str,
    /// The file stem (`banes-rag`).
    pub stem: String,
    /// The file name (`banes-rag.docx`).
    pub file_name: String,
    /// The path.
    pub path: PathBuf,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// Folders searched, in order; a missing folder is skipped.
const DIRS: &[&str] = &["plans", "edge", "sheets", "pdf"];

/// Formats benchmarked, in report order.
pub const FORMATS: &[&str] = &["docx", "xlsx", "xls", "ods", "pdf"];

/// Every fixture of a known format, sorted by format then path.
pub fn fixtures() -> Vec<Fixture> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for dir in DIRS {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            let ext = ext.to_ascii_lowercase();
            let Some(format) = FORMATS.iter().find(|f| **f == ext) else {
                continue;
            };
            let bytes =
                std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
            out.push(Fixture {
                format,
                stem: stem(&path),
                file_name: path.file_name().unwrap().to_string_lossy().into_owned(),
                path,
                bytes,
            });
        }
    }
    out.sort_by_key(|f| (FORMATS.iter().position(|x| *x == f.format), f.path.clone()));
    out
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// A fixture that does not read is a bug, except a PDF: PDF reading is
/// merged separately, and until it is, PDF fixtures are skipped.
pub fn skip_or_panic(f: &Fixture, what: &str, err: &dyn std::fmt::Display) -> bool {
    if f.format == "pdf" {
        eprintln!("skipping {}: {what} failed: {err}", f.path.display());
        true
    } else {
        panic!("{}: {what} failed: {err}", f.path.display());
    }
}

/// Short runs by default: the fixtures are small and the build machine has
/// two cores. `cargo bench -- --measurement-time N` etc. still override.
pub fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}
