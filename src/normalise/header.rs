//! A table's header as the recognition stage laid it out
//! ([`crate::layout::recognise`]): the column map, where the body starts,
//! which body rows repeat the header, and the part of a table a layout
//! covers (a table cut at a second header is read as two). Normalisation
//! never looks at header text itself.

use std::borrow::Cow;

use crate::layout::{ColumnMap, TableLayout};
use crate::model::{SourceLoc, Table};

/// A table's header: its column map and where its body starts.
#[derive(Debug, Clone)]
pub(super) struct TableHeader {
    /// What each column means.
    pub map: ColumnMap,
    /// The first row below the header (and below any marked header rows).
    pub body_start: usize,
    /// Body rows that print the header again.
    repeats: Vec<usize>,
}

impl TableHeader {
    /// The header of the part of a table a layout covers (rows counted from
    /// the part's first row).
    pub fn of(t: &Table, l: &TableLayout) -> TableHeader {
        let map = ColumnMap {
            headers: l.columns.iter().map(|c| c.header.clone()).collect(),
            columns: l.columns.iter().map(|c| c.fields.clone()).collect(),
            score: l.columns.iter().map(|c| c.score).sum(),
            exact: 0,
        };
        TableHeader {
            map,
            body_start: (l.body_start() - l.start).max(t.header_rows),
            repeats: l.repeats.iter().map(|r| r - l.start).collect(),
        }
    }

    /// Whether a body row is the header printed again.
    pub fn repeats(&self, r: usize) -> bool {
        self.repeats.contains(&r)
    }
}

/// Rows `start..end` of a table as a table of their own (the whole table
/// when they are all of it). The part keeps the table's index; `source.row`
/// says at which row it starts.
pub(super) fn part(t: &Table, start: usize, end: usize) -> Cow<'_, Table> {
    if start == 0 && end >= t.n_rows {
        return Cow::Borrowed(t);
    }
    let cells = t
        .cells
        .iter()
        .filter(|c| c.row < end && c.row + c.row_span > start)
        .map(|c| {
            let mut c = c.clone();
            let top = c.row.max(start);
            let bottom = (c.row + c.row_span).min(end);
            c.row = top - start;
            c.row_span = bottom - top;
            c
        })
        .collect();
    Cow::Owned(Table {
        index: t.index,
        parent: t.parent,
        n_rows: end - start,
        n_cols: t.n_cols,
        header_rows: if start == 0 { t.header_rows } else { 0 },
        cells,
        source: SourceLoc {
            row: Some(start),
            ..t.source.clone()
        },
        range: t.range.clone(),
        hidden: t.hidden,
        hidden_rows: t
            .hidden_rows
            .iter()
            .filter(|&&r| (start..end).contains(&r))
            .map(|r| r - start)
            .collect(),
        hidden_cols: t.hidden_cols.clone(),
        column_x: t.column_x.clone(),
        row_levels: t
            .row_levels
            .iter()
            .filter(|(r, _)| (start..end).contains(r))
            .map(|&(r, l)| (r - start, l))
            .collect(),
        sideways: t.sideways,
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{normalise_builtin as normalise, sheet_table};
    use crate::model::{Block, Table};

    #[test]
    fn a_row_naming_only_its_priority_is_no_action() {
        let rows: &[&[&str]] = &[
            &["Ref", "Priority", "Outcome", "Task", "Lead", "Due"],
            &["L1", "Training", "Refresh the offer", "Trainer", "Autumn"],
            &[
                "L2",
                "Training",
                "Recruit trainers",
                "Coordinator",
                "March 2023",
            ],
            &["", "Online safety", "", "", ""],
            &["", "Commissioning", "Every contract has a clause", "", ""],
            &[
                "L3",
                "Data",
                "Agree the dataset",
                "Performance Lead",
                "June 2023",
            ],
        ];
        let mut doc = sheet_table(&["x"], &["y"], &[]);
        doc.blocks = vec![Block::Table(Table::from_text_rows(0, rows, &[]))];
        let n = normalise(&doc);
        let ids: Vec<Option<&str>> = n.actions.iter().map(|a| a.id.as_deref()).collect();
        assert_eq!(ids, [Some("L1"), Some("L2"), Some("L3")]);
        let titles: Vec<&str> = n.priorities.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(
            titles,
            ["Training", "Online safety", "Commissioning", "Data"]
        );
    }

    #[test]
    fn a_priority_column_of_importance_ratings_names_no_priorities() {
        let rows: &[&[&str]] = &[
            &["Ref", "Priority", "Outcome", "Task", "Lead", "Due"],
            &[
                "1",
                "High",
                "Skilled staff",
                "Refresh the offer",
                "Trainer",
                "Autumn",
            ],
            &[
                "2",
                "(2) Medium",
                "Good data",
                "Agree the dataset",
                "Analyst",
                "June 2023",
            ],
            &[
                "3",
                "High",
                "Good data",
                "Publish the scorecard",
                "Analyst",
                "July 2023",
            ],
        ];
        let mut doc = sheet_table(&["x"], &["y"], &[]);
        doc.blocks = vec![Block::Table(Table::from_text_rows(0, rows, &[]))];
        let n = normalise(&doc);
        assert_eq!(n.actions.len(), 3);
        assert!(n.priorities.is_empty(), "{:?}", n.priorities);
    }

    #[test]
    fn recommendation_rows_across_a_table_are_its_priorities() {
        // An inspection's improvement plan: its recommendations are its
        // priorities, written across the table as "Priority 2: ..." is.
        let rows: &[&[&str]] = &[
            &[
                "Ref",
                "Action to be taken",
                "Accountable officer",
                "Completion by",
            ],
            &["Recommendation 1: Timeliness of assessments"],
            &[
                "1.1",
                "Introduce a weekly report",
                "Head of Assessment",
                "April 2024",
            ],
            &["Recommendation 2: Management oversight"],
            &[
                "2.1",
                "Supervise staff every four weeks",
                "Head of Service",
                "May 2024",
            ],
        ];
        let mut doc = sheet_table(&["x"], &["y"], &[]);
        doc.blocks = vec![Block::Table(Table::from_text_rows(
            0,
            rows,
            &[(1, 0, 4), (3, 0, 4)],
        ))];
        let n = normalise(&doc);
        let got: Vec<(Option<&str>, &str)> = n
            .priorities
            .iter()
            .map(|p| (p.id.as_deref(), p.title.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (Some("1"), "Timeliness of assessments"),
                (Some("2"), "Management oversight")
            ]
        );
        let of: Vec<Option<&str>> = n.actions.iter().map(|a| a.priority.as_deref()).collect();
        assert_eq!(of, [Some("1"), Some("2")]);
    }

    #[test]
    fn a_second_header_with_other_columns_starts_a_new_table() {
        let rows: &[&[&str]] = &[
            &["Ref", "Key actions", "Lead officer", "Target date"],
            &["1", "Audit CSE cases", "QA Sub-Group", "Jun-15"],
            &["Task", "Owner", "Deadline", "Update"],
            &[
                "Publish the annual report",
                "SAB Manager",
                "Sep-15",
                "Drafted",
            ],
        ];
        let mut doc = sheet_table(&["x"], &["y"], &[]);
        doc.blocks = vec![Block::Table(Table::from_text_rows(0, rows, &[]))];
        let n = normalise(&doc);
        assert_eq!(n.actions.len(), 2);
        assert_eq!(n.actions[0].action.as_deref(), Some("Audit CSE cases"));
        assert_eq!(
            n.actions[1].action.as_deref(),
            Some("Publish the annual report")
        );
        assert_eq!(
            n.actions[1].lead.as_ref().map(|l| l.raw.as_str()),
            Some("SAB Manager")
        );
        assert_eq!(n.actions[1].source.row, Some(3));
        assert_eq!(n.actions[1].progress[0].text, "Drafted");
    }
}
