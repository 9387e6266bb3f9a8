//! Helpers shared by the integration tests.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where the fixtures live).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the repository root.
pub fn repo(rel: &str) -> PathBuf {
    root().join(rel)
}

/// Run the built `actionplan` binary from the repository root.
pub fn actionplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("the actionplan binary runs")
}

/// Stdout as UTF-8.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

/// Stderr as UTF-8.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("stderr is UTF-8")
}

/// Read a JSON file.
pub fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("bad JSON in {}: {e}", path.display()))
}

/// Describe the first difference between two tables outputs.
pub fn first_difference(got: &Value, want: &Value) -> Option<String> {
    let (g, w) = (&got["tables"], &want["tables"]);
    let (Some(g), Some(w)) = (g.as_array(), w.as_array()) else {
        return Some("no `tables` array".into());
    };
    if g.len() != w.len() {
        return Some(format!("{} tables, expected {}", g.len(), w.len()));
    }
    for (gt, wt) in g.iter().zip(w) {
        let Some(keys) = wt.as_object() else { continue };
        for key in keys.keys() {
            if gt[key] != wt[key] {
                if key == "rows" {
                    for (r, (gr, wr)) in gt[key]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .zip(wt[key].as_array().into_iter().flatten())
                        .enumerate()
                    {
                        if gr != wr {
                            return Some(format!(
                                "table {} row {r}:\n  got      {gr}\n  expected {wr}",
                                wt["index"]
                            ));
                        }
                    }
                }
                return Some(format!(
                    "table {} `{key}`:\n  got      {}\n  expected {}",
                    wt["index"], gt[key], wt[key]
                ));
            }
        }
    }
    // Keys the expected file does not have (newer output) are not compared.
    let want_keys = want.as_object()?;
    want_keys
        .iter()
        .find(|(k, v)| *k != "tables" && got.get(k.as_str()) != Some(v))
        .map(|(k, _)| format!("top-level `{k}` differs"))
}

/// The first text the reader finds in a file (a table's first cell, or a
/// paragraph: a one-cell box is text, not a table).
pub fn first_text(file: &str) -> String {
    let doc = actionplan::read_path(&repo(file), &actionplan::Limits::default()).expect("readable");
    doc.blocks
        .iter()
        .map(|b| match b {
            actionplan::model::Block::Heading { paragraph, .. } => paragraph.display_text(),
            actionplan::model::Block::Paragraph(p) => p.display_text(),
            actionplan::model::Block::Table(t) => t.text_grid()[0][0].clone(),
        })
        .find(|t| !t.is_empty())
        .unwrap_or_default()
}
