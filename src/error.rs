//! Errors: what stops a file from being read at all.
//!
//! The crate keeps three channels apart (see the crate docs): an [`Error`]
//! means the file could not be read; a [`crate::model::Warning`] means the
//! reader carried on with a best effort; a gap (later stages) is a finding in
//! the plan itself. Every `Error` names the file and, where there is one, the
//! place inside it (a zip part, an XML position), and prints as one line.

use std::path::{Path, PathBuf};

/// A file could not be read. Displays as `FILE: problem`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct Error {
    /// The file as the user named it.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl Error {
    /// Attach a file name to an [`ErrorKind`].
    pub fn new(path: impl AsRef<Path>, kind: ErrorKind) -> Self {
        Error {
            path: path.as_ref().to_path_buf(),
            kind,
        }
    }

    /// A hint for the user, where one helps.
    pub fn hint(&self) -> Option<&'static str> {
        self.kind.hint()
    }

    /// The one line that reports it on stderr:
    /// `actionplan: error: FILE: what (hint: ...)`.
    pub fn line(&self) -> String {
        match self.hint() {
            Some(hint) => format!("actionplan: error: {self} (hint: {hint})"),
            None => format!("actionplan: error: {self}"),
        }
    }
}

/// The kinds of failure, each with the place inside the file where known.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The operating system could not read the file.
    #[error("cannot read file: {0}")]
    Io(#[from] std::io::Error),
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// The file is bigger than the configured input limit.
    #[error("the file is {size} bytes, over the limit of {limit} bytes")]
    FileTooLarge {
        /// Size of the file.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// The bytes are not any format we read (or not the one the name says).
    #[error("not a {expected} file: {found}")]
    NotFormat {
        /// The format the name or the caller asked for.
        expected: &'static str,
        /// What the bytes look like instead.
        found: String,
    },
    /// A format we recognise but do not read (yet).
    #[error("{0}")]
    Unsupported(String),
    /// An OLE compound file: a password-protected Office document or a
    /// legacy binary .doc/.xls.
    #[error("an OLE compound file (password-protected, or a legacy Word 97-2003 .doc), not an Office Open XML document")]
    OleContainer,
    /// The file took longer than the per-file time limit.
    #[error("still not read after {0} s, the per-file time limit; skipped")]
    Timeout(f64),
    /// A bug: the pipeline panicked on this file.
    #[error("internal error while reading ({0}); please report it with the file")]
    Internal(String),
    /// A password-protected file; the string says what kind.
    #[error("encrypted {0}: it cannot be read without its password")]
    Encrypted(String),
    /// A legacy Word 97-2003 document whose structure is damaged.
    #[error("unreadable Word 97-2003 document: {0}")]
    Doc(String),
    /// A spreadsheet the spreadsheet library could not read.
    #[error("unreadable spreadsheet: {0}")]
    Sheet(String),
    /// The zip container is damaged or truncated.
    #[error("damaged zip container: {0}")]
    Zip(String),
    /// A required part is missing from the package.
    #[error("missing part {0}")]
    MissingPart(String),
    /// A part inflates past the limit (zip bomb or absurd document).
    #[error("part {part} inflates past the limit of {limit} bytes (zip bomb?)")]
    PartTooLarge {
        /// The zip entry.
        part: String,
        /// The limit in force.
        limit: u64,
    },
    /// The whole package inflates past the limit.
    #[error("the package inflates past the limit of {limit} bytes in all (zip bomb?)")]
    PackageTooLarge {
        /// The limit in force.
        limit: u64,
    },
    /// Malformed XML inside a part.
    #[error("malformed XML in {part} at byte {offset}: {detail}")]
    Xml {
        /// The zip entry.
        part: String,
        /// Byte offset in the inflated part.
        offset: u64,
        /// What the parser said.
        detail: String,
    },
    /// A PDF that needs a password to open (a user password is set).
    #[error("encrypted PDF: a password is needed to open it")]
    PdfEncrypted,
    /// A PDF that lopdf could not parse (truncated or damaged).
    #[error("damaged PDF: {0}")]
    PdfDamaged(String),
    /// A PDF whose structure claims what its bytes cannot hold (an absurd
    /// cross-reference stream): damaged or crafted, not truncated.
    #[error("damaged PDF: {0}")]
    PdfInconsistent(String),
    /// A PDF with more pages than the limit, refused before reading them.
    #[error("the PDF has {pages} pages, over the limit of {limit}")]
    PdfTooManyPages {
        /// Pages the file declares or holds.
        pages: u64,
        /// The limit in force.
        limit: u64,
    },
    /// XML nested deeper than the limit.
    #[error("XML in {part} nests deeper than {limit} elements")]
    XmlTooDeep {
        /// The zip entry.
        part: String,
        /// The limit in force.
        limit: usize,
    },
}

impl ErrorKind {
    /// A short suggestion for the user, shown after the error line.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            ErrorKind::OleContainer => Some(
                "if it is password-protected, ask the author for an unprotected copy; \
                 if it is an old .doc, save it as .docx",
            ),
            ErrorKind::Encrypted(_) => Some("ask the author for an unprotected copy"),
            ErrorKind::Timeout(_) => Some("raise the limit with --timeout if the file is genuine"),
            // A part whose data fails its checksum is damaged, not cut short.
            ErrorKind::Zip(m) if m.contains("checksum") => {
                Some("the file is damaged: download or copy it again")
            }
            ErrorKind::Zip(_) | ErrorKind::Empty => {
                Some("the file may be truncated: download or copy it again")
            }
            ErrorKind::PdfEncrypted => Some("ask the author for an unprotected copy"),
            ErrorKind::Doc(_) => Some(
                "the file may be truncated or damaged: open it in Word or LibreOffice and \
                 save it as .docx",
            ),
            ErrorKind::PdfDamaged(_) => {
                Some("the file may be truncated: download or copy it again")
            }
            ErrorKind::PdfTooManyPages { .. } => {
                Some("split the PDF, or read the plan from its Word or Excel original")
            }
            ErrorKind::PartTooLarge { .. } | ErrorKind::PackageTooLarge { .. } => {
                Some("if the file is genuine, raise the limit with --max-part-mb")
            }
            _ => None,
        }
    }
}

/// Result with an [`ErrorKind`] (inside readers, before a path is attached).
pub type Result<T, E = ErrorKind> = std::result::Result<T, E>;
