// Only an Idle session holds queued operations that can expire: a Retrying
// session has no `handle_timeout`.
use std::time::Instant;

use mcu_session::{AudioVideoMcuSession, Retrying};

fn misuse(mut session: AudioVideoMcuSession<Retrying>) {
    let _ = session.handle_timeout(Instant::now());
}

fn main() {}
