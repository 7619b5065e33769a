//! The transition table of the reference, as data.
//!
//! [`TRANSITIONS`] is the single source for the runtime view's checks
//! ([`AnySession::apply`](crate::AnySession::apply) accepts an event only in
//! a state that has a row for it), for the tests that compare the typed and
//! the runtime views, and for the state diagram in the manual and the crate
//! documentation ([`state_diagram`]).
//!
//! # Every (state, event) pair, decided
//!
//! Each of the 36 pairs is a transition (a row of [`TRANSITIONS`]), an
//! in-place change (a row of [`IN_PLACE`]), or undocumented (refused, with
//! everything handed back). The sentence each decision rests on is quoted
//! from the reference (`InstantMessagingMcuSession` state transitions, and
//! the `McuSession` base class, and one level up, UCMA 4.0's "Shutdown and
//! termination" for the conference session's end); "undocumented" means the reference
//! describes no such change, and the crate does not invent one.
//!
//! | state | event | decision | because the reference says |
//! |---|---|---|---|
//! | Idle | `ConferenceJoined` | in place (bound) if the MCU type is offered once, **2** if not at all, refused as invalid if more than once | 2 "occurs when the parent ConferenceSession object joins a conference that does not support the same MCU type"; a session whose conference offers its MCU type is bound and waits for its MCU |
//! | Idle | `McuActivated` | **1** | "The transition from Idle to Active occurs after ConferenceSession has joined a conference", "either before or after the callback passed to BeginJoin() is called" |
//! | Idle | `McuFailingOver` | undocumented | 3 starts from Active: "The transition from Active to Retrying occurs when the Focus detects that the MCU is failing over" |
//! | Idle | `FocusReconnecting` | undocumented | 3: "This transition also occurs when the ConferenceSession object reconnects to the Focus": only an *active* session changes |
//! | Idle | `FailoverCompleted` | undocumented | 4 starts from Retrying: "The transition from Retrying to Active occurs when the failover process is complete" |
//! | Idle | `FocusReconnected` | undocumented | 4 starts from Retrying: "or when the ConferenceSession has reconnected to the Focus and the MCU is active" |
//! | Idle | `Attendance` | in place when bound, refused when not | operations and attendance concern a bound session's MCU; an unbound session has none |
//! | Active | `ConferenceJoined` | in place (join completed) if the MCU type is offered once, else refused as invalid | an MCU session "can become active either before or after the callback passed to BeginJoin() is called": the join may complete on an Active session; one that lacks the MCU type contradicts the activation |
//! | Active | `McuActivated` | undocumented | 1 starts from Idle; the reference describes no second activation of an active MCU |
//! | Active | `McuFailingOver` | **3a** | "the Focus detects that the MCU is failing over. In this case, Microsoft Unified Communications Managed API 4.0 terminates the call with that MCU" |
//! | Active | `FocusReconnecting` | **3b** | "This transition also occurs when the ConferenceSession object reconnects to the Focus. Because the MCU is not known to be failing over, the call is not terminated" |
//! | Active | `FailoverCompleted` | undocumented | 4 starts from Retrying |
//! | Active | `FocusReconnected` | undocumented | 4 starts from Retrying |
//! | Active | `Attendance` | in place | the MCU is active and its roster is the focus's to report |
//! | Retrying | `ConferenceJoined` | undocumented | a Retrying session was Active, so its conference was joined; the reference describes no join while retrying |
//! | Retrying | `McuActivated` | undocumented | the way back to Active from Retrying is 4 ("when the failover process is complete, or when the ConferenceSession has reconnected to the Focus and the MCU is active"), not 1 |
//! | Retrying | `McuFailingOver` | undocumented | 3 starts from Active; the session is already Retrying |
//! | Retrying | `FocusReconnecting` | undocumented | 3 starts from Active; the session is already Retrying |
//! | Retrying | `FailoverCompleted` | **4a** | "The transition from Retrying to Active occurs when the failover process is complete" |
//! | Retrying | `FocusReconnected` | **4b** (MCU active) or **4c** (not) | "or when the ConferenceSession has reconnected to the Focus and the MCU is active. It is possible for the ConferenceSession to reconnect to the Focus, but the InstantMessagingMcuSession state does not change to Active if the MCU has not been activated on the server"; the base class's `State`: back "to Idle or Active based on the MCU state communicated back" |
//! | Retrying | `Attendance` | undocumented | while the focus link is being re-established the focus reports nothing; it sends a fresh roster once reconnected |
//! | Idle | `Response` | undocumented | nothing is pending in Idle: it sends nothing, and the only way into Idle from a state that sends (4c) is a focus reconnect, which fails what is pending |
//! | Active | `Response` | in place when the request is pending, else refused as invalid | the focus answers the requests it relays to the MCU (`EndXxx`: "Thrown when the command failed with a C3P body in the response"); an answer for a request the session does not hold is handed back |
//! | Retrying | `Response` | in place when the request is pending, else refused as invalid | an MCU failover (3a) does not touch the focus link ("The corresponding McuSession state is changed to Retrying and the call with the MCU is terminated"), so the focus still answers; a focus reconnect (3b) already failed everything pending: "After failover is detected, pending conference operations fail immediately" |
//! | Idle | `ConferenceTerminated` | **5a** | "Terminating a conference session terminates all MCU sessions", and "A component will not complete a terminate operation until all contained components and pending operations are completed": what the session queued fails first |
//! | Active | `ConferenceTerminated` | **5b** | the same sentences: every pending request fails first |
//! | Retrying | `ConferenceTerminated` | **5c** | the same sentences: every pending request fails first |
//! | Terminated | any of the nine | undocumented | there is no transition out of Terminated: the reference lists none out, and a terminated session holds nothing an answer could settle; a session already terminated by 2 has nothing left for 5 to end |
//!
//! The reference's MCU session pages document no way from Active or
//! Retrying into Terminated; the conference session's do, one level up:
//! "Terminating a conference session terminates all MCU sessions" (UCMA 4.0,
//! Shutdown and termination). So 5a, 5b and 5c are the reference's too, and
//! a session is never ended by dropping it (whatever it held would vanish).

use core::fmt;

use crate::mcu::event::{EventKind, McuStatus};
use crate::mcu::state::McuSessionState;

/// A documented transition, by its number in the reference's list.
///
/// ```
/// use mcu_session::mcu::transitions::{CallEffect, Guard, TRANSITIONS};
/// use mcu_session::{McuSessionState, TransitionId};
///
/// let row = TransitionId::T3a.row();
/// assert_eq!((row.from, row.to), (McuSessionState::Active, McuSessionState::Retrying));
/// assert_eq!((row.guard, row.call), (Guard::Always, CallEffect::Terminates));
/// assert_eq!(TRANSITIONS.iter().filter(|row| row.from == McuSessionState::Retrying).count(), 4); // 4a, 4b, 4c, 5c
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TransitionId {
    /// Idle → Active: the MCU became active.
    #[cfg_attr(feature = "serde", serde(rename = "1"))]
    T1,
    /// Idle → Terminated: the joined conference does not offer the MCU type.
    #[cfg_attr(feature = "serde", serde(rename = "2"))]
    T2,
    /// Active → Retrying: the MCU is failing over.
    #[cfg_attr(feature = "serde", serde(rename = "3a"))]
    T3a,
    /// Active → Retrying: the conference session is reconnecting to the focus.
    #[cfg_attr(feature = "serde", serde(rename = "3b"))]
    T3b,
    /// Retrying → Active: the MCU failover completed.
    #[cfg_attr(feature = "serde", serde(rename = "4a"))]
    T4a,
    /// Retrying → Active: reconnected to the focus, MCU active.
    #[cfg_attr(feature = "serde", serde(rename = "4b"))]
    T4b,
    /// Retrying → Idle: reconnected to the focus, MCU not active.
    #[cfg_attr(feature = "serde", serde(rename = "4c"))]
    T4c,
    /// Idle → Terminated: the conference session terminated.
    #[cfg_attr(feature = "serde", serde(rename = "5a"))]
    T5a,
    /// Active → Terminated: the conference session terminated.
    #[cfg_attr(feature = "serde", serde(rename = "5b"))]
    T5b,
    /// Retrying → Terminated: the conference session terminated.
    #[cfg_attr(feature = "serde", serde(rename = "5c"))]
    T5c,
}

impl TransitionId {
    /// The number as the reference writes it (`1`, `3a`, ...).
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::T1 => "1",
            Self::T2 => "2",
            Self::T3a => "3a",
            Self::T3b => "3b",
            Self::T4a => "4a",
            Self::T4b => "4b",
            Self::T4c => "4c",
            Self::T5a => "5a",
            Self::T5b => "5b",
            Self::T5c => "5c",
        }
    }

    /// This transition's row of [`TRANSITIONS`].
    ///
    /// ```
    /// use mcu_session::{McuSessionState, TransitionId};
    ///
    /// assert_eq!(TransitionId::T4c.row().to, McuSessionState::Idle);
    /// ```
    #[must_use]
    #[inline]
    pub const fn row(self) -> &'static TransitionRow {
        match self {
            Self::T1 => &T1,
            Self::T2 => &T2,
            Self::T3a => &T3A,
            Self::T3b => &T3B,
            Self::T4a => &T4A,
            Self::T4b => &T4B,
            Self::T4c => &T4C,
            Self::T5a => &T5A,
            Self::T5b => &T5B,
            Self::T5c => &T5C,
        }
    }
}

impl fmt::Display for TransitionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// When a row applies, beyond its state and event.
///
/// ```
/// use mcu_session::mcu::transitions::{CallEffect, Guard, TRANSITIONS};
/// use mcu_session::{McuSessionState, TransitionId};
///
/// let row = TransitionId::T3a.row();
/// assert_eq!((row.from, row.to), (McuSessionState::Active, McuSessionState::Retrying));
/// assert_eq!((row.guard, row.call), (Guard::Always, CallEffect::Terminates));
/// assert_eq!(TRANSITIONS.iter().filter(|row| row.from == McuSessionState::Retrying).count(), 4); // 4a, 4b, 4c, 5c
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Guard {
    /// Whenever the event arrives in the row's state.
    Always,
    /// The joined conference does not offer the session's MCU type. (When it
    /// does, the session is bound and stays Idle: no transition.)
    McuTypeNotOffered,
    /// The focus reported the MCU in this status.
    McuReported(McuStatus),
    /// The joined conference offers the session's MCU type, once (binding;
    /// an offer naming it twice is refused as invalid: which entry to bind
    /// to would be a guess).
    McuTypeOffered,
    /// The session is bound to its MCU.
    Bound,
    /// The session holds a pending request with the answer's id.
    RequestPending,
}

/// What a transition does to the application's call with the MCU.
///
/// ```
/// use mcu_session::mcu::transitions::{CallEffect, Guard, TRANSITIONS};
/// use mcu_session::{McuSessionState, TransitionId};
///
/// let row = TransitionId::T3a.row();
/// assert_eq!((row.from, row.to), (McuSessionState::Active, McuSessionState::Retrying));
/// assert_eq!((row.guard, row.call), (Guard::Always, CallEffect::Terminates));
/// assert_eq!(TRANSITIONS.iter().filter(|row| row.from == McuSessionState::Retrying).count(), 4); // 4a, 4b, 4c, 5c
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallEffect {
    /// The transition does not concern the call.
    NotInvolved,
    /// The call is terminated (the MCU is failing over).
    Terminates,
    /// The call is kept (only the focus connection is affected).
    Keeps,
    /// Back to Active: reports what the transition into Retrying did, so the
    /// application knows whether to set up a new call.
    Reports,
}

/// Whether a transition's event means the conference session lost its link
/// to the focus. Then every request still waiting for the focus's answer
/// fails at once with
/// [`FailureReason::SessionRetrying`](crate::FailureReason::SessionRetrying):
/// "After failover is detected, pending conference operations fail
/// immediately with an OperationFailureException with FailureReason set to
/// SessionRetrying" (the reference, Conference recovery, Focus Front-End
/// failover).
///
/// ```
/// use mcu_session::mcu::transitions::{FocusLink, TRANSITIONS};
/// use mcu_session::TransitionId;
///
/// let lost: Vec<TransitionId> = TRANSITIONS.iter().filter(|row| row.focus == FocusLink::Lost).map(|row| row.id).collect();
/// assert_eq!(lost, [TransitionId::T3b, TransitionId::T4b, TransitionId::T4c]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FocusLink {
    /// The focus link holds: pending requests stay pending (an MCU failover,
    /// 3a and 4a, concerns the MCU and the call with it, not the focus).
    Kept,
    /// The focus link was lost: the conference session is reconnecting (3b)
    /// or has reconnected (4b, 4c).
    Lost,
    /// The conference session terminated (5a, 5b, 5c): everything the
    /// session holds, queued or pending, fails with the
    /// [`TerminationReason`](crate::TerminationReason): "A component will not
    /// complete a terminate operation until all contained components and
    /// pending operations are completed".
    Ended,
}

/// One documented transition.
///
/// ```
/// use mcu_session::mcu::transitions::{CallEffect, Guard, TRANSITIONS};
/// use mcu_session::{McuSessionState, TransitionId};
///
/// let row = TransitionId::T3a.row();
/// assert_eq!((row.from, row.to), (McuSessionState::Active, McuSessionState::Retrying));
/// assert_eq!((row.guard, row.call), (Guard::Always, CallEffect::Terminates));
/// assert_eq!(TRANSITIONS.iter().filter(|row| row.from == McuSessionState::Retrying).count(), 4); // 4a, 4b, 4c, 5c
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TransitionRow {
    /// The reference's number.
    pub id: TransitionId,
    /// The state the session is in.
    pub from: McuSessionState,
    /// The state the session goes to.
    pub to: McuSessionState,
    /// What the focus reported.
    pub event: EventKind,
    /// When, beyond `from` and `event`, the row applies.
    pub guard: Guard,
    /// What happens to the application's call with the MCU.
    pub call: CallEffect,
    /// Whether the focus link was lost, failing pending requests.
    pub focus: FocusLink,
    /// The cause in the reference's words.
    pub cause: &'static str,
}

impl TransitionRow {
    /// The row's label in the state diagram.
    fn label(&self) -> String {
        let condition = match (self.guard, self.call) {
            (Guard::McuTypeNotOffered, _) => " (MCU type not offered)",
            (Guard::McuReported(McuStatus::Active), _) => " (MCU active)",
            (Guard::McuReported(McuStatus::NotActive), _) => " (MCU not active)",
            (Guard::McuTypeOffered | Guard::Bound | Guard::RequestPending, _) => "",
            (Guard::Always, CallEffect::Terminates) => " (call terminated)",
            (Guard::Always, CallEffect::Keeps) => " (call kept)",
            (Guard::Always, CallEffect::NotInvolved | CallEffect::Reports) => "",
        };
        format!("{} {}{condition}", self.id, self.event)
    }
}

use McuSessionState::{Active, Idle, Retrying, Terminated};

/// Every documented transition of an MCU session, and nothing else.
///
/// There is no row out of Terminated. Into it: 2 from Idle, and 5a, 5b, 5c
/// from every other state when the conference session terminates.
///
#[cfg_attr(
    all(doc, feature = "diagram"),
    doc = "include_mmd!(\"src/mcu/transitions.mmd\")"
)]
#[cfg_attr(
    not(all(doc, feature = "diagram")),
    doc = concat!("```text\n", include_str!("transitions.mmd"), "```")
)]
///
/// ```
/// use mcu_session::mcu::transitions::{CallEffect, Guard, TRANSITIONS};
/// use mcu_session::{McuSessionState, TransitionId};
///
/// let row = TransitionId::T3a.row();
/// assert_eq!((row.from, row.to), (McuSessionState::Active, McuSessionState::Retrying));
/// assert_eq!((row.guard, row.call), (Guard::Always, CallEffect::Terminates));
/// assert_eq!(TRANSITIONS.iter().filter(|row| row.from == McuSessionState::Retrying).count(), 4); // 4a, 4b, 4c, 5c
/// ```
#[cfg_attr(all(doc, feature = "diagram"), aquamarine::aquamarine)]
pub const TRANSITIONS: &[TransitionRow] = &[T1, T2, T3A, T3B, T4A, T4B, T4C, T5A, T5B, T5C];

const T1: TransitionRow = TransitionRow {
    id: TransitionId::T1,
    from: Idle,
    to: Active,
    event: EventKind::McuActivated,
    guard: Guard::Always,
    call: CallEffect::NotInvolved,
    focus: FocusLink::Kept,
    cause: "the MCU became active on the server, before or after the join completes",
};

const T2: TransitionRow = TransitionRow {
    id: TransitionId::T2,
    from: Idle,
    to: Terminated,
    event: EventKind::ConferenceJoined,
    guard: Guard::McuTypeNotOffered,
    call: CallEffect::NotInvolved,
    focus: FocusLink::Kept,
    cause: "the joined conference does not offer this session's MCU type",
};

const T3A: TransitionRow = TransitionRow {
    id: TransitionId::T3a,
    from: Active,
    to: Retrying,
    event: EventKind::McuFailingOver,
    guard: Guard::Always,
    call: CallEffect::Terminates,
    focus: FocusLink::Kept,
    cause: "the focus detected that the MCU is failing over",
};

const T3B: TransitionRow = TransitionRow {
    id: TransitionId::T3b,
    from: Active,
    to: Retrying,
    event: EventKind::FocusReconnecting,
    guard: Guard::Always,
    call: CallEffect::Keeps,
    focus: FocusLink::Lost,
    cause: "the conference session is reconnecting to the focus",
};

const T4A: TransitionRow = TransitionRow {
    id: TransitionId::T4a,
    from: Retrying,
    to: Active,
    event: EventKind::FailoverCompleted,
    guard: Guard::Always,
    call: CallEffect::Reports,
    focus: FocusLink::Kept,
    cause: "the MCU failover completed",
};

const T4B: TransitionRow = TransitionRow {
    id: TransitionId::T4b,
    from: Retrying,
    to: Active,
    event: EventKind::FocusReconnected,
    guard: Guard::McuReported(McuStatus::Active),
    call: CallEffect::Reports,
    focus: FocusLink::Lost,
    cause: "the conference session reconnected to the focus and the MCU is active",
};

const T4C: TransitionRow = TransitionRow {
    id: TransitionId::T4c,
    from: Retrying,
    to: Idle,
    event: EventKind::FocusReconnected,
    guard: Guard::McuReported(McuStatus::NotActive),
    call: CallEffect::NotInvolved,
    focus: FocusLink::Lost,
    cause: "the conference session reconnected to the focus but the MCU is not active",
};

const T5A: TransitionRow = TransitionRow {
    id: TransitionId::T5a,
    from: Idle,
    to: Terminated,
    event: EventKind::ConferenceTerminated,
    guard: Guard::Always,
    call: CallEffect::NotInvolved,
    focus: FocusLink::Ended,
    cause: "the conference session terminated; what the session queued fails first",
};

const T5B: TransitionRow = TransitionRow {
    id: TransitionId::T5b,
    from: Active,
    to: Terminated,
    event: EventKind::ConferenceTerminated,
    guard: Guard::Always,
    call: CallEffect::NotInvolved,
    focus: FocusLink::Ended,
    cause: "the conference session terminated; what the session has pending fails first",
};

const T5C: TransitionRow = TransitionRow {
    id: TransitionId::T5c,
    from: Retrying,
    to: Terminated,
    event: EventKind::ConferenceTerminated,
    guard: Guard::Always,
    call: CallEffect::NotInvolved,
    focus: FocusLink::Ended,
    cause: "the conference session terminated; what the session has pending fails first",
};

/// An event the reference documents that changes a session's data but not
/// its state.
///
/// ```
/// use mcu_session::mcu::transitions::IN_PLACE;
/// use mcu_session::{EventKind, McuSessionState};
///
/// assert!(IN_PLACE.iter().any(|row| (row.state, row.event) == (McuSessionState::Active, EventKind::Attendance)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InPlaceRow {
    /// The state the session is in, and stays in.
    pub state: McuSessionState,
    /// What the focus reported.
    pub event: EventKind,
    /// When the row applies (otherwise the event is refused, or another row
    /// of [`TRANSITIONS`] applies).
    pub guard: Guard,
    /// What it changes.
    pub effect: &'static str,
}

/// The events that change a session's data without a state change; no
/// state-changed record is produced for them.
///
/// ```
/// use mcu_session::mcu::transitions::IN_PLACE;
/// use mcu_session::{EventKind, McuSessionState};
///
/// assert!(IN_PLACE.iter().any(|row| (row.state, row.event) == (McuSessionState::Active, EventKind::Attendance)));
/// ```
pub const IN_PLACE: &[InPlaceRow] = &[
    InPlaceRow {
        state: Idle,
        event: EventKind::ConferenceJoined,
        guard: Guard::McuTypeOffered,
        effect: "binds the session: it keeps the MCU's information",
    },
    InPlaceRow {
        state: Idle,
        event: EventKind::Attendance,
        guard: Guard::Bound,
        effect: "updates the roster of a bound session",
    },
    InPlaceRow {
        state: Active,
        event: EventKind::ConferenceJoined,
        guard: Guard::McuTypeOffered,
        effect: "the join completed after the MCU became active: keeps the offered MCU information",
    },
    InPlaceRow {
        state: Active,
        event: EventKind::Attendance,
        guard: Guard::Always,
        effect: "updates the roster",
    },
    InPlaceRow {
        state: Active,
        event: EventKind::Response,
        guard: Guard::RequestPending,
        effect: "settles the pending request the focus answered: it comes out answered",
    },
    InPlaceRow {
        state: Retrying,
        event: EventKind::Response,
        guard: Guard::RequestPending,
        effect: "settles a request still pending after an MCU failover (3a keeps the focus link)",
    },
];

/// Whether the reference documents `event` for a session in `state` (a row
/// of [`TRANSITIONS`] or [`IN_PLACE`]): the check
/// [`AnySession::apply`](crate::AnySession::apply) makes first.
///
/// ```
/// use mcu_session::mcu::transitions;
/// use mcu_session::{EventKind, McuSessionState};
///
/// assert!(transitions::documents(McuSessionState::Active, EventKind::McuFailingOver));
/// assert!(!transitions::documents(McuSessionState::Idle, EventKind::McuFailingOver));
/// ```
#[must_use]
#[inline]
pub const fn documents(state: McuSessionState, event: EventKind) -> bool {
    let documented = match state {
        McuSessionState::Idle => DOCUMENTED_IDLE,
        McuSessionState::Active => DOCUMENTED_ACTIVE,
        McuSessionState::Retrying => DOCUMENTED_RETRYING,
        McuSessionState::Terminated => DOCUMENTED_TERMINATED,
    };
    documented & (1 << event as u8) != 0
}

/// One bit per [`EventKind`].
type EventSet = u16;

/// [`documents`] for one state, as one bit per [`EventKind`], computed at
/// compile time from the two tables: the check costs a shift and a mask.
const fn documented_events(state: McuSessionState) -> EventSet {
    let mut events = 0;
    let mut rows = TRANSITIONS;
    while let [row, rest @ ..] = rows {
        if row.from as u8 == state as u8 {
            events |= 1 << row.event as u8;
        }
        rows = rest;
    }
    let mut rows = IN_PLACE;
    while let [row, rest @ ..] = rows {
        if row.state as u8 == state as u8 {
            events |= 1 << row.event as u8;
        }
        rows = rest;
    }
    events
}

const DOCUMENTED_IDLE: EventSet = documented_events(McuSessionState::Idle);
const DOCUMENTED_ACTIVE: EventSet = documented_events(McuSessionState::Active);
const DOCUMENTED_RETRYING: EventSet = documented_events(McuSessionState::Retrying);
const DOCUMENTED_TERMINATED: EventSet = documented_events(McuSessionState::Terminated);
// One bit per event kind must fit.
const _: () = assert!(EventKind::ALL.len() <= EventSet::BITS as usize);

/// The transition table as a Mermaid `stateDiagram-v2`.
///
/// The manual and the crate documentation show exactly this text; a test
/// fails if they drift from it.
///
/// ```
/// let diagram = mcu_session::mcu::transitions::state_diagram();
/// assert!(diagram.starts_with("stateDiagram-v2\n"));
/// assert!(diagram.contains("Active --> Retrying: 3a McuFailingOver (call terminated)"));
/// ```
#[must_use]
pub fn state_diagram() -> String {
    let mut diagram = String::from("stateDiagram-v2\n    [*] --> Idle\n");
    for row in TRANSITIONS {
        diagram.push_str(&format!(
            "    {} --> {}: {}\n",
            row.from,
            row.to,
            row.label()
        ));
    }
    diagram.push_str("    Terminated --> [*]\n");
    diagram
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_precomputed_lookup_matches_both_tables() {
        for state in McuSessionState::ALL {
            for event in EventKind::ALL {
                let listed = TRANSITIONS
                    .iter()
                    .any(|row| row.from == state && row.event == event)
                    || IN_PLACE
                        .iter()
                        .any(|row| row.state == state && row.event == event);
                assert_eq!(documents(state, event), listed, "{state} {event}");
            }
        }
    }

    #[test]
    fn each_row_is_its_ids_row() {
        for row in TRANSITIONS {
            assert_eq!(row.id.row(), row);
        }
    }

    #[test]
    fn nothing_leaves_terminated_and_every_live_state_can_end() {
        assert!(TRANSITIONS.iter().all(|row| row.from != Terminated));
        let into_terminated: Vec<_> = TRANSITIONS
            .iter()
            .filter(|row| row.to == Terminated)
            .map(|row| (row.id, row.from))
            .collect();
        assert_eq!(
            into_terminated,
            [
                (TransitionId::T2, Idle),
                (TransitionId::T5a, Idle),
                (TransitionId::T5b, Active),
                (TransitionId::T5c, Retrying),
            ]
        );
        let ended: Vec<_> = TRANSITIONS
            .iter()
            .filter(|row| row.focus == FocusLink::Ended)
            .map(|row| row.id)
            .collect();
        assert_eq!(
            ended,
            [TransitionId::T5a, TransitionId::T5b, TransitionId::T5c]
        );
    }

    #[test]
    fn each_state_and_event_has_one_row_per_guard() {
        for (i, a) in TRANSITIONS.iter().enumerate() {
            for b in TRANSITIONS.iter().skip(i + 1) {
                assert!(
                    (a.from, a.event, a.guard) != (b.from, b.event, b.guard),
                    "{a:?} and {b:?} overlap"
                );
            }
        }
    }
}
