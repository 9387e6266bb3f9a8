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

/// Convert `fixtures/normalisation/<path>` and compare it with
/// `<stem>.expected.json`: every key each expected action names, the
/// priorities when given, and a warning containing each expected text.
/// Returns how many values were compared and the ones that differ.
fn score(path: &str) -> (usize, Vec<String>) {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    let plan = convert(&format!("fixtures/normalisation/{path}"), &[]);
    assert_valid(&plan, path);
    let want = read_json(&repo(&format!(
        "fixtures/normalisation/{stem}.expected.json"
    )));
    let got = plan["actions"].as_array().expect("actions");
    let expected = want["actions"].as_array().expect("expected actions");
    let mut compared = 1;
    let mut misses = Vec::new();
    if got.len() != expected.len() {
        let texts: Vec<&Value> = got.iter().map(|a| &a["action"]).collect();
        misses.push(format!(
            "{path}: {} actions, want {}: {texts:#?}",
            got.len(),
            expected.len()
        ));
    }
    for (i, (a, w)) in got.iter().zip(expected).enumerate() {
        for (key, value) in w.as_object().expect("object") {
            compared += 1;
            let g = value_of(a, key);
            if &g != value {
                misses.push(format!(
                    "{path}: action {i} ({}): {key} is {g}, want {value}",
                    a["action"]
                ));
            }
        }
    }
    // An expected action the plan lacks misses every value it gives; an
    // action the plan has beyond those expected is one miss. (Counting a
    // wrong number of actions once, as this did until 2026-12-07, let a
    // file that gave no actions at all lose a single value.)
    for w in expected.iter().skip(got.len()) {
        for key in w.as_object().expect("object").keys() {
            compared += 1;
            misses.push(format!(
                "{path}: expected action {} missing: {key}",
                w["action"]
            ));
        }
    }
    for a in got.iter().skip(expected.len()) {
        compared += 1;
        misses.push(format!("{path}: extra action {}", a["action"]));
    }
    if let Some(priorities) = want.get("priorities") {
        compared += 1;
        // Each priority's keys as the expected entry gives them (a key
        // left out is not checked: the second corpus gives no `id` where
        // a heading's number is a word).
        let keys = |i: usize| -> Vec<String> {
            priorities.get(i).and_then(Value::as_object).map_or_else(
                || vec!["id".into(), "title".into(), "outcomes".into()],
                |o| o.keys().cloned().collect(),
            )
        };
        let got: Vec<Value> = plan["priorities"]
            .as_array()
            .expect("priorities")
            .iter()
            .enumerate()
            .map(|(i, p)| {
                Value::Object(
                    keys(i)
                        .into_iter()
                        .map(|k| (k.clone(), p[&k].clone()))
                        .collect(),
                )
            })
            .collect();
        if &Value::Array(got.clone()) != priorities {
            misses.push(format!("{path}: priorities {got:?}, want {priorities}"));
        }
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
        compared += 1;
        let w = w.as_str().expect("warning text");
        if !warnings.iter().any(|m| m.contains(w)) {
            misses.push(format!("{path}: no warning with {w:?} in {warnings:#?}"));
        }
    }
    (compared, misses)
}

/// Every expected value of a tune-set file must match.
fn check(file: &str) {
    let (compared, misses) = score(file);
    assert!(compared > 1, "{file}: nothing compared");
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}

/// The held-out set (`fixtures/normalisation/held-out/`, written by a
/// helper who did not read the code, never used for tuning): the share of
/// its hand-written values the rules get right, reported in the README.
/// Its misses are printed only with ACTIONPLAN_SHOW_HELD_OUT=1, so that
/// nobody tunes on them by accident.
#[test]
fn held_out_plans_in_other_shapes_and_wordings() {
    let dir = repo("fixtures/normalisation/held-out");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("held-out dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".docx") || n.ends_with(".xlsx") || n.ends_with(".pdf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 12);
    let (mut compared, mut misses) = (0, Vec::new());
    for f in &files {
        let (c, m) = score(&format!("held-out/{f}"));
        compared += c;
        misses.extend(m);
    }
    let right = compared - misses.len();
    let share = right as f64 / compared as f64;
    eprintln!(
        "held-out normalisation: {right}/{compared} values ({:.1}%)",
        share * 100.0
    );
    if std::env::var_os("ACTIONPLAN_SHOW_HELD_OUT").is_some() {
        eprintln!("{}", misses.join("\n"));
    }
    // 94.9% when the rules were written, 96.6% after the rules the second
    // corpus's tune half led to (README, "Cells as their authors write
    // them"); a change that loses ground here is a regression.
    assert!(share >= 0.96, "held-out normalisation fell to {share:.3}");
}

/// Score every document of `fixtures/normalisation/<dir>`: (values right,
/// values compared, misses).
fn score_dir(dir: &str) -> (usize, usize, Vec<String>) {
    let mut files: Vec<String> = std::fs::read_dir(repo(&format!("fixtures/normalisation/{dir}")))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| {
            [".docx", ".xlsx", ".pdf", ".ods", ".xls"]
                .iter()
                .any(|e| n.ends_with(e))
        })
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{dir}: no documents");
    let (mut compared, mut misses) = (0, Vec::new());
    for f in &files {
        let (c, m) = score(&format!("{dir}/{f}"));
        compared += c;
        misses.extend(m);
    }
    (compared - misses.len(), compared, misses)
}

/// Score each half of a corpus (`(folder, floor, the variable that prints
/// its misses)`), print its share, and hold it at its floor.
fn measure_halves(halves: &[(&str, f64, &str)]) {
    for &(half, floor, show) in halves {
        let (right, compared, misses) = score_dir(half);
        let share = right as f64 / compared as f64;
        eprintln!("{half}: {right}/{compared} values ({:.1}%)", share * 100.0);
        if std::env::var_os(show).is_some() {
            eprintln!("{}", misses.join("\n"));
        }
        assert!(share >= floor, "{half} fell to {share:.3} (floor {floor})");
    }
}

/// The second corpus (`fixtures/normalisation/second/`, written by a helper
/// who did not read the code, in other shapes and wordings again), split as
/// the brief asks: rules may be fixed where the `tune` half misses (its
/// misses print with ACTIONPLAN_SHOW_TUNE=1); the `test` half is only
/// measured (its misses print only with ACTIONPLAN_SHOW_HELD_OUT=1). Both
/// figures are in the README; each is held at the floor it reached.
#[test]
fn second_corpus_tune_and_test_halves() {
    measure_halves(&[
        ("second/tune", SECOND_TUNE_FLOOR, "ACTIONPLAN_SHOW_TUNE"),
        ("second/test", SECOND_TEST_FLOOR, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
}

/// The shares the second corpus's halves reached (README): 82.2% and 82.6%
/// before any rule was written for them, 98.7% and 97.7% after; 100% and
/// 99.0% once a due date's `raw` left out the "by" it starts with ("by Dec
/// 2016" is due "Dec 2016"), as every corpus writer recorded it.
const SECOND_TUNE_FLOOR: f64 = 0.99;
const SECOND_TEST_FLOOR: f64 = 0.98;

/// The third corpus (`fixtures/normalisation/third/`, 16 plans written on
/// 2026-12-07 by a third helper who had not read the code: quarterly update
/// columns, two owner columns and contact details, priority and objective
/// rows inside the table, letters under a number, review templates,
/// bilingual headers, scorecards beside the plan), split and used as the
/// second: fixed on `tune`, `test` only measured.
#[test]
fn third_corpus_tune_and_test_halves() {
    measure_halves(&[
        ("third/tune", THIRD_TUNE_FLOOR, "ACTIONPLAN_SHOW_TUNE"),
        ("third/test", THIRD_TEST_FLOOR, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
}

/// The third corpus's halves: 76.8% and 76.8% before its rules, 97.6% and
/// 93.0% after (README). The six tune misses left are objectives printed
/// with their recommendation's number ("1. GP practices should ..."),
/// which the corpus writer dropped and the plan keeps, as it does in the
/// seed plans' objectives ("5. We will embed ...").
const THIRD_TUNE_FLOOR: f64 = 0.97;
const THIRD_TEST_FLOOR: f64 = 0.92;

/// The fourth corpus (`fixtures/normalisation/fourth/`, 16 plans and four
/// PDFs LibreOffice printed from them, written on 2026-12-07 by a fourth
/// helper who had not read the code: two-row headers, notes and column
/// numbers under a header, priority blocks stacked down a sheet, "Lead: /
/// Date:" cells, traffic-light RAG, review trackers, risk logs), split and
/// used as the second and third.
#[test]
fn fourth_corpus_tune_and_test_halves() {
    measure_halves(&[
        ("fourth/tune", FOURTH_TUNE_FLOOR, "ACTIONPLAN_SHOW_TUNE"),
        ("fourth/test", FOURTH_TEST_FLOOR, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
}

/// The fourth corpus's halves: 78.4% and 74.7% before its rules, 100% and
/// 97.3% after (README); the test half is 90.6% counting every value of
/// the actions its risk log does not give (the scoring since 2026-12-07).
const FOURTH_TUNE_FLOOR: f64 = 0.99;
const FOURTH_TEST_FLOOR: f64 = 0.90;

/// The fifth corpus (`fixtures/normalisation/fifth/`): eight whole plans
/// (SAB strategic plans, NHS safeguarding work plans, a community safety
/// workbook, a partnership business plan) and PDFs LibreOffice printed from
/// the Word ones, written by a fifth helper who had not read the code, split
/// and used as the others.
#[test]
fn fifth_corpus_whole_plans_tune_and_test_halves() {
    // 79.5% and 77.9% before its rules, 99.4% and 94.8% after (README).
    measure_halves(&[
        ("fifth/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("fifth/test", 0.94, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
}

/// "We will | How" (the commitment is the objective, "How" the action),
/// "Standard | Requirement" (the column of sentences is the objective),
/// "Priority | Objective" (both read: the first as priorities, numbered
/// "1. Tackling anti-social behaviour").
#[test]
fn commitments_standards_and_priority_beside_objective_columns() {
    check("fifth/tune/strategy-word.docx");
    check("fifth/tune/workplan-word.docx");
    // And a status key written a line per colour on a sheet of its own
    // ("Complete – Blue").
    check("fifth/tune/csp-sheet.xlsx");
}

/// The sixth corpus (`fixtures/normalisation/sixth/`): plans exported from
/// task tools (Microsoft Planner, a SharePoint list, a Smartsheet-style
/// outline), written by a sixth helper who had not read the code. Planner
/// and SharePoint exports read whole after their tune files' rules; the
/// outline's levels (rows grouped under priorities and objectives) are
/// read too: a row with deeper rows under it heads them (README).
#[test]
fn sixth_corpus_task_tool_exports() {
    measure_halves(&[
        ("sixth/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("sixth/test", 0.99, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
    // "Task Name", "Title", "Assigned To", buckets as priorities, the
    // task's own "Priority" (Urgent, "(1) High") as a grade, and a body
    // row that reads like a header but holds dates and percentages.
    check("sixth/tune/planner-export.xlsx");
    check("sixth/tune/sharepoint-list.xlsx");
}

/// The seventh corpus (`fixtures/normalisation/seventh/`): plans whose
/// actions are not one row each of one table (action cards, a sheet with
/// an action per column, a table per priority under a merged title row,
/// priority and objective columns merged down, unrelated tables around the
/// plan, a cover sheet and a totals row), written by a seventh helper who
/// had not read the code. Tune 65.6% and test 63.6% before its rules
/// (README).
#[test]
fn seventh_corpus_plans_not_written_a_row_per_action() {
    measure_halves(&[
        ("seventh/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("seventh/test", 0.91, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
    // Cards turned into rows, a sheet turned, a totals row dropped, and a
    // list's last item after "and" a name of its own.
    check("seventh/tune/action-cards.docx");
    check("seventh/tune/transposed-sheet.xlsx");
    check("seventh/tune/cover-sheet.xlsx");
}

/// The eighth corpus (`fixtures/normalisation/eighth/`): Word drafts as
/// people edit them (tracked changes, comments, content controls,
/// hyperlinks and fields, line breaks, nested tables, text boxes, headers
/// and footers, written into the XML as Word saves them), by an eighth
/// helper who had not read the code. Both halves read 100% before any
/// rule; what it taught was a gap (an empty content control's prompt is a
/// placeholder: tests/gaps.rs).
#[test]
fn eighth_corpus_word_drafts_as_people_edit_them() {
    measure_halves(&[
        ("eighth/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("eighth/test", 0.99, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
}

/// The ninth corpus (`fixtures/normalisation/ninth/`): spreadsheet plans
/// as councils keep them (a sheet per priority after an overview of
/// counts, formulas, dropdowns and conditional formatting, hidden columns
/// and sheets, real and text dates in one column; .ods and .xls copies
/// LibreOffice made), by a ninth helper who had not read the code. Tune
/// 81.0% and test 93.0% before its rules (README).
#[test]
fn ninth_corpus_spreadsheet_plans_as_councils_keep_them() {
    measure_halves(&[
        ("ninth/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("ninth/test", 0.96, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
    // Sheet names as priorities, the overview of counts no plan, and a
    // status coloured only by conditional formatting.
    check("ninth/tune/priority-sheets.xlsx");
    check("ninth/tune/dropdown-rag.xlsx");
}

/// The tenth corpus (`fixtures/normalisation/tenth/`): plans whose actions
/// are written as text, not in a table (labelled "Action: / Lead: /
/// Timescale:" lines, numbered items with the lead and date after them,
/// bullets with "Who:" and "When:" lines, a plan half table and half
/// text, and a PDF LibreOffice printed), by a tenth helper who had not read
/// the code. Tune 10.7% and test 3.0% before its rules (README).
#[test]
fn tenth_corpus_plans_written_as_text() {
    measure_halves(&[
        ("tenth/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("tenth/test", 0.60, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
    check("tenth/tune/labelled-paragraphs.docx");
    check("tenth/tune/labelled-paragraphs-print.pdf");
    check("tenth/tune/numbered-items.docx");
    check("tenth/tune/bullet-lists.docx");
}

/// The eleventh corpus (`fixtures/normalisation/eleventh/`): columns that
/// mean the seeds' fields under other conventions (SMART headings, an
/// inspection's recommendations across the table, SAR / DHR trackers with
/// an agency beside the lead officer, resource and budget columns, sub-steps
/// "a) b) c)" in one cell with a line each in the lead cell, RACI grids), by
/// an eleventh helper who had not read the code. Tune 69.9% and test 57.5%
/// before its rules, 92.8% and 76.6% after (README). What the tune half still misses is two of its
/// writer's conventions that earlier corpora's writers chose otherwise
/// (README): a sub-step's letter as its id, and a SAR's recommendation
/// column, merged down its rows, as the priority.
#[test]
fn eleventh_corpus_columns_that_mean_the_fields_by_other_conventions() {
    measure_halves(&[
        ("eleventh/tune", 0.92, "ACTIONPLAN_SHOW_TUNE"),
        ("eleventh/test", 0.78, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
    check("eleventh/tune/smart-columns.docx");
    check("eleventh/tune/raci-grid.xlsx");
    check("eleventh/tune/inspection-recommendations.docx");
    check("eleventh/tune/resources-columns.xlsx");
}

/// The twelfth corpus (`fixtures/normalisation/twelfth/`): plans whose
/// actions are written as text, by a twelfth helper who had not read the
/// code, in forms of its own ("we will:" lists with owner and date tails,
/// labelled lines, action sub-headings, sentences saying who will do what
/// by when, bullets under objectives, bold run-in labels). Written after
/// this session's first text rules: tune 8.5% and test 1.9% on the
/// session's starting code, 54.6% and 60.9% with the rules made before
/// the corpus, 99.6% and 65.0% after tuning on its tune half (README).
#[test]
fn twelfth_corpus_plans_written_as_text_in_other_forms() {
    measure_halves(&[
        ("twelfth/tune", 0.99, "ACTIONPLAN_SHOW_TUNE"),
        ("twelfth/test", 0.65, "ACTIONPLAN_SHOW_HELD_OUT"),
    ]);
    check("twelfth/tune/labelled-lines.docx");
    check("twelfth/tune/runin-mixed.docx");
    check("twelfth/tune/action-subheadings.docx");
    check("twelfth/tune/nested-objectives.docx");
    check("twelfth/tune/we-will-list-print.pdf");
}

/// "Lead: X" over "Date: Immediate" in one cell (a date label makes the
/// date, whatever its words), footnote markers after owners, notes and
/// column numbers under the header, "Red (off track)" and traffic-light
/// symbols as RAG.
#[test]
fn labelled_dates_footnotes_header_notes_and_traffic_lights() {
    check("fourth/tune/leaddate-word.docx");
    check("fourth/tune/leaddate-pdf.pdf");
    check("fourth/tune/noterow-sheet.xlsx");
    check("fourth/tune/perpriority-word.docx");
    check("fourth/tune/stacked-sheet.xlsx");
}

/// Rows inside the table that head the rows under them: "Priority 1:
/// Neglect" merged across opens priority 1; "1.1 Practitioners ..."
/// merged across is the objective of 1.1.1 and 1.1.2 (without its number,
/// which their ids carry); a "1" row over "a", "b", "c" rows, with nothing
/// but its text, is their objective and no action.
#[test]
fn priority_objective_and_number_rows_head_the_rows_under_them() {
    check("third/tune/numbered-word.docx");
    check("third/tune/lettered-sheet.xlsx");
}

/// Progress in a column per quarter, bilingual question headers, contact
/// details after an owner's name, and a scorecard table that does not
/// continue the plan above it.
#[test]
fn quarterly_updates_bilingual_headers_contacts_and_scorecards() {
    check("third/tune/quarters-sheet.xlsx");
    check("third/tune/questions-word.docx");
    check("third/tune/owners-word.docx");
    check("third/tune/scorecard-word.docx");
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
