// A Terminated session takes no operations (the reference rejects operations on a terminated session as invalid).
use std::time::Instant;
use mcu_session::{InstantMessagingMcuSession, Operation, Terminated};

fn misuse(mut session: InstantMessagingMcuSession<Terminated>) {
    let _ = session.request(Operation::eject("sip:bob@contoso.com").unwrap(), Instant::now());
}

fn main() {}
