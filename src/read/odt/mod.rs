//! The OpenDocument Text (.odt) reader: what LibreOffice and other ODF
//! word processors write.
//!
//! Division of labour, and why:
//! - [`crate::read::container`] (the `zip` crate) inflates parts under
//!   the same limits as for .docx: each part, and the package in all.
//! - An encrypted .odt keeps `META-INF/manifest.xml` in clear and lists
//!   each encrypted part's `manifest:encryption-data`: that is an
//!   [`ErrorKind::Encrypted`] error, as for an encrypted .ods.
//! - Our quick-xml walks ([`crate::read::xml`], depth-limited, no DTDs)
//!   read [`styles`] from `styles.xml` and `content.xml`'s automatic
//!   styles, then the body of `content.xml` ([`body`]); `meta.xml` gives
//!   the title (`dc:title`), the generator and the stored page count.
//!   No ODF crate gives tables with merged cells and fills, and the model
//!   is the one the .docx reader builds: same headings, list labels,
//!   spans, table grid, spans of merged cells, fills and sources, so a plan
//!   saved as .odt converts as its .docx original does.
//!
//! Not read: page headers and footers (in `styles.xml`'s master pages),
//! footnotes and endnotes (`text:note`), text of deleted tracked changes
//! (dropped, as Word's deleted text is), `table:number-rows-repeated`
//! (a repeated row is read once; Writer does not write them), and
//! underline, strike-through and font colour.

mod body;
mod styles;

use crate::error::{ErrorKind, Result};
use crate::model::{Document, Format, Meta, SourceLoc, Warning};
use crate::read::container::Package;
use crate::read::Limits;

/// The `mimetype` of an OpenDocument text document.
pub const MIMETYPE: &str = "application/vnd.oasis.opendocument.text";

/// Read an OpenDocument text package that [`Package::kind`] identified.
pub fn read(pkg: &Package<'_>, limits: &Limits) -> Result<Document> {
    if let Some(manifest) = pkg.read("META-INF/manifest.xml")? {
        if memchr::memmem::find(&manifest, b"encryption-data").is_some() {
            return Err(ErrorKind::Encrypted("OpenDocument text document".into()));
        }
    }
    let mut warnings = Vec::new();
    let mut styles = styles::Styles::default();
    if let Some(bytes) = pkg.read("styles.xml")? {
        if let Err(e) = styles.add(&bytes, "styles.xml", limits.max_xml_depth) {
            warnings.push(Warning {
                message: format!(
                    "styles.xml could not be read ({e}); headings, lists and bold set by \
                     named styles are not recognised"
                ),
                source: SourceLoc::default(),
            });
        }
    }
    let content = pkg.require("content.xml")?;
    // The automatic styles of content.xml (a malformed part fails the body
    // walk below with the same error).
    styles.add(&content, "content.xml", limits.max_xml_depth)?;
    let mut walked = body::walk(&content, "content.xml", &styles, limits.max_xml_depth)?;
    warnings.append(&mut walked.warnings);
    Ok(Document {
        meta: meta(pkg, limits),
        blocks: walked.blocks,
        warnings,
        legend: Vec::new(),
    })
}

/// Title, producer and page count from `meta.xml`; optional, so a missing
/// or unreadable one leaves them empty.
fn meta(pkg: &Package<'_>, limits: &Limits) -> Meta {
    let mut meta = Meta {
        format: Format::Odt,
        title: None,
        producer: None,
        pages: None,
        sheets: None,
    };
    let Some(bytes) = pkg.read("meta.xml").ok().flatten() else {
        return meta;
    };
    if let Ok(f) = crate::read::xml::simple_fields(
        &bytes,
        "meta.xml",
        &[b"title", b"generator"],
        limits.max_xml_depth,
    ) {
        meta.title = f
            .get("title")
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        // "LibreOffice/7.4.7.2$Linux_X86_64 LibreOffice_project/..."
        meta.producer = f
            .get("generator")
            .and_then(|g| g.split('$').next())
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty());
    }
    meta.pages = page_count(&bytes);
    meta
}

/// `meta:page-count` of `meta:document-statistic`.
fn page_count(bytes: &[u8]) -> Option<u32> {
    let at = memchr::memmem::find(bytes, b"page-count=")? + b"page-count=".len();
    let rest = bytes.get(at + 1..)?;
    let end = rest.iter().position(|&b| b == b'"' || b == b'\'')?;
    std::str::from_utf8(&rest[..end]).ok()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;
    use std::io::{Cursor, Write};

    fn odt(content: &str, manifest: Option<&str>) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            w.start_file("mimetype", stored).unwrap();
            w.write_all(MIMETYPE.as_bytes()).unwrap();
            w.start_file("content.xml", stored).unwrap();
            w.write_all(content.as_bytes()).unwrap();
            if let Some(m) = manifest {
                w.start_file("META-INF/manifest.xml", stored).unwrap();
                w.write_all(m.as_bytes()).unwrap();
            }
            w.start_file("meta.xml", stored).unwrap();
            w.write_all(
                br#"<office:document-meta xmlns:office="o" xmlns:dc="d" xmlns:meta="m"><office:meta><dc:title>A plan</dc:title><meta:generator>LibreOffice/7.4$Linux</meta:generator><meta:document-statistic meta:page-count="3"/></office:meta></office:document-meta>"#,
            )
            .unwrap();
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    fn body(inner: &str) -> String {
        format!(
            r##"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="ta" xmlns:style="s" xmlns:fo="f" xmlns:dc="d">
<office:automatic-styles>
 <style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
 <style:style style:name="T2" style:family="text"><style:text-properties fo:background-color="#ffff00"/></style:style>
 <style:style style:name="C1" style:family="table-cell"><style:table-cell-properties fo:background-color="#00b050"/></style:style>
 <text:list-style style:name="L1"><text:list-level-style-number text:level="1" style:num-format="1" style:num-suffix="."/><text:list-level-style-bullet text:level="2"/></text:list-style>
</office:automatic-styles>
<office:body><office:text>{inner}</office:text></office:body></office:document-content>"##
        )
    }

    fn read_odt(inner: &str) -> Result<Document> {
        let bytes = odt(&body(inner), None);
        crate::read::read_bytes(&bytes, &Limits::default())
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.blocks
            .iter()
            .map(|b| match b {
                Block::Heading { level, paragraph } => format!("h{level}:{}", paragraph.text()),
                Block::Paragraph(p) => p.display_text(),
                Block::Table(t) => format!("table {}x{}", t.n_rows, t.n_cols),
            })
            .collect()
    }

    #[test]
    fn paragraphs_headings_spans_and_white_space() {
        let doc = read_odt(
            r#"<text:tracked-changes><text:changed-region><text:deletion><text:p>gone</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="2">Priority  one</text:h>
<text:p>Lead:<text:s text:c="2"/><text:span text:style-name="T1">Jane</text:span> <text:span text:style-name="T2">Smith</text:span><text:tab/>x<text:line-break/>y<text:note><text:note-body><text:p>foot</text:p></text:note-body></text:note></text:p>
<text:p>  </text:p>
<text:p>Has a comment<office:annotation><dc:creator>Ann</dc:creator><dc:date>2016</dc:date><text:p>Check  this</text:p></office:annotation></text:p>"#,
        )
        .unwrap();
        assert_eq!(doc.meta.format, Format::Odt);
        assert_eq!(doc.meta.title.as_deref(), Some("A plan"));
        assert_eq!(doc.meta.producer.as_deref(), Some("LibreOffice/7.4"));
        assert_eq!(doc.meta.pages, Some(3));
        assert_eq!(
            texts(&doc),
            [
                "h2:Priority one",
                "Lead:  Jane Smith\tx\ny",
                "Has a comment"
            ]
        );
        let Block::Paragraph(p) = &doc.blocks[1] else {
            panic!("a paragraph")
        };
        assert!(p.spans[1].bold && p.spans[1].text == "Jane");
        assert_eq!(p.spans[3].highlight.as_deref(), Some("yellow"));
        assert_eq!(p.source.block, Some(1));
        let Block::Paragraph(c) = &doc.blocks[2] else {
            panic!("a paragraph")
        };
        assert_eq!(c.comments[0].author, "Ann");
        assert_eq!(c.comments[0].text, "Check this");
    }

    #[test]
    fn lists_number_and_restart() {
        let doc = read_odt(
            r#"<text:list text:style-name="L1"><text:list-item><text:p>one</text:p></text:list-item><text:list-item><text:p>two</text:p><text:list><text:list-item><text:p>dot</text:p></text:list-item></text:list></text:list-item></text:list>
<text:p>between</text:p>
<text:list text:style-name="L1" text:continue-numbering="true"><text:list-item><text:p>three</text:p></text:list-item></text:list>
<text:list text:style-name="L1"><text:list-item><text:p>again</text:p></text:list-item><text:list-item text:start-value="7"><text:p>seven</text:p></text:list-item></text:list>"#,
        )
        .unwrap();
        assert_eq!(
            texts(&doc),
            ["1. one", "2. two", "• dot", "between", "3. three", "1. again", "7. seven"]
        );
    }

    #[test]
    fn tables_merges_fills_headers_and_nesting() {
        let doc = read_odt(
            r#"<table:table><table:table-column table:number-columns-repeated="3"/>
<table:table-header-rows><table:table-row><table:table-cell><text:p>A</text:p></table:table-cell><table:table-cell><text:p>B</text:p></table:table-cell><table:table-cell><text:p>C</text:p></table:table-cell></table:table-row></table:table-header-rows>
<table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>tall</text:p></table:table-cell><table:table-cell table:number-columns-spanned="2" table:style-name="C1"><text:p>wide</text:p></table:table-cell><table:covered-table-cell/></table:table-row>
<table:table-row><table:covered-table-cell><text:p>hidden</text:p></table:covered-table-cell><table:table-cell><table:table><table:table-row><table:table-cell><text:p>in</text:p></table:table-cell></table:table-row></table:table><text:p/></table:table-cell><table:table-cell/></table:table-row>
</table:table>"#,
        )
        .unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("a table")
        };
        assert_eq!((t.n_rows, t.n_cols, t.header_rows), (3, 3, 1));
        let tall = t.cell_at(1, 0).unwrap();
        assert_eq!(
            (tall.row, tall.row_span, tall.text().as_str()),
            (1, 2, "tall")
        );
        let wide = t.cell_at(1, 1).unwrap();
        assert_eq!((wide.col, wide.col_span), (1, 2));
        assert_eq!(wide.fill.as_deref(), Some("00B050"));
        assert_eq!(wide.paragraphs[0].source, wide.source);
        let outer = t.cell_at(2, 1).unwrap();
        let inner = &outer.tables[0];
        assert_eq!(inner.index, 1);
        assert_eq!(
            inner.parent.as_ref().map(|p| (p.table, p.row, p.col)),
            Some((0, 2, 1))
        );
        assert_eq!(inner.cells[0].source.table, Some(1));
        assert!(doc
            .warnings
            .iter()
            .any(|w| w.message.contains("merged-away")));
    }

    #[test]
    fn encrypted_and_malformed_files_are_errors() {
        let enc = odt(
            &body("<text:p>x</text:p>"),
            Some(
                r#"<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry></manifest:manifest>"#,
            ),
        );
        let err = crate::read::read_bytes(&enc, &Limits::default()).unwrap_err();
        assert!(matches!(err, ErrorKind::Encrypted(_)), "{err}");
        assert!(err.to_string().contains("OpenDocument text"), "{err}");
        for bad in [
            "<office:document-content><office:body><office:text><text:p>",
            "<a><b></a>",
            "<office:document-content/>",
            "<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>",
        ] {
            let bytes = odt(bad, None);
            assert!(
                crate::read::read_bytes(&bytes, &Limits::default()).is_err(),
                "{bad}"
            );
        }
        let deep = body(&"<text:list><text:list-item>".repeat(300));
        assert!(matches!(
            crate::read::read_bytes(&odt(&deep, None), &Limits::default()),
            Err(ErrorKind::XmlTooDeep { .. })
        ));
        // Hostile numbers are bounded.
        let doc = read_odt(
            r#"<table:table><table:table-column table:number-columns-repeated="99999999999"/><table:table-row><table:table-cell table:number-columns-spanned="4000000000" table:number-rows-spanned="4000000000" table:number-columns-repeated="99999"><text:p>x<text:s text:c="999999999"/></text:p></table:table-cell></table:table-row></table:table>"#,
        )
        .unwrap();
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("a table")
        };
        assert_eq!((t.n_rows, t.n_cols), (1, 1024));
        assert_eq!((t.cells[0].row_span, t.cells[0].col_span), (1, 512));
        // Spaces from text:s add up to no more than the part's size.
        let spaces = format!(
            "<text:p>x{}</text:p>",
            r#"<text:s text:c="1024"/>"#.repeat(2000)
        );
        let doc = read_odt(&spaces).unwrap();
        let Block::Paragraph(p) = &doc.blocks[0] else {
            panic!("a paragraph")
        };
        assert!(
            p.text().len() <= body(&spaces).len() + 1,
            "{}",
            p.text().len()
        );
        assert!(p.text().len() > 40_000);
        let good = odt(&body("<text:p>x</text:p>"), None);
        for cut in (0..good.len()).step_by(97) {
            let _ = crate::read::read_bytes(&good[..cut], &Limits::default());
        }
    }

    #[test]
    fn page_counts() {
        assert_eq!(page_count(br#"<m meta:page-count="12"/>"#), Some(12));
        assert_eq!(page_count(br#"<m meta:page-count="#), None);
        assert_eq!(page_count(b"none"), None);
    }
}
