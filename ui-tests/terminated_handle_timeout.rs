// Only an Idle session holds queued operations that can expire: a Terminated
// session has no `handle_timeout`.
use std::time::Instant;

use mcu_session::{AudioVideoMcuSession, Terminated};

fn misuse(mut session: AudioVideoMcuSession<Terminated>) {
    let _ = session.handle_timeout(Instant::now());
}

fn main() {}
