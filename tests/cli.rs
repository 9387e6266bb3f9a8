//! Command-line behaviour that is not about one format.

use crate::util::{actionplan, stdout};

#[test]
fn help_teaches_the_commands_and_exit_codes() {
    let out = actionplan(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    assert!(help.contains("tables"), "{help}");
    assert!(help.contains("Exit codes"), "{help}");
    let out = actionplan(&["tables", "--help"]);
    let help = stdout(&out);
    assert!(help.contains("--format"), "{help}");
    assert!(help.contains("csv"), "{help}");
}

#[test]
fn no_arguments_is_a_usage_error() {
    let out = actionplan(&[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn tables_reads_several_files_in_order_and_reports_a_bad_one() {
    let out = actionplan(&[
        "tables",
        "fixtures/plans/banes-rag.docx",
        "tests/hostile/empty.docx",
        "fixtures/pdf/banes-rag.pdf",
    ]);
    assert_eq!(out.status.code(), Some(2), "one file failed");
    assert_eq!(
        crate::util::stderr(&out),
        "actionplan: error: tests/hostile/empty.docx: the file is empty (hint: the file may be truncated: download or copy it again)\n"
    );
    let docs: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("a JSON array");
    let files: Vec<&str> = docs
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["file"].as_str().expect("file"))
        .collect();
    assert_eq!(
        files,
        [
            "fixtures/plans/banes-rag.docx",
            "fixtures/pdf/banes-rag.pdf"
        ]
    );
    // The Word plan and its PDF give the same header row.
    assert_eq!(
        docs[0]["tables"][0]["rows"][0],
        docs[1]["tables"][0]["rows"][0]
    );

    let out = actionplan(&[
        "tables",
        "--format",
        "csv",
        "fixtures/plans/banes-rag.docx",
        "fixtures/sheets/plymouth-milestones.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    let first = text.lines().next().expect("a record");
    assert_eq!(
        first,
        "fixtures/plans/banes-rag.docx,0,0,Issue,Sub group or Lead,Actions for 2015-16,Completion Date,Progress (RAG)"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("fixtures/sheets/plymouth-milestones.xlsx,0,0,")),
        "{text}"
    );
}
