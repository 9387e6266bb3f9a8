//! Readers: one per format, each turning a file's bytes into the neutral
//! [`Document`](crate::model::Document).
//!
//! [`read_path`] reads a file under [`Limits`], recognises its format from its
//! first bytes (never from its name alone: a `.docx` that is really a PDF is
//! reported as such) and hands it to the format's reader. Only this module
//! touches input bytes.
//!
//! | format | module | built on |
//! |---|---|---|
//! | Word (.docx) | [`docx`] | docx-rs for styles, numbering and comments; our quick-xml walk for the body |
//! | OpenDocument text (.odt) | [`odt`] | our quick-xml walks of `styles.xml` and `content.xml` (lists, tables with merges and fills, spans) |
//! | Word 97-2003 (.doc) | [`doc`] | cfb for the compound file; our MS-DOC parsing (piece table, properties, styles, lists, tables) |
//! | Spreadsheets (.xlsx, .xls, .ods) | [`sheets`] | calamine for values and merges; our quick-xml pass for .xlsx fills, number formats and hidden rows/columns |
//! | PDF | [`pdf`] | lopdf for the object graph; our content-stream interpreter, fonts and table finder |

pub mod container;
pub mod doc;
pub mod docx;
mod guard;
mod limits;
pub mod odt;
pub mod pdf;
pub mod sheets;
pub mod xml;

pub use limits::Limits;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::model::{Block, Document, Format, Paragraph, SourceLoc, Table, Warning};

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// A zip container (Office Open XML, OpenDocument, or any zip).
    Zip,
    /// An OLE compound file (encrypted Office file, .doc, .xls).
    Ole,
    /// A PDF.
    Pdf,
    /// Something else; the string describes it for an error message.
    Other(String),
}

/// Recognise a file from its first bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Ole
    } else if bytes.len() >= 5
        && bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
    {
        Sniffed::Pdf
    } else {
        Sniffed::Other(describe(bytes))
    }
}

/// A short description of unrecognised bytes, for error messages.
fn describe(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(512)];
    let text = std::str::from_utf8(head).is_ok()
        || head
            .iter()
            .all(|&b| b == b'\n' || b == b'\r' || b == b'\t' || (0x20..0x7f).contains(&b));
    if text {
        let trimmed = String::from_utf8_lossy(head);
        let t = trimmed.trim_start();
        if t.starts_with("<?xml") || t.starts_with('<') {
            "the file is XML or HTML text, not a zip package".to_string()
        } else if looks_like_csv(t) {
            "the file is CSV text, not a workbook: open it in a spreadsheet and save it as .xlsx"
                .to_string()
        } else if t.starts_with("{\\rtf") {
            "the file is RTF; save it as .docx".to_string()
        } else {
            "the file is plain text, not a zip package".to_string()
        }
    } else {
        format!(
            "unrecognised binary data (starts with {})",
            head.iter()
                .take(4)
                .map(|b| format!("{b:02X}"))
                .collect::<Vec<_>>()
                .join(" ")
        )
    }
}

/// Two or more lines whose first has a comma, semicolon or tab between
/// fields.
fn looks_like_csv(t: &str) -> bool {
    let mut lines = t.lines();
    let first = lines.next().unwrap_or("");
    lines.next().is_some()
        && first
            .chars()
            .filter(|&c| matches!(c, ',' | ';' | '\t'))
            .count()
            >= 1
}

/// Read the file at `path` and return its document.
///
/// Errors name the file; see [`ErrorKind`] for the kinds. A panic in a
/// reader (a bug, ours or a dependency's, on some damaged file) is this
/// file's [`ErrorKind::Internal`] error, not the end of the process.
/// ([`read_bytes`] lets it through, so that fuzzing finds it.)
pub fn read_path(path: &Path, limits: &Limits) -> Result<Document, Error> {
    let bytes = read_file(path, limits).map_err(|k| Error::new(path, k))?;
    match catch_quietly(|| read_bytes(&bytes, limits)) {
        Ok(read) => read.map_err(|k| Error::new(path, k)),
        Err(panic) => Err(Error::new(path, ErrorKind::Internal(panic))),
    }
}

/// What a file is, decided once, from its first bytes and (for a zip) its
/// package's parts: what [`read_bytes`] reads it as and what
/// [`Format::detect`] says. Everything that is none of them is an error
/// here, with the message the user sees.
enum Identified<'a> {
    Docx(container::Package<'a>),
    Doc,
    Odt(container::Package<'a>),
    Xlsx(container::Package<'a>),
    Ods(container::Package<'a>),
    Xls,
    Pdf,
}

fn identify<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Identified<'a>> {
    if bytes.is_empty() {
        return Err(ErrorKind::Empty);
    }
    match sniff(bytes) {
        Sniffed::Zip => {
            let pkg = container::Package::open(bytes, limits)?;
            match pkg.kind() {
                container::PackageKind::Word => Ok(Identified::Docx(pkg)),
                container::PackageKind::Workbook => Ok(Identified::Xlsx(pkg)),
                container::PackageKind::OpenDocumentSheet => Ok(Identified::Ods(pkg)),
                container::PackageKind::OpenDocumentText => Ok(Identified::Odt(pkg)),
                container::PackageKind::BinaryWorkbook => Err(ErrorKind::Unsupported(
                    "an Excel binary workbook (.xlsb), which is not read: save it as .xlsx".into(),
                )),
                container::PackageKind::Misplaced(what, part) => {
                    Err(ErrorKind::Unsupported(format!(
                        "{what} whose main part is {part}, not where Word, Excel and LibreOffice \
                         write it, which is not read: open it in Excel or LibreOffice and save \
                         it again"
                    )))
                }
                container::PackageKind::Other(what) => Err(ErrorKind::NotFormat {
                    expected: EXPECTED,
                    found: what,
                }),
            }
        }
        Sniffed::Ole => match ole_kind(bytes) {
            OleKind::Workbook => Ok(Identified::Xls),
            OleKind::Word => Ok(Identified::Doc),
            OleKind::Encrypted => Err(ErrorKind::Encrypted(
                "Office document (password-protected)".into(),
            )),
            OleKind::Other => Err(ErrorKind::OleContainer),
        },
        Sniffed::Pdf => Ok(Identified::Pdf),
        Sniffed::Other(found) => Err(ErrorKind::NotFormat {
            expected: EXPECTED,
            found,
        }),
    }
}

/// Read a document from bytes already in memory.
pub fn read_bytes(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let mut doc = match identify(bytes, limits)? {
        Identified::Docx(pkg) => docx::read(&pkg, limits),
        Identified::Doc => doc::read(bytes, limits),
        Identified::Odt(pkg) => odt::read(&pkg, limits),
        Identified::Xlsx(pkg) => sheets::read_xlsx(bytes, &pkg, limits),
        Identified::Ods(pkg) => sheets::read_ods(bytes, &pkg, limits),
        Identified::Xls => sheets::read_xls(bytes, limits),
        Identified::Pdf => pdf::read(bytes, limits),
    }?;
    bound_text(&mut doc);
    Ok(doc)
}

/// The most characters one table cell, or one paragraph outside a table,
/// keeps. A plan's cells hold a few thousand; a 182 KB .docx can hold one
/// of 50 million (valid, and compressed 270 to 1), and every stage after
/// reading works on a cell's whole text: that file took 2.3 s and 300 MB
/// to convert. Past this the text is cut, with a warning naming the cell.
pub const MAX_CELL_CHARS: usize = 100_000;

/// Cut every cell and paragraph to [`MAX_CELL_CHARS`], saying where.
fn bound_text(doc: &mut Document) {
    let mut warnings = Vec::new();
    for block in &mut doc.blocks {
        match block {
            Block::Paragraph(p) | Block::Heading { paragraph: p, .. } => {
                if let Some(total) = cut_text(std::slice::from_mut(p)) {
                    warnings.push(cut_warning("a paragraph", total, &p.source));
                }
            }
            Block::Table(t) => bound_table(t, &mut warnings),
        }
    }
    doc.warnings.extend(warnings);
}

fn bound_table(table: &mut Table, warnings: &mut Vec<Warning>) {
    for cell in &mut table.cells {
        if let Some(total) = cut_text(&mut cell.paragraphs) {
            warnings.push(cut_warning("a cell", total, &cell.source));
        }
        for nested in &mut cell.tables {
            bound_table(nested, warnings);
        }
    }
}

fn cut_warning(what: &str, total: usize, source: &SourceLoc) -> Warning {
    Warning {
        message: format!(
            "{what} holds {total} characters: only its first {MAX_CELL_CHARS} are kept \
             (a plan's cells hold a few thousand)"
        ),
        source: source.clone(),
    }
}

/// Keep the first [`MAX_CELL_CHARS`] characters of these paragraphs' spans
/// and drop the rest; the number of characters there were, if any were cut.
fn cut_text(paragraphs: &mut [Paragraph]) -> Option<usize> {
    let spans = || paragraphs.iter().flat_map(|p| &p.spans);
    // Bytes bound characters: most cells are passed without counting.
    if spans().map(|s| s.text.len()).sum::<usize>() <= MAX_CELL_CHARS {
        return None;
    }
    let total: usize = spans().map(|s| s.text.chars().count()).sum();
    if total <= MAX_CELL_CHARS {
        return None;
    }
    let mut left = MAX_CELL_CHARS;
    for p in paragraphs.iter_mut() {
        for span in &mut p.spans {
            match span.text.char_indices().nth(left) {
                Some((at, _)) => {
                    span.text.truncate(at);
                    left = 0;
                }
                None => left -= span.text.chars().count(),
            }
        }
        p.spans.retain(|s| !s.text.is_empty());
    }
    Some(total)
}

impl Format {
    /// The format a file's bytes would be read as, if any: the decision
    /// [`read_bytes`] acts on, made in the one place.
    pub fn detect(bytes: &[u8], limits: &Limits) -> Option<Format> {
        Some(match identify(bytes, limits).ok()? {
            Identified::Docx(_) => Format::Docx,
            Identified::Doc => Format::Doc,
            Identified::Odt(_) => Format::Odt,
            Identified::Xlsx(_) => Format::Xlsx,
            Identified::Ods(_) => Format::Ods,
            Identified::Xls => Format::Xls,
            Identified::Pdf => Format::Pdf,
        })
    }
}

pub(crate) use guard::catch_quietly;

/// A warning for each merged cell of `table` whose text the grid keeps
/// once rather than in every slot it covers (see
/// [`Table::text_grid`](crate::model::Table::text_grid)).
pub(crate) fn oversized_merge_warnings(table: &crate::model::Table) -> Vec<crate::model::Warning> {
    table
        .oversized_merges()
        .into_iter()
        .map(|c| crate::model::Warning {
            message: format!(
                "a cell merged over {} holds {} characters; \
                 its text is kept once, in its first row and column",
                match (c.row_span, c.col_span) {
                    (1, n) => format!("{n} columns"),
                    (n, 1) => format!("{n} rows"),
                    (r, n) => format!("{r} rows and {n} columns"),
                },
                c.text().chars().count()
            ),
            source: c.source.clone(),
        })
        .collect()
}

/// What the error says we expected, for a file we do not recognise.
const EXPECTED: &str = "Word, Excel, OpenDocument or PDF";

/// What an OLE compound file holds, from its directory's stream names.
#[derive(Debug, PartialEq, Eq)]
enum OleKind {
    /// A legacy Excel workbook ("Workbook" or "Book" stream).
    Workbook,
    /// A legacy Word 97-2003 document ("WordDocument" stream).
    Word,
    /// An encrypted Office Open XML file ("EncryptedPackage").
    Encrypted,
    /// Anything else (a .msg, a .ppt...).
    Other,
}

/// Look for the UTF-16LE stream names in the compound file's directory. A
/// heuristic, but the names are fixed by the formats: a legacy workbook
/// always has a "Workbook" (or Excel 5 "Book") stream and an encrypted OOXML
/// file an "EncryptedPackage" stream.
fn ole_kind(bytes: &[u8]) -> OleKind {
    // Directory names are compared case-insensitively (MS-CFB 2.6.4): a
    // "WORKBOOK" stream is a workbook.
    let utf16 = |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let has = |s: &str| {
        let pat = utf16(s);
        bytes
            .windows(pat.len())
            .any(|w| w.iter().zip(&pat).all(|(a, b)| a.eq_ignore_ascii_case(b)))
    };
    let workbook = has("Workbook\0") || has("Book\0");
    if has("EncryptedPackage") {
        OleKind::Encrypted
    } else if has("WordDocument\0") && (!workbook || doc::is_word(bytes) == Some(true)) {
        // A document with an embedded workbook names both streams: the
        // root's WordDocument decides.
        OleKind::Word
    } else if workbook {
        OleKind::Workbook
    } else {
        OleKind::Other
    }
}

/// Read a whole file, refusing one larger than the limit without reading it.
pub fn read_file(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > limits.max_file_bytes {
        return Err(ErrorKind::FileTooLarge {
            size,
            limit: limits.max_file_bytes,
        });
    }
    read_limited(file, size as usize, limits)
}

/// Read a stream whole (standard input, `-`), refusing more than the file
/// size limit; the format is then told from the bytes, as for any file.
pub fn read_stream(stream: impl Read, limits: &Limits) -> Result<Vec<u8>> {
    read_limited(stream, 0, limits)
}

/// Read at most one byte past the file limit, and refuse what passes it.
fn read_limited(stream: impl Read, expected: usize, limits: &Limits) -> Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(expected);
    stream
        .take(limits.max_file_bytes + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(ErrorKind::FileTooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_bytes,
        });
    }
    Ok(bytes)
}

/// The format a file's bytes would be read as, if any (see
/// [`Format::detect`]).
pub fn detect(bytes: &[u8], limits: &Limits) -> Option<Format> {
    Format::detect(bytes, limits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;

    #[test]
    fn a_huge_cell_is_cut_to_the_limit_and_a_small_one_is_left() {
        let para = |t: &str| Paragraph {
            spans: vec![Span {
                text: t.to_string(),
                ..Span::default()
            }],
            ..Paragraph::default()
        };
        let mut small = vec![para("Raise awareness"), para("of neglect")];
        assert_eq!(cut_text(&mut small), None);
        assert_eq!(small[1].spans[0].text, "of neglect");
        // Two paragraphs, the cut inside the second, in a two-byte character.
        let first = "a".repeat(MAX_CELL_CHARS - 3);
        let mut big = vec![para(&first), para(&"é".repeat(10))];
        assert_eq!(cut_text(&mut big), Some(MAX_CELL_CHARS + 7));
        assert_eq!(big[0].spans[0].text, first);
        assert_eq!(big[1].spans[0].text, "ééé");
    }

    #[test]
    fn sniffs_magic_numbers() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Sniffed::Ole
        );
        assert_eq!(
            sniff(b"No.,Objective\n1,x\n"),
            Sniffed::Other(
                "the file is CSV text, not a workbook: open it in a spreadsheet and save it as .xlsx"
                    .into()
            )
        );
        assert_eq!(
            sniff(&[0x00, 0x01, 0xFF, 0xFE, 0x80]),
            Sniffed::Other("unrecognised binary data (starts with 00 01 FF FE)".into())
        );
    }

    #[test]
    fn the_format_is_what_the_file_is_read_as() {
        let limits = Limits::default();
        assert_eq!(Format::detect(b"%PDF-1.7\n", &limits), Some(Format::Pdf));
        assert_eq!(Format::detect(b"No.,Objective\n1,x\n", &limits), None);
        assert_eq!(Format::detect(b"", &limits), None);
    }

    #[test]
    fn empty_bytes_are_an_error() {
        assert!(matches!(
            read_bytes(b"", &Limits::default()),
            Err(ErrorKind::Empty)
        ));
    }
}
