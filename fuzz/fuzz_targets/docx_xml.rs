//! Structure-aware Word: the input's first byte picks a part
//! (`DOCX_PARTS`), the rest becomes that part's content inside an otherwise
//! valid package (fixtures/edge/word-features.docx), so the XML walkers, not
//! the zip reader, meet the mutations. Then the whole pipeline runs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use actionplan_fuzz::{base, pipeline, zip_with, DOCX_PARTS};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, xml)) = data.split_first() else {
        return;
    };
    let part = DOCX_PARTS[pick as usize % DOCX_PARTS.len()];
    let bytes = zip_with(base("docx"), part, xml);
    actionplan_fuzz::run(|| pipeline(&bytes));
});
