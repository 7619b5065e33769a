//! The MCU session: one per media type inside a conference (the reference's
//! `McuSession` and its subclasses).
//!
//! What lives here: the four states and the data each holds,
//! the typed transitions (`Session<S, M>`), the outcomes a transition can
//! have, the events the focus reports, the runtime view (`AnySession`), the
//! transition table ([`transitions`]) and the compile-time permissions
//! ([`allowed`]). It uses the request engine (`crate::request`) and the
//! shared values (URIs, MCU types, rosters); it never uses the conference
//! session, which drives it from above.

pub mod allowed;
pub(crate) mod event;
pub(crate) mod outcome;
pub(crate) mod runtime;
pub(crate) mod session;
pub(crate) mod state;
pub(crate) mod termination;
pub mod transitions;
