//! The one integration-test binary (as ripgrep does): each module covers one
//! area, and `util` holds the shared helpers.

mod batch;
mod cli;
mod contracts;
mod doc;
mod docx_fixtures;
mod gap_corpus;
mod gaps;
mod hostile;
mod layouts;
mod normalisation;
mod odt;
mod pdf;
mod plans;
mod recognition;
mod report;
mod sheets;
mod suites;
mod unseen;
mod util;
mod writers;
