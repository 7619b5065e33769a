// Only an Idle session holds queued operations that can expire: an Active
// session has no `handle_timeout`.
use std::time::Instant;

use mcu_session::{AudioVideoMcuSession, Active};

fn misuse(mut session: AudioVideoMcuSession<Active>) {
    let _ = session.handle_timeout(Instant::now());
}

fn main() {}
