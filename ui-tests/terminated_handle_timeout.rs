// A Terminated session holds no operations (transition 2 failed them all),
// so it has no timer: no `handle_timeout`.
use std::time::Instant;

use mcu_session::{AudioVideoMcuSession, Terminated};

fn misuse(mut session: AudioVideoMcuSession<Terminated>) {
    let _ = session.handle_timeout(Instant::now());
}

fn main() {}
