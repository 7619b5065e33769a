//! The conference session: the parent that causes every MCU session
//! transition (the reference's `ConferenceSession`).
//!
//! What lives here: the seven states and the data each holds, the typed
//! transitions ([`ConferenceSession<S>`](crate::ConferenceSession)), the
//! MCU sessions it owns ([`McuSessions`]), its commands, its runtime view
//! ([`AnyConference`](crate::AnyConference)), its transition table
//! ([`transitions`]) and its compile-time permissions ([`allowed`]). It
//! drives the MCU sessions (`crate::mcu`) through their runtime view, and
//! its commands run on the shared request engine (`crate::request`).

pub mod allowed;
pub(crate) mod command;
pub(crate) mod mcus;
pub(crate) mod report;
pub(crate) mod runtime;
pub(crate) mod session;
pub(crate) mod state;
pub mod transitions;

pub use mcus::{Attachable, JoinProblem, McuChanges, McuKind, McuSessions, McuStatuses};
pub use report::McuReport;
pub use session::{
    AttachProblem, AttachRefused, CommandsFull, JoinRefused, Left, LendRefused, Lent,
    McuEventRefused, Reconnection, Rejoined, SubmitRefused,
};
pub use state::{
    ConferenceState, Connected, ConnectedExit, Connecting, DisconnectCause, Disconnected,
    Disconnecting, InLobby, LobbyExit, NotJoined, ReconnectOrigin, Reconnecting,
};
