//! The conference session's transition table, as data: the single source
//! for the runtime view's checks ([`AnyConference::apply`](crate::AnyConference::apply)
//! accepts an event only where a row has it), the tests that compare it
//! with the typed methods, and the state diagram ([`state_diagram`]).
//!
//! Two places of the reference disagree, and are decided here:
//! - The lobby page says removal from the lobby, terminate and the lobby
//!   timer take InLobby "to Idle"; the transitions page says InLobby →
//!   Disconnecting. Decided: **Disconnecting**, then Disconnected. The
//!   transitions page is the state machine's own; `ConferenceSessionState`
//!   defines Idle as "The session has not connected yet", which a session
//!   that was in the lobby has; and `ConferenceJoinOptions.LobbyTimeout`
//!   says the application "is automatically disconnected from the lobby".
//! - Disconnecting → Idle ("occurs only when the parent Conversation has
//!   failed an escalation attempt") would leave MCU sessions whose
//!   conference is Idle again. Decided: the MCU sessions terminate on the
//!   way into Disconnecting, as for every cause ("Terminating a conference
//!   session terminates all MCU sessions"), and the move to Idle hands them
//!   back, so an Idle conference holds none and fresh ones are attached
//!   before the next join.
//!
//! Where the reference is silent, decided here too:
//! - Ending the conference for everyone. The reference has one call,
//!   `BeginTerminateConference`, and lists "the conference was terminated"
//!   among the causes of Connected → Disconnecting. Decided: it is one
//!   method in both views, `terminate_conference`
//!   ([`ConferenceSession`](crate::ConferenceSession::terminate_conference),
//!   [`AnyConference`](crate::AnyConference::terminate_conference)), which
//!   sends the command *and* moves to Disconnecting. `command` refuses the
//!   command ([`CommandRefused::Terminates`](crate::CommandRefused::Terminates)):
//!   a request never changes the conference's state, and sending the
//!   command while staying Connected would leave the MCU sessions Active in
//!   a conference the application is ending. `Disconnect(TerminatedConference)`
//!   stays refused on Connected: it would end the conference without
//!   sending the command.
//! - Reconnecting from the lobby into the conference. The transitions page
//!   has Reconnecting → Connected ("reconnected to the conference") and
//!   InLobby → Reconnecting, and says nothing of a participant who lost the
//!   focus in the lobby and comes back admitted. Its MCU sessions were
//!   never bound (the lobby "receive\[s\] limited conference information":
//!   no offer), so the statuses a reconnection reports have nothing to
//!   apply to. Decided: **Reconnecting remembers where it came from**
//!   ([`Reconnecting<From>`](crate::conference::Reconnecting)), and from
//!   the lobby the way into the conference is an admission, with the
//!   offer: [`RECONNECTED_ADMITTED`] (typed: `admitted` on
//!   `Reconnecting<InLobby>`; runtime: `Admitted`). `Reconnected` into the
//!   conference is refused from the lobby
//!   ([`ConferenceRefused::NotFromOrigin`](crate::ConferenceRefused::NotFromOrigin)),
//!   and `Admitted` from a conference that was Connected; back into the
//!   lobby is open to both.

use core::fmt;

use crate::conference::state::ConferenceSessionState;

use ConferenceSessionState::{
    Connected, Connecting, Disconnected, Disconnecting, Idle, InLobby, Reconnecting,
};

/// What happens to a conference session, as the runtime view takes it
/// ([`ConferenceEvent`](crate::ConferenceEvent)'s kind).
///
/// ```
/// use mcu_session::conference::transitions::ConferenceEventKind;
///
/// assert_eq!(ConferenceEventKind::FocusFailover.to_string(), "FocusFailover");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConferenceEventKind {
    /// `BeginJoin` is called.
    Join,
    /// The join completed.
    Joined,
    /// The join failed.
    JoinFailed,
    /// The participant was put in the lobby.
    EnteredLobby,
    /// A leader admitted the participant.
    Admitted,
    /// The focus failed over, or the SIP dialog is in recovery.
    FocusFailover,
    /// The reconnection succeeded.
    Reconnected,
    /// The reconnection failed.
    ReconnectFailed,
    /// The conference session starts to leave.
    Disconnect,
    /// Termination completed.
    Disconnected,
}

impl ConferenceEventKind {
    /// Every kind.
    pub const ALL: [Self; 10] = [
        Self::Join,
        Self::Joined,
        Self::JoinFailed,
        Self::EnteredLobby,
        Self::Admitted,
        Self::FocusFailover,
        Self::Reconnected,
        Self::ReconnectFailed,
        Self::Disconnect,
        Self::Disconnected,
    ];
}

impl fmt::Display for ConferenceEventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// One documented transition of the conference session.
///
/// ```
/// use mcu_session::ConferenceSessionState;
/// use mcu_session::conference::transitions::TRANSITIONS;
///
/// let row = &TRANSITIONS[0];
/// assert_eq!((row.from, row.to), (ConferenceSessionState::Idle, ConferenceSessionState::Connecting));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Transition {
    /// The state it leaves.
    pub from: ConferenceSessionState,
    /// The state it reaches.
    pub to: ConferenceSessionState,
    /// What causes it.
    pub event: ConferenceEventKind,
    /// The cause, as the reference words it.
    pub cause: &'static str,
}

/// As a log line: `Connected -> Reconnecting (FocusFailover)`.
///
/// ```
/// use mcu_session::conference::transitions::CONNECTED_FOCUS_FAILOVER;
///
/// assert_eq!(CONNECTED_FOCUS_FAILOVER.to_string(), "Connected -> Reconnecting (FocusFailover)");
/// ```
impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} -> {} ({})", self.from, self.to, self.event)
    }
}

const fn row(
    from: ConferenceSessionState,
    to: ConferenceSessionState,
    event: ConferenceEventKind,
    cause: &'static str,
) -> Transition {
    Transition {
        from,
        to,
        event,
        cause,
    }
}

/// `BeginJoin` is called: Idle → Connecting.
pub const JOIN: Transition = row(
    Idle,
    Connecting,
    ConferenceEventKind::Join,
    "BeginJoin is called",
);

/// The join completes: Connecting → Connected.
pub const JOINED: Transition = row(
    Connecting,
    Connected,
    ConferenceEventKind::Joined,
    "the join completes",
);

/// The join fails: Connecting → Idle.
pub const JOIN_FAILED: Transition = row(
    Connecting,
    Idle,
    ConferenceEventKind::JoinFailed,
    "the join fails",
);

/// The lobby is enabled: Connecting → InLobby.
pub const ENTERED_LOBBY: Transition = row(
    Connecting,
    InLobby,
    ConferenceEventKind::EnteredLobby,
    "the lobby is enabled",
);

/// A leader admits the participant: InLobby → Connected.
pub const ADMITTED: Transition = row(
    InLobby,
    Connected,
    ConferenceEventKind::Admitted,
    "a leader admits the participant",
);

/// Focus failover: Connected → Reconnecting.
pub const CONNECTED_FOCUS_FAILOVER: Transition = row(
    Connected,
    Reconnecting,
    ConferenceEventKind::FocusFailover,
    "focus failover or SIP dialog recovery",
);

/// Focus failover: InLobby → Reconnecting.
pub const LOBBY_FOCUS_FAILOVER: Transition = row(
    InLobby,
    Reconnecting,
    ConferenceEventKind::FocusFailover,
    "focus failover or SIP dialog recovery",
);

/// Reconnected: Reconnecting → Connected.
pub const RECONNECTED_TO_CONFERENCE: Transition = row(
    Reconnecting,
    Connected,
    ConferenceEventKind::Reconnected,
    "reconnected to the conference",
);

/// Reconnected: Reconnecting → InLobby.
pub const RECONNECTED_TO_LOBBY: Transition = row(
    Reconnecting,
    InLobby,
    ConferenceEventKind::Reconnected,
    "reconnected to the lobby",
);

/// Reconnected into the conference from the lobby: Reconnecting →
/// Connected, taking the offer (decided above).
pub const RECONNECTED_ADMITTED: Transition = row(
    Reconnecting,
    Connected,
    ConferenceEventKind::Admitted,
    "reconnected into the conference from the lobby, admitted meanwhile",
);

/// The reconnection failed: Reconnecting → Disconnecting.
pub const RECONNECT_FAILED: Transition = row(
    Reconnecting,
    Disconnecting,
    ConferenceEventKind::ReconnectFailed,
    "the one reconnection attempt failed",
);

/// Leaving the conference: Connected → Disconnecting.
pub const LEFT_CONFERENCE: Transition = row(
    Connected,
    Disconnecting,
    ConferenceEventKind::Disconnect,
    "left, terminated, ejected, conference ended, escalation failed",
);

/// Leaving the lobby: InLobby → Disconnecting.
pub const LEFT_LOBBY: Transition = row(
    InLobby,
    Disconnecting,
    ConferenceEventKind::Disconnect,
    "left, ejected, conference ended, lobby timeout",
);

/// Termination completed: Disconnecting → Disconnected.
pub const DISCONNECTED: Transition = row(
    Disconnecting,
    Disconnected,
    ConferenceEventKind::Disconnected,
    "termination completed",
);

/// Termination completed after a failed escalation: Disconnecting → Idle.
pub const ESCALATION_FAILED: Transition = row(
    Disconnecting,
    Idle,
    ConferenceEventKind::Disconnected,
    "termination completed after a failed escalation",
);

/// The fourteen transitions of the reference's "ConferenceSession state
/// transitions" page (with the decisions above), in its order, and the
/// one decided above for a reconnection from the lobby into the
/// conference ([`RECONNECTED_ADMITTED`]).
///
#[cfg_attr(
    all(doc, feature = "diagram"),
    doc = "include_mmd!(\"src/conference/transitions.mmd\")"
)]
#[cfg_attr(
    not(all(doc, feature = "diagram")),
    doc = concat!("```text\n", include_str!("transitions.mmd"), "```")
)]
///
/// ```
/// use mcu_session::conference::transitions::TRANSITIONS;
///
/// assert_eq!(TRANSITIONS.len(), 15);
/// ```
#[cfg_attr(all(doc, feature = "diagram"), aquamarine::aquamarine)]
pub const TRANSITIONS: [Transition; 15] = [
    JOIN,
    JOINED,
    JOIN_FAILED,
    ENTERED_LOBBY,
    ADMITTED,
    CONNECTED_FOCUS_FAILOVER,
    LOBBY_FOCUS_FAILOVER,
    RECONNECTED_TO_CONFERENCE,
    RECONNECTED_TO_LOBBY,
    RECONNECTED_ADMITTED,
    RECONNECT_FAILED,
    LEFT_CONFERENCE,
    LEFT_LOBBY,
    DISCONNECTED,
    ESCALATION_FAILED,
];

/// Whether the table has a row for `event` from `state`. From
/// Reconnecting, which rows apply also depends on where the conference came
/// from (`Reconnected` into the conference from Connected, `Admitted` from
/// the lobby): see [`Reconnecting`](crate::conference::Reconnecting).
///
/// ```
/// use mcu_session::ConferenceSessionState;
/// use mcu_session::conference::transitions::{ConferenceEventKind, documents};
///
/// assert!(documents(ConferenceSessionState::InLobby, ConferenceEventKind::FocusFailover));
/// assert!(!documents(ConferenceSessionState::Reconnecting, ConferenceEventKind::FocusFailover));
/// ```
#[must_use]
pub fn documents(state: ConferenceSessionState, event: ConferenceEventKind) -> bool {
    TRANSITIONS
        .iter()
        .any(|row| row.from == state && row.event == event)
}

/// The table as a Mermaid state diagram (the manual and the crate docs
/// show it; a test fails if their copies drift).
///
/// ```
/// let diagram = mcu_session::conference::transitions::state_diagram();
/// assert!(diagram.contains("Reconnecting --> Disconnecting: ReconnectFailed"));
/// ```
#[must_use]
pub fn state_diagram() -> String {
    let mut out = String::from("stateDiagram-v2\n    [*] --> Idle\n");
    for row in &TRANSITIONS {
        out.push_str(&format!("    {} --> {}: {}\n", row.from, row.to, row.event));
    }
    out.push_str("    Disconnected --> [*]\n");
    out
}
