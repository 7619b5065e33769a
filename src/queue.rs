//! The operation engine: request ids, the operations a bound Idle session
//! keeps waiting for its MCU, the requests sent and not yet answered by the
//! focus, and what every session has ready for the application (released
//! requests, answers, failures).
//!
//! Every call costs O(log n) in the n operations held, whatever `now` does
//! (it may go backwards): the held operations are kept by id, the order
//! transition 1 releases them in and the focus's answers are matched by;
//! the waiting ones also by deadline, the order they expire in (pending
//! requests expire in the order they were sent). A drained engine gives its
//! memory back.

use core::fmt;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Instant;

use crate::mcu::McuType;
use crate::operation::{
    ANSWER_TIMEOUT, FailureReason, NotHeld, Operation, Output, QUEUE_TIMEOUT, Request, RequestId,
    Response, UnknownResponse,
};
use crate::termination::TerminationReason;
use crate::uri::Uri;

/// A session's request ids, the operations it holds, and what it has
/// released, answered or failed for the application. Part of every
/// session's data, so the lists live behind one box that is only allocated
/// once an operation is held, and freed once everything is drained: a
/// session that holds nothing pays 16 bytes and no allocation.
pub(crate) struct Queue<M: McuType> {
    next_id: u64,
    lists: Option<Box<Lists<M>>>,
}

struct Lists<M: McuType> {
    /// Queued for the MCU to become active, by id: the order transition 1
    /// releases them in.
    waiting: BTreeMap<RequestId, Held<M>>,
    /// Sent and not yet answered by the focus, by id. Sent in id order, and
    /// their deadlines never decrease in id order (see `hold_pending`), so
    /// the first is the next to expire: no second index is needed.
    pending: BTreeMap<RequestId, Held<M>>,
    /// The waiting operations by deadline, then id: the order they expire
    /// in, whatever `now` did when they were queued.
    deadlines: BTreeSet<(Instant, RequestId)>,
    /// What the application has not polled yet, in the order it happened.
    outbox: VecDeque<Output<M>>,
    /// How many of `outbox` are released requests: their operations are
    /// pending too, and count once.
    released: usize,
}

struct Held<M: McuType> {
    operation: Operation<M>,
    deadline: Instant,
}

fn deadline_after(now: Instant, timeout: core::time::Duration) -> Instant {
    now.checked_add(timeout).unwrap_or(now)
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
                pending: BTreeMap::new(),
                deadlines: BTreeSet::new(),
                outbox: VecDeque::new(),
                released: 0,
            })
        })
    }

    /// Sends `operation` now: the request to hand to the focus, and the
    /// operation kept pending until the focus answers or
    /// [`ANSWER_TIMEOUT`] after `now` passes.
    pub(crate) fn send(
        &mut self,
        conference: &Uri,
        operation: Operation<M>,
        now: Instant,
    ) -> Request {
        let id = self.next_id();
        let request = to_request(id, conference, operation.clone());
        self.lists().hold_pending(id, operation, now);
        request
    }

    pub(crate) fn push(&mut self, operation: Operation<M>, now: Instant) -> RequestId {
        let id = self.next_id();
        let deadline = deadline_after(now, QUEUE_TIMEOUT);
        let lists = self.lists();
        lists.deadlines.insert((deadline, id));
        lists.waiting.insert(
            id,
            Held {
                operation,
                deadline,
            },
        );
        id
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let lists = self.lists.as_ref()?;
        let waiting = lists.deadlines.first().map(|&(deadline, _)| deadline);
        let pending = lists
            .pending
            .first_key_value()
            .map(|(_, held)| held.deadline);
        match (waiting, pending) {
            (Some(waiting), Some(pending)) => Some(waiting.min(pending)),
            (deadline, None) | (None, deadline) => deadline,
        }
    }

    /// Fails every held operation whose deadline is at or before `now`, in
    /// the order they were submitted: a queued one because the MCU did not
    /// become active in time, a pending one because the focus did not
    /// answer in time.
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
            if let Some(Held { operation, .. }) = lists.waiting.remove(&id) {
                lists.outbox.push_back(Output::Failed {
                    id,
                    operation,
                    reason: FailureReason::TimedOut,
                });
            }
        }
        while let Some(entry) = lists.pending.first_entry() {
            if entry.get().deadline > now {
                break;
            }
            let (id, Held { operation, .. }) = entry.remove_entry();
            lists.outbox.push_back(Output::Failed {
                id,
                operation,
                reason: FailureReason::NoAnswer,
            });
        }
        // Deadline order is submission order unless `now` went backwards;
        // put this call's failures in submission order either way, in place.
        if let Some(failed) = lists.outbox.make_contiguous().get_mut(first..) {
            failed.sort_by_key(Output::id);
        }
        lists.outbox.len() - first
    }

    /// Transition 1: what is past its deadline at `now` fails, everything
    /// else becomes a request, in order, pending from `now` on. Inlined down
    /// to the check for a queue at all: most activations find none, and a
    /// call would cost them more than the check.
    #[inline]
    pub(crate) fn release(&mut self, conference: &Uri, now: Instant) {
        if self.lists.is_some() {
            self.expire(now);
            if let Some(lists) = self.lists.as_deref_mut() {
                lists.release(conference, now);
            }
        }
    }

    /// Transition 2: everything held fails with the termination reason.
    pub(crate) fn fail_all(&mut self, reason: &TerminationReason) {
        let Some(lists) = self.lists.as_deref_mut() else {
            return;
        };
        if lists.waiting.is_empty() && lists.pending.is_empty() {
            return;
        }
        let reason = FailureReason::Unsupported(reason.clone());
        lists.fail_pending(&reason);
        lists.deadlines.clear();
        for (id, Held { operation, .. }) in core::mem::take(&mut lists.waiting) {
            lists.outbox.push_back(Output::Failed {
                id,
                operation,
                reason: reason.clone(),
            });
        }
    }

    /// Whether any request waits for the focus's answer: the check a
    /// transition that may fail them makes inline.
    #[inline(always)]
    pub(crate) fn has_pending(&self) -> bool {
        self.lists
            .as_deref()
            .is_some_and(|lists| !lists.pending.is_empty())
    }

    /// The focus link is lost (transition 3b, or a reconnect that ends a
    /// Retrying state): every pending request fails at once with
    /// [`FailureReason::SessionRetrying`], in the order they were sent.
    /// Inlined down to the check for a list at all: most such events find
    /// nothing pending.
    #[inline(always)]
    pub(crate) fn focus_lost(&mut self) {
        if let Some(lists) = self.lists.as_deref_mut() {
            if !lists.pending.is_empty() {
                fail_all_pending(lists);
            }
        }
    }

    /// The focus answered `response`: the pending request it answers comes
    /// out as an [`Output::Succeeded`] or [`Output::Failed`].
    pub(crate) fn answer(&mut self, response: Response) -> Result<(), UnknownResponse> {
        let Some(lists) = self.lists.as_deref_mut() else {
            return Err(UnknownResponse::new(response));
        };
        let id = response.id();
        let Some(Held { operation, .. }) = lists.pending.remove(&id) else {
            return Err(UnknownResponse::new(response));
        };
        lists.outbox.push_back(match response {
            Response::Success { .. } => Output::Succeeded { id, operation },
            Response::Failure { reason, .. } => Output::Failed {
                id,
                operation,
                reason: FailureReason::ConferenceFailure(reason),
            },
        });
        Ok(())
    }

    /// The application gives up on `id`, queued or pending: the session
    /// forgets it and hands the operation back.
    pub(crate) fn cancel(&mut self, id: RequestId) -> Result<Operation<M>, NotHeld> {
        let Some(lists) = self.lists.as_deref_mut() else {
            return Err(NotHeld::new(id));
        };
        let Some(Held {
            operation,
            deadline,
        }) = lists
            .waiting
            .remove(&id)
            .or_else(|| lists.pending.remove(&id))
        else {
            return Err(NotHeld::new(id));
        };
        lists.deadlines.remove(&(deadline, id));
        self.free_if_drained();
        Ok(operation)
    }

    /// How many operations the session holds for the application, each
    /// once: waiting, pending, or settled (answered or failed) and not yet
    /// polled. A released request not yet polled is pending, and counted
    /// there.
    pub(crate) fn held(&self) -> usize {
        self.lists.as_ref().map_or(0, |lists| {
            let settled = lists.outbox.len().saturating_sub(lists.released);
            lists.waiting.len() + lists.pending.len() + settled
        })
    }

    pub(crate) fn waiting(&self) -> usize {
        self.lists.as_ref().map_or(0, |lists| lists.waiting.len())
    }

    pub(crate) fn pending(&self) -> usize {
        self.lists.as_ref().map_or(0, |lists| lists.pending.len())
    }

    /// The next output; the last one hands the lists' memory back.
    pub(crate) fn poll(&mut self) -> Option<Output<M>> {
        let lists = self.lists.as_deref_mut()?;
        let output = lists.outbox.pop_front();
        if let Some(Output::Request(_)) = output {
            lists.released = lists.released.saturating_sub(1);
        }
        self.free_if_drained();
        output
    }

    fn free_if_drained(&mut self) {
        if let Some(lists) = &self.lists {
            if lists.outbox.is_empty() && lists.waiting.is_empty() && lists.pending.is_empty() {
                self.lists = None;
            }
        }
    }
}

/// Out of line, and `extern "C"` so that it cannot unwind: a transition
/// that may call it need not prepare to drop the session it moves on an
/// unwind path (27.0 instead of 32.5 instructions per data-free typed event,
/// `bash benches/peers/instructions.sh`).
#[cold]
#[inline(never)]
extern "C" fn fail_all_pending<M: McuType>(lists: &mut Lists<M>) {
    lists.fail_pending(&FailureReason::SessionRetrying);
}

impl<M: McuType> Lists<M> {
    /// Requests are sent in id order; each waits [`ANSWER_TIMEOUT`] from
    /// `now`, and never less than one sent before it (which matters only
    /// when the application's clock went backwards): they expire in the
    /// order they were sent.
    fn hold_pending(&mut self, id: RequestId, operation: Operation<M>, now: Instant) {
        let mut deadline = deadline_after(now, ANSWER_TIMEOUT);
        if let Some((_, last)) = self.pending.last_key_value() {
            deadline = deadline.max(last.deadline);
        }
        self.pending.insert(
            id,
            Held {
                operation,
                deadline,
            },
        );
    }

    #[inline(never)]
    fn release(&mut self, conference: &Uri, now: Instant) {
        self.deadlines.clear();
        // Popped, not taken: the map keeps its node for what comes next.
        while let Some((id, Held { operation, .. })) = self.waiting.pop_first() {
            let request = to_request(id, conference, operation.clone());
            self.outbox.push_back(Output::Request(request));
            self.released += 1;
            self.hold_pending(id, operation, now);
        }
    }

    #[inline(never)]
    fn fail_pending(&mut self, reason: &FailureReason) {
        // Popped, not taken: the map keeps its node for what comes next.
        while let Some((id, Held { operation, .. })) = self.pending.pop_first() {
            self.outbox.push_back(Output::Failed {
                id,
                operation,
                reason: reason.clone(),
            });
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

/// Equal when they hold the same next id, waiting operations and pending
/// requests (with their deadlines) and outputs, in the same order; an
/// allocated but empty box equals none, since which one a session has
/// depends only on its history of allocations, not on anything a user can
/// observe.
impl<M: McuType> PartialEq for Queue<M> {
    fn eq(&self, other: &Self) -> bool {
        self.next_id == other.next_id
            && self.waiting_entries().eq(other.waiting_entries())
            && self.pending_entries().eq(other.pending_entries())
            && self.outputs().eq(other.outputs())
    }
}

impl<M: McuType> Eq for Queue<M> {}

impl<M: McuType> Queue<M> {
    fn waiting_entries(&self) -> impl Iterator<Item = (RequestId, &Operation<M>, Instant)> {
        let waiting = self.lists.iter().flat_map(|lists| &lists.waiting);
        waiting.map(|(&id, held)| (id, &held.operation, held.deadline))
    }

    fn pending_entries(&self) -> impl Iterator<Item = (RequestId, &Operation<M>, Instant)> {
        let pending = self.lists.iter().flat_map(|lists| &lists.pending);
        pending.map(|(&id, held)| (id, &held.operation, held.deadline))
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
            .field("pending", &self.pending_entries().collect::<Vec<_>>())
            .field("outbox", &self.outputs().collect::<Vec<_>>())
            .finish()
    }
}
