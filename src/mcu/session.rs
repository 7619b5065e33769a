//! [`Session<S, M>`]: one MCU session, the data every state shares, and one
//! `impl` block per state holding exactly that state's accessors and
//! documented transitions.

use core::fmt;
use std::sync::Arc;
use std::time::Instant;

use crate::mcu::allowed;
use crate::mcu::event::McuStatus;
use crate::mcu::outcome::{AmbiguousOffer, Joined, Reconnected, Resumed};
use crate::mcu::state::{
    Active, ActiveData, Idle, IdleData, McuCall, McuSessionState, Retrying, RetryingData, Sealed,
    State, Terminated, TerminatedData,
};
use crate::mcu::termination::TerminationReason;
use crate::mcu_type::{
    AdvertisedMcu, AudioVideo, InstantMessaging, McuInfo, McuType, OfferProblem, UnusableOffer,
};
use crate::request::operation::{
    Capacities, NotBound, NotHeld, Operation, Output, QueueError, QueueFull, Request, RequestId,
    Response, UnknownResponse,
};
use crate::request::queue::Queue;
use crate::roster::{Attendance, AttendanceError, Roster, RosterDiff};
use crate::uri::Uri;

/// One conference's MCU session of MCU type `M`, in state `S`.
///
/// See the [crate documentation](crate#types) for the lifecycle. In short:
/// only a [`Session<Idle, M>`] can be made ([`Session::new`]); every other
/// state is reached through the transition methods of the state before it,
/// each of which consumes the session and returns the documented next
/// state. A session is not `Clone`: a copy could take a second path
/// through the lifecycle.
///
/// Each state holds exactly its own data, so what a state guarantees its
/// accessors return without an `Option`: an Active or Retrying session's
/// `mcu()` is a `&McuInfo<M>` (an Idle session's an `Option`, since it may
/// not be bound yet), a Terminated session's `reason()` a
/// `&TerminationReason`, and only a Retrying session has a `call()`.
///
/// ```
/// use mcu_session::{InstantMessagingMcuSession, McuSessionState, Uri};
///
/// let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// assert_eq!(session.state(), McuSessionState::Idle);
/// assert_eq!(session.conference().as_str(), "sip:conf@contoso.com");
/// assert!(session.mcu().is_none()); // Idle and not bound yet
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
///
/// The documented transitions, and no others (numbered as in the
/// reference; see the [crate documentation](crate#the-reference-behaviour)):
///
#[cfg_attr(
    all(doc, feature = "diagram"),
    doc = "include_mmd!(\"src/mcu/transitions.mmd\")"
)]
#[cfg_attr(
    not(all(doc, feature = "diagram")),
    doc = concat!("```text\n", include_str!("transitions.mmd"), "```")
)]
#[cfg_attr(all(doc, feature = "diagram"), aquamarine::aquamarine)]
#[must_use = "a session is consumed by its transitions and ends through `conference_terminated`; dropping it loses whatever it holds"]
#[derive(PartialEq, Eq)]
pub struct Session<S: State, M: McuType = InstantMessaging> {
    /// What every state knows.
    shared: Shared<M>,
    /// What only this state knows.
    state: <S as Sealed>::Data<M>,
}

/// The instant messaging MCU session of the reference
/// (`InstantMessagingMcuSession`), in state `S`.
pub type InstantMessagingMcuSession<S = Idle> = Session<S, InstantMessaging>;

/// The audio/video MCU session of the reference (`AudioVideoMcuSession`),
/// in state `S`.
pub type AudioVideoMcuSession<S = Idle> = Session<S, AudioVideo>;

/// What a session knows whatever its state; moved, untouched, by every
/// transition.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Shared<M: McuType> {
    /// What never changes: the conference and the capacities. Shared, so a
    /// transition moves one pointer for them.
    pub(crate) settings: Arc<Settings>,
    /// Request ids, operations waiting for the MCU (only ever non-empty
    /// while Idle), and what is ready for the application.
    pub(crate) queue: Queue<Operation<M>>,
    /// Who attends the MCU (empty until bound).
    pub(crate) roster: Roster,
}

/// What a session is given when it is made and keeps unchanged.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Settings {
    pub(crate) conference: Uri,
    pub(crate) capacities: Capacities,
}

impl<M: McuType> Shared<M> {
    pub(crate) fn new(conference: Uri, capacities: Capacities) -> Self {
        Self {
            settings: Arc::new(Settings {
                conference,
                capacities,
            }),
            queue: Queue::new(),
            roster: Roster::default(),
        }
    }

    pub(crate) fn conference(&self) -> &Uri {
        &self.settings.conference
    }

    /// Turns `operation` into a request to send now, pending until the
    /// focus answers.
    #[inline]
    pub(crate) fn request(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Request, QueueFull<M>> {
        let capacity = self.settings.capacities.operations_limit();
        self.queue
            .send_within(capacity, &self.settings.conference, operation, now)
            .map_err(|operation| QueueFull::new(operation, capacity))
    }

    /// Queues `operation` for a bound Idle session.
    #[inline]
    pub(crate) fn queue(
        &mut self,
        bound: bool,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<RequestId, QueueError<M>> {
        if !bound {
            return Err(QueueError::NotBound(NotBound::new(operation)));
        }
        let capacity = self.settings.capacities.operations_limit();
        self.queue
            .push_within(capacity, operation, now)
            .map_err(|operation| QueueError::Full(QueueFull::new(operation, capacity)))
    }

    /// Applies an attendance report to a bound session's roster.
    #[inline]
    pub(crate) fn attendance(
        &mut self,
        bound: bool,
        report: Attendance,
    ) -> Result<RosterDiff, AttendanceError> {
        if bound {
            self.roster
                .apply(report, self.settings.capacities.endpoints_limit())
        } else {
            Err(AttendanceError::not_bound(report))
        }
    }
}

// The transitions, on the data each state holds. The typed methods below
// and the runtime view (`AnySession`) both call these, so the two views
// cannot drift apart; neither builds a state by itself.

/// What the join's offer does to an Idle session.
pub(crate) enum Join<M: McuType> {
    /// Bound: the offer names the session's MCU type once.
    Bound(IdleData<M>),
    /// Transition 2: the offer lacks the session's MCU type.
    Unsupported(TerminatedData),
    /// Refused: the offer names the session's MCU type more than once. The
    /// session's data and the offer, unchanged.
    OfferedTwice(IdleData<M>, Vec<AdvertisedMcu>),
}

impl<M: McuType> IdleData<M> {
    /// The join completed: bound, transition 2 (failing every queued
    /// operation with the reason), or refused.
    #[inline]
    pub(crate) fn join(self, shared: &mut Shared<M>, offered: Vec<AdvertisedMcu>) -> Join<M> {
        match McuInfo::take_from(offered) {
            Ok(mcu) => Join::Bound(IdleData { mcu: Some(mcu) }),
            Err((offered, OfferProblem::NotOffered)) => {
                let reason = TerminationReason::not_offered(
                    shared.conference().clone(),
                    M::MCU_TYPE,
                    offered,
                );
                Join::Unsupported(shared.terminate(reason))
            }
            Err((offered, OfferProblem::OfferedTwice)) => Join::OfferedTwice(self, offered),
        }
    }

    /// Transition 1: the focus's report replaces what the join said, and the
    /// queue is released; what is already past its 30 s at `now` fails
    /// instead of going out late.
    #[inline]
    pub(crate) fn activate(
        self,
        shared: &mut Shared<M>,
        mcu: McuInfo<M>,
        now: Instant,
    ) -> ActiveData<M> {
        shared.queue.release(&shared.settings.conference, now);
        ActiveData { mcu }
    }
}

impl<M: McuType> Shared<M> {
    /// Transitions 2 and 5: every operation held fails with `reason`, in the
    /// order submitted, and waits in the outputs with whatever was not
    /// polled yet; the roster goes with the MCU.
    pub(crate) fn terminate(&mut self, reason: TerminationReason) -> TerminatedData {
        self.queue.fail_all(&reason);
        self.roster.clear();
        TerminatedData { reason }
    }

    /// Transitions 5a, 5b and 5c, whatever the state held: it is dropped
    /// (an MCU's information, what became of the call), and the session
    /// keeps why it ended.
    #[inline(never)]
    pub(crate) fn conference_terminated(&mut self) -> TerminatedData {
        let conference = self.conference().clone();
        self.terminate(TerminationReason::conference_terminated(conference))
    }
}

impl<M: McuType> ActiveData<M> {
    /// Transitions 3a and 3b: what became of the call is all that changes.
    #[inline]
    pub(crate) fn retrying(self, call: McuCall) -> RetryingData<M> {
        RetryingData {
            mcu: self.mcu,
            call,
        }
    }
}

/// The join completed after the MCU became active: the offer must name the
/// session's MCU type once, and its entry replaces what the activation
/// said. Otherwise the offer comes back untouched, with what is wrong.
/// Shared by the typed Active session and the runtime view.
#[inline]
pub(crate) fn join_completed<M: McuType>(
    mcu: &mut McuInfo<M>,
    offered: Vec<AdvertisedMcu>,
) -> Result<(), (Vec<AdvertisedMcu>, OfferProblem)> {
    *mcu = McuInfo::take_from(offered)?;
    Ok(())
}

impl<M: McuType> RetryingData<M> {
    /// Transitions 4a and 4b: Active again, and what became of the call.
    #[inline]
    pub(crate) fn resume(self) -> (ActiveData<M>, McuCall) {
        (ActiveData { mcu: self.mcu }, self.call)
    }

    /// Transition 4c: Idle again, still bound.
    #[inline]
    pub(crate) fn back_to_idle(self) -> IdleData<M> {
        IdleData {
            mcu: Some(self.mcu),
        }
    }
}

/// A session's parts, for the runtime view: what every state knows and what
/// state `S` knows. Free functions, not associated ones, so that rustc never
/// offers them as a way to build a session.
#[inline(always)]
pub(crate) fn into_parts<S: State, M: McuType>(session: Session<S, M>) -> (Shared<M>, S::Data<M>) {
    (session.shared, session.state)
}

/// The inverse of [`into_parts`]: the runtime view calls it only with data it
/// holds for state `S`.
#[inline(always)]
pub(crate) fn from_parts<S: State, M: McuType>(
    shared: Shared<M>,
    state: S::Data<M>,
) -> Session<S, M> {
    Session { shared, state }
}

/// # Queries available in every state
impl<S: State, M: McuType> Session<S, M> {
    /// The state this session is in, as a runtime value (`S::STATE`).
    pub fn state(&self) -> McuSessionState {
        S::STATE
    }

    /// The conference this session belongs to.
    pub fn conference(&self) -> &Uri {
        self.shared.conference()
    }

    /// The MCU type string of this session (`M::MCU_TYPE`).
    pub fn mcu_type(&self) -> &'static str {
        M::MCU_TYPE
    }

    /// The next request released by transition 1, or operation failed by a
    /// timeout or transition 2, in the order they happened.
    pub fn poll_output(&mut self) -> Option<Output<M>> {
        self.shared.queue.poll()
    }
}

/// # Idle: construction, binding, transitions 1 and 2
impl<M: McuType> Session<Idle, M> {
    /// A new, unbound session for `conference`.
    ///
    /// This is the only way to make a session: every other state is reached
    /// through transitions.
    ///
    /// ```
    /// use mcu_session::{AudioVideoMcuSession, McuSessionState, Uri};
    ///
    /// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert_eq!(session.state(), McuSessionState::Idle);
    /// assert_eq!(session.mcu_type(), "audio-video");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn new(conference: Uri) -> Self {
        Self::with_capacities(conference, Capacities::default())
    }

    /// A new, unbound session for `conference` that holds at most
    /// `capacities`: more operations or attending endpoints are refused and
    /// handed back, never dropped.
    ///
    /// ```
    /// use mcu_session::{Capacities, InstantMessagingMcuSession, Uri};
    ///
    /// let session = InstantMessagingMcuSession::with_capacities(
    ///     Uri::parse("sip:conf@contoso.com")?,
    ///     Capacities { operations: 50, endpoints: 250, ..Capacities::default() },
    /// );
    /// # let _ = session;
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn with_capacities(conference: Uri, capacities: Capacities) -> Self {
        Session {
            shared: Shared::new(conference, capacities),
            state: IdleData { mcu: None },
        }
    }

    /// The MCU's information once the session is bound; `None` before. An
    /// Idle session is bound by [`conference_joined`](Self::conference_joined)
    /// when the conference offers its MCU type, and stays bound after a
    /// focus reconnect that found the MCU not active (transition 4c).
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, Uri};
    ///
    /// let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert!(idle.mcu().is_none());
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let Ok(Joined::Bound(idle)) = idle.conference_joined([chat]) else { unreachable!() };
    /// assert_eq!(idle.mcu().map(|mcu| mcu.uri().as_str()), Some("sip:conf@contoso.com;chat"));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu(&self) -> Option<&McuInfo<M>> {
        self.state.mcu.as_ref()
    }
}

/// # Idle: binding, transitions 1 and 2
///
/// Each method is bounded by a trait of [`allowed`] that only [`Idle`]
/// implements, so calling it in another state names the state and where the
/// method is legal.
impl<S: State, M: McuType> Session<S, M> {
    /// The conference session joined the conference, which advertises the
    /// MCUs `offered`; they are taken by value, and nothing is cloned.
    ///
    /// If one of them is of this session's MCU type, the session is bound: it
    /// stays Idle and now holds that MCU's information ([`Joined::Bound`]).
    /// If none is, this is **transition 2** (Idle → Terminated): "the parent
    /// ConferenceSession object joins a conference that does not support the
    /// same MCU type" ([`Joined::Unsupported`]); the terminated session keeps
    /// the reason, and every queued operation fails with it (drain them with
    /// [`poll_output`](Self::poll_output)).
    ///
    /// # Errors
    ///
    /// [`AmbiguousOffer`], handing back the session (Idle, unchanged) and the
    /// offer, when the offer lists this session's MCU type more than once:
    /// which entry to bind to would be a guess, and taking the first would
    /// drop the others unseen.
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AudioVideoMcuSession, InstantMessaging, Joined, Uri};
    ///
    /// let im_only = [AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None)];
    /// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    ///
    /// let Ok(Joined::Unsupported(terminated)) = session.conference_joined(im_only) else {
    ///     unreachable!("an IM-only conference offers no audio-video MCU");
    /// };
    /// assert_eq!(
    ///     terminated.reason().to_string(),
    ///     "conference sip:conf@contoso.com offers no `audio-video` MCU (it offers: `chat`)",
    /// );
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use = "the session is inside, bound, terminated or handed back: match to keep it"]
    pub fn conference_joined(
        self,
        offered: impl IntoIterator<Item = AdvertisedMcu>,
    ) -> Result<Joined<M>, AmbiguousOffer<M>>
    where
        S: allowed::ConferenceJoined,
    {
        let Session { mut shared, state } = self;
        match S::cast(state).join(&mut shared, offered.into_iter().collect()) {
            Join::Bound(state) => Ok(Joined::Bound(Session { shared, state })),
            Join::Unsupported(state) => Ok(Joined::Unsupported(Session { shared, state })),
            Join::OfferedTwice(state, offered) => {
                Err(AmbiguousOffer::new(Session { shared, state }, offered))
            }
        }
    }

    /// The focus reported that the MCU `mcu` is active: **transition 1**
    /// (Idle → Active), "after ConferenceSession has joined a conference"
    /// and possibly "before or after the callback passed to BeginJoin() is
    /// called".
    ///
    /// The report carries the MCU's information, and that is what binds the
    /// session: an Active session is always bound, whether or not
    /// [`conference_joined`](Self::conference_joined) came first. The
    /// information is typed by `M`, so an instant messaging session cannot be
    /// activated with an audio/video MCU: that is a compile error, not a
    /// runtime check. When the session was already bound, the focus's latest
    /// report replaces what it said before. Operations queued while Idle are
    /// released as [`Output::Request`]s, in order: drain them with
    /// [`poll_output`](Self::poll_output). The transition takes the time it
    /// happens at, as every input that can touch a timer does: an operation
    /// whose [`QUEUE_TIMEOUT`](crate::QUEUE_TIMEOUT) is over at `now` fails
    /// ([`FailureReason::TimedOut`](crate::FailureReason::TimedOut)) instead
    /// of going out late, even if [`handle_timeout`](Self::handle_timeout)
    /// was not called first.
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuInfo, McuSessionState, Uri};
    ///
    /// let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// let chat = McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None);
    ///
    /// let active = session.mcu_activated(chat.clone(), std::time::Instant::now());
    /// assert_eq!(active.state(), McuSessionState::Active);
    /// assert_eq!(active.mcu(), &chat);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu_activated(self, mcu: McuInfo<M>, now: Instant) -> Session<Active, M>
    where
        S: allowed::McuActivated,
    {
        let Session { mut shared, state } = self;
        let state = S::cast(state).activate(&mut shared, mcu, now);
        Session { shared, state }
    }
}

/// # Active: the MCU, always known
impl<M: McuType> Session<Active, M> {
    /// The MCU's information. An Active session is always bound: becoming
    /// Active ([`mcu_activated`](Session::mcu_activated), 4a, 4b) takes it.
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
    ///
    /// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let mcu: &McuInfo<_> = active.mcu();
    /// assert_eq!(mcu.uri().as_str(), "sip:conf@contoso.com;chat");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu(&self) -> &McuInfo<M> {
        &self.state.mcu
    }

    /// The conference session's join completed after the MCU became
    /// active: transition 1 "can occur before or after the callback passed
    /// to BeginJoin() is called". No state change; the offer's entry for
    /// the session's MCU type replaces what the activation said.
    ///
    /// # Errors
    ///
    /// [`UnusableOffer`], handing the offer back and leaving the session as
    /// it was, when the conference does not offer the session's MCU type
    /// (the focus reported the MCU active, so it contradicts itself) or
    /// offers it more than once (which entry to keep would be a guess).
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AudioVideo, InstantMessaging, InstantMessagingMcuSession, McuInfo, Uri};
    ///
    /// let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, Some("Chat".into()));
    /// active.join_completed([chat])?;
    /// assert_eq!(active.mcu().display_text(), Some("Chat"));
    ///
    /// let av_only = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
    /// let contradiction = active.join_completed([av_only.clone()]).unwrap_err();
    /// assert_eq!(contradiction.into_offered(), [av_only]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn join_completed(
        &mut self,
        offered: impl IntoIterator<Item = AdvertisedMcu>,
    ) -> Result<(), UnusableOffer> {
        join_completed(&mut self.state.mcu, offered.into_iter().collect())
            .map_err(|(offered, problem)| UnusableOffer::new(M::MCU_TYPE, problem, offered))
    }
}

/// # Active: transitions 3a and 3b
///
/// Each method is bounded by a trait of [`allowed`] that only [`Active`]
/// implements.
impl<S: State, M: McuType> Session<S, M> {
    /// The focus detected that the MCU is failing over: **transition 3a**
    /// (Active → Retrying).
    ///
    /// The reference "terminates the call with that MCU, provided that the
    /// call already exists": the Retrying session records
    /// [`McuCall::Terminated`], and the transition back to Active says
    /// [`Resumed::NewCallNeeded`].
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuCall, McuInfo, Uri};
    ///
    /// # let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let retrying = active.mcu_failing_over();
    /// assert_eq!(retrying.call(), McuCall::Terminated);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu_failing_over(self) -> Session<Retrying, M>
    where
        S: allowed::McuFailingOver,
    {
        let Session { shared, state } = self;
        let state = S::cast(state).retrying(McuCall::Terminated);
        Session { shared, state }
    }

    /// The conference session is reconnecting to the focus: **transition
    /// 3b** (Active → Retrying).
    ///
    /// "Because the MCU is not known to be failing over, the call is not
    /// terminated in this case": the Retrying session records
    /// [`McuCall::Kept`].
    ///
    /// The focus link is what is lost, so every request still waiting for
    /// the focus's answer fails at once, in the order they were sent, with
    /// [`FailureReason::SessionRetrying`](crate::FailureReason::SessionRetrying):
    /// "After failover is detected, pending conference operations fail
    /// immediately with an OperationFailureException with FailureReason set
    /// to SessionRetrying" (the reference, Conference recovery, Focus
    /// Front-End failover).
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{FailureReason, InstantMessagingMcuSession, McuCall, McuInfo, Operation, Output, Uri};
    ///
    /// # let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let mut active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), Instant::now());
    /// let sent = active.request(Operation::enable_block_all_mode(), Instant::now())?;
    /// let mut retrying = active.focus_reconnecting();
    /// assert_eq!(retrying.call(), McuCall::Kept);
    /// let Some(Output::Failed { id, reason, .. }) = retrying.poll_output() else { unreachable!() };
    /// assert_eq!((id, reason), (sent.id, FailureReason::SessionRetrying));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn focus_reconnecting(self) -> Session<Retrying, M>
    where
        S: allowed::FocusReconnecting,
    {
        let Session { shared, state } = self;
        let state = S::cast(state).retrying(McuCall::Kept);
        // Marking the pending requests failed on the session the transition
        // made, after the move, is cheaper than before it
        // (`bash benches/peers/instructions.sh`).
        let mut retrying = Session { shared, state };
        retrying.shared.queue.focus_lost();
        retrying
    }
}

/// # Retrying: the MCU, and what happened to the call
impl<M: McuType> Session<Retrying, M> {
    /// The MCU's information, kept from the Active session this one was.
    pub fn mcu(&self) -> &McuInfo<M> {
        &self.state.mcu
    }

    /// What happened to the application's call with the MCU when the session
    /// left Active: terminated by an MCU failover (3a) or kept during a focus
    /// reconnect (3b).
    pub fn call(&self) -> McuCall {
        self.state.call
    }
}

/// # Retrying: transitions 4a, 4b and 4c
///
/// Each method is bounded by a trait of [`allowed`] that only [`Retrying`]
/// implements.
impl<S: State, M: McuType> Session<S, M> {
    /// The MCU failover completed: **transition 4a** (Retrying → Active).
    ///
    /// The result says whether the application must set up a new call with
    /// the MCU; it has to be matched (or asked) to get the session out, so
    /// the lost call cannot be overlooked.
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuInfo, Resumed, Uri};
    ///
    /// # let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let active = match active.mcu_failing_over().failover_completed() {
    ///     Resumed::NewCallNeeded(active) => active, // set up a new call here
    ///     Resumed::CallKept(_) => unreachable!("an MCU failover terminates the call"),
    /// };
    /// # let _ = active;
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn failover_completed(self) -> Resumed<M>
    where
        S: allowed::FailoverCompleted,
    {
        let Session { shared, state } = self;
        resume(shared, S::cast(state))
    }

    /// The conference session reconnected to the focus, which reported the
    /// MCU as `mcu`.
    ///
    /// - [`McuStatus::Active`]: **transition 4b** (Retrying → Active),
    ///   "when the ConferenceSession has reconnected to the Focus and the MCU
    ///   is active"; [`Reconnected::Active`] says whether a new call is needed.
    /// - [`McuStatus::NotActive`]: **transition 4c** (Retrying → Idle), "back
    ///   to Idle or Active based on the MCU state communicated back"
    ///   ([`Reconnected::Idle`]); the session stays bound and transition 1
    ///   applies as usual.
    ///
    /// A reconnect means the focus link was lost meanwhile: a request still
    /// pending (sent before an MCU failover, transition 3a, which keeps
    /// them) fails with
    /// [`FailureReason::SessionRetrying`](crate::FailureReason::SessionRetrying),
    /// as [`focus_reconnecting`](Self::focus_reconnecting) fails them.
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuInfo, McuStatus, Reconnected, Resumed, Uri};
    ///
    /// # let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let retrying = active.focus_reconnecting();
    /// match retrying.focus_reconnected(McuStatus::Active) {
    ///     Reconnected::Active(Resumed::CallKept(active)) => { let _ = active; }
    ///     Reconnected::Active(Resumed::NewCallNeeded(_)) => unreachable!("3b keeps the call"),
    ///     Reconnected::Idle(_) => unreachable!("the focus reported the MCU active"),
    /// }
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn focus_reconnected(self, mcu: McuStatus) -> Reconnected<M>
    where
        S: allowed::FocusReconnected,
    {
        let Session { shared, state } = self;
        let state = S::cast(state);
        // As in `focus_reconnecting`: marked on the session the transition
        // made.
        match mcu {
            McuStatus::Active => {
                let (state, call) = state.resume();
                let mut active = Session { shared, state };
                active.shared.queue.focus_lost();
                Reconnected::Active(Resumed::new(call, active))
            }
            McuStatus::NotActive => {
                let mut idle = Session {
                    shared,
                    state: state.back_to_idle(),
                };
                idle.shared.queue.focus_lost();
                Reconnected::Idle(idle)
            }
        }
    }
}

/// Back to Active (4a, 4b), saying what became of the call.
#[inline(always)]
fn resume<M: McuType>(shared: Shared<M>, state: RetryingData<M>) -> Resumed<M> {
    let (state, call) = state.resume();
    Resumed::new(call, Session { shared, state })
}

/// # Idle, Active, Retrying: transitions 5a, 5b and 5c
///
/// Bounded by a trait of [`allowed`] that every state but [`Terminated`]
/// implements.
impl<S: State, M: McuType> Session<S, M> {
    /// The conference session terminated: **transitions 5a, 5b and 5c**
    /// (Idle, Active or Retrying → Terminated).
    ///
    /// The reference documents it one level up, for the conference session
    /// (UCMA 4.0, Shutdown and termination): "Terminating a conference
    /// session terminates all MCU sessions", and "A component will not
    /// complete a terminate operation until all contained components and
    /// pending operations are completed". So before the session ends, every
    /// operation it holds, queued or pending, fails with
    /// [`FailureReason::Terminated`](crate::FailureReason::Terminated) and
    /// [`TerminationReason::ConferenceTerminated`], in the order submitted;
    /// the failures wait in [`poll_output`](Self::poll_output) behind
    /// whatever was not polled yet. Nothing the session accepted vanishes:
    /// this, not dropping the session, is how an MCU session ends.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{FailureReason, InstantMessagingMcuSession, McuInfo, Operation, Output, TerminationReason, Uri};
    ///
    /// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), Instant::now());
    /// let sent = active.request(Operation::enable_block_all_mode(), Instant::now())?;
    /// let mut terminated = active.conference_terminated();
    /// let Some(Output::Failed { id, reason: FailureReason::Terminated(why), .. }) = terminated.poll_output() else { unreachable!() };
    /// assert_eq!(id, sent.id);
    /// assert!(matches!(why, TerminationReason::ConferenceTerminated(_)));
    /// assert_eq!(&why, terminated.reason());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn conference_terminated(self) -> Session<Terminated, M>
    where
        S: allowed::ConferenceTerminated,
    {
        let Session { mut shared, .. } = self;
        let state = shared.conference_terminated();
        Session { shared, state }
    }
}

/// # Terminated: why, and no transitions
///
/// There is no way out of Terminated, and no trait of [`allowed`] for a
/// transition is implemented for it. What the session held before it ended
/// failed with its reason and waits in
/// [`poll_output`](Session::poll_output).
impl<M: McuType> Session<Terminated, M> {
    /// Why the session was terminated: transition 2 (the joined conference
    /// does not offer its MCU type) or 5a, 5b, 5c (the conference session
    /// terminated), each recording its reason.
    ///
    /// ```
    /// use mcu_session::{AudioVideoMcuSession, Joined, TerminationReason, Uri};
    ///
    /// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// let Ok(Joined::Unsupported(terminated)) = session.conference_joined([]) else { unreachable!() };
    /// let TerminationReason::McuTypeNotOffered(reason) = terminated.reason() else { unreachable!() };
    /// assert_eq!(reason.missing_mcu_type(), "audio-video");
    /// assert!(reason.offered().is_empty());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn reason(&self) -> &TerminationReason {
        &self.state.reason
    }
}

/// # Operations and attendance
///
/// What the reference allows by state (see the crate documentation's
/// [Operations](crate#operations) section): an Active session sends
/// operations at once and keeps them pending until the focus answers; a
/// bound Idle session queues them for 30 seconds until transition 1;
/// Retrying and Terminated sessions take no new operations (a Retrying one
/// may still hold pending requests and take their answers). Each method is bounded by a trait of [`allowed`]. The crate never
/// reads the clock: pass `now`.
impl<S: State, M: McuType> Session<S, M> {
    /// Turns `operation` into a request to send to the focus now. Active
    /// sessions only.
    ///
    /// The session keeps the request pending until the application hands
    /// it the focus's answer ([`answer`](Self::answer)), a focus reconnect
    /// fails it, [`ANSWER_TIMEOUT`](crate::ANSWER_TIMEOUT) after `now`
    /// passes ([`handle_timeout`](Self::handle_timeout) fails it), or the
    /// application [`cancel`](Self::cancel)s it: every operation comes out
    /// exactly once.
    ///
    /// # Errors
    ///
    /// [`QueueFull`], handing the operation back, when the session already
    /// holds as many operations as its [`Capacities`] allow.
    ///
    /// ```
    /// use mcu_session::{InstantMessaging, McuInfo, Operation, OperationKind, Session, Uri};
    ///
    /// # let session = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let mut active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
    /// let request = active.request(Operation::enable_block_all_mode(), std::time::Instant::now())?;
    /// assert_eq!(request.mcu_type, "chat");
    /// assert_eq!(request.operation, OperationKind::EnableBlockAllMode);
    /// assert_eq!(active.pending(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Request, QueueFull<M>>
    where
        S: allowed::Request,
    {
        self.shared.request(operation, now)
    }

    /// The focus answered a pending request: the answer resolves it, and it
    /// comes out of [`poll_output`](Self::poll_output) with the operation
    /// handed back, as [`Output::Succeeded`] or as an [`Output::Failed`]
    /// with [`FailureReason::ConferenceFailure`](crate::FailureReason::ConferenceFailure)
    /// and the focus's reason. Active and Retrying sessions only (an MCU
    /// failover, transition 3a, keeps requests pending: the focus link is
    /// intact and the reference fails pending operations only when the
    /// focus fails over).
    ///
    /// # Errors
    ///
    /// [`UnknownResponse`], handing the answer back, when the session holds
    /// no pending request with its id: never sent, or already answered,
    /// failed, expired or cancelled. Nothing is applied twice.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{FailureReason, Operation, Output, Response};
    /// # use mcu_session::{InstantMessaging, McuInfo, Session, Uri};
    /// # let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), Instant::now());
    /// let request = active.request(Operation::eject("sip:mallory@contoso.com")?, Instant::now())?;
    /// active.answer(Response::Failure { id: request.id, reason: "not a leader".into() })?;
    /// let Some(Output::Failed { operation, reason, .. }) = active.poll_output() else { unreachable!() };
    /// assert_eq!(operation, Operation::eject("sip:mallory@contoso.com")?);
    /// assert_eq!(reason, FailureReason::ConferenceFailure("not a leader".into()));
    ///
    /// // The same answer again is refused, and handed back.
    /// let again = active.answer(Response::Success { id: request.id }).unwrap_err();
    /// assert_eq!(again.into_response().id(), request.id);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn answer(&mut self, response: Response) -> Result<(), UnknownResponse>
    where
        S: allowed::Answer,
    {
        self.shared.queue.answer(response)
    }

    /// How many requests wait for the focus's answer. Active and Retrying
    /// sessions only.
    pub fn pending(&self) -> usize
    where
        S: allowed::Answer,
    {
        self.shared.queue.pending()
    }

    /// Gives up on the operation `id`, queued or pending: the session
    /// forgets it and hands it back, and an answer that arrives for it later
    /// is refused as unknown. For an application with a deadline of its own,
    /// shorter than [`QUEUE_TIMEOUT`](crate::QUEUE_TIMEOUT) or
    /// [`ANSWER_TIMEOUT`](crate::ANSWER_TIMEOUT). Idle, Active and Retrying
    /// sessions (a Terminated one holds nothing).
    ///
    /// # Errors
    ///
    /// [`NotHeld`], naming the id, when the session holds no such operation.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{Operation, Response};
    /// # use mcu_session::{InstantMessaging, McuInfo, Session, Uri};
    /// # let idle = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let mut active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), Instant::now());
    /// let request = active.request(Operation::enable_block_all_mode(), Instant::now())?;
    /// assert_eq!(active.cancel(request.id)?, Operation::enable_block_all_mode());
    /// assert!(active.answer(Response::Success { id: request.id }).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld>
    where
        S: allowed::Timer,
    {
        self.shared.queue.cancel(id)
    }

    /// Queues `operation` until the MCU becomes active (transition 1
    /// releases it as a request) or [`QUEUE_TIMEOUT`](crate::QUEUE_TIMEOUT)
    /// after `now` passes (then [`handle_timeout`](Self::handle_timeout)
    /// fails it). Idle sessions only.
    ///
    /// Queuing, [`poll_timeout`](Self::poll_timeout) and
    /// [`handle_timeout`](Self::handle_timeout) cost O(log n) in the n
    /// operations waiting, whatever `now` does; a waiting operation takes
    /// under 200 bytes, its URI included (`tests/it/allocations.rs` measures
    /// it); a drained session keeps under 2 KiB for its next operation and
    /// gives the rest of a burst's memory back.
    ///
    /// # Errors
    ///
    /// [`QueueError`], handing the operation back: [`QueueError::NotBound`]
    /// when the session is not bound (it does not know its MCU yet),
    /// [`QueueError::Full`] when it already holds as many operations as its
    /// [`Capacities`] allow.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use mcu_session::{AdvertisedMcu, AudioVideo, Joined, Operation, Output, SelfUnmuteAssignment, Session, Uri};
    ///
    /// let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
    /// let session = Session::<_, AudioVideo>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let Ok(Joined::Bound(mut idle)) = session.conference_joined([av]) else { unreachable!() };
    ///
    /// let start = Instant::now();
    /// let id = idle.queue(Operation::enable_mute_all_mode(SelfUnmuteAssignment::Everyone), start)?;
    /// idle.handle_timeout(start + Duration::from_secs(31));
    /// let Some(Output::Failed { id: failed, .. }) = idle.poll_output() else { unreachable!() };
    /// assert_eq!(failed, id);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn queue(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<RequestId, QueueError<M>>
    where
        S: allowed::Queue,
    {
        let bound = S::bound_mcu(&self.state).is_some();
        self.shared.queue(bound, operation, now)
    }

    /// How many operations are queued. Idle sessions only: transition 1
    /// releases every queued operation and transition 2 fails them all.
    pub fn queued(&self) -> usize
    where
        S: allowed::Queue,
    {
        self.shared.queue.waiting()
    }

    /// Fails every held operation whose time is over at `now`: a queued one
    /// after [`QUEUE_TIMEOUT`](crate::QUEUE_TIMEOUT)
    /// ([`FailureReason::TimedOut`](crate::FailureReason::TimedOut)), a
    /// pending request after [`ANSWER_TIMEOUT`](crate::ANSWER_TIMEOUT)
    /// ([`FailureReason::NoAnswer`](crate::FailureReason::NoAnswer)). The
    /// failures wait in [`poll_output`](Self::poll_output), in the order the
    /// operations were submitted. Returns how many failed. Idle, Active and
    /// Retrying sessions.
    pub fn handle_timeout(&mut self, now: Instant) -> usize
    where
        S: allowed::Timer,
    {
        self.shared.queue.expire(now)
    }

    /// When the next held operation (queued or pending) expires: call
    /// [`handle_timeout`](Self::handle_timeout) then. `None` when nothing is
    /// held. Idle, Active and Retrying sessions.
    pub fn poll_timeout(&self) -> Option<Instant>
    where
        S: allowed::Timer,
    {
        self.shared.queue.next_deadline()
    }

    /// The endpoints attending the MCU. Not on a Terminated session: it has
    /// no MCU.
    pub fn roster(&self) -> &Roster
    where
        S: allowed::Roster,
    {
        &self.shared.roster
    }

    /// Applies an attendance report from the focus and returns what changed.
    /// Bound Idle and Active sessions only.
    ///
    /// # Errors
    ///
    /// [`AttendanceError`], with the report handed back and the roster
    /// unchanged, when the report does not fit (an endpoint joining twice,
    /// leaving when absent, listed twice in a fresh roster) or the session is
    /// not bound.
    pub fn attendance(&mut self, report: Attendance) -> Result<RosterDiff, AttendanceError>
    where
        S: allowed::Attendance,
    {
        let bound = S::bound_mcu(&self.state).is_some();
        self.shared.attendance(bound, report)
    }
}

/// Prints the state, the MCU type, and the data: what every state knows and
/// what only this one does.
impl<S: State, M: McuType> fmt::Debug for Session<S, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("state", &S::STATE)
            .field("mcu_type", &M::MCU_TYPE)
            .field("conference", self.shared.conference())
            .field("data", &self.state)
            .field("queue", &self.shared.queue)
            .field("roster", &self.shared.roster)
            .finish()
    }
}

// The compile-time guarantees the crate documentation promises.
mod guarantees {
    use super::*;
    use core::mem::size_of;
    use static_assertions::{assert_impl_all, assert_not_impl_any, const_assert_eq};

    // The state markers and MCU types cost nothing...
    const_assert_eq!(size_of::<Idle>(), 0);
    const_assert_eq!(size_of::<Active>(), 0);
    const_assert_eq!(size_of::<Retrying>(), 0);
    const_assert_eq!(size_of::<Terminated>(), 0);
    const_assert_eq!(size_of::<InstantMessaging>(), 0);
    const_assert_eq!(size_of::<AudioVideo>(), 0);

    // ...so a session is what every state knows plus what its state knows,
    // and not a byte more: each state pays for its own data only.
    macro_rules! a_state_costs_its_data {
        ($($mcu:ty),+) => {$(
            const_assert_eq!(size_of::<Session<Idle, $mcu>>(), size_of::<Shared<$mcu>>() + size_of::<IdleData<$mcu>>());
            const_assert_eq!(size_of::<Session<Active, $mcu>>(), size_of::<Shared<$mcu>>() + size_of::<ActiveData<$mcu>>());
            const_assert_eq!(size_of::<Session<Retrying, $mcu>>(), size_of::<Shared<$mcu>>() + size_of::<RetryingData<$mcu>>());
            const_assert_eq!(size_of::<Session<Terminated, $mcu>>(), size_of::<Shared<$mcu>>() + size_of::<TerminatedData>());
        )+};
    }
    a_state_costs_its_data!(InstantMessaging, AudioVideo);

    // The figures the manual quotes, on a 64-bit target.
    #[cfg(target_pointer_width = "64")]
    mod sizes {
        use super::*;
        const_assert_eq!(size_of::<Session<Idle>>(), 72);
        const_assert_eq!(size_of::<Session<Active>>(), 72);
        const_assert_eq!(size_of::<Session<Retrying>>(), 80);
        const_assert_eq!(size_of::<Session<Terminated>>(), 96);
    }

    // A session can move between threads and be shared...
    assert_impl_all!(Session<Idle>: Send, Sync, Unpin);
    assert_impl_all!(Session<Active, AudioVideo>: Send, Sync, Unpin);
    assert_impl_all!(Session<Retrying>: Send, Sync, Unpin);
    assert_impl_all!(Session<Terminated, AudioVideo>: Send, Sync, Unpin);
    // ...but never be duplicated: a copy could take a second path.
    assert_not_impl_any!(Session<Idle>: Clone, Copy, Default);
    assert_not_impl_any!(Session<Active>: Clone, Copy, Default);
    assert_not_impl_any!(Session<Retrying>: Clone, Copy, Default);
    assert_not_impl_any!(Session<Terminated>: Clone, Copy, Default);

    assert_impl_all!(McuSessionState: Copy, Eq, core::hash::Hash, Send, Sync);

    // A session reaches a state only through its transitions, never out of a
    // byte stream.
    #[cfg(feature = "serde")]
    assert_not_impl_any!(Session<Active>: serde::Deserialize<'static>);
}
