//! `smlang`: a DSL with guards, actions and event data; a refused event is
//! an `Error` (the event is not handed back); no compile-time check of a
//! wrong transition. Retrying is two states, one per fate of the call; the
//! driver reads the call's fate from the Retrying state it enters or
//! leaves.

use mcu_session::{Event, McuStatus};
use mcu_session_peers::Phase;

smlang::statemachine! {
    transitions: {
        *Idle + McuActivated = Active,
        Idle + ConferenceJoined = Idle,
        Active + McuFailingOver = RetryingCallTerminated,
        Active + FocusReconnecting = RetryingCallKept,
        RetryingCallKept + FailoverCompleted = Active,
        RetryingCallKept + FocusReconnected(McuStatus) [mcu_active] = Active,
        RetryingCallKept + FocusReconnected(McuStatus) [!mcu_active] = Idle,
        RetryingCallTerminated + FailoverCompleted = Active,
        RetryingCallTerminated + FocusReconnected(McuStatus) [mcu_active] = Active,
        RetryingCallTerminated + FocusReconnected(McuStatus) [!mcu_active] = Idle,
    }
}

pub struct Context;

impl StateMachineContext for Context {
    fn mcu_active(&self, mcu: &McuStatus) -> Result<bool, ()> {
        Ok(*mcu == McuStatus::Active)
    }
}

/// An `Event` as this machine's event: the data it does not keep is
/// dropped.
pub fn input(event: &Event) -> Events {
    match event {
        Event::ConferenceJoined { .. }
        | Event::Attendance { .. }
        | Event::Response { .. }
        | Event::ConferenceTerminated => Events::ConferenceJoined,
        Event::McuActivated { .. } => Events::McuActivated,
        Event::McuFailingOver => Events::McuFailingOver,
        Event::FocusReconnecting => Events::FocusReconnecting,
        Event::FailoverCompleted => Events::FailoverCompleted,
        Event::FocusReconnected { mcu } => Events::FocusReconnected(*mcu),
    }
}

pub struct Machine {
    machine: StateMachine<Context>,
}

impl Machine {
    pub fn new(phase: Phase) -> Self {
        let mut machine = StateMachine::new(Context);
        if phase == Phase::Active {
            let _ = machine.process_event(Events::McuActivated);
        }
        Self { machine }
    }

    /// Feeds `event`; the state reached and what the transition said of
    /// the call, or `None` when refused.
    pub fn handle(&mut self, event: Events) -> Option<(Phase, Option<bool>)> {
        let left = match self.machine.state() {
            States::RetryingCallKept => Some(true),
            States::RetryingCallTerminated => Some(false),
            States::Idle | States::Active => None,
        };
        Some(match self.machine.process_event(event).ok()? {
            States::Idle => (Phase::Idle, None),
            States::Active => (Phase::Active, left),
            States::RetryingCallKept => (Phase::Retrying, Some(true)),
            States::RetryingCallTerminated => (Phase::Retrying, Some(false)),
        })
    }
}
