//! Structure-aware PDF: the input becomes the page content stream (first
//! byte even) or the ToUnicode CMap of a Type0 font the fixed content uses
//! (first byte odd), inside a minimal valid one-page PDF, so the content
//! interpreter, the CMap parser and the table finder meet the mutations
//! rather than lopdf's file parser. Then the whole pipeline runs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use actionplan_fuzz::{pdf_with, pipeline, FIXED_CMAP, FIXED_CONTENT};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let bytes = if pick % 2 == 0 {
        pdf_with(rest, FIXED_CMAP)
    } else {
        pdf_with(FIXED_CONTENT, rest)
    };
    actionplan_fuzz::run(|| pipeline(&bytes));
});
