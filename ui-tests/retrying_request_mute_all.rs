// A Retrying session takes no operations (the focus is reconnecting: the reference rejects operations as retryable).
use std::time::Instant;
use mcu_session::{AudioVideoMcuSession, Operation, Retrying};

fn misuse(mut session: AudioVideoMcuSession<Retrying>) {
    let _ = session.request(Operation::disable_mute_all_mode(), Instant::now());
}

fn main() {}
