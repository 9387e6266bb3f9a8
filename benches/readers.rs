//! One benchmark per reader: bytes in memory to a `Document`, per fixture
//! file. Ids are `read/<format>/<file stem>`, with the file's size as
//! throughput, so `cargo bench --bench readers -- read/xlsx` runs one reader.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use actionplan::read::{read_bytes, Limits};

fn readers(c: &mut Criterion) {
    let limits = Limits::default();
    let fixtures = common::fixtures();
    for format in common::FORMATS {
        let files: Vec<_> = fixtures
            .iter()
            .filter(|f| f.format == *format)
            .filter(|f| match read_bytes(&f.bytes, &limits) {
                Ok(_) => true,
                Err(e) => !common::skip_or_panic(f, "read", &e),
            })
            .collect();
        if files.is_empty() {
            continue;
        }
        let mut group = c.benchmark_group(format!("read/{format}"));
        for f in files {
            group.throughput(Throughput::Bytes(f.bytes.len() as u64));
            group.bench_with_input(
                BenchmarkId::from_parameter(&f.stem),
                &f.bytes,
                |b, bytes| b.iter(|| read_bytes(black_box(bytes), &limits).unwrap()),
            );
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = readers
}
criterion_main!(benches);
