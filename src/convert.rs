//! The whole pipeline for one file: read, recognise, normalise, check.

use std::path::Path;

use crate::error::Error;
use crate::layout::{ColumnMap, Vocabulary};
use crate::model::Format;
use crate::normalise::normalise;
use crate::plan::{Field, Plan, PlanSource, SCHEMA};
use crate::read::{self, Limits};

/// What a conversion needs besides the file.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Input limits.
    pub limits: Limits,
    /// Header vocabulary (built-in, plus any profile).
    pub vocabulary: Vocabulary,
    /// Gap-rule options.
    pub check: crate::gaps::CheckOptions,
}

/// Read a file and turn it into a plan.
pub fn convert_path(path: &Path, opts: &Options) -> Result<Plan, Error> {
    let bytes = read::read_file(path, &opts.limits).map_err(|k| Error::new(path, k))?;
    convert_bytes(&bytes, path, opts)
}

/// Turn a file's bytes, already in memory, into a plan. `path` only names
/// the file in the plan's `source` and in errors (the fuzz targets use it).
pub fn convert_bytes(bytes: &[u8], path: &Path, opts: &Options) -> Result<Plan, Error> {
    convert_bytes_hashed(bytes, path, opts, None)
}

/// As [`convert_bytes`], given the bytes' SHA-256 (lower-case hex) where the
/// caller has it already: a batch hashes each input first to see whether
/// its output is up to date, and hashing it twice cost a tenth of a Word
/// plan's conversion under callgrind.
pub fn convert_bytes_hashed(
    bytes: &[u8],
    path: &Path,
    opts: &Options,
    sha256: Option<String>,
) -> Result<Plan, Error> {
    if bytes.len() as u64 > opts.limits.max_file_bytes {
        let size = bytes.len() as u64;
        let limit = opts.limits.max_file_bytes;
        return Err(Error::new(
            path,
            crate::ErrorKind::FileTooLarge { size, limit },
        ));
    }
    let mut doc = read::read_bytes(bytes, &opts.limits).map_err(|k| Error::new(path, k))?;
    crate::layout::orient(&mut doc, &opts.vocabulary);
    let layouts = crate::layout::recognise(&doc, &opts.vocabulary);
    let n = normalise(&doc, &layouts);
    let layout = layout_id(&n.maps);
    let mut plan = Plan {
        schema: SCHEMA,
        source: PlanSource {
            file: path.to_string_lossy().into_owned(),
            format: doc.meta.format.name().to_string(),
            sha256: sha256.unwrap_or_else(|| crate::batch::resume::sha256_hex(bytes)),
            // Word's stored page count is a stale statistic (python-docx's
            // template says 1 whatever the length): pages are for PDFs.
            pages: doc.meta.pages.filter(|_| doc.meta.format == Format::Pdf),
            sheets: doc.meta.sheets,
            layout,
            producer: doc.meta.producer.clone(),
        },
        plan: n.info,
        priorities: n.priorities,
        actions: n.actions,
        gaps: Vec::new(),
        warnings: n.warnings,
        other_tables: n.other_tables,
        context: n.context,
    };
    plan.gaps = crate::gaps::check(&plan, &opts.check);
    Ok(plan)
}

/// The known layouts (`layout/layouts.txt`): each id with its fields, read
/// once a process rather than once a plan.
static KNOWN_LAYOUTS: std::sync::LazyLock<Vec<(String, Vec<Field>)>> =
    std::sync::LazyLock::new(|| {
        include_str!("layout/layouts.txt")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .filter_map(|line| line.split_once(':'))
            .map(|(id, list)| {
                let known = list
                    .split_whitespace()
                    .filter_map(Field::from_name)
                    .collect();
                (id.trim().to_string(), known)
            })
            .collect()
    });

/// The known layout whose fields match the action tables' mapped fields.
pub fn layout_id(maps: &[ColumnMap]) -> String {
    // The most common field set among the tables.
    let mut sets: Vec<(Vec<Field>, usize)> = Vec::new();
    for m in maps.iter().filter(|m| m.mapped() > 0) {
        let mut fs: Vec<Field> = m.columns.iter().flatten().copied().collect();
        fs.sort();
        fs.dedup();
        match sets.iter_mut().find(|(s, _)| *s == fs) {
            Some((_, n)) => *n += 1,
            None => sets.push((fs, 1)),
        }
    }
    let Some((fields, _)) = sets.iter().max_by_key(|(_, n)| *n) else {
        return "generic".into();
    };
    let mut best = ("generic", 0.0f64);
    for (id, known) in KNOWN_LAYOUTS.iter() {
        let inter = known.iter().filter(|f| fields.contains(f)).count() as f64;
        let union = (known.len() + fields.len()) as f64 - inter;
        let jaccard = if union == 0.0 { 0.0 } else { inter / union };
        if jaccard > best.1 {
            best = (id, jaccard);
        }
    }
    if best.1 >= 0.85 {
        best.0.to_string()
    } else {
        "generic".into()
    }
}
