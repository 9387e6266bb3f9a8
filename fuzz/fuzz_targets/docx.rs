//! Any bytes, read as a file (the docx fixtures are the seeds): the reader
//! returns a document or an error, never panics, hangs or runs out of memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    actionplan_fuzz::run(|| actionplan_fuzz::read_and_write_tables(data));
});
