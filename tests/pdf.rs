//! PDF fixtures and hostile PDFs.
//!
//! - `actionplan tables` on each LibreOffice export of a Word fixture prints
//!   exactly the hand-written expected grid (fixtures/expected/
//!   <name>.pdf.tables.json: the Word grid, with pages; see
//!   fixtures/README.md), and on the reportlab files (an unruled table; a
//!   page turned by `/Rotate 90` with a crop box) the grid written by hand
//!   from their rendering.
//! - Every LibreOffice export of a Word fixture, untagged and tagged ("Use
//!   TaggedPDF", as Word exports by default), gives the Word tables exactly,
//!   paragraph breaks on full lines included (from the structure tree, or
//!   from the wrap space the writer left out), and converts to the Word
//!   plan apart from `source` places.
//! - The Plymouth workbook printed to PDF by LibreOffice Calc (borders,
//!   landscape, header row repeated on each page, merged cells cut by page
//!   breaks) gives the workbook's cells, cell for cell, and its plan.
//! - Hostile PDFs (tests/hostile/make_hostile_pdf.py, and a 10,000-page file
//!   written here) end within 2 s with one error line and exit 2, or, where
//!   the damage can be read past, with a warning.

use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{actionplan, first_difference, first_text, read_json, repo, stderr, stdout};

/// (fixture, expected tables JSON)
const FIXTURES: &[(&str, &str)] = &[
    (
        "fixtures/pdf/plymouth-milestones.pdf",
        "fixtures/expected/plymouth-milestones.pdf.tables.json",
    ),
    (
        "fixtures/pdf/banes-rag.pdf",
        "fixtures/expected/banes-rag.pdf.tables.json",
    ),
    (
        "fixtures/pdf/northamptonshire-lscbn.pdf",
        "fixtures/expected/northamptonshire-lscbn.pdf.tables.json",
    ),
    (
        "fixtures/pdf/unruled-reportlab.pdf",
        "fixtures/expected/unruled-reportlab.pdf.tables.json",
    ),
    (
        "fixtures/pdf/rotated-landscape.pdf",
        "fixtures/expected/rotated-landscape.pdf.tables.json",
    ),
];

/// `actionplan tables FILE`, which must succeed: its JSON.
fn tables_json(file: &str) -> Value {
    let out = actionplan(&["tables", file]);
    assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("tables prints JSON")
}

#[test]
fn tables_of_every_pdf_fixture_equal_the_expected_grids() {
    for (pdf, expected) in FIXTURES {
        let out = actionplan(&["tables", pdf]);
        assert_eq!(out.status.code(), Some(0), "{pdf}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{pdf}: no warnings");
        let got: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
        let want = read_json(&repo(expected));
        if let Some(diff) = first_difference(&got, &want) {
            panic!("{pdf}: {diff}");
        }
    }
}

/// A plan without its `source` places (which differ between formats).
pub fn without_sources(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| k.as_str() != "source")
                .map(|(k, v)| (k.clone(), without_sources(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_sources).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_plymouth_pdf_gives_the_plan_of_its_word_source() {
    let word = crate::plans::convert("fixtures/plans/plymouth-milestones.docx", &[]);
    let pdf = crate::plans::convert("fixtures/pdf/plymouth-milestones.pdf", &[]);
    crate::plans::assert_valid(&pdf, "the Plymouth PDF plan");
    assert_eq!(pdf["source"]["format"], "pdf");
    assert_eq!(pdf["source"]["pages"], 10);
    assert_eq!(pdf["source"]["producer"], "LibreOffice 7.4");
    let (w, p) = (
        word["actions"].as_array().expect("actions"),
        pdf["actions"].as_array().expect("actions"),
    );
    assert_eq!(p.len(), w.len(), "action count");
    for (i, (wa, pa)) in w.iter().zip(p).enumerate() {
        for key in ["id", "objective", "action", "milestone", "due"] {
            assert_eq!(pa[key], wa[key], "action {i} `{key}`");
        }
        assert_eq!(without_sources(pa), without_sources(wa), "action {i}");
    }
    for key in ["plan", "priorities", "warnings"] {
        assert_eq!(
            without_sources(&pdf[key]),
            without_sources(&word[key]),
            "`{key}`"
        );
    }
    // Places name the page.
    assert_eq!(p[0]["source"]["page"], 1);
}

/// A merge: (row, col, rows, cols).
type Merge = (u64, u64, u64, u64);

/// All rows of all tables of `tables` output, and the merges with rows
/// counted from the first table's first row.
fn rows_and_merges(v: &Value) -> (Vec<Value>, Vec<Merge>) {
    let (mut rows, mut merges) = (Vec::new(), Vec::new());
    for t in v["tables"].as_array().expect("tables") {
        let offset = rows.len() as u64;
        for m in t["merges"].as_array().expect("merges") {
            let n = |k: &str| m[k].as_u64().expect("a number");
            merges.push((n("row") + offset, n("col"), n("rows"), n("cols")));
        }
        rows.extend(t["rows"].as_array().expect("rows").iter().cloned());
    }
    (rows, merges)
}

#[test]
fn the_plymouth_sheet_printed_by_calc_gives_the_sheets_cells_and_plan() {
    let sheet = tables_json("fixtures/sheets/plymouth-milestones.xlsx");
    let pdf = tables_json("fixtures/pdf/plymouth-milestones-sheet.pdf");
    let (sheet_rows, sheet_merges) = rows_and_merges(&sheet);
    let (pdf_rows, pdf_merges) = rows_and_merges(&pdf);
    assert_eq!(sheet_rows.len(), 40);
    assert_eq!(pdf_rows.len(), sheet_rows.len(), "rows");
    for (i, (p, s)) in pdf_rows.iter().zip(&sheet_rows).enumerate() {
        assert_eq!(p, s, "row {i}");
    }
    assert_eq!(pdf_merges, sheet_merges);
    // The PDF splits the sheet's one table where a section repeats the
    // header row, as its Word original has three tables; the header row
    // Calc repeats at the top of pages 2 to 5 is not read as a row.
    let pages: Vec<&Value> = pdf["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| &t["page"])
        .collect();
    assert_eq!(pages, [1, 2, 4]);
    // A merged cell cut by the page break: "1. Working collaboratively..."
    // spans rows 16-18, cut by the break between pages 2 and 3 through
    // its line "commissioned services, including".
    assert!(pdf_rows[18][0]
        .as_str()
        .expect("text")
        .ends_with("within council and commissioned services, including promoting public awareness of safeguarding issues;"));

    let from_sheet = crate::plans::convert("fixtures/sheets/plymouth-milestones.xlsx", &[]);
    let from_pdf = crate::plans::convert("fixtures/pdf/plymouth-milestones-sheet.pdf", &[]);
    crate::plans::assert_valid(&from_pdf, "the Plymouth sheet PDF plan");
    assert_eq!(from_pdf["actions"].as_array().map(Vec::len), Some(34));
    for key in ["plan", "priorities", "actions", "gaps", "warnings"] {
        assert_eq!(
            without_sources(&from_pdf[key]),
            without_sources(&from_sheet[key]),
            "`{key}`"
        );
    }
}

/// The PDFs LibreOffice exported from the Word fixtures, untagged and
/// tagged, with their Word source's name.
const WORD_EXPORTS: &[(&str, &str)] = &[
    (
        "fixtures/pdf/plymouth-milestones.pdf",
        "plymouth-milestones",
    ),
    ("fixtures/pdf/banes-rag.pdf", "banes-rag"),
    ("fixtures/pdf/banes-rag-tagged.pdf", "banes-rag"),
    (
        "fixtures/pdf/northamptonshire-lscbn.pdf",
        "northamptonshire-lscbn",
    ),
    (
        "fixtures/pdf/northamptonshire-lscbn-tagged.pdf",
        "northamptonshire-lscbn",
    ),
];

#[test]
fn pdfs_exported_from_word_give_the_word_tables_with_every_paragraph_break() {
    for (pdf, name) in WORD_EXPORTS {
        let got = tables_json(pdf);
        let word = read_json(&repo(&format!("fixtures/expected/{name}.tables.json")));
        let (got_tables, word_tables) = (
            got["tables"].as_array().expect("tables"),
            word["tables"].as_array().expect("tables"),
        );
        assert_eq!(got_tables.len(), word_tables.len(), "{pdf}: tables");
        for (i, (g, w)) in got_tables.iter().zip(word_tables).enumerate() {
            for key in ["rows", "merges", "fills", "header_rows"] {
                assert_eq!(g[key], w[key], "{pdf} table {i} `{key}`");
            }
        }
    }
    // Their plans are the Word plans. Paragraph breaks where a paragraph
    // ends on a full line are read from the structure tree when the PDF is
    // tagged, and from the missing wrap space when it is not (see
    // `layout::breaks_before`): in Northamptonshire row 1.4's lead cell
    // "Jan to March 2012" ends such a line, and the row gives the Word
    // plan's four actions. B&NES's numbered items ("3. Continue ...",
    // numbered by the list, not typed) lose their label from the
    // objective, as in Word.
    for (pdf_file, name) in WORD_EXPORTS {
        let word = crate::plans::convert(&format!("fixtures/plans/{name}.docx"), &[]);
        let pdf = crate::plans::convert(pdf_file, &[]);
        crate::plans::assert_valid(&pdf, pdf_file);
        for key in ["plan", "priorities", "actions", "gaps", "warnings"] {
            assert_eq!(
                without_sources(&pdf[key]),
                without_sources(&word[key]),
                "{pdf_file} `{key}`"
            );
        }
        if *name == "northamptonshire-lscbn" {
            let row_1_4 = pdf["actions"]
                .as_array()
                .expect("actions")
                .iter()
                .filter(|a| a["id"] == "1.4")
                .count();
            assert_eq!(row_1_4, 4, "{pdf_file}");
        }
    }
}

#[test]
fn an_unruled_table_and_a_rotated_page_keep_the_text_around_them_out() {
    // The title above the unruled table is a heading, not a row.
    let plan = crate::plans::convert("fixtures/pdf/unruled-reportlab.pdf", &[]);
    assert_eq!(plan["plan"]["title"], "Business Plan 2015-18", "{plan}");
    // The line outside the rotated page's crop box is not read.
    let out = actionplan(&["tables", "fixtures/pdf/rotated-landscape.pdf"]);
    assert!(!stdout(&out).contains("Printer"), "{}", stdout(&out));
}

/// Run `tables` on a file and check it ends within 2 s.
fn timed_tables(file: &str) -> std::process::Output {
    let start = Instant::now();
    let out = actionplan(&["tables", file]);
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{file}: took {:?}",
        start.elapsed()
    );
    out
}

/// (file, the exact error line)
const ERRORS: &[(&str, &str)] = &[
    (
        "tests/hostile/encrypted-user-password.pdf",
        "actionplan: error: tests/hostile/encrypted-user-password.pdf: encrypted PDF: a password \
         is needed to open it (hint: ask the author for an unprotected copy)",
    ),
    (
        "tests/hostile/truncated.pdf",
        "actionplan: error: tests/hostile/truncated.pdf: damaged PDF: failed parsing cross \
         reference table: invalid start value (hint: the file may be truncated: download or copy \
         it again)",
    ),
];

#[test]
fn each_hostile_pdf_gives_its_one_line_error_and_exit_2() {
    for (file, expected) in ERRORS {
        let out = timed_tables(file);
        assert_eq!(out.status.code(), Some(2), "{file}: exit code");
        assert_eq!(stdout(&out), "", "{file}: nothing on stdout");
        assert_eq!(stderr(&out), format!("{expected}\n"), "{file}: stderr");
    }
}

#[test]
fn damage_that_can_be_read_past_gives_the_page_and_a_warning() {
    // The page tree lists itself among its kids and a /Contents entry is a
    // reference to itself: the loops are cut and the page is read.
    let out = timed_tables("tests/hostile/reference-cycle.pdf");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(first_text("tests/hostile/reference-cycle.pdf"), "Hello");
    assert_eq!(
        stderr(&out),
        "actionplan: warning: tests/hostile/reference-cycle.pdf: the page tree refers to object \
         2 0 twice (a loop?); it is read once\n\
         actionplan: warning: tests/hostile/reference-cycle.pdf: content stream 6 0 is a \
         reference that loops; it is not read (page 1)\n"
    );
    // Random bytes after a table: the table comes out, the rest is skipped
    // and counted.
    let out = timed_tables("tests/hostile/garbage-content.pdf");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(first_text("tests/hostile/garbage-content.pdf"), "Hello");
    let err = stderr(&out);
    assert!(
        err.starts_with("actionplan: warning: tests/hostile/garbage-content.pdf: ")
            && err.ends_with(
                " unknown operators in the content (damaged content?); they are skipped (page 1)\n"
            ),
        "{err}"
    );
    // Encrypted with an empty user password (owner restrictions only):
    // lopdf decrypts it.
    for file in [
        "tests/hostile/encrypted-owner-only.pdf",
        "tests/hostile/encrypted-owner-only-aes256.pdf",
    ] {
        let out = timed_tables(file);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        assert_eq!(first_text(file), "Hello", "{file}");
    }
    // Symbol's bullet reads as a bullet; codes with no Unicode mapping are
    // kept as U+FFFD and counted in a warning for their page.
    let out = timed_tables("tests/hostile/symbols-unmapped.pdf");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        first_text("tests/hostile/symbols-unmapped.pdf"),
        "\u{2022} Hello \u{FFFD}\u{FFFD}"
    );
    assert_eq!(
        stderr(&out),
        "actionplan: warning: tests/hostile/symbols-unmapped.pdf: 2 characters in font Mystery \
         have no Unicode mapping (shown as U+FFFD) (page 1)\n"
    );
}

/// A minimal PDF with `n` empty pages.
fn many_pages(n: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, num: usize, body: &str| {
        offsets.push((num, out.len()));
        out.extend_from_slice(format!("{num} 0 obj\n{body}\nendobj\n").as_bytes());
    };
    obj(&mut out, 1, "<< /Type /Catalog /Pages 2 0 R >>");
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", i + 3)).collect();
    obj(
        &mut out,
        2,
        &format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    );
    for i in 0..n {
        obj(
            &mut out,
            i + 3,
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
        );
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", n + 3).as_bytes());
    offsets.sort_unstable();
    for (_, off) in &offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            n + 3
        )
        .as_bytes(),
    );
    out
}

#[test]
fn a_10000_page_pdf_is_refused_by_the_page_limit() {
    let dir = std::env::temp_dir().join(format!("actionplan-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("10000-pages.pdf");
    std::fs::write(&path, many_pages(10_000)).expect("write");
    let file = path.to_str().expect("UTF-8 path");
    let out = timed_tables(file);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "actionplan: error: {file}: the PDF has 10000 pages, over the limit of 5000 (hint: \
             split the PDF, or read the plan from its Word or Excel original)\n"
        )
    );
}
