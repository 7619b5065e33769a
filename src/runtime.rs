//! The runtime view: a session whose state is known only at run time, driven
//! by [`Event`]s, checked against the [transition table](crate::transitions).

use core::fmt;
use std::time::Instant;

use crate::transitions::{self, CallEffect, TransitionId};
use crate::{
    Active, AttendanceError, AttendanceProblem, Event, EventKind, Idle, Joined, McuCall, McuInfo,
    McuSessionState, McuType, Operation, Output, Reconnected, Request, RequestId, Resumed,
    Retrying, Roster, RosterDiff, Session, State, Terminated, Uri, WrongMcuType,
};

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
/// Move between the views with `From` and `TryFrom` (which returns the
/// `AnySession` unchanged when it is in another state):
///
/// ```
/// use mcu_session::{Active, AnySession, Idle, InstantMessagingMcuSession, Uri};
///
/// let typed = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let any = AnySession::from(typed);
///
/// let any = InstantMessagingMcuSession::<Active>::try_from(any).unwrap_err(); // it is Idle
/// let typed: InstantMessagingMcuSession<Idle> = any.try_into().unwrap();
/// # let _ = typed;
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[must_use = "dropping the session lets go of the MCU session"]
pub enum AnySession<M: McuType = crate::InstantMessaging> {
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

    /// The MCU's information once the session is bound; see [`Session::mcu`].
    pub fn mcu(&self) -> Option<&McuInfo<M>> {
        with_session!(self, session => session.mcu())
    }

    /// The endpoints attending the MCU; see [`Session::roster`].
    pub fn roster(&self) -> &Roster {
        with_session!(self, session => session.roster())
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
    /// let refused = session.submit(Operation::block_all(true), Instant::now()).unwrap_err();
    /// assert_eq!(refused.to_string(), "the session is not bound to an MCU yet");
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
                .map_err(|error| OperationRejected::NotBound(error.into_operation())),
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

    /// How many operations are queued; see [`Session::queued`].
    pub fn queued(&self) -> usize {
        with_session!(self, session => session.queued())
    }

    /// When the next queued operation expires; see [`Session::poll_timeout`].
    pub fn poll_timeout(&self) -> Option<Instant> {
        with_session!(self, session => session.poll_timeout())
    }

    /// The next released request or failed operation; see
    /// [`Session::poll_output`].
    pub fn poll_output(&mut self) -> Option<Output<M>> {
        with_session!(self, session => session.poll_output())
    }

    /// Feeds one report from the focus to the session.
    ///
    /// The event must be documented for the current state (a row of
    /// [`TRANSITIONS`](crate::transitions::TRANSITIONS) has this state and
    /// event); then the typed transition method runs and the result says
    /// where the session went. `ConferenceJoined` on an Idle session whose
    /// conference offers its MCU type binds it without a state change:
    /// [`Transition::change`] is `None`.
    ///
    /// # Errors
    ///
    /// [`Rejected::Undocumented`] when the reference documents no such
    /// transition, [`Rejected::InvalidEvent`] when the event's wire data
    /// does not fit the session (an activation reporting another MCU type).
    /// Either way the session and the event come back exactly as they were.
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AnySession, Event, InstantMessaging, McuSessionState, TransitionId, Uri};
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
    /// let change = step.change.unwrap();
    /// assert_eq!((change.transition, change.from, change.to), (TransitionId::T1, McuSessionState::Idle, McuSessionState::Active));
    /// assert_eq!(step.session.state(), McuSessionState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    // Always inlined, so the caller's session and the result can share
    // storage: out of line, every event paid ~3 library `memcpy`s of the
    // session (1.64x the baseline's instructions on 1M events). A plain
    // `#[inline]` left it to LLVM, which inlined it in one bench binary
    // (0.97x) and not in the other (1.64x); always inlined it is 1.13x and
    // 1.20x. See README, Performance.
    #[inline(always)]
    pub fn apply(self, event: Event) -> Result<Transition<M>, Rejected<M>> {
        if !transitions::documents(self.state(), event.kind()) {
            return Err(Rejected::Undocumented {
                session: self,
                event,
            });
        }
        Ok(match (self, event) {
            (Self::Idle(idle), Event::ConferenceJoined { offered }) => {
                match idle.conference_joined(&offered) {
                    Joined::Bound(idle) => Transition {
                        session: idle.into(),
                        change: None,
                        roster: None,
                    },
                    Joined::Unsupported(terminated) => {
                        Transition::by(TransitionId::T2, terminated, None)
                    }
                }
            }
            (Self::Idle(idle), Event::McuActivated { mcu }) => match McuInfo::try_from(mcu) {
                Ok(mcu) => Transition::by(TransitionId::T1, idle.mcu_activated(mcu), None),
                Err(wrong) => return Err(Rejected::wrong_mcu_type(idle.into(), wrong)),
            },
            (Self::Active(active), Event::McuFailingOver) => {
                let retrying = active.mcu_failing_over();
                let call = retrying.call();
                Transition::by(TransitionId::T3a, retrying, Some(call))
            }
            (Self::Active(active), Event::FocusReconnecting) => {
                let retrying = active.focus_reconnecting();
                let call = retrying.call();
                Transition::by(TransitionId::T3b, retrying, Some(call))
            }
            (Self::Retrying(retrying), Event::FailoverCompleted) => {
                Transition::resumed(TransitionId::T4a, retrying.failover_completed())
            }
            (Self::Retrying(retrying), Event::FocusReconnected { mcu }) => {
                match retrying.focus_reconnected(mcu) {
                    Reconnected::Active(resumed) => Transition::resumed(TransitionId::T4b, resumed),
                    Reconnected::Idle(idle) => Transition::by(TransitionId::T4c, idle, None),
                }
            }
            (Self::Idle(mut idle), Event::Attendance { report }) => match idle.attendance(report) {
                Ok(diff) => Transition::roster(idle, diff),
                Err(error) => return Err(Rejected::attendance(idle.into(), error)),
            },
            (Self::Active(mut active), Event::Attendance { report }) => {
                match active.attendance(report) {
                    Ok(diff) => Transition::roster(active, diff),
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
    type Error = AnySession<M>;

    /// The typed session, when `any` is in state `S`; otherwise `any`,
    /// unchanged.
    fn try_from(any: AnySession<M>) -> Result<Self, Self::Error> {
        S::from_any(any)
    }
}

impl<M: McuType> fmt::Debug for AnySession<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        with_session!(self, session => fmt::Debug::fmt(session, f))
    }
}

impl<M: McuType> PartialEq for AnySession<M> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Idle(a), Self::Idle(b)) => a == b,
            (Self::Active(a), Self::Active(b)) => a == b,
            (Self::Retrying(a), Self::Retrying(b)) => a == b,
            (Self::Terminated(a), Self::Terminated(b)) => a == b,
            _ => false,
        }
    }
}

impl<M: McuType> Eq for AnySession<M> {}

/// An accepted event: where the session is now, and the state change it
/// made, if any.
///
/// ```
/// use mcu_session::{AnySession, Event, InstantMessaging, Uri};
///
/// let session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let step = session.apply(Event::ConferenceJoined { offered: vec![] })?; // transition 2
/// assert_eq!(step.change.map(|change| change.to.to_string()).as_deref(), Some("Terminated"));
/// assert!(step.roster.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[must_use = "the session is inside"]
#[derive(Debug, PartialEq, Eq)]
pub struct Transition<M: McuType> {
    /// The session after the event.
    pub session: AnySession<M>,
    /// The state change, the analogue of the reference's state-changed
    /// notification; `None` for the events that change the session's data
    /// but not its state ([`IN_PLACE`](crate::transitions::IN_PLACE)).
    pub change: Option<StateChanged>,
    /// What an attendance report changed in the roster. Boxed: rare, and
    /// it keeps every other event's result small.
    pub roster: Option<Box<RosterDiff>>,
}

impl<M: McuType> Transition<M> {
    fn roster(session: impl Into<AnySession<M>>, diff: RosterDiff) -> Self {
        Self {
            session: session.into(),
            change: None,
            roster: Some(Box::new(diff)),
        }
    }

    fn by(id: TransitionId, session: impl Into<AnySession<M>>, call: Option<McuCall>) -> Self {
        let row = id.row();
        Self {
            session: session.into(),
            change: Some(StateChanged {
                transition: id,
                from: row.from,
                to: row.to,
                cause: row.event,
                call,
            }),
            roster: None,
        }
    }

    fn resumed(id: TransitionId, resumed: Resumed<M>) -> Self {
        let call = resumed.call();
        Self::by(id, resumed.into_session(), Some(call))
    }
}

/// A state change, as the reference's state-changed notification reports it
/// (previous and new state), plus which documented transition it was and
/// what became of the application's call with the MCU.
///
/// ```
/// use mcu_session::{EventKind, McuCall, McuSessionState, StateChanged, TransitionId};
///
/// let change = StateChanged {
///     transition: TransitionId::T3a,
///     from: McuSessionState::Active,
///     to: McuSessionState::Retrying,
///     cause: EventKind::McuFailingOver,
///     call: Some(McuCall::Terminated),
/// };
/// assert_eq!(change.to_string(), "Active -> Retrying (McuFailingOver, call terminated)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StateChanged {
    /// Which documented transition this was.
    pub transition: TransitionId,
    /// The previous state.
    pub from: McuSessionState,
    /// The new state.
    pub to: McuSessionState,
    /// The event that caused it.
    pub cause: EventKind,
    /// For 3a and 3b, what happened to the call with the MCU; for 4a and 4b,
    /// whether it survived the Retrying state (`Terminated`: set up a new
    /// one). `None` for transitions that do not concern the call.
    pub call: Option<McuCall>,
}

impl fmt::Display for StateChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {} ({}", self.from, self.to, self.cause)?;
        let back_to_active = self.transition.row().call == CallEffect::Reports;
        match (self.call, back_to_active) {
            (Some(McuCall::Terminated), false) => f.write_str(", call terminated)"),
            (Some(McuCall::Terminated), true) => f.write_str(", new call needed)"),
            (Some(McuCall::Kept), _) => f.write_str(", call kept)"),
            (None, _) => f.write_str(")"),
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
#[derive(thiserror::Error)]
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

impl<M: McuType> fmt::Debug for Rejected<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Undocumented { session, event } => f
                .debug_struct("Undocumented")
                .field("session", session)
                .field("event", event)
                .finish(),
            Self::InvalidEvent {
                session,
                event,
                problem,
            } => f
                .debug_struct("InvalidEvent")
                .field("session", session)
                .field("event", event)
                .field("problem", problem)
                .finish(),
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
    #[error("expected a `{expected}` MCU, the focus reported `{reported}`")]
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
/// let Ok(Submitted::Sent(request)) = session.submit(Operation::block_all(true), Instant::now()) else { panic!() };
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
/// let Joined::Unsupported(terminated) = idle.conference_joined(&[]) else { unreachable!() };
/// let mut session = AnySession::from(terminated);
/// let refused = session.submit(Operation::block_all(true), Instant::now()).unwrap_err();
/// assert!(matches!(refused, OperationRejected::Invalid(_)));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(thiserror::Error)]
pub enum OperationRejected<M: McuType> {
    /// The session is Idle and not bound to an MCU yet.
    #[error("the session is not bound to an MCU yet")]
    NotBound(Operation<M>),
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
            Self::NotBound(operation) | Self::Retryable(operation) | Self::Invalid(operation) => {
                operation
            }
        }
    }
}

impl<M: McuType> fmt::Debug for OperationRejected<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (name, operation) = match self {
            Self::NotBound(operation) => ("NotBound", operation),
            Self::Retryable(operation) => ("Retryable", operation),
            Self::Invalid(operation) => ("Invalid", operation),
        };
        f.debug_tuple(name).field(operation).finish()
    }
}
