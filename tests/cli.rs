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
