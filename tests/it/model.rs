//! Model check: random sequences of focus events, operations and clock
//! advances against the transition tables.
//!
//! The model below knows only `TRANSITIONS`, `IN_PLACE`, what their guards
//! and call effects mean, and the documented rules for operations (sent when
//! Active, queued 30 s when Idle and bound, refused otherwise); it never calls
//! the typed API. For every step it predicts acceptance or rejection, the
//! next state, the state-changed record, the roster, and every request or
//! failure the session hands out, and compares with `AnySession`. A second
//! session (the twin) receives only the accepted steps, so after a rejection
//! the handed-back session must equal it exactly.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::{Duration, Instant};

use mcu_session::mcu::transitions::{
    CallEffect, FocusLink, Guard, IN_PLACE, TRANSITIONS, TransitionRow,
};
use mcu_session::{
    ANSWER_TIMEOUT, AdvertisedMcu, AnySession, Attendance, AttendanceProblem, AudioVideo, Effect,
    Endpoint, Event, EventKind, EventProblem, FailureReason, InstantMessaging, McuCall, McuInfo,
    McuSessionState, McuStatus, McuType, Operation, OperationKind, OperationRejected, Output,
    Refused, RequestId, Response, Role, SelfUnmuteAssignment, StateChanged, Submitted,
    TerminationReason, Uri,
};
use proptest::prelude::*;
use proptest::strategy::ValueTree;

use crate::common::uri;

const CONFERENCE: &str = "sip:conf@contoso.com";
const WIRE_TYPES: [&str; 4] = ["chat", "audio-video", "meeting", "phone-conf"];

/// The operation only this MCU type has.
trait Special: McuType {
    fn special() -> Operation<Self>;
}

impl Special for InstantMessaging {
    fn special() -> Operation<Self> {
        Operation::enable_block_all_mode()
    }
}

impl Special for AudioVideo {
    fn special() -> Operation<Self> {
        Operation::enable_mute_all_mode(SelfUnmuteAssignment::Everyone)
    }
}

fn mcu(mcu_type: &str, instance: u8) -> AdvertisedMcu {
    let display_text = (instance % 2 == 0).then(|| format!("{mcu_type} #{instance}"));
    AdvertisedMcu {
        mcu_type: mcu_type.to_owned(),
        uri: uri(&format!("sip:conf@contoso.com;{mcu_type};{instance}")),
        display_text,
    }
}

fn participant(n: u8) -> Uri {
    uri(&format!("sip:p{n}@contoso.com"))
}

fn any_mcu() -> impl Strategy<Value = AdvertisedMcu> {
    (prop::sample::select(&WIRE_TYPES[..]), 0u8..4).prop_map(|(t, i)| mcu(t, i))
}

fn any_endpoint() -> impl Strategy<Value = Endpoint> {
    (0u8..3, any::<bool>()).prop_map(|(n, presenter)| Endpoint {
        uri: participant(n),
        role: if presenter {
            Role::Presenter
        } else {
            Role::Attendee
        },
    })
}

fn any_event() -> impl Strategy<Value = Event> {
    // The conference's end is rarer than the rest, so that most sequences
    // live a while before it, and it still comes at random points.
    prop_oneof![
        4 => prop::collection::vec(any_mcu(), 0..4)
            .prop_map(|offered| Event::ConferenceJoined { offered }),
        4 => any_mcu().prop_map(|mcu| Event::McuActivated { mcu }),
        4 => Just(Event::McuFailingOver),
        4 => Just(Event::FocusReconnecting),
        4 => Just(Event::FailoverCompleted),
        4 => prop_oneof![Just(McuStatus::Active), Just(McuStatus::NotActive)]
            .prop_map(|mcu| Event::FocusReconnected { mcu }),
        1 => Just(Event::ConferenceTerminated),
        4 => prop_oneof![
            any_endpoint().prop_map(Attendance::Joined),
            (0u8..3).prop_map(|n| Attendance::Left(participant(n))),
            prop::collection::vec(any_endpoint(), 0..4).prop_map(Attendance::Refreshed),
        ]
        .prop_map(|report| Event::Attendance { report }),
        // Ids 1..8: sent ones and others, answered once or more.
        4 => (1u64..8, any::<bool>()).prop_map(|(id, success)| Event::Response {
            response: if success {
                Response::Success {
                    id: RequestId::new(id),
                }
            } else {
                Response::Failure {
                    id: RequestId::new(id),
                    reason: format!("refused #{id}"),
                }
            }
        }),
    ]
}

/// One thing that happens to a session.
#[derive(Debug, Clone)]
enum Step {
    /// The focus reports something.
    Event(Event),
    /// The application submits an operation: 0 eject, 1 dial out, 2 the
    /// MCU type's own operation.
    Submit(u8),
    /// The clock moves on by this many seconds, then `handle_timeout`.
    Advance(u64),
    /// The clock moves on by this many seconds and the application does not
    /// call `handle_timeout`: whatever comes next must still see the time.
    Wait(u64),
    /// The application gives up on an id (0..8: held or not).
    Cancel(u64),
    /// The application polls every output. Between polls, outputs wait:
    /// a released request may be cancelled, failed or expired before it
    /// goes out.
    Poll,
}

fn any_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => any_event().prop_map(Step::Event),
        2 => (0u8..3).prop_map(Step::Submit),
        1 => (0u64..40).prop_map(Step::Advance),
        1 => (0u64..40).prop_map(Step::Wait),
        1 => (0u64..8).prop_map(Step::Cancel),
        3 => Just(Step::Poll),
    ]
}

fn operation<M: Special>(choice: u8) -> Operation<M> {
    match choice {
        0 => Operation::eject("sip:p1@contoso.com").unwrap(),
        1 => Operation::dial_out("tel:+14255550100").unwrap(),
        _ => M::special(),
    }
}

/// An output as the model expects it.
#[derive(Debug, PartialEq)]
enum ExpectedOutput {
    Request(u64, OperationKind),
    TimedOut(u64, OperationKind),
    Terminated(u64, OperationKind, Ended),
    SessionRetrying(u64, OperationKind),
    NoAnswer(u64, OperationKind),
    Succeeded(u64, OperationKind),
    ConferenceFailure(u64, OperationKind, String),
}

impl ExpectedOutput {
    /// The id of an operation this output settles: every one but a released
    /// request, which is pending from then on.
    fn settles(&self) -> Option<u64> {
        match self {
            Self::Request(..) => None,
            Self::TimedOut(id, _)
            | Self::Terminated(id, _, _)
            | Self::SessionRetrying(id, _)
            | Self::NoAnswer(id, _)
            | Self::Succeeded(id, _)
            | Self::ConferenceFailure(id, _, _) => Some(*id),
        }
    }
}

/// How many of an offer's MCUs are of the session's type `M`.
fn ours<M: McuType>(offered: &[AdvertisedMcu]) -> usize {
    offered.iter().filter(|m| m.mcu_type == M::MCU_TYPE).count()
}

/// Why the model's session ended.
#[derive(Debug, Clone, PartialEq)]
enum Ended {
    /// Transition 2, with the MCU types offered.
    NotOffered(Vec<String>),
    /// Transitions 5a, 5b, 5c.
    ConferenceTerminated,
}

impl Ended {
    fn of(reason: &TerminationReason) -> Self {
        match reason {
            TerminationReason::McuTypeNotOffered(reason) => {
                Self::NotOffered(reason.offered_mcu_types().map(str::to_owned).collect())
            }
            TerminationReason::ConferenceTerminated(_) => Self::ConferenceTerminated,
            other => panic!("a termination reason the model does not know: {other}"),
        }
    }
}

/// What the tables and the documented rules say a session knows.
struct Model<M: McuType> {
    state: McuSessionState,
    mcu: Option<McuInfo<M>>,
    /// Set by rows that terminate or keep the call; read by rows that report it.
    call: Option<McuCall>,
    /// Why the session ended, once Terminated.
    ended: Option<Ended>,
    roster: BTreeMap<Uri, Role>,
    next_id: u64,
    waiting: Vec<(u64, OperationKind, Instant)>,
    /// Sent and not yet answered, with the answer deadline.
    pending: Vec<(u64, OperationKind, Instant)>,
    outbox: VecDeque<ExpectedOutput>,
    /// How often each accepted operation came out settled (answered,
    /// failed, expired or cancelled): never more than once.
    settled: BTreeMap<u64, u32>,
}

/// The model's prediction for one event.
enum Expected {
    Undocumented,
    Invalid(EventProblem),
    InPlace,
    Row(&'static TransitionRow),
}

impl<M: McuType> Model<M> {
    fn new() -> Self {
        Self {
            state: McuSessionState::Idle,
            mcu: None,
            call: None,
            ended: None,
            roster: BTreeMap::new(),
            next_id: 1,
            waiting: Vec::new(),
            pending: Vec::new(),
            outbox: VecDeque::new(),
            settled: BTreeMap::new(),
        }
    }

    fn guard_holds(&self, guard: Guard, event: &Event) -> bool {
        match (guard, event) {
            (Guard::Always, _) => true,
            (Guard::McuTypeNotOffered, Event::ConferenceJoined { offered }) => {
                ours::<M>(offered) == 0
            }
            (Guard::McuTypeOffered, Event::ConferenceJoined { offered }) => ours::<M>(offered) == 1,
            (Guard::McuReported(status), Event::FocusReconnected { mcu }) => status == *mcu,
            (Guard::Bound, _) => self.mcu.is_some(),
            (Guard::RequestPending, Event::Response { response }) => self
                .pending
                .iter()
                .any(|(id, _, _)| *id == response.id().get()),
            _ => false,
        }
    }

    fn attendance_problem(&self, report: &Attendance) -> Option<AttendanceProblem> {
        match report {
            Attendance::Joined(e) if self.roster.contains_key(&e.uri) => {
                Some(AttendanceProblem::AlreadyPresent)
            }
            Attendance::Left(uri) if !self.roster.contains_key(uri) => {
                Some(AttendanceProblem::NotPresent)
            }
            Attendance::Refreshed(fresh) => {
                let mut seen = BTreeSet::new();
                fresh
                    .iter()
                    .position(|e| !seen.insert(&e.uri))
                    .map(|index| AttendanceProblem::Duplicate { index })
            }
            _ => None,
        }
    }

    fn predict(&self, event: &Event) -> Expected {
        let kind = event.kind();
        let rows: Vec<&'static TransitionRow> = TRANSITIONS
            .iter()
            .filter(|row| row.from == self.state && row.event == kind)
            .collect();
        let in_place: Vec<Guard> = IN_PLACE
            .iter()
            .filter(|row| row.state == self.state && row.event == kind)
            .map(|row| row.guard)
            .collect();
        if rows.is_empty() && in_place.is_empty() {
            return Expected::Undocumented;
        }
        if let Event::McuActivated { mcu } = event {
            if mcu.mcu_type != M::MCU_TYPE {
                return Expected::Invalid(EventProblem::McuTypeMismatch {
                    expected: M::MCU_TYPE,
                });
            }
        }
        if let Some(row) = rows
            .into_iter()
            .find(|row| self.guard_holds(row.guard, event))
        {
            return Expected::Row(row);
        }
        if !in_place
            .into_iter()
            .any(|guard| self.guard_holds(guard, event))
        {
            // Only an attendance report on an unbound Idle session, or a
            // join lacking the Active session's MCU type, gets here.
            return match kind {
                EventKind::Attendance => {
                    Expected::Invalid(EventProblem::Attendance(AttendanceProblem::NotBound))
                }
                EventKind::ConferenceJoined => match event {
                    Event::ConferenceJoined { offered } if ours::<M>(offered) > 1 => {
                        Expected::Invalid(EventProblem::McuOfferedTwice {
                            expected: M::MCU_TYPE,
                        })
                    }
                    _ => Expected::Invalid(EventProblem::McuNotOffered {
                        expected: M::MCU_TYPE,
                    }),
                },
                EventKind::Response => match event {
                    Event::Response { response } => {
                        Expected::Invalid(EventProblem::NotPending { id: response.id() })
                    }
                    _ => unreachable!(),
                },
                _ => panic!("no guard holds for {event:?} in {}", self.state),
            };
        }
        match event {
            Event::Attendance { report } => match self.attendance_problem(report) {
                Some(problem) => Expected::Invalid(EventProblem::Attendance(problem)),
                None => Expected::InPlace,
            },
            _ => Expected::InPlace,
        }
    }

    /// The roster diff an accepted attendance report makes.
    fn roster_diff(&self, report: &Attendance) -> (Vec<Endpoint>, Vec<Endpoint>) {
        let endpoints = |map: &BTreeMap<Uri, Role>, other: &BTreeMap<Uri, Role>| {
            map.iter()
                .filter(|(u, r)| other.get(*u) != Some(r))
                .map(|(u, &role)| Endpoint {
                    uri: u.clone(),
                    role,
                })
                .collect::<Vec<_>>()
        };
        let mut next = self.roster.clone();
        match report {
            Attendance::Joined(e) => {
                next.insert(e.uri.clone(), e.role);
            }
            Attendance::Left(uri) => {
                next.remove(uri);
            }
            Attendance::Refreshed(fresh) => {
                next = fresh.iter().map(|e| (e.uri.clone(), e.role)).collect();
            }
        }
        (
            endpoints(&next, &self.roster),
            endpoints(&self.roster, &next),
        )
    }

    fn advance(&mut self, event: &Event, expected: &Expected, now: Instant) {
        match (expected, event) {
            (Expected::InPlace, Event::ConferenceJoined { offered }) => {
                let ours = offered.iter().find(|m| m.mcu_type == M::MCU_TYPE).cloned();
                self.mcu = ours.map(|m| McuInfo::try_from(m).unwrap());
            }
            (Expected::InPlace, Event::Response { response }) => {
                let at = self
                    .pending
                    .iter()
                    .position(|(id, _, _)| *id == response.id().get())
                    .expect("the guard found it pending");
                let (id, kind, _) = self.pending.remove(at);
                self.outbox.push_back(match response {
                    Response::Success { .. } => ExpectedOutput::Succeeded(id, kind),
                    Response::Failure { reason, .. } => {
                        ExpectedOutput::ConferenceFailure(id, kind, reason.clone())
                    }
                });
            }
            (Expected::InPlace, Event::Attendance { report }) => match report {
                Attendance::Joined(e) => {
                    self.roster.insert(e.uri.clone(), e.role);
                }
                Attendance::Left(uri) => {
                    self.roster.remove(uri);
                }
                Attendance::Refreshed(fresh) => {
                    self.roster = fresh.iter().map(|e| (e.uri.clone(), e.role)).collect();
                }
            },
            (Expected::Row(row), _) => {
                self.state = row.to;
                match row.focus {
                    FocusLink::Lost => {
                        for (id, kind, _) in self.pending.drain(..) {
                            self.outbox
                                .push_back(ExpectedOutput::SessionRetrying(id, kind));
                        }
                    }
                    FocusLink::Ended => {
                        // Everything held fails, in the order submitted.
                        let mut held: Vec<_> = self
                            .waiting
                            .drain(..)
                            .chain(self.pending.drain(..))
                            .collect();
                        held.sort_by_key(|(id, _, _)| *id);
                        for (id, kind, _) in held {
                            self.outbox.push_back(ExpectedOutput::Terminated(
                                id,
                                kind,
                                Ended::ConferenceTerminated,
                            ));
                        }
                        self.mcu = None;
                        self.call = None;
                        self.roster.clear();
                        self.ended = Some(Ended::ConferenceTerminated);
                    }
                    FocusLink::Kept => {}
                }
                match row.call {
                    CallEffect::Terminates => self.call = Some(McuCall::Terminated),
                    CallEffect::Keeps => self.call = Some(McuCall::Kept),
                    CallEffect::NotInvolved | CallEffect::Reports => {}
                }
                match event {
                    Event::McuActivated { mcu } => {
                        self.mcu = Some(McuInfo::try_from(mcu.clone()).unwrap());
                        // What is past its 30 s at activation fails; the rest
                        // goes out, in order.
                        // Released requests are pending from `now` on.
                        for (id, kind, deadline) in self.waiting.drain(..) {
                            if deadline <= now {
                                self.outbox.push_back(ExpectedOutput::TimedOut(id, kind));
                            } else {
                                self.outbox
                                    .push_back(ExpectedOutput::Request(id, kind.clone()));
                                self.pending.push((id, kind, now + ANSWER_TIMEOUT));
                            }
                        }
                    }
                    Event::ConferenceJoined { offered } => {
                        self.mcu = None;
                        self.roster.clear();
                        let ended =
                            Ended::NotOffered(offered.iter().map(|m| m.mcu_type.clone()).collect());
                        self.ended = Some(ended.clone());
                        assert!(
                            self.pending.is_empty(),
                            "an Idle session has nothing pending"
                        );
                        for (id, kind, _) in self.waiting.drain(..) {
                            self.outbox.push_back(ExpectedOutput::Terminated(
                                id,
                                kind,
                                ended.clone(),
                            ));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    /// A released request goes out only while its operation is pending:
    /// one no longer pending and not yet polled is withdrawn.
    fn withdraw_unsent(&mut self) {
        let pending = &self.pending;
        self.outbox.retain(|output| match output {
            ExpectedOutput::Request(id, _) => pending.iter().any(|(held, _, _)| held == id),
            _ => true,
        });
    }

    fn next_deadline(&self) -> Option<Instant> {
        self.waiting
            .iter()
            .chain(&self.pending)
            .map(|(_, _, deadline)| *deadline)
            .min()
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
    let roster: BTreeMap<Uri, Role> = session
        .roster()
        .into_iter()
        .flatten()
        .map(|(uri, role)| (uri.clone(), role))
        .collect();
    assert_eq!(roster, model.roster);
    assert_eq!(
        session.roster().is_none(),
        model.state == McuSessionState::Terminated
    );
    assert_eq!(
        session.reason().is_some(),
        model.state == McuSessionState::Terminated
    );
    if let Some(reason) = session.reason() {
        assert_eq!(Some(Ended::of(reason)), model.ended);
        assert_eq!(reason.conference().as_str(), CONFERENCE);
        if let TerminationReason::McuTypeNotOffered(reason) = reason {
            assert_eq!(reason.missing_mcu_type(), M::MCU_TYPE);
        }
    }
    assert_eq!(
        session.call().is_some(),
        model.state == McuSessionState::Retrying
    );
}

/// A refused event left the session as it was (its twin, which saw only
/// the accepted ones) and came back as it was given.
fn refused_unchanged<M: McuType>(
    session: &AnySession<M>,
    twin: Option<&AnySession<M>>,
    back: &Event,
    given: &Event,
) {
    assert_eq!(
        Some(session),
        twin,
        "a rejected event must leave the session as it was"
    );
    assert_eq!(back, given, "a rejected event is handed back as it was");
}

fn apply_event<M: McuType>(
    mut session: AnySession<M>,
    twin: &mut Option<AnySession<M>>,
    model: &mut Model<M>,
    event: Event,
    now: Instant,
) -> AnySession<M> {
    let expected = model.predict(&event);
    match (session.apply(event.clone(), now), &expected) {
        (
            Err(Refused::Undocumented {
                state,
                event: back_event,
            }),
            Expected::Undocumented,
        ) => {
            assert_eq!(state, model.state);
            refused_unchanged(&session, twin.as_ref(), &back_event, &event);
        }
        (
            Err(Refused::InvalidEvent {
                event: back_event,
                problem,
            }),
            Expected::Invalid(expected),
        ) => {
            assert_eq!(&problem, expected);
            refused_unchanged(&session, twin.as_ref(), &back_event, &event);
        }
        (Ok(effect), Expected::InPlace) => {
            match (&event, effect) {
                (Event::Attendance { report }, Effect::Roster(diff)) => {
                    let (joined, left) = model.roster_diff(report);
                    assert_eq!((&diff.joined, &diff.left), (&joined, &left));
                }
                (Event::ConferenceJoined { .. }, Effect::Bound)
                    if model.state == McuSessionState::Idle => {}
                (Event::ConferenceJoined { .. }, Effect::JoinCompleted)
                    if model.state == McuSessionState::Active => {}
                (Event::Response { response }, Effect::Answered(id)) => {
                    assert_eq!(id, response.id());
                }
                (event, effect) => panic!("{event:?} had the in-place effect {effect:?}"),
            }
            feed_twin(twin, event.clone(), now, None);
        }
        (Ok(effect), Expected::Row(row)) => {
            let Effect::StateChanged(change) = effect else {
                panic!("a row is a state change, not {effect:?}");
            };
            assert_eq!(
                (
                    change.transition(),
                    change.from(),
                    change.to(),
                    change.cause()
                ),
                (row.id, row.from, row.to, row.event)
            );
            assert_eq!(
                change.call(),
                model.expected_call(row),
                "call effect of {}",
                row.id
            );
            feed_twin(twin, event.clone(), now, Some(change));
        }
        (outcome, _) => panic!(
            "{event:?} in {}: got {outcome:?}, the tables predict {}",
            model.state,
            match expected {
                Expected::Undocumented => "an undocumented-event rejection".to_owned(),
                Expected::Invalid(problem) => format!("an invalid-event rejection: {problem}"),
                Expected::InPlace => "a change without a state change".to_owned(),
                Expected::Row(row) => format!("transition {}", row.id),
            }
        ),
    }
    model.advance(&event, &expected, now);
    session
}

/// The twin takes every accepted event too, and must report the same
/// state change: it is the session as it was before each refused event.
fn feed_twin<M: McuType>(
    twin: &mut Option<AnySession<M>>,
    event: Event,
    now: Instant,
    change: Option<StateChanged>,
) {
    let session = twin.as_mut().expect("twin");
    let effect = session
        .apply(event, now)
        .expect("the twin accepts what the session accepted");
    if let Some(change) = change {
        assert_eq!(
            effect,
            Effect::StateChanged(change),
            "the twin changed otherwise"
        );
    }
}

fn submit<M: Special>(
    session: &mut AnySession<M>,
    twin: &mut AnySession<M>,
    model: &mut Model<M>,
    choice: u8,
    now: Instant,
) {
    let op = operation::<M>(choice);
    let kind = op.kind().clone();
    let bound = model.mcu.is_some();
    match (session.submit(op.clone(), now), model.state) {
        (Ok(Submitted::Sent(request)), McuSessionState::Active) => {
            assert_eq!(request.id.get(), model.next_id);
            assert_eq!(
                (request.conference.as_str(), request.mcu_type),
                (CONFERENCE, M::MCU_TYPE)
            );
            assert_eq!(request.operation, kind);
            model
                .pending
                .push((model.next_id, kind, now + ANSWER_TIMEOUT));
            model.next_id += 1;
        }
        (Ok(Submitted::Queued(id)), McuSessionState::Idle) if bound => {
            assert_eq!(id.get(), model.next_id);
            model
                .waiting
                .push((model.next_id, kind, now + Duration::from_secs(30)));
            model.next_id += 1;
        }
        (Err(OperationRejected::NotBound(back)), McuSessionState::Idle) if !bound => {
            assert_eq!(back.into_operation(), op)
        }
        (Err(OperationRejected::Retryable(back)), McuSessionState::Retrying) => {
            assert_eq!(back, op)
        }
        (Err(OperationRejected::Invalid(back)), McuSessionState::Terminated) => {
            assert_eq!(back, op)
        }
        (outcome, state) => panic!("submit in {state} (bound: {bound}): {outcome:?}"),
    }
    if model.state == McuSessionState::Idle && bound || model.state == McuSessionState::Active {
        let _ = twin
            .submit(op, now)
            .expect("the twin accepts what the session accepted");
    }
}

fn advance_clock<M: McuType>(
    session: &mut AnySession<M>,
    twin: &mut AnySession<M>,
    model: &mut Model<M>,
    now: Instant,
) {
    let (expired, waiting): (Vec<_>, Vec<_>) = model
        .waiting
        .drain(..)
        .partition(|(_, _, deadline)| *deadline <= now);
    model.waiting = waiting;
    let (unanswered, pending): (Vec<_>, Vec<_>) = model
        .pending
        .drain(..)
        .partition(|(_, _, deadline)| *deadline <= now);
    model.pending = pending;
    let count = expired.len() + unanswered.len();
    assert_eq!(session.handle_timeout(now), count);
    assert_eq!(twin.handle_timeout(now), count);
    // One call's failures come out in submission order.
    let mut failed: Vec<ExpectedOutput> = expired
        .into_iter()
        .map(|(id, kind, _)| ExpectedOutput::TimedOut(id, kind))
        .chain(
            unanswered
                .into_iter()
                .map(|(id, kind, _)| ExpectedOutput::NoAnswer(id, kind)),
        )
        .collect();
    failed.sort_by_key(|output| output.settles());
    model.outbox.extend(failed);
    assert_eq!(session.poll_timeout(), model.next_deadline());
}

/// The application cancels `id`: handed back when held, refused otherwise.
fn cancel<M: McuType>(
    session: &mut AnySession<M>,
    twin: &mut AnySession<M>,
    model: &mut Model<M>,
    id: u64,
) {
    let held = model
        .waiting
        .iter()
        .chain(&model.pending)
        .position(|(held, _, _)| *held == id);
    match (session.cancel(RequestId::new(id)), held) {
        (Ok(operation), Some(_)) => {
            let kind = operation.into_kind();
            let in_waiting = model.waiting.iter().position(|(held, _, _)| *held == id);
            let (_, expected, _) = match in_waiting {
                Some(at) => model.waiting.remove(at),
                None => {
                    let at = model
                        .pending
                        .iter()
                        .position(|(held, _, _)| *held == id)
                        .expect("held");
                    model.pending.remove(at)
                }
            };
            assert_eq!(kind, expected);
            *model.settled.entry(id).or_default() += 1;
            assert!(twin.cancel(RequestId::new(id)).is_ok());
        }
        (Err(not_held), None) => assert_eq!(not_held.id(), RequestId::new(id)),
        (outcome, held) => panic!("cancel #{id} (held: {held:?}): {outcome:?}"),
    }
}

/// Drains what the session hands out and compares it with the model's outbox.
fn drain<M: McuType>(session: &mut AnySession<M>, twin: &mut AnySession<M>, model: &mut Model<M>) {
    while let Some(output) = session.poll_output() {
        let got = match output {
            Output::Request(request) => {
                assert_eq!(request.mcu_type, M::MCU_TYPE);
                ExpectedOutput::Request(request.id.get(), request.operation)
            }
            Output::Failed {
                id,
                operation,
                reason: FailureReason::TimedOut,
            } => ExpectedOutput::TimedOut(id.get(), operation.into_kind()),
            Output::Failed {
                id,
                operation,
                reason: FailureReason::SessionRetrying,
            } => ExpectedOutput::SessionRetrying(id.get(), operation.into_kind()),
            Output::Failed {
                id,
                operation,
                reason: FailureReason::NoAnswer,
            } => ExpectedOutput::NoAnswer(id.get(), operation.into_kind()),
            Output::Failed {
                id,
                operation,
                reason: FailureReason::Terminated(reason),
            } => {
                assert_eq!(
                    Some(&reason),
                    session.reason(),
                    "failed with the session's reason"
                );
                ExpectedOutput::Terminated(id.get(), operation.into_kind(), Ended::of(&reason))
            }
            Output::Failed {
                id,
                operation,
                reason: FailureReason::ConferenceFailure(reason),
            } => ExpectedOutput::ConferenceFailure(id.get(), operation.into_kind(), reason),
            Output::Failed { reason, .. } => panic!("a failure the model does not know: {reason}"),
            Output::Succeeded { id, operation } => {
                ExpectedOutput::Succeeded(id.get(), operation.into_kind())
            }
        };
        if let Some(id) = got.settles() {
            *model.settled.entry(id).or_default() += 1;
        }
        assert_eq!(Some(got), model.outbox.pop_front());
        assert!(twin.poll_output().is_some());
    }
    assert_eq!(model.outbox.pop_front(), None, "the session lost an output");
}

fn run<M: Special>(steps: Vec<Step>) {
    let conference = uri(CONFERENCE);
    let mut session = AnySession::<M>::new(conference.clone());
    let mut twin = Some(AnySession::<M>::new(conference));
    let mut model = Model::<M>::new();
    let mut now = Instant::now();
    for step in steps {
        match step {
            Step::Event(event) => {
                session = apply_event(session, &mut twin, &mut model, event, now);
            }
            Step::Wait(seconds) => now += Duration::from_secs(seconds),
            Step::Submit(choice) => {
                submit(
                    &mut session,
                    twin.as_mut().expect("twin"),
                    &mut model,
                    choice,
                    now,
                );
            }
            Step::Advance(seconds) => {
                now += Duration::from_secs(seconds);
                advance_clock(&mut session, twin.as_mut().expect("twin"), &mut model, now);
            }
            Step::Cancel(id) => {
                cancel(&mut session, twin.as_mut().expect("twin"), &mut model, id);
            }
            Step::Poll => drain(&mut session, twin.as_mut().expect("twin"), &mut model),
        }
        model.withdraw_unsent();
        let twin = twin.as_mut().expect("twin");
        check_data(&session, &model);
        assert_eq!(session.queued(), model.waiting.len());
        assert_eq!(session.pending(), model.pending.len());
        assert_eq!(session.poll_timeout(), model.next_deadline());
        assert_eq!(&session, twin);
    }
    // Every operation the session accepted comes out settled exactly once:
    // once the clock passes every deadline, nothing is held any more.
    now += Duration::from_secs(3_600);
    advance_clock(&mut session, twin.as_mut().expect("twin"), &mut model, now);
    model.withdraw_unsent();
    drain(&mut session, twin.as_mut().expect("twin"), &mut model);
    assert_eq!((session.queued(), session.pending()), (0, 0));
    let accepted: Vec<u64> = (1..model.next_id).collect();
    let settled: Vec<u64> = model.settled.keys().copied().collect();
    assert_eq!(settled, accepted, "an accepted operation never came out");
    assert!(
        model.settled.values().all(|&times| times == 1),
        "an operation came out twice: {:?}",
        model.settled
    );
}

proptest! {
    #![proptest_config(crate::common::proptest_config())]

    #[test]
    fn instant_messaging_follows_the_tables(steps in prop::collection::vec(any_step(), 0..=64)) {
        run::<InstantMessaging>(steps);
    }

    #[test]
    fn audio_video_follows_the_tables(steps in prop::collection::vec(any_step(), 0..=64)) {
        run::<AudioVideo>(steps);
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
    let chats = |e: &Event| match e {
        Event::ConferenceJoined { offered } => Some(ours::<InstantMessaging>(offered).min(2)),
        _ => None,
    };
    for count in [0, 1, 2] {
        assert!(
            events.iter().any(|e| chats(e) == Some(count)),
            "no offer with {count} chat MCUs"
        );
    }
    for status in [McuStatus::Active, McuStatus::NotActive] {
        assert!(events.contains(&Event::FocusReconnected { mcu: status }));
    }
    let refreshed_with_duplicate = |e: &Event| match e {
        Event::Attendance {
            report: Attendance::Refreshed(fresh),
        } => fresh.iter().map(|e| &e.uri).collect::<BTreeSet<_>>().len() < fresh.len(),
        _ => false,
    };
    assert!(events.iter().any(refreshed_with_duplicate));
}
