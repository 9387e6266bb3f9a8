//! Legacy Word 97-2003 (.doc) files, written by LibreOffice from the Word
//! fixtures (fixtures/generate_doc.py): each gives the plan of its .docx
//! original, up to `source` places and what a .doc cannot carry; the edge
//! file gives the same document model as its .docx; damaged and encrypted
//! files give one error, never a panic.
//!
//! What differs, and why:
//! - `source.producer`: the .docx names the application that wrote it
//!   (docProps/app.xml); LibreOffice's .doc does not carry it over.
//! - leicestershire-draft and northamptonshire-lscbn put two tables back
//!   to back with nothing between them (python-docx allows it, Word does
//!   not). A .doc has no table boundary but a paragraph outside the table,
//!   so their .doc holds one table where the .docx holds two; Word and
//!   LibreOffice read it back as one table too, and so do we.

use serde_json::Value;

use actionplan::model::Format;
use actionplan::read::{read_bytes, read_path, Limits};

use crate::pdf::without_sources;
use crate::plans::{assert_valid, convert};
use crate::util::{actionplan, read_json, repo, stderr};

/// Every key of the plan but `source` is equal, and `source` says doc.
fn assert_same_plan(name: &str) {
    let word = convert(&format!("fixtures/plans/{name}.docx"), &[]);
    let doc = convert(&format!("fixtures/doc/{name}.doc"), &[]);
    assert_valid(&doc, name);
    assert_eq!(doc["source"]["format"], "doc", "{name}");
    let keys: Vec<&String> = word.as_object().expect("plan").keys().collect();
    assert_eq!(
        keys,
        doc.as_object().expect("plan").keys().collect::<Vec<_>>()
    );
    for key in keys.into_iter().filter(|k| *k != "source") {
        assert_eq!(
            without_sources(&doc[key]),
            without_sources(&word[key]),
            "{name}: `{key}`"
        );
    }
}

#[test]
fn banes_doc_gives_the_plan_of_its_word_original() {
    assert_same_plan("banes-rag");
}

#[test]
fn nottingham_doc_gives_the_plan_of_its_word_original() {
    assert_same_plan("nottingham-cab");
}

#[test]
fn plymouth_doc_gives_the_plan_of_its_word_original() {
    assert_same_plan("plymouth-milestones");
}

/// The two plans whose .docx puts tables back to back: the .doc's single
/// table changes what depends on the second table's header, the rest is
/// equal.
#[test]
fn leicestershire_doc_differs_only_where_two_tables_became_one() {
    leicestershire_with_its_tables_joined("fixtures/doc/leicestershire-draft.doc");
}

/// Leicestershire as a file that joins the .docx's two back-to-back tables
/// into one (a .doc, or LibreOffice's .odt): equal to the Word plan but for
/// actions 21-24, the last table's, read as rows of the table before it
/// (the same texts, under that table's header). Its plan, for more checks.
pub(crate) fn leicestershire_with_its_tables_joined(path: &str) -> Value {
    let word = convert("fixtures/plans/leicestershire-draft.docx", &[]);
    let other = convert(path, &[]);
    assert_valid(&other, path);
    for key in ["plan", "priorities", "gaps", "warnings", "other_tables"] {
        assert_eq!(
            without_sources(&other[key]),
            without_sources(&word[key]),
            "`{key}`"
        );
    }
    let (w, o) = (
        word["actions"].as_array().expect("actions"),
        other["actions"].as_array().expect("actions"),
    );
    assert_eq!(w.len(), o.len());
    for (i, (wa, oa)) in w.iter().zip(o).enumerate() {
        if i < 21 {
            assert_eq!(without_sources(oa), without_sources(wa), "action {i}");
        } else {
            assert_eq!(oa["action"], wa["action"], "action {i}");
            assert_eq!(oa["section"], "LSCB PRIORITIES", "action {i}");
        }
    }
    other
}

#[test]
fn northamptonshire_doc_reads_each_priority_table_with_the_action_table_before_it() {
    let word = convert("fixtures/plans/northamptonshire-lscbn.docx", &[]);
    let doc = convert("fixtures/doc/northamptonshire-lscbn.doc", &[]);
    assert_valid(&doc, "northamptonshire .doc");
    assert_eq!(
        without_sources(&doc["plan"]),
        without_sources(&word["plan"])
    );
    let tables = |path: &str| -> Vec<Value> {
        let o = actionplan(&["tables", path]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        v["tables"].as_array().expect("tables").clone()
    };
    let (w, d) = (
        tables("fixtures/plans/northamptonshire-lscbn.docx"),
        tables("fixtures/doc/northamptonshire-lscbn.doc"),
    );
    assert_eq!((w.len(), d.len()), (6, 4));
    // The first and last tables are as in the .docx; the middle two are
    // an action table with the next priority's table under it.
    assert_eq!(d[0]["rows"], w[0]["rows"]);
    assert_eq!(d[3]["rows"], w[5]["rows"]);
    for (joined, (action, priority)) in [(1, (1, 2)), (2, (3, 4))] {
        let rows = d[joined]["rows"].as_array().expect("rows");
        let n = w[action]["rows"].as_array().expect("rows").len();
        assert_eq!(rows.len(), n + 3, "table {joined}");
        // The priority table's two columns meet the action table's six
        // in a grid of seven; its text is all there, in order.
        for (got, want) in rows[n..]
            .iter()
            .zip(w[priority]["rows"].as_array().expect("rows"))
        {
            let mut texts: Vec<&Value> = Vec::new();
            for t in got.as_array().expect("row") {
                if texts.last() != Some(&t) {
                    texts.push(t);
                }
            }
            assert_eq!(
                texts,
                want.as_array().expect("row").iter().collect::<Vec<_>>()
            );
        }
    }
}

/// The document model, as JSON, without sources and with the format,
/// producer and stored page count set aside (LibreOffice's .doc carries
/// neither of the last two over; only a PDF's page count is output).
fn model(path: &str) -> Value {
    let doc = read_path(&repo(path), &Limits::default()).expect("read");
    let mut v = serde_json::to_value(&doc).expect("json");
    v["meta"]["format"] = Value::Null;
    v["meta"]["producer"] = Value::Null;
    v["meta"]["pages"] = Value::Null;
    without_sources(&v)
}

#[test]
fn the_edge_file_gives_the_document_of_its_word_original() {
    let word = model("fixtures/doc/edges.docx");
    let doc = model("fixtures/doc/edges.doc");
    assert_eq!(doc["meta"], word["meta"]);
    let (w, d) = (
        word["blocks"].as_array().expect("blocks"),
        doc["blocks"].as_array().expect("blocks"),
    );
    assert_eq!(d.len(), w.len());
    // The numbered list restarts with a startOverride on a second list
    // instance; LibreOffice writes the first item into a list of its own,
    // so its .doc numbers the items 1, 1, 2, as LibreOffice reads its .doc
    // back too (its text export prints them so). Everything else is equal.
    let label = |b: &Value| b["list"]["label"].clone();
    let labels: Vec<Value> = d[7..10].iter().map(label).collect();
    assert_eq!(labels, ["1.", "1.", "2."]);
    let labels: Vec<Value> = w[7..10].iter().map(label).collect();
    assert_eq!(labels, ["1.", "2.", "3."]);
    for (i, (wb, db)) in w.iter().zip(d).enumerate() {
        let (mut wb, mut db) = (wb.clone(), db.clone());
        if (8..10).contains(&i) {
            wb["list"]["label"] = Value::Null;
            db["list"]["label"] = Value::Null;
        }
        assert_eq!(db, wb, "block {i}");
    }
    assert_eq!(doc["warnings"], word["warnings"]);
    // What the comparison covers, said outright.
    let read = read_path(&repo("fixtures/doc/edges.doc"), &Limits::default()).expect("read");
    assert_eq!(read.meta.format, Format::Doc);
    let text = serde_json::to_string(&doc).expect("json");
    for seen in [
        "\"level\":0",
        "\"level\":2",
        "neglect toolkit",
        "\"highlight\":\"yellow\"",
        "\"bold\":true",
        "\"fill\":\"FFC000\"",
        "\"row_span\":2",
        "\"col_span\":5",
        "\"parent\":{\"table\":0,\"row\":1,\"col\":1}",
        "\"label\":\"2.\"",
        "\"kind\":\"bullet\"",
    ] {
        assert!(text.contains(seen), "{seen} in {text}");
    }
    assert!(!text.contains("HYPERLINK"), "field code kept: {text}");
}

#[test]
fn places_name_the_table_row_and_column() {
    let doc = read_path(&repo("fixtures/doc/edges.doc"), &Limits::default()).expect("read");
    let table = doc.tables()[0];
    let cell = table.cell_at(3, 2).expect("merged cell");
    assert_eq!(cell.col_span, 2);
    assert_eq!(
        (cell.source.table, cell.source.row, cell.source.col),
        (Some(0), Some(3), Some(2))
    );
    assert_eq!(cell.paragraphs[0].source, cell.source);
}

fn edges_bytes() -> Vec<u8> {
    std::fs::read(repo("fixtures/doc/edges.doc")).expect("fixture")
}

/// The FIB's place in the file: the sector starting with Word's wIdent.
fn fib_offset(bytes: &[u8]) -> usize {
    (0..bytes.len())
        .step_by(512)
        .find(|&i| bytes.get(i..i + 2) == Some(&[0xEC, 0xA5]))
        .expect("a FIB")
}

#[test]
fn an_encrypted_doc_is_said_to_be_one() {
    let mut b = edges_bytes();
    let fib = fib_offset(&b);
    b[fib + 0x0B] |= 0x01;
    let err = read_bytes(&b, &Limits::default()).expect_err("encrypted");
    assert_eq!(
        err.to_string(),
        "encrypted Word 97-2003 document: it cannot be read without its password"
    );
    assert_eq!(
        Format::detect(&edges_bytes(), &Limits::default()),
        Some(Format::Doc)
    );
}

#[test]
fn damaged_docs_give_an_error_or_a_document_never_a_panic() {
    let good = edges_bytes();
    let limits = Limits::default();
    let fib = fib_offset(&good);
    // Truncated at many lengths.
    for cut in (0..good.len()).step_by(509).chain([1, 8, 511, 512, 513]) {
        let _ = read_bytes(&good[..cut.min(good.len())], &limits);
    }
    // Bytes flipped, all over the file and densely in the FIB and the
    // table stream's structures (a simple deterministic generator).
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..400 {
        let mut b = good.clone();
        for _ in 0..1 + round % 8 {
            let at = if round % 2 == 0 {
                next() as usize % b.len()
            } else {
                fib + next() as usize % 1024
            };
            b[at] ^= 1 << (next() % 8);
        }
        if let Ok(doc) = read_bytes(&b, &limits) {
            // Whatever was read is bounded by the file.
            let text: usize = serde_json::to_string(&doc).map(|s| s.len()).unwrap_or(0);
            assert!(text < 64 * b.len(), "round {round}: {text} bytes of JSON");
        }
    }
    // Garbage after the compound file's magic number.
    let mut garbage = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    garbage.extend((0..4096).map(|i| (i * 7 % 251) as u8));
    assert!(read_bytes(&garbage, &limits).is_err());
}

#[test]
fn hostile_fib_values_are_errors() {
    let good = edges_bytes();
    let fib = fib_offset(&good);
    let limits = Limits::default();
    // fcClx and lcbClx (0x1A2, 0x1A6) pointing past the table stream, a
    // huge ccpText (0x4C), a Word 6 nFib.
    for (at, value) in [
        (0x1A2, u32::MAX),
        (0x1A6, u32::MAX),
        (0x1A2, 0x7FFF_FFF0),
        (0x4C, u32::MAX),
        (0x102, u32::MAX),
        (0x106, u32::MAX),
        (0xA2, u32::MAX),
        (0x2E2, u32::MAX),
    ] {
        let mut b = good.clone();
        b[fib + at..fib + at + 4].copy_from_slice(&value.to_le_bytes());
        let _ = read_bytes(&b, &limits);
    }
    let mut w6 = good.clone();
    w6[fib + 2..fib + 4].copy_from_slice(&0x0065u16.to_le_bytes());
    let err = read_bytes(&w6, &limits).expect_err("Word 6");
    assert!(err.to_string().contains("Word 6.0/95"), "{err}");
}

#[test]
fn a_folder_of_legacy_plans_converts_its_doc_files() {
    a_folder_converts("doc", &["banes-rag.doc", "plymouth-milestones.doc"]);
}

/// A folder holding `files` (from `fixtures/<ext>/`) converts every one
/// of them, none left unsupported.
pub(crate) fn a_folder_converts(ext: &str, files: &[&str]) {
    let dir = std::env::temp_dir().join(format!("actionplan-{ext}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("plans")).expect("mkdir");
    for name in files {
        std::fs::copy(
            repo(&format!("fixtures/{ext}/{name}")),
            dir.join("plans").join(name),
        )
        .expect("copy");
    }
    let out = dir.join("out");
    let o = actionplan(&[
        "convert",
        dir.join("plans").to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["converted"], files.len(), "{summary}");
    assert_eq!(summary["unsupported"], 0, "{summary}");
    let _ = std::fs::remove_dir_all(&dir);
}
