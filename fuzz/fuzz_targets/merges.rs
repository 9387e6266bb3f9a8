//! Structure-aware merged cells: the first byte picks the format. Even: the
//! rest, one range per line, becomes the merged regions of the xlsx base
//! workbook's first sheet (whole rows, the whole sheet, overlaps...). Odd:
//! each byte of the rest becomes a cell of a Word table, with its vertical
//! and horizontal merge and its span (see `docx_with_merged_table`). Then
//! the whole pipeline runs.
#![no_main]

use libfuzzer_sys::fuzz_target;

use actionplan_fuzz::{docx_with_merged_table, pipeline, xlsx_with_merges};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let bytes = if pick % 2 == 0 {
        xlsx_with_merges(rest)
    } else {
        docx_with_merged_table(rest)
    };
    actionplan_fuzz::run(|| pipeline(&bytes));
});
