// `State` is sealed: the four states of the reference are the only ones.
use mcu_session::{McuSessionState, State};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Failed {}

impl State for Failed {
    const STATE: McuSessionState = McuSessionState::Terminated;
}

fn main() {}
