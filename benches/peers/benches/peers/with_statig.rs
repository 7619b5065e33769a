//! `statig`: hierarchical states with state-local storage (the call's fate
//! lives in Retrying) and shared storage, events by reference. It has no
//! notion of a refused event (an event no state handles is dropped), so the
//! machine counts refusals in its shared storage, and notes there what a
//! return to Active reports; no compile-time check of a wrong transition.

use mcu_session::{Event, McuStatus};
use mcu_session_peers::Phase;
use statig::blocking::*;

#[derive(Default)]
pub struct Session {
    refused: usize,
    /// What the last transition said of the call: kept or not.
    call_kept: Option<bool>,
}

#[state_machine(initial = "State::idle()")]
impl Session {
    #[state]
    fn idle(&mut self, event: &Event) -> Outcome<State> {
        match event {
            Event::McuActivated { .. } => {
                self.call_kept = None;
                Transition(State::active())
            }
            Event::ConferenceJoined { .. } => {
                self.call_kept = None;
                Handled
            }
            _ => self.refuse(),
        }
    }

    #[state]
    fn active(&mut self, event: &Event) -> Outcome<State> {
        match event {
            Event::McuFailingOver => {
                self.call_kept = Some(false);
                Transition(State::retrying(false))
            }
            Event::FocusReconnecting => {
                self.call_kept = Some(true);
                Transition(State::retrying(true))
            }
            _ => self.refuse(),
        }
    }

    #[state]
    fn retrying(&mut self, call_kept: &mut bool, event: &Event) -> Outcome<State> {
        match event {
            Event::FailoverCompleted
            | Event::FocusReconnected {
                mcu: McuStatus::Active,
            } => {
                self.call_kept = Some(*call_kept);
                Transition(State::active())
            }
            Event::FocusReconnected {
                mcu: McuStatus::NotActive,
            } => {
                self.call_kept = None;
                Transition(State::idle())
            }
            _ => self.refuse(),
        }
    }
}

impl Session {
    fn refuse(&mut self) -> Outcome<State> {
        self.refused += 1;
        Handled
    }
}

pub struct Machine {
    machine: StateMachine<Session>,
}

impl Machine {
    /// Starts Idle, or Active after one activation (before the count).
    pub fn new(phase: Phase) -> Self {
        let mut machine = Session::default().uninitialized_state_machine().init();
        if phase == Phase::Active {
            machine.handle(&Event::McuActivated {
                mcu: mcu_session_peers::workload::chat(),
            });
        }
        Self {
            machine: machine.into(),
        }
    }

    /// Feeds `event`; the state reached and what the transition said of
    /// the call, or `None` when refused.
    pub fn handle(&mut self, event: &Event) -> Option<(Phase, Option<bool>)> {
        let refused = self.machine.inner().refused;
        self.machine.handle(event);
        if self.machine.inner().refused != refused {
            return None;
        }
        let phase = match self.machine.state() {
            State::Idle {} => Phase::Idle,
            State::Active {} => Phase::Active,
            State::Retrying { .. } => Phase::Retrying,
        };
        Some((phase, self.machine.inner().call_kept))
    }
}
