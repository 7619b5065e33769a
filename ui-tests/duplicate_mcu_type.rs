// Two MCU types that share a wire name would accept each other's wire data;
// `distinct_mcu_types` in a `const` assertion makes that a build failure.
use mcu_session::{InstantMessaging, McuType, distinct_mcu_types};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum MyChat {}

impl McuType for MyChat {
    const MCU_TYPE: &'static str = "chat";
    const MEDIA_TYPES: &'static [&'static str] = &["message"];
}

const _: () = assert!(
    distinct_mcu_types(&[InstantMessaging::MCU_TYPE, MyChat::MCU_TYPE]),
    "two MCU types share a wire name"
);

fn main() {}
