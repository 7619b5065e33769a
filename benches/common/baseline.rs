//! The baseline: the MCU session lifecycle as a competent user would write
//! it without this crate. A plain `enum` state and a `match (state, event)`,
//! mutated in place, holding the same data as a `Session` (conference, MCU
//! information, call status, termination reason, the operation queue, the
//! requests waiting for the focus's answer and the roster), consuming the
//! same `Event`s and handing rejected ones back. Like a `Session`, it keeps
//! every request it sends until answered, and fails what is pending when the
//! focus link is lost (3b, 4b, 4c).

use std::collections::{BTreeMap, VecDeque};

use mcu_session::{
    AdvertisedMcu, Event, InstantMessaging, McuCall, McuInfo, McuSessionState, McuStatus, McuType,
    OperationKind, Role, Uri,
};

/// The state, as a plain enum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Idle,
    Active,
    Retrying,
    Terminated,
}

/// The state machine with its data.
#[derive(Debug)]
pub struct Machine {
    pub state: State,
    pub conference: Uri,
    pub mcu: Option<McuInfo<InstantMessaging>>,
    pub call: McuCall,
    pub offered: Option<Vec<String>>,
    pub next_request: u64,
    pub queue: VecDeque<(u64, OperationKind)>,
    pub outbox: VecDeque<(u64, OperationKind)>,
    /// Sent, waiting for the focus's answer.
    pub pending: BTreeMap<u64, OperationKind>,
    /// Failed by a lost focus link, for the application.
    pub failed: VecDeque<(u64, OperationKind)>,
    /// Same data as a `Session`; these workloads send no attendance reports.
    #[allow(dead_code)]
    pub roster: BTreeMap<Uri, Role>,
}

/// An accepted operation: a request to send (id, conference, MCU type,
/// operation), or the id it was queued under.
#[derive(Debug)]
#[allow(dead_code)] // read only through `black_box`, as a `Request` would be
pub enum Sent {
    Request(u64, Uri, &'static str, OperationKind),
    Queued(u64),
}

/// A state change, as the reference's notification reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub from: State,
    pub to: State,
    pub call: Option<McuCall>,
}

impl Machine {
    pub fn new(conference: Uri) -> Self {
        Self {
            state: State::Idle,
            conference,
            mcu: None,
            call: McuCall::Kept,
            offered: None,
            next_request: 1,
            queue: VecDeque::new(),
            outbox: VecDeque::new(),
            pending: BTreeMap::new(),
            failed: VecDeque::new(),
            roster: BTreeMap::new(),
        }
    }

    /// Applies `event`; an event the lifecycle does not allow comes back.
    pub fn handle(&mut self, event: Event) -> Result<Option<Change>, Event> {
        let from = self.state;
        let (to, call) = match (self.state, event) {
            (State::Idle, Event::ConferenceJoined { offered }) => {
                match offered
                    .iter()
                    .find(|mcu| mcu.mcu_type == InstantMessaging::MCU_TYPE)
                {
                    Some(mcu) => {
                        self.mcu = Some(McuInfo::new(mcu.uri.clone(), mcu.display_text.clone()));
                        return Ok(None);
                    }
                    None => {
                        self.offered =
                            Some(offered.iter().map(|mcu| mcu.mcu_type.clone()).collect());
                        (State::Terminated, None)
                    }
                }
            }
            (State::Idle, Event::McuActivated { mcu }) => {
                if mcu.mcu_type != InstantMessaging::MCU_TYPE {
                    return Err(Event::McuActivated { mcu });
                }
                let AdvertisedMcu {
                    uri, display_text, ..
                } = mcu;
                self.mcu = Some(McuInfo::new(uri, display_text));
                for (id, operation) in self.queue.drain(..) {
                    self.pending.insert(id, operation.clone());
                    self.outbox.push_back((id, operation));
                }
                (State::Active, None)
            }
            (State::Active, Event::McuFailingOver) => {
                self.call = McuCall::Terminated;
                (State::Retrying, Some(McuCall::Terminated))
            }
            (State::Active, Event::FocusReconnecting) => {
                self.call = McuCall::Kept;
                self.focus_lost();
                (State::Retrying, Some(McuCall::Kept))
            }
            (State::Retrying, Event::FailoverCompleted) => (State::Active, Some(self.call)),
            (
                State::Retrying,
                Event::FocusReconnected {
                    mcu: McuStatus::Active,
                },
            ) => {
                self.focus_lost();
                (State::Active, Some(self.call))
            }
            (
                State::Retrying,
                Event::FocusReconnected {
                    mcu: McuStatus::NotActive,
                },
            ) => {
                self.focus_lost();
                (State::Idle, None)
            }
            (_, event) => return Err(event),
        };
        self.state = to;
        Ok(Some(Change { from, to, call }))
    }

    /// An operation: sent at once when Active (returns its id), queued
    /// when Idle and bound, refused (handed back) otherwise.
    pub fn submit(&mut self, operation: OperationKind) -> Result<Sent, OperationKind> {
        match (self.state, &self.mcu) {
            (State::Active, _) => {
                let id = self.next_request;
                self.next_request += 1;
                self.pending.insert(id, operation.clone());
                Ok(Sent::Request(
                    id,
                    self.conference.clone(),
                    InstantMessaging::MCU_TYPE,
                    operation,
                ))
            }
            (State::Idle, Some(_)) => {
                let id = self.next_request;
                self.next_request += 1;
                self.queue.push_back((id, operation));
                Ok(Sent::Queued(id))
            }
            _ => Err(operation),
        }
    }

    /// The focus link is lost: what is pending fails.
    fn focus_lost(&mut self) {
        if !self.pending.is_empty() {
            self.failed.extend(std::mem::take(&mut self.pending));
        }
    }

    pub fn runtime_state(&self) -> McuSessionState {
        match self.state {
            State::Idle => McuSessionState::Idle,
            State::Active => McuSessionState::Active,
            State::Retrying => McuSessionState::Retrying,
            State::Terminated => McuSessionState::Terminated,
        }
    }
}
