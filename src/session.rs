//! [`Session<S, M>`]: one MCU session, its data, and one `impl` block per
//! state holding exactly that state's documented transitions.

use core::fmt;
use core::marker::PhantomData;
use std::time::Instant;

use crate::allowed;
use crate::operation::Queue;
use crate::outcome::{Joined, Reconnected, Resumed};
use crate::{
    Active, AdvertisedMcu, AudioVideo, Idle, InstantMessaging, McuInfo, McuSessionState, McuType,
    Retrying, Roster, State, Terminated, Uri,
};
use crate::{
    Attendance, AttendanceError, NotBound, Operation, Output, Request, RequestId, RosterDiff,
};

/// One conference's MCU session of MCU type `M`, in state `S`.
///
/// See the [crate documentation](crate#types) for the lifecycle. In short:
/// only a [`Session<Idle, M>`] can be made ([`Session::new`]); every other
/// state is reached through the transition methods of the state before it,
/// each of which consumes the session and returns the documented next
/// state. A session is not `Clone`: a copy could take a second path
/// through the lifecycle.
///
/// ```
/// use mcu_session::{InstantMessagingMcuSession, McuSessionState, Uri};
///
/// let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// assert_eq!(session.state(), McuSessionState::Idle);
/// assert_eq!(session.conference().as_str(), "sip:conf@contoso.com");
/// assert!(session.mcu().is_none()); // not bound yet
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[must_use = "a session is consumed by its transitions; dropping it lets go of the MCU session"]
pub struct Session<S: State = Idle, M: McuType = InstantMessaging> {
    data: SessionData<M>,
    // `fn() -> _`: the markers are never held, so they must not decide
    // whether a session is `Send`, `Sync` or `Unpin`.
    state: PhantomData<fn() -> S>,
}

/// The instant messaging MCU session of the reference
/// (`InstantMessagingMcuSession`), in state `S`.
pub type InstantMessagingMcuSession<S = Idle> = Session<S, InstantMessaging>;

/// The audio/video MCU session of the reference (`AudioVideoMcuSession`),
/// in state `S`.
pub type AudioVideoMcuSession<S = Idle> = Session<S, AudioVideo>;

/// What a session knows, whatever its state.
pub(crate) struct SessionData<M: McuType> {
    conference: Uri,
    binding: Binding<M>,
    /// What the last Active -> Retrying transition did to the application's
    /// call with the MCU; read when the session becomes Active again.
    call: McuCall,
    /// Operations waiting for the MCU, and what is ready for the application.
    queue: Queue<M>,
    /// Who attends the MCU (empty until bound).
    roster: Roster,
}

/// Whether the session is bound to an MCU of its type.
enum Binding<M: McuType> {
    /// No conference offering the MCU type has been joined yet.
    Unbound,
    /// The focus gave the MCU's information.
    Bound(McuInfo<M>),
    /// The joined conference does not offer the MCU type (transition 2).
    /// Boxed: rare, and it would otherwise make every session larger.
    Unsupported(Box<TerminationReason>),
}

/// What happened to the application's call with the MCU when the session
/// left [`Active`].
///
/// The reference terminates an existing call when the MCU fails over
/// (transition 3a) and keeps it when only the focus connection is being
/// re-established (transition 3b).
///
/// ```
/// use mcu_session::McuCall;
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
/// let retrying = active.mcu_failing_over();
/// assert_eq!(retrying.call(), McuCall::Terminated);
/// assert_eq!(retrying.failover_completed().call(), McuCall::Terminated); // set up a new call
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum McuCall {
    /// The call with the MCU was left alone.
    Kept,
    /// The call with the MCU was terminated; a new one is needed once the
    /// session is Active again.
    Terminated,
}

/// What the focus reported about the MCU when the conference session
/// reconnected to it (transitions 4b and 4c).
///
/// ```
/// use mcu_session::{McuStatus, Reconnected};
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
/// let reconnected = active.focus_reconnecting().focus_reconnected(McuStatus::NotActive);
/// assert!(matches!(reconnected, Reconnected::Idle(_)));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum McuStatus {
    /// The MCU is active: the session becomes [`Active`] (4b).
    Active,
    /// The MCU is not (yet) active: the session goes back to [`Idle`] (4c).
    NotActive,
}

/// Why a session is [`Terminated`]: the joined conference does not offer its
/// MCU type (transition 2).
///
/// ```
/// use mcu_session::{AdvertisedMcu, AudioVideoMcuSession, InstantMessaging, Joined, Uri};
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let Joined::Unsupported(terminated) = session.conference_joined(&[chat]) else { unreachable!() };
/// let reason = terminated.reason().unwrap();
/// assert_eq!((reason.missing_mcu_type(), reason.offered()), ("audio-video", &["chat".to_owned()][..]));
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TerminationReason {
    conference: Uri,
    missing: &'static str,
    offered: Vec<String>,
}

impl TerminationReason {
    /// The conference that was joined.
    #[must_use]
    pub fn conference(&self) -> &Uri {
        &self.conference
    }

    /// The MCU type string the session needed and the conference lacks.
    #[must_use]
    pub fn missing_mcu_type(&self) -> &'static str {
        self.missing
    }

    /// The MCU type strings the conference does offer, as advertised.
    #[must_use]
    pub fn offered(&self) -> &[String] {
        &self.offered
    }
}

impl fmt::Display for TerminationReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "conference {} offers no `{}` MCU (it offers: ",
            self.conference, self.missing
        )?;
        if self.offered.is_empty() {
            f.write_str("nothing")?;
        }
        for (i, mcu_type) in self.offered.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            write!(f, "{separator}`{mcu_type}`")?;
        }
        f.write_str(")")
    }
}

/// Queries available in every state.
impl<S: State, M: McuType> Session<S, M> {
    /// The state this session is in, as a runtime value (`S::STATE`).
    pub fn state(&self) -> McuSessionState {
        S::STATE
    }

    /// The conference this session belongs to.
    pub fn conference(&self) -> &Uri {
        &self.data.conference
    }

    /// The MCU type string of this session (`M::MCU_TYPE`).
    pub fn mcu_type(&self) -> &'static str {
        M::MCU_TYPE
    }

    /// The MCU's information once the session is bound; `None` before.
    ///
    /// Always `Some` for [`Active`] and [`Retrying`] sessions, since becoming
    /// Active binds a session; always `None` for [`Terminated`] ones.
    pub fn mcu(&self) -> Option<&McuInfo<M>> {
        match &self.data.binding {
            Binding::Bound(mcu) => Some(mcu),
            Binding::Unbound | Binding::Unsupported(_) => None,
        }
    }

    /// Back to Active after Retrying (4a, 4b), saying what became of the call.
    fn resume(self) -> Resumed<M> {
        let call = self.data.call;
        Resumed::new(call, self.into_state())
    }

    /// Moves the data into state `T`. Private: only the transition methods
    /// below decide which `T` follows which `S`.
    fn into_state<T: State>(self) -> Session<T, M> {
        Session {
            data: self.data,
            state: PhantomData,
        }
    }
}

/// # Construction: only an Idle session can be made
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
        Session {
            data: SessionData {
                conference,
                binding: Binding::Unbound,
                call: McuCall::Kept,
                queue: Queue::new(),
                roster: Roster::default(),
            },
            state: PhantomData,
        }
    }
}

/// # Idle: binding, transitions 1 and 2
///
/// Each method is bounded by a trait of [`allowed`] that only [`Idle`]
/// implements.
impl<S: State, M: McuType> Session<S, M> {
    /// The conference session joined the conference, which advertises
    /// `advertised` MCUs.
    ///
    /// If one of them is of this session's MCU type, the session is bound: it
    /// stays Idle and now holds that MCU's information ([`Joined::Bound`]).
    /// If none is, this is **transition 2** (Idle → Terminated): "the parent
    /// ConferenceSession object joins a conference that does not support the
    /// same MCU type" ([`Joined::Unsupported`]); the terminated session keeps
    /// the reason, and every queued operation fails with it (drain them with
    /// [`poll_output`](Self::poll_output)).
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AudioVideoMcuSession, InstantMessaging, Joined, Uri};
    ///
    /// let im_only = [AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None)];
    /// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    ///
    /// let Joined::Unsupported(terminated) = session.conference_joined(&im_only) else {
    ///     unreachable!("an IM-only conference offers no audio-video MCU");
    /// };
    /// assert_eq!(
    ///     terminated.reason().map(ToString::to_string).as_deref(),
    ///     Some("conference sip:conf@contoso.com offers no `audio-video` MCU (it offers: `chat`)"),
    /// );
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn conference_joined(mut self, advertised: &[AdvertisedMcu]) -> Joined<M>
    where
        S: allowed::ConferenceJoined,
    {
        match advertised.iter().find(|mcu| mcu.mcu_type == M::MCU_TYPE) {
            Some(mcu) => {
                let mcu = McuInfo::new(mcu.uri.clone(), mcu.display_text.clone());
                self.data.binding = Binding::Bound(mcu);
                Joined::Bound(self.into_state())
            }
            None => {
                let reason = TerminationReason {
                    conference: self.data.conference.clone(),
                    missing: M::MCU_TYPE,
                    offered: advertised.iter().map(|mcu| mcu.mcu_type.clone()).collect(),
                };
                self.data.queue.fail_all(&reason);
                self.data.roster.clear();
                self.data.binding = Binding::Unsupported(Box::new(reason));
                Joined::Unsupported(self.into_state())
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
    /// [`poll_output`](Self::poll_output).
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuInfo, McuSessionState, Uri};
    ///
    /// let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// let chat = McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None);
    ///
    /// let active = session.mcu_activated(chat.clone());
    /// assert_eq!(active.state(), McuSessionState::Active);
    /// assert_eq!(active.mcu(), Some(&chat));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu_activated(mut self, mcu: McuInfo<M>) -> Session<Active, M>
    where
        S: allowed::McuActivated,
    {
        self.data.binding = Binding::Bound(mcu);
        self.data.queue.release(&self.data.conference);
        self.into_state()
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
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
    /// let retrying = active.mcu_failing_over();
    /// assert_eq!(retrying.call(), McuCall::Terminated);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu_failing_over(mut self) -> Session<Retrying, M>
    where
        S: allowed::McuFailingOver,
    {
        self.data.call = McuCall::Terminated;
        self.into_state()
    }

    /// The conference session is reconnecting to the focus: **transition
    /// 3b** (Active → Retrying).
    ///
    /// "Because the MCU is not known to be failing over, the call is not
    /// terminated in this case": the Retrying session records
    /// [`McuCall::Kept`].
    ///
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuCall, McuInfo, Uri};
    ///
    /// # let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
    /// let retrying = active.focus_reconnecting();
    /// assert_eq!(retrying.call(), McuCall::Kept);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn focus_reconnecting(mut self) -> Session<Retrying, M>
    where
        S: allowed::FocusReconnecting,
    {
        self.data.call = McuCall::Kept;
        self.into_state()
    }
}

/// # Retrying: what happened to the call
impl<M: McuType> Session<Retrying, M> {
    /// What happened to the application's call with the MCU when the session
    /// left Active: terminated by an MCU failover (3a) or kept during a focus
    /// reconnect (3b).
    pub fn call(&self) -> McuCall {
        self.data.call
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
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
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
        self.resume()
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
    /// ```
    /// use mcu_session::{InstantMessagingMcuSession, McuInfo, McuStatus, Reconnected, Resumed, Uri};
    ///
    /// # let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
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
        match mcu {
            McuStatus::Active => Reconnected::Active(self.resume()),
            McuStatus::NotActive => Reconnected::Idle(self.into_state()),
        }
    }
}

/// # Terminated: no transitions
///
/// "Nothing else is a transition": there is no way out of Terminated, and no
/// trait of [`allowed`] is implemented for it. Drop the session to let go of
/// it.
impl<M: McuType> Session<Terminated, M> {
    /// Why the session was terminated.
    ///
    /// Always `Some`: the only way into Terminated is transition 2, which
    /// records its reason. (The session's data has one layout for every
    /// state, so the type cannot say so.)
    ///
    /// ```
    /// use mcu_session::{AudioVideoMcuSession, Joined, Uri};
    ///
    /// let session = AudioVideoMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// if let Joined::Unsupported(terminated) = session.conference_joined(&[]) {
    ///     let reason = terminated.reason().expect("transition 2 records its reason");
    ///     assert_eq!(reason.missing_mcu_type(), "audio-video");
    ///     assert!(reason.offered().is_empty());
    /// }
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn reason(&self) -> Option<&TerminationReason> {
        match &self.data.binding {
            Binding::Unsupported(reason) => Some(reason),
            Binding::Unbound | Binding::Bound(_) => None,
        }
    }
}

/// # Operations and attendance
///
/// What the reference allows by state (DESIGN.md section 1): an Active
/// session sends operations at once; a bound Idle session queues them for 30
/// seconds until transition 1; Retrying and Terminated sessions have no
/// operation methods at all. Each method is bounded by a trait of
/// [`allowed`]. The crate never reads the clock: pass `now`.
impl<S: State, M: McuType> Session<S, M> {
    /// Turns `operation` into a request to send to the focus now. Active
    /// sessions only.
    ///
    /// ```
    /// use mcu_session::{InstantMessaging, McuInfo, Operation, OperationKind, Session, Uri};
    ///
    /// # let session = Session::<_, InstantMessaging>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let mut active = session.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None));
    /// let request = active.request(Operation::block_all(true));
    /// assert_eq!(request.mcu_type, "chat");
    /// assert_eq!(request.operation, OperationKind::BlockAll { on: true });
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn request(&mut self, operation: Operation<M>) -> Request
    where
        S: allowed::Request,
    {
        self.data.queue.request(&self.data.conference, operation)
    }

    /// Queues `operation` until the MCU becomes active (transition 1
    /// releases it as a request) or [`QUEUE_TIMEOUT`](crate::QUEUE_TIMEOUT)
    /// after `now` passes (then [`handle_timeout`](Self::handle_timeout)
    /// fails it). Idle sessions only.
    ///
    /// # Errors
    ///
    /// [`NotBound`], handing the operation back, when the session is not
    /// bound: it does not know its MCU yet.
    ///
    /// ```
    /// use std::time::{Duration, Instant};
    /// use mcu_session::{AdvertisedMcu, AudioVideo, Joined, Operation, Output, Session, Uri};
    ///
    /// let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
    /// let session = Session::<_, AudioVideo>::new(Uri::parse("sip:conf@contoso.com")?);
    /// let Joined::Bound(mut idle) = session.conference_joined(&[av]) else { unreachable!() };
    ///
    /// let start = Instant::now();
    /// let id = idle.queue(Operation::mute_all(true), start)?;
    /// idle.handle_timeout(start + Duration::from_secs(31));
    /// let Some(Output::Failed { id: failed, .. }) = idle.poll_output() else { unreachable!() };
    /// assert_eq!(failed, id);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn queue(&mut self, operation: Operation<M>, now: Instant) -> Result<RequestId, NotBound<M>>
    where
        S: allowed::Queue,
    {
        if self.mcu().is_some() {
            Ok(self.data.queue.push(operation, now))
        } else {
            Err(NotBound::new(operation))
        }
    }

    /// Fails every queued operation whose 30 seconds are over at `now`; the
    /// failures wait in [`poll_output`](Self::poll_output). Returns how many
    /// failed. Idle sessions only (nothing else queues).
    pub fn handle_timeout(&mut self, now: Instant) -> usize
    where
        S: allowed::Queue,
    {
        self.data.queue.expire(now)
    }

    /// When the next queued operation expires: call
    /// [`handle_timeout`](Self::handle_timeout) then.
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.data.queue.next_deadline()
    }

    /// How many operations are queued.
    pub fn queued(&self) -> usize {
        self.data.queue.waiting()
    }

    /// The next request released by transition 1, or operation failed by a
    /// timeout or transition 2, in the order they happened.
    pub fn poll_output(&mut self) -> Option<Output<M>> {
        self.data.queue.poll()
    }

    /// The endpoints attending the MCU.
    pub fn roster(&self) -> &Roster {
        &self.data.roster
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
        if self.mcu().is_some() {
            self.data.roster.apply(report)
        } else {
            Err(AttendanceError::not_bound(report))
        }
    }
}

impl<S: State, M: McuType> fmt::Debug for Session<S, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Session");
        out.field("state", &S::STATE)
            .field("mcu_type", &M::MCU_TYPE)
            .field("conference", &self.data.conference);
        match &self.data.binding {
            Binding::Unbound => out.field("mcu", &None::<()>),
            Binding::Bound(mcu) => out.field("mcu", mcu),
            Binding::Unsupported(reason) => out.field("reason", reason),
        };
        if S::STATE == McuSessionState::Retrying {
            out.field("call", &self.data.call);
        }
        out.field("queue", &self.data.queue)
            .field("roster", &self.data.roster)
            .finish()
    }
}

/// Two sessions are equal when they are in the same state and hold the same
/// data. This compares; it never duplicates a session.
impl<S: State, M: McuType> PartialEq for Session<S, M> {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&self.data, &other.data);
        a.conference == b.conference
            && a.binding == b.binding
            && a.call == b.call
            && a.queue == b.queue
            && a.roster == b.roster
    }
}

impl<S: State, M: McuType> Eq for Session<S, M> {}

impl<M: McuType> PartialEq for Binding<M> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Unbound, Self::Unbound) => true,
            (Self::Bound(a), Self::Bound(b)) => a == b,
            (Self::Unsupported(a), Self::Unsupported(b)) => a == b,
            _ => false,
        }
    }
}

// The compile-time guarantees the crate documentation promises.
mod guarantees {
    use super::*;
    use core::mem::size_of;
    use static_assertions::{assert_impl_all, assert_not_impl_any, const_assert_eq};

    // The state markers cost nothing...
    const_assert_eq!(size_of::<Idle>(), 0);
    const_assert_eq!(size_of::<Active>(), 0);
    const_assert_eq!(size_of::<Retrying>(), 0);
    const_assert_eq!(size_of::<Terminated>(), 0);
    const_assert_eq!(size_of::<InstantMessaging>(), 0);
    const_assert_eq!(size_of::<AudioVideo>(), 0);

    // ...so a session is its data, whatever its state.
    macro_rules! same_size_in_every_state {
        ($($mcu:ty),+) => {$(
            const_assert_eq!(size_of::<Session<Idle, $mcu>>(), size_of::<SessionData<$mcu>>());
            const_assert_eq!(size_of::<Session<Active, $mcu>>(), size_of::<SessionData<$mcu>>());
            const_assert_eq!(size_of::<Session<Retrying, $mcu>>(), size_of::<SessionData<$mcu>>());
            const_assert_eq!(size_of::<Session<Terminated, $mcu>>(), size_of::<SessionData<$mcu>>());
        )+};
    }
    same_size_in_every_state!(InstantMessaging, AudioVideo);

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
    assert_impl_all!(crate::AnySession: Send, Sync);
    assert_not_impl_any!(crate::AnySession: Clone, Default);

    // A session reaches a state only through its transitions, never out of a
    // byte stream.
    #[cfg(feature = "serde")]
    assert_not_impl_any!(Session<Active>: serde::Deserialize<'static>);
    #[cfg(feature = "serde")]
    assert_not_impl_any!(crate::AnySession: serde::Deserialize<'static>);
}
