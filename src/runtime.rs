//! The runtime view: a session whose state is known only at run time, driven
//! by [`Event`]s, checked against the [transition table](crate::transitions).

use core::fmt;
use std::time::Instant;

use crate::event::{Event, EventKind};
use crate::mcu::{InstantMessaging, McuInfo, McuType, WrongMcuType};
use crate::operation::{NotBound, Operation, Output, Request, RequestId};
use crate::outcome::{Joined, McuCall, Reconnected, Resumed};
use crate::roster::{AttendanceError, AttendanceProblem, Roster, RosterDiff};
use crate::session::Session;
use crate::state::{Active, Idle, McuSessionState, Retrying, State, Terminated};
use crate::transitions::{self, CallEffect, TransitionId};
use crate::uri::Uri;

/// An MCU session in any of the four states, for code that learns the state
/// from the focus at run time.
///
/// The typed [`Session<S, M>`] catches a wrong transition at compile time.
/// Event-driven code cannot always know the state statically, so
/// `AnySession` offers the same machine checked at run time, **at the cost of
/// a `match` per event and the risk of runtime errors**: an event the
/// reference does not document for the current state is rejected with
/// [`Rejected`], which hands back the session and the event untouched.
/// [`apply`](Self::apply) calls the typed transition methods; it never makes
/// a state by itself, so both views accept exactly the same transitions.
///
/// Move between the views with `From` and `TryFrom`; a [`WrongState`] error
/// names the state found and hands the `AnySession` back unchanged:
///
/// ```
/// use mcu_session::{Active, AnySession, Idle, InstantMessagingMcuSession, Uri};
///
/// let typed = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let any = AnySession::from(typed);
///
/// let wrong = InstantMessagingMcuSession::<Active>::try_from(any).unwrap_err();
/// assert_eq!(wrong.to_string(), "expected an Active session, found an Idle one");
/// let typed: InstantMessagingMcuSession<Idle> = wrong.into_session().try_into()?;
/// # let _ = typed;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "dropping the session lets go of the MCU session"]
pub enum AnySession<M: McuType = InstantMessaging> {
    /// See [`Idle`].
    Idle(Session<Idle, M>),
    /// See [`Active`].
    Active(Session<Active, M>),
    /// See [`Retrying`].
    Retrying(Session<Retrying, M>),
    /// See [`Terminated`].
    Terminated(Session<Terminated, M>),
}

/// Calls `$body` with the typed session inside, whatever its state.
macro_rules! with_session {
    ($any:expr, $session:ident => $body:expr) => {
        match $any {
            AnySession::Idle($session) => $body,
            AnySession::Active($session) => $body,
            AnySession::Retrying($session) => $body,
            AnySession::Terminated($session) => $body,
        }
    };
}

impl<M: McuType> AnySession<M> {
    /// A new, unbound Idle session for `conference`: [`Session::new`], viewed
    /// at run time.
    pub fn new(conference: Uri) -> Self {
        Self::Idle(Session::new(conference))
    }

    /// The state the session is in.
    pub fn state(&self) -> McuSessionState {
        with_session!(self, session => session.state())
    }

    /// The conference the session belongs to.
    pub fn conference(&self) -> &Uri {
        with_session!(self, session => session.conference())
    }

    /// The MCU's information when the session knows it: always when Active
    /// or Retrying, when bound if Idle, never when Terminated.
    pub fn mcu(&self) -> Option<&McuInfo<M>> {
        match self {
            Self::Idle(idle) => idle.mcu(),
            Self::Active(active) => Some(active.mcu()),
            Self::Retrying(retrying) => Some(retrying.mcu()),
            Self::Terminated(_) => None,
        }
    }

    /// The endpoints attending the MCU; see [`Session::roster`]. `None` when
    /// Terminated: a terminated session has no MCU.
    pub fn roster(&self) -> Option<&Roster> {
        match self {
            Self::Idle(idle) => Some(idle.roster()),
            Self::Active(active) => Some(active.roster()),
            Self::Retrying(retrying) => Some(retrying.roster()),
            Self::Terminated(_) => None,
        }
    }

    /// Submits an operation: sent at once when Active, queued when Idle and
    /// bound ([`Session::request`], [`Session::queue`]).
    ///
    /// # Errors
    ///
    /// [`OperationRejected`], handing the operation back, when the state
    /// takes no operations (Retrying: retryable; Terminated: invalid) or the
    /// Idle session is not bound.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AnySession, InstantMessaging, Operation, OperationRejected, Uri};
    ///
    /// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let refused = session.submit(Operation::block_all(), Instant::now()).unwrap_err();
    /// assert_eq!(refused.to_string(), "the session is not bound to a `chat` MCU yet: join a conference that offers one first");
    /// let _operation = refused.into_operation(); // nothing is lost
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn submit(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Submitted, OperationRejected<M>> {
        match self {
            Self::Active(active) => Ok(Submitted::Sent(active.request(operation))),
            Self::Idle(idle) => idle
                .queue(operation, now)
                .map(Submitted::Queued)
                .map_err(OperationRejected::NotBound),
            Self::Retrying(_) => Err(OperationRejected::Retryable(operation)),
            Self::Terminated(_) => Err(OperationRejected::Invalid(operation)),
        }
    }

    /// Fails the queued operations whose 30 s are over at `now`; see
    /// [`Session::handle_timeout`]. Only an Idle session queues, so in other
    /// states this does nothing and returns 0.
    pub fn handle_timeout(&mut self, now: Instant) -> usize {
        match self {
            Self::Idle(idle) => idle.handle_timeout(now),
            Self::Active(_) | Self::Retrying(_) | Self::Terminated(_) => 0,
        }
    }

    /// How many operations are queued; see [`Session::queued`]. Only an
    /// Idle session queues, so in other states this is 0.
    pub fn queued(&self) -> usize {
        match self {
            Self::Idle(idle) => idle.queued(),
            Self::Active(_) | Self::Retrying(_) | Self::Terminated(_) => 0,
        }
    }

    /// When the next queued operation expires; see [`Session::poll_timeout`].
    /// Only an Idle session queues, so in other states this is `None`.
    pub fn poll_timeout(&self) -> Option<Instant> {
        match self {
            Self::Idle(idle) => idle.poll_timeout(),
            Self::Active(_) | Self::Retrying(_) | Self::Terminated(_) => None,
        }
    }

    /// The next released request or failed operation; see
    /// [`Session::poll_output`].
    pub fn poll_output(&mut self) -> Option<Output<M>> {
        with_session!(self, session => session.poll_output())
    }

    /// Feeds one report from the focus to the session.
    ///
    /// The event must be documented for the current state (a row of
    /// [`TRANSITIONS`](crate::transitions::TRANSITIONS) or
    /// [`IN_PLACE`](crate::transitions::IN_PLACE) has this state and event);
    /// then the typed method runs and [`Applied::effect`] says exactly what
    /// happened: a state change, a binding, or a roster change.
    ///
    /// # Errors
    ///
    /// [`Rejected::Undocumented`] when the reference documents no such
    /// event for the state, [`Rejected::InvalidEvent`] when the event's wire
    /// data does not fit the session (an activation reporting another MCU
    /// type, an attendance report that does not fit the roster). Either way
    /// the session and the event come back exactly as they were.
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AnySession, Effect, Event, InstantMessaging, McuSessionState, TransitionId, Uri};
    ///
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    ///
    /// // Idle cannot fail over: the session and the event come back.
    /// let rejected = session.apply(Event::McuFailingOver).unwrap_err();
    /// assert_eq!(rejected.to_string(), "event McuFailingOver is not documented for state Idle");
    /// let (session, _event) = rejected.into_parts();
    ///
    /// let step = session.apply(Event::McuActivated { mcu: chat })?;
    /// let Effect::StateChanged(change) = step.effect else { unreachable!() };
    /// assert_eq!((change.transition(), change.from(), change.to()), (TransitionId::T1, McuSessionState::Idle, McuSessionState::Active));
    /// assert_eq!(step.session.state(), McuSessionState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    // Always inlined, so the caller's session and the result can share
    // storage: out of line, every event paid ~3 library `memcpy`s of the
    // session. See README, Performance.
    #[inline(always)]
    pub fn apply(self, event: Event) -> Result<Applied<M>, Rejected<M>> {
        if !transitions::documents(self.state(), event.kind()) {
            return Err(Rejected::Undocumented {
                session: self,
                event,
            });
        }
        Ok(match (self, event) {
            (Self::Idle(idle), Event::ConferenceJoined { offered }) => {
                match idle.conference_joined(offered) {
                    Joined::Bound(idle) => Applied::new(idle, Effect::Bound),
                    Joined::Unsupported(terminated) => {
                        Applied::changed(TransitionId::T2, terminated, None)
                    }
                }
            }
            (Self::Idle(idle), Event::McuActivated { mcu }) => match McuInfo::try_from(mcu) {
                Ok(mcu) => Applied::changed(TransitionId::T1, idle.mcu_activated(mcu), None),
                Err(wrong) => return Err(Rejected::wrong_mcu_type(idle.into(), wrong)),
            },
            (Self::Active(active), Event::McuFailingOver) => {
                Applied::changed(TransitionId::T3a, active.mcu_failing_over(), None)
            }
            (Self::Active(active), Event::FocusReconnecting) => {
                Applied::changed(TransitionId::T3b, active.focus_reconnecting(), None)
            }
            (Self::Retrying(retrying), Event::FailoverCompleted) => {
                Applied::resumed(TransitionId::T4a, retrying.failover_completed())
            }
            (Self::Retrying(retrying), Event::FocusReconnected { mcu }) => {
                match retrying.focus_reconnected(mcu) {
                    Reconnected::Active(resumed) => Applied::resumed(TransitionId::T4b, resumed),
                    Reconnected::Idle(idle) => Applied::changed(TransitionId::T4c, idle, None),
                }
            }
            (Self::Idle(mut idle), Event::Attendance { report }) => match idle.attendance(report) {
                Ok(diff) => Applied::new(idle, Effect::Roster(Box::new(diff))),
                Err(error) => return Err(Rejected::attendance(idle.into(), error)),
            },
            (Self::Active(mut active), Event::Attendance { report }) => {
                match active.attendance(report) {
                    Ok(diff) => Applied::new(active, Effect::Roster(Box::new(diff))),
                    Err(error) => return Err(Rejected::attendance(active.into(), error)),
                }
            }
            // Documented by the table but not wired here: refuse rather than
            // invent. The model check in tests/model.rs proves this arm is
            // never reached.
            (session, event) => return Err(Rejected::Undocumented { session, event }),
        })
    }
}

impl<S: State, M: McuType> From<Session<S, M>> for AnySession<M> {
    fn from(session: Session<S, M>) -> Self {
        S::into_any(session)
    }
}

impl<S: State, M: McuType> TryFrom<AnySession<M>> for Session<S, M> {
    type Error = WrongState<M>;

    /// The typed session, when `any` is in state `S`; otherwise a
    /// [`WrongState`] holding `any`, unchanged.
    fn try_from(any: AnySession<M>) -> Result<Self, Self::Error> {
        S::from_any(any).map_err(|session| WrongState {
            expected: S::STATE,
            session,
        })
    }
}

/// An [`AnySession`] taken out of the runtime view as a typed session of
/// another state. It names both states and hands the session back.
///
/// ```
/// use mcu_session::{Active, AnySession, InstantMessagingMcuSession, McuSessionState, Uri};
///
/// let any = AnySession::from(InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?));
/// let wrong = InstantMessagingMcuSession::<Active>::try_from(any).unwrap_err();
/// assert_eq!((wrong.expected(), wrong.found()), (McuSessionState::Active, McuSessionState::Idle));
/// let any = wrong.into_session(); // nothing is lost
/// # let _ = any;
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("expected {} {} session, found {} {} one", article(*.expected), .expected, article(.session.state()), .session.state())]
pub struct WrongState<M: McuType> {
    expected: McuSessionState,
    session: AnySession<M>,
}

fn article(state: McuSessionState) -> &'static str {
    match state {
        McuSessionState::Idle | McuSessionState::Active => "an",
        McuSessionState::Retrying | McuSessionState::Terminated => "a",
    }
}

impl<M: McuType> WrongState<M> {
    /// The state asked for.
    pub fn expected(&self) -> McuSessionState {
        self.expected
    }

    /// The state the session is in.
    pub fn found(&self) -> McuSessionState {
        self.session.state()
    }

    /// The session, unchanged.
    pub fn session(&self) -> &AnySession<M> {
        &self.session
    }

    /// The session, handed back unchanged.
    pub fn into_session(self) -> AnySession<M> {
        self.session
    }
}

/// An accepted event: where the session is now, and what the event did.
///
/// ```
/// use mcu_session::{AnySession, Effect, Event, InstantMessaging, McuSessionState, Uri};
///
/// let session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let step = session.apply(Event::ConferenceJoined { offered: vec![] })?; // transition 2
/// let Effect::StateChanged(change) = step.effect else { unreachable!() };
/// assert_eq!(change.to(), McuSessionState::Terminated);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use = "the session is inside"]
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Applied<M: McuType> {
    /// The session after the event.
    pub session: AnySession<M>,
    /// What the event did: exactly one of the outcomes the tables document.
    pub effect: Effect,
}

/// What an accepted event did to the session: one documented transition,
/// or one of the in-place changes of
/// [`IN_PLACE`](crate::transitions::IN_PLACE).
///
/// ```
/// use mcu_session::{AdvertisedMcu, AnySession, Effect, Event, InstantMessaging, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let step = session.apply(Event::ConferenceJoined { offered: vec![chat] })?;
/// assert_eq!(step.effect, Effect::Bound);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Effect {
    /// A documented transition: the analogue of the reference's
    /// state-changed notification.
    StateChanged(StateChanged),
    /// The joined conference offers the session's MCU type: the Idle session
    /// is bound, and stays Idle.
    Bound,
    /// An attendance report changed the roster like this. Boxed: rare, and it
    /// keeps every other event's result small.
    Roster(Box<RosterDiff>),
}

impl<M: McuType> Applied<M> {
    #[inline(always)]
    fn new(session: impl Into<AnySession<M>>, effect: Effect) -> Self {
        Self {
            session: session.into(),
            effect,
        }
    }

    #[inline(always)]
    fn changed(
        id: TransitionId,
        session: impl Into<AnySession<M>>,
        resumed: Option<McuCall>,
    ) -> Self {
        let change = StateChanged {
            transition: id,
            resumed,
        };
        Self::new(session, Effect::StateChanged(change))
    }

    #[inline(always)]
    fn resumed(id: TransitionId, resumed: Resumed<M>) -> Self {
        let call = resumed.call();
        Self::changed(id, resumed.into_session(), Some(call))
    }
}

/// A state change, as the reference's state-changed notification reports it
/// (previous and new state), plus which documented transition it was and
/// what became of the application's call with the MCU.
///
/// Everything but the call follows from the [`TransitionId`], so a record
/// cannot contradict the transition table: the previous and new state and
/// the cause are read from its row, and a record is made only by
/// [`AnySession::apply`] (or, with the `serde` feature, deserialized, which
/// refuses a record whose fields disagree with its transition).
///
/// ```
/// use mcu_session::{AnySession, Effect, Event, EventKind, InstantMessagingMcuSession, McuCall, McuInfo, McuSessionState, TransitionId, Uri};
///
/// let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let active = AnySession::from(idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None)));
/// let Effect::StateChanged(change) = active.apply(Event::McuFailingOver)?.effect else { unreachable!() };
/// assert_eq!(change.transition(), TransitionId::T3a);
/// assert_eq!((change.from(), change.to(), change.cause()), (McuSessionState::Active, McuSessionState::Retrying, EventKind::McuFailingOver));
/// assert_eq!(change.call(), Some(McuCall::Terminated));
/// assert_eq!(change.to_string(), "Active -> Retrying (McuFailingOver, call terminated)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StateChanged {
    transition: TransitionId,
    /// For the rows that report the call (4a, 4b): what the transition into
    /// Retrying did to it. `None` for every other row.
    resumed: Option<McuCall>,
}

impl StateChanged {
    /// Which documented transition this was.
    #[must_use]
    pub fn transition(&self) -> TransitionId {
        self.transition
    }

    /// The previous state.
    #[must_use]
    pub fn from(&self) -> McuSessionState {
        self.transition.row().from
    }

    /// The new state.
    #[must_use]
    pub fn to(&self) -> McuSessionState {
        self.transition.row().to
    }

    /// The event that caused it.
    #[must_use]
    pub fn cause(&self) -> EventKind {
        self.transition.row().event
    }

    /// What the transition did to the application's call with the MCU: for
    /// 3a terminated, for 3b kept; for 4a and 4b, whether it survived the
    /// Retrying state (`Terminated`: set up a new one). `None` for the
    /// transitions that do not concern the call.
    #[must_use]
    pub fn call(&self) -> Option<McuCall> {
        match self.transition.row().call {
            CallEffect::NotInvolved => None,
            CallEffect::Terminates => Some(McuCall::Terminated),
            CallEffect::Keeps => Some(McuCall::Kept),
            CallEffect::Reports => self.resumed,
        }
    }
}

impl fmt::Display for StateChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {} ({}", self.from(), self.to(), self.cause())?;
        let back_to_active = self.transition.row().call == CallEffect::Reports;
        match (self.call(), back_to_active) {
            (Some(McuCall::Terminated), false) => f.write_str(", call terminated)"),
            (Some(McuCall::Terminated), true) => f.write_str(", new call needed)"),
            (Some(McuCall::Kept), _) => f.write_str(", call kept)"),
            (None, _) => f.write_str(")"),
        }
    }
}

/// The wire form of a [`StateChanged`]: every field spelled out for readers
/// of a log, and every field checked against the transition's row when read
/// back.
#[cfg(feature = "serde")]
mod wire {
    use super::{CallEffect, EventKind, McuCall, McuSessionState, StateChanged, TransitionId};

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Record {
        transition: TransitionId,
        from: McuSessionState,
        to: McuSessionState,
        cause: EventKind,
        call: Option<McuCall>,
    }

    impl serde::Serialize for StateChanged {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Record {
                transition: self.transition,
                from: self.from(),
                to: self.to(),
                cause: self.cause(),
                call: self.call(),
            }
            .serialize(serializer)
        }
    }

    impl<'de> serde::Deserialize<'de> for StateChanged {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            use serde::de::Error;

            let record = Record::deserialize(deserializer)?;
            let row = record.transition.row();
            if (record.from, record.to, record.cause) != (row.from, row.to, row.event) {
                return Err(D::Error::custom(format_args!(
                    "transition {} is {} -> {} on {}, not {} -> {} on {}",
                    row.id, row.from, row.to, row.event, record.from, record.to, record.cause
                )));
            }
            let resumed = match (row.call, record.call) {
                (CallEffect::NotInvolved, None)
                | (CallEffect::Terminates, Some(McuCall::Terminated))
                | (CallEffect::Keeps, Some(McuCall::Kept)) => None,
                (CallEffect::Reports, Some(call)) => Some(call),
                (_, call) => {
                    return Err(D::Error::custom(format_args!(
                        "transition {} cannot report the call as {call:?}",
                        row.id
                    )));
                }
            };
            Ok(StateChanged {
                transition: record.transition,
                resumed,
            })
        }
    }
}

/// An event the session did not accept. It holds the session and the event
/// exactly as they were handed in: nothing is lost.
///
/// ```
/// use mcu_session::Rejected;
/// # use mcu_session::{AnySession, Event, InstantMessaging, Uri};
///
/// let session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// match session.apply(Event::FailoverCompleted) {
///     Err(Rejected::Undocumented { session, event }) => {
///         assert_eq!((session.state().to_string(), event), ("Idle".to_owned(), Event::FailoverCompleted));
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejected<M: McuType> {
    /// The reference documents no transition for this event in this state.
    #[error("event {} is not documented for state {}", .event.kind(), .session.state())]
    Undocumented {
        /// The session, untouched.
        session: AnySession<M>,
        /// The event, untouched.
        event: Event,
    },
    /// The event is documented for this state, but its data does not fit
    /// the session.
    #[error("event {} rejected: {problem}", .event.kind())]
    InvalidEvent {
        /// The session, untouched.
        session: AnySession<M>,
        /// The event, untouched.
        event: Event,
        /// What is wrong with the event's data.
        problem: EventProblem,
    },
}

impl<M: McuType> Rejected<M> {
    fn wrong_mcu_type(session: AnySession<M>, wrong: WrongMcuType) -> Self {
        let expected = wrong.expected();
        let mcu = wrong.into_advertised();
        Self::InvalidEvent {
            session,
            problem: EventProblem::McuTypeMismatch {
                expected,
                reported: mcu.mcu_type.clone(),
            },
            event: Event::McuActivated { mcu },
        }
    }

    fn attendance(session: AnySession<M>, error: AttendanceError) -> Self {
        let problem = EventProblem::Attendance(error.problem().clone());
        Self::InvalidEvent {
            session,
            problem,
            event: Event::Attendance {
                report: error.into_report(),
            },
        }
    }

    /// The session, as it was before the event.
    pub fn session(&self) -> &AnySession<M> {
        match self {
            Self::Undocumented { session, .. } | Self::InvalidEvent { session, .. } => session,
        }
    }

    /// The event, as it was handed in.
    pub fn event(&self) -> &Event {
        match self {
            Self::Undocumented { event, .. } | Self::InvalidEvent { event, .. } => event,
        }
    }

    /// The session and the event, handed back.
    pub fn into_parts(self) -> (AnySession<M>, Event) {
        match self {
            Self::Undocumented { session, event } | Self::InvalidEvent { session, event, .. } => {
                (session, event)
            }
        }
    }
}

/// What is wrong with an [`Event`] that the state allows.
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideo, EventProblem, Rejected};
/// # use mcu_session::{AnySession, Event, InstantMessaging, Uri};
///
/// let session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
/// let Err(Rejected::InvalidEvent { problem, .. }) = session.apply(Event::McuActivated { mcu: av }) else { panic!() };
/// assert_eq!(problem, EventProblem::McuTypeMismatch { expected: "chat", reported: "audio-video".into() });
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum EventProblem {
    /// The focus reported an MCU of another type than the session's (or one
    /// this crate does not know).
    #[error("expected a `{expected}` MCU, the focus reported `{}`", .reported.escape_debug())]
    McuTypeMismatch {
        /// The session's MCU type string.
        expected: &'static str,
        /// The MCU type string in the event.
        reported: String,
    },
    /// The attendance report does not fit the roster, or the session is not
    /// bound.
    #[error("{0}")]
    Attendance(AttendanceProblem),
}

/// How an operation was accepted by [`AnySession::submit`].
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{AnySession, InstantMessaging, McuInfo, Operation, Session, Submitted, Uri};
///
/// let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
/// let mut session = AnySession::from(active);
/// let Ok(Submitted::Sent(request)) = session.submit(Operation::block_all(), Instant::now()) else { panic!() };
/// assert_eq!(request.id.get(), 1);
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a sent request must go to the focus"]
pub enum Submitted {
    /// The session is Active: send this request to the focus now.
    Sent(Request),
    /// The session is Idle and bound: the operation waits for transition 1
    /// (or fails after 30 s).
    Queued(RequestId),
}

/// An operation the session's current state does not take; the operation
/// is handed back.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{AnySession, InstantMessaging, Joined, Operation, OperationRejected, Session, Uri};
///
/// let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let Joined::Unsupported(terminated) = idle.conference_joined([]) else { unreachable!() };
/// let mut session = AnySession::from(terminated);
/// let refused = session.submit(Operation::block_all(), Instant::now()).unwrap_err();
/// assert!(matches!(refused, OperationRejected::Invalid(_)));
/// assert_eq!(refused.into_operation(), Operation::block_all());
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OperationRejected<M: McuType> {
    /// The session is Idle and not bound to an MCU yet.
    #[error(transparent)]
    NotBound(NotBound<M>),
    /// The session is Retrying: the reference rejects operations as
    /// retryable.
    #[error("the session is Retrying: retry once it is Active")]
    Retryable(Operation<M>),
    /// The session is Terminated: the reference rejects operations as
    /// invalid.
    #[error("the session is Terminated: it takes no operations")]
    Invalid(Operation<M>),
}

impl<M: McuType> OperationRejected<M> {
    /// The operation, handed back.
    pub fn into_operation(self) -> Operation<M> {
        match self {
            Self::NotBound(error) => error.into_operation(),
            Self::Retryable(operation) | Self::Invalid(operation) => operation,
        }
    }
}
