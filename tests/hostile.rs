//! Bad inputs: each gives exactly one clear error line naming the file and
//! the problem, exit code 2, and no panic; or, where the damage can be read
//! past, the document and a warning. Files are made by the scripts in
//! `tests/hostile/` (python-docx, openpyxl, pikepdf and the standard
//! library, not our code): `make_hostile.py`, `make_hostile_sheets.py`,
//! `make_hostile_pdf.py`, `make_hostile_more.py` (one file per limit,
//! and the inputs fuzzing found) and `make_hostile_19.py` (issue 19:
//! absurd cross-reference streams, a lying /Count, undecodable content,
//! huge and overlapping merges, files once given untrue messages). Every
//! file in the folder must end within 2 s and 200 MB, with exit code 0 or
//! 2.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{actionplan, first_text, repo, root, stderr, stdout};

/// (file, the exact error line)
const CASES: &[(&str, &str)] = &[
    (
        "tests/hostile/empty.docx",
        "actionplan: error: tests/hostile/empty.docx: the file is empty (hint: the file may be truncated: download or copy it again)",
    ),
    (
        "tests/hostile/not-word.docx",
        "actionplan: error: tests/hostile/not-word.docx: not a Word, Excel, OpenDocument or PDF file: the file is CSV text, not a workbook: open it in a spreadsheet and save it as .xlsx",
    ),
    (
        "tests/hostile/truncated.docx",
        "actionplan: error: tests/hostile/truncated.docx: damaged zip container: invalid Zip archive: Could not find EOCD (hint: the file may be truncated: download or copy it again)",
    ),
    (
        "tests/hostile/zip-bomb.docx",
        "actionplan: error: tests/hostile/zip-bomb.docx: part word/document.xml inflates past the limit of 67108864 bytes (zip bomb?) (hint: if the file is genuine, raise the limit with --max-part-mb)",
    ),
    (
        "tests/hostile/entity-bomb.docx",
        "actionplan: error: tests/hostile/entity-bomb.docx: malformed XML in word/document.xml at byte 742: a DOCTYPE declaration (not allowed in Office files; entity expansion refused)",
    ),
    (
        "tests/hostile/encrypted.docx",
        "actionplan: error: tests/hostile/encrypted.docx: an OLE compound file (password-protected, or a legacy Word 97-2003 .doc), not an Office Open XML document (hint: if it is password-protected, ask the author for an unprotected copy; if it is an old .doc, save it as .docx)",
    ),
    (
        "tests/hostile/plain-zip.docx",
        "actionplan: error: tests/hostile/plain-zip.docx: not a Word, Excel, OpenDocument or PDF file: a zip archive (1 entry), not an Office document",
    ),
    (
        "tests/hostile/pdf-named-docx.docx",
        "actionplan: error: tests/hostile/pdf-named-docx.docx: damaged PDF: failed parsing cross reference table: invalid start value (hint: the file may be truncated: download or copy it again)",
    ),
    (
        "tests/hostile/broken-xml.docx",
        "actionplan: error: tests/hostile/broken-xml.docx: malformed XML in word/document.xml at byte 25: the part ends inside an open element (truncated?)",
    ),
    // tests/hostile/make_hostile_more.py: one file per limit.
    (
        "tests/hostile/zip-bomb.xlsx",
        "actionplan: error: tests/hostile/zip-bomb.xlsx: part xl/worksheets/sheet1.xml inflates past the limit of 67108864 bytes (zip bomb?) (hint: if the file is genuine, raise the limit with --max-part-mb)",
    ),
    (
        "tests/hostile/entity-bomb.xlsx",
        "actionplan: error: tests/hostile/entity-bomb.xlsx: malformed XML in xl/sharedStrings.xml at byte 742: a DOCTYPE declaration (not allowed in Office files; entity expansion refused)",
    ),
    (
        "tests/hostile/deep-nesting.docx",
        "actionplan: error: tests/hostile/deep-nesting.docx: XML in word/document.xml nests deeper than 256 elements",
    ),
    (
        "tests/hostile/deep-nesting.xlsx",
        "actionplan: error: tests/hostile/deep-nesting.xlsx: XML in xl/worksheets/sheet1.xml nests deeper than 256 elements",
    ),
    (
        "tests/hostile/huge-range.xls",
        "actionplan: error: tests/hostile/huge-range.xls: sheet \"Improvement Plan\" spans A2:IV65536 (16776960 cells), over the limit of 500000 cells",
    ),
    (
        "tests/hostile/huge-range.ods",
        "actionplan: error: tests/hostile/huge-range.ods: sheet \"Plan\" spans A1:XFD1048576 (17179869184 cells), over the limit of 500000 cells",
    ),
    (
        "tests/hostile/sparse-range.ods",
        "actionplan: error: tests/hostile/sparse-range.ods: sheet \"Plan\" spans A1:ALM50002 (50052002 cells), over the limit of 500000 cells",
    ),
    // Found by fuzzing (README, Fuzzing): each aborted the process, or
    // looped, before its fix.
    (
        "tests/hostile/sst-count.xlsx",
        "actionplan: error: tests/hostile/sst-count.xlsx: unreadable spreadsheet: xl/sharedStrings.xml declares 100000000000 unique strings, more than it can hold (damaged?)",
    ),
    (
        "tests/hostile/huge-dimensions.xls",
        "actionplan: error: tests/hostile/huge-dimensions.xls: sheet \"Improvement Plan\" declares 34359738360 cells, over the limit of 500000 cells",
    ),
    (
        "tests/hostile/looping-chain.xls",
        "actionplan: error: tests/hostile/looping-chain.xls: unreadable spreadsheet: damaged Excel 97-2003 file: a sector chain of the compound file loops",
    ),
    (
        "tests/hostile/wide-range.xls",
        "actionplan: error: tests/hostile/wide-range.xls: sheet \"Improvement Plan\" spans A1:CRNU43 (2807083 cells), over the limit of 500000 cells",
    ),
    (
        "tests/hostile/part-name-case.xlsx",
        "actionplan: error: tests/hostile/part-name-case.xlsx: sheet \"Plan\" spans A1:XFD1048576 (17179869184 cells), over the limit of 500000 cells",
    ),
    (
        "tests/hostile/reversed-merge.xlsx",
        "actionplan: error: tests/hostile/reversed-merge.xlsx: unreadable spreadsheet: xl/worksheets/sheet1.xml: range \"A3:A2\" ends before it starts (damaged?)",
    ),
    (
        "tests/hostile/huge-cell-ref.xlsx",
        "actionplan: error: tests/hostile/huge-cell-ref.xlsx: unreadable spreadsheet: xl/worksheets/sheet1.xml: cell reference \"A4294967297\" is outside a sheet's A1:XFD1048576 (damaged?)",
    ),
    (
        "tests/hostile/long-letters-ref.xlsx",
        "actionplan: error: tests/hostile/long-letters-ref.xlsx: unreadable spreadsheet: xl/worksheets/sheet1.xml: cell reference \"Configurations2/C3\" is outside a sheet's A1:XFD1048576 (damaged?)",
    ),
    // tests/hostile/make_hostile_19.py (issue 19). Cross-reference streams
    // whose claims lopdf would allocate (or loop over) before this check:
    // each aborted or hung the process.
    (
        "tests/hostile/xref-w-huge.pdf",
        "actionplan: error: tests/hostile/xref-w-huge.pdf: damaged PDF: the cross-reference stream at byte 564 declares an entry field of 2147483647 bytes (/W [1 2147483647 1]); a field is at most 8 bytes",
    ),
    (
        "tests/hostile/xref-w-overflow.pdf",
        "actionplan: error: tests/hostile/xref-w-overflow.pdf: damaged PDF: the cross-reference stream at byte 564 declares an entry field of 99999999999 bytes (/W [1 99999999999 1]); a field is at most 8 bytes",
    ),
    (
        "tests/hostile/xref-index-huge.pdf",
        "actionplan: error: tests/hostile/xref-index-huge.pdf: damaged PDF: the cross-reference stream at byte 564 declares 2147483647 entries (/Index [0 2147483647]) but holds 7 (49 bytes of 7-byte entries)",
    ),
    (
        "tests/hostile/xref-w-zero.pdf",
        "actionplan: error: tests/hostile/xref-w-zero.pdf: damaged PDF: the cross-reference stream at byte 564 declares 2147483647 entries of 0 bytes each (/W [0 0 0], /Index [0 2147483647])",
    ),
    (
        "tests/hostile/xref-size-huge.pdf",
        "actionplan: error: tests/hostile/xref-size-huge.pdf: damaged PDF: the cross-reference stream at byte 564 declares 2147483647 entries (/Size 2147483647) but holds 7 (49 bytes of 7-byte entries)",
    ),
    // An object stream inflating to 80 MiB: lopdf inflates it in full.
    (
        "tests/hostile/objstm-bomb.pdf",
        "actionplan: error: tests/hostile/objstm-bomb.pdf: damaged PDF: its object streams inflate past the limit of 67108864 bytes in all (a bomb?); the one at byte 461 passes it",
    ),
    // No page's content can be decoded: an error, not an empty plan.
    (
        "tests/hostile/length-zero.pdf",
        "actionplan: error: tests/hostile/length-zero.pdf: damaged PDF: none of its 2 pages could be read; page 1: content stream 11 0 could not be read as a stream (its /Length is wrong?)",
    ),
    (
        "tests/hostile/flate-random.pdf",
        "actionplan: error: tests/hostile/flate-random.pdf: damaged PDF: none of its 2 pages could be read; page 1: content stream 11 0 could not be decoded (its FlateDecode data is damaged)",
    ),    // Each was called something it is not.
    (
        "tests/hostile/binary-workbook.xlsb",
        "actionplan: error: tests/hostile/binary-workbook.xlsb: an Excel binary workbook (.xlsb), which is not read: save it as .xlsx",
    ),
    (
        "tests/hostile/minimal-package.docx",
        "actionplan: error: tests/hostile/minimal-package.docx: not a Word, Excel, OpenDocument or PDF file: an Office Open XML package with neither a Word document nor an Excel workbook in it",
    ),
    (
        "tests/hostile/encrypted.ods",
        "actionplan: error: tests/hostile/encrypted.ods: encrypted OpenDocument spreadsheet: it cannot be read without its password (hint: ask the author for an unprotected copy)",
    ),
    (
        "tests/hostile/encrypted-xor.xls",
        "actionplan: error: tests/hostile/encrypted-xor.xls: encrypted Excel 97-2003 workbook: it cannot be read without its password (hint: ask the author for an unprotected copy)",
    ),    // calamine's "End of stream 'record length'", in our words.
    (
        "tests/hostile/record-length.xls",
        "actionplan: error: tests/hostile/record-length.xls: unreadable spreadsheet: a record runs past the end of the workbook's data (damaged?)",
    ),
    // A part that fails its checksum is damaged, not truncated.
    (
        "tests/hostile/checksum-error.xlsx",
        "actionplan: error: tests/hostile/checksum-error.xlsx: damaged zip container: part xl/worksheets/sheet1.xml: Invalid checksum (hint: the file is damaged: download or copy it again)",
    ),
];

#[test]
fn each_hostile_file_gives_its_one_line_error_and_exit_2() {
    for (file, expected) in CASES {
        let out = actionplan(&["tables", file]);
        assert_eq!(out.status.code(), Some(2), "{file}: exit code");
        assert_eq!(stdout(&out), "", "{file}: nothing on stdout");
        assert_eq!(stderr(&out), format!("{expected}\n"), "{file}: stderr");
    }
}

#[test]
fn a_missing_file_names_the_file() {
    let out = actionplan(&["tables", "no/such/plan.docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "actionplan: error: no/such/plan.docx: cannot read file: No such file or directory (os error 2)\n"
    );
}

#[test]
fn the_zip_bomb_limit_can_be_raised_and_lowered() {
    // With a lower part limit the same message names the new limit.
    let out = actionplan(&[
        "tables",
        "--max-part-mb",
        "1",
        "tests/hostile/zip-bomb.docx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("inflates past the limit of 1048576 bytes"),
        "{}",
        stderr(&out)
    );
}

/// (file, the exact stderr, the first cell of the first table or None for
/// no table): damage that can be read past, and a good file misnamed.
const READ_PAST: &[(&str, &str, Option<&str>)] = &[
    // Files are recognised by their bytes, not their names.
    ("tests/hostile/docx-named-pdf.pdf", "", Some("No.")),
    // Found by fuzzing: docx-rs looped forever on a styles part without a
    // w:styles root (here an empty one).
    (
        "tests/hostile/styles-empty.docx",
        "actionplan: warning: tests/hostile/styles-empty.docx: word/styles.xml could not be read (its root element is not w:styles); headings and list styles are not recognised\n",
        Some("No."),
    ),
    // Found by fuzzing: docx-rs panics on a comment without w:id; the panic
    // is contained and must not print anything but the warning.
    (
        "tests/hostile/comment-no-id.docx",
        "actionplan: warning: tests/hostile/comment-no-id.docx: word/comments.xml could not be read (docx-rs panicked while parsing it); comments are not read\n",
        Some("No."),
    ),
    // A content stream inflating past the 64 MiB limit is not read.
    (
        "tests/hostile/flate-bomb.pdf",
        "actionplan: warning: tests/hostile/flate-bomb.pdf: its content passes 67108864 bytes; the rest of the page is not read (page 1)\n",
        None,
    ),
    // Issue 19: a list typed down one column gives no table, and says so.
    (
        "tests/hostile/single-column.xlsx",
        "actionplan: warning: tests/hostile/single-column.xlsx: sheet \"Plan\" holds text in one column only (A1:A4): it is read as text, not as a table; give it a header row and a second column if it lists actions (sheet Plan)\n",
        None,
    ),
    // 50,000 nested arrays, and a cross-reference section that is its own
    // /Prev: lopdf copes.
    ("tests/hostile/deep-arrays.pdf", "", Some("Hello")),
    ("tests/hostile/xref-loop.pdf", "", Some("Hello")),
    // Issue 19: one page of two cannot be decoded: the other is read, and
    // the damaged one named.
    (
        "tests/hostile/flate-random-page-2.pdf",
        "actionplan: warning: tests/hostile/flate-random-page-2.pdf: content stream 13 0 could not be decoded (its FlateDecode data is damaged); it is not read (page 2)\n",
        Some("Page1"),
    ),
    // /Count is never believed: an overflowing one, or one of two billion,
    // on an 11-page file (see also `the_page_tree_is_counted`).
    ("tests/hostile/count-huge.pdf", "", Some("Page1")),
    ("tests/hostile/count-2147483647.pdf", "", Some("Page1")),    // A 32,000-character cell merged over 5,000 rows x 20 columns, or
    // 10,000 rows: its text is kept once (3 GB and 30 s before), and said.
    (
        "tests/hostile/merged-5000x20.docx",
        "actionplan: warning: tests/hostile/merged-5000x20.docx: a cell merged over 5000 rows and 20 columns holds 31999 characters; its text is kept once, in its first row and column (table 1, row 2, column 1)\n",
        Some("Head0"),
    ),
    (
        "tests/hostile/merged-10000x1.docx",
        "actionplan: warning: tests/hostile/merged-10000x1.docx: a cell merged over 10000 rows holds 31999 characters; its text is kept once, in its first row and column (table 1, row 2, column 1)\n",
        Some("Head0"),
    ),
    // Issue 19: a valid 50 MB cell (a 100 KB file) took 2.3 s and 300 MB to
    // convert; every stage after reading works on bounded text.
    (
        "tests/hostile/huge-cell.docx",
        "actionplan: warning: tests/hostile/huge-cell.docx: a cell holds 50000000 characters: only its first 100000 are kept (a plan's cells hold a few thousand) (table 1, row 2, column 2)\n",
        Some("No."),
    ),
    // Merges that made the sheet's table disappear: a title merged over
    // its whole row (A1:XFD1), one merge over the whole sheet, 200
    // overlapping merges.
    ("tests/hostile/whole-row-merge.xlsx", "", Some("No.")),
    (
        "tests/hostile/whole-sheet-merge.xlsx",
        "actionplan: warning: tests/hostile/whole-sheet-merge.xlsx: 1 merged range is not applied, for overlapping another or hiding cells that hold values (the first: A1:XFD1048576) (sheet Plan)\n",
        Some("No."),
    ),
    (
        "tests/hostile/overlapping-merges.xlsx",
        "actionplan: warning: tests/hostile/overlapping-merges.xlsx: 199 merged ranges are not applied, for overlapping another or hiding cells that hold values (the first: B3:B4) (sheet Plan)\n",
        Some("No."),
    ),
    // Read, where they were refused: part names with backslashes, a UTF-16
    // part nothing reads, a compound file's stream named in capitals.
    ("tests/hostile/backslash-names.xlsx", "", Some("No.")),
    ("tests/hostile/merge-past-last-row.xlsx", "", Some("No.")),
    ("tests/hostile/utf16-customxml.xlsx", "", Some("No.")),
    (
        "tests/hostile/workbook-capitals.xls",
        "actionplan: warning: tests/hostile/workbook-capitals.xls: Excel 97-2003 workbook: fills and hidden rows and columns are not read\n",
        Some("SafeGuarding Priorities/Outcomes"),
    ),
    (
        "tests/hostile/date-1904.xls",
        "actionplan: warning: tests/hostile/date-1904.xls: Excel 97-2003 workbook: fills and hidden rows and columns are not read\n",
        Some("SafeGuarding Priorities/Outcomes"),
    ),
];

/// Durations and times of day (tests/hostile/make_hostile_durations.py:
/// openpyxl wrote the .xlsx, LibreOffice converted it): body rows as
/// Excel and Calc display them (10 days 15:10:10 in `[h]:mm:ss` is
/// "255:10:10", not the serial 10.63206019 nor "PT255H10M10S"). The .xls
/// reader reads number formats too (dates as their format shows them);
/// the .ods reader gives times as elapsed time.
const DISPLAYED: &[(&str, [[&str; 6]; 2])] = &[
    (
        "tests/hostile/durations.xlsx",
        [
            [
                "1",
                "Audit referrals",
                "Sam Lee",
                "31/03/2025",
                "255:10:10",
                "10:30",
            ],
            [
                "2",
                "Train staff",
                "Ann Roe",
                "30/06/2025 14:45",
                "2:30:00",
                "09:15:20",
            ],
        ],
    ),
    (
        "tests/hostile/durations.ods",
        [
            [
                "1",
                "Audit referrals",
                "Sam Lee",
                "31/03/2025",
                "255:10:10",
                "10:30:00",
            ],
            [
                "2",
                "Train staff",
                "Ann Roe",
                "30/06/2025 14:45",
                "2:30:00",
                "9:15:20",
            ],
        ],
    ),
    (
        "tests/hostile/durations.xls",
        [
            [
                "1",
                "Audit referrals",
                "Sam Lee",
                "31/03/2025",
                "255:10:10",
                "10:30",
            ],
            [
                "2",
                "Train staff",
                "Ann Roe",
                "30/06/2025 14:45",
                "2:30:00",
                "09:15:20",
            ],
        ],
    ),
];

#[test]
fn durations_and_times_of_day_read_as_displayed() {
    for (file, want) in DISPLAYED {
        let out = actionplan(&["tables", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let v: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
        for (i, row) in want.iter().enumerate() {
            assert_eq!(
                v["tables"][0]["rows"][i + 1],
                serde_json::json!(row),
                "{file} row {}",
                i + 1
            );
        }
    }
}

#[test]
fn an_xls_in_the_1904_date_system_gives_its_dates() {
    // The fixture's 2014-06-01 is serial 41791 from 1900; the same serial
    // from 1904 is 1,462 days later (it was read as 2014-06-01). Both show
    // as their cells' format ("mmm-yy") says.
    let cell = |file: &str| {
        let out = actionplan(&["tables", file]);
        let v: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
        v["tables"][0]["rows"][2][3].clone()
    };
    assert_eq!(cell("fixtures/sheets/plymouth-milestones.xls"), "Jun-14");
    assert_eq!(cell("tests/hostile/date-1904.xls"), "Jun-18");
}

#[test]
fn merged_sheets_keep_their_whole_table() {
    // Every plan row and column is there, and the one sound merge of the
    // 200 spans the objective of rows 2 and 3.
    for file in [
        "tests/hostile/whole-row-merge.xlsx",
        "tests/hostile/whole-sheet-merge.xlsx",
        "tests/hostile/overlapping-merges.xlsx",
    ] {
        let out = actionplan(&["tables", file]);
        let v: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
        let rows = v["tables"][0]["rows"].as_array().expect("rows");
        assert_eq!(rows.len(), 4, "{file}");
        assert_eq!(rows[0].as_array().map(Vec::len), Some(5), "{file}");
        assert_eq!(rows[3][2], "Publish dashboard", "{file}");
    }
    // A header merged over two rows, the second empty, and an objective
    // merged two rows past the last action: one table, each merge whole (the
    // empty row neither splits the table nor cuts the header's merges), and
    // the rows holding only the merged objective are not actions.
    let file = "tests/hostile/merge-past-last-row.xlsx";
    let v: Value = serde_json::from_str(&stdout(&actionplan(&["tables", file]))).expect("JSON");
    assert_eq!(v["tables"].as_array().map(Vec::len), Some(1));
    let t = &v["tables"][0];
    assert_eq!(t["range"], "A1:E7");
    assert_eq!(
        t["merges"][0],
        serde_json::json!({"row": 0, "col": 0, "rows": 2, "cols": 1})
    );
    assert_eq!(
        t["merges"][5],
        serde_json::json!({"row": 4, "col": 1, "rows": 3, "cols": 1})
    );
    let plan: Value =
        serde_json::from_str(&stdout(&actionplan(&["convert", "--stdout", file]))).expect("JSON");
    let actions = plan["actions"].as_array().expect("actions");
    assert_eq!(actions.len(), 3);
    assert_eq!(actions[2]["objective"], "Better data");
    assert_eq!(actions[2]["action"], "Publish dashboard");
    let out = actionplan(&["tables", "tests/hostile/overlapping-merges.xlsx"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
    assert_eq!(v["tables"][0]["rows"][2][1], "Safer children");
    assert_eq!(v["tables"][0]["rows"][3][1], "");
}

#[test]
fn the_page_tree_is_counted_whatever_count_says() {
    for file in [
        "tests/hostile/count-huge.pdf",
        "tests/hostile/count-2147483647.pdf",
    ] {
        let out = actionplan(&["convert", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let v: Value = serde_json::from_str(&stdout(&out)).expect("convert prints JSON");
        assert_eq!(v["source"]["pages"], 11, "{file}");
        // Every page's cell is read: the table runs from Page1 to Page11.
        let out = actionplan(&["tables", file]);
        let text = stdout(&out);
        assert!(text.contains("\"Page11\""), "{file}: {text}");
    }
}

#[test]
fn damage_that_can_be_read_past_is_read() {
    for (file, err, cell) in READ_PAST {
        let out = actionplan(&["tables", file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        assert_eq!(stderr(&out), *err, "{file}: stderr");
        let v: Value = serde_json::from_str(&stdout(&out)).expect("tables prints JSON");
        let first = v["tables"][0]["rows"][0][0]
            .as_str()
            .map(str::to_string)
            // A one-cell box in a PDF is text, not a table.
            .unwrap_or_else(|| first_text(file));
        match cell {
            Some(c) => assert_eq!(first, *c, "{file}: first cell"),
            None => assert_eq!(v["tables"], Value::Array(Vec::new()), "{file}: no table"),
        }
    }
}

/// Every input file in tests/hostile/ (not the scripts that make them).
fn hostile_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo("tests/hostile"))
        .expect("tests/hostile")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_none_or(|x| x != "py"))
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            format!("tests/hostile/{name}")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_hostile_file_is_covered_by_an_exact_test() {
    // A new file in tests/hostile/ must say what it gives.
    let pdf_errors = [
        "tests/hostile/encrypted-user-password.pdf",
        "tests/hostile/truncated.pdf",
    ];
    let pdf_read = [
        "tests/hostile/reference-cycle.pdf",
        "tests/hostile/garbage-content.pdf",
        "tests/hostile/encrypted-owner-only.pdf",
        "tests/hostile/encrypted-owner-only-aes256.pdf",
        "tests/hostile/symbols-unmapped.pdf",
    ];
    let sheet_errors = [
        "tests/hostile/encrypted.xlsx",
        "tests/hostile/truncated.xlsx",
        "tests/hostile/csv-named.xlsx",
        "tests/hostile/broken-sheet.xlsx",
        "tests/hostile/huge-range.xlsx",
    ];
    for f in hostile_files() {
        let covered = CASES.iter().any(|(c, _)| *c == f)
            || READ_PAST.iter().any(|(c, _, _)| *c == f)
            || pdf_errors.contains(&f.as_str())
            || pdf_read.contains(&f.as_str())
            || sheet_errors.contains(&f.as_str())
            || DISPLAYED.iter().any(|(c, _)| *c == f);
        assert!(covered, "{f} has no test of what it gives");
    }
}

/// Run `actionplan tables FILE` under `/usr/bin/time` where there is one:
/// (exit code of the command, wall time, peak memory in KiB if measured).
fn measured(file: &str, time_out: &Path) -> (Option<i32>, Duration, Option<u64>) {
    let bin = env!("CARGO_BIN_EXE_actionplan");
    let gnu_time = Path::new("/usr/bin/time");
    let start = Instant::now();
    if gnu_time.exists() {
        let out = Command::new(gnu_time)
            .args(["-f", "%x %M", "-o"])
            .arg(time_out)
            .args([bin, "tables", file])
            .current_dir(root())
            .output()
            .expect("/usr/bin/time runs");
        let elapsed = start.elapsed();
        let report = std::fs::read_to_string(time_out).unwrap_or_default();
        // The last line is ours; a signal adds "Command terminated by
        // signal N" before it.
        assert!(
            !report.contains("signal"),
            "{file}: the process was killed: {report}"
        );
        let mut fields = report.lines().last().unwrap_or("").split_whitespace();
        let code = fields.next().and_then(|c| c.parse().ok());
        let kib = fields.next().and_then(|m| m.parse().ok());
        assert_eq!(
            out.status.code(),
            code,
            "{file}: /usr/bin/time passes the code on"
        );
        (code, elapsed, kib)
    } else {
        let out = actionplan(&["tables", file]);
        (out.status.code(), start.elapsed(), None)
    }
}

#[test]
fn every_hostile_file_ends_with_exit_0_or_2_within_2_s_and_200_mb() {
    let dir = std::env::temp_dir().join(format!("actionplan-budget-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let time_out = dir.join("time.txt");
    if !Path::new("/usr/bin/time").exists() {
        println!("note: /usr/bin/time is absent; peak memory is not measured");
    }
    let files = hostile_files();
    assert!(files.len() >= 30, "{} files", files.len());
    for file in &files {
        let (code, elapsed, kib) = measured(file, &time_out);
        assert!(
            matches!(code, Some(0) | Some(2)),
            "{file}: exit code {code:?} (0 or 2 expected, never a crash)"
        );
        assert!(elapsed < Duration::from_secs(2), "{file}: took {elapsed:?}");
        if let Some(kib) = kib {
            assert!(kib < 200 * 1024, "{file}: peak memory {kib} KiB");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The PDF fixtures: fixtures/pdf and any under fixtures/recognition.
fn pdf_fixtures() -> Vec<String> {
    let mut out = Vec::new();
    for dir in ["fixtures/pdf", "fixtures/recognition"] {
        for e in std::fs::read_dir(repo(dir)).expect("fixtures").flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".pdf") {
                out.push(format!("{dir}/{name}"));
            }
        }
    }
    out.sort();
    out
}

/// What `actionplan convert` makes of a file, less what names the file
/// itself (its path and checksum).
fn converted(file: &str) -> Value {
    let out = actionplan(&["convert", file]);
    assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
    let mut v: Value = serde_json::from_str(&stdout(&out)).expect("convert prints JSON");
    for key in ["file", "sha256"] {
        v["source"]
            .as_object_mut()
            .expect("source")
            .remove(key)
            .expect("the key is there");
    }
    v
}

#[test]
fn a_lossless_rewrite_with_qpdf_gives_the_same_plan() {
    // qpdf renumbers objects, moves them into object streams or out, and
    // rewrites the cross-reference table; the pages' content is the same.
    // Nothing the reader gives may change (object numbers, dictionary
    // order and the structure tree lookup once made it).
    let has_qpdf = Command::new("qpdf")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_qpdf {
        println!("note: qpdf is absent; lossless rewrites are not compared");
        return;
    }
    let dir = std::env::temp_dir().join(format!("actionplan-qpdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let fixtures = pdf_fixtures();
    assert!(fixtures.len() >= 9, "{fixtures:?}");
    let rewrites: &[(&str, &[&str])] = &[
        ("objstm", &["--object-streams=generate"]),
        ("qdf", &["--qdf", "--object-streams=disable"]),
        ("linear", &["--linearize"]),
    ];
    for file in &fixtures {
        let original = converted(file);
        assert!(
            original["actions"]
                .as_array()
                .is_some_and(|a| !a.is_empty())
                || original["other_tables"]
                    .as_array()
                    .is_some_and(|a| !a.is_empty()),
            "{file}: something is read"
        );
        for (tag, args) in rewrites {
            let name = Path::new(file).file_stem().expect("stem").to_string_lossy();
            let out = dir.join(format!("{name}.{tag}.pdf"));
            let status = Command::new("qpdf")
                .args(*args)
                .arg(repo(file))
                .arg(&out)
                .status()
                .expect("qpdf runs");
            // 3: written, with warnings.
            assert!(matches!(status.code(), Some(0 | 3)), "qpdf {tag} {file}");
            let rewritten = converted(out.to_str().expect("UTF-8 path"));
            assert_eq!(
                rewritten["actions"], original["actions"],
                "{file}, rewritten by qpdf {args:?}: actions"
            );
            assert_eq!(
                rewritten, original,
                "{file}, rewritten by qpdf {args:?}: the whole plan"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
