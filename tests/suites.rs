//! Other projects' test files (tests/suites/, from calamine's test suite:
//! bug reports and odd writers), each checked cell by cell against what an
//! independent reader (xlrd, openpyxl) found in it, written by
//! `tests/suites/make_expected.py`; and the ones we refuse, each with its
//! one true error line.

use std::collections::{BTreeMap, BTreeSet};

use actionplan::model::{Block, Document};
use actionplan::{read_path, Limits};
use serde_json::Value;

use crate::util::{actionplan, read_json, repo, stderr};

/// A cell as we read it: its text (whitespace runs made one space), and
/// its ISO date where it is a date cell.
struct Ours {
    text: String,
    date: Option<String>,
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every cell of ours with text, by "Sheet!A1": table cells at their
/// anchors (covered slots hold no cell of their own), title lines at theirs.
/// Also the merged ranges of our tables, as "Sheet!A1:B2".
fn ours(doc: &Document) -> (BTreeMap<String, Ours>, BTreeSet<String>) {
    let mut cells = BTreeMap::new();
    let mut merges = BTreeSet::new();
    let key = |sheet: &Option<String>, cell: &Option<String>| {
        format!(
            "{}!{}",
            sheet.as_deref().unwrap_or(""),
            cell.as_deref().unwrap_or("")
        )
    };
    for block in &doc.blocks {
        match block {
            Block::Paragraph(p) | Block::Heading { paragraph: p, .. } => {
                cells.insert(
                    key(&p.source.sheet, &p.source.cell),
                    Ours {
                        text: squeeze(&p.text()),
                        date: None,
                    },
                );
            }
            Block::Table(t) => {
                for c in &t.cells {
                    let k = key(&c.source.sheet, &c.source.cell);
                    if c.row_span > 1 || c.col_span > 1 {
                        let cell = c.source.cell.as_deref().unwrap_or("");
                        let split = cell
                            .find(|ch: char| ch.is_ascii_digit())
                            .unwrap_or(cell.len());
                        let (letters, digits) = cell.split_at(split);
                        let col = letters
                            .bytes()
                            .fold(0usize, |n, b| n * 26 + usize::from(b - b'A' + 1));
                        let row: usize = digits.parse().unwrap_or(0);
                        let end_col = col + c.col_span - 1;
                        let mut name = String::new();
                        let mut n = end_col;
                        while n > 0 {
                            name.insert(0, char::from(b'A' + ((n - 1) % 26) as u8));
                            n = (n - 1) / 26;
                        }
                        merges.insert(format!("{k}:{name}{}", row + c.row_span - 1));
                    }
                    let text = squeeze(&c.text());
                    if !text.is_empty() {
                        cells.insert(
                            k,
                            Ours {
                                text,
                                date: c.date.clone(),
                            },
                        );
                    }
                }
            }
        }
    }
    (cells, merges)
}

/// Whether our text shows this number: exactly, or rounded to the decimals
/// it shows (a "0.00" format), with thousands separators and a percent sign
/// read as such.
fn shows_number(text: &str, want: f64) -> bool {
    let plain: String = text.chars().filter(|&c| c != ',').collect();
    let (digits, scale) = match plain.strip_suffix('%') {
        Some(d) => (d, 100.0),
        None => (plain.as_str(), 1.0),
    };
    let Ok(got) = digits.trim().parse::<f64>() else {
        return false;
    };
    let decimals = digits.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    let shown = (want * scale * 10f64.powi(decimals)).round() / 10f64.powi(decimals);
    (got - want * scale).abs() <= 1e-9 * want.abs().max(1.0) || (got - shown).abs() < 1e-9
}

#[test]
fn other_projects_workbooks_give_the_cells_an_independent_reader_finds() {
    let dir = repo("tests/suites/expected");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/suites/expected")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "expected files: {}", files.len());
    let mut problems = Vec::new();
    let mut checked = 0;
    for json in &files {
        let want = read_json(json);
        let name = want["file"].as_str().expect("file");
        let doc = match read_path(&repo(&format!("tests/suites/{name}")), &Limits::default()) {
            Ok(doc) => doc,
            Err(e) => {
                problems.push(format!("{name}: not read: {e}"));
                continue;
            }
        };
        let (got, got_merges) = ours(&doc);
        let cells = want["cells"].as_object().expect("cells");
        for (key, value) in cells {
            checked += 1;
            let Some(ours) = got.get(key) else {
                problems.push(format!("{name} {key}: missing (want {value})"));
                continue;
            };
            let ok = match value {
                Value::Object(o) if o.contains_key("text") => {
                    ours.text == squeeze(o["text"].as_str().unwrap_or(""))
                }
                Value::Object(o) if o.contains_key("number") => {
                    shows_number(&ours.text, o["number"].as_f64().unwrap_or(f64::NAN))
                }
                Value::Object(o) if o.contains_key("date") => {
                    // A date with a time of day is shown "2014-02-19 14:30"
                    // where no format says how; where one does, its day is
                    // the date's (the format may leave the time out).
                    let d = o["date"].as_str().unwrap_or("");
                    let shown = d.replace('T', " ");
                    let shown = shown.strip_suffix(":00").unwrap_or(&shown);
                    ours.date.as_deref() == Some(d)
                        || ours.text == d
                        || ours.text == shown
                        || ours.date.as_deref().is_some_and(|day| {
                            d.starts_with(day) && d.as_bytes().get(day.len()) == Some(&b'T')
                        })
                }
                Value::Object(o) if o.contains_key("bool") => {
                    ours.text.eq_ignore_ascii_case(&o["bool"].to_string())
                }
                _ => false,
            };
            if !ok {
                problems.push(format!("{name} {key}: ours {:?}, want {value}", ours.text));
            }
        }
        // Nothing of ours that the independent reader does not have.
        for key in got.keys() {
            if !cells.contains_key(key) {
                problems.push(format!(
                    "{name} {key}: ours {:?}, not in the file",
                    got[key].text
                ));
            }
        }
        // Every merged range holding a value is ours, whole.
        for m in want["merges"].as_array().expect("merges") {
            let m = m.as_str().unwrap_or("");
            let anchor = m.split(':').next().unwrap_or("");
            if cells.contains_key(anchor) && !got_merges.contains(m) {
                problems.push(format!(
                    "{name}: merged range {m} not kept whole ({got_merges:?})"
                ));
            }
        }
    }
    assert!(checked > 400, "cells checked: {checked}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn other_projects_files_we_refuse_say_why_in_one_line() {
    let cases = [
        (
            "any_sheets.xlsb",
            "an Excel binary workbook (.xlsb), which is not read: save it as .xlsx",
        ),
        (
            "pass_protected.ods",
            "encrypted OpenDocument spreadsheet: it cannot be read without its password \
             (hint: ask the author for an unprotected copy)",
        ),
        (
            "issue_385.xls",
            "encrypted Excel 97-2003 workbook: it cannot be read without its password \
             (hint: ask the author for an unprotected copy)",
        ),
        (
            "minimal_package.xlsx",
            "an Excel workbook whose main part is workbook.xml, not where Word, Excel and \
             LibreOffice write it, which is not read: open it in Excel or LibreOffice and save \
             it again",
        ),
    ];
    for (file, why) in cases {
        let path = format!("tests/suites/{file}");
        let out = actionplan(&["tables", &path]);
        assert_eq!(out.status.code(), Some(2), "{file}");
        assert_eq!(
            stderr(&out),
            format!("actionplan: error: {path}: {why}\n"),
            "{file}"
        );
        assert!(out.stdout.is_empty(), "{file}");
    }
}
