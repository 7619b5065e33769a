// A Terminated session takes no operations (the reference rejects operations on a terminated session as invalid).
use std::time::Instant;
use mcu_session::{InstantMessagingMcuSession, Operation, Terminated};

fn misuse(mut session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.request(Operation::dial_out("tel:+14255550100").unwrap(), Instant::now());
}

fn main() {}
