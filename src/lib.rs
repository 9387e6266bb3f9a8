//! `actionplan`: import safeguarding-partnership business plans from Word,
//! Excel and PDF, map their column layouts onto one schema of actions, and
//! report the gaps that make a plan unfit to publish or monitor.
//!
//! The pipeline runs one way, one stage per module:
//!
//! ```text
//! file ──read──▶ model::Document ──layout──▶ columns ──normalise──▶ Plan ──gaps──▶ Report ──write──▶ JSON / CSV / text
//! ```
//!
//! - [`read`]: one reader per format; only this stage touches input bytes.
//! - [`model`]: the neutral document every reader produces (headings,
//!   paragraphs, tables of cells with text, spans, fill, highlight, comments
//!   and their place in the source).
//! - [`write`]: output formats; they see only the model (and later the plan).
//!
//! Three channels are kept apart: an [`Error`] means a file could not be
//! read; a [`model::Warning`] means the reader carried on past something it
//! could not do; gaps (a later stage) are findings in the plan itself.
#![deny(missing_docs)]

pub mod batch;
pub mod convert;
pub mod error;
pub mod gaps;
pub mod layout;
pub mod model;
pub mod normalise;
pub mod pattern;
pub mod plan;
pub mod read;
pub mod write;

pub use convert::{convert_bytes, convert_path, Options};
pub use error::{Error, ErrorKind};
pub use read::{read_path, Limits};
