//! Structure-aware PDF cross-reference streams: the input up to its first
//! NUL byte is written into the xref stream's dictionary (its /W, /Index,
//! /Size, /Prev...), the rest is the stream's data, in an otherwise valid
//! one-page PDF. lopdf allocates and loops over what these claim; the
//! reader checks them first (issue 19). Then the whole pipeline runs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use actionplan_fuzz::{pdf_with_xref_stream, pipeline};

fuzz_target!(|data: &[u8]| {
    let split = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let (dict, entries) = data.split_at(split);
    let entries = entries.get(1..).unwrap_or(&[]);
    let bytes = pdf_with_xref_stream(dict, entries);
    actionplan_fuzz::run(|| pipeline(&bytes));
});
