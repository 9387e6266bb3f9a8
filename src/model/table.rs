//! Tables: cells stored once with their spans, and the derived grid.

use std::borrow::Cow;

use serde::Serialize;

use super::{Comment, Paragraph, SourceLoc};

/// The most bytes of merged-cell text that [`Table::text_grid`] copies into
/// covered slots, per table (a real plan's merged objectives copy a few
/// kilobytes).
pub const MAX_REPEATED_TEXT: usize = 16 << 20;

/// A table. Cells are stored once, at their top-left slot, with spans.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Table {
    /// 0-based position of the table in the document, counting nested tables
    /// in the order they start.
    pub index: usize,
    /// For a table inside a cell of another table: where.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<TableParent>,
    /// Number of grid rows.
    pub n_rows: usize,
    /// Number of grid columns.
    pub n_cols: usize,
    /// How many leading rows are marked as header rows (repeated on each page).
    pub header_rows: usize,
    /// The cells, in row-major order of their anchors.
    pub cells: Vec<Cell>,
    /// Where the table is.
    pub source: SourceLoc,
    /// The table's A1-style range on its sheet ("A4:H30"), for spreadsheets.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<String>,
    /// Set for a table on a hidden sheet: kept, but marked.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// Grid rows hidden in the source (kept in the grid).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden_rows: Vec<usize>,
    /// Grid columns hidden in the source (kept in the grid).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hidden_cols: Vec<usize>,
    /// For a PDF table: its column boundaries on its first page, in points
    /// from the left (`n_cols + 1` of them). Empty for other formats. Lets a
    /// table continued on a later page be matched to the columns it
    /// continues when a page break cut one of them off.
    #[serde(skip)]
    pub column_x: Vec<f64>,
    /// For a spreadsheet: rows grouped under a row above them (Excel's
    /// outline, `outlineLevel`), as (grid row, level 1 or deeper).
    #[serde(skip)]
    pub row_levels: Vec<(usize, u8)>,
    /// Set when the table was written sideways and turned before
    /// recognition (`layout::orient`): its rows were the source's columns.
    #[serde(skip)]
    pub sideways: bool,
}

/// Where a nested table sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TableParent {
    /// Index of the enclosing table.
    pub table: usize,
    /// Grid row of the enclosing cell.
    pub row: usize,
    /// Grid column of the enclosing cell.
    pub col: usize,
}

/// One cell, anchored at its top-left grid slot.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Cell {
    /// Grid row of the anchor.
    pub row: usize,
    /// Grid column of the anchor.
    pub col: usize,
    /// Rows covered (1 unless vertically merged).
    pub row_span: usize,
    /// Columns covered (1 unless horizontally merged).
    pub col_span: usize,
    /// The cell's paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Tables nested in this cell.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    /// Background fill as six upper-case hex digits ("FF0000"), if shaded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fill: Option<String>,
    /// For a spreadsheet date cell: its value as an ISO date ("2014-06-01");
    /// the text is what the cell displayed ("Jun-14").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the cell is (table, row, column; sheet and cell; page).
    pub source: SourceLoc,
}

impl Cell {
    /// The cell's text as a person reads it: each paragraph's
    /// [`Paragraph::display_text`], empty ones dropped, joined with `\n`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for p in &self.paragraphs {
            let before = out.len();
            if !out.is_empty() {
                out.push('\n');
            }
            if !p.push_display_text(&mut out) {
                // An empty paragraph: no line, and no break before it.
                out.truncate(before);
            }
        }
        out
    }

    /// [`Cell::text`], borrowed from the cell where it is one paragraph's
    /// one run of text, trimmed, with no list label before it (most cells;
    /// an empty cell is ""): nothing to join, nothing to allocate.
    pub fn text_cow(&self) -> Cow<'_, str> {
        let mut found = "";
        for p in &self.paragraphs {
            // (Paragraph::text_cow's borrowed cases, matched here.)
            let text = match p.spans.as_slice() {
                [] => "",
                [one] => one.text.as_str(),
                _ => return Cow::Owned(self.text()),
            };
            // (`str::trim`, without decoding a character where the text
            // starts and ends with printable ASCII: most do.)
            let printable = |b: Option<&u8>| b.is_some_and(|b| (b'!'..=b'~').contains(b));
            let ends = (text.as_bytes().first(), text.as_bytes().last());
            let text = if printable(ends.0) && printable(ends.1) {
                text
            } else {
                text.trim()
            };
            if text.is_empty() {
                continue;
            }
            // A second line, or a label [`Paragraph::push_display_text`]
            // writes before the text ([`Paragraph::list_label`]: a bullet,
            // an item's number): built.
            if !found.is_empty() || p.list_label().is_some() {
                return Cow::Owned(self.text());
            }
            found = text;
        }
        Cow::Borrowed(found)
    }

    /// About the length of [`Cell::text`] in bytes (its spans' text and
    /// the line breaks between paragraphs), without building it.
    pub fn text_len(&self) -> usize {
        self.paragraphs
            .iter()
            .map(|p| p.spans.iter().map(|s| s.text.len()).sum::<usize>() + 1)
            .sum()
    }

    /// Highlighted text grouped by colour, in order of first appearance:
    /// `(colour, text)`, the text of each colour's runs concatenated and
    /// paragraphs joined with `\n`.
    pub fn highlights(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for p in &self.paragraphs {
            let mut per_para: Vec<(String, String)> = Vec::new();
            for s in &p.spans {
                let Some(colour) = &s.highlight else { continue };
                match per_para.iter_mut().find(|(c, _)| c == colour) {
                    Some((_, t)) => t.push_str(&s.text),
                    None => per_para.push((colour.clone(), s.text.clone())),
                }
            }
            for (colour, text) in per_para {
                match out.iter_mut().find(|(c, _)| *c == colour) {
                    Some((_, v)) => v.push(text),
                    None => out.push((colour, vec![text])),
                }
            }
        }
        out.into_iter().map(|(c, v)| (c, v.join("\n"))).collect()
    }

    /// Comments anchored anywhere in the cell.
    pub fn comments(&self) -> impl Iterator<Item = &Comment> {
        self.paragraphs.iter().flat_map(|p| p.comments.iter())
    }
}

impl Table {
    /// The rectangular grid view: `grid()[r][c]` is the cell covering slot
    /// (r, c), or `None` for a slot no cell covers (a short row).
    pub fn grid(&self) -> Vec<Vec<Option<&Cell>>> {
        let mut grid = vec![vec![None; self.n_cols]; self.n_rows];
        for cell in &self.cells {
            for row in grid.iter_mut().skip(cell.row).take(cell.row_span) {
                for slot in row.iter_mut().skip(cell.col).take(cell.col_span) {
                    *slot = Some(cell);
                }
            }
        }
        grid
    }

    /// The grid of cell texts; a merged cell's text is repeated into every
    /// slot it covers and uncovered slots are empty strings.
    ///
    /// The repetition is bounded: a table's copies into covered slots add
    /// up to at most [`MAX_REPEATED_TEXT`] bytes. A merge whose copies would
    /// pass that (a 32,000-character cell merged over 5,000 rows and 20
    /// columns is 3.2 GB of copies) keeps its text once, in its anchor
    /// slot; [`Table::oversized_merges`] names such merges, for a warning.
    pub fn text_grid(&self) -> Vec<Vec<String>> {
        self.text_grid_with(Cell::text)
    }

    /// [`Table::text_grid`] of [`Cell::text_cow`]: each text borrowed from
    /// its cell where it can be (recognition reads every table's grid, and
    /// most cells are one run of text).
    pub fn text_grid_cow(&self) -> Vec<Vec<Cow<'_, str>>> {
        self.text_grid_with(Cell::text_cow)
    }

    /// [`Table::text_grid`], each cell's text made by `text`.
    fn text_grid_with<'a, T: Clone + Default>(
        &'a self,
        text: impl Fn(&'a Cell) -> T,
    ) -> Vec<Vec<T>> {
        let mut grid = vec![vec![T::default(); self.n_cols]; self.n_rows];
        // The budget of [`Table::repeats`], spent as the cells come: a cell
        // of one slot copies nothing and costs nothing.
        let mut budget = MAX_REPEATED_TEXT;
        for cell in &self.cells {
            let text = text(cell);
            if cell.row_span == 1 && cell.col_span == 1 {
                // One slot (most cells): the text itself, not a copy.
                if let Some(slot) = grid.get_mut(cell.row).and_then(|r| r.get_mut(cell.col)) {
                    *slot = text;
                }
                continue;
            }
            let repeat = self.repeat(cell, &mut budget);
            let rows = grid.iter_mut().skip(cell.row).take(cell.row_span);
            for (r, row) in rows.enumerate() {
                let slots = row.iter_mut().skip(cell.col).take(cell.col_span);
                for (c, slot) in slots.enumerate() {
                    if repeat || (r == 0 && c == 0) {
                        slot.clone_from(&text);
                    } else {
                        // A slot this oversized merge covers: empty.
                        *slot = T::default();
                    }
                }
            }
        }
        grid
    }

    /// Whether each cell's text is copied into every slot it covers (see
    /// [`Table::text_grid`]), in the order of `cells`.
    fn repeats(&self) -> Vec<bool> {
        let mut budget = MAX_REPEATED_TEXT;
        self.cells
            .iter()
            .map(|cell| self.repeat(cell, &mut budget))
            .collect()
    }

    /// Whether `cell`'s text is copied into every slot it covers, its
    /// copies taken from `budget` (the bytes left to copy) when they fit.
    fn repeat(&self, cell: &Cell, budget: &mut usize) -> bool {
        let covered = self.covered_slots(cell).saturating_sub(1);
        if covered == 0 {
            return true;
        }
        let cost = covered.saturating_mul(cell.text_len());
        match budget.checked_sub(cost) {
            Some(left) => {
                *budget = left;
                true
            }
            None => false,
        }
    }

    /// The slots a cell covers inside the table's grid.
    fn covered_slots(&self, cell: &Cell) -> usize {
        let rows = self.n_rows.saturating_sub(cell.row).min(cell.row_span);
        let cols = self.n_cols.saturating_sub(cell.col).min(cell.col_span);
        rows.saturating_mul(cols)
    }

    /// The merged cells whose text [`Table::text_grid`] keeps once, at the
    /// anchor, rather than in each of the slots they cover.
    pub fn oversized_merges(&self) -> Vec<&Cell> {
        self.cells
            .iter()
            .zip(self.repeats())
            .filter(|(_, repeat)| !repeat)
            .map(|(c, _)| c)
            .collect()
    }

    /// The cell anchored at (row, col), if any.
    pub fn cell_at(&self, row: usize, col: usize) -> Option<&Cell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    pub(crate) fn collect_tables<'a>(&'a self, out: &mut Vec<&'a Table>) {
        out.push(self);
        for cell in &self.cells {
            for t in &cell.tables {
                t.collect_tables(out);
            }
        }
    }
}

impl Table {
    /// A table from rows of texts; `spans` gives (row, col, col_span) of
    /// horizontally merged cells (the covered slots are left out). Tests
    /// build tables so; `layout::cards` makes one of labelled lines.
    pub(crate) fn from_text_rows(
        index: usize,
        rows: &[&[&str]],
        spans: &[(usize, usize, usize)],
    ) -> Table {
        let mut cells = Vec::new();
        let n_cols = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        for (r, row) in rows.iter().enumerate() {
            let mut c = 0;
            while c < row.len() {
                let span = spans
                    .iter()
                    .find(|s| s.0 == r && s.1 == c)
                    .map_or(1, |s| s.2);
                cells.push(Cell {
                    row: r,
                    col: c,
                    row_span: 1,
                    col_span: span,
                    paragraphs: vec![Paragraph {
                        spans: vec![super::Span {
                            text: row[c].into(),
                            ..Default::default()
                        }],
                        ..Default::default()
                    }],
                    ..Default::default()
                });
                c += span;
            }
        }
        Table {
            index,
            n_rows: rows.len(),
            n_cols,
            cells,
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ListItem, ListKind, Span};

    fn para(spans: &[&str], list: Option<ListItem>) -> Paragraph {
        Paragraph {
            spans: spans
                .iter()
                .map(|t| Span {
                    text: (*t).into(),
                    ..Default::default()
                })
                .collect(),
            list,
            ..Default::default()
        }
    }

    #[test]
    fn a_cells_borrowed_text_is_its_text() {
        let bullet = || {
            Some(ListItem {
                kind: ListKind::Bullet,
                level: 0,
                label: None,
            })
        };
        let number = |label: Option<&str>| {
            Some(ListItem {
                kind: ListKind::Number,
                level: 0,
                label: label.map(str::to_string),
            })
        };
        let cells = [
            vec![],
            vec![para(&[], None)],
            vec![para(&["  "], None)],
            vec![para(&[" Lead officer "], None)],
            vec![para(&["Lead ", "officer"], None)],
            vec![
                para(&[""], None),
                para(&["Due\t"], None),
                para(&[" "], None),
            ],
            vec![para(&["One"], None), para(&["Two"], None)],
            vec![para(&["Item"], bullet())],
            vec![para(&["Item"], number(Some("1.")))],
            vec![para(&["Item"], number(Some("")))],
            vec![para(&["Item"], number(None))],
            vec![para(&["  "], bullet()), para(&["Text"], None)],
        ];
        for paragraphs in cells {
            let cell = Cell {
                paragraphs,
                ..Default::default()
            };
            assert_eq!(cell.text_cow(), cell.text(), "{cell:?}");
        }
    }
}
