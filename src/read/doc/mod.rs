//! The legacy Word (.doc, Word 97-2003 binary, [MS-DOC]) reader.
//!
//! Division of labour, and why:
//! - The `cfb` crate opens the compound file (the OLE container, [MS-CFB])
//!   and hands over its streams: `WordDocument`, the table stream (`0Table`
//!   or `1Table`), `Data`, and `\x05SummaryInformation` for the title. It
//!   checks sector chains for loops and lengths against the file; a stream
//!   is read only up to the file's own size.
//! - The MS-DOC structures are parsed here, small and bounded, because no
//!   crate we can use gives tables: [`fib`] (the File Information Block),
//!   [`pieces`] (the piece table: where the text is and how it is encoded),
//!   [`props`] (sprms, the PAPX and CHPX pages, row definitions with merge
//!   flags and shading), [`styles`] (the style sheet and list levels),
//!   [`body`] (the walk that builds paragraphs, headings and tables) and
//!   [`summary`] (the title from the summary information).
//! - The document model is the one the .docx reader builds: same headings,
//!   list labels (rendered as the .docx reader renders them), spans,
//!   table grid, spans of merged cells, fills and sources, so a plan saved
//!   as .doc converts as its .docx original does.
//!
//! Not read: comments (the annotation subdocument), footnotes, headers and
//! footers, text boxes (all outside the main text), list numbering
//! overrides (LFOLVL start-at), and properties a piece's own grpprl (Prm)
//! sets, which Word writes only for fast-saved files.

mod body;
mod fib;
mod le;
mod pieces;
mod props;
mod styles;
mod summary;

use std::io::{Cursor, Read};

use crate::error::{ErrorKind, Result};
use crate::model::{Document, Format, Meta, SourceLoc, Warning};
use crate::read::Limits;

/// A damaged file's error.
fn damaged(what: impl std::fmt::Display) -> ErrorKind {
    ErrorKind::Doc(what.to_string())
}

type Compound<'a> = cfb::CompoundFile<Cursor<&'a [u8]>>;

/// Whether the compound file's root holds a `WordDocument` stream (and so
/// is a Word document, not a workbook with an embedded one).
pub fn is_word(bytes: &[u8]) -> Option<bool> {
    let comp = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
    Some(comp.is_stream("/WordDocument"))
}

/// Read a stream whole, if the file has it. A stream longer than the file
/// cannot be real: it is an error, never an allocation.
fn stream(comp: &mut Compound<'_>, name: &str, limit: u64) -> Result<Option<Vec<u8>>> {
    if !comp.is_stream(name) {
        return Ok(None);
    }
    let mut s = comp
        .open_stream(name)
        .map_err(|e| damaged(format!("the {name} stream cannot be opened ({e})")))?;
    let len = s.len();
    if len > limit {
        return Err(damaged(format!(
            "the {name} stream claims {len} bytes, more than the file holds"
        )));
    }
    let mut out = Vec::with_capacity(len as usize);
    (&mut s)
        .take(len)
        .read_to_end(&mut out)
        .map_err(|e| damaged(format!("the {name} stream cannot be read ({e})")))?;
    Ok(Some(out))
}

/// Read a .doc held in memory.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document> {
    let mut comp = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| damaged(format!("the compound file cannot be opened ({e})")))?;
    let limit = (bytes.len() as u64).min(limits.max_file_bytes);
    let word = stream(&mut comp, "/WordDocument", limit)?
        .ok_or_else(|| damaged("no WordDocument stream"))?;
    let fib = fib::parse(&word).map_err(|e| match e {
        fib::FibError::NotWord => damaged("the WordDocument stream is not a Word 97-2003 one"),
        fib::FibError::Word95 => ErrorKind::Unsupported(
            "a Word 6.0/95 document, which is not read: open it in Word or LibreOffice and \
             save it as .docx"
                .into(),
        ),
        fib::FibError::Truncated(what) => damaged(format!("its FIB is cut short at {what}")),
    })?;
    if fib.encrypted {
        return Err(ErrorKind::Encrypted("Word 97-2003 document".into()));
    }
    let table_name = if fib.table_1 { "/1Table" } else { "/0Table" };
    let table = stream(&mut comp, table_name, limit)?
        .ok_or_else(|| damaged(format!("no {} stream", &table_name[1..])))?;
    let data = stream(&mut comp, "/Data", limit)?.unwrap_or_default();
    let summary = stream(&mut comp, "/\u{5}SummaryInformation", limit)
        .ok()
        .flatten()
        .unwrap_or_default();

    let part = |p: fib::FcLcb| le::slice(&table, p.fc as usize, p.lcb as usize);
    let clx = part(fib.clx).ok_or_else(|| damaged("its piece table lies past the table stream"))?;
    let pieces = pieces::parse_clx(clx).map_err(damaged)?;
    // No more characters than the stream has bytes, however the pieces
    // overlap.
    let (chars, missing) = pieces.chars(&word, fib.ccp_text, word.len());
    let mut warnings = Vec::new();
    if missing > 0 {
        warnings.push(Warning {
            message: format!(
                "{missing} characters of the text lie past the end of its stream and are \
                 missing: the file may be truncated"
            ),
            source: SourceLoc::default(),
        });
    }
    let styles = styles::StyleSheet::parse(part(fib.stshf).unwrap_or_default());
    let lists = styles::Lists::parse(
        table.get(fib.plf_lst.fc as usize..).unwrap_or_default(),
        part(fib.plf_lfo).unwrap_or_default(),
    );
    let (papx, chpx) = body::fkps(
        props::BinTable::parse(part(fib.bte_papx).unwrap_or_default()),
        props::BinTable::parse(part(fib.bte_chpx).unwrap_or_default()),
    );
    let mut walked = body::walk(
        &chars,
        body::Context {
            word: &word,
            data: &data,
            styles: &styles,
            lists,
            papx,
            chpx,
        },
    )?;
    warnings.append(&mut walked.warnings);
    let info = summary::parse(&summary);
    Ok(Document {
        meta: Meta {
            format: Format::Doc,
            title: info.title,
            producer: info.producer,
            pages: info.pages,
            sheets: None,
        },
        blocks: walked.blocks,
        warnings,
        legend: Vec::new(),
    })
}
