//! PDF tables in the styles the reader was not tuned on (issue #20), drawn
//! by writers other than LibreOffice (fixtures/generate_unseen_pdfs.py;
//! rules in docs/pdf-unseen.md):
//!
//! - reportlab booktabs (horizontal rules only, each cut per column, short
//!   underlines under the group headings, prose beside the table);
//! - reportlab bodies ruled on one axis (rows ruled per column with column
//!   rules only in the header; column rules cut per row with no row rules);
//! - pdfLaTeX booktabs (`\cmidrule` under groups of figure sub-columns);
//! - reportlab Courier text table (a line of hyphens under the header, dot
//!   leaders after the labels, right-aligned numbers);
//! - reportlab grid of shaded cells with white gaps;
//! - reportlab bar chart (axes, gridlines, stroked bars with their values):
//!   no table at all;
//! - reportlab table set in two blocks side by side in one ruled grid, the
//!   header repeated over each: two tables;
//! - a plain-text table typed in an editor and printed by GNU enscript and
//!   ghostscript's ps2pdf (Courier, columns one or two characters apart,
//!   `=` lines above and below the body).
//!
//! `actionplan tables` must give each page's expected grid
//! (fixtures/pdf/unseen/NAME.grid.json, written from the rendered page):
//! the same tables, pages, row and column counts, every non-empty expected
//! cell's text (whitespace folded), and an expected empty cell either empty
//! or holding the text of the cell left of it (the reader repeats a
//! spanning cell's text in every slot it covers).

use serde_json::Value;

use crate::util::{actionplan, read_json, repo, stderr, stdout};

const FIXTURES: &[&str] = &[
    "booktabs-reportlab",
    "cut-rows-reportlab",
    "booktabs-latex",
    "courier-reportlab",
    "shaded-grid-reportlab",
    "bar-chart-reportlab",
    "side-by-side-reportlab",
    "enscript-ghostscript",
];

fn fold(v: &Value) -> String {
    v.as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn tables(name: &str) -> Vec<Value> {
    let pdf = format!("fixtures/pdf/unseen/{name}.pdf");
    let out = actionplan(&["tables", &pdf]);
    assert_eq!(out.status.code(), Some(0), "{pdf}: {}", stderr(&out));
    let got: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
    got["tables"].as_array().expect("tables").clone()
}

#[test]
fn every_unseen_writer_fixture_gives_its_expected_grid() {
    for name in FIXTURES {
        let want = read_json(&repo(&format!("fixtures/pdf/unseen/{name}.grid.json")));
        let want = want["tables"].as_array().expect("expected tables");
        let got = tables(name);
        assert_eq!(got.len(), want.len(), "{name}: table count");
        for (t, (g, w)) in got.iter().zip(want).enumerate() {
            assert_eq!(g["page"], w["page"], "{name} table {t}: page");
            let (g_rows, w_rows) = (
                g["rows"].as_array().expect("rows"),
                w["rows"].as_array().expect("rows"),
            );
            assert_eq!(g_rows.len(), w_rows.len(), "{name} table {t}: rows");
            for (r, (gr, wr)) in g_rows.iter().zip(w_rows).enumerate() {
                let (gr, wr) = (gr.as_array().expect("row"), wr.as_array().expect("row"));
                assert_eq!(gr.len(), wr.len(), "{name} table {t} row {r}: columns");
                for (c, (gc, wc)) in gr.iter().zip(wr).enumerate() {
                    let (gc, wc) = (fold(gc), fold(wc));
                    if wc.is_empty() {
                        let left = if c > 0 {
                            fold(&gr[c - 1])
                        } else {
                            String::new()
                        };
                        assert!(
                            gc.is_empty() || gc == left,
                            "{name} table {t} ({r}, {c}): {gc:?} where the page has nothing"
                        );
                    } else {
                        assert_eq!(gc, wc, "{name} table {t} ({r}, {c})");
                    }
                }
            }
        }
    }
}

#[test]
fn the_prose_beside_a_booktabs_table_stays_out_of_it() {
    let got = tables("booktabs-reportlab");
    let text = got[0]["rows"].to_string();
    assert!(!text.contains("samples were reported"), "{text}");
    assert!(!text.contains("Source: national reports"), "{text}");
}

#[test]
fn a_courier_tables_leaders_and_hyphen_lines_are_not_cells() {
    let got = tables("courier-reportlab");
    let rows = got[0]["rows"].as_array().expect("rows");
    assert_eq!(rows[0][0], "Species");
    assert_eq!(rows[3][0], "Sheep and goats");
    assert_eq!(rows[4][1], "12034");
    let text = got[0]["rows"].to_string();
    assert!(!text.contains("...") && !text.contains("---"), "{text}");
    // Leaders outside the table stay in the page's text.
    let text = page_text("fixtures/pdf/unseen/courier-reportlab.pdf");
    assert!(text.contains("Checked by ........ (initials)"), "{text}");
}

/// The text of a file's paragraphs and headings (not its tables), joined.
fn page_text(file: &str) -> String {
    let doc = actionplan::read_path(&repo(file), &actionplan::Limits::default()).expect("readable");
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            actionplan::model::Block::Paragraph(p) => Some(p.display_text()),
            actionplan::model::Block::Heading { paragraph, .. } => Some(paragraph.display_text()),
            actionplan::model::Block::Table(_) => None,
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

#[test]
fn a_bar_chart_is_no_table_and_its_labels_stay_text() {
    assert!(tables("bar-chart-reportlab").is_empty());
    let all = page_text("fixtures/pdf/unseen/bar-chart-reportlab.pdf");
    assert!(
        all.contains("Figure 1. Share of cases by age group (%)"),
        "{all}"
    );
    assert!(
        all.contains("46.3") && all.contains("25 to 59 years"),
        "{all}"
    );
}
