//! The whole pipeline, per fixture file: `pipeline/<file name>` is what
//! `actionplan convert` does for one file without the process around it
//! (read the file, recognise its format, read, map columns and normalise,
//! check gaps, write the pretty JSON to a string). The `stage/...` groups
//! time the stages after reading on their own, to say where the time goes
//! (reading itself is `benches/readers.rs`): `stage/recognise` is the layout
//! recognition of every table, `stage/normalise` what follows it.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use actionplan::{
    convert_path, gaps, layout::recognise, normalise::normalise, read::read_bytes, Options,
};

fn pipeline(c: &mut Criterion) {
    let opts = Options::default();
    let fixtures: Vec<_> = common::fixtures()
        .into_iter()
        .filter_map(|f| match convert_path(&f.path, &opts) {
            Ok(plan) => Some((f, plan)),
            Err(e) => {
                common::skip_or_panic(&f, "convert", &e);
                None
            }
        })
        .collect();

    let mut group = c.benchmark_group("pipeline");
    for (f, _) in &fixtures {
        group.throughput(Throughput::Bytes(f.bytes.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&f.file_name),
            &f.path,
            |b, path| {
                b.iter(|| {
                    let plan = convert_path(black_box(path), &opts).unwrap();
                    serde_json::to_string_pretty(&plan).unwrap()
                })
            },
        );
    }
    group.finish();

    let docs: Vec<_> = fixtures
        .iter()
        .map(|(f, _)| (f, read_bytes(&f.bytes, &opts.limits).unwrap()))
        .collect();
    let mut group = c.benchmark_group("stage/recognise");
    for (f, doc) in &docs {
        group.bench_with_input(BenchmarkId::from_parameter(&f.file_name), doc, |b, doc| {
            b.iter(|| recognise(black_box(doc), &opts.vocabulary))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("stage/normalise");
    for (f, doc) in &docs {
        let layouts = recognise(doc, &opts.vocabulary);
        group.bench_with_input(BenchmarkId::from_parameter(&f.file_name), doc, |b, doc| {
            b.iter(|| normalise(black_box(doc), &layouts))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("stage/gaps");
    for (f, plan) in &fixtures {
        group.bench_with_input(
            BenchmarkId::from_parameter(&f.file_name),
            plan,
            |b, plan| b.iter(|| gaps::check(black_box(plan), &opts.check)),
        );
    }
    group.finish();

    let mut group = c.benchmark_group("stage/json");
    for (f, plan) in &fixtures {
        group.bench_with_input(
            BenchmarkId::from_parameter(&f.file_name),
            plan,
            |b, plan| b.iter(|| serde_json::to_string_pretty(black_box(plan)).unwrap()),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = pipeline
}
criterion_main!(benches);
