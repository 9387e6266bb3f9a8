//! `actionplan convert` by stage, on the largest fixture of each format we
//! read (Word, Excel, PDF), and over every fixture as one batch.
//!
//! - `stage/<file>/read`: the file's bytes, in memory, to the document
//!   model (the readers' own benches are `benches/readers.rs`).
//! - `stage/<file>/recognise`: the layout recognition of every table.
//! - `stage/<file>/normalise`: tables and paragraphs to priorities and
//!   actions.
//! - `stage/<file>/gaps`: the gap rules on the finished plan.
//! - `stage/<file>/write`: the plan as pretty JSON into a buffer (what
//!   `convert` writes it, with the plan's own writer).
//! - `stage/<file>/convert`: all of it, from bytes in memory to JSON (the
//!   input's sha256 included), as `convert` does for one file without the
//!   process around it.
//! - `batch/all-fixtures`: `convert` (bytes to JSON) of every fixture file
//!   of every format, one after the other; its throughput is plans/second.
//!
//! Criterion's flags override the short default times (`common::config`).

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use actionplan::{
    convert_bytes, gaps, layout::recognise, normalise::normalise, read::read_bytes, write::pretty,
    Options,
};

/// The plan's JSON as `convert` writes it: its own writer, into a buffer
/// of about its size.
fn plan_json(plan: &actionplan::plan::Plan) -> Vec<u8> {
    let mut json = Vec::with_capacity(pretty::plan_size_hint(plan));
    pretty::plan_to_vec(&mut json, plan);
    json
}

/// The formats benchmarked stage by stage, each by its largest fixture.
const STAGED: &[&str] = &["docx", "xlsx", "pdf"];

fn stages(c: &mut Criterion) {
    let opts = Options::default();
    let all = common::fixtures();
    for format in STAGED {
        let Some(f) = all
            .iter()
            .filter(|f| f.format == *format)
            .max_by_key(|f| f.bytes.len())
        else {
            continue;
        };
        let doc = match read_bytes(&f.bytes, &opts.limits) {
            Ok(doc) => doc,
            Err(e) => {
                common::skip_or_panic(f, "read", &e);
                continue;
            }
        };
        let mut doc = doc;
        actionplan::layout::orient(&mut doc, &opts.vocabulary);
        let layouts = recognise(&doc, &opts.vocabulary);
        let plan = match convert_bytes(&f.bytes, &f.path, &opts) {
            Ok(plan) => plan,
            Err(e) => {
                common::skip_or_panic(f, "convert", &e);
                continue;
            }
        };
        let mut group = c.benchmark_group(format!("stage/{}", f.file_name));
        group.bench_function("read", |b| {
            b.iter(|| read_bytes(black_box(&f.bytes), &opts.limits).unwrap())
        });
        group.bench_function("recognise", |b| {
            b.iter(|| recognise(black_box(&doc), &opts.vocabulary))
        });
        group.bench_function("normalise", |b| {
            b.iter(|| normalise(black_box(&doc), &layouts))
        });
        group.bench_function("gaps", |b| {
            b.iter(|| gaps::check(black_box(&plan), &opts.check))
        });
        group.bench_function("write", |b| b.iter(|| plan_json(black_box(&plan))));
        group.bench_function("convert", |b| {
            b.iter(|| {
                let plan = convert_bytes(black_box(&f.bytes), &f.path, &opts).unwrap();
                plan_json(&plan)
            })
        });
        group.finish();
    }
}

fn batch(c: &mut Criterion) {
    let opts = Options::default();
    let files: Vec<_> = common::fixtures()
        .into_iter()
        .filter(|f| match convert_bytes(&f.bytes, &f.path, &opts) {
            Ok(_) => true,
            Err(e) => common::skip_or_panic(f, "convert", &e),
        })
        .collect();
    let mut group = c.benchmark_group("batch");
    group.throughput(Throughput::Elements(files.len() as u64));
    group.bench_with_input(
        BenchmarkId::from_parameter("all-fixtures"),
        &files,
        |b, files| {
            b.iter(|| {
                files
                    .iter()
                    .map(|f| {
                        let plan = convert_bytes(black_box(&f.bytes), &f.path, &opts).unwrap();
                        plan_json(&plan).len()
                    })
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = stages, batch
}
criterion_main!(benches);
