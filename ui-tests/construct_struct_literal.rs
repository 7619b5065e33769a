// An Active session cannot be written down: its fields are private.
use mcu_session::{Active, InstantMessagingMcuSession};

fn main() {
    let _forged = InstantMessagingMcuSession::<Active> {};
}
