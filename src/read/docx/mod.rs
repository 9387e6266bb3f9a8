//! The Word (.docx) reader.
//!
//! Division of labour, and why:
//! - [`crate::read::container`] (the `zip` crate) inflates parts under limits.
//!   docx-rs's `read_docx` inflates every part, images included, with no
//!   limit, so it is not given the package.
//! - docx-rs parses `numbering.xml` and `comments.xml` ([`styles`]): list
//!   definitions, comment bodies. `styles.xml` is indexed by us and a style
//!   parsed only when a paragraph uses it (a template defines a hundred and
//!   more; parsing them all was two thirds of a plan's read time).
//! - Our own quick-xml walk reads the body ([`body`]), because docx-rs's
//!   model drops what plans need: it does not read `w:tblHeader` (header
//!   rows that repeat on each page), and its tree would have to be rebuilt
//!   into a grid anyway. The walk turns `w:gridSpan`/`w:vMerge` into spans,
//!   keeps inserted and drops deleted text, reads through content controls,
//!   and anchors comments to their paragraphs.
//! - Page headers and footers (`header*.xml`, `footer*.xml`) are never read:
//!   they are not body text.

mod body;
mod styles;

pub use styles::{format_number, LevelDef};

use std::collections::HashMap;

use crate::error::Result;
use crate::model::{Document, Format, SourceLoc, Warning};
use crate::read::container::Package;
use crate::read::xml::{self, Ev, Xml};
use crate::read::Limits;

const REL_OFFICE_DOCUMENT: &str = "/officeDocument";

/// Read a Word package that [`Package::kind`] identified as Word.
pub fn read(pkg: &Package<'_>, limits: &Limits) -> Result<Document> {
    let main = main_part(pkg, limits)?;
    let rels = part_rels(pkg, &main, limits)?;
    let mut warnings = Vec::new();

    let mut styles_part = String::new();
    let styles = match side_part(pkg, &rels, "/styles", "word/styles.xml", limits)? {
        Some((name, bytes)) => {
            styles_part.clone_from(&name);
            styles::parse_styles(&bytes, limits.max_xml_depth).unwrap_or_else(|e| {
                warnings.push(part_warning(
                    &name,
                    &e,
                    "headings and list styles are not recognised",
                ));
                Default::default()
            })
        }
        None => Default::default(),
    };
    let numbering = match side_part(pkg, &rels, "/numbering", "word/numbering.xml", limits)? {
        Some((name, bytes)) => styles::parse_numbering(&bytes).unwrap_or_else(|e| {
            warnings.push(part_warning(
                &name,
                &e,
                "list items are read as plain paragraphs",
            ));
            Default::default()
        }),
        None => Default::default(),
    };
    let comments = match side_part(pkg, &rels, "/comments", "word/comments.xml", limits)? {
        Some((name, bytes)) => styles::parse_comments(&bytes).unwrap_or_else(|e| {
            warnings.push(part_warning(&name, &e, "comments are not read"));
            HashMap::new()
        }),
        None => HashMap::new(),
    };

    let document_xml = pkg.require(&main)?;
    let mut walked = body::walk(
        &document_xml,
        &main,
        body::Context {
            styles: &styles,
            numbering,
            comments: &comments,
            max_depth: limits.max_xml_depth,
        },
    )?;
    warnings.append(&mut walked.warnings);
    for (id, e) in styles.broken() {
        warnings.push(Warning {
            message: format!(
                "{styles_part}: style {id} could not be read ({e}); \
                 paragraphs in it are read as plain paragraphs"
            ),
            source: SourceLoc::default(),
        });
    }

    let meta = pkg.office_meta(Format::Docx);
    Ok(Document {
        meta,
        blocks: walked.blocks,
        warnings,
        legend: Vec::new(),
    })
}

fn part_warning(part: &str, error: &str, consequence: &str) -> Warning {
    Warning {
        message: format!("{part} could not be read ({error}); {consequence}"),
        source: SourceLoc::default(),
    }
}

/// The main document part, from the package relationships.
fn main_part(pkg: &Package<'_>, limits: &Limits) -> Result<String> {
    if let Some(bytes) = pkg.read("_rels/.rels")? {
        let rels = relationships(&bytes, "_rels/.rels", "", limits)?;
        if let Some((_, target)) = rels.iter().find(|(t, _)| t.ends_with(REL_OFFICE_DOCUMENT)) {
            if pkg.has(target) {
                return Ok(target.clone());
            }
        }
    }
    Ok("word/document.xml".to_string())
}

/// The relationships of a part: (type, resolved target).
fn part_rels(pkg: &Package<'_>, part: &str, limits: &Limits) -> Result<Vec<(String, String)>> {
    let (dir, file) = match part.rfind('/') {
        Some(i) => (&part[..i], &part[i + 1..]),
        None => ("", part),
    };
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    match pkg.read(&rels_name)? {
        Some(bytes) => relationships(&bytes, &rels_name, dir, limits),
        None => Ok(Vec::new()),
    }
}

/// A side part (styles, numbering, comments) found by relationship type,
/// falling back to its conventional name.
fn side_part(
    pkg: &Package<'_>,
    rels: &[(String, String)],
    type_suffix: &str,
    fallback: &str,
    limits: &Limits,
) -> Result<Option<(String, Vec<u8>)>> {
    let name = rels
        .iter()
        .find(|(t, _)| t.ends_with(type_suffix))
        .map(|(_, target)| target.clone())
        .unwrap_or_else(|| fallback.to_string());
    match pkg.read(&name)? {
        Some(bytes) => {
            // docx-rs parses numbering and comments with no limits: check
            // those parts with ours first (styles we parse ourselves).
            if type_suffix != "/styles" {
                xml::check(&bytes, &name, limits.max_xml_depth)?;
            }
            Ok(Some((name, bytes)))
        }
        None => Ok(None),
    }
}

/// Parse a `.rels` part into (type, target) with targets resolved against
/// `base_dir`.
fn relationships(
    bytes: &[u8],
    part: &str,
    base_dir: &str,
    limits: &Limits,
) -> Result<Vec<(String, String)>> {
    let mut xml = Xml::new(bytes, part, limits.max_xml_depth);
    let mut out = Vec::new();
    loop {
        match xml.next_event()? {
            Ev::Start(e) if e.local_name().as_ref() == b"Relationship" => {
                if xml::attr(&e, b"TargetMode").as_deref() == Some("External") {
                    continue;
                }
                if let (Some(t), Some(target)) = (xml::attr(&e, b"Type"), xml::attr(&e, b"Target"))
                {
                    out.push((t, resolve(base_dir, &target)));
                }
            }
            Ev::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// Resolve a relationship target against the directory of its source part.
fn resolve(base_dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return normalise(abs.split('/').collect());
    } else {
        base_dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    parts.extend(target.split('/'));
    normalise(parts)
}

fn normalise(parts: Vec<&str>) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts {
        match p {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            p => out.push(p),
        }
    }
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve() {
        assert_eq!(resolve("word", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word", "../customXml/item1.xml"),
            "customXml/item1.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word", "/word/document2.xml"), "word/document2.xml");
    }
}
