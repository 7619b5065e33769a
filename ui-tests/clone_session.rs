// Sessions are not `Clone`: a copy could take a second path.
use mcu_session::{Active, InstantMessagingMcuSession};

fn misuse(active: InstantMessagingMcuSession<Active>) {
    let _copy = active.clone();
}

fn main() {}
