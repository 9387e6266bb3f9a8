//! Bad inputs: each gives exactly one clear error line naming the file and
//! the problem, exit code 2, and no panic. Files are made by
//! `tests/hostile/make_hostile.py` (python-docx and zipfile, not our code).

use crate::util::{actionplan, stderr, stdout};

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
