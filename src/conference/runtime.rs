//! `AnyConference`: the conference session in any of its seven states, for
//! code that learns the state from the focus at run time.

use core::fmt;
use std::time::Instant;

use crate::conference::command::{ConferenceCommand, ConferenceOutput, ConferenceRequest};
use crate::conference::mcus::{Attachable, JoinProblem, McuChanges, McuSessions};
use crate::conference::report::McuReport;
use crate::conference::session::{
    AttachProblem, AttachRefused, CommandRefused, ConferenceSession, LendRefused, Lent,
    McuEventRefused, Reconnection, Shared, SubmitRefused,
};
use crate::conference::state::{
    AnyConferenceState, ConferenceSessionState, ConferenceState, ConnectedExit, DisconnectCause,
    LobbyExit,
};
use crate::conference::transitions::{self, ConferenceEventKind, Transition};
use crate::mcu::runtime::{AnySession, Effect, Submitted};
use crate::mcu::session::Session;
use crate::mcu::state::{Idle, State};
use crate::mcu_type::AdvertisedMcu;
use crate::request::operation::{NotHeld, RequestId};
use crate::request::operation::{Operation, Output, Response, UnknownResponse};
use crate::uri::Uri;

/// What happens to a conference session: the focus's reports and the
/// application's own calls, as [`AnyConference::apply`] takes them.
///
/// ```
/// use mcu_session::ConferenceEvent;
/// use mcu_session::conference::transitions::ConferenceEventKind;
///
/// assert_eq!(ConferenceEvent::FocusFailover.kind(), ConferenceEventKind::FocusFailover);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConferenceEvent {
    /// `BeginJoin` is called.
    Join,
    /// The join completed; the conference offers these MCUs.
    Joined {
        /// The MCUs the conference offers.
        offered: Vec<AdvertisedMcu>,
    },
    /// The join failed.
    JoinFailed,
    /// The participant was put in the lobby.
    EnteredLobby,
    /// A leader admitted the participant; the conference offers these MCUs.
    Admitted {
        /// The MCUs the conference offers.
        offered: Vec<AdvertisedMcu>,
    },
    /// The focus failed over, or the SIP dialog is in recovery.
    FocusFailover,
    /// The reconnection succeeded, as reported.
    Reconnected(Reconnection),
    /// The one reconnection attempt failed.
    ReconnectFailed,
    /// The conference session starts to leave, for this cause.
    Disconnect(DisconnectCause),
    /// Termination completed.
    Disconnected,
}

impl ConferenceEvent {
    /// The event's kind, as the table names it.
    ///
    /// ```
    /// use mcu_session::ConferenceEvent;
    /// use mcu_session::conference::transitions::ConferenceEventKind;
    ///
    /// assert_eq!(ConferenceEvent::Join.kind(), ConferenceEventKind::Join);
    /// ```
    #[must_use]
    pub fn kind(&self) -> ConferenceEventKind {
        match self {
            Self::Join => ConferenceEventKind::Join,
            Self::Joined { .. } => ConferenceEventKind::Joined,
            Self::JoinFailed => ConferenceEventKind::JoinFailed,
            Self::EnteredLobby => ConferenceEventKind::EnteredLobby,
            Self::Admitted { .. } => ConferenceEventKind::Admitted,
            Self::FocusFailover => ConferenceEventKind::FocusFailover,
            Self::Reconnected(_) => ConferenceEventKind::Reconnected,
            Self::ReconnectFailed => ConferenceEventKind::ReconnectFailed,
            Self::Disconnect(_) => ConferenceEventKind::Disconnect,
            Self::Disconnected => ConferenceEventKind::Disconnected,
        }
    }
}

/// A [`ConferenceEvent`] that carries no data: every event but the join's
/// and the admission's offer (`Joined`, `Admitted`), the reconnection
/// (`Reconnected`, which reports what became of each MCU session) and the
/// end of termination (`Disconnected`, which may hand the MCU sessions
/// back). [`AnyConference::apply`] takes these inline, through
/// `AnyConference::signal`, whose answer comes back in two registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// A tag byte of its own, as `AnyConferenceState` has: telling the signal
// is a load and a compare.
#[repr(u8)]
enum ConferenceSignal {
    Join,
    JoinFailed,
    EnteredLobby,
    FocusFailover,
    ReconnectFailed,
    Disconnect(DisconnectCause),
}

impl ConferenceSignal {
    /// The event as a signal, or handed back when it carries data.
    #[inline(always)]
    fn from_event(event: ConferenceEvent) -> Result<Self, ConferenceEvent> {
        use ConferenceEvent as E;
        let signal = match &event {
            E::Join => Self::Join,
            E::JoinFailed => Self::JoinFailed,
            E::EnteredLobby => Self::EnteredLobby,
            E::FocusFailover => Self::FocusFailover,
            E::ReconnectFailed => Self::ReconnectFailed,
            E::Disconnect(cause) => Self::Disconnect(*cause),
            E::Joined { .. } | E::Admitted { .. } | E::Reconnected(_) | E::Disconnected => {
                return Err(event);
            }
        };
        // The variant matched owns nothing: forgetting the event skips its
        // out-of-line drop glue, which would test the variant again.
        core::mem::forget(event);
        Ok(signal)
    }

    /// The signal as the event it stands for.
    fn into_event(self) -> ConferenceEvent {
        match self {
            Self::Join => ConferenceEvent::Join,
            Self::JoinFailed => ConferenceEvent::JoinFailed,
            Self::EnteredLobby => ConferenceEvent::EnteredLobby,
            Self::FocusFailover => ConferenceEvent::FocusFailover,
            Self::ReconnectFailed => ConferenceEvent::ReconnectFailed,
            Self::Disconnect(cause) => ConferenceEvent::Disconnect(cause),
        }
    }
}

/// A signal the table documents (or whose cause it documents) for no
/// conference in this state; nothing changed.
#[derive(Debug, Clone, Copy)]
struct SignalRefused {
    state: ConferenceSessionState,
    signal: ConferenceSignal,
}

// A signal's answer comes back in two registers (see `AnyConference::signal`).
static_assertions::const_assert!(
    core::mem::size_of::<Result<&'static Transition, SignalRefused>>() <= 16
);

impl SignalRefused {
    /// Out of line: refusing is the rare path.
    #[cold]
    #[inline(never)]
    fn new(state: ConferenceSessionState, signal: ConferenceSignal) -> Self {
        Self { state, signal }
    }
}

impl From<SignalRefused> for ConferenceRefused {
    fn from(refused: SignalRefused) -> Self {
        Self::Undocumented {
            state: refused.state,
            event: refused.signal.into_event(),
        }
    }
}

/// A conference session in any of the seven states, checked at run time,
/// **at the cost of a `match` per event and the risk of runtime errors**:
/// an event the table does not document for the current state is refused
/// and handed back with nothing changed. It runs the same code as the
/// typed [`ConferenceSession`] on the same data, so both accept exactly the
/// same sequences. Move between the views with `From` and `TryFrom`.
///
/// Every typed method has its counterpart here:
///
/// | typed ([`ConferenceSession`]) | here |
/// |---|---|
/// | `new`, `with_capacities` | `AnyConference::from(ConferenceSession::new(..))`: a conference is made Idle, typed |
/// | `join`, `joined`, `admitted`, `join_failed`, `entered_lobby`, `reconnecting`, `reconnected_to_conference`, `reconnected_to_lobby`, `reconnected`, `reconnect_failed`, `disconnect`, `disconnected` | [`apply`](Self::apply), with the [`ConferenceEvent`] of the same name |
/// | `terminate_conference`, `command`, `submit`, `mcu_event`, `attach`, `lend`, `release`, `cancel`, `cancel_command`, `answer` | the method of the same name, refusing at run time where the typed one does not compile |
/// | `state`, `cause`, `conference`, `mcu`, `poll_output`, `poll_command_output`, `handle_timeout`, `poll_timeout` | the method of the same name |
/// | `Reconnecting<S>` (where the conference came from) | [`reconnecting_from`](Self::reconnecting_from) |
///
/// ```
/// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, ConferenceSessionState, Uri};
///
/// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
/// any.apply(ConferenceEvent::Join)?;
/// assert_eq!(any.state(), ConferenceSessionState::Connecting);
/// let refused = any.apply(ConferenceEvent::Disconnected).unwrap_err();
/// assert_eq!(refused.into_event(), ConferenceEvent::Disconnected); // nothing lost
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(PartialEq, Eq)]
#[must_use = "a conference session ends through `Disconnect`; dropping it loses its MCU sessions and what they hold"]
pub struct AnyConference {
    /// The typed session's own box, moved in and out of it as is.
    shared: Box<Shared>,
    state: AnyConferenceState,
}

impl fmt::Debug for AnyConference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AnyConference")
            .field("state", &self.state)
            .field("conference", &self.shared.conference)
            .field("commands", &self.shared.commands)
            .field("mcus", &self.shared.mcus)
            .finish()
    }
}

/// What an accepted event did: the documented transition, and on the way
/// back to Idle after a failed escalation, the MCU sessions handed back.
///
/// ```
/// use mcu_session::{AnyConference, ConferenceEffect, ConferenceEvent, ConferenceSession, ConferenceSessionState, Uri};
///
/// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
/// let ConferenceEffect::Changed(row) = any.apply(ConferenceEvent::Join)? else { unreachable!() };
/// assert_eq!(row.to, ConferenceSessionState::Connecting);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq)]
#[must_use = "a failed escalation hands the MCU sessions back inside"]
pub enum ConferenceEffect {
    /// The transition taken.
    Changed(Transition),
    /// Reconnecting → Connected or InLobby, and what became of each MCU
    /// session (4b, 4c, or nothing).
    Reconnected(Transition, McuChanges),
    /// Disconnecting → Idle after a failed escalation: the terminated MCU
    /// sessions, handed back (boxed: the end of a conference allocates once
    /// so that every other event's result stays small).
    Released(Transition, Box<McuSessions>),
}

impl ConferenceEffect {
    /// The transition taken.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.apply(ConferenceEvent::Join)?.transition().event.to_string(), "Join");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn transition(&self) -> Transition {
        match self {
            Self::Changed(row) | Self::Reconnected(row, _) | Self::Released(row, _) => *row,
        }
    }
}

/// An event [`AnyConference::apply`] refused, handed back; nothing changed.
///
/// ```
/// use mcu_session::{AnyConference, ConferenceEvent, ConferenceRefused, ConferenceSession, ConferenceSessionState, Uri};
///
/// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
/// let refused = any.apply(ConferenceEvent::FocusFailover).unwrap_err();
/// assert_eq!(refused.to_string(), "the reference documents no FocusFailover while the conference session is Idle");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConferenceRefused {
    /// The table has no row for this event (or this cause) from this state.
    #[error("the reference documents no {} while the conference session is {state}", event.kind())]
    Undocumented {
        /// The state the conference is in.
        state: ConferenceSessionState,
        /// The event, handed back.
        event: ConferenceEvent,
    },
    /// The table has a row for this event from Reconnecting, but not for a
    /// conference that reconnects from where this one came from: one that
    /// was in the lobby comes back into the conference only with the offer
    /// (`Admitted`), and one that was Connected was never in the lobby to
    /// be admitted from.
    #[error("a conference reconnecting from {origin} takes no {}: {}", event.kind(), origin_hint(*origin))]
    NotFromOrigin {
        /// The state the conference was in before its focus failed over.
        origin: ConferenceSessionState,
        /// The event, handed back.
        event: ConferenceEvent,
    },
    /// The join's (or admission's) offer cannot bind the MCU sessions.
    #[error("{problem}")]
    Offer {
        /// What is wrong with it.
        problem: JoinProblem,
        /// The event, handed back.
        event: ConferenceEvent,
    },
}

/// What a conference reconnecting from `origin` takes instead.
fn origin_hint(origin: ConferenceSessionState) -> &'static str {
    match origin {
        ConferenceSessionState::InLobby => {
            "no MCU session was ever bound, so it comes back into the conference as Admitted, with the offer"
        }
        _ => "it was never in the lobby; it comes back as Reconnected, with each MCU's status",
    }
}

impl ConferenceRefused {
    /// The event, handed back.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.apply(ConferenceEvent::JoinFailed).unwrap_err().into_event(), ConferenceEvent::JoinFailed);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn into_event(self) -> ConferenceEvent {
        match self {
            Self::Undocumented { event, .. }
            | Self::NotFromOrigin { event, .. }
            | Self::Offer { event, .. } => event,
        }
    }
}

impl<S: ConferenceState> From<ConferenceSession<S>> for AnyConference {
    fn from(conference: ConferenceSession<S>) -> Self {
        let ConferenceSession { shared, state } = conference;
        Self {
            shared,
            state: S::wrap(state),
        }
    }
}

impl<S: ConferenceState> TryFrom<AnyConference> for ConferenceSession<S> {
    type Error = AnyConference;

    /// The typed conference, when `any` is in state `S`; otherwise `any`,
    /// unchanged.
    fn try_from(any: AnyConference) -> Result<Self, AnyConference> {
        match S::unwrap(any.state) {
            Some(state) => Ok(ConferenceSession {
                shared: any.shared,
                state,
            }),
            None => Err(any),
        }
    }
}

impl AnyConference {
    /// The state the conference is in.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.state(), ConferenceSessionState::Idle);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn state(&self) -> ConferenceSessionState {
        self.state.state()
    }

    /// Why the conference is leaving or left; `None` before.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, Uri};
    ///
    /// let any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.cause(), None);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn cause(&self) -> Option<DisconnectCause> {
        match self.state {
            AnyConferenceState::Disconnecting(cause) | AnyConferenceState::Disconnected(cause) => {
                Some(cause)
            }
            _ => None,
        }
    }

    /// Where a Reconnecting conference came from, Connected or InLobby,
    /// which decides its way back (see
    /// [`Reconnecting`](crate::conference::Reconnecting)); `None` in any
    /// other state.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby());
    /// assert_eq!(any.reconnecting_from(), None);
    /// any.apply(ConferenceEvent::FocusFailover)?;
    /// assert_eq!(any.reconnecting_from(), Some(ConferenceSessionState::InLobby));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn reconnecting_from(&self) -> Option<ConferenceSessionState> {
        self.state.reconnecting_from()
    }

    /// The conference's focus URI.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, Uri};
    ///
    /// let any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.conference().as_str(), "sip:conf@contoso.com");
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn conference(&self) -> &Uri {
        &self.shared.conference
    }

    /// The focus's answer to a request of the MCU session of type `M`,
    /// handed back when none of its requests waits for it.
    #[cfg(feature = "xml")]
    pub(crate) fn answer_mcu<M: Attachable>(
        &mut self,
        response: Response,
    ) -> Result<(), UnknownResponse> {
        match self.shared.mcus.get_mut::<M>() {
            Some(session) => session.answer(response),
            None => Err(UnknownResponse::new(response)),
        }
    }

    /// The conference command `id`, while it waits for the focus's answer.
    #[cfg(feature = "xml")]
    pub(crate) fn pending_command(&self, id: RequestId) -> Option<ConferenceCommand> {
        self.shared.commands.pending_of(id).copied()
    }

    /// Attaches `session` as the MCU session of type `M`, as
    /// [`ConferenceSession::attach`] does; Idle only, refused
    /// ([`AttachProblem::NotIdle`]) with the session handed back otherwise.
    ///
    /// ```
    /// use mcu_session::conference::AttachProblem;
    /// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, ConferenceSessionState, InstantMessagingMcuSession, Uri};
    ///
    /// let focus = Uri::parse("sip:conf@contoso.com")?;
    /// let mut any = AnyConference::from(ConferenceSession::new(focus.clone()));
    /// any.attach(InstantMessagingMcuSession::new(focus.clone()))?;
    /// any.apply(ConferenceEvent::Join)?;
    /// let refused = any.attach(mcu_session::AudioVideoMcuSession::new(focus)).unwrap_err();
    /// assert_eq!(refused.problem(), AttachProblem::NotIdle(ConferenceSessionState::Connecting));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn attach<M: Attachable>(
        &mut self,
        session: Session<Idle, M>,
    ) -> Result<(), AttachRefused<M>> {
        match self.state {
            AnyConferenceState::Idle => self.shared.attach(session),
            state => Err(AttachRefused::new(
                session,
                AttachProblem::NotIdle(state.state()),
            )),
        }
    }

    /// Gives up on a pending conference command, handed back; see
    /// [`ConferenceSession::cancel_command`].
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AnyConference, ConferenceCommand, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?);
    /// let id = any.command(ConferenceCommand::LockConference, Instant::now())?.id;
    /// assert_eq!(any.cancel_command(id), Ok(ConferenceCommand::LockConference));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn cancel_command(&mut self, id: RequestId) -> Result<ConferenceCommand, NotHeld> {
        self.shared.commands.cancel(id)
    }

    /// Gives up on an MCU session's operation, queued or pending, handed
    /// back; in any state. See [`ConferenceSession::cancel`].
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, InstantMessaging, RequestId, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert!(any.cancel::<InstantMessaging>(RequestId::new(1)).is_err()); // nothing held
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn cancel<M: Attachable>(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld> {
        self.shared.cancel(id)
    }

    /// Lends the MCU session of type `M` as the typed session in state
    /// `T`, as [`ConferenceSession::lend`] does; Connected only, refused
    /// ([`LendRefused::NotConnected`]) with nothing changed otherwise.
    ///
    /// ```
    /// use mcu_session::conference::LendRefused;
    /// use mcu_session::{AnyConference, ConferenceSession, ConferenceSessionState, Idle, InstantMessaging, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// let refused = any.lend::<InstantMessaging, Idle, _>(|_| ()).unwrap_err();
    /// assert_eq!(refused, LendRefused::NotConnected(ConferenceSessionState::Idle));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn lend<M: Attachable, T: State, R>(
        &mut self,
        f: impl for<'brand> FnOnce(&mut Lent<'brand, T, M>) -> R,
    ) -> Result<R, LendRefused> {
        match self.state {
            AnyConferenceState::Connected => self.shared.lend(f),
            state => Err(LendRefused::NotConnected(state.state())),
        }
    }

    /// Hands the MCU sessions back once the conference is Disconnected, as
    /// [`ConferenceSession::release`] does; otherwise the conference,
    /// unchanged.
    ///
    /// ```
    /// use mcu_session::conference::DisconnectCause;
    /// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?);
    /// any.apply(ConferenceEvent::Disconnect(DisconnectCause::Left))?;
    /// let any = any.release().unwrap_err(); // Disconnecting: not yet
    /// # let _ = any;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn release(self) -> Result<McuSessions, AnyConference> {
        match self.state {
            AnyConferenceState::Disconnected(_) => Ok(self.shared.mcus),
            _ => Err(self),
        }
    }

    /// The attached MCU session of type `M`, to read.
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, InstantMessaging, Uri};
    ///
    /// let any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert!(any.mcu::<InstantMessaging>().is_none());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn mcu<M: Attachable>(&self) -> Option<&AnySession<M>> {
        self.shared.mcus.mcu::<M>()
    }

    /// Applies `event`: the documented transition, with every effect the
    /// typed method has on the MCU sessions and the commands; or a refusal
    /// that hands the event back with nothing changed.
    ///
    /// It takes no `now`, as no typed transition of the conference does: none
    /// starts a timer (what a focus failover fails, it fails at once). An
    /// MCU session's [`apply`](AnySession::apply) takes one because its
    /// activation sends what was queued, and a sent request's answer
    /// deadline runs from then; so does [`mcu_event`](Self::mcu_event).
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceEvent, ConferenceSession, ConferenceSessionState, Uri};
    /// use mcu_session::conference::DisconnectCause;
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().entered_lobby());
    /// assert!(any.apply(ConferenceEvent::Disconnect(DisconnectCause::EscalationFailed)).is_err()); // not from the lobby
    /// any.apply(ConferenceEvent::Disconnect(DisconnectCause::LobbyTimedOut))?;
    /// assert_eq!(any.state(), ConferenceSessionState::Disconnecting);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    // Inlined into the caller, so that its `match` on the result folds with
    // this one: a data-free event is [`signal`](Self::signal)'s few
    // instructions (`bash benches/instructions.sh`, conference table); the
    // events that carry data are handled out of line, so what is inlined
    // stays small.
    #[inline(always)]
    pub fn apply(&mut self, event: ConferenceEvent) -> Result<ConferenceEffect, ConferenceRefused> {
        match ConferenceSignal::from_event(event) {
            Ok(signal) => match self.signal(signal) {
                Ok(row) => Ok(ConferenceEffect::Changed(*row)),
                Err(refused) => Err(refused.into()),
            },
            Err(event) => self.apply_with_data(event),
        }
    }

    /// The events that are not signals: the join's and the admission's
    /// offer, and the end of termination (which may hand the MCU sessions
    /// back).
    #[inline(never)]
    fn apply_with_data(
        &mut self,
        event: ConferenceEvent,
    ) -> Result<ConferenceEffect, ConferenceRefused> {
        use AnyConferenceState as A;
        use ConferenceEvent as E;
        let (next, row) = match (self.state, event) {
            (A::Connecting, E::Joined { offered }) => {
                self.bind(offered, |offered| E::Joined { offered })?;
                (A::Connected, transitions::JOINED)
            }
            (A::InLobby, E::Admitted { offered }) => {
                self.bind(offered, |offered| E::Admitted { offered })?;
                (A::Connected, transitions::ADMITTED)
            }
            (A::ReconnectingFromLobby, E::Admitted { offered }) => {
                self.bind(offered, |offered| E::Admitted { offered })?;
                (A::Connected, transitions::RECONNECTED_ADMITTED)
            }
            (A::Reconnecting, E::Reconnected(reconnection))
            | (A::ReconnectingFromLobby, E::Reconnected(reconnection @ Reconnection::Lobby)) => {
                let changes = self.shared.mcus.reconnected(reconnection.statuses());
                let (next, row) = match reconnection {
                    Reconnection::Conference(_) => {
                        (A::Connected, transitions::RECONNECTED_TO_CONFERENCE)
                    }
                    Reconnection::Lobby => (A::InLobby, transitions::RECONNECTED_TO_LOBBY),
                };
                self.state = next;
                return Ok(ConferenceEffect::Reconnected(row, changes));
            }
            (A::Disconnecting(cause), E::Disconnected) => match self.shared.finish(cause) {
                Some(released) => {
                    self.state = A::Idle;
                    return Ok(ConferenceEffect::Released(
                        transitions::ESCALATION_FAILED,
                        Box::new(released),
                    ));
                }
                None => (A::Disconnected(cause), transitions::DISCONNECTED),
            },
            (state, event) => {
                // From Reconnecting the table has a row for either way
                // back, but not for where this conference came from.
                let a_way_back = matches!(event, E::Reconnected(_) | E::Admitted { .. });
                return Err(match state.reconnecting_from() {
                    Some(origin) if a_way_back => {
                        ConferenceRefused::NotFromOrigin { origin, event }
                    }
                    _ => ConferenceRefused::Undocumented {
                        state: state.state(),
                        event,
                    },
                });
            }
        };
        self.state = next;
        Ok(ConferenceEffect::Changed(row))
    }

    /// Applies a report that carries no data, as [`apply`](Self::apply)
    /// does: the signal is three bytes and `Copy`, and the answer (the
    /// table's row, or the refusal) comes back in two registers, with
    /// nothing to drop. A refused signal changes nothing.
    // Inlined for the reason `apply` is.
    #[inline(always)]
    fn signal(&mut self, signal: ConferenceSignal) -> Result<&'static Transition, SignalRefused> {
        use AnyConferenceState as A;
        use ConferenceSignal as S;
        use DisconnectCause as C;
        let (next, row) = match (self.state, signal) {
            (A::Idle, S::Join) => (A::Connecting, &transitions::JOIN),
            (A::Connecting, S::JoinFailed) => (A::Idle, &transitions::JOIN_FAILED),
            (A::Connecting, S::EnteredLobby) => (A::InLobby, &transitions::ENTERED_LOBBY),
            (A::Connected, S::FocusFailover) => {
                self.shared.focus_lost();
                (A::Reconnecting, &transitions::CONNECTED_FOCUS_FAILOVER)
            }
            (A::InLobby, S::FocusFailover) => {
                self.shared.focus_lost();
                (A::ReconnectingFromLobby, &transitions::LOBBY_FOCUS_FAILOVER)
            }
            (A::Reconnecting | A::ReconnectingFromLobby, S::ReconnectFailed) => {
                self.shared.leave();
                (
                    A::Disconnecting(C::ReconnectFailed),
                    &transitions::RECONNECT_FAILED,
                )
            }
            (A::Connected, S::Disconnect(cause)) if ConnectedExit::try_from(cause).is_ok() => {
                self.shared.leave();
                (A::Disconnecting(cause), &transitions::LEFT_CONFERENCE)
            }
            (A::InLobby, S::Disconnect(cause)) if LobbyExit::try_from(cause).is_ok() => {
                self.shared.leave();
                (A::Disconnecting(cause), &transitions::LEFT_LOBBY)
            }
            (state, signal) => return Err(SignalRefused::new(state.state(), signal)),
        };
        self.state = next;
        Ok(row)
    }

    fn bind(
        &mut self,
        offered: Vec<AdvertisedMcu>,
        event: impl FnOnce(Vec<AdvertisedMcu>) -> ConferenceEvent,
    ) -> Result<(), ConferenceRefused> {
        self.shared
            .join(offered)
            .map_err(|(offered, problem)| ConferenceRefused::Offer {
                problem,
                event: event(offered),
            })
    }

    /// Sends a conference command: Connected only; a retryable refusal
    /// while Reconnecting, an invalid one otherwise, the command handed
    /// back.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AnyConference, ConferenceCommand, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert!(any.command(ConferenceCommand::LockConference, Instant::now()).is_err()); // Idle
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn command(
        &mut self,
        command: ConferenceCommand,
        now: Instant,
    ) -> Result<ConferenceRequest, CommandRefused> {
        let command = self.connected_for(command)?;
        self.shared.request(command, now)
    }

    /// `command`, back, when the conference is Connected and takes it;
    /// otherwise refused as the reference refuses it: retryable while
    /// Reconnecting, invalid in any other state.
    fn connected_for(
        &self,
        command: ConferenceCommand,
    ) -> Result<ConferenceCommand, CommandRefused> {
        match self.state {
            AnyConferenceState::Connected => Ok(command),
            AnyConferenceState::Reconnecting | AnyConferenceState::ReconnectingFromLobby => {
                Err(CommandRefused::Retryable(command))
            }
            state => Err(CommandRefused::Invalid {
                state: state.state(),
                command,
            }),
        }
    }

    /// Ends the conference for everyone (`BeginTerminateConference`), as
    /// [`ConferenceSession::terminate_conference`] does: Connected →
    /// Disconnecting, the MCU sessions terminated, and the command to send
    /// to the focus, whatever the capacity of commands. A retryable refusal
    /// while Reconnecting, an invalid one otherwise; nothing changed. (The
    /// decision, and why [`command`](Self::command) refuses the command:
    /// [`conference::transitions`](crate::conference::transitions).)
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::conference::DisconnectCause;
    /// use mcu_session::{AnyConference, ConferenceCommand, ConferenceSession, ConferenceSessionState, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?);
    /// let request = any.terminate_conference(Instant::now())?;
    /// assert_eq!(request.command, ConferenceCommand::TerminateConference);
    /// assert_eq!((any.state(), any.cause()), (ConferenceSessionState::Disconnecting, Some(DisconnectCause::TerminatedConference)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn terminate_conference(
        &mut self,
        now: Instant,
    ) -> Result<ConferenceRequest, CommandRefused> {
        self.connected_for(ConferenceCommand::TerminateConference)?;
        let request = self.shared.terminate_conference(now);
        self.shared.leave();
        self.state = AnyConferenceState::Disconnecting(DisconnectCause::TerminatedConference);
        Ok(request)
    }

    /// Submits an MCU operation to the MCU session of type `M`, as
    /// [`ConferenceSession::submit`] does: Connected only; a retryable
    /// refusal while Reconnecting, an invalid one otherwise, the operation
    /// handed back.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::conference::SubmitRefused;
    /// use mcu_session::{AnyConference, ConferenceSession, InstantMessaging, Operation, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?).join().joined([])?.reconnecting());
    /// let refused = any.submit::<InstantMessaging>(Operation::enable_block_all_mode(), Instant::now()).unwrap_err();
    /// assert_eq!(refused, SubmitRefused::Retryable(Operation::enable_block_all_mode()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn submit<M: Attachable>(
        &mut self,
        operation: Operation<M>,
        now: Instant,
    ) -> Result<Submitted, SubmitRefused<M>> {
        match self.state {
            AnyConferenceState::Connected => self.shared.submit(operation, now),
            AnyConferenceState::Reconnecting | AnyConferenceState::ReconnectingFromLobby => {
                Err(SubmitRefused::Retryable(operation))
            }
            state => Err(SubmitRefused::Invalid {
                state: state.state(),
                operation,
            }),
        }
    }

    /// What the focus reported about one MCU, for the MCU session of type
    /// `M`: see [`ConferenceSession::mcu_event`]; refused with the report
    /// handed back unless Connected.
    ///
    /// ```
    /// use std::time::Instant;
    /// use mcu_session::{AnyConference, ConferenceSession, InstantMessaging, Uri};
    /// use mcu_session::conference::{McuEventRefused, McuReport};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// let refused = any.mcu_event::<InstantMessaging>(McuReport::FailingOver, Instant::now()).unwrap_err();
    /// assert!(matches!(refused, McuEventRefused::NotNow { .. }));
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn mcu_event<M: Attachable>(
        &mut self,
        report: McuReport<M>,
        now: Instant,
    ) -> Result<Effect, McuEventRefused> {
        self.shared.mcu_event::<M>(self.state.state(), report, now)
    }

    /// See [`ConferenceSession::poll_output`].
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, InstantMessaging, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert!(any.poll_output::<InstantMessaging>().is_none());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn poll_output<M: Attachable>(&mut self) -> Option<Output<M>> {
        self.shared.mcus.get_mut::<M>()?.poll_output()
    }

    /// See [`ConferenceSession::poll_command_output`].
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert!(any.poll_command_output().is_none());
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn poll_command_output(&mut self) -> Option<ConferenceOutput> {
        self.shared.commands.poll()
    }

    /// See [`ConferenceSession::answer`].
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, Response, RequestId, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// # let id = mcu_session::ConferenceSession::new(Uri::parse("sip:c@contoso.com")?).join().joined([])?.command(mcu_session::ConferenceCommand::LockConference, std::time::Instant::now())?.id;
    /// assert!(any.answer(Response::Success { id }).is_err()); // nothing pending
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn answer(&mut self, response: Response) -> Result<(), UnknownResponse> {
        self.shared.commands.answer(response)
    }

    /// See [`ConferenceSession::handle_timeout`].
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, Uri};
    ///
    /// let mut any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.handle_timeout(std::time::Instant::now()), 0);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    pub fn handle_timeout(&mut self, now: Instant) -> usize {
        self.shared.handle_timeout(now)
    }

    /// See [`ConferenceSession::poll_timeout`].
    ///
    /// ```
    /// use mcu_session::{AnyConference, ConferenceSession, Uri};
    ///
    /// let any = AnyConference::from(ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?));
    /// assert_eq!(any.poll_timeout(), None);
    /// # Ok::<(), mcu_session::InvalidUri>(())
    /// ```
    #[must_use]
    pub fn poll_timeout(&self) -> Option<Instant> {
        self.shared.poll_timeout()
    }
}
