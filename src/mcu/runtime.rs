//! The runtime view: a session whose state is known only at run time, driven
//! by [`Event`]s, checked against the [transition table](crate::mcu::transitions).

use core::fmt;
use core::mem;
use std::sync::Arc;
use std::time::Instant;

use crate::mcu::event::{Event, EventKind, McuStatus, Signal};
use crate::mcu::session::{self, Join, Session, Shared};
use crate::mcu::state::{
    ActiveData, AnyState, BoundData, McuCall, McuSessionState, RetryingData, State,
};
use crate::mcu::termination::TerminationReason;
use crate::mcu::transitions::{self, CallEffect, FocusLink, TransitionId};
use crate::mcu_type::{
    AdvertisedMcu, InstantMessaging, McuInfo, McuType, OfferProblem, WrongMcuType,
};
use crate::request::operation::{
    Capacities, NotBound, NotHeld, Operation, Output, QueueError, QueueFull, Request, RequestId,
    Response,
};
use crate::roster::{Attendance, AttendanceProblem, Described, Roster, RosterDiff};
use crate::uri::Uri;

/// An MCU session in any of the four states, for code that learns the state
/// from the focus at run time.
///
/// The typed [`Session<S, M>`] catches a wrong transition at compile time.
/// Event-driven code cannot always know the state statically, so
/// `AnySession` offers the same machine checked at run time, **at the cost of
/// a `match` per event and the risk of runtime errors**: an event the
/// reference does not document for the current state is refused, and the
/// session and the event are handed back untouched.
/// [`apply`](Self::apply) runs the same transitions as the typed methods,
/// in place, on the same data; it never makes a state by itself, so both
/// views accept exactly the same sequences.
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
#[derive(PartialEq, Eq)]
#[must_use = "a session ends through `conference_terminated`; dropping it loses whatever it holds"]
pub struct AnySession<M: McuType = InstantMessaging> {
    /// What every state knows, exactly as a typed session holds it.
    shared: Shared<M>,
    /// The state, with exactly that state's data.
    state: AnyState<M>,
}

/// Prints like a typed session: the state by name, then what it knows.
impl<M: McuType> fmt::Debug for AnySession<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("AnySession");
        out.field("state", &self.state())
            .field("mcu_type", &M::MCU_TYPE)
            .field("conference", self.conference());
        if let Some(mcu) = self.mcu() {
            out.field("mcu", mcu);
        }
        if let Some(call) = self.call() {
            out.field("call", &call);
        }
        if let Some(reason) = self.reason() {
            out.field("reason", reason);
        }
        out.field("queue", &self.shared.queue)
            .field("roster", &self.shared.roster)
            .finish()
    }
}

impl<M: McuType> AnySession<M> {
    /// A new, unbound Idle session for `conference`: [`Session::new`], viewed
    /// at run time.
    pub fn new(conference: Uri) -> Self {
        Session::<crate::mcu::state::Idle, M>::new(conference).into()
    }

    /// A new, unbound Idle session that holds at most `capacities`: see
    /// [`Session::with_capacities`].
    pub fn with_capacities(conference: Uri, capacities: Capacities) -> Self {
        Session::<crate::mcu::state::Idle, M>::with_capacities(conference, capacities).into()
    }

    /// The state the session is in.
    pub fn state(&self) -> McuSessionState {
        match self.state {
            AnyState::Idle(_) => McuSessionState::Idle,
            AnyState::Bound(BoundData { retrying: None, .. }) => McuSessionState::Active,
            AnyState::Bound(BoundData {
                retrying: Some(_), ..
            }) => McuSessionState::Retrying,
            AnyState::Terminated(_) => McuSessionState::Terminated,
        }
    }

    /// The conference the session belongs to.
    pub fn conference(&self) -> &Uri {
        self.shared.conference()
    }

    /// The MCU's information when the session knows it: always when Active
    /// or Retrying, when bound if Idle, never when Terminated.
    pub fn mcu(&self) -> Option<&McuInfo<M>> {
        match &self.state {
            AnyState::Idle(idle) => idle.mcu.as_ref(),
            AnyState::Bound(bound) => Some(&bound.mcu),
            AnyState::Terminated(_) => None,
        }
    }

    /// What became of the call with the MCU when the session left Active;
    /// `Some` exactly when Retrying (see `Session<Retrying, M>::call`).
    pub fn call(&self) -> Option<McuCall> {
        match &self.state {
            AnyState::Bound(bound) => bound.retrying,
            AnyState::Idle(_) | AnyState::Terminated(_) => None,
        }
    }

    /// Why the session was terminated; `Some` exactly when Terminated (see
    /// `Session<Terminated, M>::reason`).
    pub fn reason(&self) -> Option<&TerminationReason> {
        match &self.state {
            AnyState::Terminated(terminated) => Some(&terminated.reason),
            AnyState::Idle(_) | AnyState::Bound(_) => None,
        }
    }

    /// The endpoints attending the MCU; see [`Session::roster`]. `None` when
    /// Terminated: a terminated session has no MCU.
    pub fn roster(&self) -> Option<&Roster> {
        match self.state {
            AnyState::Terminated(_) => None,
            AnyState::Idle(_) | AnyState::Bound(_) => Some(&self.shared.roster),
        }
    }

    /// Submits an operation: sent at once when Active, queued when Idle and
    /// bound ([`Session::request`], [`Session::queue`]).
    ///
    /// # Errors
    ///
    /// [`OperationRejected`], handing the operation back, when the state
    /// takes no operations (Retrying: retryable; Terminated: invalid), the
    /// Idle session is not bound, or the session holds as many operations as
    /// its [`Capacities`] allow.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AnySession, InstantMessaging, Operation, OperationRejected, Uri};
    ///
    /// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let refused = session.submit(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
    /// assert_eq!(refused.to_string(), "the session is not bound to a `chat` MCU yet: join a conference that offers one first");
    /// let _operation = refused.into_operation(); // nothing is lost
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn submit(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Submitted, OperationRejected<M>> {
        match &self.state {
            AnyState::Bound(BoundData { retrying: None, .. }) => self
                .shared
                .request(operation, now)
                .map(Submitted::Sent)
                .map_err(OperationRejected::Full),
            AnyState::Idle(idle) => self
                .shared
                .queue(idle.mcu.is_some(), operation, now)
                .map(Submitted::Queued)
                .map_err(|error| match error {
                    QueueError::NotBound(error) => OperationRejected::NotBound(error),
                    QueueError::Full(error) => OperationRejected::Full(error),
                }),
            AnyState::Bound(BoundData {
                retrying: Some(_), ..
            }) => Err(OperationRejected::Retryable(operation)),
            AnyState::Terminated(_) => Err(OperationRejected::Invalid(operation)),
        }
    }

    /// Fails the held operations whose time is over at `now`, queued or
    /// pending; see [`Session::handle_timeout`]. A Terminated session holds
    /// nothing, so there this does nothing and returns 0.
    pub fn handle_timeout(&mut self, now: Instant) -> usize {
        self.shared.queue.expire(now)
    }

    /// How many sent requests wait for the focus's answer; see
    /// [`Session::pending`]. Only Active and Retrying sessions have any.
    pub fn pending(&self) -> usize {
        self.shared.queue.pending()
    }

    /// Gives up on the operation `id`, queued or pending, and hands it back;
    /// see [`Session::cancel`].
    ///
    /// # Errors
    ///
    /// [`NotHeld`], naming the id, when the session holds no such operation.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AdvertisedMcu, AnySession, Event, InstantMessaging, Operation, Submitted, Uri};
    ///
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// session.apply(Event::McuActivated { mcu: chat }, Instant::now())?;
    /// let Submitted::Sent(request) = session.submit(Operation::enable_block_all_mode(), Instant::now())? else { unreachable!() };
    /// assert_eq!(session.cancel(request.id)?, Operation::enable_block_all_mode());
    /// assert_eq!(session.pending(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld> {
        self.shared.queue.cancel(id)
    }

    /// How many operations are queued; see [`Session::queued`]. Only an
    /// Idle session queues, so in other states this is 0.
    pub fn queued(&self) -> usize {
        match self.state {
            AnyState::Idle(_) => self.shared.queue.waiting(),
            AnyState::Bound(_) | AnyState::Terminated(_) => 0,
        }
    }

    /// When the next held operation (queued or pending) expires; see
    /// [`Session::poll_timeout`]. `None` when nothing is held.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.shared.queue.next_deadline()
    }

    /// The next released request or failed operation; see
    /// [`Session::poll_output`].
    pub fn poll_output(&mut self) -> Option<Output<M>> {
        self.shared.queue.poll()
    }

    /// Feeds one report from the focus to the session, in place. `now` is
    /// when it arrived: every input that can touch a timer takes the time
    /// (transition 1 releases the queue, and what is past its 30 s at `now`
    /// fails instead of going out late).
    ///
    /// The event must be documented for the current state (a row of
    /// [`TRANSITIONS`](crate::mcu::transitions::TRANSITIONS) or
    /// [`IN_PLACE`](crate::mcu::transitions::IN_PLACE) has this state and event);
    /// then the transition runs on the session's data and the [`Effect`]
    /// says exactly what happened: a state change, a binding, a completed
    /// join, or a roster change.
    ///
    /// # Errors
    ///
    /// [`Refused`], holding the event untouched, when the reference documents
    /// no such event for the state or the event's wire data does not fit
    /// the session (an activation reporting another MCU type, a join that
    /// lacks the Active session's MCU type, an attendance report that does
    /// not fit the roster). The session is then exactly as it was.
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AnySession, Effect, Event, InstantMessaging, McuSessionState, Uri};
    ///
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    ///
    /// let refused = session.apply(Event::McuFailingOver, std::time::Instant::now()).unwrap_err();
    /// assert_eq!(refused.to_string(), "event McuFailingOver is not documented for state Idle");
    /// assert_eq!(refused.into_event(), Event::McuFailingOver); // handed back
    ///
    /// let Effect::StateChanged(change) = session.apply(Event::McuActivated { mcu: chat }, std::time::Instant::now())? else { unreachable!() };
    /// assert_eq!(change.to_string(), "Idle -> Active (McuActivated)");
    /// assert_eq!(session.state(), McuSessionState::Active);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    // Inlined into the caller, so that its `match` on the result folds with
    // this one, which makes the data-free events far cheaper than a call
    // (`bash benches/peers/instructions.sh`). The events that carry
    // data are handled out of line, so what is inlined stays small.
    #[inline(always)]
    pub fn apply(&mut self, event: Event, now: Instant) -> Result<Effect, Refused> {
        // Each arm accepts exactly the (state, event) pairs the tables
        // document (`ACCEPTED`, checked against them at compile time below)
        // and refuses every other; the events that carry data are handled
        // out of line, so the data-free ones stay a few instructions.
        match event {
            Event::McuFailingOver => self.signalled_event(Signal::McuFailingOver),
            Event::FocusReconnecting => self.signalled_event(Signal::FocusReconnecting),
            Event::FailoverCompleted => self.signalled_event(Signal::FailoverCompleted),
            Event::FocusReconnected {
                mcu: McuStatus::Active,
            } => self.signalled_event(Signal::FocusReconnectedActive),
            Event::FocusReconnected {
                mcu: McuStatus::NotActive,
            } => self.signalled_event(Signal::FocusReconnectedNotActive),
            Event::McuActivated { mcu } => self.activate(mcu, now),
            Event::ConferenceJoined { offered } => self.joined(offered),
            Event::Attendance { report } => self.attended(report),
            Event::Response { response } => self.answered(response),
            Event::ConferenceTerminated => self.signalled_event(Signal::ConferenceTerminated),
        }
    }

    /// The focus's answer to a pending request, as
    /// [`apply`](Self::apply) takes it, handed back when no request of this
    /// session waits for it: what a client routes a C3P response to.
    #[cfg(feature = "xml")]
    pub(crate) fn answer(
        &mut self,
        response: Response,
    ) -> Result<(), crate::request::operation::UnknownResponse> {
        if !matches!(self.state, AnyState::Bound(_)) {
            return Err(crate::request::operation::UnknownResponse::new(response));
        }
        self.shared.queue.answer(response)
    }

    /// The focus's answer: in place on an Active or Retrying session that
    /// holds the request pending.
    #[inline(never)]
    fn answered(&mut self, response: Response) -> Result<Effect, Refused> {
        if !matches!(self.state, AnyState::Bound(_)) {
            return Err(self.undocumented(Event::Response { response }));
        }
        let id = response.id();
        match self.shared.queue.answer(response) {
            Ok(()) => Ok(Effect::Answered(id)),
            Err(unknown) => Err(Refused::InvalidEvent {
                problem: EventProblem::NotPending { id },
                event: Event::Response {
                    response: unknown.into_response(),
                },
            }),
        }
    }

    /// An attendance report: in place on a bound Idle or an Active session.
    #[inline(never)]
    fn attended(&mut self, report: Attendance) -> Result<Effect, Refused> {
        let bound = match &self.state {
            AnyState::Idle(idle) => idle.mcu.is_some(),
            AnyState::Bound(BoundData { retrying: None, .. }) => true,
            AnyState::Bound(_) | AnyState::Terminated(_) => {
                return Err(self.undocumented(Event::Attendance { report }));
            }
        };
        match self.shared.attendance(bound, report) {
            Ok(diff) => Ok(Effect::Roster(Arc::new(diff))),
            Err(error) => Err(Refused::InvalidEvent {
                problem: EventProblem::Attendance(error.problem()),
                event: Event::Attendance {
                    report: error.into_report(),
                },
            }),
        }
    }

    /// Feeds one data-free report from the focus to the session, in place:
    /// [`apply`](Self::apply) for the [`Signal`]s, which the transitions 3a,
    /// 3b, 4a, 4b and 4c are made of. A `Signal` is `Copy`, so nothing is
    /// moved in and nothing handed back but the value, and the result is a
    /// few bytes: this is the runtime view at the cost of a hand-written
    /// machine's `match`. It runs the same transitions as `apply` (which
    /// calls it for these events).
    ///
    /// Refused, naming the state and the signal, when the reference
    /// documents no such event for the state; the session is untouched.
    pub(crate) fn signal(&mut self, signal: Signal) -> Result<StateChanged, SignalRefused> {
        self.signalled(signal)
    }

    /// What [`signal`](Self::signal) does, inlined into it and into
    /// [`apply`](Self::apply): every path ends in its result or in one call
    /// in tail position (4c, a refusal), so the common path needs no frame.
    #[inline(always)]
    fn signalled(&mut self, signal: Signal) -> Result<StateChanged, SignalRefused> {
        match signal {
            Signal::McuFailingOver => self.retrying(McuCall::Terminated, TransitionId::T3a, signal),
            Signal::FocusReconnecting => self.retrying(McuCall::Kept, TransitionId::T3b, signal),
            Signal::FailoverCompleted => self.resume(TransitionId::T4a, signal),
            Signal::FocusReconnectedActive => self.resume(TransitionId::T4b, signal),
            Signal::FocusReconnectedNotActive => self.back_to_idle(),
            Signal::ConferenceTerminated => self.conference_terminated(),
        }
    }

    /// A data-free event through [`signalled`](Self::signalled), answered as
    /// `apply` answers.
    #[inline(always)]
    fn signalled_event(&mut self, signal: Signal) -> Result<Effect, Refused> {
        match self.signalled(signal) {
            Ok(change) => Ok(Effect::StateChanged(change)),
            Err(refused) => Err(refused.into()),
        }
    }

    /// The signal, refused as undocumented for the state the session is in.
    #[cold]
    #[inline(never)]
    fn refuse_signal(&self, signal: Signal) -> Result<StateChanged, SignalRefused> {
        Err(SignalRefused {
            state: self.state(),
            signal,
        })
    }

    /// Transitions 3a and 3b: the Active session's data stays where it is
    /// and records what became of the call.
    #[inline(always)]
    fn retrying(
        &mut self,
        call: McuCall,
        id: TransitionId,
        signal: Signal,
    ) -> Result<StateChanged, SignalRefused> {
        match &mut self.state {
            AnyState::Bound(BoundData { retrying, .. }) if retrying.is_none() => {
                *retrying = Some(call);
                lose_focus_if(id, &mut self.shared);
                Ok(StateChanged::new(id))
            }
            _ => self.refuse_signal(signal),
        }
    }

    /// The id its next request gets.
    /// The operation sent under `id`, while it waits for the focus's
    /// answer.
    #[cfg(feature = "xml")]
    pub(crate) fn pending_operation(&self, id: RequestId) -> Option<&Operation<M>> {
        self.shared.queue.pending_of(id)
    }

    pub(crate) fn next_request_id(&self) -> u64 {
        self.shared.queue.next_request_id()
    }

    /// Numbers its next request from `next` on (never back).
    pub(crate) fn number_from(&mut self, next: u64) {
        self.shared.queue.number_from(next);
    }

    /// The conference lost its focus link while this session was Retrying
    /// after an MCU failover (3a): no transition (3 starts from Active),
    /// but "after failover is detected, pending conference operations fail
    /// immediately", so what it has pending fails with `SessionRetrying`,
    /// as 3b fails an Active session's. Any other state is not concerned:
    /// an Active one takes 3b, and no other holds a pending request.
    #[inline(always)]
    pub(crate) fn focus_lost_while_retrying(&mut self) {
        if let AnyState::Bound(BoundData {
            retrying: Some(_), ..
        }) = self.state
        {
            self.shared.queue.focus_lost();
        }
    }

    /// Transitions 4a and 4b: Active again, reporting what became of the
    /// call.
    #[inline(always)]
    fn resume(&mut self, id: TransitionId, signal: Signal) -> Result<StateChanged, SignalRefused> {
        if let AnyState::Bound(BoundData { retrying, .. }) = &mut self.state {
            if let Some(call) = retrying.take() {
                lose_focus_if(id, &mut self.shared);
                return Ok(StateChanged::resumed(id, call));
            }
        }
        self.refuse_signal(signal)
    }

    /// Transition 4c; refused (and the state put back) unless Retrying.
    #[inline(never)]
    fn back_to_idle(&mut self) -> Result<StateChanged, SignalRefused> {
        match mem::replace(&mut self.state, AnyState::TAKEN) {
            AnyState::Bound(BoundData {
                mcu,
                retrying: Some(call),
            }) => {
                self.state = AnyState::Idle(RetryingData { mcu, call }.back_to_idle());
                lose_focus_if(TransitionId::T4c, &mut self.shared);
                Ok(StateChanged::new(TransitionId::T4c))
            }
            other => {
                self.state = other;
                self.refuse_signal(Signal::FocusReconnectedNotActive)
            }
        }
    }

    /// Transitions 5a, 5b and 5c; refused when already Terminated.
    #[inline(never)]
    fn conference_terminated(&mut self) -> Result<StateChanged, SignalRefused> {
        let transition = match self.state {
            AnyState::Idle(_) => TransitionId::T5a,
            AnyState::Bound(BoundData { retrying: None, .. }) => TransitionId::T5b,
            AnyState::Bound(BoundData {
                retrying: Some(_), ..
            }) => TransitionId::T5c,
            AnyState::Terminated(_) => {
                return self.refuse_signal(Signal::ConferenceTerminated);
            }
        };
        self.state = AnyState::Terminated(self.shared.conference_terminated());
        Ok(StateChanged::new(transition))
    }

    /// Transition 1, after checking the report's MCU type.
    #[inline(never)]
    fn activate(&mut self, mcu: AdvertisedMcu, now: Instant) -> Result<Effect, Refused> {
        // The state first: a refused report goes back exactly as it came.
        if !matches!(self.state, AnyState::Idle(_)) {
            return Err(self.undocumented(Event::McuActivated { mcu }));
        }
        let mcu = match McuInfo::try_from(mcu) {
            Ok(mcu) => mcu,
            Err(wrong) => return Err(Refused::wrong_mcu_type(wrong)),
        };
        match mem::replace(&mut self.state, AnyState::TAKEN) {
            AnyState::Idle(idle) => {
                let ActiveData { mcu } = idle.activate(&mut self.shared, mcu, now);
                self.state = AnyState::Bound(BoundData {
                    mcu,
                    retrying: None,
                });
                Ok(Effect::changed(TransitionId::T1))
            }
            // Checked above; put back untouched should it ever differ.
            other => self.refuse(
                other,
                Event::McuActivated {
                    mcu: mcu.into_advertised(),
                },
            ),
        }
    }

    /// The join completed: binding or transition 2 when Idle, the join
    /// completing after activation when Active.
    #[inline(never)]
    pub(crate) fn joined(&mut self, offered: Vec<AdvertisedMcu>) -> Result<Effect, Refused> {
        if let AnyState::Bound(BoundData {
            mcu,
            retrying: None,
        }) = &mut self.state
        {
            return match session::join_completed(mcu, offered) {
                Ok(()) => Ok(Effect::JoinCompleted),
                Err((offered, problem)) => Err(Refused::offer::<M>(offered, problem)),
            };
        }
        match mem::replace(&mut self.state, AnyState::TAKEN) {
            AnyState::Idle(idle) => match idle.join(&mut self.shared, offered) {
                Join::Bound(idle) => {
                    self.state = AnyState::Idle(idle);
                    Ok(Effect::Bound)
                }
                Join::Unsupported(terminated) => {
                    self.state = AnyState::Terminated(terminated);
                    Ok(Effect::changed(TransitionId::T2))
                }
                Join::OfferedTwice(idle, offered) => {
                    self.state = AnyState::Idle(idle);
                    Err(Refused::offer::<M>(offered, OfferProblem::OfferedTwice))
                }
            },
            other => self.refuse(other, Event::ConferenceJoined { offered }),
        }
    }

    /// Puts the state back and refuses the event: what a transition does when
    /// it meets a state the table did not let it expect.
    #[cold]
    fn refuse(&mut self, state: AnyState<M>, event: Event) -> Result<Effect, Refused> {
        self.state = state;
        Err(self.undocumented(event))
    }

    /// The event, refused as undocumented for the state the session is in.
    #[cold]
    fn undocumented(&self, event: Event) -> Refused {
        Refused::Undocumented {
            state: self.state(),
            event,
        }
    }
}

/// Marks the pending requests failed with `SessionRetrying` when the row of
/// `transition` loses the focus link ([`FocusLink::Lost`]: 3b, 4b, 4c), as
/// the typed methods mark them. The row is a constant at every call, so this
/// folds to nothing, or to a check and a store.
#[inline(always)]
fn lose_focus_if<M: McuType>(transition: TransitionId, shared: &mut Shared<M>) {
    if let FocusLink::Lost = transition.row().focus {
        shared.queue.focus_lost();
    }
}

/// The (state, event) pairs [`AnySession::apply`] accepts, arm by arm: 1,
/// 2 and binding, activation's late join, 3a, 3b, 4a, 4b and 4c,
/// attendance, the focus's answers, and 5a, 5b and 5c. The table of the reference is the single source: the
/// assertion below fails the build unless this list is exactly the pairs
/// [`transitions::documents`] says yes to, and the model check
/// (`tests/it/model.rs`) proves each arm does what its row says.
const ACCEPTED: &[(McuSessionState, EventKind)] = &[
    (McuSessionState::Idle, EventKind::ConferenceJoined),
    (McuSessionState::Idle, EventKind::McuActivated),
    (McuSessionState::Idle, EventKind::Attendance),
    (McuSessionState::Active, EventKind::ConferenceJoined),
    (McuSessionState::Active, EventKind::McuFailingOver),
    (McuSessionState::Active, EventKind::FocusReconnecting),
    (McuSessionState::Active, EventKind::Attendance),
    (McuSessionState::Active, EventKind::Response),
    (McuSessionState::Retrying, EventKind::FailoverCompleted),
    (McuSessionState::Retrying, EventKind::FocusReconnected),
    (McuSessionState::Retrying, EventKind::Response),
    (McuSessionState::Idle, EventKind::ConferenceTerminated),
    (McuSessionState::Active, EventKind::ConferenceTerminated),
    (McuSessionState::Retrying, EventKind::ConferenceTerminated),
];

const _: () = {
    const fn accepted(state: McuSessionState, event: EventKind) -> bool {
        let mut pairs = ACCEPTED;
        while let [(s, e), rest @ ..] = pairs {
            if *s as u8 == state as u8 && *e as u8 == event as u8 {
                return true;
            }
            pairs = rest;
        }
        false
    }
    let mut states: &[McuSessionState] = &McuSessionState::ALL;
    while let [state, more_states @ ..] = states {
        let mut events: &[EventKind] = &EventKind::ALL;
        while let [event, more_events @ ..] = events {
            assert!(
                accepted(*state, *event) == transitions::documents(*state, *event),
                "AnySession::apply must accept exactly the pairs the transition tables document"
            );
            events = more_events;
        }
        states = more_states;
    }
};

impl<S: State, M: McuType> From<Session<S, M>> for AnySession<M> {
    fn from(session: Session<S, M>) -> Self {
        let (shared, state) = session::into_parts(session);
        Self {
            shared,
            state: S::wrap(state),
        }
    }
}

impl<S: State, M: McuType> TryFrom<AnySession<M>> for Session<S, M> {
    type Error = WrongState<M>;

    /// The typed session, when `any` is in state `S`; otherwise a
    /// [`WrongState`] holding `any`, unchanged.
    fn try_from(any: AnySession<M>) -> Result<Self, Self::Error> {
        let AnySession { shared, state } = any;
        match S::unwrap(state) {
            Ok(state) => Ok(session::from_parts(shared, state)),
            Err(state) => Err(WrongState {
                expected: S::STATE,
                session: AnySession { shared, state },
            }),
        }
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

/// What an accepted event did to the session: one documented transition,
/// or one of the in-place changes of
/// [`IN_PLACE`](crate::mcu::transitions::IN_PLACE).
///
/// ```
/// use mcu_session::{AdvertisedMcu, AnySession, Effect, Event, InstantMessaging, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let effect = session.apply(Event::ConferenceJoined { offered: vec![chat] }, std::time::Instant::now())?;
/// assert_eq!(effect, Effect::Bound);
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
    /// The join completed after the MCU became active (transition 1 "can
    /// occur before or after the callback passed to BeginJoin() is called"):
    /// the Active session stays Active and keeps the MCU's entry from the
    /// offer.
    JoinCompleted,
    /// An attendance report changed the roster like this. Boxed: rare, and it
    /// keeps every other event's result small.
    Roster(Arc<RosterDiff>),
    /// The focus's answer settled the pending request with this id: its
    /// output ([`Output::Succeeded`] or [`Output::Failed`]), with the
    /// operation handed back, waits in
    /// [`poll_output`](AnySession::poll_output).
    Answered(RequestId),
}

impl Effect {
    #[inline(always)]
    fn changed(transition: TransitionId) -> Self {
        Self::StateChanged(StateChanged::new(transition))
    }
}

/// A state change, as the reference's state-changed notification reports it
/// (previous and new state), plus which documented transition it was and
/// what became of the application's call with the MCU.
///
/// Everything but the call follows from the [`TransitionId`], so a record
/// cannot contradict the transition table: the previous and new state and
/// the cause are its row's, and a record is made only by
/// [`AnySession::apply`] (or, with the `serde` feature, deserialized, which
/// refuses a record whose fields disagree with its transition).
///
/// ```
/// use mcu_session::{AnySession, Effect, Event, EventKind, InstantMessagingMcuSession, McuCall, McuInfo, McuSessionState, TransitionId, Uri};
///
/// let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let mut active = AnySession::from(idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now()));
/// let Effect::StateChanged(change) = active.apply(Event::McuFailingOver, std::time::Instant::now())? else { unreachable!() };
/// assert_eq!(change.transition(), TransitionId::T3a);
/// assert_eq!((change.from(), change.to(), change.cause()), (McuSessionState::Active, McuSessionState::Retrying, EventKind::McuFailingOver));
/// assert_eq!(change.call(), Some(McuCall::Terminated));
/// assert_eq!(change.to_string(), "Active -> Retrying (McuFailingOver, call terminated)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct StateChanged {
    transition: TransitionId,
    /// The row's new state, kept beside the transition so that reading it
    /// is a load, not a lookup: what every user reads after every change.
    to: McuSessionState,
    /// What the transition did to the call, or what the transition into
    /// Retrying did to it for the rows that report it (4a, 4b).
    call: Option<McuCall>,
}

// Three bytes: a transition's result and its refusal still travel in
// registers (`AnySession::signal` returns in four).
const _: () = assert!(core::mem::size_of::<StateChanged>() == 3);

impl StateChanged {
    /// A transition whose row does not report the call (all but 4a and 4b;
    /// for those, [`resumed`](Self::resumed)).
    #[inline(always)]
    const fn new(transition: TransitionId) -> Self {
        let row = transition.row();
        let call = match row.call {
            CallEffect::NotInvolved => None,
            CallEffect::Terminates => Some(McuCall::Terminated),
            // Reporting rows say what became of the call; without a report,
            // the call was kept (nothing terminated it).
            CallEffect::Keeps | CallEffect::Reports => Some(McuCall::Kept),
        };
        Self {
            transition,
            to: row.to,
            call,
        }
    }

    /// 4a or 4b, reporting what became of the call (any other row as
    /// [`new`](Self::new) makes it).
    #[inline(always)]
    const fn resumed(transition: TransitionId, call: McuCall) -> Self {
        let row = transition.row();
        match row.call {
            CallEffect::Reports => Self {
                transition,
                to: row.to,
                call: Some(call),
            },
            CallEffect::NotInvolved | CallEffect::Terminates | CallEffect::Keeps => {
                Self::new(transition)
            }
        }
    }

    /// Which documented transition this was.
    #[must_use]
    #[inline]
    pub const fn transition(&self) -> TransitionId {
        self.transition
    }

    /// The previous state.
    #[must_use]
    #[inline]
    pub const fn from(&self) -> McuSessionState {
        self.transition.row().from
    }

    /// The new state.
    #[must_use]
    #[inline]
    pub const fn to(&self) -> McuSessionState {
        self.to
    }

    /// The event that caused it.
    #[must_use]
    #[inline]
    pub const fn cause(&self) -> EventKind {
        self.transition.row().event
    }

    /// What the transition did to the application's call with the MCU: for
    /// 3a terminated, for 3b kept; for 4a and 4b, whether it survived the
    /// Retrying state (`Terminated`: set up a new one). `None` for the
    /// transitions that do not concern the call.
    #[must_use]
    #[inline]
    pub const fn call(&self) -> Option<McuCall> {
        self.call
    }
}

/// Prints the transition and the call, as the accessors read them.
impl fmt::Debug for StateChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StateChanged")
            .field("transition", &self.transition())
            .field("call", &self.call())
            .finish()
    }
}

impl fmt::Display for StateChanged {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {} ({}", self.from(), self.to(), self.cause())?;
        let back_to_active = self.transition().row().call == CallEffect::Reports;
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
        #[serde(deserialize_with = "crate::strict::required")]
        call: Option<McuCall>,
    }

    impl serde::Serialize for StateChanged {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            Record {
                transition: self.transition(),
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

            let record: Record = crate::strict::map_only(
                deserializer,
                "a state change: an object with transition, from, to, cause and call",
            )?;
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
            Ok(match resumed {
                Some(call) => StateChanged::resumed(record.transition, call),
                None => StateChanged::new(record.transition),
            })
        }
    }
}

/// An event [`AnySession::apply`] did not accept. It holds the event
/// exactly as it was handed in; the session, which stays where it is, is
/// untouched.
///
/// ```
/// use mcu_session::{AnySession, Event, InstantMessaging, McuSessionState, Refused, Uri};
///
/// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// match session.apply(Event::FailoverCompleted, std::time::Instant::now()) {
///     Err(Refused::Undocumented { state, event }) => {
///         assert_eq!((state, event), (McuSessionState::Idle, Event::FailoverCompleted));
///     }
///     other => panic!("{other:?}"),
/// }
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refused {
    /// The reference documents no transition for this event in this state.
    #[error("event {} is not documented for state {state}", .event.kind())]
    Undocumented {
        /// The state the session is in, and stays in.
        state: McuSessionState,
        /// The event, untouched.
        event: Event,
    },
    /// The event is documented for this state, but its data does not fit
    /// the session.
    #[error("event {} rejected: {}", .event.kind(), Invalid(event, problem))]
    InvalidEvent {
        /// The event, untouched.
        event: Event,
        /// What is wrong with the event's data.
        problem: EventProblem,
    },
}

impl Refused {
    /// A join whose offer does not name the session's MCU type exactly
    /// once, handed back.
    fn offer<M: McuType>(offered: Vec<AdvertisedMcu>, problem: OfferProblem) -> Self {
        Self::InvalidEvent {
            problem: EventProblem::offer(problem, M::MCU_TYPE),
            event: Event::ConferenceJoined { offered },
        }
    }

    fn wrong_mcu_type(wrong: WrongMcuType) -> Self {
        let expected = wrong.expected();
        let mcu = wrong.into_advertised();
        Self::InvalidEvent {
            problem: EventProblem::McuTypeMismatch { expected },
            event: Event::McuActivated { mcu },
        }
    }

    /// The event, as it was handed in.
    pub fn event(&self) -> &Event {
        match self {
            Self::Undocumented { event, .. } | Self::InvalidEvent { event, .. } => event,
        }
    }

    /// The event, handed back.
    pub fn into_event(self) -> Event {
        match self {
            Self::Undocumented { event, .. } | Self::InvalidEvent { event, .. } => event,
        }
    }
}

/// A [`Signal`] [`AnySession::signal`] did not accept: the reference
/// documents no such event for the state the session is in, which is
/// untouched. It converts into the [`Refused`] that [`AnySession::apply`]
/// returns for the same event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[error("event {} is not documented for state {state}", .signal.kind())]
pub(crate) struct SignalRefused {
    state: McuSessionState,
    signal: Signal,
}

impl From<SignalRefused> for Refused {
    fn from(refused: SignalRefused) -> Self {
        Self::Undocumented {
            state: refused.state,
            event: refused.signal.into(),
        }
    }
}

/// An invalid event's problem, with what the event itself says about it.
struct Invalid<'a>(&'a Event, &'a EventProblem);

impl fmt::Display for Invalid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid(Event::McuActivated { mcu }, EventProblem::McuTypeMismatch { expected }) => {
                write!(
                    f,
                    "expected a `{expected}` MCU, the focus reported `{}`",
                    mcu.mcu_type.escape_debug()
                )
            }
            Invalid(Event::Attendance { report }, EventProblem::Attendance(problem)) => {
                fmt::Display::fmt(&Described(report, *problem), f)
            }
            Invalid(_, problem) => fmt::Display::fmt(problem, f),
        }
    }
}

/// What is wrong with an [`Event`] that the state allows.
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideo, EventProblem, Refused};
/// # use mcu_session::{AnySession, Event, InstantMessaging, Uri};
///
/// let mut session = AnySession::<InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
/// let Err(Refused::InvalidEvent { problem, .. }) = session.apply(Event::McuActivated { mcu: av }, std::time::Instant::now()) else { panic!() };
/// assert_eq!(problem, EventProblem::McuTypeMismatch { expected: "chat" });
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum EventProblem {
    /// The focus reported an MCU of another type than the session's (or one
    /// this crate does not know); the event says which.
    #[error("expected a `{expected}` MCU, the focus reported another")]
    McuTypeMismatch {
        /// The session's MCU type string.
        expected: &'static str,
    },
    /// The join completed on an Active session, but the conference does
    /// not offer the session's MCU type: the focus contradicts itself (it
    /// reported the MCU active).
    #[error(
        "the focus reported the `{expected}` MCU active, but the joined conference does not offer one"
    )]
    McuNotOffered {
        /// The session's MCU type string.
        expected: &'static str,
    },
    /// The join's offer lists the session's MCU type more than once (on an
    /// Idle or an Active session): which entry the session is bound to
    /// would be a guess.
    #[error("the joined conference offers the `{expected}` MCU more than once")]
    McuOfferedTwice {
        /// The session's MCU type string.
        expected: &'static str,
    },
    /// The attendance report does not fit the roster, or the session is not
    /// bound.
    #[error("{0}")]
    Attendance(AttendanceProblem),
    /// The focus answered a request the session does not hold pending:
    /// never sent, or already answered, failed, expired or cancelled.
    #[error(
        "the session holds no pending request {id}: never sent, or already answered, failed or cancelled"
    )]
    NotPending {
        /// The answer's id.
        id: RequestId,
    },
}

// A refusal owns nothing but the event it hands back: with a problem that
// needs dropping, every caller of `apply` paid an out-of-line call to drop
// the result after each event, accepted or not (see `AttendanceProblem`).
static_assertions::const_assert!(!core::mem::needs_drop::<EventProblem>());

impl EventProblem {
    /// What an offer's problem is for a session of type `expected`.
    fn offer(problem: OfferProblem, expected: &'static str) -> Self {
        match problem {
            OfferProblem::NotOffered => Self::McuNotOffered { expected },
            OfferProblem::OfferedTwice => Self::McuOfferedTwice { expected },
        }
    }
}

/// How an operation was accepted by [`AnySession::submit`].
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{AnySession, InstantMessaging, McuInfo, Operation, Session, Submitted, Uri};
///
/// let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
/// let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let mut session = AnySession::from(active);
/// let Ok(Submitted::Sent(request)) = session.submit(Operation::enable_block_all_mode(), Instant::now()) else { panic!() };
/// assert_eq!(request.id.get(), 1);
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use = "a sent request must go to the focus"]
pub enum Submitted {
    /// The session is Active: send this request to the focus now. It is
    /// pending until the focus's answer ([`Event::Response`]) settles it.
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
/// let Ok(Joined::Unsupported(terminated)) = idle.conference_joined([]) else { unreachable!() };
/// let mut session = AnySession::from(terminated);
/// let refused = session.submit(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
/// assert!(matches!(refused, OperationRejected::Invalid(_)));
/// assert_eq!(refused.into_operation(), Operation::enable_block_all_mode());
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OperationRejected<M: McuType> {
    /// The session is Idle and not bound to an MCU yet.
    #[error(transparent)]
    NotBound(NotBound<M>),
    /// The session (Idle or Active) holds as many operations as it may.
    #[error(transparent)]
    Full(QueueFull<M>),
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
            Self::Full(error) => error.into_operation(),
            Self::Retryable(operation) | Self::Invalid(operation) => operation,
        }
    }
}

// What the runtime view promises, as the typed session does: it can move
// between threads and be shared, but never be duplicated, and it reaches a
// state only through its transitions, never out of a byte stream.
mod guarantees {
    use static_assertions::{assert_impl_all, assert_not_impl_any};

    use super::AnySession;

    assert_impl_all!(AnySession: Send, Sync);
    assert_not_impl_any!(AnySession: Clone, Default);
    #[cfg(feature = "serde")]
    assert_not_impl_any!(AnySession: serde::Deserialize<'static>);
}
