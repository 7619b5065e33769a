//! No heap allocation inside the library for a transition or an event the
//! runtime view applies, once the wire data is built: memory is allocated
//! where the wire data is decoded, not in the machine. Holding operations
//! (queued, or sent and waiting for the focus's answer) takes memory: the
//! first one a session holds allocates its lists, which are freed once
//! everything is drained; in between, requests, answers, cancels and timer
//! calls allocate nothing more.
//!
//! A counting global allocator counts the allocations made while the
//! machine runs. Counts are deterministic, so this is a test, not a timing.
//! The counters are per thread: nothing another thread allocates meanwhile
//! is counted.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Instant;

use mcu_session::conference::McuReport;
use mcu_session::{
    AdvertisedMcu, AnySession, AudioVideo, Event, InstantMessaging, InstantMessagingMcuSession,
    Joined, McuInfo, McuStatus, Operation, Reconnected, Resumed, Session,
};

use crate::common::{av, uri};

struct Counting;

// Per thread, so that what the test harness's own threads allocate meanwhile
// is never counted. Const-initialised and without destructors: reading them
// inside the allocator allocates nothing.
thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    /// Bytes this thread allocated and has not freed.
    static LIVE: Cell<isize> = const { Cell::new(0) };
    /// The most `LIVE` has been since the last `reset_peak`.
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grow(bytes: isize) {
    let live = LIVE.get() + bytes;
    LIVE.set(live);
    if live > PEAK.get() {
        PEAK.set(live);
    }
}

#[cfg_attr(
    not(feature = "serde"),
    expect(dead_code, reason = "only the decoding test reads the peak")
)]
fn reset_peak() {
    PEAK.set(LIVE.get());
}

fn size(bytes: usize) -> isize {
    isize::try_from(bytes).unwrap_or(isize::MAX)
}

fn count_allocation() {
    if COUNTING.get() {
        ALLOCATIONS.set(ALLOCATIONS.get() + 1);
    }
}

fn live() -> isize {
    LIVE.get()
}

// SAFETY: forwards every call to the system allocator unchanged; it only
// counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_allocation();
        grow(size(layout.size()));
        // SAFETY: same contract as ours.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.set(LIVE.get() - size(layout.size()));
        // SAFETY: same contract as ours.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_allocation();
        // Both blocks exist while the old one is copied.
        grow(size(new_size));
        grow(-size(layout.size()));
        // SAFETY: same contract as ours.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How many allocations `work` makes on this thread.
fn allocations<T>(work: impl FnOnce() -> T) -> (T, usize) {
    ALLOCATIONS.set(0);
    COUNTING.set(true);
    let result = work();
    COUNTING.set(false);
    (result, ALLOCATIONS.get())
}

fn chat() -> AdvertisedMcu {
    AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), Some("Chat".into()))
}

#[test]
fn the_machine_allocates_nothing_once_the_wire_data_is_built() {
    // Typed API: every transition, the join completing after activation,
    // and requests, fed wire data built beforehand.
    let offered = vec![av(), chat()];
    let late_join = vec![chat()];
    let activation = McuInfo::try_from(chat()).unwrap();
    let reactivation = McuInfo::try_from(chat()).unwrap();
    let idle = InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let unsupported = vec![av()];
    let unjoined = InstantMessagingMcuSession::new(uri("sip:other@contoso.com"));
    let ending_idle = InstantMessagingMcuSession::new(uri("sip:ending@contoso.com"));
    let ending_active = InstantMessagingMcuSession::new(uri("sip:ending@contoso.com"))
        .mcu_activated(McuInfo::try_from(chat()).unwrap(), Instant::now());
    let ending_retrying = InstantMessagingMcuSession::new(uri("sip:ending@contoso.com"))
        .mcu_activated(McuInfo::try_from(chat()).unwrap(), Instant::now())
        .mcu_failing_over();

    let (sessions, count) = allocations(move || {
        let Ok(Joined::Bound(idle)) = idle.conference_joined(offered) else {
            unreachable!()
        };
        let mut active = idle.mcu_activated(activation, std::time::Instant::now());
        active.join_completed(late_join).unwrap();
        let Resumed::NewCallNeeded(active) = active.mcu_failing_over().failover_completed() else {
            unreachable!()
        };
        let Reconnected::Active(resumed) = active
            .focus_reconnecting()
            .focus_reconnected(McuStatus::Active)
        else {
            unreachable!()
        };
        let Reconnected::Idle(idle) = resumed
            .into_session()
            .focus_reconnecting()
            .focus_reconnected(McuStatus::NotActive)
        else {
            unreachable!()
        };
        let active = idle.mcu_activated(reactivation, std::time::Instant::now());
        let Ok(Joined::Unsupported(terminated)) = unjoined.conference_joined(unsupported) else {
            unreachable!()
        };
        let ended = [
            ending_idle.conference_terminated(),     // 5a
            ending_active.conference_terminated(),   // 5b
            ending_retrying.conference_terminated(), // 5c
        ];
        (active, terminated, ended)
    });
    assert_eq!(count, 0, "typed transitions allocated");
    drop(sessions);

    // Runtime view: every documented event, in place, plus refusals.
    let events = vec![
        Event::McuFailingOver, // undocumented for Idle: refused
        Event::ConferenceJoined {
            offered: vec![chat(), av()],
        },
        Event::McuActivated { mcu: chat() },
        Event::ConferenceJoined {
            offered: vec![chat()],
        },
        Event::McuFailingOver,
        Event::McuActivated { mcu: chat() }, // undocumented for Retrying
        Event::FailoverCompleted,
        Event::FocusReconnecting,
        Event::FocusReconnected {
            mcu: McuStatus::Active,
        },
        Event::ConferenceJoined {
            offered: vec![av()],
        }, // contradicts: refused
        Event::FocusReconnecting,
        Event::FocusReconnected {
            mcu: McuStatus::NotActive,
        },
        Event::McuActivated { mcu: av() }, // another MCU type: refused
        Event::McuActivated { mcu: chat() },
    ];
    let mut session = AnySession::<InstantMessaging>::new(uri("sip:conf@contoso.com"));
    let mut other = AnySession::<AudioVideo>::new(uri("sip:other@contoso.com"));
    let terminating = Event::ConferenceJoined {
        offered: vec![chat()],
    };
    let now = Instant::now();
    let (outcomes, count) = allocations(|| {
        let mut accepted = 0;
        for event in events {
            if session.apply(event, now).is_ok() {
                accepted += 1;
            }
        }
        // Active (the last event above activated it) fails over and back,
        // and a refused one.
        for event in [
            Event::McuFailingOver,
            Event::FailoverCompleted,
            Event::FailoverCompleted,
        ] {
            if session.apply(event, now).is_ok() {
                accepted += 1;
            }
        }
        let terminated = other.apply(terminating, std::time::Instant::now()).is_ok();
        // 5b, then refused on Terminated.
        let ended = session.apply(Event::ConferenceTerminated, now).is_ok()
            && session.apply(Event::ConferenceTerminated, now).is_err();
        (accepted, terminated, ended)
    });
    assert_eq!(outcomes, (12, true, true));
    assert_eq!(count, 0, "the runtime view allocated");

    // A drained session gives its memory back: 10,000 operations queued,
    // half expired, the rest released by transition 1, every output polled
    // and dropped, and no byte more is live than before the first one.
    let capacities = mcu_session::Capacities {
        operations: 10_000,
        endpoints: 10_000,
        ..mcu_session::Capacities::default()
    };
    let Ok(Joined::Bound(mut idle)) =
        InstantMessagingMcuSession::with_capacities(uri("sip:conf@contoso.com"), capacities)
            .conference_joined([chat()])
    else {
        unreachable!()
    };
    let activation = McuInfo::try_from(chat()).unwrap();
    let start = Instant::now();
    let before = live();
    for i in 0..10_000u64 {
        let op = Operation::eject("sip:mallory@contoso.com").unwrap();
        idle.queue(op, start + std::time::Duration::from_millis(i))
            .unwrap();
    }
    let grown = live();
    assert!(grown > before, "queued operations take memory");
    // The per-entry cost the queue's documentation states: under 200 bytes
    // a waiting operation, its URI included.
    let per_operation = (grown - before) / 10_000;
    assert!(
        per_operation < 200,
        "{per_operation} bytes per queued operation"
    );
    // The timer calls of an event loop touch only what is due: with 10,000
    // waiting and none due, neither copies the queue.
    let (next, count) = allocations(|| idle.poll_timeout());
    assert_eq!((next, count), (Some(start + mcu_session::QUEUE_TIMEOUT), 0));
    let (expired, count) = allocations(|| idle.handle_timeout(start));
    assert_eq!((expired, count), (0, 0), "an idle timer check allocated");
    assert_eq!(
        idle.handle_timeout(start + std::time::Duration::from_millis(34_999)),
        5_000
    );
    let mut active =
        idle.mcu_activated(activation, start + std::time::Duration::from_millis(34_999));
    let mut outputs = 0;
    while let Some(output) = active.poll_output() {
        drop(output);
        outputs += 1;
    }
    assert_eq!(outputs, 10_000);
    // The 5,000 released are pending now; the focus answers them all.
    assert_eq!(active.pending(), 5_000);
    for id in 5_001..=10_000 {
        active
            .answer(mcu_session::Response::Success {
                id: mcu_session::RequestId::new(id),
            })
            .unwrap();
    }
    while let Some(output) = active.poll_output() {
        assert!(matches!(output, mcu_session::Output::Succeeded { .. }));
    }
    // A drained session keeps under 2 KiB for its next operation (its lists'
    // box, each map's root node, four outputs' room) and gives the rest of
    // the burst back.
    let after = live();
    assert!(
        after - before < 2048,
        "{} bytes stayed live after the drain",
        after - before
    );

    // The per-endpoint cost the capacities' documentation states: under
    // 300 bytes an attending endpoint, its URI included.
    let endpoints: Vec<mcu_session::Endpoint> = (0..10_000)
        .map(|i| mcu_session::Endpoint {
            uri: uri(&format!("sip:participant{i}@contoso.com")),
            role: mcu_session::Role::Attendee,
        })
        .collect();
    let before = live();
    let diff = active
        .attendance(mcu_session::Attendance::Refreshed(endpoints))
        .unwrap();
    drop(diff);
    let per_endpoint = (live() - before) / 10_000;
    assert!(per_endpoint < 300, "{per_endpoint} bytes per endpoint");
    drop(active);

    // Where allocation does happen: building the wire data.
    let (_, count) = allocations(|| Session::<_, InstantMessaging>::new(uri("sip:x@y.z")));
    assert!(count > 0, "the counter counts");
}

/// Decoding one event takes memory in proportion to the event: the fields
/// are decoded as they come, not buffered whole first. On this line the
/// derived, internally tagged decoder peaked at 7.4 times the line's size;
/// 3.6 is what the decoded event itself takes while its vector grows.
#[cfg(feature = "serde")]
#[test]
fn decoding_an_event_takes_memory_in_proportion_to_its_size() {
    // Short entries: the worst case for buffering, whose per-value overhead
    // is fixed.
    let entry = r#"{"mcu_type":"x","uri":"sip:x","display_text":null}"#;
    let entries = vec![entry; 20_000].join(",");
    let line = format!(r#"{{"event":"ConferenceJoined","offered":[{entries}]}}"#);
    let before = live();
    reset_peak();
    let event: Event = serde_json::from_str(&line).unwrap();
    let peak = PEAK.get() - before;
    let ratio = peak as f64 / line.len() as f64;
    assert!(
        ratio < 4.5,
        "a {} byte line peaked at {peak} bytes ({ratio:.1}x)",
        line.len()
    );
    drop(event);
}

/// A fresh roster larger than the session's capacity is refused while it
/// is decoded: the decoder never holds more than the capacity's endpoints
/// (hostile probe, finding 7: 1,000,000 endpoints peaked at 142 MB before
/// `apply` refused them as `RosterFull`).
#[cfg(feature = "serde")]
#[test]
fn decoding_a_roster_past_the_capacity_takes_memory_for_the_capacity_only() {
    use serde::de::DeserializeSeed;

    let endpoint = r#"{"uri":"sip:someone@contoso.com","role":"Attendee"}"#;
    let endpoints = vec![endpoint; 200_000].join(",");
    let line =
        format!(r#"{{"event":"Attendance","report":{{"kind":"Refreshed","data":[{endpoints}]}}}}"#);
    let capacities = mcu_session::Capacities {
        operations: 10,
        endpoints: 1_000,
        ..mcu_session::Capacities::default()
    };
    let before = live();
    reset_peak();
    let error = mcu_session::EventSeed::within(&capacities)
        .deserialize(&mut serde_json::Deserializer::from_str(&line))
        .unwrap_err();
    let peak = PEAK.get() - before;
    assert!(
        error.to_string().contains("more than 1000 endpoints"),
        "{error}"
    );
    // 1,000 endpoints at under 300 bytes each, and the vector's doubling.
    assert!(
        peak < 2 * 1_000 * 300,
        "refusing a {} byte roster peaked at {peak} bytes",
        line.len()
    );
}

/// The request lifecycle in steady state: once a session holds something
/// (its lists exist), sending, answering, failing by a focus reconnect,
/// cancelling, expiring and polling allocate nothing, in both views. A
/// drained session keeps its lists (with room for four outputs), so the
/// first operation held after a drain allocates nothing either: that is
/// counted too.
#[test]
fn the_request_lifecycle_allocates_nothing_in_steady_state() {
    use mcu_session::{Output, Response, Submitted};

    let ops = || {
        (0..8)
            .map(|_| Operation::<InstantMessaging>::eject("sip:mallory@contoso.com").unwrap())
            .collect::<Vec<_>>()
    };
    let start = Instant::now();

    // Typed: an Active session that keeps one request pending throughout,
    // its output list grown once by answers polled before counting (to the
    // four outputs' room a drained session keeps: a larger burst's room is
    // given back when the session drains, which allocates).
    let idle = InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
    // Sent an hour later, so no deadline below reaches it.
    let held = active
        .request(
            Operation::enable_block_all_mode(),
            start + std::time::Duration::from_secs(3_600),
        )
        .unwrap();
    let warm: Vec<_> = ops()
        .into_iter()
        .take(4)
        .map(|op| active.request(op, start).unwrap().id)
        .collect();
    for id in warm {
        active.answer(Response::Success { id }).unwrap();
    }
    while active.poll_output().is_some() {}
    let (ops_now, reasons) = (ops(), ["not a leader".to_owned()]);
    let (outputs, count) = allocations(|| {
        let mut ids = [mcu_session::RequestId::new(0); 4];
        let mut outputs = 0;
        let mut ops = ops_now.into_iter();
        for (id, op) in ids.iter_mut().zip(ops.by_ref()) {
            *id = active.request(op, start).unwrap().id;
        }
        let [reason] = reasons;
        active.answer(Response::Success { id: ids[0] }).unwrap();
        active
            .answer(Response::Failure { id: ids[1], reason })
            .unwrap();
        let _back = active.cancel(ids[2]).unwrap();
        let _late = active.answer(Response::Success { id: ids[2] }).unwrap_err();
        let _next = active.poll_timeout();
        // The fourth is past its answer deadline; `held` is not.
        active.handle_timeout(start + mcu_session::ANSWER_TIMEOUT);
        while let Some(output) = active.poll_output() {
            outputs += usize::from(matches!(
                output,
                Output::Succeeded { .. } | Output::Failed { .. }
            ));
        }
        // A new request, and a focus reconnect that fails it and `held`.
        let _sent = active.request(ops.next().unwrap(), start).unwrap();
        let mut retrying = active.focus_reconnecting();
        while let Some(output) = retrying.poll_output() {
            outputs += usize::from(matches!(output, Output::Failed { .. }));
        }
        (outputs, retrying)
    });
    assert_eq!(
        outputs.0, 5,
        "two answers, one expiry, two reconnect failures"
    );
    assert_eq!(count, 0, "the request lifecycle allocated");
    let _ = held;
    drop(outputs);

    // The runtime view: the same, through `submit` and `handle_timeout`.
    let mut session = AnySession::<InstantMessaging>::new(uri("sip:conf@contoso.com"));
    session
        .apply(Event::McuActivated { mcu: chat() }, start)
        .unwrap();
    let Submitted::Sent(_held) = session
        .submit(Operation::enable_block_all_mode(), start)
        .unwrap()
    else {
        unreachable!()
    };
    let warm: Vec<_> = ops()
        .into_iter()
        .map(|op| match session.submit(op, start).unwrap() {
            Submitted::Sent(request) => request.id,
            Submitted::Queued(id) => id,
        })
        .collect();
    for id in warm {
        let response = Response::Success { id };
        session.apply(Event::Response { response }, start).unwrap();
    }
    while session.poll_output().is_some() {}
    let ops_now = ops();
    // The focus's answers to the eight about to be sent (#10 to #17), as the
    // wire delivers them: built before counting.
    let answers: Vec<Event> = (10..18)
        .map(|id| Event::Response {
            response: Response::Success {
                id: mcu_session::RequestId::new(id),
            },
        })
        .collect();
    let (pending, count) = allocations(|| {
        for op in ops_now {
            let _ = session.submit(op, start).unwrap();
        }
        let sent = session.pending();
        for answer in answers {
            session.apply(answer, start).unwrap();
        }
        let mut answered = 0;
        while let Some(output) = session.poll_output() {
            answered += usize::from(matches!(output, Output::Succeeded { .. }));
        }
        (sent, answered, session.pending())
    });
    assert_eq!((pending, count), ((9, 8, 1), 0));
}

/// A pending request costs what a queued operation costs (under 200 bytes,
/// its URI included), and a session whose requests are all settled and
/// polled gives the memory back.
#[test]
fn pending_requests_take_bounded_memory_and_give_it_back() {
    use mcu_session::{Output, RequestId, Response};

    let capacities = mcu_session::Capacities {
        operations: 10_000,
        endpoints: 10,
        ..mcu_session::Capacities::default()
    };
    let idle = InstantMessagingMcuSession::with_capacities(uri("sip:conf@contoso.com"), capacities);
    let start = Instant::now();
    let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
    let before = live();
    for _ in 0..10_000 {
        let op = Operation::eject("sip:mallory@contoso.com").unwrap();
        let request = active.request(op, start).unwrap();
        drop(request);
    }
    let per_request = (live() - before) / 10_000;
    assert!(per_request < 200, "{per_request} bytes per pending request");
    let full = active
        .request(Operation::enable_block_all_mode(), start)
        .unwrap_err();
    assert_eq!(full.capacity(), 10_000);
    // Answered in reverse order, the worst case for the order they are kept in.
    for id in (1..=10_000).rev() {
        let response = Response::Success {
            id: RequestId::new(id),
        };
        active.answer(response).unwrap();
    }
    let mut succeeded = 0;
    while let Some(output) = active.poll_output() {
        succeeded += usize::from(matches!(output, Output::Succeeded { .. }));
    }
    assert_eq!(succeeded, 10_000);
    // What a drained session keeps for its next request: under 2 KiB.
    assert!(
        live() - before < 2048,
        "{} bytes stayed live",
        live() - before
    );
}

/// The commonest steady state: an application issuing an occasional
/// command, each sent, answered and polled before the next. After the
/// first round, no round allocates (it used to allocate three times: the
/// drained session freed its lists and the next request built them again).
#[test]
fn an_occasional_request_allocates_nothing_once_the_first_is_settled() {
    use mcu_session::{Response, Submitted};

    let start = Instant::now();
    let ops: Vec<_> = (0..101)
        .map(|_| Operation::<InstantMessaging>::eject("sip:mallory@contoso.com").unwrap())
        .collect();
    let mut ops = ops.into_iter();

    // Typed: request, answer, poll.
    let idle = InstantMessagingMcuSession::new(uri("sip:conf@contoso.com"));
    let mut active = idle.mcu_activated(McuInfo::try_from(chat()).unwrap(), start);
    let first = active.request(ops.next().unwrap(), start).unwrap();
    active.answer(Response::Success { id: first.id }).unwrap();
    assert!(active.poll_output().is_some());
    let round: Vec<_> = ops.by_ref().take(50).collect();
    let (_, count) = allocations(|| {
        for op in round {
            let request = active.request(op, start).unwrap();
            active.answer(Response::Success { id: request.id }).unwrap();
            assert!(active.poll_output().is_some());
            drop(request);
        }
    });
    assert_eq!(count, 0, "typed rounds allocated");

    // Runtime view: submit, the answer as an event, poll.
    let mut session = AnySession::from(active);
    let round: Vec<_> = ops.take(50).collect();
    let answers: Vec<Event> = (0..50u64)
        .map(|i| Event::Response {
            response: Response::Success {
                id: mcu_session::RequestId::new(52 + i),
            },
        })
        .collect();
    let (_, count) = allocations(|| {
        for (op, answer) in round.into_iter().zip(answers) {
            let Submitted::Sent(request) = session.submit(op, start).unwrap() else {
                unreachable!()
            };
            session.apply(answer, start).unwrap();
            assert!(session.poll_output().is_some());
            drop(request);
        }
    });
    assert_eq!(count, 0, "runtime rounds allocated");
}

/// The same on a bound Idle session: queue, release by transition 1,
/// answer, poll, then back to Idle (3a, 4c) for the next round.
#[test]
fn a_queued_operation_released_answered_and_polled_allocates_nothing_after_the_first() {
    use mcu_session::Response;

    let start = Instant::now();
    let Ok(Joined::Bound(mut idle)) =
        InstantMessagingMcuSession::new(uri("sip:conf@contoso.com")).conference_joined([chat()])
    else {
        unreachable!()
    };
    let round = |idle: InstantMessagingMcuSession<mcu_session::Idle>,
                 op: Operation<InstantMessaging>,
                 mcu: McuInfo<InstantMessaging>| {
        let mut idle = idle;
        let id = idle.queue(op, start).unwrap();
        let mut active = idle.mcu_activated(mcu, start);
        assert!(active.poll_output().is_some(), "the released request");
        active.answer(Response::Success { id }).unwrap();
        assert!(active.poll_output().is_some(), "its answer");
        let Reconnected::Idle(idle) = active
            .mcu_failing_over()
            .focus_reconnected(McuStatus::NotActive)
        else {
            unreachable!()
        };
        idle
    };
    let op = || Operation::<InstantMessaging>::eject("sip:mallory@contoso.com").unwrap();
    let mcu = || McuInfo::try_from(chat()).unwrap();
    idle = round(idle, op(), mcu());
    let inputs: Vec<_> = (0..50).map(|_| (op(), mcu())).collect();
    let (_, count) = allocations(|| {
        for (op, mcu) in inputs {
            idle = round(idle, op, mcu);
        }
    });
    assert_eq!(count, 0, "queue, release, answer, poll allocated");
}

/// A Connected conference whose instant messaging and audio/video
/// sessions are Active.
fn connected_conference() -> mcu_session::ConferenceSession<mcu_session::conference::Connected> {
    use mcu_session::{AudioVideoMcuSession, ConferenceSession};

    let focus = uri("sip:conf@contoso.com");
    let mut conference = ConferenceSession::new(focus.clone());
    conference
        .attach(InstantMessagingMcuSession::new(focus.clone()))
        .unwrap();
    conference.attach(AudioVideoMcuSession::new(focus)).unwrap();
    let mut connected = conference.join().joined([chat(), av()]).unwrap();
    let now = Instant::now();
    connected
        .mcu_event::<InstantMessaging>(McuReport::activated(chat()).unwrap(), now)
        .unwrap();
    connected
        .mcu_event::<AudioVideo>(McuReport::activated(av()).unwrap(), now)
        .unwrap();
    connected
}

/// The conference's steady state: focus failovers and reconnections (3b and
/// 4b on both MCU sessions, each time failing a conference command and an
/// MCU request pending), MCU failovers reported per MCU, and a command and
/// an operation sent, answered and polled, through both views, allocate
/// nothing once the first round has been through.
#[test]
fn a_conference_in_steady_state_allocates_nothing() {
    use mcu_session::conference::{McuStatuses, Reconnection};
    use mcu_session::{
        AnyConference, ConferenceCommand, ConferenceEffect, ConferenceEvent,
        ConferenceSessionState, Response, Submitted,
    };

    let start = Instant::now();
    let both = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::Active,
    };
    let op = || Operation::<InstantMessaging>::eject("sip:mallory@contoso.com").unwrap();

    // Typed: a command and an operation pending when the focus fails over,
    // failed by it; the reconnection; a command answered.
    let round = |connected: mcu_session::ConferenceSession<mcu_session::conference::Connected>,
                 op: Operation<InstantMessaging>| {
        let mut connected = connected;
        connected
            .command(ConferenceCommand::LockConference, start)
            .unwrap();
        let sent = connected.submit::<InstantMessaging>(op, start).unwrap();
        assert!(matches!(sent, Submitted::Sent(_)));
        let reconnecting = connected.reconnecting();
        let (mut connected, _changes) = reconnecting.reconnected_to_conference(both);
        assert!(
            connected.poll_command_output().is_some(),
            "the failed command"
        );
        assert!(
            connected.poll_output::<InstantMessaging>().is_some(),
            "the failed operation"
        );
        let request = connected
            .command(ConferenceCommand::UnlockConference, start)
            .unwrap();
        connected
            .answer(Response::Success { id: request.id })
            .unwrap();
        assert!(connected.poll_command_output().is_some(), "its answer");
        connected
    };
    let mut connected = round(connected_conference(), op());
    let ops: Vec<_> = (0..50).map(|_| op()).collect();
    let (connected, count) = allocations(|| {
        for op in ops {
            connected = round(connected, op);
        }
        connected
    });
    assert_eq!(count, 0, "typed rounds allocated");

    // Runtime: the same through apply and mcu_event, with an
    // operation sent, answered (as an event) and polled each round.
    let mut any = AnyConference::from(connected);
    let ops: Vec<_> = (0..100).map(|_| op()).collect();
    let (_, count) = allocations(|| {
        let mut ops = ops.into_iter();
        while let (Some(answered), Some(failed)) = (ops.next(), ops.next()) {
            let Ok(Submitted::Sent(request)) = any.submit::<InstantMessaging>(answered, start)
            else {
                unreachable!()
            };
            let answer = McuReport::Response(Response::Success { id: request.id });
            any.mcu_event::<InstantMessaging>(answer, start).unwrap();
            assert!(
                any.poll_output::<InstantMessaging>().is_some(),
                "its answer"
            );
            any.command(ConferenceCommand::LockConference, start)
                .unwrap();
            let sent = any.submit::<InstantMessaging>(failed, start).unwrap();
            assert!(matches!(sent, Submitted::Sent(_)));
            let lost = any.apply(ConferenceEvent::FocusFailover).unwrap();
            assert!(matches!(lost, ConferenceEffect::Changed(_)));
            let back = any
                .apply(ConferenceEvent::Reconnected(Reconnection::Conference(both)))
                .unwrap();
            assert!(matches!(back, ConferenceEffect::Reconnected(..)));
            let _ = any.apply(ConferenceEvent::FocusFailover).unwrap();
            let _ = any
                .apply(ConferenceEvent::Reconnected(Reconnection::Conference(both)))
                .unwrap();
            any.mcu_event::<AudioVideo>(McuReport::FailingOver, start)
                .unwrap();
            any.mcu_event::<AudioVideo>(McuReport::FailoverCompleted, start)
                .unwrap();
            assert!(any.poll_command_output().is_some(), "the failed command");
            assert!(
                any.poll_output::<InstantMessaging>().is_some(),
                "the failed operation"
            );
            assert_eq!(any.state(), ConferenceSessionState::Connected);
        }
    });
    assert_eq!(count, 0, "runtime rounds allocated");
}

/// The client in steady state: operations and commands sent, transmitted
/// into its one buffer, answered and settled, others cancelled and expired,
/// events and timers polled. It allocates nothing of its own: a round
/// allocates exactly what decoding its two response bodies allocates
/// (`wire::c3p::decode_response`, counted alone on the same bodies).
#[cfg(feature = "xml")]
#[test]
fn the_client_allocates_nothing_beyond_decoding_the_bodies() {
    use crate::client::{answer, connected_client, request_id};
    use mcu_session::ConferenceCommand;
    use mcu_session::wire::c3p;

    let start = Instant::now();
    let mut client = connected_client(start);
    let op = || Operation::<InstantMessaging>::eject("sip:mallory@contoso.com").unwrap();
    // One round, to grow the queues and the buffer; `wire` is the
    // requestId an eject and a lock go out under.
    let round = |client: &mut mcu_session::client::Client,
                 ops: &mut dyn Iterator<Item = Operation<InstantMessaging>>,
                 answers: &mut dyn Iterator<Item = (String, String)>,
                 now: Instant| {
        let id = client.submit(ops.next().unwrap(), now).unwrap();
        let eject = client.poll_transmit().map(|t| (t.id, request_id(t.body)));
        let lock = client
            .command(ConferenceCommand::LockConference, now)
            .unwrap();
        let locked = client.poll_transmit().map(|t| (t.id, request_id(t.body)));
        assert_eq!(eject.map(|(got, _)| got), Some(id));
        assert_eq!(locked.map(|(got, _)| got), Some(lock));
        let (eject_answer, lock_answer) = answers.next().unwrap();
        client.handle_response(&eject_answer, now).unwrap();
        client.handle_response(&lock_answer, now).unwrap();
        // One cancelled before it is sent, one left to expire.
        let cancelled = client.submit(ops.next().unwrap(), now).unwrap();
        client.cancel::<InstantMessaging>(cancelled).unwrap();
        let _expires = client
            .command(ConferenceCommand::UnlockConference, now)
            .unwrap();
        while client.poll_transmit().is_some() {}
        let _next = client.poll_timeout();
        client.handle_timeout(now + mcu_session::ANSWER_TIMEOUT);
        let mut settled = 0;
        while let Some(event) = client.poll_event() {
            settled += usize::from(matches!(
                event,
                mcu_session::client::ClientEvent::InstantMessagingOperation(_)
                    | mcu_session::client::ClientEvent::Command(_)
            ));
        }
        assert_eq!(settled, 3, "the eject, the lock, the unlock's expiry");
        (eject.map(|(_, wire)| wire), locked.map(|(_, wire)| wire))
    };
    // The wire's ids go on by one channel step a round: eject #n is
    // 3n + 1, lock #m is 3m; answers are built before counting.
    let mut warm_ops = (0..2).map(|_| op());
    let mut warm_answers = std::iter::once((answer(4, true), answer(3, true)));
    let (eject, lock) = round(&mut client, &mut warm_ops, &mut warm_answers, start);
    assert_eq!((eject, lock), (Some(4), Some(3)));
    let rounds = 20_u64;
    let answers: Vec<(String, String)> = (1..=rounds)
        .map(|n| (answer(4 + 6 * n, true), answer(3 + 6 * n, true)))
        .collect();
    let decoding: Vec<(String, String)> = answers.clone();
    let (_, decoded) = allocations(|| {
        for (eject, lock) in &decoding {
            let _ = c3p::decode_response(eject).unwrap();
            let _ = c3p::decode_response(lock).unwrap();
        }
    });
    let ops: Vec<_> = (0..2 * rounds).map(|_| op()).collect();
    let (_, count) = allocations(|| {
        let mut ops = ops.into_iter();
        let mut answers = answers.into_iter();
        for n in 1..=rounds {
            let now = start + std::time::Duration::from_secs(n);
            round(&mut client, &mut ops, &mut answers, now);
        }
    });
    assert_eq!(
        count, decoded,
        "the client allocated beyond decoding ({decoded} for the bodies)"
    );
}
