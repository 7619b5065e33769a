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
//! use mcu_session::mcu::allowed;
//! use mcu_session::{McuType, Retrying, Session};
//!
//! /// Accepts exactly the sessions that may fail over (today: Active ones).
//! fn on_failover<S: allowed::McuFailingOver, M: McuType>(session: Session<S, M>) -> Session<Retrying, M> {
//!     session.mcu_failing_over()
//! }
//! ```

use crate::mcu::state::{Active, Idle, Is, Retrying, State};
use crate::mcu_type::{AudioVideo, InstantMessaging, McuType};

// The transition traits extend `Is<T>` (sealed, the identity): each is
// implemented by exactly one state `T`, and the method it bounds works on
// that state's data. The notes never repeat `{Self}`: the message already
// names the state, and rustc prints it with its full path.

/// The state has [`conference_joined`](crate::Session::conference_joined):
/// binding, or transition 2 (Idle → Terminated). Only [`Idle`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `conference_joined`",
    label = "only an `Idle` session learns what the joined conference offers (binding, or transition 2, Idle -> Terminated)",
    note = "`conference_joined` is legal on `Session<Idle, _>` only"
)]
pub trait ConferenceJoined: Is<Idle> {}
#[diagnostic::do_not_recommend]
impl ConferenceJoined for Idle {}

/// The state has [`mcu_activated`](crate::Session::mcu_activated):
/// transition 1 (Idle → Active). Only [`Idle`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `mcu_activated`",
    label = "only an `Idle` session can become active (transition 1, Idle -> Active)",
    note = "`mcu_activated` is legal on `Session<Idle, _>` only"
)]
pub trait McuActivated: Is<Idle> {}
#[diagnostic::do_not_recommend]
impl McuActivated for Idle {}

/// The state has [`mcu_failing_over`](crate::Session::mcu_failing_over):
/// transition 3a (Active → Retrying). Only [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `mcu_failing_over`",
    label = "only an `Active` session can fail over (transition 3a, Active -> Retrying)",
    note = "`mcu_failing_over` is legal on `Session<Active, _>` only"
)]
pub trait McuFailingOver: Is<Active> {}
#[diagnostic::do_not_recommend]
impl McuFailingOver for Active {}

/// The state has [`focus_reconnecting`](crate::Session::focus_reconnecting):
/// transition 3b (Active → Retrying). Only [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `focus_reconnecting`",
    label = "only an `Active` session goes to Retrying while the focus reconnects (transition 3b, Active -> Retrying)",
    note = "`focus_reconnecting` is legal on `Session<Active, _>` only"
)]
pub trait FocusReconnecting: Is<Active> {}
#[diagnostic::do_not_recommend]
impl FocusReconnecting for Active {}

/// The state has [`failover_completed`](crate::Session::failover_completed):
/// transition 4a (Retrying → Active). Only [`Retrying`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `failover_completed`",
    label = "only a `Retrying` session can complete a failover (transition 4a, Retrying -> Active)",
    note = "`failover_completed` is legal on `Session<Retrying, _>` only"
)]
pub trait FailoverCompleted: Is<Retrying> {}
#[diagnostic::do_not_recommend]
impl FailoverCompleted for Retrying {}

/// The state has [`focus_reconnected`](crate::Session::focus_reconnected):
/// transitions 4b (Retrying → Active) and 4c (Retrying → Idle). Only
/// [`Retrying`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `focus_reconnected`",
    label = "only a `Retrying` session waits for the focus to reconnect (transitions 4b, Retrying -> Active, and 4c, Retrying -> Idle)",
    note = "`focus_reconnected` is legal on `Session<Retrying, _>` only"
)]
pub trait FocusReconnected: Is<Retrying> {}
#[diagnostic::do_not_recommend]
impl FocusReconnected for Retrying {}

/// The state has
/// [`conference_terminated`](crate::Session::conference_terminated):
/// transitions 5a, 5b and 5c (Idle, Active or Retrying → Terminated), when
/// the conference session terminates. Every state but
/// [`Terminated`](crate::Terminated).
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no transition `conference_terminated`",
    label = "a terminated session has already ended: there is no way out of Terminated, and nothing left for the conference's end to fail",
    note = "`conference_terminated` is legal on `Session<Idle, _>`, `Session<Active, _>` and `Session<Retrying, _>` (transitions 5a, 5b, 5c)"
)]
pub trait ConferenceTerminated: State {}
#[diagnostic::do_not_recommend]
impl ConferenceTerminated for Idle {}
#[diagnostic::do_not_recommend]
impl ConferenceTerminated for Active {}
#[diagnostic::do_not_recommend]
impl ConferenceTerminated for Retrying {}

/// The state has [`request`](crate::Session::request): operations go out at
/// once. Only [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no method `request`",
    label = "operations go out at once only from an `Active` session",
    note = "`request` is legal on `Session<Active, _>` only; a bound `Idle` session queues operations with `queue`, and `Retrying` and `Terminated` sessions take none (the reference rejects them as retryable and invalid)"
)]
pub trait Request: State {}
#[diagnostic::do_not_recommend]
impl Request for Active {}

/// The state has [`queue`](crate::Session::queue) and
/// [`queued`](crate::Session::queued): operations wait for the MCU. Only
/// [`Idle`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no operation queue: no method `queue` or `queued`",
    label = "only an `Idle` session queues operations (once bound) until its MCU is active",
    note = "`queue` and `queued` are legal on `Session<Idle, _>` only; an `Active` session sends operations at once with `request`, and `Retrying` and `Terminated` sessions take none"
)]
pub trait Queue: State {}
#[diagnostic::do_not_recommend]
impl Queue for Idle {}

/// The state has [`handle_timeout`](crate::Session::handle_timeout),
/// [`poll_timeout`](crate::Session::poll_timeout) and
/// [`cancel`](crate::Session::cancel): it may hold operations that expire,
/// queued ones (Idle) or requests waiting for the focus's answer (Active,
/// Retrying). [`Idle`], [`Active`] and [`Retrying`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` holds no operations: no method `handle_timeout`, `poll_timeout` or `cancel`",
    label = "a terminated session holds no operations: the transition into Terminated (2, 5a, 5b or 5c) failed them all",
    note = "`handle_timeout`, `poll_timeout` and `cancel` are legal on `Session<Idle, _>`, `Session<Active, _>` and `Session<Retrying, _>`"
)]
pub trait Timer: State {}
#[diagnostic::do_not_recommend]
impl Timer for Idle {}
#[diagnostic::do_not_recommend]
impl Timer for Active {}
#[diagnostic::do_not_recommend]
impl Timer for Retrying {}

/// The state has [`answer`](crate::Session::answer) and
/// [`pending`](crate::Session::pending): requests sent to the focus wait
/// for its answer. [`Active`] and [`Retrying`] (a request sent while Active
/// is still pending after an MCU failover, transition 3a).
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no pending requests: no method `answer` or `pending`",
    label = "only an `Active` or `Retrying` session has sent requests the focus may answer",
    note = "`answer` and `pending` are legal on `Session<Active, _>` and `Session<Retrying, _>`: an `Idle` session has sent nothing (a focus reconnect failed what was pending) and a `Terminated` one holds nothing"
)]
pub trait Answer: State {}
#[diagnostic::do_not_recommend]
impl Answer for Active {}
#[diagnostic::do_not_recommend]
impl Answer for Retrying {}

/// The state has [`attendance`](crate::Session::attendance): the focus
/// reports who attends the MCU. [`Idle`] (when bound) and [`Active`].
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no method `attendance`",
    label = "only a bound `Idle` or an `Active` session tracks who attends its MCU",
    note = "`attendance` is legal on `Session<Idle, _>` and `Session<Active, _>` only"
)]
pub trait Attendance: State {}
#[diagnostic::do_not_recommend]
impl Attendance for Idle {}
#[diagnostic::do_not_recommend]
impl Attendance for Active {}

/// The state has [`roster`](crate::Session::roster): who attends the MCU.
/// Every state but [`Terminated`](crate::Terminated), which has no MCU.
#[diagnostic::on_unimplemented(
    message = "a `Session<{Self}, _>` has no method `roster`",
    label = "only a session with an MCU (Idle, Active or Retrying) has a roster: a terminated one has none",
    note = "`roster` is legal on `Session<Idle, _>`, `Session<Active, _>` and `Session<Retrying, _>`"
)]
pub trait Roster: State {}
#[diagnostic::do_not_recommend]
impl Roster for Idle {}
#[diagnostic::do_not_recommend]
impl Roster for Active {}
#[diagnostic::do_not_recommend]
impl Roster for Retrying {}

/// The MCU type has
/// [`Operation::enable_block_all_mode`](crate::Operation::enable_block_all_mode)
/// and
/// [`Operation::disable_block_all_mode`](crate::Operation::disable_block_all_mode):
/// [`InstantMessaging`]. Implement it for an MCU type of your own that can
/// block everyone's messages.
#[diagnostic::on_unimplemented(
    message = "`{Self}` MCUs have no block-all mode",
    label = "blocking everyone's messages is an instant messaging operation",
    note = "`enable_block_all_mode` and `disable_block_all_mode` exist for `Operation<InstantMessaging>`; audio/video sessions have a mute-all mode (`enable_mute_all_mode`)"
)]
pub trait BlockAll: McuType {}
#[diagnostic::do_not_recommend]
impl BlockAll for InstantMessaging {}

/// The MCU type carries audio, so it has the mute-all mode
/// ([`Operation::enable_mute_all_mode`](crate::Operation::enable_mute_all_mode),
/// [`Operation::disable_mute_all_mode`](crate::Operation::disable_mute_all_mode))
/// and attendance announcements
/// ([`Operation::modify_attendance_announcements`](crate::Operation::modify_attendance_announcements)):
/// [`AudioVideo`]. Implement it for an MCU type of your own that carries
/// audio.
#[diagnostic::on_unimplemented(
    message = "`{Self}` MCUs carry no audio: no mute-all mode, no attendance announcements",
    label = "this is an audio/video operation",
    note = "the mute-all mode and attendance announcements exist for `Operation<AudioVideo>`; instant messaging sessions have a block-all mode (`enable_block_all_mode`)"
)]
pub trait MuteAll: McuType {}
#[diagnostic::do_not_recommend]
impl MuteAll for AudioVideo {}
