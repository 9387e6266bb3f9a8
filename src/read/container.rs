//! The zip container of Office Open XML files, read under limits.
//!
//! A zip entry's declared size can lie, so every part is inflated through a
//! reader that stops one byte past the limit: memory stays bounded by the
//! limit whatever the file says (zip bombs end here with
//! [`ErrorKind::PartTooLarge`]). The total inflated across the parts read from
//! one package is bounded too.

use std::cell::Cell;
use std::io::{Cursor, Read};

use crate::error::{ErrorKind, Result};
use crate::read::Limits;

/// An opened zip package.
pub struct Package<'a> {
    archive: std::cell::RefCell<zip::ZipArchive<Cursor<&'a [u8]>>>,
    limits: Limits,
    inflated: Cell<u64>,
}

/// What kind of Office package the zip holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageKind {
    /// A word-processing document (has `word/document.xml` or a main part
    /// of that content type).
    Word,
    /// An Office Open XML workbook (.xlsx, .xlsm).
    Workbook,
    /// An OpenDocument spreadsheet (.ods): an OpenDocument package whose
    /// `mimetype` is not a text document's.
    OpenDocumentSheet,
    /// An OpenDocument text document (.odt): `mimetype` is
    /// `application/vnd.oasis.opendocument.text`.
    OpenDocumentText,
    /// An Excel binary workbook (.xlsb): an Office package we do not read.
    BinaryWorkbook,
    /// A Word document or Excel workbook whose main part is not where Word,
    /// Excel and LibreOffice write it (a workbook at `/workbook.xml`, found
    /// only through the package's relationships): valid, but not read. The
    /// strings are what it is ("an Excel workbook") and its main part.
    Misplaced(&'static str, String),
    /// Any other zip; the string says what it looks like.
    Other(String),
}

impl<'a> Package<'a> {
    /// The document's metadata from its `docProps` parts, read once here
    /// for Word and Excel alike: the title (`core.xml`), the application
    /// and its version, and the stored page count (`app.xml`). These parts
    /// are optional and not needed to read the document: a missing or
    /// unreadable one leaves its fields empty, never fails the file.
    pub fn office_meta(&self, format: crate::model::Format) -> crate::model::Meta {
        let mut meta = crate::model::Meta {
            format,
            title: None,
            producer: None,
            pages: None,
            sheets: None,
        };
        let fields = |part: &str, names: &[&[u8]]| {
            self.read(part).ok().flatten().and_then(|xml| {
                crate::read::xml::simple_fields(&xml, part, names, self.limits.max_xml_depth).ok()
            })
        };
        if let Some(f) = fields("docProps/core.xml", &[b"title"]) {
            meta.title = f.get("title").cloned();
        }
        if let Some(f) = fields(
            "docProps/app.xml",
            &[b"Application", b"AppVersion", b"Pages"],
        ) {
            meta.producer = f.get("Application").map(|a| match f.get("AppVersion") {
                Some(v) => format!("{a} {v}"),
                None => a.clone(),
            });
            meta.pages = f.get("Pages").and_then(|p| p.parse().ok());
        }
        meta
    }

    /// Open a zip held in memory.
    pub fn open(bytes: &'a [u8], limits: &Limits) -> Result<Self> {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(zip_error)?;
        Ok(Package {
            archive: std::cell::RefCell::new(archive),
            limits: *limits,
            inflated: Cell::new(0),
        })
    }

    /// Guess the package kind from its part names. Names are compared as
    /// [`Package::read`] finds parts: ASCII case-insensitively, `\\` taken
    /// for `/`.
    pub fn kind(&self) -> PackageKind {
        let archive = self.archive.borrow();
        let names: Vec<String> = archive
            .file_names()
            .map(|n| n.replace('\\', "/").to_ascii_lowercase())
            .collect();
        let has = |n: &str| names.iter().any(|x| x == n);
        let under = |dir: &str| names.iter().any(|n| n.starts_with(dir));
        if has("word/document.xml") || (has("[content_types].xml") && under("word/")) {
            PackageKind::Word
        } else if has("xl/workbook.xml") {
            PackageKind::Workbook
        } else if has("content.xml") && has("mimetype") {
            drop(archive);
            if self.mimetype().as_deref() == Some(crate::read::odt::MIMETYPE) {
                PackageKind::OpenDocumentText
            } else {
                PackageKind::OpenDocumentSheet
            }
        } else if has("xl/workbook.bin") {
            PackageKind::BinaryWorkbook
        } else if under("ppt/") {
            PackageKind::Other("a PowerPoint presentation, not a document or workbook".into())
        } else if let Some((what, part)) = {
            drop(archive);
            self.main_part()
        } {
            PackageKind::Misplaced(what, part)
        } else if has("[content_types].xml") {
            PackageKind::Other(
                "an Office Open XML package with neither a Word document nor an Excel workbook in it"
                    .into(),
            )
        } else {
            PackageKind::Other(format!(
                "a zip archive ({} {}), not an Office document",
                names.len(),
                if names.len() == 1 { "entry" } else { "entries" }
            ))
        }
    }

    /// What the package's content types say its main part is, where one is
    /// a Word document or an Excel workbook: ("a Word document" or "an
    /// Excel workbook", the part's name).
    fn main_part(&self) -> Option<(&'static str, String)> {
        let types = self.read("[Content_Types].xml").ok().flatten()?;
        let text = String::from_utf8_lossy(&types);
        [
            ("an Excel workbook", "spreadsheetml.sheet.main+xml"),
            ("a Word document", "wordprocessingml.document.main+xml"),
        ]
        .into_iter()
        .find_map(|(what, kind)| {
            let at = text.find(kind)?;
            // The Override element holding that content type, and its part.
            let start = text[..at].rfind('<')?;
            let end = at + text[at..].find('>').unwrap_or(0);
            let element = &text[start..end];
            let name = element.split("PartName=").nth(1)?;
            let quote = name.chars().next()?;
            let part = name.get(1..)?.split(quote).next()?;
            Some((what, part.trim_start_matches('/').to_string()))
        })
    }

    /// The `mimetype` part, trimmed, if it is short and readable (it is
    /// one line, stored first in an OpenDocument package).
    fn mimetype(&self) -> Option<String> {
        let index = self.index_of("mimetype")?;
        let mut archive = self.archive.borrow_mut();
        let file = archive.by_index(index).ok()?;
        let mut out = Vec::new();
        file.take(256).read_to_end(&mut out).ok()?;
        Some(String::from_utf8_lossy(&out).trim().to_string())
    }

    /// The names of all parts, in archive order.
    pub fn names(&self) -> Vec<String> {
        self.archive
            .borrow()
            .file_names()
            .map(str::to_string)
            .collect()
    }

    /// Whether the package has a part of this name.
    pub fn has(&self, name: &str) -> bool {
        self.index_of(name).is_some()
    }

    /// The entry index of a part. Part names are matched as the Open
    /// Packaging Conventions say (ASCII case-insensitively), and `\` taken
    /// for `/`, as calamine does: found by fuzzing, where a sheet stored as
    /// `xl/worksheetS/sheet1.xml` escaped our pre-checks but not calamine,
    /// which then allocated its 17-billion-cell range.
    fn index_of(&self, name: &str) -> Option<usize> {
        let archive = self.archive.borrow();
        archive.index_for_name(name).or_else(|| {
            archive.file_names().find_map(|n| {
                let same = n.len() == name.len()
                    && n.bytes().zip(name.bytes()).all(|(a, b)| {
                        let norm = |c: u8| {
                            if c == b'\\' {
                                b'/'
                            } else {
                                c.to_ascii_lowercase()
                            }
                        };
                        norm(a) == norm(b)
                    });
                if same {
                    archive.index_for_name(n)
                } else {
                    None
                }
            })
        })
    }

    /// Inflate a part, or `Ok(None)` when there is no such part.
    pub fn read(&self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(index) = self.index_of(name) else {
            return Ok(None);
        };
        let mut archive = self.archive.borrow_mut();
        let file = archive.by_index(index).map_err(zip_error)?;
        let limit = self.limits.max_part_bytes;
        if file.size() > limit {
            return Err(ErrorKind::PartTooLarge {
                part: name.to_string(),
                limit,
            });
        }
        let budget = self
            .limits
            .max_package_bytes
            .saturating_sub(self.inflated.get());
        let cap = limit.min(budget);
        let mut out = Vec::with_capacity(file.size().min(cap) as usize);
        let read = file
            .take(cap + 1)
            .read_to_end(&mut out)
            .map_err(|e| ErrorKind::Zip(format!("part {name}: {e}")))?;
        if read as u64 > cap {
            return Err(if cap == limit {
                ErrorKind::PartTooLarge {
                    part: name.to_string(),
                    limit,
                }
            } else {
                ErrorKind::PackageTooLarge {
                    limit: self.limits.max_package_bytes,
                }
            });
        }
        self.inflated.set(self.inflated.get() + read as u64);
        Ok(Some(out))
    }

    /// Inflate a part that must exist.
    pub fn require(&self, name: &str) -> Result<Vec<u8>> {
        self.read(name)?
            .ok_or_else(|| ErrorKind::MissingPart(name.to_string()))
    }
}

fn zip_error(e: zip::result::ZipError) -> ErrorKind {
    use zip::result::ZipError;
    match e {
        ZipError::UnsupportedArchive(m) if m.contains("ncrypt") || m.contains("assword") => {
            ErrorKind::Unsupported("an encrypted zip archive".into())
        }
        ZipError::InvalidPassword => ErrorKind::Unsupported("an encrypted zip archive".into()),
        other => ErrorKind::Zip(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut buf = Cursor::new(Vec::new());
        {
            let mut w = zip::ZipWriter::new(&mut buf);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, data) in entries {
                w.start_file(*name, opts).unwrap();
                w.write_all(data).unwrap();
            }
            w.finish().unwrap();
        }
        buf.into_inner()
    }

    #[test]
    fn a_part_over_the_limit_is_refused_with_bounded_memory() {
        let big = vec![b' '; 2 << 20];
        let bytes = zip_with(&[("word/document.xml", &big)]);
        let limits = Limits {
            max_part_bytes: 1 << 20,
            ..Limits::default()
        };
        let pkg = Package::open(&bytes, &limits).unwrap();
        match pkg.read("word/document.xml") {
            Err(ErrorKind::PartTooLarge { part, limit }) => {
                assert_eq!(part, "word/document.xml");
                assert_eq!(limit, 1 << 20);
            }
            other => panic!("expected PartTooLarge, got {other:?}"),
        }
    }

    #[test]
    fn the_package_total_is_bounded() {
        let part = vec![b'x'; 600 << 10];
        let bytes = zip_with(&[("a.xml", &part), ("b.xml", &part)]);
        let limits = Limits {
            max_part_bytes: 1 << 20,
            max_package_bytes: 1 << 20,
            ..Limits::default()
        };
        let pkg = Package::open(&bytes, &limits).unwrap();
        assert_eq!(pkg.read("a.xml").unwrap().unwrap().len(), 600 << 10);
        assert!(matches!(
            pkg.read("b.xml"),
            Err(ErrorKind::PackageTooLarge { .. })
        ));
    }

    #[test]
    fn kinds_from_part_names() {
        let word = zip_with(&[("[Content_Types].xml", b"<x/>"), ("word/document.xml", b"")]);
        assert_eq!(
            Package::open(&word, &Limits::default()).unwrap().kind(),
            PackageKind::Word
        );
        let backslashes = zip_with(&[("[Content_Types].xml", b"<x/>"), ("xl\\workbook.xml", b"")]);
        assert_eq!(
            Package::open(&backslashes, &Limits::default())
                .unwrap()
                .kind(),
            PackageKind::Workbook
        );
        let xlsb = zip_with(&[("[Content_Types].xml", b"<x/>"), ("xl/workbook.bin", b"")]);
        assert_eq!(
            Package::open(&xlsb, &Limits::default()).unwrap().kind(),
            PackageKind::BinaryWorkbook
        );
        let other = zip_with(&[("readme.txt", b"hi")]);
        assert_eq!(
            Package::open(&other, &Limits::default()).unwrap().kind(),
            PackageKind::Other("a zip archive (1 entry), not an Office document".into())
        );
    }

    #[test]
    fn truncated_zip_is_a_zip_error() {
        let word = zip_with(&[("word/document.xml", b"<w:document/>")]);
        let cut = &word[..word.len() / 2];
        assert!(matches!(
            Package::open(cut, &Limits::default()),
            Err(ErrorKind::Zip(_))
        ));
    }
}
