//! `actionplan convert`: every fixture's plan equals its hand-written
//! expected plan (fixtures/expected/<name>.plan.json, written from the
//! fixture and the seed by hand; gaps are checked in `gaps.rs`), and every
//! plan the suite produces validates against schemas/plan.schema.json.

use serde_json::Value;

use crate::util::{actionplan, read_json, repo, stderr, stdout};

/// The Word fixtures that have an expected plan.
pub const PLANS: &[&str] = &[
    "nottingham-cab",
    "leicestershire-draft",
    "plymouth-milestones",
    "northamptonshire-lscbn",
    "banes-rag",
];

/// Convert one file and return its plan JSON.
pub fn convert(path: &str, extra: &[&str]) -> Value {
    let mut args = vec!["convert", path];
    args.extend_from_slice(extra);
    let out = actionplan(&args);
    assert_eq!(out.status.code(), Some(0), "{path}: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("convert prints JSON")
}

/// Check a plan against the schema, listing every violation.
pub fn assert_valid(plan: &Value, what: &str) {
    let schema = read_json(&repo("schemas/plan.schema.json"));
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(plan)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "{what} violates the schema:\n{}",
        errors.join("\n")
    );
}

/// The first difference between two plans, as a readable message.
fn first_difference(got: &Value, want: &Value) -> Option<String> {
    for key in ["schema", "source", "plan", "priorities", "warnings"] {
        if got[key] != want[key] {
            return Some(format!(
                "`{key}`:\n  got      {}\n  expected {}",
                got[key], want[key]
            ));
        }
    }
    let (g, w) = (got["actions"].as_array()?, want["actions"].as_array()?);
    for (i, (ga, wa)) in g.iter().zip(w).enumerate() {
        if ga != wa {
            let keys = wa
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>());
            for k in keys.unwrap_or_default() {
                if ga[&k] != wa[&k] {
                    return Some(format!(
                        "action {i} (table {}, row {}) `{k}`:\n  got      {}\n  expected {}",
                        wa["source"]["table"], wa["source"]["row"], ga[&k], wa[&k]
                    ));
                }
            }
            return Some(format!("action {i}: extra keys"));
        }
    }
    if g.len() != w.len() {
        return Some(format!("{} actions, expected {}", g.len(), w.len()));
    }
    None
}

#[test]
fn every_fixture_converts_to_its_expected_plan() {
    for name in PLANS {
        let path = format!("fixtures/plans/{name}.docx");
        let mut got = convert(&path, &[]);
        assert_valid(&got, &path);
        if let Value::Object(m) = &mut got {
            m.remove("gaps");
        }
        let want = read_json(&repo(&format!("fixtures/expected/{name}.plan.json")));
        if let Some(diff) = first_difference(&got, &want) {
            panic!("{path}: {diff}");
        }
    }
}

#[test]
fn the_schema_command_prints_the_schema_file() {
    let out = actionplan(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let printed: Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(printed, read_json(&repo("schemas/plan.schema.json")));
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

#[test]
fn northamptonshire_row_1_4_becomes_four_actions_with_the_lead_carried() {
    let plan = convert("fixtures/plans/northamptonshire-lscbn.docx", &[]);
    let rows: Vec<&Value> = plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["id"] == "1.4")
        .collect();
    assert_eq!(rows.len(), 4);
    let leads: Vec<(&str, bool)> = rows
        .iter()
        .map(|a| {
            (
                a["lead"]["raw"].as_str().unwrap_or(""),
                a["lead"]["placeholder"].as_bool().unwrap_or(false),
            )
        })
        .collect();
    assert_eq!(
        leads,
        vec![
            ("Task and finish group [lead to be advised]", true),
            ("Task and finish group [lead to be advised]", true),
            ("Task and finish group [lead to be advised]", true),
            ("Teresa DeVito / Safeguarding Manager NCC", false),
        ]
    );
    let dues: Vec<(&str, &str, &str)> = rows
        .iter()
        .map(|a| {
            (
                a["due"]["kind"].as_str().unwrap_or(""),
                a["due"]["start"].as_str().unwrap_or(""),
                a["due"]["end"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        dues,
        vec![
            ("month", "2011-09-01", "2011-09-30"),
            ("month", "2011-12-01", "2011-12-31"),
            ("range", "2012-01-01", "2012-03-31"),
            ("month", "2012-02-01", "2012-02-29"),
        ]
    );
}
