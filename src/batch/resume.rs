//! Resuming a `convert -o DIR` run: which output each input gets, and
//! whether the output already there is the one this run would write.
//!
//! An input is known by its *key*, its path below the folder it was found
//! in (its file name when named directly), and by its content hash; the
//! output depends on those and on the options that change output (the
//! tool's version and the profile: [`fingerprint`]). The folder's
//! `summary.json` records all three for every output, so:
//!
//! - an input whose key, hash and options match a recorded output that is
//!   still there is skipped, and keeps the counts read from that output;
//! - an input gets back the output name it had before (found by key and
//!   hash, else by its path and key), so `a/plan.docx` and `b/plan.docx`
//!   keep `plan.docx.json` and `plan.docx-2.json` across runs, whichever
//!   of them a later run names;
//! - a new input never takes a name that a recorded output of another
//!   input holds.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::write::summary::{Entry, GapCounts, Status, Summary};

/// The options that change a plan's JSON, as one comparable string:
/// `actionplan 0.1.0; profile none` or `...; profile sha256:<hex>`.
pub fn fingerprint(profile: Option<&[u8]>) -> String {
    let profile = match profile {
        Some(bytes) => format!("sha256:{}", hex(&Sha256::digest(bytes))),
        None => "none".into(),
    };
    format!(
        "actionplan {}; profile {profile}",
        env!("CARGO_PKG_VERSION")
    )
}

/// SHA-256 of bytes, as lowercase hex (the plan's `source.sha256`).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// `bytes` in lower-case hex, two digits a byte (a digit table: one
/// `write!` a byte cost about 8,000 instructions a plan).
fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(DIGITS[usize::from(b >> 4)] as char);
        s.push(DIGITS[usize::from(b & 15)] as char);
    }
    s
}

/// Each input's key: its path below the first folder named that holds
/// it, or its file name when it was named directly (`-` for standard
/// input).
pub fn keys(files: &[PathBuf], roots: &[PathBuf]) -> Vec<String> {
    files
        .iter()
        .map(|f| {
            if f.as_os_str() == "-" {
                return "-".to_string();
            }
            roots
                .iter()
                .filter(|r| r.is_dir())
                .find_map(|r| f.strip_prefix(r).ok())
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(f.file_name().unwrap_or_default()))
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// Where each input's JSON goes, and the output recorded for it before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Its key (see [`keys`]).
    pub key: String,
    /// The output file: `DIR/<key>.json`, or `-2`, `-3`... before `.json`
    /// when another input holds that name.
    pub output: PathBuf,
    /// What the folder's summary recorded for this output, if it is this
    /// input's.
    pub previous: Option<Entry>,
}

/// The outputs a folder's summary records, newest first: this run's
/// inputs, then the earlier ones it kept.
pub fn recorded(summary: Option<Summary>) -> Vec<Entry> {
    match summary {
        Some(s) => s
            .inputs
            .into_iter()
            .chain(s.earlier)
            .filter(|e| e.output.is_some() && e.key.is_some())
            .collect(),
        None => Vec::new(),
    }
}

/// The output of each input under `dir`, decided before the run: the name
/// an input had before (same key and content, else same path and key),
/// else the first free `<key>.json`, `<key>-2.json`... that neither this
/// run nor a recorded output of another input holds. `hashes[i]` is the
/// input's SHA-256 where it could be read.
pub fn targets(
    dir: &Path,
    files: &[PathBuf],
    keys: &[String],
    hashes: &[Option<String>],
    recorded: &[Entry],
) -> Vec<Target> {
    let name_of = |e: &Entry| -> Option<PathBuf> {
        let out = PathBuf::from(e.output.as_deref()?);
        out.strip_prefix(dir).ok().map(Path::to_path_buf)
    };
    let held: HashSet<PathBuf> = recorded.iter().filter_map(name_of).collect();
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut out = Vec::with_capacity(files.len());
    for ((f, key), hash) in files.iter().zip(keys).zip(hashes) {
        let input = f.display().to_string();
        let same_key = |e: &&Entry| e.key.as_deref() == Some(key.as_str());
        let mine = recorded
            .iter()
            .filter(same_key)
            .find(|e| hash.is_some() && e.sha256 == *hash)
            .or_else(|| recorded.iter().filter(same_key).find(|e| e.input == input))
            .and_then(|e| Some((name_of(e)?, e)))
            .filter(|(name, _)| !taken.contains(name));
        let (name, previous) = match mine {
            Some((name, e)) => (name, Some(e.clone())),
            None => {
                let mut n = 1;
                let mut name = PathBuf::from(format!("{key}.json"));
                while taken.contains(&name) || held.contains(&name) {
                    n += 1;
                    name = PathBuf::from(format!("{key}-{n}.json"));
                }
                (name, None)
            }
        };
        taken.insert(name.clone());
        out.push(Target {
            key: key.clone(),
            output: dir.join(name),
            previous,
        });
    }
    out
}

/// The entry of a skipped input, when its recorded output is what this
/// run would write: same key, content and options, and the output still
/// there and readable as a plan (its counts are read from it).
pub fn up_to_date(target: &Target, input: &str, sha256: &str, options: &str) -> Option<Entry> {
    let prev = target.previous.as_ref()?;
    let same = prev.sha256.as_deref() == Some(sha256)
        && prev.options.as_deref() == Some(options)
        && matches!(prev.status, Status::Converted | Status::Skipped);
    if !same {
        return None;
    }
    let bytes = std::fs::read(&target.output).ok()?;
    let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    if v.pointer("/source/sha256").and_then(|s| s.as_str()) != Some(sha256) {
        return None;
    }
    let (actions, gaps): (usize, GapCounts) = GapCounts::of_plan_json(&v)?;
    Some(Entry {
        input: input.to_string(),
        status: Status::Skipped,
        key: Some(target.key.clone()),
        sha256: Some(sha256.to_string()),
        options: Some(options.to_string()),
        output: Some(target.output.display().to_string()),
        error: None,
        actions,
        gaps,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(input: &str, key: &str, sha: &str, output: &str) -> Entry {
        Entry {
            key: Some(key.into()),
            sha256: Some(sha.into()),
            options: Some("o".into()),
            output: Some(output.into()),
            ..Entry::bare(input.into(), Status::Converted, None)
        }
    }

    #[test]
    fn two_inputs_of_one_name_keep_their_outputs_whichever_a_later_run_names() {
        let dir = Path::new("col");
        let files = [PathBuf::from("a/plan.docx"), PathBuf::from("b/plan.docx")];
        let keys = keys(&files, &[]);
        assert_eq!(keys, ["plan.docx", "plan.docx"]);
        let first = targets(
            dir,
            &files,
            &keys,
            &[Some("A".into()), Some("B".into())],
            &[],
        );
        assert_eq!(first[0].output, Path::new("col/plan.docx.json"));
        assert_eq!(first[1].output, Path::new("col/plan.docx-2.json"));
        let recorded = [
            rec("a/plan.docx", "plan.docx", "A", "col/plan.docx.json"),
            rec("b/plan.docx", "plan.docx", "B", "col/plan.docx-2.json"),
        ];
        // b alone, named another way: found by key and content.
        let again = targets(
            dir,
            &[PathBuf::from("./b/plan.docx")],
            &keys[1..],
            &[Some("B".into())],
            &recorded,
        );
        assert_eq!(again[0].output, Path::new("col/plan.docx-2.json"));
        assert_eq!(
            again[0].previous.as_ref().map(|e| e.input.as_str()),
            Some("b/plan.docx")
        );
        // b edited: found by its path.
        let edited = targets(
            dir,
            &[PathBuf::from("b/plan.docx")],
            &keys[1..],
            &[Some("B2".into())],
            &recorded,
        );
        assert_eq!(edited[0].output, Path::new("col/plan.docx-2.json"));
        // A new c/plan.docx takes neither a's nor b's name.
        let new = targets(
            dir,
            &[PathBuf::from("c/plan.docx")],
            &keys[1..],
            &[Some("C".into())],
            &recorded,
        );
        assert_eq!(new[0].output, Path::new("col/plan.docx-3.json"));
        assert_eq!(new[0].previous, None);
    }

    #[test]
    fn the_fingerprint_names_the_version_and_the_profile() {
        let none = fingerprint(None);
        assert!(none.starts_with("actionplan ") && none.ends_with("; profile none"));
        assert_ne!(
            fingerprint(Some(b"lead: boss")),
            fingerprint(Some(b"lead: chief"))
        );
        assert_eq!(sha256_hex(b"abc").len(), 64);
        // FIPS 180-2's example.
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(hex(&[0, 9, 10, 255]), "00090aff");
    }
}
