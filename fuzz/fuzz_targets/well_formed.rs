//! Fuzz target `well_formed`: see `fuzz/bodies.rs`.
#![no_main]

#[allow(dead_code)]
#[path = "../../examples/replay/trace.rs"]
mod trace;

#[allow(dead_code)]
#[path = "../bodies.rs"]
mod bodies;

libfuzzer_sys::fuzz_target!(|data: &[u8]| bodies::well_formed(data));
