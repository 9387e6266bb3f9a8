//! Row-level normalisation on cells written by other hands
//! (`fixtures/normalisation/`, made by fixtures/generate_normalisation.py;
//! each `X.expected.json` written by hand from the document, not from
//! actionplan's output): lead & timescale pairing, "Completion Date" by its
//! content, ids printed inside the text, lead names joined by "and",
//! priorities from a column or from rows above the header, and audience
//! from the context. One test per shape, each over its .docx and .xlsx
//! (and the PDF printed from the .docx where there is one).

use serde_json::Value;

use crate::plans::{assert_valid, convert};
use crate::util::{read_json, repo};

/// The value of `key` in one action as the expected files give it: lead
/// as its names, due and completed as their raw text, progress as the
/// entries' text joined by "\n".
fn value_of(action: &Value, key: &str) -> Value {
    let raw = |v: &Value| -> Value {
        if v.is_null() {
            Value::Null
        } else {
            v["raw"].clone()
        }
    };
    match key {
        "lead" if action["lead"].is_null() => Value::Null,
        "lead" => action["lead"]["names"].clone(),
        "due" => raw(&action["due"]),
        "completed" => raw(&action["completed"]),
        "progress" => {
            let entries = action["progress"].as_array().cloned().unwrap_or_default();
            if entries.is_empty() {
                Value::Null
            } else {
                Value::String(
                    entries
                        .iter()
                        .filter_map(|e| e["text"].as_str())
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            }
        }
        _ => action[key].clone(),
    }
}

/// Convert `fixtures/normalisation/<file>` and compare it with
/// `<stem>.expected.json`: every key each expected action names, the
/// priorities when given, and a warning containing each expected text.
fn check(file: &str) {
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    let plan = convert(&format!("fixtures/normalisation/{file}"), &[]);
    assert_valid(&plan, file);
    let want = read_json(&repo(&format!(
        "fixtures/normalisation/{stem}.expected.json"
    )));
    let got = plan["actions"].as_array().expect("actions");
    let expected = want["actions"].as_array().expect("expected actions");
    let texts: Vec<&Value> = got.iter().map(|a| &a["action"]).collect();
    assert_eq!(got.len(), expected.len(), "{file}: actions {texts:#?}");
    for (i, (a, w)) in got.iter().zip(expected).enumerate() {
        for (key, value) in w.as_object().expect("object") {
            assert_eq!(
                &value_of(a, key),
                value,
                "{file}: action {i} ({}): {key}",
                a["action"]
            );
        }
    }
    if let Some(priorities) = want.get("priorities") {
        let got: Vec<Value> = plan["priorities"]
            .as_array()
            .expect("priorities")
            .iter()
            .map(|p| {
                serde_json::json!({
                    "id": p["id"], "title": p["title"], "outcomes": p["outcomes"]
                })
            })
            .collect();
        assert_eq!(&Value::Array(got), priorities, "{file}: priorities");
    }
    let warnings: Vec<&str> = plan["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    for w in want
        .get("warnings")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let w = w.as_str().expect("warning text");
        assert!(
            warnings.iter().any(|m| m.contains(w)),
            "{file}: no warning with {w:?} in {warnings:#?}"
        );
    }
}

#[test]
fn several_actions_in_one_cell_pair_with_the_leads_and_dates_beside_them() {
    for f in [
        "pairing-word.docx",
        "pairing-sheet.xlsx",
        "pairing-columns.docx",
        "pairing-pdf.pdf",
    ] {
        check(f);
    }
}

#[test]
fn a_completion_date_column_means_what_its_cells_say() {
    check("completion-word.docx");
    check("completion-sheet.xlsx");
}

#[test]
fn a_reference_at_the_start_of_the_text_is_the_id() {
    check("ids-word.docx");
    check("ids-sheet.xlsx");
}

#[test]
fn organisation_names_joined_by_and_stay_one_owner() {
    check("leads-word.docx");
    check("leads-sheet.xlsx");
}

#[test]
fn a_priority_column_and_rows_above_the_header_make_priorities() {
    for f in [
        "priorities-word.docx",
        "priorities-sheet.xlsx",
        "priorities-pdf.pdf",
        "priorities-outcome-word.docx",
        "priorities-outcome-sheet.xlsx",
    ] {
        check(f);
    }
}

#[test]
fn the_board_or_sheet_says_whose_action_it_is() {
    check("audience-word.docx");
    check("audience-sheet.xlsx");
}
