//! The four states of an MCU session, at the type level and at run time.
//!
//! [`Idle`], [`Active`], [`Retrying`] and [`Terminated`] are *type-level
//! variants*: uninhabited enums that only ever appear as the `S` parameter of
//! [`Session<S, M>`](crate::Session). Nobody can hold a value of them, and
//! nobody outside this crate can add a fifth one, because [`State`] is sealed.
//! [`McuSessionState`] is the same four states as a plain value, for logs,
//! wire formats and the [state-changed notification] of the reference.
//!
//! Beside them, what each state knows (its data, [`McuCall`] for Retrying)
//! and the enum of that data the runtime view holds: the typed core imports
//! nothing of the runtime view, which builds on it.
//!
//! [state-changed notification]: crate#the-reference-behaviour

use core::fmt;
use core::hash::Hash;
use core::str::FromStr;

use crate::mcu::termination::TerminationReason;
use crate::mcu_type::{McuInfo, McuType};

mod sealed {
    use core::fmt;

    use super::AnyState;
    use crate::mcu_type::{McuInfo, McuType};

    /// Keeps [`State`](super::State) closed: only this crate implements it.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not an MCU session state",
        label = "not one of `Idle`, `Active`, `Retrying`, `Terminated`",
        note = "`mcu_session::State` is sealed: the four states of the reference are the only ones, and a session reaches each one through its documented transitions"
    )]
    pub trait Sealed: Sized {
        /// What a session in this state knows beyond what every session
        /// knows: exactly this state's data, and nothing else.
        type Data<M: McuType>: fmt::Debug + PartialEq + Eq + Send + Sync + Unpin;

        /// This state's data, as the runtime view holds it.
        fn wrap<M: McuType>(data: Self::Data<M>) -> AnyState<M>;

        /// This state's data out of the runtime view, or the runtime view's
        /// data back unchanged when it is another state's.
        fn unwrap<M: McuType>(any: AnyState<M>) -> Result<Self::Data<M>, AnyState<M>>;

        /// The MCU's information, where this state knows it (a bound Idle,
        /// an Active or a Retrying session).
        fn bound_mcu<M: McuType>(data: &Self::Data<M>) -> Option<&McuInfo<M>>;
    }

    /// `Self` is the state `T`: lets a method bounded by a capability that
    /// exactly one state has work on that state's data. Implemented only as
    /// the identity.
    #[diagnostic::on_unimplemented(
        message = "`{Self}` is not the MCU session state `{T}`",
        label = "the transition capabilities are sealed",
        note = "each trait of `mcu_session::mcu::allowed` for a transition belongs to the one state where the reference documents that transition"
    )]
    pub trait Is<T: super::State>: super::State {
        /// This state's data, as the state it is. Only the state's own data
        /// passes through, never the whole session: a transition moves what
        /// every state shares once, straight into its result.
        fn cast<M: McuType>(data: Self::Data<M>) -> T::Data<M>;
    }

    impl<T: super::State> Is<T> for T {
        #[inline(always)]
        fn cast<M: McuType>(data: Self::Data<M>) -> T::Data<M> {
            data
        }
    }
}

pub(crate) use sealed::{Is, Sealed};

/// A state of the MCU session lifecycle, at the type level.
///
/// Implemented by exactly [`Idle`], [`Active`], [`Retrying`] and
/// [`Terminated`]; the trait is sealed so that the transition table of the
/// reference stays the only one. [`State::STATE`] is the runtime value of the
/// same state.
///
/// ```
/// use mcu_session::{Active, McuSessionState, State};
///
/// assert_eq!(Active::STATE, McuSessionState::Active);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an MCU session state",
    label = "not one of `Idle`, `Active`, `Retrying`, `Terminated`",
    note = "a session's state is one of the four type-level states of the reference, and `State` is sealed"
)]
pub trait State: sealed::Sealed + fmt::Debug + Copy + Eq + Hash + Send + Sync + 'static {
    /// This state as a runtime value.
    const STATE: McuSessionState;
}

// The markers are written out by hand, not by a macro, so that the compiler's
// "the following types implement `State`" points at four plain lines.

/// The session exists but its MCU is not active: before the conference
/// is joined, after the join while the MCU is being activated, or after a
/// focus reconnect that found the MCU not (yet) active.
///
/// An Idle session may or may not be *bound*: know its MCU's information.
///
/// A type-level variant: it cannot be instantiated, it only names the state
/// of a [`Session`](crate::Session). See the [crate documentation](crate#types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Idle {}
impl sealed::Sealed for Idle {
    type Data<M: McuType> = IdleData<M>;

    fn bound_mcu<M: McuType>(data: &Self::Data<M>) -> Option<&McuInfo<M>> {
        data.mcu.as_ref()
    }

    fn wrap<M: McuType>(data: Self::Data<M>) -> AnyState<M> {
        AnyState::Idle(data)
    }

    fn unwrap<M: McuType>(any: AnyState<M>) -> Result<Self::Data<M>, AnyState<M>> {
        match any {
            AnyState::Idle(data) => Ok(data),
            other => Err(other),
        }
    }
}
impl State for Idle {
    const STATE: McuSessionState = McuSessionState::Idle;
}

/// The MCU is active on the server: the session is usable, and always knows
/// its MCU.
///
/// A type-level variant: it cannot be instantiated, it only names the state
/// of a [`Session`](crate::Session). See the [crate documentation](crate#types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Active {}
impl sealed::Sealed for Active {
    type Data<M: McuType> = ActiveData<M>;

    fn bound_mcu<M: McuType>(data: &Self::Data<M>) -> Option<&McuInfo<M>> {
        Some(&data.mcu)
    }

    fn wrap<M: McuType>(data: Self::Data<M>) -> AnyState<M> {
        AnyState::Bound(BoundData {
            mcu: data.mcu,
            retrying: None,
        })
    }

    fn unwrap<M: McuType>(any: AnyState<M>) -> Result<Self::Data<M>, AnyState<M>> {
        match any {
            AnyState::Bound(BoundData {
                mcu,
                retrying: None,
            }) => Ok(ActiveData { mcu }),
            other => Err(other),
        }
    }
}
impl State for Active {
    const STATE: McuSessionState = McuSessionState::Active;
}

/// The MCU is failing over, or the conference session is reconnecting to
/// the focus; the session waits to become [`Active`] (or [`Idle`]) again. It
/// knows its MCU and what became of the call with it.
///
/// A type-level variant: it cannot be instantiated, it only names the state
/// of a [`Session`](crate::Session). See the [crate documentation](crate#types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retrying {}
impl sealed::Sealed for Retrying {
    type Data<M: McuType> = RetryingData<M>;

    fn bound_mcu<M: McuType>(data: &Self::Data<M>) -> Option<&McuInfo<M>> {
        Some(&data.mcu)
    }

    fn wrap<M: McuType>(data: Self::Data<M>) -> AnyState<M> {
        AnyState::Bound(BoundData {
            mcu: data.mcu,
            retrying: Some(data.call),
        })
    }

    fn unwrap<M: McuType>(any: AnyState<M>) -> Result<Self::Data<M>, AnyState<M>> {
        match any {
            AnyState::Bound(BoundData {
                mcu,
                retrying: Some(call),
            }) => Ok(RetryingData { mcu, call }),
            other => Err(other),
        }
    }
}
impl State for Retrying {
    const STATE: McuSessionState = McuSessionState::Retrying;
}

/// The session has ended: the joined conference does not offer its MCU
/// type (transition 2), or the conference session terminated (5a, 5b, 5c).
/// Final: a terminated session has no transitions, and always knows why it
/// ended.
///
/// A type-level variant: it cannot be instantiated, it only names the state
/// of a [`Session`](crate::Session). See the [crate documentation](crate#types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Terminated {}
impl sealed::Sealed for Terminated {
    type Data<M: McuType> = TerminatedData;

    fn bound_mcu<M: McuType>(_data: &Self::Data<M>) -> Option<&McuInfo<M>> {
        None
    }

    fn wrap<M: McuType>(data: Self::Data<M>) -> AnyState<M> {
        AnyState::Terminated(data)
    }

    fn unwrap<M: McuType>(any: AnyState<M>) -> Result<Self::Data<M>, AnyState<M>> {
        match any {
            AnyState::Terminated(data) => Ok(data),
            other => Err(other),
        }
    }
}
impl State for Terminated {
    const STATE: McuSessionState = McuSessionState::Terminated;
}

// What each state knows, beyond what every session knows (its conference,
// operation queue and roster). Public types in a private module: nameable
// by the sealed trait, by nobody outside the crate.

/// [`Idle`]: the MCU's information once bound, `None` before.
#[derive(Debug, PartialEq, Eq)]
pub struct IdleData<M: McuType> {
    pub(crate) mcu: Option<McuInfo<M>>,
}

/// [`Active`]: the MCU's information, always.
#[derive(Debug, PartialEq, Eq)]
pub struct ActiveData<M: McuType> {
    pub(crate) mcu: McuInfo<M>,
}

/// [`Retrying`]: the MCU's information, and what the transition into
/// Retrying did to the application's call with it.
#[derive(Debug, PartialEq, Eq)]
pub struct RetryingData<M: McuType> {
    pub(crate) mcu: McuInfo<M>,
    pub(crate) call: McuCall,
}

/// [`Terminated`]: why.
#[derive(Debug, PartialEq, Eq)]
pub struct TerminatedData {
    pub(crate) reason: TerminationReason,
}

/// A state's data, for a state known at run time (the runtime view,
/// `AnySession`, holds one): the runtime counterpart of `Session`'s type
/// parameter. Here, beside the data it holds, so that the typed core never
/// imports the runtime view. Public in a private module, like the data it
/// holds: the sealed `State` trait names it, nobody outside the crate can.
#[derive(Debug, PartialEq, Eq)]
pub enum AnyState<M: McuType> {
    /// An Idle session's data.
    Idle(IdleData<M>),
    /// An Active or a Retrying session's data.
    Bound(BoundData<M>),
    /// A Terminated session's data.
    Terminated(TerminatedData),
}

/// An Active or a Retrying session's data, in one variant: the MCU's
/// information, and what became of the call if the session is Retrying.
/// `retrying` says exactly which of the two states it is (no combination is
/// invalid), and transitions 3a, 3b, 4a and 4b change that one field where
/// the MCU's information lies instead of moving it, as a hand-written
/// machine would.
#[derive(Debug, PartialEq, Eq)]
pub struct BoundData<M: McuType> {
    pub(crate) mcu: McuInfo<M>,
    /// `None`: Active. `Some(call)`: Retrying, with the call's fate.
    pub(crate) retrying: Option<McuCall>,
}

impl<M: McuType> AnyState<M> {
    /// What stands in the session for the instant a transition takes the
    /// state's data out: no allocation, never observable.
    pub(crate) const TAKEN: Self = Self::Idle(IdleData { mcu: None });
}

/// What happened to the application's call with the MCU when the session
/// left [`Active`]: the data of a [`Retrying`] session.
///
/// The reference terminates an existing call when the MCU fails over
/// (transition 3a: "terminates the call with that MCU, provided that the
/// call already exists") and keeps it when only the focus connection is
/// being re-established (transition 3b: "the call is not terminated in this
/// case").
///
/// ```
/// use mcu_session::McuCall;
/// # use mcu_session::{InstantMessagingMcuSession, McuInfo, Uri};
/// # let idle = InstantMessagingMcuSession::new(Uri::parse("sip:conf@contoso.com")?);
/// # let active = idle.mcu_activated(McuInfo::new(Uri::parse("sip:conf@contoso.com;chat")?, None), std::time::Instant::now());
/// let retrying = active.mcu_failing_over();
/// assert_eq!(retrying.call(), McuCall::Terminated);
/// assert_eq!(retrying.failover_completed().call(), McuCall::Terminated); // set up a new call
/// # Ok::<(), mcu_session::InvalidUri>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
// `Terminated` first: `Kept` is 1, as `true` is, so reading a call as
// "kept?" (`call == McuCall::Kept`, also through an `Option`) costs nothing.
pub enum McuCall {
    /// The call with the MCU was terminated; a new one is needed once the
    /// session is Active again.
    Terminated,
    /// The call with the MCU was left alone.
    Kept,
}

/// The state of an MCU session as a runtime value.
///
/// Returned by [`Session::state`](crate::Session::state); prints and parses as
/// the reference's names (`Idle`, `Active`, `Retrying`, `Terminated`).
///
/// ```
/// use mcu_session::McuSessionState;
///
/// let state: McuSessionState = "Retrying".parse()?;
/// assert_eq!(state, McuSessionState::Retrying);
/// assert_eq!(state.to_string(), "Retrying");
/// assert!("Failed".parse::<McuSessionState>().is_err());
/// # Ok::<(), mcu_session::ParseStateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum McuSessionState {
    /// See [`Idle`].
    Idle,
    /// See [`Active`].
    Active,
    /// See [`Retrying`].
    Retrying,
    /// See [`Terminated`].
    Terminated,
}

impl McuSessionState {
    /// All four states, in the order of the reference's diagram.
    pub const ALL: [Self; 4] = [Self::Idle, Self::Active, Self::Retrying, Self::Terminated];

    /// The reference's name of this state.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Idle => "Idle",
            Self::Active => "Active",
            Self::Retrying => "Retrying",
            Self::Terminated => "Terminated",
        }
    }
}

impl fmt::Display for McuSessionState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // `pad`, so that `{:<10}` and friends line states up in logs.
        f.pad(self.as_str())
    }
}

impl FromStr for McuSessionState {
    type Err = ParseStateError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|state| state.as_str() == input)
            .ok_or_else(|| ParseStateError {
                input: input.to_owned(),
            })
    }
}

/// A string that is not the name of an MCU session state.
///
/// Names are matched exactly, as the reference spells them.
///
/// ```
/// use mcu_session::McuSessionState;
///
/// let error = "Failed".parse::<McuSessionState>().unwrap_err();
/// assert_eq!(error.into_input(), "Failed");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown MCU session state `{input}` (expected Idle, Active, Retrying or Terminated)")]
pub struct ParseStateError {
    input: String,
}

impl ParseStateError {
    /// The text that failed to parse, handed back.
    #[must_use]
    pub fn into_input(self) -> String {
        self.input
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_from_str_round_trip() {
        for state in McuSessionState::ALL {
            assert_eq!(state.to_string().parse::<McuSessionState>(), Ok(state));
        }
    }

    #[test]
    fn parse_error_names_and_returns_the_input() {
        let error = "active".parse::<McuSessionState>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown MCU session state `active` (expected Idle, Active, Retrying or Terminated)"
        );
        assert_eq!(error.into_input(), "active");
    }

    #[test]
    fn markers_carry_their_runtime_state() {
        assert_eq!(Idle::STATE, McuSessionState::Idle);
        assert_eq!(Active::STATE, McuSessionState::Active);
        assert_eq!(Retrying::STATE, McuSessionState::Retrying);
        assert_eq!(Terminated::STATE, McuSessionState::Terminated);
    }
}
