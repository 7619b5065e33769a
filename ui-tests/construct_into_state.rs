// The state-changing helper behind the transitions is private.
use mcu_session::{Active, InstantMessagingMcuSession};

fn misuse(idle: InstantMessagingMcuSession) {
    let _forged: InstantMessagingMcuSession<Active> = idle.into_state();
}

fn main() {}
