//! Word fixtures: `actionplan tables` prints exactly the hand-written
//! expected grid (text, merges, fills, highlights, comments, header rows,
//! nested tables) for every fixture. See fixtures/README.md.

use serde_json::Value;

use crate::util::{actionplan, first_difference, read_json, repo, stderr, stdout};

/// (fixture, expected tables JSON)
const FIXTURES: &[(&str, &str)] = &[
    (
        "fixtures/plans/nottingham-cab.docx",
        "fixtures/expected/nottingham-cab.tables.json",
    ),
    (
        "fixtures/plans/leicestershire-draft.docx",
        "fixtures/expected/leicestershire-draft.tables.json",
    ),
    (
        "fixtures/plans/plymouth-milestones.docx",
        "fixtures/expected/plymouth-milestones.tables.json",
    ),
    (
        "fixtures/plans/northamptonshire-lscbn.docx",
        "fixtures/expected/northamptonshire-lscbn.tables.json",
    ),
    (
        "fixtures/plans/banes-rag.docx",
        "fixtures/expected/banes-rag.tables.json",
    ),
    (
        "fixtures/edge/word-features.docx",
        "fixtures/expected/word-features.tables.json",
    ),
];

#[test]
fn tables_of_every_word_fixture_equal_the_expected_grids() {
    for (docx, expected) in FIXTURES {
        let out = actionplan(&["tables", docx]);
        assert_eq!(out.status.code(), Some(0), "{docx}: {}", stderr(&out));
        let got: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
        let want = read_json(&repo(expected));
        if let Some(diff) = first_difference(&got, &want) {
            panic!("{docx}: {diff}");
        }
    }
}

#[test]
fn northamptonshire_row_1_4_keeps_its_bullets_and_lead_paragraphs() {
    let out = actionplan(&["tables", "fixtures/plans/northamptonshire-lscbn.docx"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let t = &v["tables"][1];
    assert_eq!(t["header_rows"], 1);
    let row = t["rows"][13].as_array().expect("row 13");
    assert_eq!(row[0], "1.4");
    assert_eq!(
        row[2],
        "• Establish task and finish group to review current information available and state of \
         knowledge about private fostering across agencies, including setting a benchmark based on \
         current levels of reporting\n• Develop communication & marketing strategy\n• Deliver \
         communication and marketing strategy\n• Report to LSCBN as required in Working Together 2010"
    );
    assert_eq!(
        row[3],
        "Task and finish group [lead to be advised] September 2011\nDecember 2011\nJan to March \
         2012\nTeresa DeVito / Safeguarding Manager NCC February 2012 (for annual report)"
    );
}

#[test]
fn nottingham_insert_is_highlighted_and_the_footer_is_not_body_text() {
    let out = actionplan(&["tables", "fixtures/plans/nottingham-cab.docx"]);
    let text = stdout(&out);
    let v: Value = serde_json::from_str(&text).expect("JSON");
    let highlights: Vec<&Value> = v["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .flat_map(|t| t["highlights"].as_array().expect("highlights").iter())
        .collect();
    let words: Vec<(&str, &str)> = highlights
        .iter()
        .map(|h| {
            (
                h["color"].as_str().unwrap_or(""),
                h["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(words, vec![("yellow", "Insert"), ("yellow", "insert")]);
    assert!(!text.contains("17th April 2014 Version 10"));
}

#[test]
fn banes_progress_cells_carry_their_rag_fills() {
    let out = actionplan(&["tables", "fixtures/plans/banes-rag.docx"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let fills = v["tables"][0]["fills"].as_array().expect("fills");
    let count = |c: &str| {
        fills
            .iter()
            .filter(|f| f["color"] == c && f["col"] == 4)
            .count()
    };
    assert_eq!(
        (count("FF0000"), count("FFC000"), count("00B050")),
        (2, 5, 7)
    );
}

#[test]
fn csv_output_has_one_record_per_row() {
    let out = actionplan(&[
        "tables",
        "--format",
        "csv",
        "fixtures/plans/northamptonshire-lscbn.docx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let first: Vec<&str> = text.lines().take(1).collect();
    assert_eq!(
        first,
        vec!["0,0,LSCBN Strategic Priority 1:,\"Improving the recognition and awareness within the general public, of child abuse and neglect so that they understand the risks to children and young people, and how they can help to minimise the impact of abuse and neglect;\""]
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let records = reader.records().count();
    let v: Value = serde_json::from_str(&stdout(&actionplan(&[
        "tables",
        "fixtures/plans/northamptonshire-lscbn.docx",
    ])))
    .expect("JSON");
    let rows: usize = v["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .map(|t| t["rows"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(records, rows);
}
