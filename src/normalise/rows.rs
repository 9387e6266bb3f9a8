//! Resolving a table's body rows before they become actions (rules 1 to 3):
//! blank rows (and rows whose only text is merged down from above) and
//! repeated headers are skipped, a row that is one cell
//! across the table sets the `section`, ditto marks take the value above,
//! and continuation rows inherit the id, objective and audience above (a
//! row that only heads continuation rows is not an action).

use crate::layout::ColumnMap;
use crate::model::{Cell, Table};
use crate::plan::Field;

use super::header::TableHeader;
use super::{text, State};

/// A body row as resolved texts, before deciding whether it is an action.
pub(super) struct Row<'c> {
    /// 0-based row within the table.
    pub r: usize,
    /// Cell texts, dittos resolved.
    pub texts: Vec<String>,
    /// Which cells held a ditto mark.
    pub dittos: Vec<bool>,
    /// The section row above it ("1. Children's Social Care").
    pub section: Option<String>,
    /// The cell in each column (a merged cell appears in every slot).
    pub cells: Vec<Option<&'c Cell>>,
}

impl<'c> Row<'c> {
    /// The cell of a field's column.
    pub fn cell(&self, map: &ColumnMap, f: Field) -> Option<&'c Cell> {
        map.column_of(f).and_then(|c| self.cells[c])
    }

    /// The text of a field's column, when not empty.
    pub fn get(&self, map: &ColumnMap, f: Field) -> Option<String> {
        map.column_of(f)
            .map(|c| self.texts[c].clone())
            .filter(|s| !s.is_empty())
    }
}

impl State<'_> {
    /// The body rows of a table that can be actions (rules 1 and 2):
    /// blank rows and repeated headers skipped, section rows read into the
    /// `section`, ditto marks resolved.
    pub(super) fn resolve_rows<'t>(&mut self, t: &'t Table, header: &TableHeader) -> Vec<Row<'t>> {
        let grid = t.grid();
        let mut rows: Vec<Row<'_>> = Vec::new();
        let mut prev: Option<Vec<String>> = None;
        for (r, grid_row) in grid.iter().enumerate().skip(header.body_start) {
            let mut texts: Vec<String> = grid_row
                .iter()
                .map(|c| c.map(text::cell_text).unwrap_or_default())
                .collect();
            if texts.iter().all(|s| s.is_empty()) {
                continue;
            }
            // A row whose text is all in cells merged down from a row above
            // (an objective merged past the last action) holds nothing of
            // its own: it is not an action.
            let own = grid_row
                .iter()
                .zip(&texts)
                .any(|(c, s)| !s.is_empty() && c.is_some_and(|c| c.row == r));
            if !own {
                continue;
            }
            // A header row repeated on a later page or before a section.
            if header.repeats(r) {
                continue;
            }
            if let Some(section) = section_text(grid_row, &texts, t.n_cols) {
                self.section = Some(section);
                prev = None;
                continue;
            }
            // A ditto means the value above as the reader sees it: when the
            // cell above is blank because it continues a value from further
            // up, that value.
            let dittos: Vec<bool> = texts.iter().map(|s| text::is_ditto(s)).collect();
            let mut seen = prev
                .take()
                .unwrap_or_else(|| vec![String::new(); texts.len()]);
            for (c, s) in texts.iter_mut().enumerate() {
                if dittos[c] {
                    *s = seen.get(c).cloned().unwrap_or_default();
                }
                if !s.is_empty() && c < seen.len() {
                    seen[c] = s.clone();
                }
            }
            prev = Some(seen);
            rows.push(Row {
                r,
                texts,
                dittos,
                section: self.section.clone(),
                cells: grid_row.clone(),
            });
        }
        rows
    }
}

/// A row that is one cell across the table ("1. Children's Social Care"):
/// all its non-empty slots belong to one merged cell that spans at least
/// half of three or more columns. (An unmerged numbered line alone in the
/// first column is not enough: B&NES writes issues that way.)
fn section_text(grid_row: &[Option<&Cell>], texts: &[String], n_cols: usize) -> Option<String> {
    if n_cols < 3 {
        return None;
    }
    let mut distinct: Vec<*const Cell> = Vec::new();
    for (c, cell) in grid_row.iter().enumerate() {
        if texts[c].is_empty() {
            continue;
        }
        let p = cell.map_or(std::ptr::null(), |c| c as *const Cell);
        if !distinct.contains(&p) {
            distinct.push(p);
        }
    }
    if distinct.len() != 1 {
        return None;
    }
    let first = texts.iter().position(|s| !s.is_empty())?;
    let cell = grid_row[first]?;
    (cell.col_span * 2 >= n_cols).then(|| texts[first].clone())
}

/// What a row has after inheriting from the rows above (rule 3).
pub(super) struct Inherited {
    /// The id, its own or the one above.
    pub id: Option<String>,
    /// The objective, its own or the one above.
    pub objective: Option<String>,
    /// The audience text, its own or the one above.
    pub audience: Option<String>,
}

/// The id, objective and audience of the row above, for continuation rows
/// (rule 3).
#[derive(Default)]
pub(super) struct Continuation {
    last_id: Option<String>,
    last_obj: Option<String>,
    last_aud: Option<String>,
    /// For a table continuing another: the first row with no objective
    /// column (a page break cut it off) takes the objective above.
    continuing: bool,
}

impl Continuation {
    /// The same state, for a table that continues the one it came from.
    pub fn continuing(self) -> Continuation {
        Continuation {
            continuing: true,
            ..self
        }
    }

    /// Resolve row `i` of `rows` against the rows above. `None` when the
    /// row only heads the continuation rows below it and is no action.
    pub fn next(&mut self, rows: &[Row<'_>], i: usize, map: &ColumnMap) -> Option<Inherited> {
        let col = |f: Field| map.column_of(f);
        let id_c = col(Field::Id);
        let obj_c = col(Field::Objective);
        let aud_c = col(Field::Audience);
        let blank = |texts: &[String], c: Option<usize>| c.is_none_or(|c| texts[c].is_empty());
        let row = &rows[i];
        let texts = &row.texts;
        // The objective cell merged down from the row above, or a ditto
        // of it: the row continues the objective above.
        let merged_obj = obj_c.is_some_and(|c| {
            row.dittos[c]
                || (i > 0
                    && match (row.cells[c], rows[i - 1].cells[c]) {
                        (Some(a), Some(b)) => std::ptr::eq(a, b),
                        _ => false,
                    })
        });
        let cont = (blank(texts, obj_c) || merged_obj) && (blank(texts, id_c) || obj_c.is_none());
        let id = match id_c {
            Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
            Some(_) if blank(texts, obj_c) || merged_obj => self.last_id.clone(),
            _ => None,
        };
        let objective = match obj_c {
            Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
            Some(_) => self.last_obj.clone(),
            None if self.continuing => self.last_obj.clone(),
            None => None,
        };
        let audience = match aud_c {
            Some(c) if !texts[c].is_empty() => Some(texts[c].clone()),
            Some(_) if cont => self.last_aud.clone(),
            _ => None,
        };
        self.last_id = id.clone();
        self.last_obj = objective.clone();
        self.last_aud = audience.clone();

        // Only an objective (and id, audience), with continuation rows
        // after it: it heads them.
        let only_heading =
            texts.iter().enumerate().all(|(c, s)| {
                s.is_empty() || Some(c) == id_c || Some(c) == obj_c || Some(c) == aud_c
            }) && obj_c.is_some_and(|c| !texts[c].is_empty());
        let next_continues = rows
            .get(i + 1)
            .is_some_and(|n| blank(&n.texts, obj_c) && n.texts.iter().any(|s| !s.is_empty()));
        if only_heading && next_continues {
            return None;
        }
        Some(Inherited {
            id,
            objective,
            audience,
        })
    }
}
