//! Spreadsheet fixtures (.xlsx written by openpyxl; .ods and .xls by
//! LibreOffice from it): `actionplan tables` prints exactly the hand-written
//! expected grids, the Plymouth workbook converts to the same actions as the
//! Plymouth Word document, and bad workbooks give one clear error line.

use serde_json::Value;

use crate::util::{actionplan, first_difference, read_json, repo, stderr, stdout};

/// (fixture, expected tables JSON)
const FIXTURES: &[(&str, &str)] = &[
    (
        "fixtures/sheets/plymouth-milestones.xlsx",
        "fixtures/expected/plymouth-milestones.xlsx.tables.json",
    ),
    (
        "fixtures/sheets/plymouth-milestones.ods",
        "fixtures/expected/plymouth-milestones.ods.tables.json",
    ),
    (
        "fixtures/sheets/plymouth-milestones.xls",
        "fixtures/expected/plymouth-milestones.xls.tables.json",
    ),
    (
        "fixtures/sheets/tracker-features.xlsx",
        "fixtures/expected/tracker-features.tables.json",
    ),
];

fn json_of(args: &[&str]) -> Value {
    let out = actionplan(args);
    assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("JSON on stdout")
}

#[test]
fn tables_of_every_spreadsheet_fixture_equal_the_expected_grids() {
    for (file, expected) in FIXTURES {
        let got = json_of(&["tables", file]);
        let want = read_json(&repo(expected));
        if let Some(diff) = first_difference(&got, &want) {
            panic!("{file}: {diff}");
        }
        assert_eq!(got["legend"], want["legend"], "{file}: legend");
    }
}

/// The fields of each action that say what it is.
fn actions(plan: &Value) -> Vec<Value> {
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| {
            serde_json::json!([
                a["id"],
                a["priority"],
                a["section"],
                a["objective"],
                a["action"],
                a["milestone"],
                a["due"],
                a["partners"],
                a["completed"],
                a["measures"],
                a["resources"],
                a["progress"]
            ])
        })
        .collect()
}

#[test]
fn plymouth_workbooks_give_the_same_actions_as_the_word_plan() {
    let word = json_of(&[
        "convert",
        "fixtures/plans/plymouth-milestones.docx",
        "--stdout",
    ]);
    let want = actions(&word);
    assert_eq!(want.len(), 34);
    for file in [
        "fixtures/sheets/plymouth-milestones.xlsx",
        "fixtures/sheets/plymouth-milestones.ods",
    ] {
        let plan = json_of(&["convert", file, "--stdout"]);
        let got = actions(&plan);
        assert_eq!(got.len(), want.len(), "{file}: action count");
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{file}: action {i}");
        }
        assert_eq!(plan["priorities"], word["priorities"], "{file}: priorities");
        assert_eq!(plan["source"]["layout"], "milestone");
        assert_eq!(plan["source"]["sheets"], 1);
        assert_eq!(plan["plan"]["period"]["start"], "2014-04-01");
        // The spreadsheet keeps its place: sheet and cell.
        let first = &plan["actions"][0]["source"];
        assert_eq!(first["sheet"], "Improvement Plan");
        assert_eq!(first["cell"], "A6");
    }
    // A due date read from a date cell: "Jun-14" is June 2014.
    let plan = json_of(&[
        "convert",
        "fixtures/sheets/plymouth-milestones.xlsx",
        "--stdout",
    ]);
    let due = &plan["actions"][0]["due"];
    assert_eq!(due["raw"], "Jun-14");
    assert_eq!(due["kind"], "month");
    assert_eq!(due["end"], "2014-06-30");
}

#[test]
fn xls_dates_show_as_their_number_format_says() {
    let out = actionplan(&[
        "convert",
        "fixtures/sheets/plymouth-milestones.xls",
        "--stdout",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let plan: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // As the .xlsx shows it: the cell's format is "mmm-yy".
    let due = &plan["actions"][0]["due"];
    assert_eq!(due["raw"], "Jun-14");
    assert_eq!(due["kind"], "month");
    assert_eq!(due["end"], "2014-06-30");
    assert!(stderr(&out).contains("fills and hidden rows and columns are not read"));
    assert_eq!(plan["source"]["format"], "xls");
}

#[test]
fn tracker_features_convert_with_fills_legend_dates_and_hidden_parts() {
    let plan = json_of(&[
        "convert",
        "fixtures/sheets/tracker-features.xlsx",
        "--stdout",
    ]);
    assert_eq!(plan["source"]["format"], "xlsx");
    assert_eq!(plan["source"]["sheets"], 4);
    assert_eq!(
        plan["plan"]["title"],
        "Safeguarding Children Board Action Tracker 2015-16"
    );
    assert_eq!(plan["plan"]["updated"], "2016-03");
    let acts = plan["actions"].as_array().expect("actions");
    let by_id = |id: &str| {
        acts.iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("action {id}"))
    };
    // The RAG column has no text, only fills.
    assert_eq!(by_id("1")["rag"], "green");
    assert_eq!(by_id("1.1")["rag"], "amber");
    assert_eq!(by_id("1.2a")["rag"], "red");
    assert_eq!(by_id("3.1")["rag"], Value::Null);
    // Dates in several number formats, and placeholders as text.
    assert_eq!(by_id("1")["due"]["start"], "2015-06-30");
    assert_eq!(by_id("1.1")["due"]["kind"], "month");
    assert_eq!(by_id("1.2a")["due"]["raw"], "31 December 2015");
    assert_eq!(by_id("2.1")["due"]["kind"], "placeholder");
    assert_eq!(by_id("3.1")["due"]["raw"], "15/01/2016");
    // A formula shows its cached value; a hidden column is kept in fields.
    assert_eq!(by_id("1")["fields"]["Status"], "Due Jun-15");
    assert_eq!(
        by_id("1")["fields"]["Internal notes"],
        "Check venue with Youth Service"
    );
    // The hidden row (action 2.3) is kept, and the warnings say what was hidden.
    assert_eq!(by_id("2.3")["source"]["cell"], "A10");
    let warnings: Vec<&str> = plan["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    assert!(warnings
        .iter()
        .any(|w| w.contains("1 hidden row(s) and 1 hidden column(s)")));
    assert!(warnings
        .iter()
        .any(|w| w.contains("sheet \"Archive\" is hidden")));
    // The Key sheet is the legend: blue means complete.
    let blue = acts
        .iter()
        .filter(|a| a["source"]["sheet"] == "Adults" && a["rag"] == "blue")
        .count();
    assert_eq!(blue, 1);
    assert!(acts.iter().all(|a| a["source"]["sheet"] != "Key"));
}

#[test]
fn the_key_sheet_is_read_as_the_legend() {
    let v = json_of(&["tables", "fixtures/sheets/tracker-features.xlsx"]);
    let legend = v["legend"].as_array().expect("legend");
    assert_eq!(legend[0]["color"], "FF0000");
    assert_eq!(legend[0]["text"], "Off target");
    assert!(v["tables"]
        .as_array()
        .expect("tables")
        .iter()
        .all(|t| t["sheet"] != "Key"));
}

/// (file, the exact error line)
const BAD: &[(&str, &str)] = &[
    (
        "tests/hostile/encrypted.xlsx",
        "actionplan: error: tests/hostile/encrypted.xlsx: encrypted Office document (password-protected): it cannot be read without its password (hint: ask the author for an unprotected copy)",
    ),
    (
        "tests/hostile/truncated.xlsx",
        "actionplan: error: tests/hostile/truncated.xlsx: damaged zip container: invalid Zip archive: Could not find EOCD (hint: the file may be truncated: download or copy it again)",
    ),
    (
        "tests/hostile/csv-named.xlsx",
        "actionplan: error: tests/hostile/csv-named.xlsx: not a Word, Excel, OpenDocument or PDF file: the file is CSV text, not a workbook: open it in a spreadsheet and save it as .xlsx",
    ),
    (
        "tests/hostile/broken-sheet.xlsx",
        "actionplan: error: tests/hostile/broken-sheet.xlsx: malformed XML in xl/worksheets/sheet1.xml at byte 582: syntax error: tag not closed: `>` not found before end of input",
    ),
    (
        "tests/hostile/huge-range.xlsx",
        "actionplan: error: tests/hostile/huge-range.xlsx: sheet \"Plan\" spans A1:XFD1048576 (17179869184 cells), over the limit of 500000 cells",
    ),
];

#[test]
fn bad_workbooks_give_one_clear_error_line_and_exit_2() {
    for (file, expected) in BAD {
        let out = actionplan(&["tables", file]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert_eq!(stderr(&out).trim_end(), *expected, "{file}: stderr");
        assert!(stdout(&out).is_empty(), "{file}: nothing on stdout");
    }
}
