//! A hand-written `enum` + `match`: what a user writes with no crate at all,
//! in their own crate, as plain code. It keeps what became of the call
//! while Retrying and says so on the way back to Active.

use mcu_session::{Event, McuStatus};
use mcu_session_peers::Phase;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Idle,
    Active,
    Retrying { call_kept: bool },
}

/// A state change: where the machine is now, and what it did to the call
/// with the MCU (3a terminated it, 3b kept it; on a return to Active,
/// whether it survived).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moved {
    pub to: Phase,
    pub call_kept: Option<bool>,
}

pub struct Machine {
    state: State,
}

impl Machine {
    pub fn new(phase: Phase) -> Self {
        let state = match phase {
            Phase::Active => State::Active,
            _ => State::Idle,
        };
        Self { state }
    }

    /// The transition `event` causes, or `None` when the state does not
    /// take it (the machine is unchanged).
    pub fn handle(&mut self, event: &Event) -> Option<Moved> {
        let (next, call_kept) = match (self.state, event) {
            (State::Idle, Event::McuActivated { .. }) => (State::Active, None),
            (State::Idle, Event::ConferenceJoined { .. }) => (State::Idle, None),
            (State::Active, Event::McuFailingOver) => {
                (State::Retrying { call_kept: false }, Some(false))
            }
            (State::Active, Event::FocusReconnecting) => {
                (State::Retrying { call_kept: true }, Some(true))
            }
            (State::Retrying { call_kept }, Event::FailoverCompleted) => {
                (State::Active, Some(call_kept))
            }
            (State::Retrying { call_kept }, Event::FocusReconnected { mcu }) => match mcu {
                McuStatus::Active => (State::Active, Some(call_kept)),
                McuStatus::NotActive => (State::Idle, None),
            },
            _ => return None,
        };
        self.state = next;
        let to = match next {
            State::Idle => Phase::Idle,
            State::Active => Phase::Active,
            State::Retrying { .. } => Phase::Retrying,
        };
        Some(Moved { to, call_kept })
    }
}
