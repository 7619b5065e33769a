// The transition capabilities are sealed too: a new type cannot gain one.
use mcu_session::mcu::allowed::McuFailingOver;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Failed {}

impl McuFailingOver for Failed {}

fn main() {}
