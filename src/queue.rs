//! The operation queue engine: request ids, the operations a bound Idle
//! session keeps waiting for its MCU, and what every session has ready for
//! the application (released requests, failed operations).
//!
//! Every call costs O(log n) in the n operations waiting, whatever `now`
//! does (it may go backwards): the waiting operations are kept by id, the
//! order transition 1 releases them in, and by deadline, the order they
//! expire in. A drained queue gives its memory back.

use core::fmt;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Instant;

use crate::mcu::McuType;
use crate::operation::{FailureReason, Operation, Output, QUEUE_TIMEOUT, Request, RequestId};
use crate::termination::TerminationReason;
use crate::uri::Uri;

/// A session's request ids, the operations waiting for its MCU, and what it
/// has released or failed for the application. Part of every session's data,
/// so the lists live behind one box that is only allocated once an operation
/// is queued or fails, and freed once everything is drained: a session with
/// nothing queued and nothing to hand out pays 16 bytes and no allocation.
pub(crate) struct Queue<M: McuType> {
    next_id: u64,
    lists: Option<Box<Lists<M>>>,
}

struct Lists<M: McuType> {
    /// By id: the order transition 1 releases them in.
    waiting: BTreeMap<RequestId, Waiting<M>>,
    /// By deadline, then id: the order they expire in.
    deadlines: BTreeSet<(Instant, RequestId)>,
    /// What the application has not polled yet, in the order it happened.
    outbox: VecDeque<Output<M>>,
}

struct Waiting<M: McuType> {
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
                waiting: BTreeMap::new(),
                deadlines: BTreeSet::new(),
                outbox: VecDeque::new(),
            })
        })
    }

    pub(crate) fn request(&mut self, conference: &Uri, operation: Operation<M>) -> Request {
        let id = self.next_id();
        to_request(id, conference, operation)
    }

    pub(crate) fn push(&mut self, operation: Operation<M>, now: Instant) -> RequestId {
        let id = self.next_id();
        let deadline = now.checked_add(QUEUE_TIMEOUT).unwrap_or(now);
        let lists = self.lists();
        lists.deadlines.insert((deadline, id));
        lists.waiting.insert(
            id,
            Waiting {
                operation,
                deadline,
            },
        );
        id
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let lists = self.lists.as_ref()?;
        lists.deadlines.first().map(|&(deadline, _)| deadline)
    }

    /// Fails every operation whose deadline is at or before `now`, in the
    /// order they were queued.
    pub(crate) fn expire(&mut self, now: Instant) -> usize {
        let Some(lists) = self.lists.as_deref_mut() else {
            return 0;
        };
        let first = lists.outbox.len();
        while let Some(&(deadline, id)) = lists.deadlines.first() {
            if deadline > now {
                break;
            }
            lists.deadlines.pop_first();
            if let Some(Waiting { operation, .. }) = lists.waiting.remove(&id) {
                lists.outbox.push_back(Output::Failed {
                    id,
                    operation,
                    reason: FailureReason::TimedOut,
                });
            }
        }
        // Deadline order is queue order unless `now` went backwards; put
        // this call's failures in queue order either way, in place.
        if let Some(failed) = lists.outbox.make_contiguous().get_mut(first..) {
            failed.sort_by_key(Output::id);
        }
        lists.outbox.len() - first
    }

    /// Transition 1: what is past its deadline at `now` fails, everything
    /// else becomes a request, in order. Inlined down to the check for a
    /// queue at all: most activations find none, and a call would cost them
    /// more than the check.
    #[inline]
    pub(crate) fn release(&mut self, conference: &Uri, now: Instant) {
        if self.lists.is_some() {
            self.expire(now);
            if let Some(lists) = self.lists.as_deref_mut() {
                lists.release(conference);
            }
        }
    }

    /// Transition 2: everything waiting fails with the termination reason.
    pub(crate) fn fail_all(&mut self, reason: &TerminationReason) {
        let Some(lists) = self.lists.as_deref_mut() else {
            return;
        };
        if lists.waiting.is_empty() {
            return;
        }
        let reason = FailureReason::Unsupported(reason.clone());
        lists.deadlines.clear();
        for (id, Waiting { operation, .. }) in core::mem::take(&mut lists.waiting) {
            lists.outbox.push_back(Output::Failed {
                id,
                operation,
                reason: reason.clone(),
            });
        }
    }

    /// What the queue holds for the application: waiting, or out and not
    /// yet polled.
    pub(crate) fn held(&self) -> usize {
        self.lists
            .as_ref()
            .map_or(0, |lists| lists.waiting.len() + lists.outbox.len())
    }

    pub(crate) fn waiting(&self) -> usize {
        self.lists.as_ref().map_or(0, |lists| lists.waiting.len())
    }

    /// The next output; the last one hands the lists' memory back.
    pub(crate) fn poll(&mut self) -> Option<Output<M>> {
        let lists = self.lists.as_deref_mut()?;
        let output = lists.outbox.pop_front();
        if lists.outbox.is_empty() && lists.waiting.is_empty() {
            self.lists = None;
        }
        output
    }
}

impl<M: McuType> Lists<M> {
    #[inline(never)]
    fn release(&mut self, conference: &Uri) {
        self.deadlines.clear();
        for (id, Waiting { operation, .. }) in core::mem::take(&mut self.waiting) {
            let request = to_request(id, conference, operation);
            self.outbox.push_back(Output::Request(request));
        }
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
        waiting.map(|(&id, queued)| (id, &queued.operation, queued.deadline))
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
