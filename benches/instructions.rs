//! One workload on one implementation, for `benches/instructions.sh` to run
//! under `valgrind --tool=callgrind --toggle-collect='*measure*'`: only what
//! runs inside `measure` is counted, not building the inputs.
//!
//! ```text
//! instructions <typed|runtime|baseline> <lifecycle|stream|mixed>
//! instructions timers <operations>
//! instructions sizes
//! ```

mod common;

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use common::workloads::{self, lifecycle, stream};

const EVENTS: usize = 1_000_000;
const LIFECYCLES: usize = 1_000;

fn operations() -> Vec<mcu_session::Operation<mcu_session::InstantMessaging>> {
    (0..LIFECYCLES).map(|_| workloads::eject()).collect()
}

/// Everything inside is counted.
#[inline(never)]
fn measure<T>(work: impl FnOnce() -> T) -> T {
    black_box(work())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args[..] {
        ["typed", "lifecycle"] => {
            let (operations, now) = (operations(), Instant::now());
            measure(|| {
                for op in operations {
                    black_box(lifecycle::typed(op, now));
                }
            });
        }
        ["runtime", "lifecycle"] => {
            let (operations, now) = (operations(), Instant::now());
            measure(|| {
                for op in operations {
                    black_box(lifecycle::runtime(op, now));
                }
            });
        }
        ["baseline", "lifecycle"] => {
            let operations = operations();
            measure(|| {
                for op in operations {
                    black_box(lifecycle::baseline(op));
                }
            });
        }
        ["typed", "stream"] => {
            let activations = workloads::typed_activations(EVENTS / 7);
            let now = Instant::now();
            measure(|| stream::typed(activations, now));
        }
        ["runtime", "stream"] => {
            let events = workloads::valid_stream(EVENTS);
            measure(|| stream::runtime(events, Instant::now()));
        }
        ["baseline", "stream"] => {
            let events = workloads::valid_stream(EVENTS);
            measure(|| stream::baseline(events));
        }
        ["runtime", "mixed"] => {
            let events = workloads::mixed_stream(EVENTS);
            let (_, rejected) = measure(|| stream::runtime(events, Instant::now()));
            assert_eq!(rejected, EVENTS / 10);
        }
        ["baseline", "mixed"] => {
            let events = workloads::mixed_stream(EVENTS);
            let (_, rejected) = measure(|| stream::baseline(events));
            assert_eq!(rejected, EVENTS / 10);
        }
        ["timers", operations] => {
            // An ordinary event loop: one operation queued per millisecond,
            // then poll_timeout, handle_timeout and draining the outputs.
            let Ok(operations) = operations.parse::<u64>() else {
                return ExitCode::from(2);
            };
            let ops: Vec<_> = (0..operations).map(|_| workloads::eject()).collect();
            let mut idle = workloads::bound_typed();
            let start = Instant::now();
            // What the application takes out is kept, and freed after the
            // count, as the operations still waiting are: the count is the
            // session's work, not the allocator's.
            let mut drained = Vec::with_capacity(ops.len());
            let drained = measure(|| {
                for (i, op) in (0..).zip(ops) {
                    let now = start + std::time::Duration::from_millis(i);
                    // Within the session's capacity: every operation queues.
                    if black_box(idle.queue(op, now)).is_err() {
                        return None;
                    }
                    if black_box(idle.poll_timeout()).is_some_and(|due| due <= now) {
                        idle.handle_timeout(now);
                    }
                    while let Some(output) = idle.poll_output() {
                        drained.push(black_box(output));
                    }
                }
                Some(drained)
            })
            .expect("the session's capacity holds the timers workload");
            drop(drained);
        }
        ["sizes"] => {
            for (name, size) in common::sizes() {
                println!("size_of::<{name}>() = {size} bytes");
            }
        }
        // `cargo bench` runs every bench target with `--bench`: this one is
        // meant for the script.
        ["--bench"] => println!("instructions: run benches/instructions.sh"),
        _ => {
            eprintln!("usage: instructions <typed|runtime|baseline> <lifecycle|stream|mixed>");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
