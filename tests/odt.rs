//! OpenDocument Text (.odt) files, written by LibreOffice from the Word
//! fixtures (fixtures/generate_odt.py): each gives the plan of its .docx
//! original, up to `source` places and what LibreOffice changed on the
//! way; the edge file gives the document model of its .docx; damaged and
//! encrypted files give one error, never a panic.
//!
//! What differs, and why:
//! - `source.producer`: the .odt names LibreOffice (meta.xml's
//!   generator), the .docx the Word that wrote it.
//! - leicestershire-draft and northamptonshire-lscbn put two tables back
//!   to back with nothing between them (python-docx allows it, Word does
//!   not). LibreOffice joins such tables when it opens the .docx, so its
//!   .odt holds one table where the .docx holds two, exactly as its .doc
//!   does (tests/doc.rs); we read the .odt's one table as LibreOffice
//!   shows it.

use serde_json::Value;

use actionplan::model::Format;
use actionplan::read::{read_bytes, read_path, Limits};

use crate::pdf::without_sources;
use crate::plans::{assert_valid, convert};
use crate::util::{actionplan, repo, stderr};

/// Every key of the plan but `source` is equal, and `source` says odt.
fn assert_same_plan(name: &str) {
    let word = convert(&format!("fixtures/plans/{name}.docx"), &[]);
    let odt = convert(&format!("fixtures/odt/{name}.odt"), &[]);
    assert_valid(&odt, name);
    assert_eq!(odt["source"]["format"], "odt", "{name}");
    assert_eq!(odt["source"]["layout"], word["source"]["layout"], "{name}");
    let keys: Vec<&String> = word.as_object().expect("plan").keys().collect();
    assert_eq!(
        keys,
        odt.as_object().expect("plan").keys().collect::<Vec<_>>()
    );
    for key in keys.into_iter().filter(|k| *k != "source") {
        assert_eq!(
            without_sources(&odt[key]),
            without_sources(&word[key]),
            "{name}: `{key}`"
        );
    }
}

#[test]
fn banes_odt_gives_the_plan_of_its_word_original() {
    assert_same_plan("banes-rag");
}

#[test]
fn nottingham_odt_gives_the_plan_of_its_word_original() {
    assert_same_plan("nottingham-cab");
}

#[test]
fn plymouth_odt_gives_the_plan_of_its_word_original() {
    assert_same_plan("plymouth-milestones");
}

/// The two plans whose .docx puts tables back to back: LibreOffice's
/// single table changes what depends on the second table's header, the
/// rest is equal, and the .odt gives what the .doc LibreOffice wrote gives.
#[test]
fn leicestershire_odt_differs_only_where_two_tables_became_one() {
    let odt =
        crate::doc::leicestershire_with_its_tables_joined("fixtures/odt/leicestershire-draft.odt");
    let doc = convert("fixtures/doc/leicestershire-draft.doc", &[]);
    assert_eq!(
        without_sources(&odt["actions"]),
        without_sources(&doc["actions"])
    );
}

#[test]
fn northamptonshire_odt_reads_its_tables_as_its_doc_does() {
    let word = convert("fixtures/plans/northamptonshire-lscbn.docx", &[]);
    let odt = convert("fixtures/odt/northamptonshire-lscbn.odt", &[]);
    let doc = convert("fixtures/doc/northamptonshire-lscbn.doc", &[]);
    assert_valid(&odt, "northamptonshire .odt");
    assert_eq!(
        without_sources(&odt["plan"]),
        without_sources(&word["plan"])
    );
    for key in [
        "plan",
        "priorities",
        "actions",
        "gaps",
        "warnings",
        "other_tables",
    ] {
        assert_eq!(
            without_sources(&odt[key]),
            without_sources(&doc[key]),
            "`{key}`"
        );
    }
    let tables = |path: &str| -> Vec<Value> {
        let o = actionplan(&["tables", path]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        v["tables"].as_array().expect("tables").clone()
    };
    let (w, o) = (
        tables("fixtures/plans/northamptonshire-lscbn.docx"),
        tables("fixtures/odt/northamptonshire-lscbn.odt"),
    );
    assert_eq!((w.len(), o.len()), (6, 4));
    assert_eq!(o[0]["rows"], w[0]["rows"]);
    assert_eq!(o[3]["rows"], w[5]["rows"]);
    for (joined, action) in [(1, 1), (2, 3)] {
        let rows = o[joined]["rows"].as_array().expect("rows");
        let n = w[action]["rows"].as_array().expect("rows").len();
        assert_eq!(rows.len(), n + 3, "table {joined}");
    }
}

/// The document model, as JSON, without sources and with the format,
/// producer and stored page count set aside.
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
    let odt = model("fixtures/odt/edges.odt");
    assert_eq!(odt["meta"], word["meta"]);
    let (w, o) = (
        word["blocks"].as_array().expect("blocks"),
        odt["blocks"].as_array().expect("blocks"),
    );
    assert_eq!(o.len(), w.len());
    // Heading style names differ in case only (see
    // without_heading_style_case); everything else is equal.
    for (i, (wb, ob)) in w.iter().zip(o).enumerate() {
        let (mut wb, mut ob) = (wb.clone(), ob.clone());
        without_heading_style_case(&mut wb);
        without_heading_style_case(&mut ob);
        assert_eq!(ob, wb, "block {i}");
    }
    assert_eq!(odt["warnings"], word["warnings"]);
    // What the comparison covers, said outright.
    let read = read_path(&repo("fixtures/odt/edges.odt"), &Limits::default()).expect("read");
    assert_eq!(read.meta.format, Format::Odt);
    assert_eq!(
        read.meta.title.as_deref(),
        Some("Edge cases for the .doc reader")
    );
    let text = serde_json::to_string(&odt).expect("json");
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
        "\"label\":\"3.\"",
        "\"kind\":\"bullet\"",
        "\"header_rows\":1",
    ] {
        assert!(text.contains(seen), "{seen} in {text}");
    }
}

/// Word's built-in heading styles are named "heading 1" in a .docx;
/// LibreOffice writes them as its own "Heading 1". The names differ in
/// case only: set them aside after checking so.
fn without_heading_style_case(block: &mut Value) {
    if block["type"] == "heading" {
        if let Some(style) = block["paragraph"]["style"].as_str() {
            let lower = style.to_lowercase();
            if lower.starts_with("heading") {
                assert_eq!(lower, format!("heading {}", block["level"]), "{block}");
                block["paragraph"]["style"] = Value::Null;
            }
        }
    }
}

/// The Word features file (a comment, tracked insertions and deletions,
/// highlights, numbered lists, merges, line breaks, a nested table).
#[test]
fn the_word_features_file_gives_the_document_of_its_word_original() {
    let word = model("fixtures/edge/word-features.docx");
    let odt = model("fixtures/odt/word-features.odt");
    assert_eq!(odt["meta"], word["meta"]);
    assert_eq!(odt["warnings"], word["warnings"]);
    let (w, o) = (
        word["blocks"].as_array().expect("blocks"),
        odt["blocks"].as_array().expect("blocks"),
    );
    assert_eq!(o.len(), w.len());
    for (i, (wb, ob)) in w.iter().zip(o).enumerate() {
        let (mut wb, mut ob) = (wb.clone(), ob.clone());
        without_heading_style_case(&mut wb);
        without_heading_style_case(&mut ob);
        if i == 5 {
            // Where the .odt cannot hold what the .docx does:
            // - LibreOffice drops a paragraph's trailing spaces on import
            //   (the leading ones it keeps, as text:s): "  spaced out  ";
            // - it writes a block content control as a text-input field
            //   whose text ends in a carriage return (&#x0d;), which ODF
            //   reads as white space: one space more;
            // - ODF has no w:gridBefore/w:gridAfter: LibreOffice writes
            //   an empty cell where a row starts late (row 7) or ends
            //   early (row 8), where the .docx has no cell.
            let text = |b: &mut Value, row: u64, col: u64, para: usize| -> String {
                let cell = b["cells"]
                    .as_array_mut()
                    .expect("cells")
                    .iter_mut()
                    .find(|c| c["row"] == row && c["col"] == col)
                    .expect("cell");
                let span = &mut cell["paragraphs"][para]["spans"][0]["text"];
                let text = span.as_str().expect("text").to_string();
                *span = Value::Null;
                text
            };
            assert_eq!(text(&mut wb, 2, 3, 2), "  spaced out  ");
            assert_eq!(text(&mut ob, 2, 3, 2), "  spaced out");
            assert_eq!(text(&mut wb, 4, 3, 0), "Block content control paragraph");
            assert_eq!(text(&mut ob, 4, 3, 0), "Block content control paragraph ");
            let cells = ob["cells"].as_array_mut().expect("cells");
            let before = cells.len();
            cells.retain(|c| {
                let at = (c["row"].as_u64(), c["col"].as_u64());
                let filler = at == (Some(7), Some(0)) || at == (Some(8), Some(3));
                !(filler && c["paragraphs"] == serde_json::json!([{"spans": []}]))
            });
            assert_eq!(cells.len(), before - 2);
        }
        assert_eq!(ob, wb, "block {i}");
    }
    let text = serde_json::to_string(&odt).expect("json");
    for seen in [
        "{\"author\":\"Reviewer\",\"text\":\"Discuss with Paul\"}",
        "Line one\\nline two",
    ] {
        assert!(text.contains(seen), "{seen} in {text}");
    }
    assert!(!text.contains(" dropped"), "deleted text kept: {text}");
}

#[test]
fn the_edge_table_is_read_value_by_value() {
    let doc = read_path(&repo("fixtures/odt/edges.odt"), &Limits::default()).expect("read");
    let tables = doc.tables();
    assert_eq!(tables.len(), 2);
    let t = tables[0];
    assert_eq!((t.n_rows, t.n_cols, t.header_rows), (5, 5, 1));
    let grid = t.text_grid();
    assert_eq!(grid[0], ["Ref", "Action", "Lead", "Due", "RAG"]);
    assert_eq!(grid[1][0], "1.1");
    assert_eq!(grid[3][2], "Comms lead, by April 2017");
    assert_eq!(grid[4][0], "Section heading across the table");
    let tall = t.cell_at(1, 0).expect("merged cell");
    assert_eq!((tall.row, tall.row_span, tall.col_span), (1, 2, 1));
    let wide = t.cell_at(3, 2).expect("merged cell");
    assert_eq!((wide.col, wide.col_span), (2, 2));
    assert_eq!(
        (wide.source.table, wide.source.row, wide.source.col),
        (Some(0), Some(3), Some(2))
    );
    assert_eq!(wide.paragraphs[0].source, wide.source);
    let fills: Vec<Option<&str>> = (1..4)
        .map(|r| t.cell_at(r, 4).and_then(|c| c.fill.as_deref()))
        .collect();
    assert_eq!(fills, [Some("00B050"), Some("FFC000"), Some("FF0000")]);
    assert_eq!(t.cell_at(1, 3).and_then(|c| c.fill.as_deref()), None);
    // The bulleted cell: a plain paragraph, then two bullets.
    let bullets = t.cell_at(3, 1).expect("cell");
    let shown: Vec<String> = bullets
        .paragraphs
        .iter()
        .map(|p| p.display_text())
        .collect();
    assert_eq!(
        shown,
        [
            "Publish the strategy",
            "• on the website",
            "• in the newsletter"
        ]
    );
    let nested = tables[1];
    assert_eq!((nested.index, nested.n_rows, nested.n_cols), (1, 2, 2));
    assert_eq!(nested.text_grid()[1], ["Sample 20 cases", "QA team"]);
    let parent = nested.parent.as_ref().expect("parent");
    assert_eq!((parent.table, parent.row, parent.col), (0, 1, 1));
}

fn edges_bytes() -> Vec<u8> {
    std::fs::read(repo("fixtures/odt/edges.odt")).expect("fixture")
}

/// The edge file's parts, with some replaced.
fn rezip(replace: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::{Read, Write};
    let good = edges_bytes();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(&good)).expect("zip");
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        for i in 0..zin.len() {
            let mut f = zin.by_index(i).expect("entry");
            let name = f.name().to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read");
            if let Some((_, new)) = replace.iter().find(|(n, _)| *n == name) {
                data = new.to_vec();
            }
            w.start_file(name, opts).expect("start");
            w.write_all(&data).expect("write");
        }
        w.finish().expect("finish");
    }
    out.into_inner()
}

#[test]
fn an_encrypted_odt_is_said_to_be_one() {
    let manifest = br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml" manifest:size="15865"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/></manifest:encryption-data></manifest:file-entry>
</manifest:manifest>"#;
    let b = rezip(&[
        ("META-INF/manifest.xml", manifest),
        ("content.xml", b"\x8f\x01ciphertext"),
    ]);
    let err = read_bytes(&b, &Limits::default()).expect_err("encrypted");
    assert_eq!(
        err.to_string(),
        "encrypted OpenDocument text document: it cannot be read without its password"
    );
    assert_eq!(
        actionplan::model::Format::detect(&edges_bytes(), &Limits::default()),
        Some(Format::Odt)
    );
}

#[test]
fn damaged_odts_give_an_error_or_a_document_never_a_panic() {
    let good = edges_bytes();
    let limits = Limits::default();
    for cut in (0..good.len()).step_by(301).chain([1, 4, 30, 100]) {
        let _ = read_bytes(&good[..cut.min(good.len())], &limits);
    }
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..300 {
        let mut b = good.clone();
        for _ in 0..1 + round % 8 {
            let at = next() as usize % b.len();
            b[at] ^= 1 << (next() % 8);
        }
        let _ = read_bytes(&b, &limits);
    }
    // content.xml replaced: garbage, truncated, deep, a DOCTYPE.
    let content = {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&good)).expect("zip");
        let mut f = z.by_name("content.xml").expect("content");
        let mut s = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut s).expect("read");
        s
    };
    let deep = format!(
        "<office:document-content><office:body><office:text>{}",
        "<text:section>".repeat(100_000)
    );
    for bad in [
        &content[..content.len() / 2],
        b"\xff\xfe\x00garbage",
        deep.as_bytes(),
        b"<!DOCTYPE x [<!ENTITY a \"a\">]><x>&a;</x>",
    ] {
        assert!(read_bytes(&rezip(&[("content.xml", bad)]), &limits).is_err());
    }
    // A zip bomb: content.xml inflating past the part limit (64 MB of
    // spaces in a 65 KB file) ends there, quickly.
    let bomb = rezip(&[("content.xml", &vec![b' '; (64 << 20) + 1])]);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let start = std::time::Instant::now();
    let err = read_bytes(&bomb, &limits).expect_err("bomb");
    assert!(
        err.to_string().contains("content.xml inflates past"),
        "{err}"
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
    let small = Limits {
        max_part_bytes: 4096,
        ..Limits::default()
    };
    assert!(read_bytes(&good, &small).is_err());
}

#[test]
fn a_folder_of_libreoffice_plans_converts_its_odt_files() {
    crate::doc::a_folder_converts("odt", &["banes-rag.odt", "plymouth-milestones.odt"]);
}
