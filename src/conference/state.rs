//! The seven states of the conference session, at the type level, and the
//! same states as a runtime value.

use core::convert::Infallible;
use core::fmt;
use core::hash::Hash;
use core::marker::PhantomData;

mod sealed {
    use core::fmt;

    /// Keeps [`ConferenceState`](super::ConferenceState) closed: only this
    /// crate implements it.
    pub trait Sealed: Sized {
        /// What a conference in this state knows beyond what every
        /// conference knows: exactly this state's data.
        type Data: fmt::Debug + PartialEq + Eq + Send + Sync + Unpin;

        /// This state's data, as the runtime view holds it.
        fn wrap(data: Self::Data) -> super::AnyConferenceState;

        /// This state's data out of the runtime view's, if it is this state.
        fn unwrap(any: super::AnyConferenceState) -> Option<Self::Data>;
    }

    /// What a conference reconnecting from this state holds, for
    /// [`Reconnecting<Self>`](super::Reconnecting): nothing from Connected or
    /// InLobby (`()`), and from any other state an uninhabited type, so that
    /// `ConferenceSession<Reconnecting<NotJoined>>` names a type no value has.
    /// Also keeps [`ReconnectOrigin`](super::ReconnectOrigin) closed.
    pub trait Origin {
        /// `()` from Connected or InLobby, `Infallible` from any other state.
        type ReconnectingData: fmt::Debug + PartialEq + Eq + Send + Sync + Unpin;

        /// The runtime view's state while reconnecting from here.
        fn wrap_reconnecting(data: Self::ReconnectingData) -> super::AnyConferenceState;

        /// The data back, when the runtime view is reconnecting from here.
        fn unwrap_reconnecting(any: super::AnyConferenceState) -> Option<Self::ReconnectingData>;
    }
}

pub(crate) use sealed::Sealed;

/// A state of the conference session lifecycle, at the type level.
///
/// Implemented by exactly the seven states of the reference's
/// `ConferenceSessionState`: [`NotJoined`], [`Connecting`], [`Connected`],
/// [`InLobby`], [`Reconnecting`], [`Disconnecting`] and [`Disconnected`].
/// The trait is sealed: a conference reaches each state only through its
/// documented transitions.
///
/// ```
/// use mcu_session::ConferenceSessionState;
/// use mcu_session::conference::{ConferenceState, InLobby};
///
/// assert_eq!(InLobby::STATE, ConferenceSessionState::InLobby);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a conference session state",
    label = "not one of `NotJoined`, `Connecting`, `Connected`, `InLobby`, `Reconnecting`, `Disconnecting`, `Disconnected`",
    note = "`ConferenceState` is sealed: the seven states of the reference are the only ones"
)]
pub trait ConferenceState:
    sealed::Sealed + sealed::Origin + fmt::Debug + Copy + Eq + Hash + Send + Sync + 'static
{
    /// This state as a runtime value.
    const STATE: ConferenceSessionState;
}

/// No conference reconnects from `$state`: `Reconnecting<$state>` holds
/// an uninhabited type.
macro_rules! not_an_origin {
    ($state:ty $(, for<$from:ident>)?) => {
        impl$(<$from: ConferenceState>)? sealed::Origin for $state {
            type ReconnectingData = Infallible;
            fn wrap_reconnecting(never: Infallible) -> AnyConferenceState {
                match never {}
            }
            fn unwrap_reconnecting(_: AnyConferenceState) -> Option<Infallible> {
                None
            }
        }
    };
}

/// A conference reconnects from `$state`, as the runtime view's `$any`.
macro_rules! an_origin {
    ($state:ty, $any:ident) => {
        impl sealed::Origin for $state {
            type ReconnectingData = ();
            fn wrap_reconnecting((): ()) -> AnyConferenceState {
                AnyConferenceState::$any
            }
            fn unwrap_reconnecting(any: AnyConferenceState) -> Option<()> {
                matches!(any, AnyConferenceState::$any).then_some(())
            }
        }
    };
}

/// The sealed impls of a state that holds no data of its own: it wraps
/// into, and unwraps from, the runtime variant of the same name.
macro_rules! data_free_state {
    ($state:ident) => {
        data_free_state!($state => $state);
    };
    ($state:ident => $variant:ident) => {
        impl sealed::Sealed for $state {
            type Data = ();
            fn wrap((): ()) -> AnyConferenceState {
                AnyConferenceState::$variant
            }
            fn unwrap(any: AnyConferenceState) -> Option<()> {
                matches!(any, AnyConferenceState::$variant).then_some(())
            }
        }
        impl ConferenceState for $state {
            const STATE: ConferenceSessionState = ConferenceSessionState::$variant;
        }
    };
}

/// Not joined: before [`join`](crate::ConferenceSession::join), after a
/// failed join, or after a failed escalation. The only state a conference
/// session is made in, and the only one that takes MCU sessions.
///
/// The reference calls this state Idle (`ConferenceSessionState.Idle`:
/// "The session has not connected yet"), and so does the runtime view
/// ([`ConferenceSessionState::Idle`]). The type is named apart from the MCU
/// session's [`Idle`](crate::Idle), so that code holding both never needs
/// a path to tell them apart.
///
/// A type-level variant: it cannot be instantiated, it only names the state
/// of a [`ConferenceSession`](crate::ConferenceSession).
///
/// ```
/// use mcu_session::conference::NotJoined;
/// use mcu_session::{ConferenceSession, ConferenceSessionState, Uri};
///
/// let conference: ConferenceSession<NotJoined> = ConferenceSession::new(Uri::parse("sip:conf@contoso.com")?);
/// assert_eq!(conference.state(), ConferenceSessionState::Idle);
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NotJoined {}
data_free_state!(NotJoined => Idle);
not_an_origin!(NotJoined);

/// Joining: `BeginJoin` was called and the focus has not answered yet.
///
/// A type-level variant: it cannot be instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Connecting {}
data_free_state!(Connecting);
not_an_origin!(Connecting);

/// Joined: "the application can issue conference commands".
///
/// A type-level variant: it cannot be instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Connected {}
data_free_state!(Connected);
an_origin!(Connected, Reconnecting);

/// Waiting in the conference lobby for a leader to admit the participant;
/// "applications in this state receive limited conference information".
///
/// A type-level variant: it cannot be instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InLobby {}
data_free_state!(InLobby);
an_origin!(InLobby, ReconnectingFromLobby);

/// The focus failed over (or the SIP dialog is in recovery): one
/// reconnection attempt is under way. Pending conference commands have
/// failed; new ones are not accepted.
///
/// `From` is the state it came from, [`Connected`] (the default) or
/// [`InLobby`], because the way back differs: a conference that was
/// Connected comes back with each MCU's status
/// ([`reconnected_to_conference`](crate::ConferenceSession::reconnected_to_conference)),
/// while one that was in the lobby has MCU sessions no offer ever bound,
/// so it comes back into the conference only with the offer, as an
/// admission ([`admitted`](crate::ConferenceSession::admitted)). The
/// decision is in [`transitions`](crate::conference::transitions). Both are
/// the reference's one `Reconnecting` state
/// ([`ConferenceSessionState::Reconnecting`]).
///
/// A type-level variant: it cannot be instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Reconnecting<From = Connected> {
    never: Infallible,
    from: PhantomData<From>,
}

/// A state a conference can reconnect from: [`Connected`] or [`InLobby`],
/// the `From` of [`Reconnecting`]. Sealed.
///
/// ```
/// use mcu_session::conference::{InLobby, ReconnectOrigin};
/// use mcu_session::ConferenceSessionState;
///
/// assert_eq!(<InLobby as ReconnectOrigin>::ORIGIN, ConferenceSessionState::InLobby);
/// ```
#[diagnostic::on_unimplemented(
    message = "a conference does not reconnect from `{Self}`",
    label = "not `Connected` or `InLobby`",
    note = "only a `Connected` conference or one `InLobby` loses its focus and reconnects"
)]
pub trait ReconnectOrigin: ConferenceState + sealed::Origin<ReconnectingData = ()> {
    /// The state, as a runtime value.
    const ORIGIN: ConferenceSessionState;
}

impl ReconnectOrigin for Connected {
    const ORIGIN: ConferenceSessionState = ConferenceSessionState::Connected;
}

impl ReconnectOrigin for InLobby {
    const ORIGIN: ConferenceSessionState = ConferenceSessionState::InLobby;
}

/// From a state that is not a [`ReconnectOrigin`], the data is uninhabited:
/// the type can be named, never made.
impl<From: ConferenceState> sealed::Sealed for Reconnecting<From> {
    type Data = From::ReconnectingData;
    fn wrap(data: Self::Data) -> AnyConferenceState {
        From::wrap_reconnecting(data)
    }
    fn unwrap(any: AnyConferenceState) -> Option<Self::Data> {
        From::unwrap_reconnecting(any)
    }
}
not_an_origin!(Reconnecting<From>, for<From>);
impl<From: ConferenceState> ConferenceState for Reconnecting<From> {
    const STATE: ConferenceSessionState = ConferenceSessionState::Reconnecting;
}

/// Leaving the conference; knows why ([`DisconnectCause`]). Its MCU
/// sessions are already terminated.
///
/// A type-level variant: it cannot be instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disconnecting {}
impl sealed::Sealed for Disconnecting {
    type Data = DisconnectCause;
    fn wrap(cause: DisconnectCause) -> AnyConferenceState {
        AnyConferenceState::Disconnecting(cause)
    }
    fn unwrap(any: AnyConferenceState) -> Option<DisconnectCause> {
        match any {
            AnyConferenceState::Disconnecting(cause) => Some(cause),
            _ => None,
        }
    }
}
not_an_origin!(Disconnecting);
impl ConferenceState for Disconnecting {
    const STATE: ConferenceSessionState = ConferenceSessionState::Disconnecting;
}

/// Left the conference, for good; knows why ([`DisconnectCause`]). Its MCU
/// sessions are terminated and still hold what they failed, until
/// [`release`](crate::ConferenceSession::release) hands them back.
///
/// A type-level variant: it cannot be instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Disconnected {}
impl sealed::Sealed for Disconnected {
    type Data = DisconnectCause;
    fn wrap(cause: DisconnectCause) -> AnyConferenceState {
        AnyConferenceState::Disconnected(cause)
    }
    fn unwrap(any: AnyConferenceState) -> Option<DisconnectCause> {
        match any {
            AnyConferenceState::Disconnected(cause) => Some(cause),
            _ => None,
        }
    }
}
not_an_origin!(Disconnected);
impl ConferenceState for Disconnected {
    const STATE: ConferenceSessionState = ConferenceSessionState::Disconnected;
}

/// A conference's state with that state's data, as the runtime view holds
/// it. A tag byte of its own (rather than a niche in the cause's byte)
/// makes reading the state a load and a compare, cheaper per focus event
/// than decoding a niche (`bash benches/instructions.sh`, conference
/// table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum AnyConferenceState {
    Idle,
    Connecting,
    Connected,
    InLobby,
    /// Reconnecting, from Connected.
    Reconnecting,
    /// Reconnecting, from the lobby.
    ReconnectingFromLobby,
    Disconnecting(DisconnectCause),
    Disconnected(DisconnectCause),
}

impl AnyConferenceState {
    /// Where a Reconnecting conference came from; `None` in any other
    /// state.
    pub(crate) const fn reconnecting_from(self) -> Option<ConferenceSessionState> {
        match self {
            Self::Reconnecting => Some(ConferenceSessionState::Connected),
            Self::ReconnectingFromLobby => Some(ConferenceSessionState::InLobby),
            _ => None,
        }
    }

    pub(crate) const fn state(self) -> ConferenceSessionState {
        match self {
            Self::Idle => ConferenceSessionState::Idle,
            Self::Connecting => ConferenceSessionState::Connecting,
            Self::Connected => ConferenceSessionState::Connected,
            Self::InLobby => ConferenceSessionState::InLobby,
            Self::Reconnecting | Self::ReconnectingFromLobby => {
                ConferenceSessionState::Reconnecting
            }
            Self::Disconnecting(_) => ConferenceSessionState::Disconnecting,
            Self::Disconnected(_) => ConferenceSessionState::Disconnected,
        }
    }
}

/// The state of a conference session, as a runtime value (the reference's
/// `ConferenceSessionState`).
///
/// ```
/// use mcu_session::ConferenceSessionState;
///
/// assert_eq!(ConferenceSessionState::InLobby.to_string(), "InLobby");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ConferenceSessionState {
    /// See [`NotJoined`].
    Idle,
    /// See [`Connecting`].
    Connecting,
    /// See [`Connected`].
    Connected,
    /// See [`InLobby`].
    InLobby,
    /// See [`Reconnecting`].
    Reconnecting,
    /// See [`Disconnecting`].
    Disconnecting,
    /// See [`Disconnected`].
    Disconnected,
}

impl ConferenceSessionState {
    /// The seven states, in the reference's order.
    pub const ALL: [Self; 7] = [
        Self::Idle,
        Self::Connecting,
        Self::Connected,
        Self::InLobby,
        Self::Reconnecting,
        Self::Disconnecting,
        Self::Disconnected,
    ];
}

impl fmt::Display for ConferenceSessionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Why a conference session left its conference: each cause the
/// reference's "ConferenceSession state transitions" page lists for the
/// move to Disconnecting.
///
/// ```
/// use mcu_session::conference::DisconnectCause;
///
/// assert_eq!(DisconnectCause::Ejected.to_string(), "the local participant was ejected");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum DisconnectCause {
    /// The application left ("called BeginTerminate on the Conversation").
    #[error("the application left the conference")]
    Left,
    /// The application ended the conference for everyone
    /// (`BeginTerminateConference`).
    #[error("the application terminated the conference")]
    TerminatedConference,
    /// "A local participant was ejected from the conference" (or from its
    /// lobby).
    #[error("the local participant was ejected")]
    Ejected,
    /// "The conference was terminated" by someone else.
    #[error("the conference was terminated")]
    ConferenceEnded,
    /// "The parent Conversation failed an escalation attempt": the only
    /// cause after which the session goes back to Idle.
    #[error("the parent conversation failed to escalate")]
    EscalationFailed,
    /// The one reconnection attempt after a focus failover failed.
    #[error("the reconnection to the focus failed")]
    ReconnectFailed,
    /// The lobby timeout ran out before a leader admitted the participant
    /// (`ConferenceJoinOptions.LobbyTimeout`: "automatically disconnected
    /// from the lobby").
    #[error("the lobby timeout ran out")]
    LobbyTimedOut,
}

/// How a Connected session may leave: the causes the transitions page lists
/// for Connected → Disconnecting, less `BeginTerminateConference`, which is
/// [`terminate_conference`](crate::ConferenceSession::terminate_conference)
/// (it sends a command).
///
/// ```
/// use mcu_session::conference::{ConnectedExit, DisconnectCause};
///
/// assert_eq!(DisconnectCause::from(ConnectedExit::Left), DisconnectCause::Left);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConnectedExit {
    /// The application left.
    Left,
    /// The local participant was ejected.
    Ejected,
    /// The conference was terminated by someone else.
    ConferenceEnded,
    /// The parent conversation failed to escalate.
    EscalationFailed,
}

impl From<ConnectedExit> for DisconnectCause {
    fn from(exit: ConnectedExit) -> Self {
        match exit {
            ConnectedExit::Left => Self::Left,
            ConnectedExit::Ejected => Self::Ejected,
            ConnectedExit::ConferenceEnded => Self::ConferenceEnded,
            ConnectedExit::EscalationFailed => Self::EscalationFailed,
        }
    }
}

/// The exit `cause` names, when a Connected session may leave for it;
/// otherwise the cause, handed back.
///
/// ```
/// use mcu_session::conference::{ConnectedExit, DisconnectCause};
///
/// assert_eq!(ConnectedExit::try_from(DisconnectCause::Ejected), Ok(ConnectedExit::Ejected));
/// assert!(ConnectedExit::try_from(DisconnectCause::LobbyTimedOut).is_err());
/// ```
impl TryFrom<DisconnectCause> for ConnectedExit {
    type Error = DisconnectCause;

    fn try_from(cause: DisconnectCause) -> Result<Self, DisconnectCause> {
        match cause {
            DisconnectCause::Left => Ok(Self::Left),
            DisconnectCause::Ejected => Ok(Self::Ejected),
            DisconnectCause::ConferenceEnded => Ok(Self::ConferenceEnded),
            DisconnectCause::EscalationFailed => Ok(Self::EscalationFailed),
            other => Err(other),
        }
    }
}

/// How a session in the lobby may leave: "ejected from the lobby, the
/// conference is terminated, or terminate is called", and the lobby timer.
///
/// ```
/// use mcu_session::conference::{DisconnectCause, LobbyExit};
///
/// assert_eq!(DisconnectCause::from(LobbyExit::TimedOut), DisconnectCause::LobbyTimedOut);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LobbyExit {
    /// The application left (terminate was called).
    Left,
    /// A leader ejected (denied) the participant from the lobby.
    Ejected,
    /// The conference was terminated.
    ConferenceEnded,
    /// The lobby timeout ran out.
    TimedOut,
}

impl From<LobbyExit> for DisconnectCause {
    fn from(exit: LobbyExit) -> Self {
        match exit {
            LobbyExit::Left => Self::Left,
            LobbyExit::Ejected => Self::Ejected,
            LobbyExit::ConferenceEnded => Self::ConferenceEnded,
            LobbyExit::TimedOut => Self::LobbyTimedOut,
        }
    }
}

/// The exit `cause` names, when a session in the lobby may leave for it;
/// otherwise the cause, handed back.
///
/// ```
/// use mcu_session::conference::{DisconnectCause, LobbyExit};
///
/// assert_eq!(LobbyExit::try_from(DisconnectCause::LobbyTimedOut), Ok(LobbyExit::TimedOut));
/// assert!(LobbyExit::try_from(DisconnectCause::EscalationFailed).is_err());
/// ```
impl TryFrom<DisconnectCause> for LobbyExit {
    type Error = DisconnectCause;

    fn try_from(cause: DisconnectCause) -> Result<Self, DisconnectCause> {
        match cause {
            DisconnectCause::Left => Ok(Self::Left),
            DisconnectCause::Ejected => Ok(Self::Ejected),
            DisconnectCause::ConferenceEnded => Ok(Self::ConferenceEnded),
            DisconnectCause::LobbyTimedOut => Ok(Self::TimedOut),
            other => Err(other),
        }
    }
}
