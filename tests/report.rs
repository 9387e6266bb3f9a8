//! Issue 17: the outputs a board manager works from. The HTML report is
//! parsed (scraper) and must hold every reviewed gap of a fixture plan
//! (fixtures/expected/<name>.gaps.json) and no live markup from the
//! document; the CSV and the workbooks are read back (csv, calamine); where
//! `chromium` and `soffice` are installed, a real browser renders the
//! report and LibreOffice opens the workbook.

use std::path::{Path, PathBuf};

use calamine::{open_workbook, Data, Reader, Xlsx};
use scraper::{Html, Selector};
use serde_json::Value;

use crate::util::{actionplan, read_json, repo, stderr, stdout};

/// The columns of the gap CSV and sheet.
const COLUMN_COUNT: usize = 11;

/// A fresh folder for one test's outputs.
fn workdir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("actionplan-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("a valid selector")
}

/// Run `report` and parse the page it writes.
fn report(args: &[&str], out: &Path) -> Html {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    let out_s = out.to_string_lossy().into_owned();
    all.extend_from_slice(&["-o", &out_s, "--quiet"]);
    let run = actionplan(&all);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let text = std::fs::read_to_string(out).expect("the report is written");
    Html::parse_document(&text)
}

/// (code, action id, field) of the reviewed gaps of a fixture, sorted.
fn expected_gaps(name: &str) -> Vec<(String, String, String)> {
    let want = read_json(&repo(&format!("fixtures/expected/{name}.gaps.json")));
    let mut v: Vec<(String, String, String)> = want
        .as_array()
        .expect("a list of gaps")
        .iter()
        .map(|t| {
            let s = |i: usize| t[i].as_str().unwrap_or("").to_string();
            (s(0), s(1), s(2))
        })
        .collect();
    v.sort();
    v
}

#[test]
fn report_html_holds_every_gap_of_the_plan_under_its_action() {
    let dir = workdir("gaps");
    let page = report(
        &["fixtures/plans/leicestershire-draft.docx"],
        &dir.join("r.html"),
    );
    let mut got: Vec<(String, String, String)> = page
        .select(&sel("li.gap"))
        .map(|li| {
            let a = |k: &str| li.value().attr(k).unwrap_or("").to_string();
            (a("data-code"), a("data-action"), a("data-field"))
        })
        .collect();
    got.sort();
    assert_eq!(got, expected_gaps("leicestershire-draft"));

    // The plan's header: title, period, status, counts by severity.
    let h2: Vec<String> = page
        .select(&sel("section.plan h2"))
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(h2, ["BUSINESS PLAN 2016/17"]);
    let meta: String = page
        .select(&sel("section.plan p.meta"))
        .flat_map(|p| p.text())
        .collect();
    assert!(
        meta.contains("period 2016/17 (2016-04-01 to 2017-03-31)"),
        "{meta}"
    );
    assert!(meta.contains("status draft"), "{meta}");

    // Each priority with its actions; a placeholder owner's gap sits in
    // the row under the action it is about, with the full action text
    // (not the terminal's 32 characters) and its place.
    let priorities: Vec<String> = page
        .select(&sel("section.priority > h3"))
        .map(|h| h.text().collect())
        .collect();
    // "Priority 2: Mental Health" (a bare number), or "Joint 2: Mental
    // Health" as the id is written.
    let mental = leicestershire_priority("Mental Health");
    let want = if mental.starts_with(|c: char| c.is_ascii_digit()) {
        format!("Priority {mental}")
    } else {
        mental
    };
    assert_eq!(priorities[1], want);
    let li = sel("li.gap");
    let row5 = page
        .select(&sel("tbody.action"))
        .find(|tb| {
            tb.select(&li).any(|g| {
                g.value().attr("data-code") == Some("lead-placeholder")
                    && g.text().collect::<String>().contains("(table 2, row 5)")
            })
        })
        .expect("the action in table 2, row 5");
    let cells: Vec<String> = row5
        .select(&sel("tr:first-child td"))
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(cells[2], "?");
    assert!(cells[1].chars().count() > 60, "{}", cells[1]);
    // The objective above, then the action text in full.
    assert!(
        cells[1].starts_with("D) Emotional Health and Wellbeing pathwayConsider establishing a mental health sub group if this issue isn't currently within the remit of an established group."),
        "{}",
        cells[1]
    );
    assert_eq!(cells[4], "none");

    // A priority's own gap is at the priority, not under an action.
    let own = page
        .select(&sel("section.priority > ul.gaps > li.gap"))
        .filter(|g| g.value().attr("data-code") == Some("editor-note"))
        .count();
    assert_eq!(own, 1);

    // The importer's warning and the unmapped table have their section.
    let notes: String = page
        .select(&sel("section.notes"))
        .flat_map(|s| s.text())
        .collect();
    assert!(notes.contains("table 12 is an action table with no lead or due column"));
    assert_eq!(
        page.select(&sel("section.notes details.unmapped")).count(),
        1
    );

    // Self-contained: no external script, style, image or link.
    assert_eq!(
        page.select(&sel("script[src], link, img, iframe")).count(),
        0
    );
    let style: String = page.select(&sel("style")).flat_map(|s| s.text()).collect();
    assert!(style.contains("@page { size: A4 landscape;"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn report_of_several_plans_has_an_index_linking_each_section() {
    let dir = workdir("index");
    let page = report(
        &[
            "fixtures/plans/leicestershire-draft.docx",
            "fixtures/plans/banes-rag.docx",
        ],
        &dir.join("r.html"),
    );
    let rows: Vec<Vec<String>> = page
        .select(&sel("table.index tbody tr"))
        .map(|tr| {
            tr.select(&sel("td"))
                .map(|td| td.text().collect())
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][1], "fixtures/plans/leicestershire-draft.docx");
    // Leicestershire's actions and gaps by severity, as its plan JSON has
    // them (25 actions; 13 errors, 31 warnings, 0 info when written).
    let (actions, [e, w, i]) = tally("fixtures/plans/leicestershire-draft.docx");
    assert_eq!(rows[0][2..], [actions, e, w, i].map(|n| n.to_string()));
    assert!(e > 0 && w > 0);
    let links: Vec<&str> = page
        .select(&sel("table.index a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(links, ["#plan-1", "#plan-2"]);
    for id in ["plan-1", "plan-2"] {
        assert_eq!(page.select(&sel(&format!("section#{id}"))).count(), 1);
    }
    // RAG chips in their colour class (B&NES rates its actions).
    assert!(page.select(&sel("span.rag.rag-green")).count() > 0);
    std::fs::remove_dir_all(&dir).ok();
}

/// A one-table workbook whose cells carry markup, made with the same
/// writer the tool uses.
fn hostile_plan(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 4]; 4] = [
        ["Priority", "Action", "Lead", "Due date"],
        [
            "1 <script>alert('p')</script>",
            "<script>alert(1)</script> and more",
            "\"><img src=x onerror=alert(2)>",
            "Insert",
        ],
        [
            "1 <script>alert('p')</script>",
            "Review <b>bold</b> & <i>friends</i>",
            "?",
            "' onmouseover='alert(3)",
        ],
        [
            "1 <script>alert('p')</script>",
            "Plain action",
            "Chair",
            "March 2017",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet
                .write_string(r as u32, c as u16, *text)
                .expect("write a cell");
        }
    }
    book.save(path).expect("save the workbook");
}

#[test]
fn report_escapes_every_text_from_the_document() {
    let dir = workdir("escape");
    let plan = dir.join("hostile.xlsx");
    hostile_plan(&plan);
    let out = dir.join("r.html");
    let page = report(&[&plan.to_string_lossy()], &out);
    let raw = std::fs::read_to_string(&out).expect("the report");
    // Only the report's own script; no element made from a cell.
    assert_eq!(page.select(&sel("script")).count(), 1);
    let own: String = page.select(&sel("script")).flat_map(|s| s.text()).collect();
    assert!(!own.contains("alert"));
    assert_eq!(page.select(&sel("img, b, i")).count(), 0);
    assert!(!raw.contains("<img"));
    assert!(!raw.contains("onerror=alert(2)>"));
    assert!(!raw.contains("' onmouseover='"));
    // The text itself is shown, as text.
    let cells: Vec<String> = page
        .select(&sel("tbody.action tr:first-child td"))
        .map(|td| td.text().collect())
        .collect();
    // (The priority column is read as the objective, shown above the
    // action.)
    assert!(
        cells.contains(
            &"1 <script>alert('p')</script><script>alert(1)</script> and more".to_string()
        ),
        "{cells:?}"
    );
    assert!(
        cells.contains(&"\"><img src=x onerror=alert(2)>".to_string()),
        "{cells:?}"
    );
    assert!(cells
        .contains(&"1 <script>alert('p')</script>Review <b>bold</b> & <i>friends</i>".to_string()));
    assert!(cells.contains(&"' onmouseover='alert(3)".to_string()));
    // No attribute picked up a handler.
    for el in page.select(&sel("*")) {
        for (name, _) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "attribute {name} on {:?}",
                el.value()
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// "2: Mental Health": how reports name the Leicestershire priority with
/// this title, its id (as the plan JSON has it) before it.
fn leicestershire_priority(title: &str) -> String {
    let plan = crate::plans::convert("fixtures/plans/leicestershire-draft.docx", &[]);
    let p = plan["priorities"]
        .as_array()
        .expect("priorities")
        .iter()
        .find(|p| p["title"] == title)
        .unwrap_or_else(|| panic!("no priority {title:?}"));
    let id = p["id"].as_str().expect("a numbered priority");
    assert!(id.ends_with(['1', '2', '3']), "{id}");
    format!("{id}: {title}")
}

/// A plan's action count and its gaps by severity (error, warning, info),
/// from its plan JSON (`convert`): what the other outputs must agree with.
fn tally(path: &str) -> (usize, [usize; 3]) {
    let plan = crate::plans::convert(path, &[]);
    let gaps = plan["gaps"].as_array().expect("gaps");
    let n = |sev: &str| gaps.iter().filter(|g| g["severity"] == sev).count();
    (
        plan["actions"].as_array().map(Vec::len).unwrap_or(0),
        [n("error"), n("warning"), n("info")],
    )
}

/// The gap rows `check --format csv` prints for a fixture.
fn gap_csv(args: &[&str]) -> Vec<csv::StringRecord> {
    let mut all = vec!["check", "--format", "csv", "--fail-on", "never"];
    all.extend_from_slice(args);
    let out = actionplan(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r
        .headers()
        .expect("a header")
        .iter()
        .map(str::to_string)
        .collect();
    assert_eq!(
        header,
        [
            "file",
            "plan",
            "priority",
            "action_id",
            "action",
            "field",
            "severity",
            "code",
            "message",
            "quote",
            "place"
        ]
    );
    r.records().map(|x| x.expect("a record")).collect()
}

#[test]
fn report_lists_a_file_it_could_not_read_in_the_index() {
    let dir = workdir("unread");
    let out = dir.join("r.html");
    let run = actionplan(&[
        "report",
        "fixtures/plans/banes-rag.docx",
        "tests/hostile/empty.docx",
        "-o",
        &out.to_string_lossy(),
        "--quiet",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("tests/hostile/empty.docx"));
    let page = Html::parse_document(&std::fs::read_to_string(&out).expect("the report"));
    let unread: Vec<String> = page
        .select(&sel("table.index tr.unread td"))
        .map(|td| td.text().collect())
        .collect();
    assert_eq!(unread[..2], ["not read", "tests/hostile/empty.docx"]);
    assert_eq!(page.select(&sel("section.plan")).count(), 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_csv_has_one_row_per_gap_with_the_full_action_text() {
    let rows = gap_csv(&["fixtures/plans/leicestershire-draft.docx"]);
    let placeholder = rows
        .iter()
        .find(|r| &r[7] == "lead-placeholder" && &r[10] == "table 2, row 5")
        .expect("the placeholder owner in table 2, row 5");
    assert_eq!(&placeholder[0], "fixtures/plans/leicestershire-draft.docx");
    assert_eq!(&placeholder[1], "BUSINESS PLAN 2016/17");
    assert_eq!(placeholder[2], leicestershire_priority("Mental Health"));
    assert_eq!(&placeholder[5], "lead");
    assert_eq!(&placeholder[6], "error");
    assert_eq!(&placeholder[9], "?");
    assert!(placeholder[4].starts_with("Consider establishing a mental"));
    assert!(placeholder[4].chars().count() > 60);
    let mut got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| (r[7].to_string(), r[3].to_string(), r[5].to_string()))
        .collect();
    got.sort();
    assert_eq!(got, expected_gaps("leicestershire-draft"));
}

#[test]
fn min_severity_and_ignore_leave_gaps_out_and_the_total_counts_what_is_left() {
    let all = gap_csv(&["fixtures/plans/nottingham-cab.docx"]);
    let count =
        |rows: &[csv::StringRecord], sev: &str| rows.iter().filter(|r| &r[6] == sev).count();
    // As many of each as the plan JSON has (42, 8, 59 when written).
    let (a1, [e, w, i]) = tally("fixtures/plans/nottingham-cab.docx");
    assert!(e > 0 && w > 0 && i > 0);
    assert_eq!(
        [
            count(&all, "error"),
            count(&all, "warning"),
            count(&all, "info")
        ],
        [e, w, i]
    );
    let warn = gap_csv(&[
        "fixtures/plans/nottingham-cab.docx",
        "--min-severity",
        "warning",
    ]);
    assert_eq!(warn.len(), e + w);
    assert_eq!(count(&warn, "info"), 0);
    let ignored = gap_csv(&[
        "fixtures/plans/nottingham-cab.docx",
        "--ignore",
        "rag-missing",
        "--ignore",
        "due-placeholder",
    ]);
    let dropped = all
        .iter()
        .filter(|r| &r[7] == "rag-missing" || &r[7] == "due-placeholder")
        .count();
    assert!(dropped > 0);
    assert_eq!(ignored.len(), all.len() - dropped);
    assert!(ignored
        .iter()
        .all(|r| &r[7] != "rag-missing" && &r[7] != "due-placeholder"));

    // A code that does not exist is refused, not silently ignored.
    let bad = actionplan(&[
        "check",
        "fixtures/plans/nottingham-cab.docx",
        "--ignore",
        "rag-mising",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("unknown gap code \"rag-mising\""));

    // The text report of several files ends with one grand total.
    let out = actionplan(&[
        "check",
        "fixtures/plans/nottingham-cab.docx",
        "fixtures/plans/leicestershire-draft.docx",
        "--min-severity",
        "warning",
    ]);
    let text = stdout(&out);
    let (a2, [e2, w2, _]) = tally("fixtures/plans/leicestershire-draft.docx");
    let want = format!(
        "\ntotal: 2 files, {} actions; {} errors, {} warnings, 0 info\n",
        a1 + a2,
        e + e2,
        w + w2
    );
    assert!(text.ends_with(&want), "{text}");
    // `--as-of today` is today's date: every dated action of 2016 is past.
    let out = actionplan(&[
        "check",
        "--format",
        "csv",
        "--as-of",
        "today",
        "fixtures/plans/northamptonshire-lscbn.docx",
    ]);
    assert!(stdout(&out).contains("progress-missing"));
}

/// Every row of a sheet as cells.
fn sheet(path: &Path, name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook(path).expect("calamine opens the workbook");
    let range = book
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"));
    range.rows().map(|r| r.to_vec()).collect()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn check_xlsx_is_read_back_with_every_gap() {
    let dir = workdir("gapxlsx");
    let path = dir.join("gaps.xlsx");
    let out = actionplan(&[
        "check",
        "--format",
        "xlsx",
        "-o",
        &path.to_string_lossy(),
        "fixtures/plans/leicestershire-draft.docx",
        "fixtures/plans/banes-rag.docx",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
    let rows = sheet(&path, "Gaps");
    let header: Vec<String> = rows[0].iter().map(text).collect();
    assert_eq!(
        header[..5],
        ["file", "plan", "priority", "action_id", "action"]
    );
    let mut leics: Vec<(String, String, String)> = rows[1..]
        .iter()
        .filter(|r| text(&r[0]) == "fixtures/plans/leicestershire-draft.docx")
        .map(|r| (text(&r[7]), text(&r[3]), text(&r[5])))
        .collect();
    leics.sort();
    assert_eq!(leics, expected_gaps("leicestershire-draft"));
    let mut banes: Vec<(String, String, String)> = rows[1..]
        .iter()
        .filter(|r| text(&r[0]) == "fixtures/plans/banes-rag.docx")
        .map(|r| (text(&r[7]), text(&r[3]), text(&r[5])))
        .collect();
    banes.sort();
    assert_eq!(banes, expected_gaps("banes-rag"));
    // Each severity cell (column G) is filled: error red, warning amber,
    // info blue; the header row grey.
    let colours = fills(&path, "Gaps");
    assert_eq!(colours.len(), COLUMN_COUNT + rows.len() - 1);
    for (r, c, colour) in &colours {
        let want = match (r, c) {
            (0, _) => "D9D9D9",
            (_, 6) => match text(&rows[*r as usize][6]).as_str() {
                "error" => "FFC7CE",
                "warning" => "FFEB9C",
                "info" => "DDEBF7",
                other => panic!("severity {other:?}"),
            },
            _ => panic!("a fill at row {r}, column {c}"),
        };
        assert_eq!(colour.to_ascii_uppercase(), want, "row {r}");
    }
    // Written whole and renamed: no temporary file is left beside it.
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["gaps.xlsx"]);
    // Without -o (and not to a terminal) the workbook goes to stdout.
    let piped = actionplan(&["check", "--format", "xlsx", "fixtures/plans/banes-rag.docx"]);
    assert_eq!(piped.stdout.get(..2), Some(&b"PK"[..]));
    std::fs::remove_dir_all(&dir).ok();
}

/// The fills of a sheet's cells as our own reader sees them (calamine has
/// no style API): (row, column, RGB hex), 0-based from A1.
fn fills(path: &Path, sheet_name: &str) -> Vec<(u64, u64, String)> {
    let out = actionplan(&["tables", &path.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("tables JSON");
    let mut got = Vec::new();
    for t in v["tables"].as_array().into_iter().flatten() {
        if t["sheet"] != sheet_name {
            continue;
        }
        assert_eq!(
            t["range"].as_str().map(|r| r.starts_with("A1:")),
            Some(true)
        );
        for f in t["fills"].as_array().into_iter().flatten() {
            got.push((
                f["row"].as_u64().unwrap_or(u64::MAX),
                f["col"].as_u64().unwrap_or(u64::MAX),
                f["color"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    got
}

#[test]
fn convert_xlsx_tracker_has_actions_with_excel_dates_priorities_and_gaps() {
    let dir = workdir("tracker");
    let out = actionplan(&[
        "convert",
        "--format",
        "xlsx",
        "-o",
        &dir.to_string_lossy(),
        "--quiet",
        "fixtures/plans/leicestershire-draft.docx",
        "fixtures/plans/banes-rag.docx",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = dir.join("tracker.xlsx");
    let leics = crate::plans::convert("fixtures/plans/leicestershire-draft.docx", &[]);
    let banes = crate::plans::convert("fixtures/plans/banes-rag.docx", &[]);
    let n = |v: &Value, k: &str| v[k].as_array().map(Vec::len).unwrap_or(0);

    let actions = sheet(&path, "Actions");
    let header: Vec<String> = actions[0].iter().map(text).collect();
    assert_eq!(
        header,
        [
            "file",
            "priority",
            "id",
            "objective",
            "action",
            "milestone",
            "lead",
            "due",
            "due (as written)",
            "measures",
            "progress",
            "RAG",
            "completed"
        ]
    );
    assert_eq!(
        actions.len() - 1,
        n(&leics, "actions") + n(&banes, "actions")
    );
    // Leicestershire's first action: due "March 2017", the month's last day.
    let first = &actions[1];
    assert_eq!(text(&first[8]), "March 2017");
    match &first[7] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), 42825.0), // 2017-03-31
        other => panic!("due is not a date: {other:?}"),
    }
    assert_eq!(text(&first[1]), leicestershire_priority("Domestic Abuse"));
    // Every due with an end date is a date cell.
    let dated = actions[1..]
        .iter()
        .filter(|r| matches!(r[7], Data::DateTime(_)))
        .count();
    let want_dated = [&leics, &banes]
        .iter()
        .flat_map(|p| p["actions"].as_array().into_iter().flatten())
        .filter(|a| a["due"]["end"].is_string() || a["due"]["start"].is_string())
        .count();
    assert_eq!(dated, want_dated);
    // RAG as its word, in its colour.
    let rags: Vec<String> = actions[1..].iter().map(|r| text(&r[11])).collect();
    assert!(rags.iter().any(|r| r == "green"), "{rags:?}");

    let priorities = sheet(&path, "Priorities");
    assert_eq!(
        priorities.len() - 1,
        n(&leics, "priorities") + n(&banes, "priorities")
    );
    let gaps = sheet(&path, "Gaps");
    assert_eq!(gaps.len() - 1, n(&leics, "gaps") + n(&banes, "gaps"));

    // Each RAG cell (column L) is filled in its colour, and no other
    // cell of a data row is.
    let colours = fills(&path, "Actions");
    let rag_fills: Vec<(u64, String)> = colours
        .iter()
        .filter(|(r, _, _)| *r > 0)
        .map(|(r, c, colour)| {
            assert_eq!(*c, 11, "a fill outside the RAG column at row {r}");
            (*r, colour.to_ascii_uppercase())
        })
        .collect();
    let want: Vec<(u64, String)> = actions
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let colour = match text(&r[11]).as_str() {
                "red" => "FF0000",
                "amber" => "FFC000",
                "green" => "00B050",
                "blue" => "0070C0",
                _ => return None,
            };
            Some((i as u64, colour.to_string()))
        })
        .collect();
    assert!(want.len() > 10, "{want:?}");
    assert_eq!(rag_fills, want);
    std::fs::remove_dir_all(&dir).ok();
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

#[test]
fn libreoffice_opens_the_workbooks_without_error() {
    if !on_path("soffice") {
        eprintln!("soffice is not installed: the LibreOffice check is skipped");
        return;
    }
    let dir = workdir("soffice");
    if !soffice_has_calc(&dir) {
        eprintln!(
            "soffice cannot read spreadsheets here (no Calc): the LibreOffice check is skipped"
        );
        return;
    }
    let out = actionplan(&[
        "convert",
        "--format",
        "xlsx",
        "-o",
        &dir.to_string_lossy(),
        "--quiet",
        "fixtures/plans/leicestershire-draft.docx",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    soffice_to_csv(&dir, &dir.join("tracker.xlsx"));
    // The first sheet (Actions) as LibreOffice read it.
    let csv = std::fs::read_to_string(dir.join("tracker.csv")).expect("soffice wrote the CSV");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("file,priority,id,objective,action,milestone,lead,due,due (as written),measures,progress,RAG,completed")
    );
    assert!(csv.contains("31/03/2017,March 2017"), "{csv}");

    // The gap workbook too.
    let gaps = dir.join("gaps.xlsx");
    let out = actionplan(&[
        "check",
        "--format",
        "xlsx",
        "-o",
        &gaps.to_string_lossy(),
        "fixtures/plans/leicestershire-draft.docx",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    soffice_to_csv(&dir, &gaps);
    let csv = std::fs::read_to_string(dir.join("gaps.csv")).expect("soffice wrote the CSV");
    assert_eq!(
        csv.lines().next(),
        Some("file,plan,priority,action_id,action,field,severity,code,message,quote,place")
    );
    // One row per gap of the plan (its expected gaps file, one per line).
    let want = std::fs::read_to_string(crate::util::repo(
        "fixtures/expected/leicestershire-draft.gaps.json",
    ))
    .expect("expected gaps");
    let n_gaps = want
        .lines()
        .filter(|l| l.trim_start().starts_with('[') && l.len() > 2)
        .count();
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, n_gaps, "{csv}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Have LibreOffice headless convert `file`'s first sheet to CSV in `dir`
/// (its own user profile there), and fail with its message if it cannot.
/// Whether this LibreOffice reads spreadsheets (a Writer-only install
/// does not): a two-cell CSV of our own making converted to .ods, which
/// owes nothing to actionplan's output.
fn soffice_has_calc(dir: &std::path::Path) -> bool {
    let probe = dir.join("probe");
    std::fs::create_dir_all(&probe).expect("probe folder");
    std::fs::write(probe.join("probe.csv"), "a,b\n1,2\n").expect("probe CSV");
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let _ = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            "ods",
            "--outdir",
        ])
        .arg(&probe)
        .arg(probe.join("probe.csv"))
        .output();
    probe.join("probe.ods").is_file()
}

fn soffice_to_csv(dir: &std::path::Path, file: &std::path::Path) {
    let profile = format!("-env:UserInstallation=file://{}/profile", dir.display());
    let run = std::process::Command::new("soffice")
        .args([
            profile.as_str(),
            "--headless",
            "--norestore",
            "--convert-to",
            // Comma, double quote, UTF-8 (76): LibreOffice's CSV filter options.
            "csv:Text - txt - csv (StarCalc):44,34,76",
            "--outdir",
        ])
        .arg(dir)
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Width, height and inflated pixel rows of a PNG (IHDR and IDAT chunks).
fn png(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    assert_eq!(bytes.get(..8), Some(&b"\x89PNG\r\n\x1a\n"[..]), "not a PNG");
    let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
    let (mut w, mut h, mut idat) = (0, 0, Vec::new());
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = be(&bytes[at..]) as usize;
        let kind = &bytes[at + 4..at + 8];
        let data = &bytes[at + 8..(at + 8 + len).min(bytes.len())];
        if kind == b"IHDR" {
            w = be(data);
            h = be(&data[4..]);
        } else if kind == b"IDAT" {
            idat.extend_from_slice(data);
        }
        at += 12 + len;
    }
    let mut pixels = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::ZlibDecoder::new(&idat[..]), &mut pixels)
        .expect("IDAT inflates");
    (w, h, pixels)
}

#[test]
fn chromium_renders_the_report_of_two_plans() {
    let browser = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|b| on_path(b));
    let Some(browser) = browser else {
        eprintln!("chromium is not installed: the browser check is skipped");
        return;
    };
    let dir = workdir("chromium");
    let html = dir.join("r.html");
    report(
        &[
            "fixtures/plans/leicestershire-draft.docx",
            "fixtures/plans/nottingham-cab.docx",
        ],
        &html,
    );
    let shot = dir.join("shot.png");
    let run = std::process::Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1280,1600",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&shot).expect("a screenshot");
    let (w, h, pixels) = png(&bytes);
    assert_eq!((w, h), (1280, 1600));
    // Not blank: a rendered page has text, chips and table lines, so its
    // pixels take many values; a blank one takes one or two.
    let mut seen = [false; 256];
    for b in &pixels {
        seen[*b as usize] = true;
    }
    let distinct = seen.iter().filter(|s| **s).count();
    assert!(distinct > 64, "only {distinct} distinct byte values");
    let not_white = pixels.iter().filter(|b| **b < 200).count();
    assert!(
        not_white > pixels.len() / 200,
        "{not_white} dark bytes of {}",
        pixels.len()
    );
    std::fs::remove_dir_all(&dir).ok();
}
