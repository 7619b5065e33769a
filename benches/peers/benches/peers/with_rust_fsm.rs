//! `rust-fsm`: a Mealy machine from a DSL. Inputs carry no data and
//! transitions have no guards, so the caller splits "focus reconnected"
//! into two inputs (4b, 4c) before the machine sees it; no per-state data,
//! so Retrying is two states, one per fate of the call; the transitions
//! that concern the call output its fate.

use mcu_session::{Event, McuStatus};
use mcu_session_peers::Phase;

rust_fsm::state_machine! {
    pub mcu(Idle)

    Idle => {
        McuActivated => Active,
        ConferenceJoined => Idle,
    },
    Active => {
        McuFailingOver => RetryingCallTerminated [CallTerminated],
        FocusReconnecting => RetryingCallKept [CallKept],
    },
    RetryingCallKept => {
        FailoverCompleted => Active [CallKept],
        FocusReconnectedActive => Active [CallKept],
        FocusReconnectedNotActive => Idle,
    },
    RetryingCallTerminated => {
        FailoverCompleted => Active [CallTerminated],
        FocusReconnectedActive => Active [CallTerminated],
        FocusReconnectedNotActive => Idle,
    }
}

/// The caller's share of the work: an `Event` as this machine's input.
pub fn input(event: &Event) -> mcu::Input {
    match event {
        // The streams hold none of the last three (this transitions-only
        // machine has no roster, requests or end).
        Event::ConferenceJoined { .. }
        | Event::Attendance { .. }
        | Event::Response { .. }
        | Event::ConferenceTerminated => mcu::Input::ConferenceJoined,
        Event::McuActivated { .. } => mcu::Input::McuActivated,
        Event::McuFailingOver => mcu::Input::McuFailingOver,
        Event::FocusReconnecting => mcu::Input::FocusReconnecting,
        Event::FailoverCompleted => mcu::Input::FailoverCompleted,
        Event::FocusReconnected {
            mcu: McuStatus::Active,
        } => mcu::Input::FocusReconnectedActive,
        Event::FocusReconnected {
            mcu: McuStatus::NotActive,
        } => mcu::Input::FocusReconnectedNotActive,
    }
}

pub struct Machine {
    machine: mcu::StateMachine,
}

impl Machine {
    pub fn new(phase: Phase) -> Self {
        let state = match phase {
            Phase::Active => mcu::State::Active,
            _ => mcu::State::Idle,
        };
        Self {
            machine: mcu::StateMachine::from_state(state),
        }
    }

    /// Feeds `input`; the state reached and what the transition said of
    /// the call, or `None` when refused.
    pub fn handle(&mut self, input: &mcu::Input) -> Option<(Phase, Option<bool>)> {
        let output = self.machine.consume(input).ok()?;
        let to = match self.machine.state() {
            mcu::State::Idle => Phase::Idle,
            mcu::State::Active => Phase::Active,
            mcu::State::RetryingCallKept | mcu::State::RetryingCallTerminated => Phase::Retrying,
        };
        let call_kept = output.map(|output| matches!(output, mcu::Output::CallKept));
        Some((to, call_kept))
    }
}
