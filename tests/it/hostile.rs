//! What a hostile probe found, each kept as a regression test (the URI
//! findings are in `src/uri.rs`'s tests, next to the parser).

use std::time::{Duration, Instant};

use mcu_session::{
    AdvertisedMcu, Capacities, FailureReason, Idle, InstantMessaging, Joined, McuInfo, McuStatus,
    Operation, Output, Reconnected, Response, Session, UnknownResponse,
};

use crate::common::{chat, uri};

fn bound(capacities: Capacities) -> Session<Idle, InstantMessaging> {
    let session = Session::with_capacities(uri("sip:conf@contoso.com"), capacities);
    let Ok(Joined::Bound(idle)) = session.conference_joined([chat()]) else {
        panic!("the conference offers chat")
    };
    idle
}

fn info() -> McuInfo<InstantMessaging> {
    McuInfo::try_from(chat()).unwrap()
}

/// Finding 1: cancel after release, before polling: the operation came back from
/// `cancel` and still went out, and the focus's answer was then refused.
#[test]
fn a_released_request_cancelled_before_it_is_polled_never_goes_out() {
    let t0 = Instant::now();
    let mut idle = bound(Capacities::default());
    let id = idle.queue(Operation::enable_block_all_mode(), t0).unwrap();
    let mut active = idle.mcu_activated(info(), t0);
    assert_eq!(active.cancel(id), Ok(Operation::enable_block_all_mode()));
    assert_eq!(active.poll_output(), None, "the cancelled request went out");
    let refused: UnknownResponse = active.answer(Response::Success { id }).unwrap_err();
    assert_eq!(refused.into_response().id(), id);
}

/// The same for every other way a released request stops being pending
/// before the application polls it: it fails, and does not go out too.
#[test]
fn a_released_request_failed_before_it_is_polled_comes_out_failed_only() {
    let t0 = Instant::now();
    // A focus reconnect (3b).
    let mut idle = bound(Capacities::default());
    let id = idle.queue(Operation::enable_block_all_mode(), t0).unwrap();
    let mut retrying = idle.mcu_activated(info(), t0).focus_reconnecting();
    let out: Vec<_> = std::iter::from_fn(|| retrying.poll_output()).collect();
    assert_eq!(
        out,
        [Output::Failed {
            id,
            operation: Operation::enable_block_all_mode(),
            reason: FailureReason::SessionRetrying
        }]
    );
    // The conference's end (5b).
    let mut idle = bound(Capacities::default());
    let id = idle.queue(Operation::enable_block_all_mode(), t0).unwrap();
    let mut ended = idle.mcu_activated(info(), t0).conference_terminated();
    let out: Vec<_> = std::iter::from_fn(|| ended.poll_output()).collect();
    assert!(
        matches!(out.as_slice(), [Output::Failed { id: failed, reason: FailureReason::Terminated(_), .. }] if *failed == id),
        "{out:?}"
    );
    // No answer in time.
    let mut idle = bound(Capacities::default());
    let id = idle.queue(Operation::enable_block_all_mode(), t0).unwrap();
    let mut active = idle.mcu_activated(info(), t0);
    assert_eq!(active.handle_timeout(t0 + Duration::from_secs(3 * 60)), 1);
    let out: Vec<_> = std::iter::from_fn(|| active.poll_output()).collect();
    assert_eq!(
        out,
        [Output::Failed {
            id,
            operation: Operation::enable_block_all_mode(),
            reason: FailureReason::NoAnswer
        }]
    );
}

/// Finding 2: capacities did not bound the outputs: a cancelled released request
/// counted for nothing, and 5,000 rounds left 5,000 unpolled outputs.
#[test]
fn the_capacities_bound_the_unpolled_outputs_too() {
    let t0 = Instant::now();
    let capacities = Capacities {
        operations: 1,
        endpoints: 10,
        ..Capacities::default()
    };
    let mut idle = bound(capacities);
    for _ in 0..5_000 {
        let id = idle.queue(Operation::enable_block_all_mode(), t0).unwrap();
        let mut active = idle.mcu_activated(info(), t0);
        active.cancel(id).unwrap();
        let retrying = active.mcu_failing_over();
        let Reconnected::Idle(again) = retrying.focus_reconnected(McuStatus::NotActive) else {
            unreachable!()
        };
        idle = again;
    }
    let unpolled = std::iter::from_fn(|| idle.poll_output()).count();
    assert_eq!(unpolled, 0);
}

/// Finding 5: an `Instant` near its limit: the deadline fell back to `now`, so an
/// operation queued there failed at once instead of after 30 s.
#[test]
fn a_deadline_past_the_clocks_limit_saturates_and_is_never_shortened() {
    // The latest `Instant` this platform holds, found by halving.
    let mut latest = Instant::now();
    let mut step = Duration::MAX;
    while !step.is_zero() {
        match latest.checked_add(step) {
            Some(later) => latest = later,
            None => step /= 2,
        }
    }
    let near = latest - Duration::from_secs(10);
    let mut idle = bound(Capacities::default());
    let id = idle
        .queue(Operation::enable_block_all_mode(), near)
        .unwrap();
    assert_eq!(
        idle.poll_timeout(),
        Some(latest),
        "saturated, not shortened"
    );
    assert_eq!(idle.handle_timeout(near), 0, "failed at once");
    assert_eq!(
        idle.handle_timeout(near + Duration::from_secs(9)),
        0,
        "failed before its 30 s (or the clock's end)"
    );
    assert_eq!(idle.handle_timeout(latest), 1);
    assert_eq!(idle.poll_output().map(|output| output.id()), Some(id));

    let mut active = bound(Capacities::default()).mcu_activated(info(), near);
    active
        .request(Operation::enable_block_all_mode(), near)
        .unwrap();
    assert_eq!(active.poll_timeout(), Some(latest));
    assert_eq!(active.handle_timeout(near), 0);
}

/// Finding 7: an offer listing the same MCU type twice bound the first and
/// dropped the second silently. Which one the session is bound to would be
/// a guess: refused, with everything handed back, in both views.
#[test]
fn an_offer_naming_the_sessions_mcu_type_twice_is_refused_and_handed_back() {
    use mcu_session::{AnySession, Event, EventProblem, OfferProblem, Refused};

    let one = AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat;1"), None);
    let two = AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat;2"), None);
    let twice = vec![one.clone(), two.clone()];

    let idle = Session::<Idle, InstantMessaging>::new(uri("sip:conf@contoso.com"));
    let (idle, offered) = idle
        .conference_joined(twice.clone())
        .unwrap_err()
        .into_parts();
    assert_eq!(offered, twice);
    assert!(idle.mcu().is_none(), "not bound to a guess");

    let mut active = idle.mcu_activated(McuInfo::try_from(one.clone()).unwrap(), Instant::now());
    let refused = active.join_completed(twice.clone()).unwrap_err();
    assert_eq!(refused.problem(), OfferProblem::OfferedTwice);
    assert_eq!(
        refused.to_string(),
        "the joined conference offers the `chat` MCU more than once"
    );
    assert_eq!(refused.into_offered(), twice);
    assert_eq!(active.mcu().uri(), &one.uri);

    for mut session in [
        AnySession::<InstantMessaging>::new(uri("sip:conf@contoso.com")),
        AnySession::from(active),
    ] {
        let before = format!("{session:?}");
        let event = Event::ConferenceJoined {
            offered: twice.clone(),
        };
        assert_eq!(
            session.apply(event.clone(), Instant::now()),
            Err(Refused::InvalidEvent {
                event,
                problem: EventProblem::McuOfferedTwice { expected: "chat" }
            })
        );
        assert_eq!(format!("{session:?}"), before);
    }
}

/// A released request a focus reconnect failed before it was polled is
/// withdrawn when the session next settles its lists; until then the
/// session must already compare and print as it will then (a mutant the
/// run on this release's changes missed).
#[test]
fn a_withdrawn_request_is_gone_from_how_a_session_compares_and_prints_before_it_settles() {
    let t0 = Instant::now();
    let lost = || {
        let mut idle = bound(Capacities::default());
        idle.queue(Operation::enable_block_all_mode(), t0).unwrap();
        idle.mcu_activated(info(), t0).focus_reconnecting()
    };
    let unsettled = lost();
    let mut settled = lost();
    assert_eq!(settled.handle_timeout(t0), 0, "settles, expires nothing");
    assert_eq!(unsettled, settled);
    assert_eq!(format!("{unsettled:?}"), format!("{settled:?}"));
    assert!(
        !format!("{unsettled:?}").contains("Request(Request"),
        "{unsettled:?}"
    );
}
