//! Model check: random event sequences against the transition table.
//!
//! The model below knows only `TRANSITIONS` and what each row's guard and
//! call effect mean; it never calls the typed API. For every event it
//! predicts acceptance or rejection, the next state, the state-changed
//! record and the session's data, and compares with `AnySession::apply`.
//! A second session (the twin) receives only the accepted events, so after a
//! rejection the handed-back session must equal it exactly.

use mcu_session::transitions::{CallEffect, Guard, TRANSITIONS, TransitionRow};
use mcu_session::{
    AdvertisedMcu, AnySession, AudioVideo, Event, EventKind, InstantMessaging, McuCall, McuInfo,
    McuSessionState, McuStatus, McuType, Rejected, Uri,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

const CONFERENCE: &str = "sip:conf@contoso.com";
const WIRE_TYPES: [&str; 4] = ["chat", "audio-video", "meeting", "phone-conf"];

fn mcu(mcu_type: &str, instance: u8) -> AdvertisedMcu {
    let display_text = (instance % 2 == 0).then(|| format!("{mcu_type} #{instance}"));
    AdvertisedMcu {
        mcu_type: mcu_type.to_owned(),
        uri: Uri::parse(format!("sip:conf@contoso.com;{mcu_type};{instance}")).unwrap(),
        display_text,
    }
}

fn any_mcu() -> impl Strategy<Value = AdvertisedMcu> {
    (prop::sample::select(&WIRE_TYPES[..]), 0u8..4).prop_map(|(t, i)| mcu(t, i))
}

fn any_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        prop::collection::vec(any_mcu(), 0..4)
            .prop_map(|offered| Event::ConferenceJoined { offered }),
        any_mcu().prop_map(|mcu| Event::McuActivated { mcu }),
        Just(Event::McuFailingOver),
        Just(Event::FocusReconnecting),
        Just(Event::FailoverCompleted),
        prop_oneof![Just(McuStatus::Active), Just(McuStatus::NotActive)]
            .prop_map(|mcu| Event::FocusReconnected { mcu }),
    ]
}

/// What the table says a session knows.
#[derive(Debug, Clone, PartialEq)]
struct Model<M: McuType> {
    state: McuSessionState,
    mcu: Option<McuInfo<M>>,
    /// Set by rows that terminate or keep the call; read by rows that report it.
    call: Option<McuCall>,
    /// The MCU types offered when transition 2 happened.
    unsupported: Option<Vec<String>>,
}

/// The model's prediction for one event.
enum Expected {
    Undocumented,
    InvalidWireData,
    Bound,
    Row(&'static TransitionRow),
}

impl<M: McuType> Model<M> {
    fn predict(&self, event: &Event) -> Expected {
        let rows: Vec<&'static TransitionRow> = TRANSITIONS
            .iter()
            .filter(|row| row.from == self.state && row.event == event.kind())
            .collect();
        if rows.is_empty() {
            return Expected::Undocumented;
        }
        let offers_ours =
            |offered: &[AdvertisedMcu]| offered.iter().any(|m| m.mcu_type == M::MCU_TYPE);
        let guard_holds = |guard: Guard| match (guard, event) {
            (Guard::Always, _) => true,
            (Guard::McuTypeNotOffered, Event::ConferenceJoined { offered }) => {
                !offers_ours(offered)
            }
            (Guard::McuReported(status), Event::FocusReconnected { mcu }) => status == *mcu,
            _ => false,
        };
        match event {
            Event::McuActivated { mcu } if mcu.mcu_type != M::MCU_TYPE => Expected::InvalidWireData,
            Event::ConferenceJoined { offered } if offers_ours(offered) => Expected::Bound,
            _ => match rows.into_iter().find(|row| guard_holds(row.guard)) {
                Some(row) => Expected::Row(row),
                None => panic!(
                    "no guard of the table holds for {event:?} in {}",
                    self.state
                ),
            },
        }
    }

    fn advance(&mut self, event: &Event, expected: &Expected) {
        match (expected, event) {
            (Expected::Bound, Event::ConferenceJoined { offered }) => {
                let ours = offered.iter().find(|m| m.mcu_type == M::MCU_TYPE).cloned();
                self.mcu = ours.map(|m| McuInfo::try_from(m).unwrap());
            }
            (Expected::Row(row), _) => {
                self.state = row.to;
                match row.call {
                    CallEffect::Terminates => self.call = Some(McuCall::Terminated),
                    CallEffect::Keeps => self.call = Some(McuCall::Kept),
                    CallEffect::NotInvolved | CallEffect::Reports => {}
                }
                match event {
                    Event::McuActivated { mcu } => {
                        self.mcu = Some(McuInfo::try_from(mcu.clone()).unwrap())
                    }
                    Event::ConferenceJoined { offered } => {
                        self.mcu = None;
                        self.unsupported =
                            Some(offered.iter().map(|m| m.mcu_type.clone()).collect());
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn expected_call(&self, row: &TransitionRow) -> Option<McuCall> {
        match row.call {
            CallEffect::NotInvolved => None,
            CallEffect::Terminates => Some(McuCall::Terminated),
            CallEffect::Keeps => Some(McuCall::Kept),
            CallEffect::Reports => self.call,
        }
    }
}

fn check_data<M: McuType>(session: &AnySession<M>, model: &Model<M>) {
    assert_eq!(session.state(), model.state);
    assert_eq!(session.conference().as_str(), CONFERENCE);
    assert_eq!(session.mcu(), model.mcu.as_ref());
    if let AnySession::Terminated(terminated) = session {
        let reason = terminated.reason().expect("transition 2 keeps its reason");
        assert_eq!(Some(reason.offered().to_vec()), model.unsupported);
        assert_eq!(reason.missing_mcu_type(), M::MCU_TYPE);
    }
}

fn run<M: McuType>(events: Vec<Event>) {
    let conference = Uri::parse(CONFERENCE).unwrap();
    let mut session = AnySession::<M>::new(conference.clone());
    let mut twin = AnySession::<M>::new(conference);
    let mut model = Model::<M> {
        state: McuSessionState::Idle,
        mcu: None,
        call: None,
        unsupported: None,
    };
    for event in events {
        let expected = model.predict(&event);
        match (session.apply(event.clone()), &expected) {
            (Err(rejected @ Rejected::Undocumented { .. }), Expected::Undocumented)
            | (Err(rejected @ Rejected::InvalidEvent { .. }), Expected::InvalidWireData) => {
                let (back, back_event) = rejected.into_parts();
                assert_eq!(
                    back, twin,
                    "a rejected event must leave the session as it was"
                );
                assert_eq!(
                    back_event, event,
                    "a rejected event is handed back as it was"
                );
                session = back;
            }
            (Ok(step), Expected::Bound) => {
                assert_eq!(step.change, None);
                session = step.session;
                twin = twin.apply(event.clone()).unwrap().session;
            }
            (Ok(step), Expected::Row(row)) => {
                let change = step.change.expect("a row is a state change");
                assert_eq!(
                    (change.transition, change.from, change.to, change.cause),
                    (row.id, row.from, row.to, row.event)
                );
                assert_eq!(
                    change.call,
                    model.expected_call(row),
                    "call effect of {}",
                    row.id
                );
                session = step.session;
                twin = twin.apply(event.clone()).unwrap().session;
            }
            (outcome, _) => panic!(
                "{event:?} in {}: got {:?}, the table predicts {}",
                model.state,
                outcome.map(|step| step.change),
                match expected {
                    Expected::Undocumented => "an undocumented-event rejection".to_owned(),
                    Expected::InvalidWireData => "an invalid-wire-data rejection".to_owned(),
                    Expected::Bound => "binding without a state change".to_owned(),
                    Expected::Row(row) => format!("transition {}", row.id),
                }
            ),
        }
        model.advance(&event, &expected);
        check_data(&session, &model);
        assert_eq!(session, twin);
    }
}

/// 10,000 cases each; override with PROPTEST_CASES.
fn config() -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|cases| cases.parse().ok())
            .unwrap_or(10_000),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn instant_messaging_follows_the_table(events in prop::collection::vec(any_event(), 0..=64)) {
        run::<InstantMessaging>(events);
    }

    #[test]
    fn audio_video_follows_the_table(events in prop::collection::vec(any_event(), 0..=64)) {
        run::<AudioVideo>(events);
    }
}

#[test]
fn the_generator_produces_every_event_kind_and_both_outcomes_of_each_guard() {
    // A kind or guard outcome the generator never produced would go unchecked.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = any_event();
    let events: Vec<Event> = (0..2_000)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    for kind in EventKind::ALL {
        assert!(
            events.iter().any(|e| e.kind() == kind),
            "{kind} never generated"
        );
    }
    let offers_chat = |e: &Event| match e {
        Event::ConferenceJoined { offered } => Some(offered.iter().any(|m| m.mcu_type == "chat")),
        _ => None,
    };
    assert!(events.iter().any(|e| offers_chat(e) == Some(true)));
    assert!(events.iter().any(|e| offers_chat(e) == Some(false)));
    for status in [McuStatus::Active, McuStatus::NotActive] {
        assert!(events.contains(&Event::FocusReconnected { mcu: status }));
    }
}
