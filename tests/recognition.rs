//! The recognition stage on whole plans (`fixtures/recognition/`, made by
//! fixtures/generate_recognition.py): new wordings of known headers, tables
//! that are not action tables, and action tables continued without their
//! header row.

use serde_json::Value;

use crate::plans::{assert_valid, convert, values_of};
use crate::util::{actionplan, read_json, repo, stdout};

/// What must not depend on the wording of the headers.
fn canonical(plan: &Value) -> Vec<Vec<Value>> {
    values_of(
        plan,
        &[
            "id",
            "priority",
            "section",
            "audience",
            "objective",
            "action",
            "milestone",
            "lead",
            "due",
            "measures",
            "progress",
            "rag",
            "completed",
            "resources",
            "partners",
        ],
    )
}

#[test]
fn three_other_wordings_of_every_header_give_the_same_actions() {
    let original = convert("fixtures/plans/banes-rag.docx", &[]);
    let wordings = read_json(&repo("fixtures/recognition/reworded.json"));
    let want = canonical(&original);
    assert_eq!(want.len(), 31);
    for k in 1..=3 {
        let name = format!("reworded-{k}.docx");
        let plan = convert(&format!("fixtures/recognition/{name}"), &[]);
        assert_valid(&plan, &name);
        assert_eq!(canonical(&plan), want, "{name}");
        // The source columns keep their new header text as keys.
        let map = wordings[&name].as_object().expect("mapping");
        let keys: Vec<&String> = plan["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .filter_map(|a| a["fields"].as_object())
            .flat_map(|f| f.keys())
            .collect();
        for new in map.values() {
            let key = new.as_str().expect("header");
            assert!(
                keys.iter().any(|k| k.as_str() == key),
                "{name}: no `fields` key {key:?}"
            );
        }
        assert_eq!(plan["source"]["layout"], original["source"]["layout"]);
    }
}

/// The plan's actions are the expected file's: id, action, lead and due as
/// printed.
fn same_actions(plan: &Value, want: &Value) {
    let actions = plan["actions"].as_array().expect("actions");
    let want_actions = want["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), want_actions.len());
    for (a, w) in actions.iter().zip(want_actions) {
        assert_eq!(a["id"], w["id"]);
        assert_eq!(a["action"], w["action"]);
        assert_eq!(a["lead"]["raw"], w["lead"]);
        assert_eq!(a["due"]["raw"], w["due"]);
    }
}

#[test]
fn a_cover_sheet_and_an_equality_impact_table_give_no_actions() {
    let plan = convert("fixtures/recognition/not-action-tables.docx", &[]);
    assert_valid(&plan, "not-action-tables");
    let want = read_json(&repo(
        "fixtures/recognition/not-action-tables.expected.json",
    ));
    same_actions(&plan, &want);
    let other = plan["other_tables"].as_array().expect("other_tables");
    let want_other = want["other_tables"].as_array().expect("other_tables");
    assert_eq!(other.len(), want_other.len());
    for (o, w) in other.iter().zip(want_other) {
        assert_eq!(o["rows"], w["rows"]);
    }
    assert_eq!(other[0]["kind"], "key-value");
    assert_eq!(other[1]["kind"], "other");
    assert_eq!(other[0]["source"]["table"], 0);
    // The plan title still comes from the cover sheet.
    assert_eq!(plan["plan"]["title"], "LSCB Business Plan 2016-17 progress");
    // `check` says which table was left out, and why.
    let out = actionplan(&["check", "fixtures/recognition/not-action-tables.docx"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "note: table 2 was not read as an action table (no header row matches the \
             vocabulary); its text is in `other_tables`."
        ),
        "{text}"
    );
}

#[test]
fn a_plan_continued_without_its_header_keeps_every_action() {
    let want = read_json(&repo("fixtures/recognition/continued.expected.json"));
    // (section, objective, id, first line of the action) of every action:
    // the activity's reference printed at its start ("2.1 Agree and
    // implement ...") is its id (docs/plan-rules.md).
    let triple = |a: &Value| -> (Value, Value, Value, String) {
        (
            a["section"].clone(),
            a["objective"].clone(),
            a["id"].clone(),
            a["action"]
                .as_str()
                .unwrap_or("")
                .lines()
                .next()
                .unwrap_or("")
                .to_string(),
        )
    };
    let want_actions: Vec<(Value, Value, Value, String)> = want["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(triple)
        .collect();
    assert_eq!(want_actions.len(), 34);
    // The .xlsx carries on down the sheet after two blank rows; the .docx
    // is two tables with a page break between them; the PDF is the sheet
    // printed by LibreOffice Calc over four pages with its header on the
    // first only, and at one page break the merged objective cell is cut
    // off, so that page's first row is a table of 7 columns, not 8: it is
    // matched to the plan's columns by their positions on the page, and
    // takes the objective above, as a row under a merged cell does.
    for file in [
        "continued-sheet.xlsx",
        "continued-word.docx",
        "continued-pdf.pdf",
    ] {
        let plan = convert(&format!("fixtures/recognition/{file}"), &[]);
        assert_valid(&plan, file);
        let got: Vec<(Value, Value, Value, String)> = plan["actions"]
            .as_array()
            .expect("actions")
            .iter()
            .map(triple)
            .collect();
        assert_eq!(got, want_actions, "{file}");
    }
    let out = actionplan(&["layout", "fixtures/recognition/continued-pdf.pdf"]);
    let text = stdout(&out);
    assert!(
        text.contains(
            "table 2: action (no header row; its 7 columns sit under 7 of the 8 columns of table 1)"
        ),
        "{text}"
    );
}

#[test]
fn the_layout_command_explains_each_column() {
    let out = actionplan(&["layout", "fixtures/recognition/reworded-2.docx"]);
    assert!(out.status.success());
    let text = stdout(&out);
    assert!(text.contains("table 1: action"), "{text}");
    assert!(
        text.contains("\"Responsibility\" -> lead"),
        "the lead column is explained: {text}"
    );
    let out = actionplan(&[
        "layout",
        "--format",
        "json",
        "fixtures/recognition/not-action-tables.docx",
    ]);
    assert!(out.status.success());
    let v: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let tables = v["tables"].as_array().expect("tables");
    assert_eq!(tables.len(), 4);
    assert_eq!(tables[0]["kind"], "key-value");
    assert_eq!(tables[1]["kind"], "other");
    assert_eq!(tables[3]["kind"], "action");
    assert_eq!(tables[3]["columns"][2]["fields"][0], "lead");
    assert!(tables[3]["columns"][2]["score"]
        .as_f64()
        .is_some_and(|s| s > 0.6));

    // A profile written by --emit-profile maps the same way when fed back.
    let out = actionplan(&[
        "layout",
        "--emit-profile",
        "fixtures/recognition/reworded-3.docx",
    ]);
    assert!(out.status.success());
    let profile = stdout(&out);
    assert!(profile.contains("lead: Lead Agency"), "{profile}");
}

#[test]
fn a_header_typed_over_two_rows_is_one_header_and_a_data_row_under_it_stays() {
    let want = read_json(&repo("fixtures/recognition/two-row-header.expected.json"));
    // (id, action, lead's text, due's text, due's kind)
    let row = |a: &Value| -> [Value; 5] {
        [
            a["id"].clone(),
            a["action"].clone(),
            a["lead"]["raw"].clone(),
            a["due"]["raw"].clone(),
            a["due"]["kind"].clone(),
        ]
    };
    let wanted = |key: &str| -> Vec<[Value; 5]> {
        want[key]
            .as_array()
            .expect("rows")
            .iter()
            .map(|w| {
                [
                    w["id"].clone(),
                    w["action"].clone(),
                    w["lead"].clone(),
                    w["due"].clone(),
                    w["due_kind"].clone(),
                ]
            })
            .collect()
    };
    let table_1 = wanted("table_1");
    let mut both = table_1.clone();
    both.extend(wanted("table_2"));
    for (file, expect) in [
        ("two-row-header.xlsx", &table_1),
        ("two-row-header.docx", &both),
    ] {
        let plan = convert(&format!("fixtures/recognition/{file}"), &[]);
        assert_valid(&plan, file);
        let actions = plan["actions"].as_array().expect("actions");
        let got: Vec<[Value; 5]> = actions.iter().map(row).collect();
        assert_eq!(&got, expect, "{file}");
        // The header's two lines are read as one text per column.
        let keys: Vec<&str> = actions[0]["fields"]
            .as_object()
            .expect("fields")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            want["header_keys"]
                .as_array()
                .expect("keys")
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>(),
            "{file}"
        );
    }
    let out = actionplan(&["layout", "fixtures/recognition/two-row-header.docx"]);
    let text = stdout(&out);
    assert!(
        text.contains("table 1: action (an action column and others)\n  header row: 1 + 2\n"),
        "{text}"
    );
    assert!(
        text.contains("table 2: action (an action column and others)\n  header row: 1\n"),
        "{text}"
    );
}

/// A version history ("Changes" reads as an action, "Date" as a due date),
/// a meeting calendar and a training calendar with as many columns as the
/// history (it would continue it) are the document's own records: kept
/// whole as `record`, no actions and no warning; the plan after them reads.
#[test]
fn a_documents_version_history_and_calendars_give_no_actions() {
    let plan = convert("fixtures/recognition/document-records.docx", &[]);
    assert_valid(&plan, "document-records");
    let want = read_json(&repo("fixtures/recognition/document-records.expected.json"));
    same_actions(&plan, &want);
    let other = plan["other_tables"].as_array().expect("other_tables");
    let want_other = want["other_tables"].as_array().expect("other_tables");
    assert_eq!(other.len(), want_other.len());
    for (o, w) in other.iter().zip(want_other) {
        assert_eq!(o["kind"], w["kind"]);
        assert_eq!(o["reason"], w["reason"]);
    }
    assert_eq!(plan["warnings"], serde_json::json!([]));
    assert_eq!(plan["gaps"], serde_json::json!([]));
}
