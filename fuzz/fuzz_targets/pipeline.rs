//! Any bytes through the whole pipeline, as `actionplan convert` runs it:
//! read, normalise, gaps, then the plan as JSON, NDJSON and CSV.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    actionplan_fuzz::run(|| actionplan_fuzz::pipeline(data));
});
