//! `ConferenceSession<S>`: the conference session as a typestate, owning
//! its MCU sessions and running their transitions for the causes it sees.

use core::fmt;
use core::marker::PhantomData;
use core::ops::Deref;
use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use crate::conference::allowed;
use crate::conference::command::{ConferenceCommand, ConferenceOutput, ConferenceRequest};
use crate::conference::mcus::{
    Attachable, JoinProblem, McuChanges, McuSessions, McuStatuses, Numbering,
};
use crate::conference::report::McuReport;
use crate::conference::state::{
    ConferenceSessionState, ConferenceState, Connected, Connecting, DisconnectCause, Disconnected,
    Disconnecting, InLobby, NotJoined, Reconnecting,
};
use crate::mcu::allowed as mcu_allowed;
use crate::mcu::event::{Event, Signal};
use crate::mcu::runtime::{AnySession, Effect, OperationRejected, Refused, Submitted};
use crate::mcu::session::Session;
use crate::mcu::state::{McuSessionState, State};
use crate::mcu::termination::TerminationReason;
use crate::mcu_type::{AdvertisedMcu, McuType};
use crate::request::operation::{
    Capacities, NotHeld, Operation, Output, QueueFull, Request, RequestId, Response,
    UnknownResponse,
};
use crate::request::queue::{Queue, earliest};
use crate::uri::Uri;

/// A conference session (the reference's `ConferenceSession`) in state
/// `S`: it joins a conference through its focus, owns the MCU sessions
/// attached to it before the join, and runs their transitions for every
/// cause it sees, in the same call, so that they can never disagree with
/// it.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::conference::McuStatuses;
/// use mcu_session::{
///     AdvertisedMcu, AudioVideo, AudioVideoMcuSession, ConferenceSession, InstantMessaging,
///     InstantMessagingMcuSession, McuSessionState, McuStatus, Uri,
/// };
///
/// let focus = Uri::parse("sip:conf@contoso.com")?;
/// let mut conference = ConferenceSession::new(focus.clone());
/// conference.attach(InstantMessagingMcuSession::new(focus.clone()))?;
/// conference.attach(AudioVideoMcuSession::new(focus.clone()))?;
///
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
/// let connected = conference.join().joined([chat, av])?; // binds both
///
/// let reconnecting = connected.reconnecting(); // the focus failed over
/// let statuses = McuStatuses { instant_messaging: McuStatus::Active, audio_video: McuStatus::NotActive };
/// let (connected, _changes) = reconnecting.reconnected_to_conference(statuses);
/// assert_eq!(connected.mcu::<InstantMessaging>().map(|s| s.state()), Some(McuSessionState::Idle));
///
/// let mut ended = connected.disconnect(mcu_session::conference::ConnectedExit::Left).disconnected();
/// # let _ = &mut ended;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Types
///
/// `S` is one of the seven states of the reference: [`NotJoined`] (the reference's Idle),
/// [`Connecting`], [`Connected`], [`InLobby`], [`Reconnecting`],
/// [`Disconnecting`], [`Disconnected`]. Only an Idle conference is made;
/// every other state is reached through a transition method, which
/// consumes the conference and returns the documented next state (or an
/// enum of them, where what the focus reported decides). The MCU sessions'
/// states are values inside ([`AnySession`]), not type parameters: the
/// conference's type says what *it* may do, and each MCU session is driven
/// by the conference for the conference's causes and through the conference
/// for its own (activation 1, MCU failover 3a and 4a: [`mcu_event`](Self::mcu_event)).
///
/// The documented transitions, and no others (the table and its two
/// decisions: [`transitions`](crate::conference::transitions)):
///
#[cfg_attr(
    all(doc, feature = "diagram"),
    doc = "include_mmd!(\"src/conference/transitions.mmd\")"
)]
#[cfg_attr(
    not(all(doc, feature = "diagram")),
    doc = concat!("```text\n", include_str!("transitions.mmd"), "```")
)]
#[cfg_attr(all(doc, feature = "diagram"), aquamarine::aquamarine)]
#[must_use = "a conference session ends through `disconnect`; dropping it loses its MCU sessions and what they hold"]
#[derive(PartialEq, Eq)]
pub struct ConferenceSession<S: ConferenceState = NotJoined> {
    /// Boxed once, when the conference is made: a transition moves a
    /// pointer and the state's data, not the MCU sessions (192 bytes).
    pub(crate) shared: Box<Shared>,
    pub(crate) state: S::Data,
}

/// What a conference knows whatever its state.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Shared {
    pub(crate) conference: Uri,
    pub(crate) capacity: usize,
    /// How many MCUs a join's or an admission's offer may list.
    pub(crate) offers: usize,
    pub(crate) commands: Queue<ConferenceCommand>,
    pub(crate) mcus: McuSessions,
    /// Where the MCU sessions it handed back numbered up to.
    pub(crate) numbering: Numbering,
}

impl<S: ConferenceState> fmt::Debug for ConferenceSession<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ConferenceSession")
            .field("state", &S::STATE)
            .field("data", &self.state)
            .field("conference", &self.shared.conference)
            .field("commands", &self.shared.commands)
            .field("mcus", &self.shared.mcus)
            .finish()
    }
}

impl Shared {
    pub(crate) fn new(conference: Uri, capacities: Capacities) -> Self {
        Self {
            conference,
            capacity: capacities.operations_limit(),
            offers: capacities.offers_limit(),
            commands: Queue::new(),
            mcus: McuSessions::default(),
            numbering: Numbering::default(),
        }
    }

    /// Checks `offered` against every attached MCU session, then applies it
    /// to all of them, or hands it back with the problem and nothing
    /// changed.
    pub(crate) fn join(
        &mut self,
        offered: Vec<AdvertisedMcu>,
    ) -> Result<(), (Vec<AdvertisedMcu>, JoinProblem)> {
        if offered.len() > self.offers {
            let capacity = self.offers;
            return Err((offered, JoinProblem::TooManyOffered { capacity }));
        }
        if let Some(problem) = self.mcus.join_problem(&offered) {
            return Err((offered, problem));
        }
        self.mcus.join(&offered);
        Ok(())
    }

    /// The focus link is lost: pending commands fail with
    /// `SessionRetrying`, Active MCU sessions go Retrying (3b). Inlined
    /// into the runtime view's `signal`, as its MCU sessions' own are.
    #[inline(always)]
    pub(crate) fn focus_lost(&mut self) {
        self.commands.focus_lost();
        self.mcus.focus_lost();
    }

    /// The conference is leaving: every MCU session terminates (5a-5c).
    pub(crate) fn leave(&mut self) {
        self.mcus.terminate();
    }

    /// Termination completed, for `cause`: what commands are still pending
    /// fail. After a failed escalation the conference is Idle again and
    /// "has not connected yet", so its terminated MCU sessions are handed
    /// back (`Some`) and it holds none; after any other cause they stay,
    /// to be read and [`release`](ConferenceSession::release)d (`None`).
    pub(crate) fn finish(&mut self, cause: DisconnectCause) -> Option<McuSessions> {
        let reason = TerminationReason::conference_terminated(self.conference.clone());
        self.commands.fail_all(&reason);
        (cause == DisconnectCause::EscalationFailed)
            .then(|| self.mcus.hand_back(&mut self.numbering))
    }

    /// Sends `command`, within the capacity; never `TerminateConference`,
    /// which is the move to Disconnecting.
    pub(crate) fn request(
        &mut self,
        command: ConferenceCommand,
        now: Instant,
    ) -> Result<ConferenceRequest, CommandRefused> {
        if command == ConferenceCommand::TerminateConference {
            return Err(CommandRefused::Terminates(command));
        }
        let capacity = self.capacity;
        self.commands
            .send_within(capacity, &self.conference, command, now)
            .map_err(|command| CommandRefused::Full(CommandsFull { command, capacity }))
    }

    /// Sends `TerminateConference`, whatever the capacity: ending the
    /// conference is never refused.
    pub(crate) fn terminate_conference(&mut self, now: Instant) -> ConferenceRequest {
        self.commands.send(
            &self.conference,
            ConferenceCommand::TerminateConference,
            now,
        )
    }

    /// One report about one MCU, routed to its session: all of them
    /// (activation 1, MCU failover 3a and 4a, attendance, answers) while
    /// Connected, none otherwise. Activation "can occur before or after the
    /// callback passed to BeginJoin() is called", and the conference is
    /// Connected before that callback ("In the Connected state,
    /// ParticipantEndpointAttendanceChanged events are raised ... before
    /// the callback method ... of BeginJoin is called"), so an activation
    /// always finds its conference Connected. Reports the conference itself
    /// causes (the join's offer, focus failover and reconnection, the
    /// conference's end) have no [`McuReport`]: they come through the
    /// conference's own transitions.
    ///
    /// Inlined into the caller, as the MCU session's own `apply` is: an MCU
    /// failover (3a, 4a), the commonest report, is the MCU session's
    /// `signal` and a check of the conference's state; every other report
    /// is handled out of line.
    #[inline(always)]
    pub(crate) fn mcu_event<M: Attachable>(
        &mut self,
        state: ConferenceSessionState,
        report: McuReport<M>,
        now: Instant,
    ) -> Result<Effect, McuEventRefused> {
        let signal = match (&report, state) {
            (McuReport::FailingOver, ConferenceSessionState::Connected) => Signal::McuFailingOver,
            (McuReport::FailoverCompleted, ConferenceSessionState::Connected) => {
                Signal::FailoverCompleted
            }
            _ => return self.mcu_report::<M>(state, report, now),
        };
        // The variant matched owns nothing: forgetting the report skips its
        // out-of-line drop glue, which would test the variant again.
        core::mem::forget(report);
        match self.mcus.get_mut::<M>() {
            Some(session) => match session.signal(signal) {
                Ok(change) => Ok(Effect::StateChanged(change)),
                Err(refused) => Err(McuEventRefused::ByMcuSession(refused.into())),
            },
            None => Err(McuEventRefused::NotAttached {
                mcu_type: M::MCU_TYPE,
                event: signal.into(),
            }),
        }
    }

    /// Every report but the MCU failover [`mcu_event`](Self::mcu_event)
    /// inlines.
    #[inline(never)]
    fn mcu_report<M: Attachable>(
        &mut self,
        state: ConferenceSessionState,
        report: McuReport<M>,
        now: Instant,
    ) -> Result<Effect, McuEventRefused> {
        let event = Event::from(report);
        if state != ConferenceSessionState::Connected {
            return Err(McuEventRefused::NotNow { state, event });
        }
        match self.mcus.get_mut::<M>() {
            Some(session) => session
                .apply(event, now)
                .map_err(McuEventRefused::ByMcuSession),
            None => Err(McuEventRefused::NotAttached {
                mcu_type: M::MCU_TYPE,
                event,
            }),
        }
    }

    pub(crate) fn submit<M: Attachable>(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Submitted, SubmitRefused<M>> {
        match self.mcus.get_mut::<M>() {
            Some(session) => session
                .submit(operation, now)
                .map_err(SubmitRefused::Rejected),
            None => Err(SubmitRefused::NotAttached(operation)),
        }
    }

    pub(crate) fn handle_timeout(&mut self, now: Instant) -> usize {
        self.commands.expire(now) + self.mcus.handle_timeout(now)
    }

    /// Gives up on the operation `id` of the MCU session of type `M`,
    /// queued or pending, in any state of the conference.
    pub(crate) fn cancel<M: Attachable>(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld> {
        match self.mcus.get_mut::<M>() {
            Some(session) => session.cancel(id),
            None => Err(NotHeld::new(id)),
        }
    }

    /// Attaches `session`, as [`ConferenceSession::attach`] does; the
    /// caller has checked that the conference is Idle.
    pub(crate) fn attach<M: Attachable>(
        &mut self,
        session: Session<crate::mcu::state::Idle, M>,
    ) -> Result<(), AttachRefused<M>> {
        let problem = if self.mcus.mcu::<M>().is_some() {
            Some(AttachProblem::Occupied)
        } else if session.conference() != &self.conference {
            Some(AttachProblem::OtherConference)
        } else if session.mcu().is_some() {
            Some(AttachProblem::Bound)
        } else {
            None
        };
        match problem {
            Some(problem) => Err(AttachRefused { session, problem }),
            None => {
                self.mcus.attach(AnySession::from(session), &self.numbering);
                Ok(())
            }
        }
    }

    /// Lends the MCU session of type `M` as [`ConferenceSession::lend`]
    /// does; the caller has checked that the conference is Connected.
    pub(crate) fn lend<M: Attachable, T: State, R>(
        &mut self,
        f: impl for<'brand> FnOnce(&mut Lent<'brand, T, M>) -> R,
    ) -> Result<R, LendRefused> {
        let slot = self.mcus.slot_mut::<M>();
        let Some(any) = slot.take() else {
            return Err(LendRefused::NotAttached {
                mcu_type: M::MCU_TYPE,
            });
        };
        match Session::<T, M>::try_from(any) {
            Ok(session) => {
                let mut lent = Lent {
                    session,
                    brand: PhantomData,
                };
                // Should `f` panic, the session goes back before the panic
                // goes on: unwinding out of `f` must not drop it with what
                // it holds. Asserting unwind safety is sound here: every
                // call `f` can make through the `Lent` leaves the session
                // whole, so a panic between two of them leaves a session
                // that is merely where `f` left it.
                let result = panic::catch_unwind(AssertUnwindSafe(|| f(&mut lent)));
                *slot = Some(AnySession::from(lent.session));
                match result {
                    Ok(result) => Ok(result),
                    Err(payload) => panic::resume_unwind(payload),
                }
            }
            Err(wrong) => {
                let found = wrong.found();
                *slot = Some(wrong.into_session());
                Err(LendRefused::WrongState {
                    mcu_type: M::MCU_TYPE,
                    expected: T::STATE,
                    found,
                })
            }
        }
    }

    pub(crate) fn poll_timeout(&self) -> Option<Instant> {
        earliest(self.commands.next_deadline(), self.mcus.poll_timeout())
    }
}

/// Moves what every state shares into state `T`.
#[inline(always)]
fn to<T: ConferenceState>(shared: Box<Shared>, state: T::Data) -> ConferenceSession<T> {
    ConferenceSession { shared, state }
}

impl ConferenceSession<NotJoined> {
    /// A new conference session for the conference whose focus is
    /// `conference`, with no MCU session attached yet.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert_eq!(conference.state(), ConferenceSessionState::Idle);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn new(conference: Uri) -> Self {
        Self::with_capacities(conference, Capacities::default())
    }

    /// A new conference session that holds at most `capacities.operations`
    /// conference commands at once.
    ///
    /// ```
    /// use mcu_session::{Capacities, ConferenceSession, Uri};
    ///
    /// let conference = ConferenceSession::with_capacities(Uri::parse("sip:conf@contoso.com")?, Capacities::default());
    /// # let _ = conference;
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn with_capacities(conference: Uri, capacities: Capacities) -> Self {
        to(Box::new(Shared::new(conference, capacities)), ())
    }
}

impl<S: ConferenceState> ConferenceSession<S> {
    /// The state the conference is in.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let connecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join();
    /// assert_eq!(connecting.state(), ConferenceSessionState::Connecting);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn state(&self) -> ConferenceSessionState {
        S::STATE
    }

    /// The conference's focus URI.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert_eq!(conference.conference().as_str(), "sip:conf@contoso.com");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn conference(&self) -> &Uri {
        &self.shared.conference
    }

    /// The attached MCU session of type `M`, to read: its state, MCU,
    /// roster, what it holds. Reading cannot move it.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, InstantMessaging, InstantMessagingMcuSession, McuSessionState, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// assert_eq!(conference.mcu::<InstantMessaging>().map(|s| s.state()), Some(McuSessionState::Idle));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn mcu<M: Attachable>(&self) -> Option<&AnySession<M>> {
        self.shared.mcus.mcu::<M>()
    }

    /// The next output of the MCU session of type `M` (a released request,
    /// an answer, a failure), in any state: a terminated session's failures
    /// are read here after the conference has left.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, InstantMessaging, Uri};
    ///
    /// let mut conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert!(conference.poll_output::<InstantMessaging>().is_none());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn poll_output<M: Attachable>(&mut self) -> Option<Output<M>> {
        self.shared.mcus.get_mut::<M>()?.poll_output()
    }

    /// The next settled conference command.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let mut conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert!(conference.poll_command_output().is_none());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn poll_command_output(&mut self) -> Option<ConferenceOutput> {
        self.shared.commands.poll()
    }

    /// The focus answered a conference command.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{ConferenceCommand, ConferenceOutput, ConferenceSession, Response, Uri};
    ///
    /// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// let id = connected.command(ConferenceCommand::LockConference, Instant::now())?.id;
    /// connected.answer(Response::Success { id })?;
    /// assert_eq!(connected.poll_command_output(), Some(ConferenceOutput::Succeeded { id, command: ConferenceCommand::LockConference }));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn answer(&mut self, response: Response) -> Result<(), UnknownResponse> {
        self.shared.commands.answer(response)
    }

    /// Gives up on a pending conference command, handed back.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{ConferenceCommand, ConferenceSession, Uri};
    ///
    /// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// let id = connected.command(ConferenceCommand::LockConference, Instant::now())?.id;
    /// assert_eq!(connected.cancel_command(id), Ok(ConferenceCommand::LockConference));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel_command(&mut self, id: RequestId) -> Result<ConferenceCommand, NotHeld> {
        self.shared.commands.cancel(id)
    }

    /// Gives up on the operation `id` of the MCU session of type `M`,
    /// queued or pending, handed back; in any state (an operation queued
    /// for an MCU that never comes can be taken back while the conference
    /// reconnects, too).
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AdvertisedMcu, ConferenceSession, InstantMessaging, InstantMessagingMcuSession, Operation, Submitted, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let mut connected = conference.join().joined([chat])?;
    /// let Submitted::Queued(id) = connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now())? else { unreachable!() };
    /// let mut reconnecting = connected.reconnecting();
    /// assert_eq!(reconnecting.cancel::<InstantMessaging>(id), Ok(Operation::enable_block_all_mode()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel<M: Attachable>(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld> {
        self.shared.cancel(id)
    }

    /// Expires what is due at `now`, conference commands and MCU sessions'
    /// operations alike; how many failed.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let mut conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert_eq!(conference.handle_timeout(std::time::Instant::now()), 0);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn handle_timeout(&mut self, now: Instant) -> usize {
        self.shared.handle_timeout(now)
    }

    /// When to call [`handle_timeout`](Self::handle_timeout) next.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// assert_eq!(conference.poll_timeout(), None);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn poll_timeout(&self) -> Option<std::time::Instant> {
        self.shared.poll_timeout()
    }

    /// Attaches `session` as the conference's MCU session of type `M`,
    /// before the join, as the reference registers for the MCU sessions'
    /// events before `BeginJoin`. Refused, with the session handed back, if
    /// one of that type is attached already, if `session` belongs to
    /// another conference, or if it is bound (it has joined already).
    ///
    /// ```
    /// use mcu_session::conference::AttachProblem;
    /// use mcu_session::{ConferenceSession, InstantMessagingMcuSession, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(InstantMessagingMcuSession::new(focus.clone()))?;
    /// let refused = conference.attach(InstantMessagingMcuSession::new(focus)).unwrap_err();
    /// assert_eq!(refused.problem(), AttachProblem::Occupied);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn attach<M: Attachable>(
        &mut self,
        session: Session<crate::mcu::state::Idle, M>,
    ) -> Result<(), AttachRefused<M>>
    where
        S: allowed::Attach,
    {
        self.shared.attach(session)
    }

    /// `BeginJoin` is called: Idle → Connecting.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let connecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join();
    /// assert_eq!(connecting.state(), ConferenceSessionState::Connecting);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn join(self) -> ConferenceSession<Connecting>
    where
        S: allowed::Join,
    {
        to(self.shared, ())
    }

    /// The join completed, and the conference offers `offered`: Connecting
    /// → Connected. Each attached MCU session is bound to its MCU, or
    /// terminated by its transition 2 when the conference does not offer
    /// its type; one already Active takes the join in place. Refused with
    /// nothing changed (the conference and the offer handed back) when the
    /// offer names an attached session's type twice, or lacks the type of
    /// one already Active.
    ///
    /// ```
    /// use mcu_session::{AdvertisedMcu, AudioVideo, AudioVideoMcuSession, ConferenceSession, McuSessionState, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(AudioVideoMcuSession::new(focus))?;
    /// let connected = conference.join().joined([])?; // an IM-only conference, say
    /// assert_eq!(connected.mcu::<AudioVideo>().map(|s| s.state()), Some(McuSessionState::Terminated)); // transition 2
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn joined(
        self,
        offered: impl IntoIterator<Item = AdvertisedMcu>,
    ) -> Result<ConferenceSession<Connected>, JoinRefused<S>>
    where
        S: allowed::JoinCompleted,
    {
        self.bind(offered.into_iter().collect())
    }

    /// A leader admitted the participant from the lobby, and the conference
    /// offers `offered`: InLobby → Connected, binding the MCU sessions as
    /// [`joined`](Self::joined) does. Also the way into the conference
    /// for a conference that lost its focus while in the lobby
    /// (`Reconnecting<InLobby>` → Connected): the focus reconnected it into
    /// the conference, so it was admitted meanwhile, and its MCU sessions,
    /// never bound in the lobby, take the offer now.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let lobby = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby();
    /// assert_eq!(lobby.admitted([])?.state(), ConferenceSessionState::Connected);
    /// let lobby = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby();
    /// assert_eq!(lobby.reconnecting().admitted([])?.state(), ConferenceSessionState::Connected);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn admitted(
        self,
        offered: impl IntoIterator<Item = AdvertisedMcu>,
    ) -> Result<ConferenceSession<Connected>, JoinRefused<S>>
    where
        S: allowed::Admitted,
    {
        self.bind(offered.into_iter().collect())
    }

    fn bind(
        mut self,
        offered: Vec<AdvertisedMcu>,
    ) -> Result<ConferenceSession<Connected>, JoinRefused<S>> {
        match self.shared.join(offered) {
            Ok(()) => Ok(to(self.shared, ())),
            Err((offered, problem)) => Err(JoinRefused {
                conference: self,
                offered,
                problem,
            }),
        }
    }

    /// The join failed (`EndJoin` threw): Connecting → Idle. The MCU
    /// sessions stay attached, unbound, for the next attempt.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let idle = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().join_failed();
    /// assert_eq!(idle.state(), ConferenceSessionState::Idle);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn join_failed(self) -> ConferenceSession<NotJoined>
    where
        S: allowed::JoinFailed,
    {
        to(self.shared, ())
    }

    /// The conference has its lobby enabled and put the participant there:
    /// Connecting → InLobby.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let lobby = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby();
    /// assert_eq!(lobby.state(), ConferenceSessionState::InLobby);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn entered_lobby(self) -> ConferenceSession<InLobby>
    where
        S: allowed::EnteredLobby,
    {
        to(self.shared, ())
    }

    /// The focus front end failed over, or the SIP dialog is in recovery:
    /// Connected or InLobby → Reconnecting. In the same call, "all pending
    /// ConferenceSession operations fail" (`SessionRetrying`), every
    /// Active MCU session goes Retrying (its transition 3b, the call kept),
    /// failing what it has pending, and one already Retrying after an MCU
    /// failover (3a) stays Retrying and fails what it has pending too: the
    /// link those requests were to be answered on is gone.
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// assert_eq!(connected.reconnecting().state(), ConferenceSessionState::Reconnecting);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reconnecting(mut self) -> ConferenceSession<Reconnecting<S>>
    where
        S: allowed::FocusFailover,
    {
        self.shared.focus_lost();
        to(self.shared, ())
    }

    /// The reconnection succeeded, back into the conference, and the focus
    /// reported which MCUs are active: Reconnecting → Connected, with what
    /// became of each MCU session. Each Retrying MCU session goes Active
    /// (4b) or Idle (4c) by its MCU's status; a 4b change's call says
    /// whether the call with the MCU survived (`Terminated`: an MCU
    /// failover ended it before the focus failed over; set up a new one).
    /// The fresh roster then arrives per MCU ([`Event::Attendance`] through
    /// [`mcu_event`](Self::mcu_event)), and the roster diffs say what
    /// changed. Only a conference reconnecting from Connected comes back
    /// this way; from the lobby it is [`admitted`](Self::admitted).
    ///
    /// ```
    /// use mcu_session::conference::McuStatuses;
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let reconnecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?.reconnecting();
    /// let (connected, changes) = reconnecting.reconnected_to_conference(McuStatuses::default());
    /// assert_eq!((connected.state(), changes.instant_messaging), (ConferenceSessionState::Connected, None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn reconnected_to_conference(
        mut self,
        statuses: McuStatuses,
    ) -> (ConferenceSession<Connected>, McuChanges)
    where
        S: allowed::ReconnectToConference,
    {
        let changes = self.shared.mcus.reconnected(statuses);
        (to(self.shared, ()), changes)
    }

    /// The reconnection succeeded, back into the lobby: Reconnecting →
    /// InLobby, with what became of each MCU session. No MCU is active for
    /// a participant in the lobby, so each Retrying MCU session goes Idle
    /// (4c).
    ///
    /// ```
    /// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let reconnecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby().reconnecting();
    /// let (lobby, _changes) = reconnecting.reconnected_to_lobby();
    /// assert_eq!(lobby.state(), ConferenceSessionState::InLobby);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[inline]
    pub fn reconnected_to_lobby(mut self) -> (ConferenceSession<InLobby>, McuChanges)
    where
        S: allowed::ReconnectToLobby,
    {
        let changes = self.shared.mcus.reconnected(Reconnection::Lobby.statuses());
        (to(self.shared, ()), changes)
    }

    /// The reconnection succeeded, as the focus reported it: Reconnecting →
    /// Connected or InLobby, with what became of each MCU session.
    ///
    /// ```
    /// use mcu_session::conference::{Reconnection, Rejoined};
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let reconnecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?.reconnecting();
    /// let (rejoined, _changes) = reconnecting.reconnected(Reconnection::Lobby);
    /// assert!(matches!(rejoined, Rejoined::InLobby(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[inline]
    pub fn reconnected(mut self, reconnection: Reconnection) -> (Rejoined, McuChanges)
    where
        S: allowed::Reconnect,
    {
        let changes = self.shared.mcus.reconnected(reconnection.statuses());
        let rejoined = match reconnection {
            Reconnection::Conference(_) => Rejoined::Connected(to(self.shared, ())),
            Reconnection::Lobby => Rejoined::InLobby(to(self.shared, ())),
        };
        (rejoined, changes)
    }

    /// The one reconnection attempt failed ("only one reconnection attempt
    /// is made"): Reconnecting → Disconnecting, and every MCU session
    /// terminates, failing what it holds.
    ///
    /// ```
    /// use mcu_session::conference::DisconnectCause;
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let reconnecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?.reconnecting();
    /// assert_eq!(reconnecting.reconnect_failed().cause(), DisconnectCause::ReconnectFailed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reconnect_failed(self) -> ConferenceSession<Disconnecting>
    where
        S: allowed::ReconnectFailed,
    {
        self.leave(DisconnectCause::ReconnectFailed)
    }

    /// The conference session starts to leave for `exit`: Connected or
    /// InLobby → Disconnecting, and every MCU session terminates (5a, 5b,
    /// 5c), failing what it holds: "Terminating a conference session
    /// terminates all MCU sessions". What a state may leave for is typed:
    /// [`ConnectedExit`](crate::conference::ConnectedExit) from Connected,
    /// [`LobbyExit`](crate::conference::LobbyExit) from the lobby.
    ///
    /// ```
    /// use mcu_session::conference::{DisconnectCause, LobbyExit};
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let lobby = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby();
    /// assert_eq!(lobby.disconnect(LobbyExit::TimedOut).cause(), DisconnectCause::LobbyTimedOut);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn disconnect(self, exit: S::Exit) -> ConferenceSession<Disconnecting>
    where
        S: allowed::Disconnect,
    {
        self.leave(exit.into())
    }

    /// Ends the conference for everyone (`BeginTerminateConference`):
    /// Connected → Disconnecting, the MCU sessions terminated, and the
    /// command to send to the focus. Its answer comes in through
    /// [`answer`](Self::answer) as any command's does. It goes out whatever
    /// the conference's capacity of commands: ending the conference is
    /// never refused.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::conference::DisconnectCause;
    /// use mcu_session::{ConferenceCommand, ConferenceSession, Uri};
    ///
    /// let connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// let (disconnecting, request) = connected.terminate_conference(Instant::now());
    /// assert_eq!(request.command, ConferenceCommand::TerminateConference);
    /// assert_eq!(disconnecting.cause(), DisconnectCause::TerminatedConference);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn terminate_conference(
        mut self,
        now: Instant,
    ) -> (ConferenceSession<Disconnecting>, ConferenceRequest)
    where
        S: allowed::TerminateConference,
    {
        let request = self.shared.terminate_conference(now);
        (self.leave(DisconnectCause::TerminatedConference), request)
    }

    fn leave(mut self, cause: DisconnectCause) -> ConferenceSession<Disconnecting> {
        self.shared.leave();
        to(self.shared, cause)
    }

    /// Termination completed (signaling and subscription with the focus
    /// ended first): Disconnecting → Disconnected, or → Idle when the cause
    /// was a failed escalation ("occurs only when the parent Conversation
    /// has failed an escalation attempt"). Commands still pending fail.
    /// An Idle conference "has not connected yet": the terminated MCU
    /// sessions are handed back, and fresh ones are attached before the
    /// next join.
    ///
    /// ```
    /// use mcu_session::conference::{ConnectedExit, Left};
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// assert!(matches!(connected.disconnect(ConnectedExit::EscalationFailed).disconnected(), Left::NotJoined(..)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn disconnected(self) -> Left
    where
        S: allowed::FinishLeaving,
    {
        let ConferenceSession {
            mut shared,
            state: cause,
        } = self;
        match shared.finish(cause) {
            Some(released) => Left::NotJoined(to(shared, ()), released),
            None => Left::Disconnected(to(shared, cause)),
        }
    }

    /// Why the conference is leaving or left.
    ///
    /// ```
    /// use mcu_session::conference::{ConnectedExit, DisconnectCause};
    /// use mcu_session::{ConferenceSession, Uri};
    ///
    /// let connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// assert_eq!(connected.disconnect(ConnectedExit::Ejected).cause(), DisconnectCause::Ejected);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn cause(&self) -> DisconnectCause
    where
        S: allowed::Cause,
    {
        self.state
    }

    /// Hands the MCU sessions back, each terminated and still holding what
    /// it failed, as an embedded HAL's `release()` hands its pins back.
    ///
    /// ```
    /// use mcu_session::conference::{ConnectedExit, Left};
    /// use mcu_session::{ConferenceSession, InstantMessagingMcuSession, McuSessionState, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// let connected = conference.join().joined([])?;
    /// let Left::Disconnected(ended) = connected.disconnect(ConnectedExit::Left).disconnected() else { unreachable!() };
    /// let (im, _) = ended.release().into_parts();
    /// assert_eq!(im.map(|s| s.state()), Some(McuSessionState::Terminated));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn release(self) -> McuSessions
    where
        S: allowed::Release,
    {
        self.shared.mcus
    }

    /// Sends a conference command to the focus; Connected only. It is
    /// pending until answered, failed by a focus failover
    /// (`SessionRetrying`), or [`ANSWER_TIMEOUT`](crate::ANSWER_TIMEOUT)
    /// passes. Refused, handed back, when the conference already holds
    /// its capacity of commands ([`CommandRefused::Full`]), and for
    /// `TerminateConference` ([`CommandRefused::Terminates`]): ending the
    /// conference is [`terminate_conference`](Self::terminate_conference),
    /// a transition. (The typed view refuses nothing else: it is Connected.)
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{ConferenceCommand, ConferenceSession, Uri};
    ///
    /// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// let request = connected.command(ConferenceCommand::UnlockConference, Instant::now())?;
    /// assert_eq!(request.command, ConferenceCommand::UnlockConference);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn command(
        &mut self,
        command: ConferenceCommand,
        now: Instant,
    ) -> Result<ConferenceRequest, CommandRefused>
    where
        S: allowed::Command,
    {
        self.shared.request(command, now)
    }

    /// Submits an operation to the MCU session of type `M`: sent at once
    /// when it is Active, queued when it is bound and Idle, refused
    /// (handed back) otherwise. Connected only: while the focus link is
    /// down the reference fails every `BeginXxx` as retryable, so the
    /// method does not exist there.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{ConferenceSession, InstantMessaging, Operation, Uri};
    /// use mcu_session::conference::SubmitRefused;
    ///
    /// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// let refused = connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
    /// assert!(matches!(refused, SubmitRefused::NotAttached(_)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submit<M: Attachable>(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Submitted, SubmitRefused<M>>
    where
        S: allowed::Submit,
    {
        self.shared.submit(operation, now)
    }

    /// What the focus reported about one MCU, for the MCU session of type
    /// `M`: activation (1), MCU failover (3a, 4a), attendance and answers;
    /// Connected only (the conference is Connected before the join's
    /// callback, and activation comes "before or after" that callback).
    /// What the conference itself causes (the join's offer, focus failover
    /// and reconnection, the conference's end) has no [`McuReport`]: it
    /// comes through the conference's own transitions, for every MCU
    /// session at once, and another MCU's entry does not type-check.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::conference::McuReport;
    /// use mcu_session::{AdvertisedMcu, ConferenceSession, InstantMessaging, InstantMessagingMcuSession, McuSessionState, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let mut connected = conference.join().joined([chat.clone()])?;
    /// connected.mcu_event(McuReport::<InstantMessaging>::activated(chat)?, Instant::now())?;
    /// assert_eq!(connected.mcu::<InstantMessaging>().map(|s| s.state()), Some(McuSessionState::Active));
    /// connected.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now())?; // 3a
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn mcu_event<M: Attachable>(
        &mut self,
        report: McuReport<M>,
        now: Instant,
    ) -> Result<Effect, McuEventRefused>
    where
        S: allowed::McuEvent,
    {
        self.shared.mcu_event::<M>(S::STATE, report, now)
    }

    /// Lends the MCU session of type `M` to `f` as the typed
    /// [`Session<T, M>`], when it is in state `T`; Connected only. `f` may
    /// request, queue, cancel, answer and poll through it, but cannot move
    /// it: no transition is reachable through a [`Lent`], and each lend
    /// brands its [`Lent`] with a lifetime of its own, so not even two
    /// lends can swap their sessions. Not even a panic in `f` loses it:
    /// the session is put back, holding what `f` did before the panic,
    /// and the panic goes on. Refused, with nothing changed, when
    /// no session of type `M` is attached or it is in another state.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::conference::McuReport;
    /// use mcu_session::{AdvertisedMcu, Active, ConferenceSession, Event, InstantMessaging, InstantMessagingMcuSession, Operation, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut conference = ConferenceSession::new(focus.clone());
    /// conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let mut connected = conference.join().joined([chat.clone()])?;
    /// connected.mcu_event::<InstantMessaging>(McuReport::activated(chat)?, Instant::now())?;
    /// let request = connected.lend::<InstantMessaging, Active, _>(|im| im.request(Operation::enable_block_all_mode(), Instant::now()))??;
    /// assert_eq!(request.mcu_type, "chat");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn lend<M: Attachable, T: State, R>(
        &mut self,
        f: impl for<'brand> FnOnce(&mut Lent<'brand, T, M>) -> R,
    ) -> Result<R, LendRefused>
    where
        S: allowed::Lend,
    {
        self.shared.lend(f)
    }
}

/// What the focus reported when the conference reconnected.
///
/// ```
/// use mcu_session::conference::{McuStatuses, Reconnection};
///
/// assert_ne!(Reconnection::Lobby, Reconnection::Conference(McuStatuses::default()));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reconnection {
    /// Back into the conference, with each MCU's status.
    Conference(McuStatuses),
    /// Back into the lobby: no MCU is active for the participant.
    Lobby,
}

impl Reconnection {
    /// Each MCU's status as the reconnection reports it: none active in the
    /// lobby.
    pub(crate) fn statuses(self) -> McuStatuses {
        match self {
            Self::Conference(statuses) => statuses,
            Self::Lobby => McuStatuses::default(),
        }
    }
}

/// Where a successful reconnection took the conference, as
/// [`reconnected`](ConferenceSession::reconnected) reports it.
///
/// ```
/// use mcu_session::conference::{Reconnection, Rejoined};
/// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
///
/// let reconnecting = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?.reconnecting();
/// let (Rejoined::InLobby(lobby), _changes) = reconnecting.reconnected(Reconnection::Lobby) else { unreachable!() };
/// assert_eq!(lobby.state(), ConferenceSessionState::InLobby);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "the conference is inside: match to keep it"]
pub enum Rejoined {
    /// Back in the conference.
    Connected(ConferenceSession<Connected>),
    /// Back in the lobby.
    InLobby(ConferenceSession<InLobby>),
}

/// Where a finished termination took the conference.
///
/// ```
/// use mcu_session::conference::{ConnectedExit, Left};
/// use mcu_session::{ConferenceSession, Uri};
///
/// let connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
/// assert!(matches!(connected.disconnect(ConnectedExit::Left).disconnected(), Left::Disconnected(_)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "the conference is inside: match to keep it"]
pub enum Left {
    /// Left for good.
    Disconnected(ConferenceSession<Disconnected>),
    /// Idle again after a failed escalation, with its terminated MCU
    /// sessions handed back.
    NotJoined(ConferenceSession<NotJoined>, McuSessions),
}

/// An MCU session lent out by [`ConferenceSession::lend`]: the typed
/// session to read (through `Deref`) and to request, queue, cancel,
/// answer and poll through, but never to move. `'brand` is unique to each
/// lend.
///
/// ```
/// use mcu_session::{ConferenceSession, Idle, InstantMessaging, InstantMessagingMcuSession, Uri};
///
/// let focus = Uri::parse("sip:conf@contoso.com")?;
/// let mut conference = ConferenceSession::new(focus.clone());
/// conference.attach(InstantMessagingMcuSession::new(focus))?;
/// let mut connected = conference.join().joined([])?; // no chat MCU offered: transition 2
/// assert!(connected.lend::<InstantMessaging, Idle, _>(|im| im.mcu().is_some()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Lent<'brand, S: State, M: McuType> {
    session: Session<S, M>,
    brand: PhantomData<fn(&'brand ()) -> &'brand ()>,
}

impl<S: State, M: McuType> Deref for Lent<'_, S, M> {
    type Target = Session<S, M>;

    fn deref(&self) -> &Session<S, M> {
        &self.session
    }
}

impl<S: State, M: McuType> fmt::Debug for Lent<'_, S, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Lent").field(&self.session).finish()
    }
}

impl<S: State, M: McuType> Lent<'_, S, M> {
    /// [`Session::request`], on the lent session.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use mcu_session::conference::McuReport;
    /// # use mcu_session::{Active, AdvertisedMcu, ConferenceSession, Event, Idle, InstantMessaging, InstantMessagingMcuSession, Operation, Output, Response, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// # let mut connected = conference.join().joined([chat.clone()])?;
    /// # let now = Instant::now();
    /// # connected.mcu_event::<InstantMessaging>(McuReport::activated(chat)?, now)?;
    /// let sent = connected.lend::<InstantMessaging, Active, _>(|im| {
    ///     im.request(Operation::enable_block_all_mode(), now)
    /// })??;
    /// assert_eq!(connected.mcu::<InstantMessaging>().map(|s| s.pending()), Some(1));
    /// # let _ = sent;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn request(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Request, QueueFull<M>>
    where
        S: mcu_allowed::Request,
    {
        self.session.request(operation, now)
    }

    /// [`Session::queue`], on the lent session.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use mcu_session::{Active, AdvertisedMcu, ConferenceSession, Event, Idle, InstantMessaging, InstantMessagingMcuSession, Operation, Output, Response, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// # let mut connected = conference.join().joined([chat.clone()])?;
    /// # let now = Instant::now();
    /// let id = connected.lend::<InstantMessaging, Idle, _>(|im| {
    ///     im.queue(Operation::enable_block_all_mode(), now)
    /// })??;
    /// assert_eq!(connected.mcu::<InstantMessaging>().map(|s| s.queued()), Some(1));
    /// # let _ = id;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn queue(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<RequestId, crate::request::operation::QueueError<M>>
    where
        S: mcu_allowed::Queue,
    {
        self.session.queue(operation, now)
    }

    /// [`Session::cancel`], on the lent session.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use mcu_session::{Active, AdvertisedMcu, ConferenceSession, Event, Idle, InstantMessaging, InstantMessagingMcuSession, Operation, Output, Response, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// # let mut connected = conference.join().joined([chat.clone()])?;
    /// # let now = Instant::now();
    /// let cancelled = connected.lend::<InstantMessaging, Idle, _>(|im| {
    ///     let id = im.queue(Operation::enable_block_all_mode(), now)?;
    ///     im.cancel(id).map_err(Box::<dyn std::error::Error>::from)
    /// })??;
    /// assert_eq!(cancelled, Operation::enable_block_all_mode()); // handed back
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld>
    where
        S: mcu_allowed::Timer,
    {
        self.session.cancel(id)
    }

    /// [`Session::answer`], on the lent session.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use mcu_session::conference::McuReport;
    /// # use mcu_session::{Active, AdvertisedMcu, ConferenceSession, Event, Idle, InstantMessaging, InstantMessagingMcuSession, Operation, Output, Response, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// # let mut connected = conference.join().joined([chat.clone()])?;
    /// # let now = Instant::now();
    /// # connected.mcu_event::<InstantMessaging>(McuReport::activated(chat)?, now)?;
    /// let answered = connected.lend::<InstantMessaging, Active, _>(|im| {
    ///     let sent = im.request(Operation::enable_block_all_mode(), now)?;
    ///     im.answer(Response::Success { id: sent.id }).map_err(Box::<dyn std::error::Error>::from)
    /// })?;
    /// assert!(answered.is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn answer(&mut self, response: Response) -> Result<(), UnknownResponse>
    where
        S: mcu_allowed::Answer,
    {
        self.session.answer(response)
    }

    /// [`Session::poll_output`], on the lent session.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use mcu_session::conference::McuReport;
    /// # use mcu_session::{Active, AdvertisedMcu, ConferenceSession, Event, Idle, InstantMessaging, InstantMessagingMcuSession, Operation, Output, Response, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// # let mut connected = conference.join().joined([chat.clone()])?;
    /// # let now = Instant::now();
    /// # connected.mcu_event::<InstantMessaging>(McuReport::activated(chat)?, now)?;
    /// let output = connected.lend::<InstantMessaging, Active, _>(|im| {
    ///     let sent = im.request(Operation::enable_block_all_mode(), now)?;
    ///     im.answer(Response::Success { id: sent.id })?;
    ///     Ok::<_, Box<dyn std::error::Error>>(im.poll_output())
    /// })??;
    /// assert!(matches!(output, Some(Output::Succeeded { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn poll_output(&mut self) -> Option<Output<M>> {
        self.session.poll_output()
    }
}

/// An MCU session [`attach`](ConferenceSession::attach) refused, handed
/// back with the problem.
///
/// ```
/// use mcu_session::conference::AttachProblem;
/// use mcu_session::{ConferenceSession, InstantMessagingMcuSession, Uri};
///
/// let mut conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
/// let refused = conference.attach(InstantMessagingMcuSession::new(Uri::parse("sip:other@contoso.com")?)).unwrap_err();
/// assert_eq!(refused.problem(), AttachProblem::OtherConference);
/// let _session = refused.into_session(); // nothing is lost
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("cannot attach the `{}` MCU session: {problem}", M::MCU_TYPE)]
pub struct AttachRefused<M: McuType> {
    session: Session<crate::mcu::state::Idle, M>,
    problem: AttachProblem,
}

impl<M: McuType> AttachRefused<M> {
    pub(crate) fn new(
        session: Session<crate::mcu::state::Idle, M>,
        problem: AttachProblem,
    ) -> Self {
        Self { session, problem }
    }

    /// What was wrong.
    ///
    /// ```
    /// # use mcu_session::conference::AttachProblem;
    /// # use mcu_session::{ConferenceSession, InstantMessagingMcuSession, Uri};
    /// # let mut conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let refused = conference.attach(InstantMessagingMcuSession::new(Uri::parse("sip:other@contoso.com")?)).unwrap_err();
    /// assert_eq!(refused.problem(), AttachProblem::OtherConference);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn problem(&self) -> AttachProblem {
        self.problem
    }

    /// The session, unchanged.
    ///
    /// ```
    /// # use mcu_session::{ConferenceSession, InstantMessagingMcuSession, Uri};
    /// # let mut conference = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
    /// # let refused = conference.attach(InstantMessagingMcuSession::new(Uri::parse("sip:other@contoso.com")?)).unwrap_err();
    /// assert_eq!(refused.into_session().conference().as_str(), "sip:other@contoso.com");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn into_session(self) -> Session<crate::mcu::state::Idle, M> {
        self.session
    }
}

/// Why [`attach`](ConferenceSession::attach) refused a session.
///
/// ```
/// use mcu_session::conference::AttachProblem;
///
/// assert_eq!(AttachProblem::Bound.to_string(), "it is bound already (it has joined)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum AttachProblem {
    /// The conference has a session of that MCU type already.
    #[error("the conference has one already")]
    Occupied,
    /// The session was made for another conference.
    #[error("it belongs to another conference")]
    OtherConference,
    /// The session is bound: it has joined already, not through this
    /// conference.
    #[error("it is bound already (it has joined)")]
    Bound,
    /// The conference is not Idle: MCU sessions are attached before the
    /// join (the runtime view; the typed one does not compile).
    #[error("the conference is {0}, and takes MCU sessions only while Idle")]
    NotIdle(ConferenceSessionState),
}

/// A join or admission refused: the conference, unchanged, and the offer,
/// handed back with the problem.
///
/// ```
/// use mcu_session::conference::JoinProblem;
/// use mcu_session::{AdvertisedMcu, ConferenceSession, InstantMessaging, InstantMessagingMcuSession, Uri};
///
/// let focus = Uri::parse("sip:conf@contoso.com")?;
/// let mut conference = ConferenceSession::new(focus.clone());
/// conference.attach(InstantMessagingMcuSession::new(focus))?;
/// let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
/// let refused = conference.join().joined([chat.clone(), chat]).unwrap_err();
/// assert_eq!(refused.problem(), JoinProblem::OfferedTwice { mcu_type: "chat" });
/// let (connecting, offered) = refused.into_parts(); // nothing is lost
/// # let _ = (connecting, offered);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("the join's offer was refused: {problem}")]
pub struct JoinRefused<S: ConferenceState> {
    conference: ConferenceSession<S>,
    offered: Vec<AdvertisedMcu>,
    problem: JoinProblem,
}

impl<S: ConferenceState> JoinRefused<S> {
    /// What was wrong with the offer.
    ///
    /// ```
    /// # use mcu_session::conference::JoinProblem;
    /// # use mcu_session::{AdvertisedMcu, ConferenceSession, InstantMessaging, InstantMessagingMcuSession, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let refused = conference.join().joined([chat.clone(), chat]).unwrap_err();
    /// assert_eq!(refused.problem(), JoinProblem::OfferedTwice { mcu_type: "chat" });
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn problem(&self) -> JoinProblem {
        self.problem
    }

    /// The conference, unchanged, and the offer.
    ///
    /// ```
    /// # use mcu_session::{AdvertisedMcu, ConferenceSession, ConferenceSessionState, InstantMessaging, InstantMessagingMcuSession, Uri};
    /// # let focus = Uri::parse("sip:conf@contoso.com")?;
    /// # let mut conference = ConferenceSession::new(focus.clone());
    /// # conference.attach(InstantMessagingMcuSession::new(focus))?;
    /// # let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
    /// let (connecting, offered) = conference.join().joined([chat.clone(), chat]).unwrap_err().into_parts();
    /// assert_eq!((connecting.state(), offered.len()), (ConferenceSessionState::Connecting, 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_parts(self) -> (ConferenceSession<S>, Vec<AdvertisedMcu>) {
        (self.conference, self.offered)
    }
}

/// A conference command refused because the conference already holds its
/// capacity of commands; the command is handed back.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{Capacities, CommandRefused, ConferenceCommand, ConferenceSession, Uri};
///
/// let capacities = Capacities { operations: 0, ..Capacities::default() };
/// let mut connected = ConferenceSession::with_capacities(Uri::parse("sip:conf@contoso.com")?, capacities).join().joined([])?;
/// let refused = connected.command(ConferenceCommand::LockConference, Instant::now()).unwrap_err();
/// let CommandRefused::Full(full) = refused else { unreachable!() };
/// assert_eq!(full.command, ConferenceCommand::LockConference);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot {command}: the conference holds its capacity of {capacity} commands")]
#[non_exhaustive]
pub struct CommandsFull {
    /// The command, handed back.
    pub command: ConferenceCommand,
    /// How many commands the conference holds at most.
    pub capacity: usize,
}

/// A conference command [`command`](ConferenceSession::command) (or
/// [`AnyConference::command`](crate::AnyConference::command)) refused,
/// handed back.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::{AnyConference, CommandRefused, ConferenceCommand, ConferenceEvent, ConferenceSession, Uri};
///
/// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?);
/// any.apply(ConferenceEvent::FocusFailover)?;
/// let refused = any.command(ConferenceCommand::LockConference, Instant::now()).unwrap_err();
/// assert_eq!(refused, CommandRefused::Retryable(ConferenceCommand::LockConference));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CommandRefused {
    /// The conference is reconnecting: the reference fails the command as
    /// retryable (`RetryableOperation`); ask again once Connected.
    #[error("cannot {0} while the conference is reconnecting: retry once connected")]
    Retryable(ConferenceCommand),
    /// The conference's state takes no commands ("not valid at the given
    /// conference session state").
    #[error("cannot {command}: not valid for a {state} conference session")]
    Invalid {
        /// The state the conference is in.
        state: ConferenceSessionState,
        /// The command, handed back.
        command: ConferenceCommand,
    },
    /// The conference holds its capacity of commands.
    #[error(transparent)]
    Full(CommandsFull),
    /// Ending the conference for everyone is a transition, not a request:
    /// [`terminate_conference`](ConferenceSession::terminate_conference)
    /// sends this command and moves to Disconnecting, in either view.
    #[error("cannot {0} through `command`: call `terminate_conference`, the move to Disconnecting")]
    Terminates(ConferenceCommand),
    /// C3P has no form for it here (the table of `wire::c3p`, feature
    /// `xml`), so it could never be sent: a `client::Client` refuses it
    /// before it is pending.
    #[error("cannot {0}: it has no C3P form to send")]
    NoWireForm(ConferenceCommand),
}

impl CommandRefused {
    /// The command, handed back.
    ///
    /// ```
    /// use mcu_session::{CommandRefused, ConferenceCommand};
    ///
    /// let refused = CommandRefused::Retryable(ConferenceCommand::LockConference);
    /// assert_eq!(refused.into_command(), ConferenceCommand::LockConference);
    /// ```
    #[must_use]
    pub fn into_command(self) -> ConferenceCommand {
        match self {
            Self::Retryable(command)
            | Self::Invalid { command, .. }
            | Self::Full(CommandsFull { command, .. })
            | Self::Terminates(command)
            | Self::NoWireForm(command) => command,
        }
    }
}

/// An operation [`submit`](ConferenceSession::submit) refused, handed
/// back.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::conference::SubmitRefused;
/// use mcu_session::{ConferenceSession, InstantMessaging, Operation, Uri};
///
/// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
/// let refused = connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
/// assert_eq!(refused.into_operation(), Operation::enable_block_all_mode());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SubmitRefused<M: McuType> {
    /// No MCU session of type `M` is attached.
    #[error("no `{}` MCU session is attached", M::MCU_TYPE)]
    NotAttached(Operation<M>),
    /// The MCU session refused it.
    #[error(transparent)]
    Rejected(OperationRejected<M>),
    /// The conference is reconnecting to the focus: "Any BeginXxx method
    /// invoked on the ConferenceSession or an McuSession subclass fails
    /// ... RetryableOperation". Only the runtime view
    /// ([`AnyConference::submit`](crate::AnyConference::submit)) can be
    /// asked; the typed one does not compile.
    #[error("cannot submit while the conference is reconnecting: retry once connected")]
    Retryable(Operation<M>),
    /// Operations go out through a Connected conference only (the runtime
    /// view; the typed one does not compile).
    #[error("cannot submit an operation through a {state} conference session")]
    Invalid {
        /// The state the conference is in.
        state: ConferenceSessionState,
        /// The operation, handed back.
        operation: Operation<M>,
    },
    /// C3P has no form for it here (the table of `wire::c3p`, feature
    /// `xml`), so it could never be sent: a `client::Client` refuses it
    /// before it is pending.
    #[error("cannot submit {}: it has no C3P form to send", .0.kind())]
    NoWireForm(Operation<M>),
}

impl<M: McuType> SubmitRefused<M> {
    /// The operation, handed back.
    ///
    /// ```
    /// # use mcu_session::conference::SubmitRefused;
    /// # use mcu_session::{InstantMessaging, Operation};
    /// let refused = SubmitRefused::<InstantMessaging>::NotAttached(Operation::enable_block_all_mode());
    /// assert_eq!(refused.into_operation(), Operation::enable_block_all_mode());
    /// ```
    pub fn into_operation(self) -> Operation<M> {
        match self {
            Self::NotAttached(operation)
            | Self::Retryable(operation)
            | Self::NoWireForm(operation)
            | Self::Invalid { operation, .. } => operation,
            Self::Rejected(rejected) => rejected.into_operation(),
        }
    }
}

/// A report about one MCU that [`mcu_event`](ConferenceSession::mcu_event)
/// refused; the report is handed back, as the MCU session's [`Event`], and
/// nothing changed.
///
/// ```
/// use std::time::Instant;
/// use mcu_session::conference::{McuEventRefused, McuReport};
/// use mcu_session::{ConferenceSession, Event, InstantMessaging, Uri};
///
/// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
/// let refused = connected.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now()).unwrap_err();
/// assert!(matches!(refused, McuEventRefused::NotAttached { .. }));
/// assert_eq!(refused.into_event(), Event::McuFailingOver);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum McuEventRefused {
    /// The conference's state does not take this report about an MCU.
    #[error("a {state} conference takes no {} report about an MCU", event.kind())]
    NotNow {
        /// The conference's state.
        state: ConferenceSessionState,
        /// The event, handed back.
        event: Event,
    },
    /// No MCU session of that type is attached.
    #[error("no `{mcu_type}` MCU session is attached")]
    NotAttached {
        /// The MCU type.
        mcu_type: &'static str,
        /// The event, handed back.
        event: Event,
    },
    /// The MCU session refused it.
    #[error(transparent)]
    ByMcuSession(Refused),
}

impl McuEventRefused {
    /// The event, handed back.
    ///
    /// ```
    /// # use std::time::Instant;
    /// # use mcu_session::conference::McuReport;
    /// # use mcu_session::{ConferenceSession, Event, InstantMessaging, Uri};
    /// # let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
    /// let refused = connected.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now()).unwrap_err();
    /// assert_eq!(refused.into_event(), Event::McuFailingOver);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_event(self) -> Event {
        match self {
            Self::NotNow { event, .. } | Self::NotAttached { event, .. } => event,
            Self::ByMcuSession(refused) => refused.into_event(),
        }
    }
}

/// Why [`lend`](ConferenceSession::lend) lent nothing; nothing changed.
///
/// ```
/// use mcu_session::conference::LendRefused;
/// use mcu_session::{Active, ConferenceSession, InstantMessaging, Uri};
///
/// let mut connected = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?;
/// let refused = connected.lend::<InstantMessaging, Active, _>(|_| ()).unwrap_err();
/// assert_eq!(refused, LendRefused::NotAttached { mcu_type: "chat" });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum LendRefused {
    /// No MCU session of that type is attached.
    #[error("no `{mcu_type}` MCU session is attached")]
    NotAttached {
        /// The MCU type.
        mcu_type: &'static str,
    },
    /// The conference is not Connected: it lends its MCU sessions out only
    /// then (the runtime view; the typed one does not compile).
    #[error("a {0} conference lends no MCU session out")]
    NotConnected(ConferenceSessionState),
    /// The MCU session is in another state than the one asked for.
    #[error("the `{mcu_type}` MCU session is {found}, not {expected}")]
    WrongState {
        /// The MCU type.
        mcu_type: &'static str,
        /// The state asked for.
        expected: McuSessionState,
        /// The state it is in.
        found: McuSessionState,
    },
}
