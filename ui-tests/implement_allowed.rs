// The transition capabilities are sealed too: a new type cannot gain one.
use mcu_session::allowed::McuFailingOver;

enum Failed {}

impl McuFailingOver for Failed {}

fn main() {}
