//! The operation queue engine: request ids, the operations a bound Idle
//! session keeps waiting for its MCU, and what every session has ready for
//! the application (released requests, failed operations).

use core::fmt;
use std::collections::VecDeque;
use std::time::Instant;

use crate::mcu::McuType;
use crate::operation::{FailureReason, Operation, Output, QUEUE_TIMEOUT, Request, RequestId};
use crate::termination::TerminationReason;
use crate::uri::Uri;

/// A session's request ids, the operations waiting for its MCU, and what it
/// has released or failed for the application. Part of every session's data,
/// so the lists live behind one box that is only allocated once an operation
/// is queued: a session that never queues pays 16 bytes and no allocation.
pub(crate) struct Queue<M: McuType> {
    next_id: u64,
    lists: Option<Box<Lists<M>>>,
}

struct Lists<M: McuType> {
    waiting: VecDeque<Queued<M>>,
    outbox: VecDeque<Output<M>>,
}

struct Queued<M: McuType> {
    id: RequestId,
    operation: Operation<M>,
    deadline: Instant,
}

impl<M: McuType> Queue<M> {
    pub(crate) fn new() -> Self {
        Self {
            next_id: 1,
            lists: None,
        }
    }

    fn next_id(&mut self) -> RequestId {
        let id = RequestId::new(self.next_id);
        self.next_id = self.next_id.saturating_add(1);
        id
    }

    fn lists(&mut self) -> &mut Lists<M> {
        self.lists.get_or_insert_with(|| {
            Box::new(Lists {
                waiting: VecDeque::new(),
                outbox: VecDeque::new(),
            })
        })
    }

    /// The waiting operations, moved out (empty when none were queued).
    fn take_waiting(&mut self) -> VecDeque<Queued<M>> {
        self.lists
            .as_mut()
            .map(|lists| core::mem::take(&mut lists.waiting))
            .unwrap_or_default()
    }

    pub(crate) fn request(&mut self, conference: &Uri, operation: Operation<M>) -> Request {
        let id = self.next_id();
        to_request(id, conference, operation)
    }

    pub(crate) fn push(&mut self, operation: Operation<M>, now: Instant) -> RequestId {
        let id = self.next_id();
        let deadline = now.checked_add(QUEUE_TIMEOUT).unwrap_or(now);
        self.lists().waiting.push_back(Queued {
            id,
            operation,
            deadline,
        });
        id
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let lists = self.lists.as_ref()?;
        lists.waiting.iter().map(|queued| queued.deadline).min()
    }

    /// Fails every operation whose deadline is at or before `now`.
    pub(crate) fn expire(&mut self, now: Instant) -> usize {
        let (expired, waiting) = self
            .take_waiting()
            .into_iter()
            .partition::<VecDeque<_>, _>(|queued| queued.deadline <= now);
        let count = expired.len();
        if let Some(lists) = self.lists.as_mut() {
            lists.waiting = waiting;
        }
        self.fail(expired, &FailureReason::TimedOut);
        count
    }

    /// Transition 1: everything waiting becomes a request, in order.
    /// Inlined down to the check for a queue at all: most activations find
    /// none, and a call would cost them more than the check.
    #[inline]
    pub(crate) fn release(&mut self, conference: &Uri) {
        if let Some(lists) = self.lists.as_deref_mut() {
            lists.release(conference);
        }
    }
}

impl<M: McuType> Lists<M> {
    #[inline(never)]
    fn release(&mut self, conference: &Uri) {
        let lists = self;
        for queued in lists.waiting.drain(..) {
            let request = to_request(queued.id, conference, queued.operation);
            lists.outbox.push_back(Output::Request(request));
        }
    }
}

impl<M: McuType> Queue<M> {
    /// Transition 2: everything waiting fails with the termination reason.
    pub(crate) fn fail_all(&mut self, reason: &TerminationReason) {
        let waiting = self.take_waiting();
        if !waiting.is_empty() {
            self.fail(waiting, &FailureReason::Unsupported(reason.clone()));
        }
    }

    fn fail(&mut self, queued: VecDeque<Queued<M>>, reason: &FailureReason) {
        if queued.is_empty() {
            return;
        }
        let outbox = &mut self.lists().outbox;
        for Queued { id, operation, .. } in queued {
            outbox.push_back(Output::Failed {
                id,
                operation,
                reason: reason.clone(),
            });
        }
    }

    pub(crate) fn waiting(&self) -> usize {
        self.lists.as_ref().map_or(0, |lists| lists.waiting.len())
    }

    pub(crate) fn poll(&mut self) -> Option<Output<M>> {
        self.lists.as_mut()?.outbox.pop_front()
    }
}

fn to_request<M: McuType>(id: RequestId, conference: &Uri, operation: Operation<M>) -> Request {
    Request {
        id,
        conference: conference.clone(),
        mcu_type: M::MCU_TYPE,
        operation: operation.into_kind(),
    }
}

/// Equal when they hold the same next id, waiting operations (with their
/// deadlines) and outputs, in the same order; an allocated but empty box
/// equals none, since which one a session has depends only on its history
/// of allocations, not on anything a user can observe.
impl<M: McuType> PartialEq for Queue<M> {
    fn eq(&self, other: &Self) -> bool {
        self.next_id == other.next_id
            && self.waiting_entries().eq(other.waiting_entries())
            && self.outputs().eq(other.outputs())
    }
}

impl<M: McuType> Eq for Queue<M> {}

impl<M: McuType> Queue<M> {
    fn waiting_entries(&self) -> impl Iterator<Item = (RequestId, &Operation<M>, Instant)> {
        let waiting = self.lists.iter().flat_map(|lists| &lists.waiting);
        waiting.map(|queued| (queued.id, &queued.operation, queued.deadline))
    }

    fn outputs(&self) -> impl Iterator<Item = &Output<M>> {
        self.lists.iter().flat_map(|lists| &lists.outbox)
    }
}

impl<M: McuType> fmt::Debug for Queue<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Queue")
            .field("next_id", &self.next_id)
            .field("waiting", &self.waiting_entries().collect::<Vec<_>>())
            .field("outbox", &self.outputs().collect::<Vec<_>>())
            .finish()
    }
}
