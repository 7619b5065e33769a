//! The integration tests, one crate: each module is one subject, and the
//! crate is built and linked once (a test binary per file linked the
//! crate and every dev-dependency again for each).
//!
//! Modules that need an optional feature are compiled with it only, so
//! `cargo test` (no features) and `cargo test --all-features` both run
//! everything they can.

// The replay tool's logic, which the fuzz bodies also reach as
// `crate::trace`.
#[cfg(feature = "serde")]
#[path = "../../examples/replay/trace.rs"]
#[allow(dead_code)]
mod trace;

mod allocations;
#[cfg(feature = "xml")]
mod c3p;
#[cfg(feature = "xml")]
mod client;
#[cfg(feature = "xml")]
mod client_model;
mod common;
mod conference;
#[cfg(feature = "xml")]
mod conference_info;
#[cfg(feature = "xml")]
mod conference_info_model;
mod conference_model;
mod diagram;
mod event_loop;
mod evidence;
#[cfg(all(feature = "serde", feature = "xml"))]
mod fuzz_corpus;
mod hostile;
#[cfg(feature = "xml")]
mod liblinphone;
mod lifecycle;
mod model;
mod operations;
#[cfg(feature = "serde")]
mod replay;
mod table;
mod termination;
mod ui_messages;
#[cfg(all(feature = "serde", feature = "xml"))]
mod well_formed;
#[cfg(feature = "serde")]
mod wire;
#[cfg(feature = "xml")]
mod xmlconf;
