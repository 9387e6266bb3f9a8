//! `actionplan check` and the gaps in `convert`: the required gaps
//! for each fixture, the full reviewed list per fixture
//! (fixtures/expected/<name>.gaps.json: code, action id, field), no gap on
//! a clean plan, and the exit codes.

use serde_json::Value;

use crate::plans::{convert, PLANS};
use crate::util::{actionplan, read_json, repo, stdout};

/// (code, action id, field) of every gap, in order.
fn triples(plan: &Value) -> Vec<(String, Option<String>, Option<String>)> {
    let actions = plan["actions"].as_array().expect("actions");
    plan["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .map(|g| {
            let id = g["action"]
                .as_u64()
                .and_then(|i| actions.get(i as usize))
                .and_then(|a| a["id"].as_str())
                .map(str::to_string);
            (
                g["code"].as_str().unwrap_or("").to_string(),
                id,
                g["field"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn values_of<'a>(plan: &'a Value, code: &str) -> Vec<(Option<&'a str>, &'a str)> {
    let actions = plan["actions"].as_array().expect("actions");
    plan["gaps"]
        .as_array()
        .expect("gaps")
        .iter()
        .filter(|g| g["code"] == code)
        .map(|g| {
            let id = g["action"]
                .as_u64()
                .and_then(|i| actions.get(i as usize))
                .and_then(|a| a["id"].as_str());
            (id, g["value"].as_str().unwrap_or(""))
        })
        .collect()
}

#[test]
fn every_fixture_has_exactly_its_reviewed_gaps() {
    for name in PLANS {
        let plan = convert(&format!("fixtures/plans/{name}.docx"), &[]);
        let want = read_json(&repo(&format!("fixtures/expected/{name}.gaps.json")));
        let want: Vec<(String, Option<String>, Option<String>)> =
            serde_json::from_value(want).expect("[[code, id, field], ...]");
        let got = triples(&plan);
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "{name}: gap {i}");
        }
        assert_eq!(got.len(), want.len(), "{name}: number of gaps");
    }
}

#[test]
fn nottingham_placeholders_notes_and_blank_dates() {
    let plan = convert("fixtures/plans/nottingham-cab.docx", &[]);
    assert_eq!(
        values_of(&plan, "due-placeholder"),
        vec![(Some("1.1"), "Insert"), (Some("1.3a"), "insert")]
    );
    assert_eq!(
        values_of(&plan, "lead-placeholder"),
        vec![(Some("2c.3"), "???")]
    );
    let notes = values_of(&plan, "editor-note");
    assert!(
        notes.contains(&(Some("3.4"), "Discuss with Paul")),
        "{notes:?}"
    );
    assert!(
        notes.contains(&(
            Some("3.4"),
            "Is this best use of time? What impact do we expect this to have?"
        )),
        "{notes:?}"
    );
    assert!(notes
        .iter()
        .any(|(_, v)| v.contains("(need to set baseline")));
    // Every action whose date cell is blank.
    let blank_dates = plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["due"].is_null())
        .count();
    assert_eq!(values_of(&plan, "due-missing").len(), blank_dates);
    assert_eq!(blank_dates, 39);
}

#[test]
fn leicestershire_owners_placeholders_and_empty_sections() {
    let plan = convert("fixtures/plans/leicestershire-draft.docx", &[]);
    let placeholders: Vec<&str> = values_of(&plan, "lead-placeholder")
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    // Every "?"/"??" owner: six actions, and the LSCB Priority 3 owner.
    assert_eq!(
        placeholders,
        vec!["?", "?", "?", "?", "?", "??", "??", "??"]
    );
    let unconfirmed: Vec<&str> = values_of(&plan, "lead-unconfirmed")
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    assert!(unconfirmed.contains(&"Chair of DVSG via David Sandall?"));
    assert!(values_of(&plan, "placeholder-text")
        .iter()
        .any(|(_, v)| v.starts_with("To be populated by")));
    let empty: Vec<&str> = values_of(&plan, "empty-section")
        .into_iter()
        .map(|(_, v)| v)
        .collect();
    for topic in ["Neglect", "Thresholds", "Early Help"] {
        assert!(empty.contains(&topic), "{topic} in {empty:?}");
    }
}

#[test]
fn no_gap_fires_on_a_clean_plan_with_questions_for_objectives() {
    let plan = convert("fixtures/edge/clean-plan.docx", &[]);
    assert_eq!(plan["actions"].as_array().map(Vec::len), Some(3));
    assert_eq!(
        plan["actions"][0]["objective"],
        "Do members of the public know what abuse is?"
    );
    assert_eq!(plan["gaps"], Value::Array(vec![]));
    let out = actionplan(&["check", "fixtures/edge/clean-plan.docx"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "fixtures/edge/clean-plan.docx\n  3 actions read; 0 errors, 0 warnings, 0 info\n"
    );
}

#[test]
fn check_exit_codes_follow_fail_on() {
    let code = |args: &[&str]| actionplan(args).status.code();
    assert_eq!(code(&["check", "fixtures/", "--fail-on", "error"]), Some(1));
    assert_eq!(code(&["check", "fixtures/", "--fail-on", "never"]), Some(0));
    // B&NES has errors; with --fail-on never it passes.
    assert_eq!(code(&["check", "fixtures/plans/banes-rag.docx"]), Some(1));
    // An unreadable input is 2, whatever the gaps.
    assert_eq!(
        code(&[
            "check",
            "fixtures/edge/clean-plan.docx",
            "tests/hostile/empty.docx"
        ]),
        Some(2)
    );
}

#[test]
fn check_as_text_groups_by_priority_and_places_each_gap() {
    let out = actionplan(&["check", "fixtures/plans/nottingham-cab.docx"]);
    let text = stdout(&out);
    assert!(
        text.starts_with("fixtures/plans/nottingham-cab.docx\n  Priority 1: "),
        "{text}"
    );
    assert!(
        text.contains(
            "    error   1.1      \"Care Bill Task and Finish Group…\" due: the date \"Insert\" is a placeholder; write the date [due-placeholder] (table 2, row 4)"
        ),
        "{text}"
    );
    assert!(
        // 60: row 1.1 lists two actions beside two dates (June 2014,
        // Ongoing), so it is two actions.
        text.ends_with("  60 actions read; 42 errors, 8 warnings, 60 info\n"),
        "{text}"
    );
}

#[test]
fn check_as_json_lists_gaps_with_their_file_and_as_of_adds_progress_gaps() {
    let out = actionplan(&[
        "check",
        "--format",
        "json",
        "fixtures/plans/northamptonshire-lscbn.docx",
    ]);
    let gaps: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let first = &gaps[0];
    assert_eq!(first["file"], "fixtures/plans/northamptonshire-lscbn.docx");
    assert_eq!(first["code"], "lead-placeholder");
    let outside: Vec<&Value> = gaps
        .as_array()
        .expect("array")
        .iter()
        .filter(|g| g["code"] == "due-outside-period")
        .collect();
    assert_eq!(outside.len(), 1);
    assert_eq!(outside[0]["value"], "March 2011");

    let without = gaps.as_array().map(Vec::len).unwrap_or(0);
    let out = actionplan(&[
        "check",
        "--format",
        "json",
        "--as-of",
        "2012-06-01",
        "fixtures/plans/northamptonshire-lscbn.docx",
    ]);
    let with: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let progress = with
        .as_array()
        .expect("array")
        .iter()
        .filter(|g| g["code"] == "progress-missing")
        .count();
    assert!(progress > 0);
    assert_eq!(with.as_array().map(Vec::len), Some(without + progress));
}

/// Word's content controls left empty show a prompt ("Click or tap here to
/// enter text.", "Click or tap to enter a date.", "Choose an item."): an
/// owner or a date nobody filled in, not a name or an unreadable date
/// (eighth corpus, tune half).
#[test]
fn an_empty_content_controls_prompt_is_a_placeholder() {
    let plan = convert(
        "fixtures/normalisation/eighth/tune/content-controls.docx",
        &[],
    );
    let actions = plan["actions"].as_array().expect("actions");
    for i in [2, 5] {
        assert_eq!(actions[i]["lead"]["placeholder"], true, "action {i}");
        assert_eq!(actions[i]["lead"]["names"], serde_json::json!([]));
    }
    assert_eq!(actions[3]["due"]["kind"], "placeholder");
    assert_eq!(
        values_of(&plan, "lead-placeholder")
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        [
            "Click or tap here to enter text.",
            "Click or tap here to enter text."
        ]
    );
    assert_eq!(
        values_of(&plan, "due-placeholder")
            .iter()
            .map(|(_, v)| *v)
            .collect::<Vec<_>>(),
        ["Click or tap to enter a date."]
    );
    assert!(values_of(&plan, "due-unparsed").is_empty());
}
