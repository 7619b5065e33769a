// An Active session does not queue operations: it sends them at once.
use std::time::Instant;

use mcu_session::{Active, AudioVideoMcuSession, Operation};

fn misuse(mut session: AudioVideoMcuSession<Active>) {
    let _ = session.queue(Operation::disable_mute_all_mode(), Instant::now());
}

fn main() {}
