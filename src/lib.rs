//! The MCU session of a focus/MCU conference as a typestate: a wrong call in
//! the wrong state is a compile error, not a runtime exception.
//!
//! ```
//! use mcu_session::{AdvertisedMcu, InstantMessaging, InstantMessagingMcuSession, Joined, McuInfo, McuStatus, Reconnected, Uri};
//!
//! let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
//! let session = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
//! let Ok(Joined::Bound(idle)) = session.conference_joined([chat.clone()]) else { unreachable!() };
//! let active = idle.mcu_activated(McuInfo::try_from(chat)?, std::time::Instant::now());  // 1:  Idle -> Active
//! let retrying = active.mcu_failing_over();                    // 3a: Active -> Retrying, call terminated
//! let active = retrying.failover_completed().into_session();   // 4a: Retrying -> Active, new call needed
//! let retrying = active.focus_reconnecting();                  // 3b: Active -> Retrying, call kept
//! let Reconnected::Idle(idle) = retrying.focus_reconnected(McuStatus::NotActive) else { unreachable!() }; // 4c
//! # let _ = idle;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # The reference behaviour
//!
//! A conference joined through its *focus* has one Multipoint Control Unit
//! (MCU) per media type, and the client keeps one *MCU session* per MCU. The
//! reference is UCMA's `McuSession` and its subclasses
//! `InstantMessagingMcuSession` and `AudioVideoMcuSession` (Lync Server
//! 2013). The focus reports what the MCU does; the session follows these
//! documented transitions, and no others:
//!
//! | # | from | to | cause | method |
//! |---|------|----|-------|--------|
//! | 1 | Idle | Active | the MCU became active (before or after the join completes) | [`Session::mcu_activated`] |
//! | 2 | Idle | Terminated | the joined conference does not offer the MCU type | [`Session::conference_joined`] → [`Joined::Unsupported`] |
//! | 3a | Active | Retrying | the MCU is failing over; the call with it is terminated | [`Session::mcu_failing_over`] |
//! | 3b | Active | Retrying | the conference session is reconnecting to the focus; the call is kept | [`Session::focus_reconnecting`] |
//! | 4a | Retrying | Active | the MCU failover completed | [`Session::failover_completed`] |
//! | 4b | Retrying | Active | reconnected to the focus, MCU active | [`Session::focus_reconnected`] → [`Reconnected::Active`] |
//! | 4c | Retrying | Idle | reconnected to the focus, MCU not active | [`Session::focus_reconnected`] → [`Reconnected::Idle`] |
//! | 5a, 5b, 5c | Idle, Active, Retrying | Terminated | the conference session terminated | [`Session::conference_terminated`] |
//!
//! There is no way out of Terminated. The MCU session's own pages document
//! no way from Active or Retrying into it; the conference session's do, one
//! level up (UCMA 4.0, Shutdown and termination): "Terminating a conference
//! session terminates all MCU sessions", and "A component will not complete
//! a terminate operation until all contained components and pending
//! operations are completed". So 5a, 5b and 5c end a session from every
//! live state, and what it holds fails first and is handed back through
//! [`poll_output`](Session::poll_output). That, not dropping the session,
//! is how a session ends: a dropped session takes what it holds with it.
//!
//! The same table is data ([`mcu::transitions::TRANSITIONS`]), and
//! [`mcu::transitions::state_diagram`] renders it as a Mermaid state diagram,
//! drawn in the documentation of [`Session`] and of
//! [`TRANSITIONS`](mcu::transitions::TRANSITIONS) (built with the `diagram`
//! feature, as on docs.rs).
//!
//! # Types
//!
//! [`Session<S, M>`] is one MCU session. `S` is its state, one of four
//! *type-level variants* that can never be instantiated: [`Idle`],
//! [`Active`], [`Retrying`], [`Terminated`] (the sealed [`State`] trait). `M`
//! is its MCU type: [`InstantMessaging`], [`AudioVideo`], or one of yours
//! (the open [`McuType`] trait). [`InstantMessagingMcuSession<S>`] and
//! [`AudioVideoMcuSession<S>`] name the reference's two classes.
//!
//! Only [`Session::new`] makes a session, and it makes an Idle one. Each
//! state's transitions are methods of that state alone; each consumes the
//! session and returns the next state, so the old value cannot be used again.
//! Where the focus's report decides the next state, the method returns an
//! enum whose variants are exactly the documented next states ([`Joined`],
//! [`Resumed`], [`Reconnected`]).
//!
//! Each state carries exactly its data, the way rustls' `ConfigBuilder`
//! keeps each step's data in its state: an Idle session may be bound (its
//! `mcu()` is an `Option`); an Active or Retrying session always knows its
//! MCU (`mcu()` returns `&McuInfo<M>`); only a Retrying session knows what
//! became of the call (`call()`); a Terminated session always knows why
//! (`reason()` returns `&TerminationReason`: transition 2's missing MCU
//! type, or the conference's end). An accessor exists only on the
//! states where it means something. The state itself costs nothing: a
//! session is what every state shares plus its state's own data.
//!
//! Calling a transition in the wrong state does not compile, and the compiler
//! says where the method is legal:
//!
//! ```compile_fail,E0277
//! # use mcu_session::{InstantMessagingMcuSession, Uri};
//! let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com").unwrap());
//! let retrying = idle.mcu_failing_over(); // only an Active session can fail over
//! ```
//!
//! [`McuSessionState`] is the state as a runtime value, for logs and wire
//! formats.
//!
//! # Operations
//!
//! The crate is sans-IO: it never opens a socket and never reads the clock.
//! An [`Operation`] is what the application wants done; a session turns it
//! into a [`Request`] for the application to send to the focus (which relays
//! it to the MCU), queues it while a bound session waits for its MCU, or
//! fails it, handing it back. Which states allow which of these is decided by
//! the type of the session, as documented on the reference's base class:
//!
//! | state | operations |
//! |-------|-----------|
//! | Active | go out at once: [`Session::request`](crate::Session::request) |
//! | Idle, bound | queued for 30 s, released in order by transition 1: [`Session::queue`](crate::Session::queue) |
//! | Idle, unbound | refused: [`NotBound`] hands the operation back |
//! | Retrying | none (the reference rejects them as retryable): does not compile |
//! | Terminated | none (the reference: invalid): does not compile |
//!
//! A request sent is pending until the focus answers it: the session keeps
//! it (and the operation) until the application hands it the answer
//! ([`Session::answer`](crate::Session::answer) with a [`Response`]), and
//! every operation comes out of
//! [`poll_output`](crate::Session::poll_output) settled exactly once:
//!
//! | what happens to a pending request | comes out as |
//! |---|---|
//! | the focus answers success | [`Output::Succeeded`], operation handed back |
//! | the focus answers failure | [`Output::Failed`] with [`FailureReason::ConferenceFailure`] and the focus's reason |
//! | the focus link is lost (3b, or a reconnect ending Retrying: 4b, 4c) | [`Output::Failed`] with [`FailureReason::SessionRetrying`], in the order sent (the reference: "pending conference operations fail immediately") |
//! | an MCU failover (3a, 4a) | nothing: it stays pending (the focus link holds) |
//! | no answer within [`ANSWER_TIMEOUT`] (three minutes, as the reference documents) | [`Output::Failed`] with [`FailureReason::NoAnswer`], from [`handle_timeout`](crate::Session::handle_timeout) |
//! | the conference session terminates (5a, 5b, 5c) | [`Output::Failed`] with [`FailureReason::Terminated`], in the order submitted |
//! | the application gives up | [`cancel`](crate::Session::cancel) hands the operation back |
//!
//! An answer for an id the session does not hold (never sent, or already
//! answered, failed or cancelled) is an [`UnknownResponse`] that hands the
//! answer back: nothing is applied twice.
//!
//! # The runtime view
//!
//! Real events arrive at run time. [`AnySession<M>`] holds a session in any
//! state and [`AnySession::apply`] feeds it an [`Event`], in place: an event
//! the tables document for the current state runs the same transition the
//! typed method runs, and the [`Effect`] says exactly what happened (a
//! [`StateChanged`] record, a binding, a join completing after activation,
//! a roster change, or a request the focus's answer settled); any other
//! event is [`Refused`], handed back with the session untouched. `apply`
//! is inlined into the caller: a data-free report costs within 1.2x of a
//! hand-written `match` (`benches/README.md`). The runtime view moves misuse from
//! compile time to run time, so prefer the typed API wherever the state is
//! known. Every (state, event)
//! pair is decided, with the sentence of the reference it rests on, in
//! [`mcu::transitions`].
//!
//! # The conference session
//!
//! Every transition above is caused by the MCU session's parent, the
//! conference session (UCMA's `ConferenceSession`).
//! [`ConferenceSession<S>`] is that parent as a typestate of its own, with
//! the reference's seven states ([`conference::NotJoined`] (the reference's Idle),
//! [`conference::Connecting`], [`conference::Connected`],
//! [`conference::InLobby`], [`conference::Reconnecting`],
//! [`conference::Disconnecting`], [`conference::Disconnected`]). It owns the
//! instant messaging and audio/video MCU sessions attached before the join
//! and runs their transitions for its own causes in the same call, so they
//! can never disagree with it: the join binds each (or ends it with 2), a
//! focus failover moves every Active one to Retrying (3b) and fails what is
//! pending, a reconnect applies 4b or 4c by each MCU's reported status, and
//! every way out terminates them all (5a, 5b, 5c). Their own reports (1,
//! 3a, 4a, attendance, answers) go through
//! [`mcu_event`](ConferenceSession::mcu_event) while it is Connected, typed
//! by the MCU ([`conference::McuReport`]).
//!
//! ```
//! use mcu_session::conference::McuStatuses;
//! use mcu_session::{AdvertisedMcu, AudioVideo, AudioVideoMcuSession, ConferenceSession, InstantMessaging};
//! use mcu_session::{InstantMessagingMcuSession, McuSessionState, McuStatus, Uri};
//!
//! let focus = Uri::parse("sip:conf@contoso.com")?;
//! let mut conference = ConferenceSession::new(focus.clone());
//! conference.attach(InstantMessagingMcuSession::new(focus.clone()))?;
//! conference.attach(AudioVideoMcuSession::new(focus))?;
//! let chat = AdvertisedMcu::of::<InstantMessaging>(Uri::parse("sip:conf@contoso.com;chat")?, None);
//! let av = AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av")?, None);
//! let connected = conference.join().joined([chat, av])?;
//!
//! let statuses = McuStatuses { instant_messaging: McuStatus::Active, audio_video: McuStatus::NotActive };
//! let (connected, _changes) = connected.reconnecting().reconnected_to_conference(statuses);
//! assert_eq!(connected.mcu::<AudioVideo>().map(|s| s.state()), Some(McuSessionState::Idle));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Its table is data ([`conference::transitions`], with the two places
//! where the reference disagrees with itself decided and quoted), drawn on
//! [`ConferenceSession`]; [`AnyConference`] is its runtime view, and a
//! misuse is a compile error naming the state, the method and where it is
//! legal.
//!
//! # Features
//!
//! - `serde`: `Serialize`/`Deserialize` for [`McuSessionState`], [`Event`],
//!   [`StateChanged`], [`TerminationReason`], [`McuInfo`], [`AdvertisedMcu`]
//!   and [`Uri`]. Sessions are never deserialized: rebuild one by replaying
//!   its events. Wire values cannot lie: an [`McuInfo<M>`] carries its MCU
//!   type and refuses another type's, a [`StateChanged`] that contradicts
//!   its transition is refused, and every value decodes from an object with
//!   every field, never an array. `EventSeed` decodes an [`Event`] within a
//!   session's [`Capacities`], refusing a fresh roster past them while it
//!   decodes.
//! - `diagram`: draws the state diagram in the generated documentation
//!   (mermaid.js, through `aquamarine`); docs.rs builds with it.
//! - `xml`: `wire::c3p`, the C3P bodies that cross the SIP dialog with
//!   the focus (requests out, responses in, each routed to the session
//!   whose request it answers), and `wire::conference_info`, the RFC 4575
//!   conference documents it notifies, applied with the RFC's ordering
//!   rules to the conference's roster, each MCU session's roster and the
//!   MCUs the conference offers; and `client`, one sans-IO object that
//!   drives a conference and its MCU sessions from those bodies.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Errors hand the session back by value, as success values do; boxing them
// would only add an allocation to the rejection path.
#![allow(clippy::result_large_err)]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[cfg(feature = "xml")]
pub mod client;
pub mod conference;
#[doc = include_str!("../docs/manual.md")]
pub mod manual {}
pub mod mcu;
mod mcu_type;
mod request;
pub mod roster;
#[cfg(feature = "serde")]
mod strict;
mod uri;
#[cfg(feature = "xml")]
pub mod wire;

pub use conference::command::{ConferenceCommand, ConferenceOutput, ConferenceRequest};
pub use conference::runtime::{
    AnyConference, ConferenceEffect, ConferenceEvent, ConferenceRefused,
};
pub use conference::session::{CommandRefused, ConferenceSession};
pub use conference::state::ConferenceSessionState;
#[cfg(feature = "serde")]
pub use mcu::event::EventSeed;
pub use mcu::event::{Event, EventKind, McuStatus};
pub use mcu::outcome::{AmbiguousOffer, Joined, Reconnected, Resumed};
pub use mcu::runtime::{
    AnySession, Effect, EventProblem, OperationRejected, Refused, StateChanged, Submitted,
    WrongState,
};
pub use mcu::session::{AudioVideoMcuSession, InstantMessagingMcuSession, Session};
pub use mcu::state::{
    Active, Idle, McuCall, McuSessionState, ParseStateError, Retrying, State, Terminated,
};
pub use mcu::termination::{ConferenceTerminated, McuTypeNotOffered, TerminationReason};
pub use mcu::transitions::TransitionId;
pub use mcu_type::{
    AdvertisedMcu, AudioVideo, InstantMessaging, McuInfo, McuType, OfferProblem, UnusableOffer,
    WrongMcuType, distinct_mcu_types,
};
pub use request::operation::{
    ANSWER_TIMEOUT, AttendanceAnnouncementsStatus, Capacities, FailureReason, InvalidOperation,
    NotBound, NotHeld, Operation, OperationKind, Output, QUEUE_TIMEOUT, QueueError, QueueFull,
    Request, RequestId, Response, SelfUnmuteAssignment, UnknownResponse,
};
pub use roster::{
    Attendance, AttendanceError, AttendanceProblem, Endpoint, Role, Roster, RosterDiff,
};
pub use uri::{InvalidUri, Uri};

/// The README's examples, compiled and run as doc tests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
