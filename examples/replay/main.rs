//! Replays a JSON-lines trace of focus events through an MCU session and
//! prints every state change; stops with status 1 at the first malformed line
//! or rejected event.
//!
//! ```text
//! cargo run --features serde --example replay -- examples/traces/mcu-failover.jsonl
//! cat trace.jsonl | cargo run --features serde --example replay -- -
//! ```

mod trace;

use std::fs::File;
use std::io::{self, BufReader};
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        eprintln!("usage: replay <trace.jsonl | ->");
        return ExitCode::from(2);
    };
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let result = if path == "-" {
        trace::replay(io::stdin().lock(), &mut out)
    } else {
        match File::open(&path) {
            Ok(file) => trace::replay(BufReader::new(file), &mut out),
            Err(error) => {
                eprintln!("error: cannot open {path}: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
