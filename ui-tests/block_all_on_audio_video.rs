// Blocking everyone's messages is an instant messaging operation.
use mcu_session::{AudioVideo, Operation};

fn main() {
    let _ = Operation::<AudioVideo>::enable_block_all_mode();
}
