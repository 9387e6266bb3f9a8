//! Tables written sideways: the field labels down the first column and an
//! action in each column after it (a spreadsheet laid out across), or a
//! small two-column "action card" per action (`Action | …`, `Lead | …`,
//! `Timescale | …`). [`orient`] turns such a table so that its labels are a
//! header row and each action a row, before recognition reads it; nothing
//! later needs to know, but [`crate::model::Table::sideways`] is set so that
//! `actionplan layout` says so.
//!
//! A table is read sideways only when all of these hold:
//! - read as it stands, none of its first five rows is a header;
//! - its first column, read as a header, is one (the same test as a header
//!   row: [`super::ColumnMap::is_header`]), maps three fields or more, two
//!   of its labels word for word, and one of them is the action itself;
//! - it holds more than one action (three columns or more), or it is one of
//!   two or more tables of the document whose label columns read alike (a
//!   series of cards). A lone two-column table of labels, such as a cover
//!   page's "Title | Owner | Date", is left as it is.

use super::content::trim;
use super::recognise::{find_header_in, shaped_like_header};
use super::{Field, Memo, Vocabulary};
use crate::model::{Block, Document, Table};

/// Turn every top-level table of `doc` that is written sideways (see the
/// module docs), after making tables of the actions written as labelled
/// lines of text ([`super::cards`]); returns how many were turned.
pub fn orient(doc: &mut Document, vocab: &Vocabulary) -> usize {
    super::cards::cards(doc, vocab);
    let mut memo = Memo::default();
    // Each candidate's label fields, by block index.
    let mut candidates: Vec<(usize, Vec<Field>)> = Vec::new();
    for (b, block) in doc.blocks.iter().enumerate() {
        if let Block::Table(t) = block {
            if let Some(fields) = sideways_fields(t, vocab, &mut memo) {
                candidates.push((b, fields));
            }
        }
    }
    let mut turned = 0;
    for (k, (b, fields)) in candidates.iter().enumerate() {
        let Some(Block::Table(t)) = doc.blocks.get(*b) else {
            continue;
        };
        let alike = candidates
            .iter()
            .enumerate()
            .any(|(j, (_, other))| j != k && other == fields);
        if t.n_cols >= 3 || alike {
            if let Some(Block::Table(t)) = doc.blocks.get_mut(*b) {
                transpose(t);
                turned += 1;
            }
        }
    }
    turned
}

/// The fields a table's first column maps, sorted, if the table reads as
/// one written sideways (all but the "more than one action" test).
fn sideways_fields(t: &Table, vocab: &Vocabulary, memo: &mut Memo) -> Option<Vec<Field>> {
    if t.n_cols < 2 || t.n_rows < 3 {
        return None;
    }
    // The first column's own cells first: in most tables they are
    // references or sentences, not labels, and nothing more is read.
    // (A cell of each row at most: room for them all at once.)
    let mut labels: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(t.n_rows);
    labels.extend(t.cells.iter().filter(|c| c.col == 0).map(|c| c.text_cow()));
    // (Two phrases are enough: the rest are not looked up.)
    if labels.iter().filter(|s| !trim(s).is_empty()).count() < 3
        || !shaped_like_header(&labels)
        || labels
            .iter()
            .filter(|s| vocab.is_phrase(s))
            .nth(1)
            .is_none()
    {
        return None;
    }
    let grid = t.text_grid_cow();
    let labels: Vec<&str> = grid.iter().map(|r| &*r[0]).collect();
    let map = vocab.map_row_memo(&labels, true, memo);
    let mut fields: Vec<Field> = map.columns.iter().flatten().copied().collect();
    fields.sort();
    fields.dedup();
    // Two labels or more word for word a header phrase: a priority's
    // details ("Strategic Priority 1:", "Other relevant action plans:",
    // "Sponsor:") only look like fields.
    let labelled = map.is_header(&labels)
        && map.mapped() >= 3
        && map.exact >= 2
        && fields.contains(&Field::Action);
    // Last, the costlier test: no header row as the table stands.
    let shaped = || {
        grid.iter()
            .take(5)
            .map(|row| shaped_like_header(row))
            .collect::<Vec<_>>()
    };
    (labelled && find_header_in(&grid, &shaped(), vocab, memo).is_none()).then_some(fields)
}

/// Swap a table's rows and columns: each cell keeps its text, fill and
/// place in the source; its grid slot and spans are mirrored.
pub fn transpose(t: &mut Table) {
    for c in &mut t.cells {
        std::mem::swap(&mut c.row, &mut c.col);
        std::mem::swap(&mut c.row_span, &mut c.col_span);
    }
    t.cells.sort_by_key(|c| (c.row, c.col));
    std::mem::swap(&mut t.n_rows, &mut t.n_cols);
    std::mem::swap(&mut t.hidden_rows, &mut t.hidden_cols);
    t.header_rows = 0;
    // Column boundaries and an outline belong to the table as printed.
    t.column_x.clear();
    t.row_levels.clear();
    t.sideways = true;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::recognise;

    fn doc(tables: Vec<Table>) -> Document {
        Document::of_blocks(tables.into_iter().map(Block::Table).collect())
    }

    fn card(index: usize, action: &str, lead: &str) -> Table {
        Table::from_text_rows(
            index,
            &[
                &["Ref", "1.1"],
                &["Action", action],
                &["Lead", lead],
                &["Timescale", "March 2024"],
                &["Success measure", "80% of staff trained"],
            ],
            &[],
        )
    }

    #[test]
    fn a_series_of_action_cards_is_read_as_rows() {
        let mut d = doc(vec![
            card(0, "Relaunch the neglect toolkit", "Head of Early Help"),
            card(1, "Audit neglect cases", "QA sub-group"),
        ]);
        assert_eq!(orient(&mut d, &Vocabulary::builtin()), 2);
        let Block::Table(t) = &d.blocks[0] else {
            panic!("a table")
        };
        assert_eq!((t.n_rows, t.n_cols), (2, 5));
        assert!(t.sideways);
        assert_eq!(
            t.text_grid()[1],
            [
                "1.1",
                "Relaunch the neglect toolkit",
                "Head of Early Help",
                "March 2024",
                "80% of staff trained"
            ]
        );
        let l = recognise(&d, &Vocabulary::builtin());
        assert_eq!(l[0].header_rows, vec![0]);
        assert_eq!(l[0].column_of(Field::Action), Some(1));
        assert_eq!(l[0].column_of(Field::Lead), Some(2));
    }

    #[test]
    fn a_sheet_with_an_action_per_column_is_turned() {
        let t = Table::from_text_rows(
            0,
            &[
                &["Ref", "SN1", "SN2"],
                &["Action", "Publish a pathway", "Deliver training"],
                &["Lead", "Head of Adult Safeguarding", "Training sub-group"],
                &["Deadline", "July 2023", "Q4 2023/24"],
            ],
            &[],
        );
        let mut d = doc(vec![t]);
        assert_eq!(orient(&mut d, &Vocabulary::builtin()), 1);
        let Block::Table(t) = &d.blocks[0] else {
            panic!("a table")
        };
        assert_eq!((t.n_rows, t.n_cols), (3, 4));
        assert_eq!(t.text_grid()[2][1], "Deliver training");
    }

    #[test]
    fn a_lone_two_column_card_is_left_alone() {
        // A cover page's details, or one card: nothing shows it repeats.
        let mut d = doc(vec![card(
            0,
            "Relaunch the neglect toolkit",
            "Head of Early Help",
        )]);
        assert_eq!(orient(&mut d, &Vocabulary::builtin()), 0);
    }

    #[test]
    fn a_table_with_a_header_row_is_left_alone() {
        let t = Table::from_text_rows(
            0,
            &[
                &["Action", "Lead", "Timescale"],
                &["Lead", "Head of Service", "March 2024"],
                &["Timescale", "QA sub-group", "June 2024"],
            ],
            &[],
        );
        let mut d = doc(vec![t.clone(), t]);
        assert_eq!(orient(&mut d, &Vocabulary::builtin()), 0);
    }

    #[test]
    fn labels_that_are_not_an_action_table_are_left_alone() {
        // Plan details down the first column: no action among them.
        let details = |i| {
            Table::from_text_rows(
                i,
                &[
                    &["Version", "2.1", "2.2"],
                    &["Approved by", "Board", "Board"],
                    &["Date", "May 2023", "June 2023"],
                ],
                &[],
            )
        };
        let mut d = doc(vec![details(0), details(1)]);
        assert_eq!(orient(&mut d, &Vocabulary::builtin()), 0);
    }
}
