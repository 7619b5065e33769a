//! What the application's own SIP dialogs observe and the focus's bodies
//! do not carry: the join's outcome, the lobby, failovers, an MCU becoming
//! active.

use crate::conference::mcus::McuKind;
use crate::conference::session::Reconnection;
use crate::conference::state::DisconnectCause;

/// One thing the application saw happen on its SIP dialogs with the focus
/// and the MCUs, for [`Client::handle_report`](crate::client::Client::handle_report).
///
/// The offer and the MCUs' URIs are not in it: the client takes them from
/// the conference documents it was given. The reference raises the
/// roster's attendance events "before the callback method ... of BeginJoin
/// is called", so the focus's first document has arrived by the time the
/// join completes.
///
/// ```
/// use mcu_session::client::Report;
/// use mcu_session::conference::McuKind;
///
/// let report = Report::McuActivated(McuKind::InstantMessagingMcu);
/// assert_eq!(report, Report::McuActivated(McuKind::InstantMessagingMcu));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Report {
    /// The join completed (the focus answered the INVITE with 200 OK): the
    /// conference offers the MCUs its documents list.
    Joined,
    /// The join failed.
    JoinFailed,
    /// The focus put the participant in the lobby.
    EnteredLobby,
    /// A leader admitted the participant from the lobby: the conference
    /// offers the MCUs its documents list.
    Admitted,
    /// The focus failed over, or the SIP dialog with it is in recovery.
    FocusFailover,
    /// The one reconnection attempt succeeded, as reported: back into the
    /// conference with each MCU's status, or into the lobby.
    Reconnected(Reconnection),
    /// The one reconnection attempt failed.
    ReconnectFailed,
    /// The conference session starts to leave, for this cause: the
    /// application's own leave ([`DisconnectCause::Left`]: it sends the
    /// BYE), or one it did not choose (ejected, the conference ended, the
    /// lobby timed out, a failed escalation). Ending the conference for
    /// everyone is not a report: it is a command with no C3P form here
    /// (see [`Client`](crate::client::Client)).
    Disconnect(DisconnectCause),
    /// Termination completed: the dialog with the focus is gone.
    Disconnected,
    /// The MCU of this kind became active: its media dialog is up
    /// (transition 1).
    McuActivated(McuKind),
    /// The MCU of this kind is failing over (3a, 4a).
    McuFailingOver(McuKind),
    /// The MCU of this kind finished failing over.
    McuFailoverCompleted(McuKind),
}
