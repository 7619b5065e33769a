//! The MCU session lifecycle, transitions only, written with the crates users
//! pick instead of mcu-session, and by hand; plus the inputs each consumes.
//!
//! Every machine here starts in the state its workload starts from, takes
//! one input at a time, and reports a rejected input to the caller (the
//! `bool` each `step` returns: `true` when accepted). What each cannot
//! express is said on its module.

use mcu_session::{Event, McuStatus};

/// The states, as every peer names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Idle,
    Active,
    Retrying,
    Terminated,
}

/// A hand-written `enum` + `match`, transitions only: what a user writes
/// with no crate at all.
pub mod by_hand {
    use super::*;

    pub struct Machine {
        pub phase: Phase,
    }

    impl Machine {
        pub fn new(phase: Phase) -> Self {
            Self { phase }
        }

        #[inline(never)]
        pub fn step(&mut self, event: &Event) -> bool {
            let next = match (self.phase, event) {
                (Phase::Idle, Event::McuActivated { .. }) => Phase::Active,
                (Phase::Idle, Event::ConferenceJoined { .. }) => Phase::Idle,
                (Phase::Active, Event::McuFailingOver | Event::FocusReconnecting) => {
                    Phase::Retrying
                }
                (Phase::Retrying, Event::FailoverCompleted) => Phase::Active,
                (Phase::Retrying, Event::FocusReconnected { mcu }) => match mcu {
                    McuStatus::Active => Phase::Active,
                    McuStatus::NotActive => Phase::Idle,
                },
                _ => return false,
            };
            self.phase = next;
            true
        }
    }
}

/// `statig`: hierarchical states with state-local storage, events by
/// reference. It has no notion of a rejected event (an event no state
/// handles is dropped), so the machine counts them itself; no compile-time
/// check of a wrong transition.
pub mod with_statig {
    use super::*;
    use statig::blocking::*;

    #[derive(Default)]
    pub struct Session {
        pub rejected: usize,
    }

    #[state_machine(initial = "State::idle()")]
    impl Session {
        #[state]
        fn idle(&mut self, event: &Event) -> Outcome<State> {
            match event {
                Event::McuActivated { .. } => Transition(State::active()),
                Event::ConferenceJoined { .. } => Handled,
                _ => self.reject(),
            }
        }

        #[state]
        fn active(&mut self, event: &Event) -> Outcome<State> {
            match event {
                Event::McuFailingOver | Event::FocusReconnecting => Transition(State::retrying()),
                _ => self.reject(),
            }
        }

        #[state]
        fn retrying(&mut self, event: &Event) -> Outcome<State> {
            match event {
                Event::FailoverCompleted
                | Event::FocusReconnected {
                    mcu: McuStatus::Active,
                } => Transition(State::active()),
                Event::FocusReconnected {
                    mcu: McuStatus::NotActive,
                } => Transition(State::idle()),
                _ => self.reject(),
            }
        }
    }

    impl Session {
        fn reject(&mut self) -> Outcome<State> {
            self.rejected += 1;
            Handled
        }
    }

    pub struct Machine {
        machine: statig::blocking::StateMachine<Session>,
    }

    impl Machine {
        /// Starts Idle, or Active after one activation (outside the count).
        pub fn new(phase: Phase) -> Self {
            let mut machine = Session::default().uninitialized_state_machine().init();
            if phase == Phase::Active {
                machine.handle(&Event::McuActivated {
                    mcu: crate::workload::chat(),
                });
            }
            Self {
                machine: machine.into(),
            }
        }

        #[inline(never)]
        pub fn step(&mut self, event: &Event) -> bool {
            let before = self.machine.inner().rejected;
            self.machine.handle(event);
            self.machine.inner().rejected == before
        }
    }
}

/// `rust-fsm`: a Mealy machine from a DSL. Inputs carry no data and
/// transitions have no guards, so the caller splits "focus reconnected"
/// into two inputs (4b, 4c) before the machine sees it; no per-state data.
pub mod with_rust_fsm {
    use super::*;

    rust_fsm::state_machine! {
        pub mcu(Idle)

        Idle => {
            McuActivated => Active,
            ConferenceJoined => Idle,
        },
        Active => {
            McuFailingOver => Retrying,
            FocusReconnecting => Retrying,
        },
        Retrying => {
            FailoverCompleted => Active,
            FocusReconnectedActive => Active,
            FocusReconnectedNotActive => Idle,
        }
    }

    /// The caller's share of the work: an `Event` as this machine's input.
    pub fn input(event: &Event) -> mcu::Input {
        match event {
            // The streams hold none of the last three (the transitions-only
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

        #[inline(never)]
        pub fn step(&mut self, input: &mcu::Input) -> bool {
            self.machine.consume(input).is_ok()
        }
    }
}

/// `smlang`: a DSL with guards, actions and event data; a rejected event is
/// an `Error` (the event is not handed back); no compile-time check of a
/// wrong transition.
pub mod with_smlang {
    use super::*;

    smlang::statemachine! {
        transitions: {
            *Idle + McuActivated = Active,
            Idle + ConferenceJoined = Idle,
            Active + McuFailingOver = Retrying,
            Active + FocusReconnecting = Retrying,
            Retrying + FailoverCompleted = Active,
            Retrying + FocusReconnected(McuStatus) [mcu_active] = Active,
            Retrying + FocusReconnected(McuStatus) [!mcu_active] = Idle,
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
            // The streams hold none of the last three (the transitions-only
            // machine has no roster, requests or end).
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

        #[inline(never)]
        pub fn step(&mut self, event: Events) -> bool {
            self.machine.process_event(event).is_ok()
        }
    }
}

/// The events every implementation is fed.
pub mod workload {
    use mcu_session::{AdvertisedMcu, Event, InstantMessaging, McuStatus, Uri};

    pub fn chat() -> AdvertisedMcu {
        let uri = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2")
            .unwrap_or_else(|error| unreachable!("{error}"));
        AdvertisedMcu::of::<InstantMessaging>(uri, Some("Chat".to_owned()))
    }

    /// Data-free: 3a, 4a, 3b, 4b, from Active, over and over.
    pub fn data_free(len: usize) -> Vec<Event> {
        let cycle = [
            Event::McuFailingOver,
            Event::FailoverCompleted,
            Event::FocusReconnecting,
            Event::FocusReconnected {
                mcu: McuStatus::Active,
            },
        ];
        cycle.into_iter().cycle().take(len).collect()
    }

    /// With data: 1 (carrying the MCU's entry), 3a, 4a, 3b, 4b, 3b, 4c, from
    /// Idle, over and over.
    pub fn with_data(len: usize) -> Vec<Event> {
        let cycle = || {
            [
                Event::McuActivated { mcu: chat() },
                Event::McuFailingOver,
                Event::FailoverCompleted,
                Event::FocusReconnecting,
                Event::FocusReconnected {
                    mcu: McuStatus::Active,
                },
                Event::FocusReconnecting,
                Event::FocusReconnected {
                    mcu: McuStatus::NotActive,
                },
            ]
        };
        (0..len.div_ceil(7))
            .flat_map(|_| cycle())
            .take(len)
            .collect()
    }

    /// `valid` with every tenth event replaced by one undocumented where it
    /// arrives; the session state is tracked from the valid ones. Returns
    /// the events and how many are invalid.
    pub fn mixed(valid: Vec<Event>, starts_active: bool) -> (Vec<Event>, usize) {
        let mut active = starts_active; // Active, else Idle or Retrying
        let mut events = Vec::with_capacity(valid.len() * 10 / 9 + 1);
        let mut invalid = 0;
        for event in valid {
            if events.len() % 10 == 9 {
                events.push(if active {
                    Event::FailoverCompleted // documented for Retrying only
                } else {
                    Event::McuFailingOver // documented for Active only
                });
                invalid += 1;
            }
            match &event {
                Event::McuActivated { .. }
                | Event::FailoverCompleted
                | Event::FocusReconnected {
                    mcu: McuStatus::Active,
                } => active = true,
                Event::McuFailingOver
                | Event::FocusReconnecting
                | Event::FocusReconnected {
                    mcu: McuStatus::NotActive,
                } => active = false,
                _ => {}
            }
            events.push(event);
        }
        (events, invalid)
    }
}
