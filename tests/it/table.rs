//! The typed API, the runtime view and the transition table agree.
//!
//! Every typed transition method is driven once per outcome; each
//! state-changing call must match exactly one row of the table, every row must
//! be reached by exactly one method, and the runtime view must report the
//! same row for the same step. (That no method exists in a state the table
//! does not list is proven by the compile-fail tests in `ui-tests/`. Events
//! that change data but not state, `IN_PLACE`, are checked by tests/model.rs.)

use mcu_session::mcu::transitions::TRANSITIONS;
use mcu_session::{
    Active, AdvertisedMcu, AnySession, AudioVideo, Effect, Event, EventKind, Idle,
    InstantMessaging, Joined, McuInfo, McuSessionState, McuStatus, McuType, Reconnected, Retrying,
    Session,
};

use crate::common::uri;

fn advertised<M: McuType>() -> AdvertisedMcu {
    AdvertisedMcu::of::<M>(uri(&format!("sip:conf@contoso.com;{}", M::MCU_TYPE)), None)
}

fn idle<M: McuType>() -> Session<Idle, M> {
    Session::new(uri("sip:conf@contoso.com"))
}

fn active<M: McuType>() -> Session<Active, M> {
    idle::<M>().mcu_activated(
        McuInfo::try_from(advertised::<M>()).unwrap(),
        std::time::Instant::now(),
    )
}

fn retrying<M: McuType>() -> Session<Retrying, M> {
    active::<M>().mcu_failing_over()
}

/// One typed call: the method, the event that stands for it at run time, the
/// state before, and the state after (`None`: no state change).
struct Step<M: McuType> {
    method: &'static str,
    event: Event,
    before: AnySession<M>,
    after: (McuSessionState, Option<McuSessionState>),
}

/// Every typed transition method, once per outcome.
fn typed_steps<M: McuType, Other: McuType>() -> Vec<Step<M>> {
    let joined = |offered: Vec<AdvertisedMcu>| {
        let outcome = match idle::<M>().conference_joined(offered.clone()).unwrap() {
            Joined::Bound(idle) => {
                assert!(idle.mcu().is_some(), "binding keeps the MCU information");
                None
            }
            Joined::Unsupported(terminated) => Some(terminated.state()),
        };
        Step {
            method: "conference_joined",
            event: Event::ConferenceJoined { offered },
            before: idle::<M>().into(),
            after: (McuSessionState::Idle, outcome),
        }
    };
    let reconnected = |mcu: McuStatus| Step {
        method: "focus_reconnected",
        event: Event::FocusReconnected { mcu },
        before: retrying::<M>().into(),
        after: (
            McuSessionState::Retrying,
            Some(match retrying::<M>().focus_reconnected(mcu) {
                Reconnected::Active(resumed) => resumed.into_session().state(),
                Reconnected::Idle(idle) => idle.state(),
            }),
        ),
    };
    vec![
        joined(vec![advertised::<M>()]),
        joined(vec![advertised::<Other>()]),
        Step {
            method: "mcu_activated",
            event: Event::McuActivated {
                mcu: advertised::<M>(),
            },
            before: idle::<M>().into(),
            after: (McuSessionState::Idle, Some(active::<M>().state())),
        },
        Step {
            method: "mcu_failing_over",
            event: Event::McuFailingOver,
            before: active::<M>().into(),
            after: (
                McuSessionState::Active,
                Some(active::<M>().mcu_failing_over().state()),
            ),
        },
        Step {
            method: "focus_reconnecting",
            event: Event::FocusReconnecting,
            before: active::<M>().into(),
            after: (
                McuSessionState::Active,
                Some(active::<M>().focus_reconnecting().state()),
            ),
        },
        Step {
            method: "failover_completed",
            event: Event::FailoverCompleted,
            before: retrying::<M>().into(),
            after: (
                McuSessionState::Retrying,
                Some(retrying::<M>().failover_completed().into_session().state()),
            ),
        },
        reconnected(McuStatus::Active),
        reconnected(McuStatus::NotActive),
        Step {
            method: "conference_terminated",
            event: Event::ConferenceTerminated,
            before: idle::<M>().into(),
            after: (
                McuSessionState::Idle,
                Some(idle::<M>().conference_terminated().state()),
            ),
        },
        Step {
            method: "conference_terminated",
            event: Event::ConferenceTerminated,
            before: active::<M>().into(),
            after: (
                McuSessionState::Active,
                Some(active::<M>().conference_terminated().state()),
            ),
        },
        Step {
            method: "conference_terminated",
            event: Event::ConferenceTerminated,
            before: retrying::<M>().into(),
            after: (
                McuSessionState::Retrying,
                Some(retrying::<M>().conference_terminated().state()),
            ),
        },
    ]
}

fn check<M: McuType, Other: McuType>() {
    let steps = typed_steps::<M, Other>();
    let mut reached = vec![Vec::new(); TRANSITIONS.len()];
    for step in steps {
        let (from, to) = step.after;
        assert_eq!(step.before.state(), from, "{}", step.method);
        let mut session = step.before;
        let effect = session
            .apply(step.event.clone(), std::time::Instant::now())
            .unwrap();
        let Some(to) = to else {
            // Binding: documented, but not a transition.
            assert_eq!(step.method, "conference_joined");
            assert_eq!(effect, Effect::Bound);
            assert_eq!(session.state(), McuSessionState::Idle);
            assert!(session.mcu().is_some());
            continue;
        };
        let rows: Vec<usize> = (0..TRANSITIONS.len())
            .filter(|&i| {
                let row = &TRANSITIONS[i];
                (row.from, row.to, row.event) == (from, to, step.event.kind())
            })
            .collect();
        assert_eq!(
            rows.len(),
            1,
            "{} from {from} to {to}: rows {rows:?}",
            step.method
        );
        let row = &TRANSITIONS[rows[0]];
        reached[rows[0]].push(step.method);

        let Effect::StateChanged(change) = effect else {
            panic!("{}: a state change, not {effect:?}", step.method);
        };
        assert_eq!(
            (
                change.transition(),
                change.from(),
                change.to(),
                change.cause()
            ),
            (row.id, row.from, row.to, row.event),
            "{} at run time",
            step.method
        );
        assert_eq!(session.state(), to);
    }
    for (row, methods) in TRANSITIONS.iter().zip(&reached) {
        assert_eq!(methods.len(), 1, "row {} reached by {methods:?}", row.id);
    }
}

#[test]
fn typed_methods_and_table_rows_match_one_to_one_for_instant_messaging() {
    check::<InstantMessaging, AudioVideo>();
}

#[test]
fn typed_methods_and_table_rows_match_one_to_one_for_audio_video() {
    check::<AudioVideo, InstantMessaging>();
}

#[test]
fn every_event_kind_is_documented_somewhere_and_terminated_accepts_none() {
    for kind in EventKind::ALL {
        let in_place = mcu_session::mcu::transitions::IN_PLACE
            .iter()
            .any(|row| row.event == kind);
        assert!(
            in_place || TRANSITIONS.iter().any(|row| row.event == kind),
            "{kind}"
        );
        assert!(!mcu_session::mcu::transitions::documents(
            McuSessionState::Terminated,
            kind
        ));
    }
}
