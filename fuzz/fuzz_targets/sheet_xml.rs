//! Structure-aware spreadsheets: the input's first byte picks a part
//! (`SHEET_PARTS`: the worksheet, shared strings, styles or workbook of
//! fixtures/sheets/tracker-features.xlsx, or content.xml of the .ods), the
//! rest becomes that part's content inside an otherwise valid package. Then
//! the whole pipeline runs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use actionplan_fuzz::{base, pipeline, zip_with, SHEET_PARTS};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, xml)) = data.split_first() else {
        return;
    };
    let (pkg, part) = SHEET_PARTS[pick as usize % SHEET_PARTS.len()];
    let bytes = zip_with(base(pkg), part, xml);
    actionplan_fuzz::run(|| pipeline(&bytes));
});
