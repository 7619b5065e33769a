//! What each conference state allows, as sealed traits: each method of
//! [`ConferenceSession`](crate::ConferenceSession) is bounded by one of
//! them, so calling it in a state the reference does not allow is a compile
//! error that names the state, the method and where it is legal.
//!
//! ```compile_fail
//! use mcu_session::{ConferenceCommand, ConferenceSession, Uri};
//!
//! let idle = ConferenceSession::new(Uri::parse("sip:conf@contoso.com").unwrap());
//! idle.command(ConferenceCommand::LockConference, std::time::Instant::now()); // NotJoined issues no commands
//! ```

use crate::conference::state::{
    ConferenceState, Connected, Connecting, Disconnected, Disconnecting, InLobby, NotJoined,
    ReconnectOrigin, Reconnecting,
};
use crate::conference::state::{ConnectedExit, DisconnectCause, LobbyExit, Sealed};

/// The state [attaches an MCU session](crate::ConferenceSession::attach): [`NotJoined`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `attach`",
    label = "MCU sessions are attached before joining, as the reference registers for them before `BeginJoin`",
    note = "`attach` is legal on `ConferenceSession<NotJoined>` only"
)]
pub trait Attach: ConferenceState {}
#[diagnostic::do_not_recommend]
impl Attach for NotJoined {}

/// The state [joins (NotJoined → Connecting)](crate::ConferenceSession::join): [`NotJoined`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `join`",
    label = "only a `NotJoined` conference joins (NotJoined -> Connecting)",
    note = "`join` is legal on `ConferenceSession<NotJoined>` only"
)]
pub trait Join: ConferenceState {}
#[diagnostic::do_not_recommend]
impl Join for NotJoined {}

/// The state [completes its join (Connecting → Connected)](crate::ConferenceSession::joined): [`Connecting`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `joined`",
    label = "only a `Connecting` conference learns that its join completed (Connecting -> Connected)",
    note = "`joined` is legal on `ConferenceSession<Connecting>` only"
)]
pub trait JoinCompleted: ConferenceState {}
#[diagnostic::do_not_recommend]
impl JoinCompleted for Connecting {}

/// The state [fails its join (Connecting → NotJoined)](crate::ConferenceSession::join_failed): [`Connecting`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `join_failed`",
    label = "only a `Connecting` conference has a join that can fail (Connecting -> NotJoined)",
    note = "`join_failed` is legal on `ConferenceSession<Connecting>` only"
)]
pub trait JoinFailed: ConferenceState {}
#[diagnostic::do_not_recommend]
impl JoinFailed for Connecting {}

/// The state [enters the lobby (Connecting → InLobby)](crate::ConferenceSession::entered_lobby): [`Connecting`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `entered_lobby`",
    label = "only a `Connecting` conference is put in the lobby (Connecting -> InLobby)",
    note = "`entered_lobby` is legal on `ConferenceSession<Connecting>` only"
)]
pub trait EnteredLobby: ConferenceState {}
#[diagnostic::do_not_recommend]
impl EnteredLobby for Connecting {}

/// The states [admitted into the conference (→ Connected)](crate::ConferenceSession::admitted): [`InLobby`], and [`Reconnecting<InLobby>`] (back into the conference after a focus failover in the lobby: its MCU sessions were never offered anything, so it takes the offer as an admission does).
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `admitted`",
    label = "only a conference `InLobby`, or `Reconnecting<InLobby>` from it, is admitted (-> Connected)",
    note = "`admitted` is legal on `ConferenceSession<InLobby>` and `ConferenceSession<Reconnecting<InLobby>>`"
)]
pub trait Admitted: ConferenceState {}

#[diagnostic::do_not_recommend]
impl Admitted for InLobby {}

#[diagnostic::do_not_recommend]
impl Admitted for Reconnecting<InLobby> {}

/// The states that [lose their focus link (Connected or InLobby → Reconnecting)](crate::ConferenceSession::reconnecting): [`Connected`] and [`InLobby`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `reconnecting`",
    label = "only a `Connected` conference or one `InLobby` loses its focus (-> Reconnecting)",
    note = "`reconnecting` is legal on `ConferenceSession<Connected>` and `ConferenceSession<InLobby>`"
)]
pub trait FocusFailover: ReconnectOrigin {}

#[diagnostic::do_not_recommend]
impl FocusFailover for Connected {}

#[diagnostic::do_not_recommend]
impl FocusFailover for InLobby {}

/// The state that [reconnects into the conference with its MCUs' statuses (Reconnecting → Connected)](crate::ConferenceSession::reconnected_to_conference): [`Reconnecting`] from [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `reconnected_to_conference`",
    label = "only a conference reconnecting from `Connected` comes back with its MCUs' statuses; from the lobby it is `admitted`, with the offer",
    note = "`reconnected_to_conference` is legal on `ConferenceSession<Reconnecting<Connected>>` only"
)]
pub trait ReconnectToConference: ConferenceState {}

#[diagnostic::do_not_recommend]
impl ReconnectToConference for Reconnecting<Connected> {}

/// The state that [reconnects as the focus reported it (Reconnecting → Connected or InLobby)](crate::ConferenceSession::reconnected): [`Reconnecting`] from [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `reconnected`",
    label = "only a conference reconnecting from `Connected` comes back with its MCUs' statuses; from the lobby it is `admitted`, with the offer, or `reconnected_to_lobby`",
    note = "`reconnected` is legal on `ConferenceSession<Reconnecting<Connected>>` only"
)]
pub trait Reconnect: ConferenceState {}

#[diagnostic::do_not_recommend]
impl Reconnect for Reconnecting<Connected> {}

/// The states that [reconnect into the lobby (Reconnecting → InLobby)](crate::ConferenceSession::reconnected_to_lobby): [`Reconnecting`], from either origin.
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `reconnected_to_lobby`",
    label = "only a `Reconnecting` conference reconnects (Reconnecting -> InLobby)",
    note = "`reconnected_to_lobby` is legal on `ConferenceSession<Reconnecting<_>>` only"
)]
pub trait ReconnectToLobby: ConferenceState {}

#[diagnostic::do_not_recommend]
impl<From: ReconnectOrigin> ReconnectToLobby for Reconnecting<From> {}

/// The states that [fail their one reconnection attempt (Reconnecting → Disconnecting)](crate::ConferenceSession::reconnect_failed): [`Reconnecting`], from either origin.
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `reconnect_failed`",
    label = "only a `Reconnecting` conference has a reconnection that can fail (Reconnecting -> Disconnecting)",
    note = "`reconnect_failed` is legal on `ConferenceSession<Reconnecting<_>>` only"
)]
pub trait ReconnectFailed: ConferenceState {}

#[diagnostic::do_not_recommend]
impl<From: ReconnectOrigin> ReconnectFailed for Reconnecting<From> {}

/// The state [starts to leave (Connected or InLobby → Disconnecting)](crate::ConferenceSession::disconnect): [`Connected`] and [`InLobby`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `disconnect`",
    label = "only a `Connected` conference or one `InLobby` starts to leave (-> Disconnecting)",
    note = "`disconnect` is legal on `ConferenceSession<Connected>` and `ConferenceSession<InLobby>`"
)]
pub trait Disconnect: ConferenceState {
    /// The causes this state may leave for.
    type Exit: Into<DisconnectCause>;
}
#[diagnostic::do_not_recommend]
impl Disconnect for Connected {
    type Exit = ConnectedExit;
}
#[diagnostic::do_not_recommend]
impl Disconnect for InLobby {
    type Exit = LobbyExit;
}

/// The state [ends the conference for everyone (Connected → Disconnecting)](crate::ConferenceSession::terminate_conference): [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `terminate_conference`",
    label = "only a `Connected` conference can be terminated for everyone (Connected -> Disconnecting)",
    note = "`terminate_conference` is legal on `ConferenceSession<Connected>` only"
)]
pub trait TerminateConference: ConferenceState {}
#[diagnostic::do_not_recommend]
impl TerminateConference for Connected {}

/// The state [finishes leaving (Disconnecting → Disconnected or NotJoined)](crate::ConferenceSession::disconnected): [`Disconnecting`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `disconnected`",
    label = "only a `Disconnecting` conference finishes leaving (Disconnecting -> Disconnected, or NotJoined after a failed escalation)",
    note = "`disconnected` is legal on `ConferenceSession<Disconnecting>` only"
)]
pub trait FinishLeaving: ConferenceState + Sealed<Data = DisconnectCause> {}
#[diagnostic::do_not_recommend]
impl FinishLeaving for Disconnecting {}

/// The state [issues conference commands](crate::ConferenceSession::command): [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `command`",
    label = "conference commands go out only from a `Connected` conference",
    note = "`command` is legal on `ConferenceSession<Connected>` only"
)]
pub trait Command: ConferenceState {}
#[diagnostic::do_not_recommend]
impl Command for Connected {}

/// The state [submits MCU operations](crate::ConferenceSession::submit): [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `submit`",
    label = "operations reach an MCU session through its conference only while it is `Connected`",
    note = "`submit` is legal on `ConferenceSession<Connected>` only"
)]
pub trait Submit: ConferenceState {}
#[diagnostic::do_not_recommend]
impl Submit for Connected {}

/// The state [lends its MCU sessions out as typed sessions](crate::ConferenceSession::lend): [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `lend`",
    label = "a conference lends its MCU sessions out only while it is `Connected`",
    note = "`lend` is legal on `ConferenceSession<Connected>` only"
)]
pub trait Lend: ConferenceState {}
#[diagnostic::do_not_recommend]
impl Lend for Connected {}

/// The state [takes what the focus reports about one of its MCUs](crate::ConferenceSession::mcu_event): [`Connected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `mcu_event`",
    label = "only a `Connected` conference takes what the focus reports about one MCU",
    note = "`mcu_event` is legal on `ConferenceSession<Connected>` only"
)]
pub trait McuEvent: ConferenceState {}
#[diagnostic::do_not_recommend]
impl McuEvent for Connected {}

/// The state [hands its MCU sessions back](crate::ConferenceSession::release): [`Disconnected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `release`",
    label = "only a `Disconnected` conference hands its MCU sessions back",
    note = "`release` is legal on `ConferenceSession<Disconnected>` only"
)]
pub trait Release: ConferenceState {}
#[diagnostic::do_not_recommend]
impl Release for Disconnected {}

/// The state [knows why it left](crate::ConferenceSession::cause): [`Disconnecting`] and [`Disconnected`].
#[diagnostic::on_unimplemented(
    message = "a `ConferenceSession<{Self}>` has no method `cause`",
    label = "only a conference that is leaving or has left knows why",
    note = "`cause` is legal on `ConferenceSession<Disconnecting>` and `ConferenceSession<Disconnected>`"
)]
pub trait Cause: ConferenceState + Sealed<Data = DisconnectCause> {}
#[diagnostic::do_not_recommend]
impl Cause for Disconnecting {}
#[diagnostic::do_not_recommend]
impl Cause for Disconnected {}
