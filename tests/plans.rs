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

/// The canonical values of every action (what must not depend on wording).
fn canonical(plan: &Value) -> Vec<Vec<Value>> {
    values_of(
        plan,
        &[
            "id",
            "priority",
            "section",
            "objective",
            "action",
            "lead",
            "due",
            "measures",
            "progress",
            "rag",
        ],
    )
}

/// The values of `keys` of every action, in order.
pub fn values_of(plan: &Value, keys: &[&str]) -> Vec<Vec<Value>> {
    plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| keys.iter().map(|k| a[*k].clone()).collect())
        .collect()
}

#[test]
fn reworded_headers_in_another_column_order_give_the_same_actions() {
    // fixtures/generate_variants.py rewrites the Northamptonshire action
    // tables: "Ref | Key actions | Objective | Measure of success | Lead
    // officer and target date | Status".
    let original = convert("fixtures/plans/northamptonshire-lscbn.docx", &[]);
    let reworded = convert("fixtures/edge/northamptonshire-reworded.docx", &[]);
    assert_valid(&reworded, "northamptonshire-reworded");
    assert_eq!(canonical(&reworded).len(), 30);
    assert_eq!(canonical(&reworded), canonical(&original));
    assert_eq!(reworded["source"]["layout"], "lead-timescale");
    assert_eq!(
        reworded["actions"][0]["fields"]["Lead officer and target date"],
        original["actions"][0]["fields"]["Action lead & Timescales"]
    );
}

#[test]
fn a_table_that_is_not_an_action_table_is_kept_whole_and_a_profile_can_map_it() {
    // Leicestershire's guidance table "Considerations | Notes" is not a
    // plan: no actions, its text whole in `other_tables`.
    let plan = convert("fixtures/plans/leicestershire-draft.docx", &[]);
    let rows: Vec<&Value> = plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .filter(|a| a["source"]["table"] == 10)
        .collect();
    assert!(rows.is_empty());
    let other = plan["other_tables"].as_array().expect("other_tables");
    let t = other
        .iter()
        .find(|t| t["source"]["table"] == 10)
        .expect("table 11 kept");
    assert_eq!(t["kind"], "key-value");
    assert_eq!(t["rows"][0][0], "Considerations");
    assert_eq!(t["rows"][1][0], "LEARNING AND IMPROVEMENT");
    assert_eq!(t["rows"].as_array().map(Vec::len), Some(3));
    // A row whose three action paragraphs stand beside two dates stays one
    // action, and says so. The grid tables map an action column but no
    // lead or due: said once, for the first of them.
    let warnings: Vec<&str> = plan["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["message"].as_str())
        .collect();
    assert_eq!(
        warnings,
        vec![
            "table 2 row 2: the action cell lists 3 items but 2 dates stand beside them, so the \
             row is kept as one action: \"Consider establishing a mental health sub group if \
             this issu…\"",
            "table 12 is an action table with no lead or due column, so its actions are not \
             checked for an owner or a date; if one of its columns holds it, `actionplan layout` \
             shows how each was read",
        ]
    );

    // A profile naming those headers maps the table, no code change needed.
    let dir = std::env::temp_dir().join(format!("actionplan-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let profile = dir.join("profile.txt");
    std::fs::write(&profile, "objective: considerations\nmeasures: notes\n").expect("write");
    let mapped = convert(
        "fixtures/plans/leicestershire-draft.docx",
        &["--profile", profile.to_str().expect("utf-8 path")],
    );
    // Without the "not an action table" warning: the unpaired row's and
    // the one about tables with no lead or due (table 11 has none either).
    assert_eq!(mapped["warnings"].as_array().map(Vec::len), Some(3));
    assert!(mapped["other_tables"]
        .as_array()
        .expect("other_tables")
        .iter()
        .all(|t| t["source"]["table"] != 10));
    let row = mapped["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .find(|a| a["source"]["table"] == 10)
        .expect("table 10 row");
    assert_eq!(row["objective"], "LEARNING AND IMPROVEMENT");
    assert!(row["measures"]
        .as_str()
        .is_some_and(|m| m.starts_with("What should be considered")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_profile_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("actionplan-badprofile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let profile = dir.join("bad.txt");
    std::fs::write(&profile, "# mine\ncolour: red\n").expect("write");
    let p = profile.to_str().expect("utf-8 path");
    let out = actionplan(&["convert", "--profile", p, "fixtures/plans/banes-rag.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!(
            "actionplan: error: {p}: line 2: unknown field `colour`"
        )),
        "{}",
        stderr(&out)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn convert_writes_one_json_per_input_into_a_folder() {
    let dir = std::env::temp_dir().join(format!("actionplan-out-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let d = dir.to_str().expect("utf-8 path");
    let out = actionplan(&[
        "convert",
        "-o",
        d,
        "fixtures/plans/banes-rag.docx",
        "tests/hostile/empty.docx",
        "fixtures/plans/plymouth-milestones.docx",
    ]);
    // One input failed: exit 2, the others are written.
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("tests/hostile/empty.docx: the file is empty"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("out dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![
            "banes-rag.docx.json",
            "plymouth-milestones.docx.json",
            "summary.json"
        ]
    );
    let plan = read_json(&dir.join("banes-rag.docx.json"));
    assert_valid(&plan, "banes-rag.docx.json");
    // The summary lists every input: two converted, one failed with its error.
    let summary = read_json(&dir.join("summary.json"));
    assert_eq!(summary["files"], 3);
    assert_eq!(summary["converted"], 2);
    assert_eq!(summary["failed"], 1);
    assert_eq!(summary["inputs"][1]["status"], "failed");
    assert_eq!(summary["inputs"][1]["error"], "the file is empty");
    assert_eq!(
        summary["inputs"][2]["output"],
        dir.join("plymouth-milestones.docx.json")
            .to_string_lossy()
            .as_ref()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
