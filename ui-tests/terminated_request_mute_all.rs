// A Terminated session takes no operations (the reference rejects operations on a terminated session as invalid).
use std::time::Instant;
use mcu_session::{AudioVideoMcuSession, Operation, Terminated};

fn misuse(mut session: AudioVideoMcuSession<Terminated>) {
    let _ = session.request(Operation::disable_mute_all_mode(), Instant::now());
}

fn main() {}
