//! Wall-clock comparison of the typed API, `AnySession::apply` (in place)
//! and a hand-written state machine on the same workloads.
//!
//! ```text
//! cargo bench --bench session
//! ```

mod common;

use std::hint::black_box;
use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

use common::workloads::{self, lifecycle, stream};

const EVENTS: usize = 1_000_000;

fn sizes(_: &mut Criterion) {
    for (name, size) in common::sizes() {
        println!("size_of::<{name}>() = {size} bytes");
    }
}

fn one_lifecycle(c: &mut Criterion) {
    let mut group = c.benchmark_group("lifecycle");
    let now = Instant::now();
    group.bench_function("typed", |b| {
        b.iter_batched(
            workloads::eject,
            |op| lifecycle::typed(op, now),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("runtime", |b| {
        b.iter_batched(
            workloads::eject,
            |op| lifecycle::runtime(op, now),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("baseline", |b| {
        b.iter_batched(workloads::eject, lifecycle::baseline, BatchSize::SmallInput)
    });
    group.finish();
}

fn valid_stream(c: &mut Criterion) {
    let now = Instant::now();
    let mut group = c.benchmark_group("stream_1m_valid");
    group.sample_size(10);
    let cycles = workloads::valid_stream(EVENTS).len() / 7;
    group.bench_function("typed", |b| {
        b.iter_batched(
            || workloads::typed_activations(cycles),
            |activations| black_box(stream::typed(activations, now)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("runtime", |b| {
        b.iter_batched(
            || workloads::valid_stream(EVENTS),
            |events| black_box(stream::runtime(events, now)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("baseline", |b| {
        b.iter_batched(
            || workloads::valid_stream(EVENTS),
            |events| black_box(stream::baseline(events)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn mixed_stream(c: &mut Criterion) {
    // The typed API has no entry here: an undocumented transition does not
    // compile, so there is nothing to reject at run time.
    let now = Instant::now();
    let mut group = c.benchmark_group("stream_1m_10pct_undocumented");
    group.sample_size(10);
    group.bench_function("runtime", |b| {
        b.iter_batched(
            || workloads::mixed_stream(EVENTS),
            |events| black_box(stream::runtime(events, now)),
            BatchSize::PerIteration,
        )
    });
    group.bench_function("baseline", |b| {
        b.iter_batched(
            || workloads::mixed_stream(EVENTS),
            |events| black_box(stream::baseline(events)),
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, sizes, one_lifecycle, valid_stream, mixed_stream);
criterion_main!(benches);
