//! Every documented transition, for both MCU types, with the data a session
//! must keep checked after each step.

use mcu_session::{
    Active, AdvertisedMcu, AudioVideo, Idle, InstantMessaging, Joined, McuCall, McuInfo,
    McuSessionState, McuStatus, McuType, Reconnected, Resumed, Retrying, Session,
    TerminationReason,
};

use crate::common::uri;

const CONFERENCE: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";

/// The MCU of type `M` as a conference advertises it.
fn advertised<M: McuType>() -> AdvertisedMcu {
    let uri = uri(&format!(
        "sip:alice@contoso.com;gruu;opaque=app:conf:{}:id:7QX2",
        M::MCU_TYPE
    ));
    AdvertisedMcu::of::<M>(uri, Some(format!("{} MCU", M::MCU_TYPE)))
}

fn info<M: McuType>() -> McuInfo<M> {
    McuInfo::try_from(advertised::<M>()).unwrap()
}

/// A conference offering every MCU type this crate knows and one it does not.
fn full_conference() -> Vec<AdvertisedMcu> {
    let meeting = AdvertisedMcu {
        mcu_type: "meeting".to_owned(),
        uri: uri("sip:alice@contoso.com;gruu;opaque=app:conf:meeting:id:7QX2"),
        display_text: None,
    };
    vec![
        meeting,
        advertised::<InstantMessaging>(),
        advertised::<AudioVideo>(),
    ]
}

fn bound<M: McuType>() -> Session<Idle, M> {
    match Session::<Idle, M>::new(uri(CONFERENCE))
        .conference_joined(full_conference())
        .unwrap()
    {
        Joined::Bound(idle) => idle,
        Joined::Unsupported(terminated) => panic!("conference offers every type: {terminated:?}"),
    }
}

fn active<M: McuType>() -> Session<Active, M> {
    bound::<M>().mcu_activated(info(), std::time::Instant::now())
}

/// The states that know their MCU, each through its own accessor: an Idle
/// session's `mcu()` is an `Option`, an Active or Retrying one's is not.
trait KnowsMcu<M: McuType> {
    fn known_mcu(&self) -> Option<&McuInfo<M>>;
}

impl<M: McuType> KnowsMcu<M> for Session<Idle, M> {
    fn known_mcu(&self) -> Option<&McuInfo<M>> {
        self.mcu()
    }
}

impl<M: McuType> KnowsMcu<M> for Session<Active, M> {
    fn known_mcu(&self) -> Option<&McuInfo<M>> {
        Some(self.mcu())
    }
}

impl<M: McuType> KnowsMcu<M> for Session<Retrying, M> {
    fn known_mcu(&self) -> Option<&McuInfo<M>> {
        Some(self.mcu())
    }
}

fn assert_bound<S: mcu_session::State, M: McuType>(session: &Session<S, M>, state: McuSessionState)
where
    Session<S, M>: KnowsMcu<M>,
{
    assert_eq!(session.state(), state);
    assert_eq!(session.conference().as_str(), CONFERENCE);
    assert_eq!(session.known_mcu(), Some(&info::<M>()));
}

/// Runs each generic check once per MCU type, as its own test.
macro_rules! for_both {
    ($($name:ident => $body:ident;)+) => {$(
        mod $name {
            #[test]
            fn instant_messaging() {
                super::$body::<mcu_session::InstantMessaging>();
            }
            #[test]
            fn audio_video() {
                super::$body::<mcu_session::AudioVideo>();
            }
        }
    )+};
}

for_both! {
    new_session_is_idle_and_unbound => new_session_is_idle_and_unbound;
    joining_a_conference_that_offers_the_type_binds => joining_binds;
    transition_1_activates_a_bound_session => transition_1_bound;
    transition_1_before_the_join_binds => transition_1_before_join;
    transition_2_keeps_the_reason => transition_2;
    transition_3a_terminates_the_call_and_4a_asks_for_a_new_one => transitions_3a_4a;
    transition_3b_keeps_the_call_and_4b_says_so => transitions_3b_4b;
    transition_3a_then_4b_still_needs_a_new_call => transitions_3a_4b;
    transition_4c_returns_to_a_bound_idle_then_1_applies => transitions_4c_then_1;
}

fn new_session_is_idle_and_unbound<M: McuType>() {
    let session = Session::<Idle, M>::new(uri(CONFERENCE));
    assert_eq!(session.state(), McuSessionState::Idle);
    assert_eq!(session.conference().as_str(), CONFERENCE);
    assert_eq!(session.mcu_type(), M::MCU_TYPE);
    assert_eq!(session.mcu(), None);
}

fn joining_binds<M: McuType>() {
    let idle = bound::<M>();
    assert_bound(&idle, McuSessionState::Idle);
    let mcu = idle.mcu().unwrap();
    assert_eq!(mcu.mcu_type(), M::MCU_TYPE);
    assert_eq!(
        mcu.display_text(),
        Some(format!("{} MCU", M::MCU_TYPE).as_str())
    );
}

fn transition_1_bound<M: McuType>() {
    let active = active::<M>();
    assert_bound(&active, McuSessionState::Active);
}

fn transition_1_before_join<M: McuType>() {
    // The MCU can become active before BeginJoin's callback: the activation
    // report itself binds the session.
    let active =
        Session::<Idle, M>::new(uri(CONFERENCE)).mcu_activated(info(), std::time::Instant::now());
    assert_bound(&active, McuSessionState::Active);
}

fn transition_2<M: McuType>() {
    let offered: Vec<AdvertisedMcu> = full_conference()
        .into_iter()
        .filter(|mcu| mcu.mcu_type != M::MCU_TYPE)
        .collect();
    let session = Session::<Idle, M>::new(uri(CONFERENCE));
    let Ok(Joined::Unsupported(terminated)) = session.conference_joined(offered.clone()) else {
        panic!("the conference lacks {}", M::MCU_TYPE);
    };
    assert_eq!(terminated.state(), McuSessionState::Terminated);
    assert_eq!(terminated.conference().as_str(), CONFERENCE);
    assert_eq!(terminated.reason().conference().as_str(), CONFERENCE);
    let TerminationReason::McuTypeNotOffered(reason) = terminated.reason() else {
        panic!("transition 2 records the missing MCU type");
    };
    assert_eq!(reason.conference().as_str(), CONFERENCE);
    assert_eq!(reason.missing_mcu_type(), M::MCU_TYPE);
    let offered_types: Vec<&str> = offered.iter().map(|mcu| mcu.mcu_type.as_str()).collect();
    assert_eq!(reason.offered(), offered.as_slice());
    assert_eq!(
        reason.offered_mcu_types().collect::<Vec<_>>(),
        offered_types
    );
    let listed = offered_types
        .iter()
        .map(|mcu_type| format!("`{mcu_type}`"))
        .collect::<Vec<_>>()
        .join(", ");
    assert_eq!(
        reason.to_string(),
        format!(
            "conference {CONFERENCE} offers no `{}` MCU (it offers: {listed})",
            M::MCU_TYPE
        )
    );
}

fn transitions_3a_4a<M: McuType>() {
    let retrying: Session<Retrying, M> = active::<M>().mcu_failing_over();
    assert_bound(&retrying, McuSessionState::Retrying);
    assert_eq!(retrying.call(), McuCall::Terminated);

    let resumed = retrying.failover_completed();
    assert_eq!(resumed.call(), McuCall::Terminated);
    let Resumed::NewCallNeeded(active) = resumed else {
        panic!("an MCU failover terminates the call");
    };
    assert_bound(&active, McuSessionState::Active);
}

fn transitions_3b_4b<M: McuType>() {
    let retrying = active::<M>().focus_reconnecting();
    assert_bound(&retrying, McuSessionState::Retrying);
    assert_eq!(retrying.call(), McuCall::Kept);

    let Reconnected::Active(Resumed::CallKept(active)) =
        retrying.focus_reconnected(McuStatus::Active)
    else {
        panic!("4b with the call kept");
    };
    assert_bound(&active, McuSessionState::Active);
}

fn transitions_3a_4b<M: McuType>() {
    let retrying = active::<M>().mcu_failing_over();
    let Reconnected::Active(Resumed::NewCallNeeded(active)) =
        retrying.focus_reconnected(McuStatus::Active)
    else {
        panic!("the MCU call was terminated by 3a");
    };
    assert_bound(&active, McuSessionState::Active);
}

fn transitions_4c_then_1<M: McuType>() {
    for leave_active in [Session::mcu_failing_over, Session::focus_reconnecting] {
        let retrying = leave_active(active::<M>());
        let Reconnected::Idle(idle) = retrying.focus_reconnected(McuStatus::NotActive) else {
            panic!("4c: the MCU is not active");
        };
        assert_bound(&idle, McuSessionState::Idle);
        let active = idle.mcu_activated(info(), std::time::Instant::now());
        assert_bound(&active, McuSessionState::Active);
    }
}

#[test]
fn a_later_activation_report_replaces_the_mcu_information() {
    let idle = bound::<InstantMessaging>();
    let moved = McuInfo::new(uri("sip:mcu2@contoso.com;chat"), None);
    let active = idle.mcu_activated(moved.clone(), std::time::Instant::now());
    assert_eq!(active.mcu(), &moved);
}

#[test]
fn debug_shows_state_and_data() {
    let retrying = active::<AudioVideo>().mcu_failing_over();
    let debug = format!("{retrying:?}");
    for part in [
        "state: Retrying",
        "mcu_type: \"audio-video\"",
        CONFERENCE,
        "call: Terminated",
    ] {
        assert!(debug.contains(part), "{debug} lacks {part}");
    }
}

#[test]
fn wire_mcu_of_the_wrong_type_is_refused_and_handed_back() {
    let av = advertised::<AudioVideo>();
    let error = McuInfo::<InstantMessaging>::try_from(av.clone()).unwrap_err();
    assert_eq!(error.expected(), "chat");
    assert_eq!(
        error.to_string(),
        "expected a `chat` MCU, the focus advertised `audio-video`"
    );
    assert_eq!(error.into_advertised(), av);
}

#[test]
fn mcu_information_round_trips_to_wire_form() {
    assert_eq!(
        info::<AudioVideo>().into_advertised(),
        advertised::<AudioVideo>()
    );
}
