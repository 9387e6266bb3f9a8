//! Batches: folders of mixed and broken files convert in parallel, every
//! input ends as exactly one output or one recorded error, re-runs skip
//! what is up to date, and the action streams (NDJSON, CSV) carry the
//! canonical fields.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::util::{actionplan, read_json, repo, stderr, stdout};

/// A fresh temporary folder for one test.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("actionplan-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The good fixtures, all formats.
const GOOD: &[&str] = &[
    "fixtures/plans/nottingham-cab.docx",
    "fixtures/plans/leicestershire-draft.docx",
    "fixtures/plans/plymouth-milestones.docx",
    "fixtures/plans/northamptonshire-lscbn.docx",
    "fixtures/plans/banes-rag.docx",
    "fixtures/edge/word-features.docx",
    "fixtures/edge/clean-plan.docx",
    "fixtures/sheets/plymouth-milestones.xlsx",
    "fixtures/sheets/tracker-features.xlsx",
    "fixtures/sheets/plymouth-milestones.ods",
    "fixtures/sheets/plymouth-milestones.xls",
];

/// Broken files and the error each must be recorded with.
const BROKEN: &[(&str, &str)] = &[
    ("tests/hostile/empty.docx", "the file is empty"),
    (
        "tests/hostile/truncated.xlsx",
        "damaged zip container: invalid Zip archive: Could not find EOCD",
    ),
    (
        "tests/hostile/csv-named.xlsx",
        "not a Word, Excel, OpenDocument or PDF file: the file is CSV text, not a workbook: open it in a spreadsheet and save it as .xlsx",
    ),
    (
        "tests/hostile/encrypted.xlsx",
        "encrypted Office document (password-protected): it cannot be read without its password",
    ),
    (
        "tests/hostile/entity-bomb.docx",
        "malformed XML in word/document.xml at byte 742: a DOCTYPE declaration (not allowed in Office files; entity expansion refused)",
    ),
];

/// Copy `src` (relative to the repository) to `dir/sub/name`.
fn place(dir: &Path, sub: &str, name: &str, src: &str) -> PathBuf {
    let target = dir.join(sub).join(name);
    std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
    std::fs::copy(repo(src), &target).expect("copy fixture");
    target
}

#[test]
fn a_thousand_mixed_files_each_end_as_one_output_or_one_error() {
    let root = temp("scale");
    let input = root.join("in");
    let out = root.join("out");
    // 1,000 files in 10 folders: every 25th is a broken one.
    let mut expected_errors = Vec::new();
    let mut good = 0;
    for i in 0..1000 {
        let sub = format!("batch{}", i % 10);
        if i % 25 == 7 {
            let (src, error) = BROKEN[(i / 25) % BROKEN.len()];
            let ext = Path::new(src)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("docx");
            let p = place(&input, &sub, &format!("broken-{i:04}.{ext}"), src);
            expected_errors.push((p, error));
        } else {
            let src = GOOD[i % GOOD.len()];
            let ext = Path::new(src)
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("docx");
            place(&input, &sub, &format!("plan-{i:04}.{ext}"), src);
            good += 1;
        }
    }
    let o = actionplan(&[
        "convert",
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--jobs",
        "2",
    ]);
    assert_eq!(o.status.code(), Some(2), "some inputs failed: exit 2");
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["files"], 1000);
    assert_eq!(summary["converted"], good);
    assert_eq!(summary["failed"], expected_errors.len());
    assert_eq!(summary["skipped"], 0);
    let inputs = summary["inputs"].as_array().expect("inputs");
    assert_eq!(inputs.len(), 1000);
    for (path, error) in &expected_errors {
        let entry = inputs
            .iter()
            .find(|e| e["input"] == path.to_string_lossy().as_ref())
            .unwrap_or_else(|| panic!("{} is in the summary", path.display()));
        assert_eq!(entry["status"], "failed");
        assert_eq!(entry["error"], *error, "{}", path.display());
        assert!(entry.get("output").is_none());
    }
    // Every converted input has its output, and nothing else was written.
    let mut outputs = 0;
    for e in inputs.iter().filter(|e| e["status"] == "converted") {
        let output = PathBuf::from(e["output"].as_str().expect("output path"));
        assert!(output.is_file(), "{}", output.display());
        outputs += 1;
    }
    assert_eq!(outputs, good);
    let mut written = 0;
    for sub in std::fs::read_dir(&out).expect("out").flatten() {
        if sub.path().is_dir() {
            written += std::fs::read_dir(sub.path()).expect("sub").count();
        }
    }
    assert_eq!(written, good, "one JSON per good input, no temporary files");
    // One error line per broken file, and the summary line.
    let err = stderr(&o);
    assert_eq!(
        err.lines()
            .filter(|l| l.starts_with("actionplan: error:"))
            .count(),
        expected_errors.len()
    );
    assert!(err.contains(&format!(
        "actionplan: 1000 files: {good} converted, 0 skipped (up to date), {} failed, 0 not \
         read (unsupported), 0 ignored (system or hidden);",
        expected_errors.len()
    )));

    // A re-run skips everything that is up to date; --force converts again.
    let again = actionplan(&[
        "convert",
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--glob",
        "plan-00*",
        "-q",
    ]);
    assert_eq!(again.status.code(), Some(0));
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(
        summary["files"], 96,
        "--glob keeps plan-0000..plan-0099 less the broken ones"
    );
    assert_eq!(summary["skipped"], 96);
    let forced = actionplan(&[
        "convert",
        input.join("batch0").to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--glob",
        "plan-000*",
        "--force",
        "-q",
    ]);
    assert_eq!(forced.status.code(), Some(0));
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["converted"], 1);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_folder_of_every_hostile_file_and_every_good_fixture_converts_every_good_one() {
    let root = temp("hostile-mix");
    let input = root.join("in");
    let out = root.join("out");
    let mut good = Vec::new();
    for dir in [
        "fixtures/plans",
        "fixtures/edge",
        "fixtures/sheets",
        "fixtures/pdf",
    ] {
        let sub = dir.rsplit('/').next().expect("name");
        // Files only: fixtures/pdf/writers/ is a folder of its own.
        for e in std::fs::read_dir(repo(dir))
            .expect("fixtures")
            .flatten()
            .filter(|e| e.path().is_file())
        {
            let name = e.file_name().to_string_lossy().into_owned();
            good.push(place(&input, sub, &name, &format!("{dir}/{name}")));
        }
    }
    let mut hostile = Vec::new();
    for e in std::fs::read_dir(repo("tests/hostile"))
        .expect("hostile")
        .flatten()
    {
        let name = e.file_name().to_string_lossy().into_owned();
        // A folder scan takes the formats that are read; an .xlsb is
        // refused when named (tests/hostile.rs).
        if !name.ends_with(".py") && !name.ends_with(".xlsb") {
            hostile.push(place(
                &input,
                "hostile",
                &name,
                &format!("tests/hostile/{name}"),
            ));
        }
    }
    assert!(good.len() >= 15 && hostile.len() >= 30);
    let o = actionplan(&[
        "convert",
        input.to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
        "--jobs",
        "2",
        "-q",
    ]);
    assert_eq!(o.status.code(), Some(2), "some inputs failed: exit 2");
    let summary = read_json(&out.join("summary.json"));
    let inputs = summary["inputs"].as_array().expect("inputs");
    assert_eq!(
        inputs.len(),
        good.len() + hostile.len(),
        "every input listed"
    );
    let entry = |p: &Path| {
        inputs
            .iter()
            .find(|e| e["input"] == p.to_string_lossy().as_ref())
            .unwrap_or_else(|| panic!("{} is in the summary", p.display()))
    };
    for p in &good {
        let e = entry(p);
        assert_eq!(e["status"], "converted", "{}: {}", p.display(), e["error"]);
        let output = PathBuf::from(e["output"].as_str().expect("output path"));
        assert!(output.is_file(), "{}", output.display());
    }
    // The hostile files that can be read past (tests/hostile.rs, tests/pdf.rs)
    // convert; every other one fails with its one-line error.
    const READ_PAST: &[&str] = &[
        "docx-named-pdf.pdf",
        "styles-empty.docx",
        "comment-no-id.docx",
        "flate-bomb.pdf",
        "deep-arrays.pdf",
        "xref-loop.pdf",
        "reference-cycle.pdf",
        "garbage-content.pdf",
        "encrypted-owner-only.pdf",
        "encrypted-owner-only-aes256.pdf",
        "symbols-unmapped.pdf",
        "flate-random-page-2.pdf",
        "count-huge.pdf",
        "count-2147483647.pdf",
        "merged-5000x20.docx",
        "merged-10000x1.docx",
        "huge-cell.docx",
        "whole-row-merge.xlsx",
        "whole-sheet-merge.xlsx",
        "overlapping-merges.xlsx",
        "backslash-names.xlsx",
        "merge-past-last-row.xlsx",
        "utf16-customxml.xlsx",
        "workbook-capitals.xls",
        "date-1904.xls",
        "single-column.xlsx",
        "durations.xlsx",
        "durations.ods",
        "durations.xls",
    ];
    let mut failed = 0;
    for p in &hostile {
        let e = entry(p);
        let name = p.file_name().expect("name").to_string_lossy();
        if READ_PAST.contains(&name.as_ref()) {
            assert_eq!(e["status"], "converted", "{name}: {}", e["error"]);
            continue;
        }
        failed += 1;
        assert_eq!(e["status"], "failed", "{name}");
        let error = e["error"].as_str().unwrap_or("");
        assert!(
            !error.is_empty() && !error.contains("internal error"),
            "{name}: {error}"
        );
        assert!(e.get("output").is_none(), "{name}");
    }
    assert_eq!(summary["failed"], failed);
    assert_eq!(summary["converted"], good.len() + hostile.len() - failed);
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn ndjson_has_one_action_per_line_with_its_source_and_priority() {
    let o = actionplan(&[
        "convert",
        "fixtures/plans/nottingham-cab.docx",
        "fixtures/sheets/tracker-features.xlsx",
        "--format",
        "ndjson",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let cab = read_json(&repo("fixtures/expected/nottingham-cab.plan.json"));
    let n_cab = cab["actions"].as_array().expect("actions").len();
    assert!(n_cab > 10);
    assert_eq!(
        lines[0]["source"]["file"],
        "fixtures/plans/nottingham-cab.docx"
    );
    assert_eq!(lines[0]["action"]["id"], cab["actions"][0]["id"]);
    assert_eq!(lines[0]["priority"]["id"], "1");
    // The Word plan's actions, then its priority lines (gaps that point at
    // no action), then the workbook's, in input order.
    assert!(lines[..n_cab].iter().all(|l| l["record"] == "action"));
    let first_xlsx = lines
        .iter()
        .position(|l| l["source"]["format"] == "xlsx")
        .expect("the workbook's lines");
    assert!(lines[n_cab..first_xlsx]
        .iter()
        .all(|l| l["record"] == "priority" && l["action"].is_null()));
    assert_eq!(lines[first_xlsx]["action"]["id"], "1");
    assert_eq!(lines[first_xlsx]["action"]["rag"], "green");
    // A gap pointing at an action travels with it.
    assert!(lines
        .iter()
        .any(|l| l["action"]["due"]["kind"] == "placeholder"
            && l["gaps"]
                .as_array()
                .is_some_and(|g| g.iter().any(|g| g["code"] == "due-placeholder"))));
}

#[test]
fn csv_has_fixed_columns_and_a_gap_count() {
    let root = temp("csv");
    let o = actionplan(&[
        "convert",
        "fixtures/sheets/tracker-features.xlsx",
        "--format",
        "csv",
        "-o",
        root.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut r = csv::Reader::from_path(root.join("actions.csv")).expect("actions.csv");
    let headers = r.headers().expect("header").clone();
    assert_eq!(&headers[0], "record");
    assert_eq!(&headers[1], "file");
    assert_eq!(&headers[10], "id");
    assert_eq!(headers.iter().next_back(), Some("gaps"));
    let rows: Vec<csv::StringRecord> = r.records().flatten().collect();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let first = &rows[0];
    assert_eq!(&first[col("id")], "1");
    assert_eq!(&first[col("sheet")], "Children");
    assert_eq!(&first[col("cell")], "A5");
    assert_eq!(&first[col("lead")], "Participation Officer");
    assert_eq!(&first[col("due_start")], "2015-06-30");
    assert_eq!(&first[col("rag")], "green");
    let insert = rows
        .iter()
        .find(|r| &r[col("id")] == "2.1")
        .expect("action 2.1");
    assert_eq!(&insert[col("due_kind")], "placeholder");
    assert_eq!(&insert[col("gaps")], "1");
    let summary = read_json(&root.join("summary.json"));
    assert_eq!(
        summary["inputs"][0]["output"],
        root.join("actions.csv").to_string_lossy().as_ref()
    );
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_folder_walk_lists_every_file_it_does_not_read_and_counts_system_files() {
    let dir = temp("walk");
    let plan = std::fs::read(repo("fixtures/plans/banes-rag.docx")).expect("fixture");
    let files: &[(&str, &[u8])] = &[
        ("plans/banes.docx", &plan),
        ("plans/UPPER.DOCX", &plan),
        ("plans/minutes.rtf", b"not read"),
        ("plans/tracker.xlsb", b"not read"),
        ("plans/export.csv", b"a,b\n"),
        ("plans/._banes.docx", b"AppleDouble"),
        ("plans/.DS_Store", b"x"),
        ("plans/Thumbs.db", b"x"),
        ("plans/~$banes.docx", b"lock"),
        ("plans/__MACOSX/banes.docx", b"x"),
        ("plans/.hidden/banes.docx", &plan),
    ];
    for (name, bytes) in files {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write");
    }
    let out = dir.join("out");
    let o = actionplan(&[
        "convert",
        dir.join("plans").to_str().expect("utf-8"),
        "-o",
        out.to_str().expect("utf-8"),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("5 files: 2 converted, 0 skipped (up to date), 0 failed, 3 not read (unsupported), 6 ignored (system or hidden);"),
        "{err}"
    );
    assert!(
        err.contains("minutes.rtf: not read: .rtf is not read: save it as .docx"),
        "{err}"
    );
    let summary = read_json(&out.join("summary.json"));
    assert_eq!(summary["converted"], 2);
    assert_eq!(summary["unsupported"], 3);
    assert_eq!(summary["ignored"], 6);
    let unsupported: Vec<(String, String)> = summary["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .filter(|e| e["status"] == "unsupported")
        .map(|e| {
            let input = e["input"].as_str().expect("input");
            let name = input.rsplit(['/', '\\']).next().unwrap_or(input);
            (
                name.to_string(),
                e["error"].as_str().expect("why").to_string(),
            )
        })
        .collect();
    assert_eq!(
        unsupported,
        vec![
            (
                "export.csv".to_string(),
                ".csv is not read: open it in a spreadsheet and save it as .xlsx".to_string()
            ),
            (
                "minutes.rtf".to_string(),
                ".rtf is not read: save it as .docx".to_string()
            ),
            (
                "tracker.xlsb".to_string(),
                "Excel binary workbook .xlsb is not read: save it as .xlsx".to_string()
            ),
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}
