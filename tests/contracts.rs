//! Output contracts: resumes that key on path, content and options; `-` as
//! standard input and output; NDJSON and CSV that carry every gap of the
//! plan; every JSON output valid against its schema; spreadsheet gaps that
//! cite the cell they are about; the README's own examples.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::util::{actionplan, read_json, repo, root, stderr, stdout};

/// A fresh folder under the system's temp dir.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("actionplan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Run the binary in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the actionplan binary runs")
}

/// Every schema file, as `actionplan schema NAME` names it.
const SCHEMAS: [&str; 7] = [
    "plan",
    "check",
    "summary",
    "action-line",
    "tables",
    "layout",
    "gaps",
];

/// A validator for one of the schemas in `schemas/`, the others registered
/// so that `plan.schema.json#/$defs/gap` resolves.
fn validator(name: &str) -> jsonschema::Validator {
    let mut registry = jsonschema::Registry::new();
    for other in SCHEMAS {
        let v = read_json(&repo(&format!("schemas/{other}.schema.json")));
        let id = v["$id"]
            .as_str()
            .expect("every schema has an $id")
            .to_string();
        registry = registry.add(id, v).expect("the schema registers");
    }
    let registry = registry.prepare().expect("the registry resolves");
    let schema = read_json(&repo(&format!("schemas/{name}.schema.json")));
    jsonschema::options()
        .with_registry(&registry)
        .build(&schema)
        .expect("the schema compiles")
}

fn assert_valid_against(v: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .take(5)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}:\n{}", errors.join("\n"));
}

fn summary_entries(dir: &Path) -> Vec<Value> {
    read_json(&dir.join("col/summary.json"))["inputs"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn a_resume_keys_on_the_inputs_path_content_and_options_and_keeps_the_counts() {
    let dir = scratch("resume");
    for (sub, src) in [
        ("a", "fixtures/plans/banes-rag.docx"),
        ("b", "fixtures/plans/plymouth-milestones.docx"),
    ] {
        std::fs::create_dir_all(dir.join(sub)).expect("mkdir");
        std::fs::copy(repo(src), dir.join(sub).join("plan.docx")).expect("copy");
    }
    let first = run_in(
        &dir,
        &["convert", "a/plan.docx", "b/plan.docx", "-o", "col", "-q"],
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let b_out = read_json(&dir.join("col/plan.docx-2.json"));
    assert_eq!(b_out["source"]["file"], "b/plan.docx");
    let b_actions = b_out["actions"].as_array().map(Vec::len);
    assert_eq!(b_actions, Some(34));

    // b alone: skipped, pointed at its own output, with its counts.
    let again = run_in(&dir, &["convert", "b/plan.docx", "-o", "col", "-q"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let entries = summary_entries(&dir);
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["status"], "skipped");
    assert_eq!(entries[0]["output"], "col/plan.docx-2.json");
    assert_eq!(entries[0]["actions"], 34);
    assert_eq!(
        entries[0]["gaps"],
        b_out["gaps"].as_array().map_or(Value::Null, |g| {
            let n = |s: &str| g.iter().filter(|x| x["severity"] == s).count();
            serde_json::json!({"error": n("error"), "warning": n("warning"), "info": n("info")})
        })
    );
    let summary = read_json(&dir.join("col/summary.json"));
    assert_eq!(summary["complete"], true);
    assert_eq!(summary["actions"], 34);
    // a's output is still recorded as a's.
    assert_eq!(summary["earlier"][0]["input"], "a/plan.docx");
    assert_valid_against(&validator("summary"), &summary, "summary.json");

    // Another profile changes the output: converted again, into the same
    // file. (Saved by Notepad: a byte-order mark, and a field name in
    // another case.)
    std::fs::write(
        dir.join("my.profile"),
        "\u{feff}Lead: accountable manager\n",
    )
    .expect("profile");
    let profiled = run_in(
        &dir,
        &[
            "--profile",
            "my.profile",
            "convert",
            "b/plan.docx",
            "-o",
            "col",
            "-q",
        ],
    );
    assert_eq!(profiled.status.code(), Some(0), "{}", stderr(&profiled));
    let entries = summary_entries(&dir);
    assert_eq!(entries[0]["status"], "converted");
    assert_eq!(entries[0]["output"], "col/plan.docx-2.json");
    // a is untouched by all of it.
    assert_eq!(
        read_json(&dir.join("col/plan.docx.json"))["source"]["file"],
        "a/plan.docx"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_walk_lists_unsupported_files_and_counts_system_files_in_the_summary() {
    let dir = scratch("walk");
    let plans = dir.join("plans");
    std::fs::create_dir_all(plans.join("__MACOSX")).expect("mkdir");
    std::fs::copy(
        repo("fixtures/plans/banes-rag.docx"),
        plans.join("plan.docx"),
    )
    .expect("copy");
    for junk in [
        ".DS_Store",
        "Thumbs.db",
        "~$plan.docx",
        "._plan.docx",
        "__MACOSX/x.docx",
    ] {
        std::fs::write(plans.join(junk), b"junk").expect("junk");
    }
    std::fs::write(plans.join("OLD.RTF"), b"old").expect("rtf");
    std::fs::write(plans.join("book.xlsb"), b"xlsb").expect("xlsb");
    let out = run_in(&dir, &["convert", "plans", "-o", "col"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("plans/OLD.RTF: not read: .rtf is not read"),
        "{err}"
    );
    let s = read_json(&dir.join("col/summary.json"));
    assert_eq!(
        (s["converted"].clone(), s["unsupported"].clone()),
        (1.into(), 2.into())
    );
    assert_eq!(s["ignored"], 5);
    let unsupported: Vec<&str> = s["inputs"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|e| e["status"] == "unsupported")
        .filter_map(|e| e["input"].as_str())
        .collect();
    assert_eq!(unsupported, ["plans/OLD.RTF", "plans/book.xlsb"]);
    assert!(
        err.contains("2 not read (unsupported), 5 ignored (system or hidden)"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_dash_reads_the_plan_from_standard_input_and_writes_to_standard_output() {
    let bytes = std::fs::read(repo("fixtures/plans/nottingham-cab.docx")).expect("fixture");
    let mut child = Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(["convert", "-", "-o", "-"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    if let Some(mut stdin) = child.stdin.take() {
        use std::io::Write;
        stdin.write_all(&bytes).expect("write stdin");
    }
    let out = child.wait_with_output().expect("wait");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let from_stdin: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(from_stdin["source"]["file"], "-");
    assert_eq!(from_stdin["source"]["format"], "docx");
    let from_file = crate::plans::convert("fixtures/plans/nottingham-cab.docx", &[]);
    assert_eq!(from_stdin["actions"], from_file["actions"]);
    assert_eq!(from_stdin["gaps"], from_file["gaps"]);
    assert!(!root().join("-").exists(), "`-o -` made a folder named -");
}

#[test]
fn ndjson_and_csv_carry_every_gap_of_the_plans_and_ndjson_lines_match_their_schema() {
    let plans = [
        "fixtures/plans/banes-rag.docx",
        "fixtures/plans/leicestershire-draft.docx",
        "fixtures/plans/northamptonshire-lscbn.docx",
        "fixtures/plans/nottingham-cab.docx",
        "fixtures/plans/plymouth-milestones.docx",
        "fixtures/sheets/plymouth-milestones.xlsx",
    ];
    let mut want = 0;
    for p in plans {
        want += crate::plans::convert(p, &[])["gaps"]
            .as_array()
            .map_or(0, Vec::len);
    }
    let mut args = vec!["convert", "--format", "ndjson"];
    args.extend(plans);
    let nd = actionplan(&args);
    assert_eq!(nd.status.code(), Some(0), "{}", stderr(&nd));
    let line_schema = validator("action-line");
    let mut got = 0;
    let mut priority_lines = 0;
    for line in stdout(&nd).lines() {
        let v: Value = serde_json::from_str(line).expect("each line is JSON");
        assert_valid_against(&line_schema, &v, "an NDJSON line");
        got += v["gaps"].as_array().map_or(0, Vec::len);
        priority_lines += usize::from(v["record"] == "priority");
    }
    assert_eq!(got, want, "NDJSON gaps against the plans' gaps");
    // Leicestershire's empty sections ("Neglect") are priority lines.
    assert!(priority_lines >= 3, "{priority_lines}");

    let mut args = vec!["convert", "--format", "csv"];
    args.extend(plans);
    let csv_out = actionplan(&args);
    assert_eq!(csv_out.status.code(), Some(0), "{}", stderr(&csv_out));
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let headers = reader.headers().expect("header").clone();
    let gaps_col = headers
        .iter()
        .position(|h| h == "gaps")
        .expect("gaps column");
    assert_eq!(headers.get(0), Some("record"));
    let total: usize = reader
        .records()
        .map(|r| {
            r.expect("record")
                .get(gaps_col)
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum();
    assert_eq!(total, want, "CSV gap counts against the plans' gaps");
}

#[test]
fn several_plans_on_standard_output_are_one_json_array() {
    let out = actionplan(&[
        "convert",
        "fixtures/plans/banes-rag.docx",
        "fixtures/plans/nottingham-cab.docx",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let files: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["source"]["file"].as_str())
        .collect();
    assert_eq!(
        files,
        [
            "fixtures/plans/banes-rag.docx",
            "fixtures/plans/nottingham-cab.docx"
        ]
    );
}

#[test]
fn check_tables_and_layout_json_match_their_schemas() {
    let out = actionplan(&[
        "check",
        "--format",
        "json",
        "--fail-on",
        "never",
        "fixtures/plans/leicestershire-draft.docx",
        "fixtures/sheets/plymouth-milestones.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(v.as_array().is_some_and(|a| a.len() > 40), "{v}");
    assert_eq!(v[0]["file"], "fixtures/plans/leicestershire-draft.docx");
    assert_valid_against(&validator("check"), &v, "check --format json");
    // A gap with a key the schema does not know fails it.
    let mut bad = v.clone();
    bad[0]["extra"] = Value::Bool(true);
    assert!(!validator("check").is_valid(&bad));

    let tables = actionplan(&[
        "tables",
        "fixtures/plans/banes-rag.docx",
        "fixtures/sheets/tracker-features.xlsx",
    ]);
    assert_eq!(tables.status.code(), Some(0), "{}", stderr(&tables));
    let v: Value = serde_json::from_slice(&tables.stdout).expect("JSON");
    assert_valid_against(&validator("tables"), &v, "tables");
    let one = actionplan(&["tables", "fixtures/pdf/plymouth-milestones.pdf"]);
    let v: Value = serde_json::from_slice(&one.stdout).expect("JSON");
    assert_valid_against(&validator("tables"), &v, "tables of a PDF");

    for files in [
        &["fixtures/plans/leicestershire-draft.docx"][..],
        &[
            "fixtures/plans/banes-rag.docx",
            "fixtures/sheets/plymouth-milestones.xlsx",
            "fixtures/pdf/plymouth-milestones.pdf",
        ][..],
    ] {
        let mut args = vec!["layout", "--format", "json"];
        args.extend_from_slice(files);
        let out = actionplan(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_valid_against(&validator("layout"), &v, "layout --format json");
    }
}

#[test]
fn the_schema_command_prints_each_schema_file_and_the_gap_codes_are_the_rules() {
    for (which, file) in [
        ("plan", "plan"),
        ("check", "check"),
        ("summary", "summary"),
        ("action-line", "action-line"),
        ("tables", "tables"),
    ] {
        let out = actionplan(&["schema", which]);
        let printed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(
            printed,
            read_json(&repo(&format!("schemas/{file}.schema.json")))
        );
    }
    let listed = actionplan(&["gaps", "--format", "json"]);
    let codes: Vec<(String, String)> = serde_json::from_slice::<Value>(&listed.stdout)
        .expect("JSON")
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| {
            (
                g["code"].as_str().unwrap_or_default().to_string(),
                g["severity"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(codes.len(), 13);
    assert_eq!(codes[0], ("lead-missing".to_string(), "error".to_string()));
    let schema = read_json(&repo("schemas/plan.schema.json"));
    let in_schema: Vec<&str> = schema["$defs"]["gapFields"]["properties"]["code"]["enum"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    let in_rules: Vec<&str> = codes.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(in_schema, in_rules);
    let explained = actionplan(&["gaps", "--explain", "due-placeholder"]);
    assert_eq!(
        stdout(&explained).lines().next(),
        Some("due-placeholder (error)")
    );
}

#[test]
fn every_property_of_every_schema_is_described() {
    fn walk(node: &Value, path: &str, missing: &mut Vec<String>) {
        match node {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    for (k, v) in props {
                        if v.get("description").is_none() {
                            missing.push(format!("{path}/{k}"));
                        }
                    }
                }
                for (k, v) in m {
                    walk(v, &format!("{path}/{k}"), missing);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| walk(v, path, missing)),
            _ => {}
        }
    }
    for name in SCHEMAS {
        let mut missing = Vec::new();
        walk(
            &read_json(&repo(&format!("schemas/{name}.schema.json"))),
            name,
            &mut missing,
        );
        assert!(missing.is_empty(), "no description: {missing:?}");
    }
}

#[test]
fn spreadsheet_gaps_cite_the_cell_of_their_field_in_their_own_row() {
    let plan = crate::plans::convert("fixtures/sheets/plymouth-milestones.xlsx", &[]);
    let actions = plan["actions"].as_array().cloned().unwrap_or_default();
    let cells: Vec<&str> = actions
        .iter()
        .filter_map(|a| a["source"]["cell"].as_str())
        .collect();
    let mut unique = cells.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        cells.len(),
        "two actions cite one cell: {cells:?}"
    );
    // Checked against the workbook (openpyxl): 3.12's row is 10, its due
    // column D is empty; 4.11 is row 11, its benefits column H empty.
    let gap = |id: &str, code: &str| -> Option<String> {
        let i = actions.iter().position(|a| a["id"] == id)?;
        plan["gaps"]
            .as_array()?
            .iter()
            .find(|g| g["action"] == i && g["code"] == code)
            .and_then(|g| g["source"]["cell"].as_str().map(str::to_string))
    };
    assert_eq!(gap("3.12", "due-missing").as_deref(), Some("D10"));
    assert_eq!(gap("4.11", "measure-missing").as_deref(), Some("H11"));
    let i = actions.iter().position(|a| a["id"] == "4.11");
    assert_eq!(
        i.and_then(|i| actions[i]["source"]["cell"].as_str()),
        Some("A11")
    );
    let i = actions.iter().position(|a| a["id"] == "4.14");
    assert_eq!(
        i.and_then(|i| actions[i]["source"]["cell"].as_str()),
        Some("A14"),
        "a row under a merged cell cites its own row"
    );
}

/// Every command in a fenced `sh` block of the README that starts with
/// `actionplan` runs against the fixtures (in a scratch copy of the paths it
/// names), and exits 0, or 1 for a `check` that finds gaps.
#[test]
fn the_readmes_examples_run() {
    let readme = std::fs::read_to_string(repo("README.md")).expect("README");
    let mut in_block = false;
    let mut commands = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block && (line == "```sh" || line == "```bash" || line == "```console");
            continue;
        }
        let line = line.trim_start_matches("$ ").trim();
        if in_block && line.starts_with("actionplan ") {
            // A trailing comment explains the command; it is not run.
            let cmd = line.split("  #").next().unwrap_or(line).trim();
            commands.push(cmd.to_string());
        }
    }
    assert!(commands.len() >= 8, "{commands:?}");
    let dir = scratch("readme");
    for sub in ["fixtures", "schemas"] {
        copy_dir(&repo(sub), &dir.join(sub));
    }
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_actionplan"));
    let bin_dir = bin.parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for cmd in &commands {
        let out = Command::new("sh")
            .arg("-c")
            .arg(cmd)
            .current_dir(&dir)
            .env("PATH", &path)
            .stdin(Stdio::null())
            .output()
            .expect("sh runs");
        let code = out.status.code();
        let ok = code == Some(0) || (code == Some(1) && cmd.starts_with("actionplan check"));
        assert!(
            ok,
            "README command `{cmd}` exited {code:?}: {}",
            stderr(&out)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

#[test]
fn an_interrupted_run_lists_what_it_did_and_what_it_did_not_start() {
    let dir = scratch("interrupt");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).expect("mkdir");
    let src = repo("fixtures/plans/nottingham-cab.docx");
    let n = 1500;
    for i in 0..n {
        let to = plans.join(format!("plan-{i:04}.docx"));
        if std::fs::hard_link(&src, &to).is_err() {
            std::fs::copy(&src, &to).expect("copy");
        }
    }
    let child = Command::new(env!("CARGO_BIN_EXE_actionplan"))
        .args(["convert", "plans", "-o", "col", "--jobs", "1", "-q"])
        .current_dir(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    // The summary is written as the run goes: wait for the first one.
    let summary = dir.join("col/summary.json");
    let started = std::time::Instant::now();
    while !summary.exists() && started.elapsed() < std::time::Duration::from_secs(120) {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let partial = read_json(&summary);
    assert_eq!(partial["complete"], false);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let out = child.wait_with_output().expect("wait");
    let s = read_json(&summary);
    if out.status.code() == Some(0) {
        // The machine finished every file before the signal arrived.
        assert_eq!(s["converted"], n);
        return;
    }
    assert_eq!(out.status.code(), Some(130), "{}", stderr(&out));
    assert_eq!(s["complete"], false);
    let converted = s["converted"].as_u64().unwrap_or(0);
    let interrupted = s["interrupted"].as_u64().unwrap_or(0);
    assert!(
        converted > 0 && interrupted > 0,
        "{converted} {interrupted}"
    );
    assert_eq!(converted + interrupted, n as u64);
    assert_valid_against(&validator("summary"), &s, "an interrupted summary");
    // Resumed: what was converted is skipped, the rest converted.
    let again = run_in(&dir, &["convert", "plans", "-o", "col", "-q"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    let s = read_json(&summary);
    assert_eq!(s["skipped"].as_u64(), Some(converted));
    assert_eq!(s["converted"].as_u64(), Some(interrupted));
    assert_eq!(s["complete"], true);
    let _ = std::fs::remove_dir_all(&dir);
}
