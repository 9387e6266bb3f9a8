//! The action a resolved row makes before its lead and due are known: its
//! `fields` (every column, keyed by header text: [`field_keys`]), its
//! place, the fields that come from one cell each, its audience (the CAB
//! column), progress and RAG.

use std::sync::Arc;

use crate::model::Table;
use crate::plan::{Action, Audience, Field, Fields, Place};

use super::rows::{Columns, Inherited, Row};
use super::{progress, rag, State};

impl State<'_> {
    /// The action of a row, without lead and due, and without its `fields`
    /// (the caller moves the row's texts there when it is done with them:
    /// [`with_fields`]).
    pub(super) fn base_action(
        &self,
        t: &Table,
        row: &Row<'_>,
        map: &Columns<'_>,
        inherited: Inherited,
    ) -> Action {
        let get = |f: Field| row.get(map, f);
        let source = {
            let c = row.cells.iter().flatten().next();
            Place {
                page: c.and_then(|c| c.source.page),
                sheet: c.and_then(|c| c.source.sheet.clone()),
                table: Some(t.index),
                // A part of a split table knows where it starts.
                row: Some(row.r + t.source.row.unwrap_or(0)),
                // This row's own cell, not the anchor of a cell merged
                // down from a row above.
                cell: c.and_then(|c| cell_at(c, row.r, c.col)),
            }
        };
        let cells = Field::ALL
            .into_iter()
            .filter_map(|f| {
                let col = map.column_of(f)?;
                let c = row.cells.get(col).copied().flatten()?;
                Some((f, cell_at(c, row.r, col)?))
            })
            .collect();
        // Progress entries, and completion prose moved into them. (A
        // completion text is seldom repeated: read directly, not through
        // the plan's memo of due dates, whose look-up cost more than it
        // saved.)
        let (progress, completed) =
            progress::of_row(row, map, |s| super::date::parse_due(s, &self.dates));
        Action {
            id: inherited.id,
            priority: self.priority_key(),
            section: row.section.clone(),
            audience: match map.column_of(Field::Audience) {
                // A blank or unreadable cell: whose action the context says.
                Some(_) => inherited
                    .audience
                    .as_deref()
                    .and_then(audience)
                    .or_else(|| self.context_audience(row)),
                None => self.context_audience(row),
            },
            objective: inherited.objective,
            action: get(Field::Action),
            milestone: get(Field::Milestone),
            lead: None,
            due: None,
            measures: get(Field::Measures),
            progress,
            rag: rag::of_row(self.legend, || self.text_key(), row, map),
            completed,
            resources: get(Field::Resources),
            partners: get(Field::Partners),
            fields: Fields::default(),
            source,
            cells,
        }
    }
}

/// Give the actions a row made its texts as their `fields`, keyed by the
/// table's [`field_keys`] (a copy each but the last, which takes them).
pub(super) fn with_fields(actions: &mut [Action], keys: &Arc<[String]>, texts: Vec<String>) {
    let Some((last, others)) = actions.split_last_mut() else {
        return;
    };
    for a in others {
        a.fields = Fields::new(
            Arc::clone(keys),
            texts[..keys.len().min(texts.len())].to_vec(),
        );
    }
    last.fields = Fields::new(Arc::clone(keys), texts);
}

/// The spreadsheet reference of grid slot (`row`, `col`), which `cell`
/// covers: its anchor's reference moved down and across by the distance
/// from the anchor ("A11" anchoring a merge, row 12 asked: "A12").
fn cell_at(cell: &crate::model::Cell, row: usize, col: usize) -> Option<String> {
    let anchor = cell.source.cell.as_deref()?;
    shift_ref(
        anchor,
        row.checked_sub(cell.row)?,
        col.checked_sub(cell.col)?,
    )
}

/// "B7" moved `down` rows and `across` columns.
fn shift_ref(a1: &str, down: usize, across: usize) -> Option<String> {
    let split = a1.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = a1.split_at(split);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let row: usize = digits.parse().ok()?;
    let col = letters.bytes().try_fold(0usize, |n, b| {
        n.checked_mul(26)?.checked_add(usize::from(b - b'A' + 1))
    })?;
    let (mut n, row) = (col.checked_add(across)?, row.checked_add(down)?);
    let mut name = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        name.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    name.reverse();
    Some(format!("{}{row}", String::from_utf8(name).ok()?))
}

#[cfg(test)]
mod cell_tests {
    use super::shift_ref;

    #[test]
    fn references_move_down_and_across() {
        assert_eq!(shift_ref("A11", 1, 0).as_deref(), Some("A12"));
        assert_eq!(shift_ref("Z3", 0, 1).as_deref(), Some("AA3"));
        assert_eq!(shift_ref("AZ9", 2, 1).as_deref(), Some("BA11"));
        assert_eq!(shift_ref("B7", 0, 0).as_deref(), Some("B7"));
        assert_eq!(shift_ref("7B", 0, 0), None);
    }
}

impl State<'_> {
    /// Whose action it is when the table has no audience column: the
    /// board its priority names ("LSCB Priority 2"), else the sheet's name
    /// ("Children", "Adults"), else the plan's title or organisation when
    /// it names one kind of board.
    fn context_audience(&self, row: &Row<'_>) -> Option<Audience> {
        self.current
            .and_then(|i| self.priority_meta[i].audience)
            .or_else(|| {
                row.cells
                    .iter()
                    .flatten()
                    .find_map(|c| c.source.sheet.as_deref())
                    .and_then(super::context::audience_of_sheet)
            })
            .or(self.plan_audience)
    }
}

/// The CAB column: C, A or B; or a board column naming the board
/// ("LSCB", "SAB", "Both", "Joint", "LSCB / SAB", "Children's Board").
pub fn audience(text: &str) -> Option<Audience> {
    let lower = text.trim().to_lowercase();
    match lower.as_str() {
        "c" | "children" | "child" | "cyp" => return Some(Audience::Children),
        "a" | "adults" | "adult" => return Some(Audience::Adults),
        "b" | "both" | "c/a" | "a/c" | "c & a" | "all" => return Some(Audience::Both),
        _ => {}
    }
    // A board's name in a few words: whose board it names, or both.
    let words: Vec<&str> = board_words(&lower).collect();
    if words.is_empty() || words.len() > 5 {
        return None;
    }
    let sides: Vec<Audience> = words.iter().filter_map(|w| board_side(w)).collect();
    let has = |a: Audience| sides.contains(&a);
    match (
        has(Audience::Both) || (has(Audience::Children) && has(Audience::Adults)),
        has(Audience::Children),
        has(Audience::Adults),
    ) {
        (true, _, _) => Some(Audience::Both),
        (false, true, false) => Some(Audience::Children),
        (false, false, true) => Some(Audience::Adults),
        _ => None,
    }
}

/// The words of a lower-case text, apostrophes kept ("children's").
pub fn board_words(lower: &str) -> impl Iterator<Item = &str> {
    lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
}

/// Whose board a lower-case word names: "lscb" the children's, "sab" the
/// adults', "joint" both.
pub fn board_side(word: &str) -> Option<Audience> {
    match word {
        "children" | "children's" | "children’s" | "childrens" | "child" | "cyp" | "lscb"
        | "lscbn" | "scb" | "lscp" | "scp" => Some(Audience::Children),
        "adults" | "adult" | "adults'" | "adults’" | "sab" | "lsab" | "sapb" => {
            Some(Audience::Adults)
        }
        "joint" | "both" | "all" => Some(Audience::Both),
        _ => None,
    }
}

/// The key of each column in `fields`: its header text on one line; empty
/// headers become "column N"; repeated headers get " (2)", " (3)".
pub(super) fn field_keys(headers: &[String]) -> Arc<[String]> {
    let mut out: Vec<String> = Vec::with_capacity(headers.len());
    for (i, h) in headers.iter().enumerate() {
        // (Its words joined by single spaces, as `split_whitespace` splits.)
        let base = super::text::fold_space(h);
        let base = if base.is_empty() {
            format!("column {}", i + 1)
        } else {
            base
        };
        if !out.contains(&base) {
            out.push(base);
            continue;
        }
        let mut n = 2;
        let mut key = format!("{base} ({n})");
        while out.contains(&key) {
            n += 1;
            key = format!("{base} ({n})");
        }
        out.push(key);
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_board_column_names_whose_action_it_is() {
        assert_eq!(audience("LSCB"), Some(Audience::Children));
        assert_eq!(audience("SAB"), Some(Audience::Adults));
        assert_eq!(audience("Both"), Some(Audience::Both));
        assert_eq!(audience("Joint"), Some(Audience::Both));
        assert_eq!(audience("LSCB / SAB"), Some(Audience::Both));
        assert_eq!(audience("Children's Board"), Some(Audience::Children));
        assert_eq!(
            audience("Safeguarding Adults Board"),
            Some(Audience::Adults)
        );
        assert_eq!(audience("C"), Some(Audience::Children));
        // Not a board: a group, or a sentence that mentions children.
        assert_eq!(audience("Health and Wellbeing Board"), None);
        assert_eq!(
            audience("Make sure children and adults in care homes are heard"),
            None
        );
    }

    #[test]
    fn field_keys_are_unique() {
        let k = field_keys(&[
            "No.".into(),
            "".into(),
            "Lead\nofficer".into(),
            "No.".into(),
        ]);
        assert_eq!(k[..], ["No.", "column 2", "Lead officer", "No. (2)"]);
    }
}
