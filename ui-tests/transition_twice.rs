// The same Active session cannot take two paths through the lifecycle.
use mcu_session::{Active, InstantMessagingMcuSession};

fn misuse(active: InstantMessagingMcuSession<Active>) {
    let _failed_over = active.mcu_failing_over();
    let _reconnecting = active.focus_reconnecting();
}

fn main() {}
