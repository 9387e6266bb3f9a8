//! `actionplan tables`: the tables as the reader saw them, before any mapping.
//!
//! JSON (`docs/OUTPUT.md`, "Other commands' output"), one object:
//!
//! ```json
//! {"file": "plan.docx",
//!  "tables": [{"page": null, "sheet": null, "index": 0, "parent": null,
//!              "header_rows": 1,
//!              "rows": [["No.", "Objective"], ["1.1", "..."]],
//!              "merges": [{"row": 1, "col": 0, "rows": 3, "cols": 1}],
//!              "fills": [{"row": 2, "col": 4, "color": "FF0000"}],
//!              "highlights": [{"row": 5, "col": 6, "color": "yellow", "text": "Insert"}],
//!              "comments": [{"row": 1, "col": 2, "author": "Reviewer", "text": "Discuss with Paul"}],
//!              "range": null, "hidden": false, "hidden_rows": [], "hidden_cols": []}],
//!  "legend": []}
//! ```
//!
//! `rows` is always a rectangular grid: a merged cell's text is repeated in
//! every slot it covers, and `merges` says which slots belong together (at
//! the top-left slot). Cell text is each paragraph's text, with "• " before a
//! bullet item and its label before a numbered one, trimmed, empty paragraphs
//! dropped, joined with "\n". A nested table is listed after its parent with
//! `parent` set to the cell it sits in. For spreadsheets, `range` is the
//! table's place on its sheet ("A4:H30"), `hidden` marks a table on a hidden
//! sheet, `hidden_rows`/`hidden_cols` the rows and columns hidden in the
//! source (still in the grid), and `legend` the colour key of a "Key" sheet.
//!
//! CSV: one record per table row, `table,row,cell,cell,...` (0-based table
//! and row numbers), with no header record, since tables differ in width.

use std::io::Write;

use serde::Serialize;

use crate::model::{Document, LegendEntry, Table, TableParent};

/// The JSON document printed by `actionplan tables --format json`.
#[derive(Debug, Serialize)]
pub struct TablesOutput<'a> {
    /// The input path as given.
    pub file: &'a str,
    /// Every table in document order.
    pub tables: Vec<TableOutput>,
    /// A colour key found in the file (a spreadsheet's "Key" sheet).
    pub legend: Vec<LegendEntry>,
}

/// One table of [`TablesOutput`].
#[derive(Debug, Serialize)]
pub struct TableOutput {
    /// 1-based page, for PDFs.
    pub page: Option<u32>,
    /// Sheet name, for spreadsheets.
    pub sheet: Option<String>,
    /// 0-based index in the document.
    pub index: usize,
    /// The enclosing cell of a nested table.
    pub parent: Option<TableParent>,
    /// Leading rows marked as repeating header rows.
    pub header_rows: usize,
    /// The text grid.
    pub rows: Vec<Vec<String>>,
    /// Merged cells at their top-left slot.
    pub merges: Vec<MergeOut>,
    /// Shaded cells.
    pub fills: Vec<FillOut>,
    /// Highlighted text per cell and colour.
    pub highlights: Vec<HighlightOut>,
    /// Comments anchored in cells.
    pub comments: Vec<CommentOut>,
    /// The table's A1 range on its sheet (spreadsheets).
    pub range: Option<String>,
    /// On a hidden sheet.
    pub hidden: bool,
    /// Rows hidden in the source.
    pub hidden_rows: Vec<usize>,
    /// Columns hidden in the source.
    pub hidden_cols: Vec<usize>,
}

/// A merged cell.
#[derive(Debug, Serialize)]
pub struct MergeOut {
    /// Top row.
    pub row: usize,
    /// Left column.
    pub col: usize,
    /// Rows covered.
    pub rows: usize,
    /// Columns covered.
    pub cols: usize,
}

/// A shaded cell.
#[derive(Debug, Serialize)]
pub struct FillOut {
    /// Row of the cell's anchor.
    pub row: usize,
    /// Column of the cell's anchor.
    pub col: usize,
    /// Six upper-case hex digits.
    pub color: String,
}

/// Highlighted text in a cell.
#[derive(Debug, Serialize)]
pub struct HighlightOut {
    /// Row of the cell's anchor.
    pub row: usize,
    /// Column of the cell's anchor.
    pub col: usize,
    /// Highlight name or shading hex.
    pub color: String,
    /// The highlighted text.
    pub text: String,
}

/// A comment anchored in a cell.
#[derive(Debug, Serialize)]
pub struct CommentOut {
    /// Row of the cell's anchor.
    pub row: usize,
    /// Column of the cell's anchor.
    pub col: usize,
    /// Who wrote it.
    pub author: String,
    /// What it says.
    pub text: String,
}

impl TableOutput {
    /// Describe one table.
    pub fn from_table(t: &Table) -> Self {
        let mut cells: Vec<_> = t.cells.iter().collect();
        cells.sort_by_key(|c| (c.row, c.col));
        TableOutput {
            page: t.source.page,
            sheet: t.source.sheet.clone(),
            index: t.index,
            parent: t.parent,
            header_rows: t.header_rows,
            rows: t.text_grid(),
            merges: cells
                .iter()
                .filter(|c| c.row_span > 1 || c.col_span > 1)
                .map(|c| MergeOut {
                    row: c.row,
                    col: c.col,
                    rows: c.row_span,
                    cols: c.col_span,
                })
                .collect(),
            fills: cells
                .iter()
                .filter_map(|c| {
                    Some(FillOut {
                        row: c.row,
                        col: c.col,
                        color: c.fill.clone()?,
                    })
                })
                .collect(),
            highlights: cells
                .iter()
                .flat_map(|c| {
                    c.highlights()
                        .into_iter()
                        .map(move |(color, text)| HighlightOut {
                            row: c.row,
                            col: c.col,
                            color,
                            text,
                        })
                })
                .collect(),
            comments: cells
                .iter()
                .flat_map(|c| {
                    c.comments().map(move |m| CommentOut {
                        row: c.row,
                        col: c.col,
                        author: m.author.clone(),
                        text: m.text.clone(),
                    })
                })
                .collect(),
            range: t.range.clone(),
            hidden: t.hidden,
            hidden_rows: t.hidden_rows.clone(),
            hidden_cols: t.hidden_cols.clone(),
        }
    }
}

/// Describe every table of a document.
pub fn tables_output<'a>(file: &'a str, doc: &Document) -> TablesOutput<'a> {
    TablesOutput {
        file,
        tables: doc
            .tables()
            .into_iter()
            .map(TableOutput::from_table)
            .collect(),
        legend: doc.legend.clone(),
    }
}

/// Write the tables as pretty JSON, with a final newline.
pub fn write_json(out: &mut dyn Write, file: &str, doc: &Document) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &tables_output(file, doc))?;
    writeln!(out)
}

/// Write the tables as CSV records `table,row,cells...`, each led by
/// `file` when one is given.
pub fn write_csv(out: &mut dyn Write, file: Option<&str>, doc: &Document) -> std::io::Result<()> {
    let mut w = csv::WriterBuilder::new().flexible(true).from_writer(out);
    for t in doc.tables() {
        for (r, row) in t.text_grid().into_iter().enumerate() {
            let mut record = file.map(str::to_string).into_iter().collect::<Vec<_>>();
            record.extend([t.index.to_string(), r.to_string()]);
            record.extend(row);
            w.write_record(&record)?;
        }
    }
    w.flush()
}
