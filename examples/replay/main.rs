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
use std::io::{self, BufReader, Write};
use std::process::ExitCode;

/// Reports on stderr; a closed stderr loses the report, never panics.
fn report(message: &str) {
    let _ = writeln!(io::stderr(), "{message}");
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (Some(path), None) = (args.next(), args.next()) else {
        report("usage: replay <trace.jsonl | ->");
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
                report(&format!(
                    "error: cannot open {}: {error}",
                    trace::Escaped(&path)
                ));
                return ExitCode::FAILURE;
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report(&format!("error: {error}"));
            ExitCode::FAILURE
        }
    }
}
