// Only Active and Retrying sessions have requests waiting for the focus.
use mcu_session::InstantMessagingMcuSession;

fn misuse(session: InstantMessagingMcuSession) {
    let _ = session.pending();
}

fn main() {}
