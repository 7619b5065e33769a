// An IM session cannot be asked to mute everyone.
use mcu_session::{Active, InstantMessagingMcuSession, Operation};

fn misuse(mut session: InstantMessagingMcuSession<Active>) {
    let _ = session.request(Operation::mute_all());
}

fn main() {}
