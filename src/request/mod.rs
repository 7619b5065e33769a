//! The request lifecycle both machines share: operations and the requests
//! that carry them ([`operation`]), and the engine that queues, sends,
//! answers, times out and fails them ([`queue`]).
//!
//! It knows nothing about either machine's states: a machine tells it when
//! to send, when to hold and when to fail what it holds.

pub(crate) mod operation;
pub(crate) mod queue;
