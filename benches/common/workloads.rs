//! The workloads every implementation runs, and the implementations of each:
//! the typed `Session`, `AnySession::apply` (in place), and the
//! hand-written baseline.

use std::hint::black_box;

use mcu_session::{
    AdvertisedMcu, AnySession, Event, InstantMessaging, InstantMessagingMcuSession, Joined,
    McuInfo, McuSessionState, McuStatus, Operation, Reconnected, Uri,
};

use super::baseline::{Machine, State};
use std::time::Instant;

pub const CONFERENCE: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
pub const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";

pub fn conference() -> Uri {
    Uri::parse(CONFERENCE).unwrap_or_else(|error| unreachable!("{error}"))
}

pub fn chat() -> AdvertisedMcu {
    let uri = Uri::parse(CHAT).unwrap_or_else(|error| unreachable!("{error}"));
    AdvertisedMcu::of::<InstantMessaging>(uri, Some("Chat".to_owned()))
}

/// The valid cycle the stream repeats: 1, 3a, 4a, 3b, 4b, 3b, 4c.
pub fn cycle() -> [Event; 7] {
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
}

/// `len` valid events (whole cycles), starting from a bound Idle session.
pub fn valid_stream(len: usize) -> Vec<Event> {
    cycle().into_iter().cycle().take(len / 7 * 7).collect()
}

/// `len` events of which every tenth is undocumented in the state the
/// session is in when it arrives (so each implementation must refuse it and
/// hand it back); the other nine in ten are the valid cycle.
pub fn mixed_stream(len: usize) -> Vec<Event> {
    let mut valid = cycle().into_iter().cycle();
    let mut position = 0; // how far into the cycle the session is
    (0..len)
        .map(|i| {
            if i % 10 == 9 {
                // After cycle position p the session is Idle (p = 0), Active
                // (p = 1, 3, 5) or Retrying (p = 2, 4, 6).
                if position % 2 == 1 {
                    Event::FailoverCompleted // only documented for Retrying
                } else {
                    Event::McuFailingOver // only documented for Active
                }
            } else {
                position = (position + 1) % 7;
                valid.next().unwrap_or(Event::McuFailingOver)
            }
        })
        .collect()
}

/// The activation data the typed walk takes, pre-checked at the edge.
pub fn typed_activations(cycles: usize) -> Vec<McuInfo<InstantMessaging>> {
    (0..cycles)
        .map(|_| McuInfo::try_from(chat()).unwrap_or_else(|error| unreachable!("{error}")))
        .collect()
}

pub fn bound_typed() -> mcu_session::Session<mcu_session::Idle, InstantMessaging> {
    // Room for the timers workload's 30,000 waiting operations.
    let capacities = mcu_session::Capacities {
        operations: 100_000,
        ..mcu_session::Capacities::default()
    };
    match InstantMessagingMcuSession::with_capacities(conference(), capacities)
        .conference_joined([chat()])
    {
        Ok(Joined::Bound(idle)) => idle,
        Ok(Joined::Unsupported(_)) | Err(_) => unreachable!("the conference offers chat once"),
    }
}

fn bound_any() -> AnySession<InstantMessaging> {
    bound_typed().into()
}

fn bound_baseline() -> Machine {
    let mut machine = Machine::new(conference());
    let _ = machine.handle(Event::ConferenceJoined {
        offered: vec![chat()],
    });
    machine
}

/// The operation each lifecycle sends once it is Active.
pub fn eject() -> Operation<InstantMessaging> {
    Operation::eject("sip:mallory@contoso.com").unwrap_or_else(|error| unreachable!("{error}"))
}

/// One full lifecycle: join, activate, send one operation, fail over,
/// complete, reconnect both ways.
pub mod lifecycle {
    use super::*;

    pub fn typed(operation: Operation<InstantMessaging>, now: Instant) -> McuSessionState {
        let idle = match InstantMessagingMcuSession::new(conference())
            .conference_joined(black_box([chat()]))
        {
            Ok(Joined::Bound(idle)) => idle,
            Ok(Joined::Unsupported(terminated)) => return terminated.state(),
            Err(refused) => return refused.into_parts().0.state(),
        };
        let mcu = match McuInfo::try_from(chat()) {
            Ok(mcu) => mcu,
            Err(_) => return idle.state(),
        };
        let mut active = black_box(idle.mcu_activated(mcu, now));
        let _ = black_box(active.request(operation, now));
        let active = black_box(active.mcu_failing_over())
            .failover_completed()
            .into_session();
        let active =
            match black_box(active.focus_reconnecting()).focus_reconnected(McuStatus::Active) {
                Reconnected::Active(resumed) => resumed.into_session(),
                Reconnected::Idle(idle) => return idle.state(),
            };
        match black_box(active.focus_reconnecting()).focus_reconnected(McuStatus::NotActive) {
            Reconnected::Active(resumed) => resumed.into_session().state(),
            Reconnected::Idle(idle) => idle.state(),
        }
    }

    fn events() -> [Event; 8] {
        let [a, b, c, d, e, f, g] = cycle();
        [
            Event::ConferenceJoined {
                offered: vec![chat()],
            },
            a,
            b,
            c,
            d,
            e,
            f,
            g,
        ]
    }

    pub fn runtime(operation: Operation<InstantMessaging>, now: Instant) -> McuSessionState {
        let mut session = AnySession::<InstantMessaging>::new(conference());
        let mut operation = Some(operation);
        for event in events() {
            let _ = black_box(session.apply(black_box(event), now));
            // Once Active: `take` only then, or the operation is gone before.
            if session.state() == McuSessionState::Active {
                if let Some(op) = operation.take() {
                    let _ = black_box(session.submit(op, now));
                }
            }
        }
        session.state()
    }

    pub fn baseline(operation: Operation<InstantMessaging>) -> McuSessionState {
        let mut machine = Machine::new(conference());
        let mut operation = Some(operation);
        for event in events() {
            let _ = black_box(machine.handle(black_box(event)));
            if machine.state == State::Active {
                if let Some(op) = operation.take() {
                    let _ = black_box(machine.submit(op.into_kind()));
                }
            }
        }
        machine.runtime_state()
    }
}

/// Replaying a pre-generated stream of valid events.
pub mod stream {
    use super::*;

    /// The typed API walks the known cycle statically: no event dispatch.
    pub fn typed(activations: Vec<McuInfo<InstantMessaging>>, now: Instant) -> McuSessionState {
        let mut idle = bound_typed();
        for mcu in activations {
            let active = black_box(idle.mcu_activated(mcu, now));
            let active = black_box(active.mcu_failing_over())
                .failover_completed()
                .into_session();
            let active = match black_box(active.focus_reconnecting())
                .focus_reconnected(black_box(McuStatus::Active))
            {
                Reconnected::Active(resumed) => resumed.into_session(),
                Reconnected::Idle(idle) => return idle.state(),
            };
            idle = match black_box(active.focus_reconnecting())
                .focus_reconnected(black_box(McuStatus::NotActive))
            {
                Reconnected::Idle(idle) => idle,
                Reconnected::Active(resumed) => return resumed.into_session().state(),
            };
        }
        idle.state()
    }

    pub fn runtime(events: Vec<Event>, now: Instant) -> (McuSessionState, usize) {
        let mut session = bound_any();
        let mut rejected_count = 0;
        for event in events {
            if black_box(session.apply(event, now)).is_err() {
                rejected_count += 1;
            }
        }
        (session.state(), rejected_count)
    }

    pub fn baseline(events: Vec<Event>) -> (McuSessionState, usize) {
        let mut machine = bound_baseline();
        let mut rejected_count = 0;
        for event in events {
            if black_box(machine.handle(event)).is_err() {
                rejected_count += 1;
            }
        }
        (machine.runtime_state(), rejected_count)
    }
}
