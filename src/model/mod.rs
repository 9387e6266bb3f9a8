//! The neutral document model: what every reader produces.
//!
//! A [`Document`] is an ordered list of [`Block`]s (headings, paragraphs,
//! tables) plus [`Meta`]data and the reader's [`Warning`]s. Readers (see
//! `crate::read`) build it; layout recognition and everything after it read
//! only this model, never a format's raw structures, so a plan gives the same
//! result whether it came from Word, a spreadsheet or a PDF.
//!
//! Tables are stored sparsely, as docling does: each [`Cell`] once, at its
//! top-left grid slot (its *anchor*), with its row and column span.
//! [`Table::grid`] derives the rectangular view in which a merged cell
//! appears in every slot it covers.

mod table;
mod text;

pub use table::{Cell, Table, TableParent};
pub use text::{Comment, ListItem, ListKind, Paragraph, Span};

use serde::Serialize;

/// The formats the readers know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Office Open XML word-processing document.
    Docx,
    /// Legacy Word 97-2003 binary document.
    Doc,
    /// OpenDocument text document.
    Odt,
    /// Office Open XML workbook.
    Xlsx,
    /// Legacy Excel 97-2003 binary workbook.
    Xls,
    /// Excel binary workbook.
    Xlsb,
    /// OpenDocument spreadsheet.
    Ods,
    /// Portable Document Format.
    Pdf,
}

impl Format {
    /// The lower-case name used in output (`docx`, `xlsx`, `pdf`...).
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Doc => "doc",
            Format::Odt => "odt",
            Format::Xlsx => "xlsx",
            Format::Xls => "xls",
            Format::Xlsb => "xlsb",
            Format::Ods => "ods",
            Format::Pdf => "pdf",
        }
    }

    /// Whether the format is a spreadsheet.
    pub fn is_spreadsheet(self) -> bool {
        matches!(
            self,
            Format::Xlsx | Format::Xls | Format::Xlsb | Format::Ods
        )
    }
}

/// A whole document as read.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    /// Title, producer, counts.
    pub meta: Meta,
    /// Body content in reading order. Page headers and footers are not here.
    pub blocks: Vec<Block>,
    /// What the reader could not do but carried on past.
    pub warnings: Vec<Warning>,
    /// A colour key found in the file (a spreadsheet's "Key" sheet): what
    /// each fill colour means. Empty when the file has none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub legend: Vec<LegendEntry>,
}

/// One entry of a colour key: a fill colour and what it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LegendEntry {
    /// Six upper-case hex digits.
    pub color: String,
    /// The meaning as written ("Off target").
    pub text: String,
}

#[cfg(test)]
impl Document {
    /// A Word document of these blocks and nothing else (tests).
    pub(crate) fn of_blocks(blocks: Vec<Block>) -> Document {
        Document {
            meta: Meta {
                format: Format::Docx,
                title: None,
                producer: None,
                pages: None,
                sheets: None,
            },
            blocks,
            warnings: Vec::new(),
            legend: Vec::new(),
        }
    }
}

impl Document {
    /// Every table, nested ones included, in order of [`Table::index`]
    /// (the order in which the tables start in the source).
    pub fn tables(&self) -> Vec<&Table> {
        let mut out = Vec::new();
        for block in &self.blocks {
            if let Block::Table(t) = block {
                t.collect_tables(&mut out);
            }
        }
        out.sort_by_key(|t| t.index);
        out
    }
}

/// Document-level facts, as far as the file states them.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    /// The source format.
    pub format: Format,
    /// The title stored in the file's properties (not the first heading).
    pub title: Option<String>,
    /// The application that wrote the file, when the file says.
    pub producer: Option<String>,
    /// Page count: for PDFs, or as last stored by the word processor.
    pub pages: Option<u32>,
    /// Sheet count, for spreadsheets.
    pub sheets: Option<u32>,
}

/// One piece of body content.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Block {
    /// A heading, from its style or its outline level.
    Heading {
        /// 0 for a title, 1 for a top-level heading, and so on.
        level: u8,
        /// The heading's text and place.
        paragraph: Paragraph,
    },
    /// An ordinary paragraph (list items included).
    Paragraph(Paragraph),
    /// A table.
    Table(Table),
}

/// Where something came from in the source. Fields that do not apply to a
/// format are `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SourceLoc {
    /// 1-based page (PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Sheet name (spreadsheets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// A1-style cell reference (spreadsheets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// 0-based index of the body block (paragraphs and tables in order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub block: Option<usize>,
    /// 0-based table index within the document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<usize>,
    /// 0-based row within the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// 0-based grid column within the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub col: Option<usize>,
}

impl std::fmt::Display for SourceLoc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        if let Some(p) = self.page {
            parts.push(format!("page {p}"));
        }
        match (&self.sheet, &self.cell) {
            (Some(s), Some(c)) => parts.push(format!("{s}!{c}")),
            (Some(s), None) => parts.push(format!("sheet {s}")),
            _ => {}
        }
        if let Some(t) = self.table {
            parts.push(format!("table {}", t + 1));
        }
        if let Some(r) = self.row {
            parts.push(format!("row {}", r + 1));
        }
        if let Some(c) = self.col {
            parts.push(format!("column {}", c + 1));
        }
        if parts.is_empty() {
            if let Some(b) = self.block {
                parts.push(format!("block {}", b + 1));
            }
        }
        f.write_str(&parts.join(", "))
    }
}

/// Something the reader could not do, with where it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// A sentence a person can act on.
    pub message: String,
    /// Where in the document.
    pub source: SourceLoc,
}
