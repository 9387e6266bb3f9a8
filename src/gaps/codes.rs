//! The gap codes: one list that the rules, `actionplan gaps`, the JSON
//! Schema (`actionplan schema`) and `docs/GAPS.md` all read. To add a gap,
//! add a variant here (code, severity, when it fires, what to do), write
//! its rule in `gaps/mod.rs` and list it in `RULES`; a test checks that
//! docs/GAPS.md and the schema name every code with its severity.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::plan::Severity;

/// A kind of gap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GapCode {
    /// `lead-missing`
    LeadMissing,
    /// `lead-placeholder`
    LeadPlaceholder,
    /// `lead-unconfirmed`
    LeadUnconfirmed,
    /// `due-missing`
    DueMissing,
    /// `due-placeholder`
    DuePlaceholder,
    /// `due-unparsed`
    DueUnparsed,
    /// `due-outside-period`
    DueOutsidePeriod,
    /// `measure-missing`
    MeasureMissing,
    /// `placeholder-text`
    PlaceholderText,
    /// `editor-note`
    EditorNote,
    /// `empty-section`
    EmptySection,
    /// `progress-missing`
    ProgressMissing,
    /// `rag-missing`
    RagMissing,
}

impl GapCode {
    /// Every code, in the order the rules run (and reports list an
    /// action's gaps).
    pub const ALL: [GapCode; 13] = [
        GapCode::LeadMissing,
        GapCode::LeadPlaceholder,
        GapCode::LeadUnconfirmed,
        GapCode::DueMissing,
        GapCode::DuePlaceholder,
        GapCode::DueUnparsed,
        GapCode::DueOutsidePeriod,
        GapCode::MeasureMissing,
        GapCode::PlaceholderText,
        GapCode::EditorNote,
        GapCode::EmptySection,
        GapCode::ProgressMissing,
        GapCode::RagMissing,
    ];

    /// The code as written in every output: `lead-missing`.
    pub fn as_str(self) -> &'static str {
        self.about().0
    }

    /// How serious every gap of this code is.
    pub fn severity(self) -> Severity {
        self.about().1
    }

    /// When the rule fires, in one sentence.
    pub fn meaning(self) -> &'static str {
        self.about().2
    }

    /// What the plan's author does about it.
    pub fn fix(self) -> &'static str {
        self.about().3
    }

    /// The code named by `s` (`lead-missing`), if any.
    pub fn parse(s: &str) -> Option<GapCode> {
        GapCode::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// (code, severity, meaning, fix).
    fn about(self) -> (&'static str, Severity, &'static str, &'static str) {
        use Severity::{Error, Info, Warning};
        match self {
            GapCode::LeadMissing => (
                "lead-missing",
                Error,
                "the action's table has an owner column and this action's owner cell is blank",
                "name the person, post or group who will lead the action",
            ),
            GapCode::LeadPlaceholder => (
                "lead-placeholder",
                Error,
                "the owner (an action's, or a priority's own) is a placeholder such as \"?\", \"??\", \"tba\", \"TBC\" or \"[to be advised]\"",
                "replace the placeholder with a person, post or group",
            ),
            GapCode::LeadUnconfirmed => (
                "lead-unconfirmed",
                Warning,
                "a named owner is marked as not yet agreed (\"Rachel Garton?\")",
                "confirm the owner with them and remove the question mark",
            ),
            GapCode::DueMissing => (
                "due-missing",
                Error,
                "the action's table has a date column and the action has no date or timescale at all",
                "say when the action will be done (a month and year, or a period such as \"Quarterly\")",
            ),
            GapCode::DuePlaceholder => (
                "due-placeholder",
                Error,
                "the date cell is a placeholder such as \"Insert\", \"tba\", \"XX/XX/XX\" or \"[date]\"",
                "write the date the action will be done by",
            ),
            GapCode::DueUnparsed => (
                "due-unparsed",
                Warning,
                "the date cell is neither a date, a period, nor a known ongoing or recurring phrase",
                "write a month and year (\"March 2016\") or a period the reader can check",
            ),
            GapCode::DueOutsidePeriod => (
                "due-outside-period",
                Warning,
                "the date falls before the plan period starts or more than three months after it ends",
                "check the year: the date is probably a typing slip or left over from an earlier plan",
            ),
            GapCode::MeasureMissing => (
                "measure-missing",
                Warning,
                "the table has a success-measure (impact, expected outcome) column and this action's cell is empty",
                "say how you will know the action worked",
            ),
            GapCode::PlaceholderText => (
                "placeholder-text",
                Warning,
                "a cell says it will be filled in later (\"To be populated by ...\", \"[data to be provided]\")",
                "fill the cell in, or remove the text",
            ),
            GapCode::EditorNote => (
                "editor-note",
                Warning,
                "a drafting note, open question or reviewer's comment is left in the plan (\"Discuss with Paul\")",
                "resolve the note and remove it before the plan is published",
            ),
            GapCode::EmptySection => (
                "empty-section",
                Warning,
                "a priority or section has no actions",
                "add the section's actions, or remove the section",
            ),
            GapCode::ProgressMissing => (
                "progress-missing",
                Info,
                "with --as-of DATE: the due date has passed and no progress is recorded",
                "record progress against the action, or move its date",
            ),
            GapCode::RagMissing => (
                "rag-missing",
                Info,
                "the table has a RAG column and the action has no rating",
                "give the action a red, amber or green rating",
            ),
        }
    }
}

impl fmt::Display for GapCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for GapCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for GapCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_parses_back_and_is_listed_once() {
        for c in GapCode::ALL {
            assert_eq!(GapCode::parse(c.as_str()), Some(c));
        }
        let mut names: Vec<&str> = GapCode::ALL.iter().map(|c| c.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), GapCode::ALL.len());
        assert_eq!(GapCode::parse("lead-misssing"), None);
    }

    #[test]
    fn docs_gaps_md_lists_every_code_with_its_severity() {
        let doc = include_str!("../../docs/GAPS.md");
        for c in GapCode::ALL {
            let row = format!("| `{}` | {} |", c.as_str(), c.severity().name());
            assert!(doc.contains(&row), "docs/GAPS.md lacks the row {row}");
        }
        let rows = doc.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(
            rows,
            GapCode::ALL.len(),
            "docs/GAPS.md lists a code the rules do not know"
        );
    }
}
