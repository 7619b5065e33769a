//! What each fuzz target does with its input, as plain functions: the
//! targets in `fuzz/fuzz_targets/` (cargo-fuzz, nightly) call them, and the
//! ordinary test suite (`tests/it/fuzz_corpus.rs`, stable) replays every corpus
//! file through them, so a corpus entry that starts failing fails CI.
//!
//! Each function panics exactly when a property the crate promises is
//! broken; everything else, however hostile the input, must return.
//! Whoever includes this file also includes `examples/replay/trace.rs` as
//! `crate::trace`.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use arbitrary::{Arbitrary, Unstructured};
use mcu_session::{
    Active, AdvertisedMcu, AnySession, Attendance, AttendanceProblem, AudioVideo, Capacities,
    Effect, Endpoint, Event, EventProblem, Idle, InstantMessaging, Joined, McuInfo, McuStatus,
    Operation, Output, Reconnected, Refused, RequestId, Response, Retrying, Role, Session,
    StateChanged, Submitted, Terminated, TerminationReason, Uri,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Every wire value's decoder: whatever decodes must encode, and decode
/// again to the same value.
pub fn wire(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    round_trip::<Event>(text);
    round_trip::<StateChanged>(text);
    round_trip::<TerminationReason>(text);
    round_trip::<McuInfo<InstantMessaging>>(text);
    round_trip::<McuInfo<AudioVideo>>(text);
    round_trip::<AdvertisedMcu>(text);
    round_trip::<Attendance>(text);
    round_trip::<Response>(text);
    round_trip::<Uri>(text);
}

fn round_trip<T: Serialize + DeserializeOwned + PartialEq + core::fmt::Debug>(text: &str) {
    if let Ok(value) = serde_json::from_str::<T>(text) {
        let encoded = serde_json::to_string(&value).expect("a decoded value encodes");
        let again: T = serde_json::from_str(&encoded).expect("an encoded value decodes");
        assert_eq!(again, value, "{encoded}");
    }
}

/// `Uri::parse` and `Uri::same_endpoint`: a parsed URI prints as it was
/// given and parses again; the comparison is reflexive and symmetric, and
/// case in the scheme and host never matters.
pub fn uri(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (left, right) = text.split_once('\n').unwrap_or((text, text));
    let parsed: Vec<Uri> = [left, right]
        .into_iter()
        .filter_map(|text| {
            let uri = Uri::parse(text).ok()?;
            assert_eq!(uri.as_str(), text);
            assert_eq!(Uri::parse(uri.as_str()).as_ref(), Ok(&uri));
            assert!(uri.same_endpoint(&uri), "{uri} is not itself");
            Some(uri)
        })
        .collect();
    if let [a, b] = parsed.as_slice() {
        assert_eq!(a.same_endpoint(b), b.same_endpoint(a), "{a} and {b}");
    }
    if let Some(a) = parsed.first() {
        if let Some((scheme, rest)) = a.as_str().split_once(':') {
            let upper = Uri::parse(format!("{}:{rest}", scheme.to_ascii_uppercase()));
            if let Ok(upper) = upper {
                assert!(a.same_endpoint(&upper), "{a} and {upper}");
            }
        }
    }
}

/// The replay tool's line handling: any byte stream is a report or an
/// error, never a panic, and nothing it prints holds a control character
/// other than its own line ends.
pub fn replay(data: &[u8]) {
    let mut out = Vec::new();
    let result = crate::trace::replay(data, &mut out);
    let printed = String::from_utf8(out).expect("the report is UTF-8");
    let error = result
        .err()
        .map(|error| error.to_string())
        .unwrap_or_default();
    for text in [printed.as_str(), error.as_str()] {
        assert!(
            !text.chars().any(|c| c.is_control() && c != '\n'),
            "{text:?}"
        );
    }
    assert!(!error.contains('\n'), "{error:?}");
}

/// One thing that happens to a session, as a fuzzer's bytes choose it.
#[derive(Debug, Arbitrary)]
enum Step {
    Joined(Offer),
    Activated(bool),
    McuFailingOver,
    FocusReconnecting,
    FailoverCompleted,
    FocusReconnected(bool),
    Terminated,
    Joins(u8, bool),
    Leaves(u8),
    Refreshed(Vec<(u8, bool)>),
    Answer(u8, bool),
    Submit(u8),
    Cancel(u8),
    /// The clock moves on, or back, by this many seconds.
    Clock(i16),
    Timeout,
    Poll,
}

#[derive(Debug, Arbitrary)]
enum Offer {
    Nothing,
    Ours,
    Other,
    Both,
    OursTwice,
}

const CAPACITIES: Capacities = Capacities {
    operations: 4,
    endpoints: 3,
    offers: 4,
};

fn uri_of(text: &str) -> Uri {
    Uri::parse(text).expect("a fixed URI parses")
}

fn chat() -> AdvertisedMcu {
    AdvertisedMcu::of::<InstantMessaging>(uri_of("sip:conf@contoso.com;chat"), None)
}

fn av() -> AdvertisedMcu {
    AdvertisedMcu::of::<AudioVideo>(uri_of("sip:conf@contoso.com;av"), None)
}

fn endpoint(n: u8, presenter: bool) -> Endpoint {
    Endpoint {
        uri: uri_of(&format!("sip:p{}@contoso.com", n % 5)),
        role: if presenter {
            Role::Presenter
        } else {
            Role::Attendee
        },
    }
}

fn operation(choice: u8) -> Operation<InstantMessaging> {
    match choice % 3 {
        0 => Operation::eject("sip:p1@contoso.com").expect("a SIP URI"),
        1 => Operation::dial_out("tel:+14255550100").expect("a tel URI"),
        _ => Operation::enable_block_all_mode(),
    }
}

impl Step {
    /// The focus's report this step stands for, if it is one.
    fn event(&self) -> Option<Event> {
        Some(match self {
            Self::Joined(offer) => Event::ConferenceJoined {
                offered: match offer {
                    Offer::Nothing => vec![],
                    Offer::Ours => vec![chat()],
                    Offer::Other => vec![av()],
                    Offer::Both => vec![av(), chat()],
                    Offer::OursTwice => vec![chat(), chat()],
                },
            },
            Self::Activated(ours) => Event::McuActivated {
                mcu: if *ours { chat() } else { av() },
            },
            Self::McuFailingOver => Event::McuFailingOver,
            Self::FocusReconnecting => Event::FocusReconnecting,
            Self::FailoverCompleted => Event::FailoverCompleted,
            Self::FocusReconnected(active) => Event::FocusReconnected {
                mcu: if *active {
                    McuStatus::Active
                } else {
                    McuStatus::NotActive
                },
            },
            Self::Terminated => Event::ConferenceTerminated,
            Self::Joins(n, presenter) => Event::Attendance {
                report: Attendance::Joined(endpoint(*n, *presenter)),
            },
            Self::Leaves(n) => Event::Attendance {
                report: Attendance::Left(endpoint(*n, false).uri),
            },
            Self::Refreshed(list) => Event::Attendance {
                report: Attendance::Refreshed(list.iter().map(|&(n, p)| endpoint(n, p)).collect()),
            },
            Self::Answer(id, success) => Event::Response {
                response: answer(*id, *success),
            },
            Self::Submit(_) | Self::Cancel(_) | Self::Clock(_) | Self::Timeout | Self::Poll => {
                return None;
            }
        })
    }
}

fn answer(id: u8, success: bool) -> Response {
    let id = RequestId::new(u64::from(id % 8) + 1);
    if success {
        Response::Success { id }
    } else {
        Response::Failure {
            id,
            reason: "refused".to_owned(),
        }
    }
}

/// The typed twin: the same session through the typed API, in the state the
/// runtime view says it is in.
enum Typed {
    Idle(Session<Idle, InstantMessaging>),
    Active(Session<Active, InstantMessaging>),
    Retrying(Session<Retrying, InstantMessaging>),
    Terminated(Session<Terminated, InstantMessaging>),
}

impl Typed {
    fn into_any(self) -> AnySession<InstantMessaging> {
        match self {
            Self::Idle(session) => session.into(),
            Self::Active(session) => session.into(),
            Self::Retrying(session) => session.into(),
            Self::Terminated(session) => session.into(),
        }
    }

    /// The typed transition for `step`, when the typed API has one in this
    /// state: the typed session after it, or `Err` with the session
    /// unchanged when the step has no method here (the runtime view must
    /// then refuse it) or the wire data does not fit (refused too).
    fn apply(self, step: &Step, now: Instant) -> Result<Self, Self> {
        match (self, step) {
            (Self::Idle(idle), Step::Joined(_)) => {
                let Some(Event::ConferenceJoined { offered }) = step.event() else {
                    unreachable!()
                };
                match idle.conference_joined(offered) {
                    Ok(Joined::Bound(idle)) => Ok(Self::Idle(idle)),
                    Ok(Joined::Unsupported(ended)) => Ok(Self::Terminated(ended)),
                    Err(refused) => Err(Self::Idle(refused.into_parts().0)),
                }
            }
            (Self::Active(mut active), Step::Joined(_)) => {
                let Some(Event::ConferenceJoined { offered }) = step.event() else {
                    unreachable!()
                };
                match active.join_completed(offered) {
                    Ok(()) => Ok(Self::Active(active)),
                    Err(_) => Err(Self::Active(active)),
                }
            }
            (Self::Idle(idle), Step::Activated(true)) => Ok(Self::Active(
                idle.mcu_activated(McuInfo::try_from(chat()).expect("chat"), now),
            )),
            (Self::Active(active), Step::McuFailingOver) => {
                Ok(Self::Retrying(active.mcu_failing_over()))
            }
            (Self::Active(active), Step::FocusReconnecting) => {
                Ok(Self::Retrying(active.focus_reconnecting()))
            }
            (Self::Retrying(retrying), Step::FailoverCompleted) => {
                Ok(Self::Active(retrying.failover_completed().into_session()))
            }
            (Self::Retrying(retrying), Step::FocusReconnected(active)) => {
                let status = if *active {
                    McuStatus::Active
                } else {
                    McuStatus::NotActive
                };
                Ok(match retrying.focus_reconnected(status) {
                    Reconnected::Active(resumed) => Self::Active(resumed.into_session()),
                    Reconnected::Idle(idle) => Self::Idle(idle),
                })
            }
            (Self::Idle(idle), Step::Terminated) => {
                Ok(Self::Terminated(idle.conference_terminated()))
            }
            (Self::Active(active), Step::Terminated) => {
                Ok(Self::Terminated(active.conference_terminated()))
            }
            (Self::Retrying(retrying), Step::Terminated) => {
                Ok(Self::Terminated(retrying.conference_terminated()))
            }
            (Self::Idle(mut idle), Step::Joins(..) | Step::Leaves(_) | Step::Refreshed(_)) => {
                let Some(Event::Attendance { report }) = step.event() else {
                    unreachable!()
                };
                match idle.attendance(report) {
                    Ok(_) => Ok(Self::Idle(idle)),
                    Err(_) => Err(Self::Idle(idle)),
                }
            }
            (Self::Active(mut active), Step::Joins(..) | Step::Leaves(_) | Step::Refreshed(_)) => {
                let Some(Event::Attendance { report }) = step.event() else {
                    unreachable!()
                };
                match active.attendance(report) {
                    Ok(_) => Ok(Self::Active(active)),
                    Err(_) => Err(Self::Active(active)),
                }
            }
            (Self::Active(mut active), Step::Answer(id, success)) => {
                match active.answer(answer(*id, *success)) {
                    Ok(()) => Ok(Self::Active(active)),
                    Err(_) => Err(Self::Active(active)),
                }
            }
            (Self::Retrying(mut retrying), Step::Answer(id, success)) => {
                match retrying.answer(answer(*id, *success)) {
                    Ok(()) => Ok(Self::Retrying(retrying)),
                    Err(_) => Err(Self::Retrying(retrying)),
                }
            }
            (typed, _) => Err(typed),
        }
    }
}

impl Typed {
    /// Submits `operation` through the typed API: queued when Idle, sent
    /// when Active; `None` where no state method takes operations.
    fn submit(
        &mut self,
        operation: Operation<InstantMessaging>,
        now: Instant,
    ) -> Option<Result<RequestId, Operation<InstantMessaging>>> {
        Some(match self {
            Self::Idle(idle) => idle.queue(operation, now).map_err(|e| e.into_operation()),
            Self::Active(active) => active
                .request(operation, now)
                .map(|request| request.id)
                .map_err(|e| e.into_operation()),
            Self::Retrying(_) | Self::Terminated(_) => return None,
        })
    }

    /// `cancel`, where the state has it.
    fn cancel(&mut self, id: RequestId) -> Option<Result<Operation<InstantMessaging>, RequestId>> {
        Some(match self {
            Self::Idle(idle) => idle.cancel(id).map_err(|e| e.id()),
            Self::Active(active) => active.cancel(id).map_err(|e| e.id()),
            Self::Retrying(retrying) => retrying.cancel(id).map_err(|e| e.id()),
            Self::Terminated(_) => return None,
        })
    }

    /// `handle_timeout`, where the state has it.
    fn handle_timeout(&mut self, now: Instant) -> Option<usize> {
        Some(match self {
            Self::Idle(idle) => idle.handle_timeout(now),
            Self::Active(active) => active.handle_timeout(now),
            Self::Retrying(retrying) => retrying.handle_timeout(now),
            Self::Terminated(_) => return None,
        })
    }

    fn poll_output(&mut self) -> Option<Output<InstantMessaging>> {
        match self {
            Self::Idle(idle) => idle.poll_output(),
            Self::Active(active) => active.poll_output(),
            Self::Retrying(retrying) => retrying.poll_output(),
            Self::Terminated(terminated) => terminated.poll_output(),
        }
    }
}

/// Arbitrary sequences of events, operations, answers, cancels and clock
/// moves (backwards too) through the runtime view and its typed twin. The
/// properties of the model check: no panic; a refused event comes back
/// unchanged and leaves the session as the twin (which never saw it); both
/// views agree after every step; every operation accepted comes out settled
/// exactly once; the outputs never exceed what the capacities allow.
pub fn session(data: &[u8]) {
    let mut input = Unstructured::new(data);
    let Ok(steps) = Vec::<Step>::arbitrary(&mut input) else {
        return;
    };
    let conference = uri_of("sip:conf@contoso.com");
    let mut any = AnySession::<InstantMessaging>::with_capacities(conference.clone(), CAPACITIES);
    let mut typed = Some(Typed::Idle(Session::with_capacities(
        conference, CAPACITIES,
    )));
    let mut now = Instant::now() + Duration::from_secs(1 << 20);
    // The latest the clock has been: every deadline is before this plus
    // the longest timeout, whatever the clock did since.
    let mut latest = now;
    let mut accepted: Vec<RequestId> = Vec::new();
    let mut settled: BTreeMap<RequestId, u32> = BTreeMap::new();
    for step in steps.iter().take(256) {
        let mut twin = typed.take().expect("twin");
        match step {
            Step::Submit(choice) => {
                let op = operation(*choice);
                let got = any.submit(op.clone(), now);
                match (got, twin.submit(op.clone(), now)) {
                    (Ok(Submitted::Sent(request)), Some(Ok(id))) if request.id == id => {
                        accepted.push(id);
                    }
                    (Ok(Submitted::Queued(id)), Some(Ok(typed))) if id == typed => {
                        accepted.push(id);
                    }
                    (Err(refused), Some(Err(back))) => {
                        assert_eq!(back, op);
                        assert_eq!(refused.into_operation(), op);
                    }
                    (Err(refused), None) => assert_eq!(refused.into_operation(), op),
                    (got, typed) => panic!("submit: {got:?}, typed {typed:?}"),
                }
            }
            Step::Cancel(id) => {
                let id = RequestId::new(u64::from(id % 8) + 1);
                let got = any.cancel(id);
                match (&got, twin.cancel(id)) {
                    (Ok(op), Some(Ok(typed))) => assert_eq!(op, &typed),
                    (Err(not_held), Some(Err(typed))) => assert_eq!(not_held.id(), typed),
                    (Err(_), None) => {}
                    (got, typed) => panic!("cancel {id}: {got:?}, typed {typed:?}"),
                }
                if got.is_ok() {
                    *settled.entry(id).or_default() += 1;
                }
            }
            Step::Clock(seconds) => {
                let by = Duration::from_secs(u64::from(seconds.unsigned_abs()));
                now = if *seconds < 0 {
                    now.checked_sub(by).unwrap_or(now)
                } else {
                    now + by
                };
                latest = latest.max(now);
            }
            Step::Timeout => {
                let expired = any.handle_timeout(now);
                assert_eq!(twin.handle_timeout(now).unwrap_or(0), expired);
            }
            Step::Poll => {
                let mut outputs = 0;
                while let Some(output) = any.poll_output() {
                    assert_eq!(Some(&output), twin.poll_output().as_ref());
                    settle(&output, &mut settled);
                    outputs += 1;
                }
                assert_eq!(twin.poll_output(), None);
                // Released requests and settled operations, each at most
                // the capacity.
                assert!(
                    outputs <= 2 * CAPACITIES.operations as usize,
                    "{outputs} outputs"
                );
            }
            _ => {
                let event = step.event().expect("the other steps are events");
                let state = any.state();
                let before = twin.into_any();
                match any.apply(event.clone(), now) {
                    Ok(effect) => {
                        let Ok(next) = typed_of(before).apply(step, now) else {
                            panic!(
                                "{step:?} in {state}: the runtime view accepted ({effect:?}), the typed API has no such transition"
                            )
                        };
                        if let Effect::StateChanged(change) = effect {
                            assert_eq!((change.from(), change.to()), (state, any.state()));
                        }
                        twin = next;
                    }
                    Err(refused) => {
                        assert_eq!(refused.event(), &event, "handed back unchanged");
                        assert_eq!(
                            any, before,
                            "{step:?} refused in {state} changed the session"
                        );
                        if let Refused::InvalidEvent {
                            problem:
                                EventProblem::Attendance(AttendanceProblem::RosterFull { capacity }),
                            ..
                        } = &refused
                        {
                            assert_eq!(*capacity, CAPACITIES.endpoints as usize);
                        }
                        let Err(back) = typed_of(before).apply(step, now) else {
                            panic!(
                                "{step:?} in {state}: the typed API accepted what the runtime view refused"
                            )
                        };
                        twin = back;
                    }
                }
            }
        }
        let back = twin.into_any();
        assert_eq!(back, any, "{step:?}: the views disagree");
        typed = Some(typed_of(back));
    }
    // Every accepted operation comes out settled exactly once, once the
    // clock has passed every deadline or the session has ended.
    any.handle_timeout(latest + Duration::from_secs(3600));
    while let Some(output) = any.poll_output() {
        settle(&output, &mut settled);
    }
    assert_eq!((any.queued(), any.pending()), (0, 0));
    for id in &accepted {
        assert_eq!(settled.get(id), Some(&1), "operation {id}: {settled:?}");
    }
    assert_eq!(
        settled.len(),
        accepted.len(),
        "{settled:?} against {accepted:?}"
    );
}

/// Counts an output that settles an operation (all but a released request).
fn settle(output: &Output<InstantMessaging>, settled: &mut BTreeMap<RequestId, u32>) {
    if !matches!(output, Output::Request(_)) {
        *settled.entry(output.id()).or_default() += 1;
    }
}

/// The typed session an `AnySession` holds, by its state.
fn typed_of(any: AnySession<InstantMessaging>) -> Typed {
    let any = match Session::<Idle, InstantMessaging>::try_from(any) {
        Ok(idle) => return Typed::Idle(idle),
        Err(wrong) => wrong.into_session(),
    };
    let any = match Session::<Active, InstantMessaging>::try_from(any) {
        Ok(active) => return Typed::Active(active),
        Err(wrong) => wrong.into_session(),
    };
    let any = match Session::<Retrying, InstantMessaging>::try_from(any) {
        Ok(retrying) => return Typed::Retrying(retrying),
        Err(wrong) => wrong.into_session(),
    };
    match Session::<Terminated, InstantMessaging>::try_from(any) {
        Ok(terminated) => Typed::Terminated(terminated),
        Err(wrong) => unreachable!("a session is in one of four states: {wrong}"),
    }
}

/// C3P in and out. A response body decodes or is refused, never panics; a
/// failure's reason is the body's own child element, verbatim. The first
/// line, as a participant's URI, goes out in an eject's `deleteUser`, and
/// a namespace-aware reader reads it back unchanged: whatever the URI
/// holds, the body stays well-formed.
pub fn c3p(data: &[u8]) {
    use mcu_session::wire::c3p;

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(answer) = c3p::decode_response(text) {
        if let Response::Failure { reason, .. } = answer.response() {
            assert!(
                text.contains(reason.as_str()),
                "{reason:?} is not the body's"
            );
        }
    }
    let line = text.lines().next().unwrap_or_default();
    let Ok(participant) = Uri::parse(line) else {
        return;
    };
    let focus = uri_of("sip:conf@contoso.com");
    let chat = McuInfo::<InstantMessaging>::new(uri_of("sip:conf@contoso.com;chat"), None);
    let now = Instant::now();
    let mut active = Session::<Idle, InstantMessaging>::new(focus).mcu_activated(chat.clone(), now);
    let Ok(eject) = Operation::<InstantMessaging>::eject(participant.as_str()) else {
        return;
    };
    let request = active.request(eject, now).expect("an Active session sends");
    let body = c3p::operation_request(&request, &chat, &participant).expect("an eject has a form");
    let mut reader = quick_xml::reader::NsReader::from_str(&body);
    let mut seen = 0;
    loop {
        match reader.read_event().expect("the body is well-formed") {
            quick_xml::events::Event::Empty(element)
                if element.local_name().as_ref() == b"userKeys" =>
            {
                for attribute in element.attributes() {
                    let attribute = attribute.expect("well-formed attributes");
                    if attribute.key.as_ref() == b"userEntity" {
                        let value = attribute.unescape_value().expect("escaped");
                        assert_eq!(value, participant.as_str());
                        seen += 1;
                    }
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(seen, 1, "{body}");
}

/// RFC 4575 documents, separated by NUL bytes (one after `!` starting a
/// new subscription), applied in turn to one conference's state
/// (capacity 50 users): a refused document, a stale one
/// or one that asks for the full state changes nothing; an applied one
/// changes the roster by exactly its diff, within the capacity, and moves
/// the version forward, and each MCU's roster by exactly its reports; an
/// ended conference holds nobody and offers nothing.
pub fn conference_info(data: &[u8]) {
    use mcu_session::wire::conference_info::{ConferenceInfo, Notification};

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let capacities = Capacities {
        operations: 1,
        endpoints: 50,
        offers: 8,
    };
    let mut state = ConferenceInfo::new(uri_of("sips:conf233@example.com"), capacities);
    for document in text.split('\0') {
        // A document after `!` is the first of a new subscription.
        let document = match document.strip_prefix('!') {
            Some(first) => {
                state.new_subscription();
                first
            }
            None => document,
        };
        let before = state.clone();
        let held: Vec<Endpoint> = before.roster().cloned().collect();
        match state.apply(document) {
            Err(_) | Ok(Notification::Stale { .. }) | Ok(Notification::NeedsFullState { .. }) => {
                assert_eq!(state, before, "nothing changes");
            }
            Ok(Notification::Ended { left, .. }) => {
                assert_eq!(left, held);
                assert_eq!(state.roster().count(), 0);
                assert!(state.offered().is_empty());
            }
            Ok(Notification::Applied {
                version,
                diff,
                mcus,
            }) => {
                mcu_rosters_follow_their_reports(&before, &state, &mcus);
                assert!(before.version().is_none_or(|old| old < version));
                assert_eq!(state.version(), Some(version));
                let now: Vec<Endpoint> = state.roster().cloned().collect();
                assert!(now.len() <= 50);
                let same =
                    |a: &Endpoint, b: &Endpoint| a.uri.same_endpoint(&b.uri) && a.role == b.role;
                for left in &diff.left {
                    assert!(
                        held.iter().any(|held| same(held, left)),
                        "{left:?} was not there"
                    );
                    assert!(
                        !now.iter().any(|now| same(now, left)),
                        "{left:?} is still there"
                    );
                }
                for joined in &diff.joined {
                    assert!(
                        now.iter().any(|now| same(now, joined)),
                        "{joined:?} is not there"
                    );
                    assert!(
                        !held.iter().any(|held| same(held, joined)),
                        "{joined:?} was there"
                    );
                }
                assert_eq!(now.len() + diff.left.len(), held.len() + diff.joined.len());
            }
            Ok(other) => panic!("unknown notification {other:?}"),
        }
    }
}

/// Each MCU's roster in `after` is its roster in `before` with the
/// document's reports for it applied, as its session applies them: a
/// fresh roster replaces, a join adds someone absent, a leave removes
/// someone present. An MCU without reports did not change.
fn mcu_rosters_follow_their_reports(
    before: &mcu_session::wire::conference_info::ConferenceInfo,
    after: &mcu_session::wire::conference_info::ConferenceInfo,
    mcus: &mcu_session::wire::conference_info::McuReports,
) {
    use mcu_session::Attendance;

    let mut types: Vec<String> = Vec::new();
    for state in [before, after] {
        for user in state.roster() {
            types.extend(state.endpoints(&user.uri).map(|e| e.mcu_type.to_owned()));
        }
    }
    types.extend(mcus.iter().map(|(mcu_type, _)| mcu_type.to_owned()));
    types.sort();
    types.dedup();
    for mcu_type in &types {
        let mut roster: Vec<Endpoint> = before.mcu_roster(mcu_type).cloned().collect();
        for report in mcus.get(mcu_type) {
            match report {
                Attendance::Refreshed(fresh) => roster = fresh.clone(),
                Attendance::Joined(endpoint) => {
                    assert!(
                        !roster
                            .iter()
                            .any(|held| held.uri.same_endpoint(&endpoint.uri))
                    );
                    roster.push(endpoint.clone());
                }
                Attendance::Left(uri) => {
                    let at = roster
                        .iter()
                        .position(|held| held.uri.same_endpoint(uri))
                        .expect("whoever leaves an MCU was in it");
                    roster.remove(at);
                }
            }
        }
        let mut now: Vec<Endpoint> = after.mcu_roster(mcu_type).cloned().collect();
        roster.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
        now.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
        assert_eq!(roster, now, "the {mcu_type} MCU's roster");
    }
}

/// Both decoders against an independent strict parser, roxmltree: the
/// input as a whole body, and placed inside a conference document's root
/// and inside a C3P response's. Whatever roxmltree rejects as not
/// well-formed, each decoder refuses as not well-formed (`Malformed`, or
/// the document type declaration both refuse), and a refused document
/// changes nothing. roxmltree is another code base than the reader the
/// crate uses (quick-xml), checks XML 1.0 and Namespaces in XML 1.0 as a
/// whole document, and can be told to refuse DTDs as the crate does. The
/// converse is not asked: roxmltree accepts some bodies XML forbids (a
/// character reference past U+10FFFF, `&#x110000;`, found here), which the
/// crate refuses; the W3C suite (`tests/it/xmlconf.rs`) judges that way.
/// And one rejection of roxmltree's is its own: an element with the prefix
/// `xml`, which Namespaces in XML 1.0 binds by definition (found by the
/// fuzzer; the crate reads it).
pub fn well_formed(data: &[u8]) {
    use mcu_session::wire::c3p::{self, ResponseError};
    use mcu_session::wire::conference_info::{ConferenceInfo, DocumentError};

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let strict = |body: &str| {
        let options = roxmltree::ParsingOptions {
            allow_dtd: false,
            ..roxmltree::ParsingOptions::default()
        };
        match roxmltree::Document::parse_with_options(body, options) {
            Ok(_) => true,
            // roxmltree takes the prefix `xml` for undeclared on an element
            // (it knows it on attributes); Namespaces in XML 1.0 binds it
            // by definition, so such a body is well-formed.
            Err(roxmltree::Error::UnknownNamespace(prefix, _)) => prefix == "xml",
            Err(_) => false,
        }
    };
    let conference = format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sips:conf233@example.com" state="full" version="2">{text}</conference-info>"#
    );
    let response = format!(
        r#"<response xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="4" from="sip:focus@example.com" to="sip:alice@example.com" code="failure">{text}</response>"#
    );
    let capacities = Capacities {
        operations: 1,
        endpoints: 50,
        offers: 8,
    };
    let mut state = ConferenceInfo::new(uri_of("sips:conf233@example.com"), capacities);
    let _ = state.apply(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="sips:conf233@example.com" state="full" version="1"><users><user entity="sip:bob@example.com"/></users></conference-info>"#,
    );
    for body in [text, conference.as_str()] {
        let before = state.clone();
        let verdict = state.apply(body);
        // Nested past the limit, a body is not read further: refused as
        // too deep, whether well-formed or not.
        let malformed = matches!(
            verdict,
            Err(DocumentError::Malformed { .. }
                | DocumentError::DocumentType
                | DocumentError::TooDeep)
        );
        assert!(malformed || strict(body), "{verdict:?} for {body:?}");
        if verdict.is_err() {
            assert_eq!(state, before, "nothing applied from {body:?}");
        }
        state = before;
    }
    for body in [text, response.as_str()] {
        let verdict = c3p::decode_response(body);
        let malformed = matches!(
            verdict,
            Err(ResponseError::Malformed { .. }
                | ResponseError::DocumentType
                | ResponseError::TooDeep)
        );
        // Past the size limit the body is not read at all.
        if body.len() <= c3p::MAX_RESPONSE_BYTES {
            assert!(malformed || strict(body), "{verdict:?} for {body:?}");
        }
    }
}
