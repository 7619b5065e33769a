//! The operation engine: request ids, the operations a bound Idle session
//! keeps waiting for its MCU, the requests sent and not yet answered by the
//! focus, and what every session has ready for the application (released
//! requests, answers, failures).
//!
//! Every call costs O(log n) in the n operations held, whatever `now` does
//! (it may go backwards): the held operations are kept by id, the order
//! transition 1 releases them in and the focus's answers are matched by;
//! the waiting ones also by deadline, the order they expire in (pending
//! requests expire in the order they were sent). A drained engine keeps
//! under 2 KiB for the next operation and gives the rest of a burst's
//! memory back.

use core::fmt;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Instant;

use crate::mcu::termination::TerminationReason;
use crate::request::operation::{
    ANSWER_TIMEOUT, FailureReason, NotHeld, QUEUE_TIMEOUT, RequestId, Response, UnknownResponse,
};
use crate::uri::Uri;

/// What the engine holds: an MCU session's [`Operation`] or a conference
/// session's command, with the request it goes out as and the outputs it
/// comes back in. One engine serves both machines; each output type is its
/// machine's own public enum, built here through these functions.
///
/// [`Operation`]: crate::request::operation::Operation
pub(crate) trait Command: Clone + PartialEq + fmt::Debug {
    /// What the application sends to the focus.
    type Request;
    /// What the application polls.
    type Output: PartialEq + fmt::Debug;
    /// The request `command` goes out as, under `id`, to `conference`'s focus.
    fn request(id: RequestId, conference: &Uri, command: Self) -> Self::Request;
    /// The focus answered with success.
    fn succeeded(id: RequestId, command: Self) -> Self::Output;
    /// The command failed.
    fn failed(id: RequestId, command: Self, reason: FailureReason) -> Self::Output;
    /// The id of an output.
    fn id(output: &Self::Output) -> RequestId;
    /// The id of a released request; `None` for every other output.
    fn released_id(output: &Self::Output) -> Option<RequestId>;
    /// What a failure holds; `None` for every other output.
    fn failure(output: &Self::Output) -> Option<(RequestId, &Self, &FailureReason)>;
}

/// A [`Command`] that can also wait for its addressee (an MCU session's
/// operation waits, while Idle, for its MCU) and be released as a request
/// later. Conference commands never wait: they go out at once or not at
/// all.
pub(crate) trait Queued: Command {
    /// A waiting command released as a request.
    fn released(request: Self::Request) -> Self::Output;
}

/// A session's request ids, the operations it holds, and what it has
/// released, answered or failed for the application. Part of every
/// session's data, so the lists live behind one box that is only allocated
/// once an operation is held: a session that never held one pays 16 bytes
/// and no allocation. A drained session keeps a small, bounded part of them
/// for the next operation and gives the rest back (`trim_if_drained`).
pub(crate) struct Queue<C: Command> {
    ids: Ids,
    lists: Option<Box<Lists<C>>>,
}

/// The next request id, and one bit more: whether the focus link was lost
/// since the lists were last settled (every pending request has then
/// failed with `SessionRetrying`; `Queue::settle` moves the failures to the
/// outputs, in order, before anything else reads or changes the lists). The
/// bit lives in the session itself, not behind the box, so a transition
/// that loses the focus link (3b, 4b, 4c) is a check and a store, cheaper
/// than a `bool` field of its own, which would also cost eight bytes more
/// per session (`bash benches/peers/instructions.sh` measures both). Ids
/// stop at 2^63 - 1.
#[derive(Debug, Clone, Copy)]
struct Ids(u64);

impl Ids {
    const FOCUS_LOST: u64 = 1 << 63;

    const fn new() -> Self {
        Self(1)
    }

    /// The next id; the count saturates below the flag bit.
    fn take(&mut self) -> RequestId {
        let id = self.next();
        let lost = self.focus_lost();
        self.0 = id.saturating_add(1).min(Self::FOCUS_LOST - 1);
        if lost {
            self.mark_focus_lost();
        }
        RequestId::new(id)
    }

    /// Raises the next id to `next` (below the flag bit), keeping the flag.
    fn raise_to(&mut self, next: u64) {
        let next = next.min(Self::FOCUS_LOST - 1);
        if next > self.next() {
            self.0 = (self.0 & Self::FOCUS_LOST) | next;
        }
    }

    /// The id the next operation gets.
    const fn next(self) -> u64 {
        self.0 & !Self::FOCUS_LOST
    }

    #[inline(always)]
    fn mark_focus_lost(&mut self) {
        self.0 |= Self::FOCUS_LOST;
    }

    const fn focus_lost(self) -> bool {
        self.0 & Self::FOCUS_LOST != 0
    }

    /// Whether the focus link was lost, clearing the bit.
    fn take_focus_lost(&mut self) -> bool {
        let lost = self.focus_lost();
        self.0 &= !Self::FOCUS_LOST;
        lost
    }
}

struct Lists<C: Command> {
    /// Queued for the MCU to become active, by id: the order transition 1
    /// releases them in.
    waiting: BTreeMap<RequestId, Held<C>>,
    /// Sent and not yet answered by the focus, by id. Sent in id order, and
    /// their deadlines never decrease in id order (see `hold_pending`), so
    /// the first is the next to expire: no second index is needed.
    pending: BTreeMap<RequestId, Held<C>>,
    /// The waiting operations by deadline, then id: the order they expire
    /// in, whatever `now` did when they were queued.
    deadlines: BTreeSet<(Instant, RequestId)>,
    /// What the application has not polled yet, in the order it happened.
    outbox: VecDeque<C::Output>,
    /// How many of `outbox` are released requests: their operations are
    /// pending too, and count once.
    released: usize,
}

/// How many outputs' room a drained session keeps (see
/// `Queue::trim_if_drained`).
const OUTBOX_KEPT: usize = 4;

struct Held<C> {
    operation: C,
    deadline: Instant,
}

/// `now + timeout`, or, where an `Instant` cannot hold that, the latest
/// instant it can: a deadline is never shortened (an operation queued near
/// the clock's limit must not fail at once).
fn deadline_after(now: Instant, timeout: core::time::Duration) -> Instant {
    now.checked_add(timeout)
        .unwrap_or_else(|| latest_within(now, timeout))
}

/// The latest instant an `Instant` can hold, found from `now` by halving
/// steps from `timeout`: called only when `now + timeout` overflows, so the
/// latest instant is less than `timeout` after `now`, and each step size is
/// added at most once (O(log timeout)).
#[cold]
fn latest_within(now: Instant, timeout: core::time::Duration) -> Instant {
    let mut latest = now;
    let mut step = timeout;
    while !step.is_zero() {
        match latest.checked_add(step) {
            Some(later) => latest = later,
            None => step /= 2,
        }
    }
    latest
}

impl<C: Command> Queue<C> {
    pub(crate) fn new() -> Self {
        Self {
            ids: Ids::new(),
            lists: None,
        }
    }

    fn next_id(&mut self) -> RequestId {
        self.ids.take()
    }

    /// The id the next request gets.
    pub(crate) fn next_request_id(&self) -> u64 {
        self.ids.next()
    }

    /// Numbers the next request from `next` on, unless it would have had a
    /// later id anyway: ids never go back.
    pub(crate) fn number_from(&mut self, next: u64) {
        self.ids.raise_to(next);
    }

    /// Moves the failures a lost focus link left behind into the outputs,
    /// in the order the requests were sent: every method that reads or
    /// changes the lists calls this first, so outputs stay in the order
    /// things happened.
    fn settle(&mut self) {
        if self.ids.take_focus_lost() {
            if let Some(lists) = self.lists.as_deref_mut() {
                lists.fail_pending(&FailureReason::SessionRetrying);
            }
        }
    }

    /// The pending requests still waiting for an answer: none once the
    /// focus link was lost.
    fn live_pending(&self) -> Option<&BTreeMap<RequestId, Held<C>>> {
        let lists = self.lists.as_deref()?;
        (!self.ids.focus_lost()).then_some(&lists.pending)
    }

    /// The pending requests that failed when the focus link was lost and are
    /// not moved to the outputs yet.
    fn failed_pending(&self) -> Option<&BTreeMap<RequestId, Held<C>>> {
        let lists = self.lists.as_deref()?;
        self.ids.focus_lost().then_some(&lists.pending)
    }

    fn lists(&mut self) -> &mut Lists<C> {
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
    pub(crate) fn send(&mut self, conference: &Uri, operation: C, now: Instant) -> C::Request {
        self.settle();
        let id = self.next_id();
        let request = C::request(id, conference, operation.clone());
        self.lists().hold_pending(id, operation, now);
        request
    }

    /// Sends `operation` now, as [`send`](Self::send) does, unless the
    /// engine already holds `capacity` operations: then it is handed back.
    pub(crate) fn send_within(
        &mut self,
        capacity: usize,
        conference: &Uri,
        operation: C,
        now: Instant,
    ) -> Result<C::Request, C> {
        if self.held() >= capacity {
            return Err(operation);
        }
        Ok(self.send(conference, operation, now))
    }

    /// The operation sent under `id`, while it waits for the focus's
    /// answer; `None` once answered, failed or cancelled, or if never sent.
    #[cfg(feature = "xml")]
    pub(crate) fn pending_of(&self, id: RequestId) -> Option<&C> {
        self.live_pending()?.get(&id).map(|held| &held.operation)
    }

    pub(crate) fn next_deadline(&self) -> Option<Instant> {
        let lists = self.lists.as_ref()?;
        let waiting = lists.deadlines.first().map(|&(deadline, _)| deadline);
        let pending = self
            .live_pending()
            .and_then(BTreeMap::first_key_value)
            .map(|(_, held)| held.deadline);
        earliest(waiting, pending)
    }

    /// Fails every held operation whose deadline is at or before `now`, in
    /// the order they were submitted: a queued one because the MCU did not
    /// become active in time, a pending one because the focus did not
    /// answer in time.
    pub(crate) fn expire(&mut self, now: Instant) -> usize {
        self.settle();
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
                lists
                    .outbox
                    .push_back(C::failed(id, operation, FailureReason::TimedOut));
            }
        }
        while let Some(entry) = lists.pending.first_entry() {
            if entry.get().deadline > now {
                break;
            }
            let (id, Held { operation, .. }) = entry.remove_entry();
            lists
                .outbox
                .push_back(C::failed(id, operation, FailureReason::NoAnswer));
        }
        // Deadline order is submission order unless `now` went backwards;
        // put this call's failures in submission order either way, in place.
        if let Some(failed) = lists.outbox.make_contiguous().get_mut(first..) {
            failed.sort_by_key(C::id);
        }
        let failed = lists.outbox.len() - first;
        lists.withdraw_unsent();
        failed
    }

    /// Transitions 2 and 5: everything held, waiting or pending, fails
    /// with the termination reason, in the order it was submitted, after
    /// the failures a lost focus link left behind (which happened first).
    /// At most one of the two maps holds anything then: operations wait
    /// only while Idle, and a session is Idle with requests still pending
    /// only after a focus reconnect (4c), which failed them; `settle` has
    /// moved those out.
    pub(crate) fn fail_all(&mut self, reason: &TerminationReason) {
        self.settle();
        let Some(lists) = self.lists.as_deref_mut() else {
            return;
        };
        if lists.waiting.is_empty() && lists.pending.is_empty() {
            return;
        }
        let reason = FailureReason::Terminated(reason.clone());
        while lists.deadlines.pop_first().is_some() {}
        lists.fail_pending(&reason);
        // Waiting operations were never released: nothing to withdraw.
        fail_each(&mut lists.waiting, &mut lists.outbox, &reason);
    }

    /// The focus link is lost (transition 3b, or a reconnect that ends a
    /// Retrying state): every pending request fails at once with
    /// [`FailureReason::SessionRetrying`], in the order they were sent. Only
    /// a flag is set here (the failures are moved to the outputs by the next
    /// call that touches the lists), so the transition stays a check and a
    /// store: no call, nothing allocated.
    #[inline(always)]
    pub(crate) fn focus_lost(&mut self) {
        if self.lists.is_some() {
            self.ids.mark_focus_lost();
        }
    }

    /// The focus answered `response`: the pending request it answers comes
    /// out as an [`Output::Succeeded`](crate::Output::Succeeded) or [`Output::Failed`](crate::Output::Failed).
    pub(crate) fn answer(&mut self, response: Response) -> Result<(), UnknownResponse> {
        self.settle();
        let Some(lists) = self.lists.as_deref_mut() else {
            return Err(UnknownResponse::new(response));
        };
        let id = response.id();
        let Some(Held { operation, .. }) = lists.pending.remove(&id) else {
            return Err(UnknownResponse::new(response));
        };
        lists.outbox.push_back(match response {
            Response::Success { .. } => C::succeeded(id, operation),
            Response::Failure { reason, .. } => {
                C::failed(id, operation, FailureReason::ConferenceFailure(reason))
            }
        });
        lists.withdraw_unsent();
        Ok(())
    }

    /// The application gives up on `id`, queued or pending: the session
    /// forgets it and hands the operation back (and a released request not
    /// polled yet never goes out: see `Lists::withdraw_unsent`).
    pub(crate) fn cancel(&mut self, id: RequestId) -> Result<C, NotHeld> {
        self.settle();
        let Some(lists) = self.lists.as_deref_mut() else {
            return Err(NotHeld::new(id));
        };
        let operation = if let Some(Held {
            operation,
            deadline,
        }) = lists.waiting.remove(&id)
        {
            // Only waiting operations are indexed by deadline.
            lists.deadlines.remove(&(deadline, id));
            operation
        } else if let Some(Held { operation, .. }) = lists.pending.remove(&id) {
            lists.withdraw_unsent();
            operation
        } else {
            return Err(NotHeld::new(id));
        };
        self.trim_if_drained();
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
        self.live_pending().map_or(0, BTreeMap::len)
    }

    /// The next output; the last one hands the lists' memory back.
    pub(crate) fn poll(&mut self) -> Option<C::Output> {
        self.settle();
        let lists = self.lists.as_deref_mut()?;
        let output = lists.outbox.pop_front();
        if output.as_ref().and_then(C::released_id).is_some() {
            lists.released = lists.released.saturating_sub(1);
        }
        self.trim_if_drained();
        output
    }

    /// A drained session keeps its lists for the next operation, so the
    /// commonest steady state (one request sent, answered and polled before
    /// the next) allocates nothing; but it gives a burst's memory back. What
    /// it keeps is bounded: the box, each emptied map's root node (a map
    /// frees the rest of its nodes as it empties) and an output buffer of
    /// at most [`OUTBOX_KEPT`] outputs: under 2 KiB in all
    /// (`tests/it/allocations.rs` measures it after a burst).
    fn trim_if_drained(&mut self) {
        if let Some(lists) = self.lists.as_deref_mut() {
            if lists.outbox.is_empty() && lists.waiting.is_empty() && lists.pending.is_empty() {
                lists.outbox.shrink_to(OUTBOX_KEPT);
            }
        }
    }
}

impl<C: Command> Lists<C> {
    /// Requests are sent in id order; each waits [`ANSWER_TIMEOUT`] from
    /// `now`, and never less than one sent before it (which matters only
    /// when the application's clock went backwards): they expire in the
    /// order they were sent.
    fn hold_pending(&mut self, id: RequestId, operation: C, now: Instant) {
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
    fn fail_pending(&mut self, reason: &FailureReason) {
        fail_each(&mut self.pending, &mut self.outbox, reason);
        self.withdraw_unsent();
    }

    /// Takes the released requests the application has not polled yet out
    /// of the outputs once their operation is no longer pending (cancelled,
    /// failed or expired before it went out): a request goes out only while
    /// its operation is pending, so one operation has one fate. A scan of
    /// the unpolled outputs, made only while released requests wait there.
    fn withdraw_unsent(&mut self) {
        if self.released == 0 {
            return;
        }
        let pending = &self.pending;
        self.outbox
            .retain(|output| C::released_id(output).is_none_or(|id| pending.contains_key(&id)));
        self.released = self
            .outbox
            .iter()
            .filter(|output| C::released_id(output).is_some())
            .count();
    }
}

impl<C: Queued> Queue<C> {
    /// Queues `operation` to wait for its addressee, unless the engine
    /// already holds `capacity` operations: then it is handed back.
    pub(crate) fn push_within(
        &mut self,
        capacity: usize,
        operation: C,
        now: Instant,
    ) -> Result<RequestId, C> {
        if self.held() >= capacity {
            return Err(operation);
        }
        Ok(self.push(operation, now))
    }

    fn push(&mut self, operation: C, now: Instant) -> RequestId {
        self.settle();
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
}

impl<C: Queued> Lists<C> {
    #[inline(never)]
    fn release(&mut self, conference: &Uri, now: Instant) {
        // Popped, not cleared or taken: each keeps its node for what comes
        // next.
        while self.deadlines.pop_first().is_some() {}
        while let Some((id, Held { operation, .. })) = self.waiting.pop_first() {
            let request = C::request(id, conference, operation.clone());
            self.outbox.push_back(C::released(request));
            self.released += 1;
            self.hold_pending(id, operation, now);
        }
    }
}

/// The earlier of two deadlines, either of which may be absent.
pub(crate) fn earliest(a: Option<Instant>, b: Option<Instant>) -> Option<Instant> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (deadline, None) | (None, deadline) => deadline,
    }
}

/// Fails every operation of `held`, in id order, into `outbox`. Popped, not
/// taken: the map keeps its node for what comes next.
fn fail_each<C: Command>(
    held: &mut BTreeMap<RequestId, Held<C>>,
    outbox: &mut VecDeque<C::Output>,
    reason: &FailureReason,
) {
    while let Some((id, Held { operation, .. })) = held.pop_first() {
        outbox.push_back(C::failed(id, operation, reason.clone()));
    }
}

/// Equal when they hold the same next id, waiting operations and pending
/// requests (with their deadlines) and outputs, in the same order; an
/// allocated but empty box equals none, since which one a session has
/// depends only on its history of allocations, not on anything a user can
/// observe.
impl<C: Command> PartialEq for Queue<C> {
    fn eq(&self, other: &Self) -> bool {
        self.ids.next() == other.ids.next()
            && self.waiting_entries().eq(other.waiting_entries())
            && self.pending_entries().eq(other.pending_entries())
            && self.outputs().eq(other.outputs())
    }
}

impl<C: Command> Eq for Queue<C> {}

impl<C: Command> Queue<C> {
    fn waiting_entries(&self) -> impl Iterator<Item = (RequestId, &C, Instant)> {
        let waiting = self.lists.iter().flat_map(|lists| &lists.waiting);
        waiting.map(|(&id, held)| (id, &held.operation, held.deadline))
    }

    fn pending_entries(&self) -> impl Iterator<Item = (RequestId, &C, Instant)> {
        let pending = self.live_pending();
        pending
            .into_iter()
            .flatten()
            .map(|(&id, held)| (id, &held.operation, held.deadline))
    }

    /// What `poll` will hand out, in order: the outputs, then the failures a
    /// lost focus link left behind (not moved yet).
    /// A released request the lost focus link failed is not among them:
    /// `settle` withdraws it (it never went out).
    fn outputs(&self) -> impl Iterator<Item = OutputView<'_, C>> {
        let failed = self.failed_pending();
        let stored = self.lists.iter().flat_map(|lists| &lists.outbox);
        let withdrawn = move |output: &&C::Output| match (C::released_id(output), failed) {
            (Some(id), Some(failed)) => failed.contains_key(&id),
            _ => false,
        };
        stored
            .filter(move |output| !withdrawn(output))
            .map(OutputView::Stored)
            .chain(
                failed
                    .into_iter()
                    .flatten()
                    .map(|(&id, held)| OutputView::FocusLost(id, &held.operation)),
            )
    }
}

/// An output as `poll` will hand it out: stored, or a pending request the
/// lost focus link failed, which `poll` will hand out as
/// `Output::Failed { reason: SessionRetrying }`.
enum OutputView<'a, C: Command> {
    Stored(&'a C::Output),
    FocusLost(RequestId, &'a C),
}

impl<C: Command> OutputView<'_, C> {
    /// The failure a `FocusLost` view stands for, to compare and print it
    /// as an output.
    fn failure(&self) -> Option<(RequestId, &C, &FailureReason)> {
        match self {
            Self::Stored(output) => C::failure(output),
            Self::FocusLost(id, operation) => {
                Some((*id, *operation, &FailureReason::SessionRetrying))
            }
        }
    }
}

impl<C: Command> PartialEq for OutputView<'_, C> {
    fn eq(&self, other: &Self) -> bool {
        match (self.failure(), other.failure()) {
            (Some(a), Some(b)) => a == b,
            (None, None) => match (self, other) {
                (Self::Stored(a), Self::Stored(b)) => a == b,
                _ => false,
            },
            _ => false,
        }
    }
}

impl<C: Command> fmt::Debug for OutputView<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Stored(output) => output.fmt(f),
            // Printed as the output `poll` will hand out, so that moving it
            // there (any call that touches the lists does) changes nothing
            // a reader of `Debug` sees.
            Self::FocusLost(id, operation) => {
                C::failed(*id, (*operation).clone(), FailureReason::SessionRetrying).fmt(f)
            }
        }
    }
}

impl<C: Command> fmt::Debug for Queue<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Queue")
            .field("next_id", &self.ids.next())
            .field("waiting", &self.waiting_entries().collect::<Vec<_>>())
            .field("pending", &self.pending_entries().collect::<Vec<_>>())
            .field("outbox", &self.outputs().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raised_ids_keep_the_flag_and_never_go_back() {
        let mut ids = Ids::new();
        ids.mark_focus_lost();
        ids.raise_to(9);
        assert_eq!((ids.next(), ids.focus_lost()), (9, true));
        ids.raise_to(4);
        assert_eq!(ids.take().get(), 9);
        ids.raise_to(u64::MAX);
        assert_eq!(ids.next(), Ids::FOCUS_LOST - 1);
        assert!(ids.focus_lost());
    }

    #[test]
    fn ids_count_up_below_the_flag_and_the_flag_never_shows_in_an_id() {
        let mut ids = Ids::new();
        assert_eq!(ids.take(), RequestId::new(1));
        ids.mark_focus_lost();
        assert!(ids.focus_lost());
        assert_eq!(ids.take(), RequestId::new(2));
        assert_eq!(ids.next(), 3);
        assert!(ids.take_focus_lost());
        assert!(!ids.focus_lost() && !ids.take_focus_lost());

        let mut last = Ids(Ids::FOCUS_LOST - 2);
        last.mark_focus_lost();
        assert_eq!(last.take().get(), Ids::FOCUS_LOST - 2);
        assert_eq!(last.take().get(), Ids::FOCUS_LOST - 1);
        assert_eq!(
            last.take().get(),
            Ids::FOCUS_LOST - 1,
            "saturates below the flag"
        );
        assert!(last.focus_lost());
    }
}
