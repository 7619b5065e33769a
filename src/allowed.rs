//! Which state allows which transition or operation, and which MCU type
//! allows which operation, as traits the compiler checks.
//!
//! Each transition and operation method of [`Session`](crate::Session) is
//! bounded by one trait of this module, implemented by exactly the state(s)
//! where the reference documents it. Calling it in another state is a
//! compile error written in our words, naming the state the session is in,
//! the transition attempted and where it is legal:
//!
//! ```text
//! error[E0277]: a `Session<mcu_session::Idle, _>` has no transition `mcu_failing_over`
//!   |
//!   |     let retrying = idle.mcu_failing_over();
//!   |                         ^^^^^^^^^^^^^^^^ only an `Active` session can fail over (transition 3a, Active -> Retrying)
//! ```
//!
//! The state traits are sealed: they extend the sealed [`State`], so no other
//! type can implement them, and the states' own implementations are all here.
//! The MCU-type traits ([`BlockAll`], [`MuteAll`]) are open, like
//! [`McuType`]: an MCU type of your own may offer those operations.
//! They can also bound an application's own generic code:
//!
//! ```
//! use mcu_session::{allowed, McuType, Retrying, Session};
//!
//! /// Accepts exactly the sessions that may fail over (today: Active ones).
//! fn on_failover<S: allowed::McuFailingOver, M: McuType>(session: Session<S, M>) -> Session<Retrying, M> {
//!     session.mcu_failing_over()
//! }
//! ```

use crate::{Active, AudioVideo, Idle, InstantMessaging, McuType, Retrying, State};

/// The state has [`conference_joined`](crate::Session::conference_joined):
/// binding, or transition 2 (Idle → Terminated). Only [`Idle`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `conference_joined`",
    label = "only an `Idle` session learns what the joined conference offers (binding, or transition 2, Idle -> Terminated)",
    note = "the session is `{Self}`; `conference_joined` is legal on `Session<Idle, _>` only"
)]
pub trait ConferenceJoined: State {}
impl ConferenceJoined for Idle {}

/// The state has [`mcu_activated`](crate::Session::mcu_activated):
/// transition 1 (Idle → Active). Only [`Idle`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `mcu_activated`",
    label = "only an `Idle` session can become active (transition 1, Idle -> Active)",
    note = "the session is `{Self}`; `mcu_activated` is legal on `Session<Idle, _>` only (a Retrying session uses `failover_completed` or `focus_reconnected`)"
)]
pub trait McuActivated: State {}
impl McuActivated for Idle {}

/// The state has [`mcu_failing_over`](crate::Session::mcu_failing_over):
/// transition 3a (Active → Retrying). Only [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `mcu_failing_over`",
    label = "only an `Active` session can fail over (transition 3a, Active -> Retrying)",
    note = "the session is `{Self}`; `mcu_failing_over` is legal on `Session<Active, _>` only"
)]
pub trait McuFailingOver: State {}
impl McuFailingOver for Active {}

/// The state has [`focus_reconnecting`](crate::Session::focus_reconnecting):
/// transition 3b (Active → Retrying). Only [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `focus_reconnecting`",
    label = "only an `Active` session goes to Retrying while the focus reconnects (transition 3b, Active -> Retrying)",
    note = "the session is `{Self}`; `focus_reconnecting` is legal on `Session<Active, _>` only"
)]
pub trait FocusReconnecting: State {}
impl FocusReconnecting for Active {}

/// The state has [`failover_completed`](crate::Session::failover_completed):
/// transition 4a (Retrying → Active). Only [`Retrying`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `failover_completed`",
    label = "only a `Retrying` session can complete a failover (transition 4a, Retrying -> Active)",
    note = "the session is `{Self}`; `failover_completed` is legal on `Session<Retrying, _>` only"
)]
pub trait FailoverCompleted: State {}
impl FailoverCompleted for Retrying {}

/// The state has [`focus_reconnected`](crate::Session::focus_reconnected):
/// transitions 4b (Retrying → Active) and 4c (Retrying → Idle). Only
/// [`Retrying`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `focus_reconnected`",
    label = "only a `Retrying` session waits for the focus to reconnect (transitions 4b, Retrying -> Active, and 4c, Retrying -> Idle)",
    note = "the session is `{Self}`; `focus_reconnected` is legal on `Session<Retrying, _>` only"
)]
pub trait FocusReconnected: State {}
impl FocusReconnected for Retrying {}

/// The state has [`request`](crate::Session::request): operations go out at
/// once. Only [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` cannot send operations",
    label = "operations go out at once only from an `Active` session",
    note = "the session is `{Self}`: a bound `Idle` session queues operations with `queue`; `Retrying` and `Terminated` sessions take none (the reference rejects them as retryable and invalid)"
)]
pub trait Request: State {}
impl Request for Active {}

/// The state has [`queue`](crate::Session::queue) and
/// [`handle_timeout`](crate::Session::handle_timeout): operations wait for
/// the MCU. Only [`Idle`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` cannot queue operations",
    label = "only a bound `Idle` session queues operations until its MCU is active",
    note = "the session is `{Self}`: an `Active` session sends operations at once with `request`; `Retrying` and `Terminated` sessions take none"
)]
pub trait Queue: State {}
impl Queue for Idle {}

/// The state has [`attendance`](crate::Session::attendance): the focus
/// reports who attends the MCU. [`Idle`] (when bound) and [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` takes no attendance reports",
    label = "only a bound `Idle` or an `Active` session tracks who attends its MCU",
    note = "the session is `{Self}`: while `Retrying` the focus sends a fresh roster once reconnected; a `Terminated` session has no MCU"
)]
pub trait Attendance: State {}
impl Attendance for Idle {}
impl Attendance for Active {}

/// The MCU type has [`Operation::block_all`](crate::Operation::block_all):
/// [`InstantMessaging`]. Implement it for an MCU type of your own that can
/// block everyone's messages.
#[diagnostic::on_unimplemented(
    message = "`{Self}` MCUs have no `block_all` operation",
    label = "`block_all` blocks everyone's messages: an instant messaging operation",
    note = "`block_all` exists for `Operation<InstantMessaging>`; audio/video sessions use `mute_all`"
)]
pub trait BlockAll: McuType {}
impl BlockAll for InstantMessaging {}

/// The MCU type has [`Operation::mute_all`](crate::Operation::mute_all):
/// [`AudioVideo`]. Implement it for an MCU type of your own that carries
/// audio.
#[diagnostic::on_unimplemented(
    message = "`{Self}` MCUs have no `mute_all` operation",
    label = "`mute_all` mutes everyone's audio: an audio/video operation",
    note = "`mute_all` exists for `Operation<AudioVideo>`; instant messaging sessions use `block_all`"
)]
pub trait MuteAll: McuType {}
impl MuteAll for AudioVideo {}
