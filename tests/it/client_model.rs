//! Model check of the client: random sequences of conference documents
//! (full and partial, in and out of order), C3P responses (answers to what
//! was sent, repeats, strangers), reports from the application's SIP
//! dialogs, requests, cancels and the clock. After every step: only what
//! is accepted and neither settled nor cancelled goes on the wire; every
//! settled operation and command was accepted and is settled once; no
//! `requestId` goes on the wire twice, across rejoins; every MCU session
//! that holds a roster holds the documents' roster of its MCU; no MCU
//! request is pending while the conference is reconnecting; and the
//! client's conference is in the state the transition table gives for the
//! reports it accepted; and, side by side, the same inputs given to the
//! pieces glued by hand (an `AnyConference` and a `ConferenceInfo`, the
//! offer copied, the MCU's entry found) are taken or refused alike and
//! leave the conference and both MCU sessions in the same states. At the end, after the clock passes every deadline,
//! everything accepted and not cancelled is settled.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use mcu_session::client::{Client, ClientEvent, Report, Settled};
use mcu_session::conference::McuReport;
use mcu_session::conference::transitions::{ConferenceEventKind, TRANSITIONS, Transition};
use mcu_session::conference::{DisconnectCause, McuKind, McuStatuses, Reconnection};
use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
use mcu_session::{
    AnyConference, AudioVideoMcuSession, Capacities, ConferenceEffect, ConferenceEvent,
    ConferenceSession, InstantMessagingMcuSession,
};
use mcu_session::{
    AudioVideo, ConferenceCommand, ConferenceOutput, ConferenceSessionState, InstantMessaging,
    McuSessionState, McuStatus, Operation, RequestId,
};
use proptest::prelude::*;

use crate::client::{FOCUS, answer, client, full, joins, request_id};
use crate::common::uri;

const USERS: [&str; 4] = [
    "sip:bob@contoso.com",
    "sip:carol@contoso.com",
    "sip:dave@contoso.com",
    "sip:erin@contoso.com",
];

#[derive(Debug, Clone)]
enum Step {
    Join,
    Report(Report),
    /// A full document of this version, these users in chat.
    Full(u32, Vec<usize>),
    /// A partial document: this version ahead of the held one (1 is the
    /// next), the user joining chat.
    Partial(u32, usize),
    Eject(McuKind),
    NoForm,
    Command(bool),
    Cancel(usize),
    CancelCommand(usize),
    Transmit,
    /// Answer the n-th request on the wire, with success or failure.
    Answer(usize, bool),
    /// A response naming a request nobody sent.
    Stranger(u64),
    Clock(u64),
}

fn kind() -> impl Strategy<Value = McuKind> {
    prop_oneof![
        Just(McuKind::InstantMessagingMcu),
        Just(McuKind::AudioVideoMcu)
    ]
}

fn status() -> impl Strategy<Value = McuStatus> {
    prop_oneof![Just(McuStatus::Active), Just(McuStatus::NotActive)]
}

fn report() -> impl Strategy<Value = Report> {
    prop_oneof![
        Just(Report::Joined),
        Just(Report::JoinFailed),
        Just(Report::EnteredLobby),
        Just(Report::Admitted),
        Just(Report::FocusFailover),
        (status(), status()).prop_map(|(instant_messaging, audio_video)| Report::Reconnected(
            Reconnection::Conference(McuStatuses {
                instant_messaging,
                audio_video
            })
        )),
        Just(Report::Reconnected(Reconnection::Lobby)),
        Just(Report::ReconnectFailed),
        prop_oneof![
            Just(DisconnectCause::Left),
            Just(DisconnectCause::Ejected),
            Just(DisconnectCause::EscalationFailed),
            Just(DisconnectCause::LobbyTimedOut),
        ]
        .prop_map(Report::Disconnect),
        Just(Report::Disconnected),
        kind().prop_map(Report::McuActivated),
        kind().prop_map(Report::McuFailingOver),
        kind().prop_map(Report::McuFailoverCompleted),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => Just(Step::Join),
        6 => report().prop_map(Step::Report),
        2 => (1_u32..4, proptest::collection::vec(0..USERS.len(), 0..3)).prop_map(|(v, users)| Step::Full(v, users)),
        3 => (1_u32..3, 0..USERS.len()).prop_map(|(ahead, user)| Step::Partial(ahead, user)),
        3 => kind().prop_map(Step::Eject),
        1 => Just(Step::NoForm),
        2 => any::<bool>().prop_map(Step::Command),
        1 => (0_usize..8).prop_map(Step::Cancel),
        1 => (0_usize..8).prop_map(Step::CancelCommand),
        4 => Just(Step::Transmit),
        4 => ((0_usize..8), any::<bool>()).prop_map(|(n, ok)| Step::Answer(n, ok)),
        1 => (0_u64..40).prop_map(Step::Stranger),
        1 => (0_u64..400).prop_map(Step::Clock),
    ]
}

/// Who holds a request: the conference's commands or an MCU session.
type Held = (Option<McuKind>, RequestId);

#[derive(Default)]
struct Books {
    /// Accepted, not yet settled or cancelled.
    open: BTreeSet<Held>,
    /// Settled, each once.
    settled: BTreeSet<Held>,
    /// Every `requestId` that went on the wire, in order.
    wire: Vec<u64>,
}

impl Books {
    fn settle(&mut self, held: Held) {
        assert!(self.settled.insert(held), "{held:?} settled twice");
        assert!(
            self.open.remove(&held),
            "{held:?} settled but never accepted (or cancelled)"
        );
    }

    /// Books what `client` settled; the conference transitions it reported.
    fn drain(&mut self, client: &mut Client) -> Vec<Transition> {
        let mut transitions = Vec::new();
        while let Some(event) = client.poll_event() {
            match event {
                ClientEvent::Conference(row) => transitions.push(row),
                ClientEvent::InstantMessagingOperation(settled) => {
                    self.settle((Some(McuKind::InstantMessagingMcu), id_of(&settled)));
                }
                ClientEvent::AudioVideoOperation(settled) => {
                    self.settle((Some(McuKind::AudioVideoMcu), id_of(&settled)));
                }
                ClientEvent::Command(output) => self.settle((None, command_id(&output))),
                _ => {}
            }
        }
        transitions
    }
}

fn id_of<M: mcu_session::McuType>(settled: &Settled<M>) -> RequestId {
    settled.id()
}

fn command_id(output: &ConferenceOutput) -> RequestId {
    output.id()
}

/// Whether `report` is a conference event (the rest are MCU reports).
fn is_conference_event(report: Report) -> bool {
    !matches!(
        report,
        Report::McuActivated(_) | Report::McuFailingOver(_) | Report::McuFailoverCompleted(_)
    )
}

/// The table's name for a conference report.
fn event_kind(report: Report) -> ConferenceEventKind {
    match report {
        Report::Joined => ConferenceEventKind::Joined,
        Report::JoinFailed => ConferenceEventKind::JoinFailed,
        Report::EnteredLobby => ConferenceEventKind::EnteredLobby,
        Report::Admitted => ConferenceEventKind::Admitted,
        Report::FocusFailover => ConferenceEventKind::FocusFailover,
        Report::Reconnected(_) => ConferenceEventKind::Reconnected,
        Report::ReconnectFailed => ConferenceEventKind::ReconnectFailed,
        Report::Disconnect(_) => ConferenceEventKind::Disconnect,
        _ => ConferenceEventKind::Disconnected,
    }
}

fn roster_agrees<M: mcu_session::conference::Attachable>(client: &Client) {
    let Some(session) = client.conference().mcu::<M>() else {
        return;
    };
    let takes = client.state() == ConferenceSessionState::Connected
        && (session.state() == McuSessionState::Active
            || (session.state() == McuSessionState::Idle && session.mcu().is_some()));
    if !takes {
        return;
    }
    let held: BTreeSet<String> = session
        .roster()
        .map(|roster| roster.iter().map(|(uri, _)| uri.to_string()).collect())
        .unwrap_or_default();
    let documents: BTreeSet<String> = client
        .documents()
        .mcu_roster(M::MCU_TYPE)
        .map(|endpoint| endpoint.uri.to_string())
        .collect();
    assert_eq!(
        held,
        documents,
        "the {} session's roster is not the documents'",
        M::MCU_TYPE
    );
}

/// The same conference glued by hand from the pieces, as a user wrote it
/// before the client: an `AnyConference` with both MCU sessions, a
/// `ConferenceInfo` for the documents, the offer copied from one to the
/// other and the MCU's entry found for its activation.
struct ByHand {
    conference: AnyConference,
    documents: ConferenceInfo,
}

impl ByHand {
    fn new() -> Self {
        let focus = uri(FOCUS);
        let mut conference = AnyConference::from(ConferenceSession::new(focus.clone()));
        Self::attach(&mut conference);
        Self {
            conference,
            documents: ConferenceInfo::new(focus, Capacities::default()),
        }
    }

    /// A document, as the client takes it: a lost notification starts a
    /// new subscription.
    fn document(&mut self, body: &str) -> bool {
        match self.documents.apply(body) {
            Ok(Notification::NeedsFullState { .. }) => {
                self.documents.new_subscription();
                true
            }
            Ok(_) => true,
            Err(_) => false,
        }
    }

    fn attach(conference: &mut AnyConference) {
        let focus = uri(FOCUS);
        conference
            .attach(InstantMessagingMcuSession::new(focus.clone()))
            .unwrap();
        conference.attach(AudioVideoMcuSession::new(focus)).unwrap();
    }

    /// Whether the report was taken.
    fn report(&mut self, report: Report, now: Instant) -> bool {
        let offered = || self.documents.offered().to_vec();
        let event = match report {
            Report::Joined => ConferenceEvent::Joined { offered: offered() },
            Report::Admitted => ConferenceEvent::Admitted { offered: offered() },
            Report::JoinFailed => ConferenceEvent::JoinFailed,
            Report::EnteredLobby => ConferenceEvent::EnteredLobby,
            Report::FocusFailover => ConferenceEvent::FocusFailover,
            Report::Reconnected(reconnection) => ConferenceEvent::Reconnected(reconnection),
            Report::ReconnectFailed => ConferenceEvent::ReconnectFailed,
            Report::Disconnect(cause) => ConferenceEvent::Disconnect(cause),
            Report::Disconnected => ConferenceEvent::Disconnected,
            Report::McuActivated(McuKind::InstantMessagingMcu) => {
                return self.activate::<InstantMessaging>(now);
            }
            Report::McuActivated(_) => return self.activate::<AudioVideo>(now),
            Report::McuFailingOver(McuKind::InstantMessagingMcu) => {
                return self.mcu(McuReport::<InstantMessaging>::FailingOver, now);
            }
            Report::McuFailingOver(_) => {
                return self.mcu(McuReport::<AudioVideo>::FailingOver, now);
            }
            Report::McuFailoverCompleted(McuKind::InstantMessagingMcu) => {
                return self.mcu(McuReport::<InstantMessaging>::FailoverCompleted, now);
            }
            Report::McuFailoverCompleted(_) => {
                return self.mcu(McuReport::<AudioVideo>::FailoverCompleted, now);
            }
            _ => unreachable!("a report this test does not make"),
        };
        let reconnecting = self.conference.state() == ConferenceSessionState::Reconnecting;
        match self.conference.apply(event) {
            Ok(ConferenceEffect::Released(..)) => {
                Self::attach(&mut self.conference);
                true
            }
            Ok(_) => {
                if reconnecting && self.conference.state() != ConferenceSessionState::Disconnecting
                {
                    self.documents.new_subscription();
                }
                true
            }
            Err(_) => false,
        }
    }

    fn activate<M: mcu_session::conference::Attachable>(&mut self, now: Instant) -> bool {
        let Some(mcu) = self.conference.mcu::<M>().and_then(|s| s.mcu()).cloned() else {
            return false;
        };
        self.mcu(McuReport::<M>::Activated(mcu), now)
    }

    fn mcu<M: mcu_session::conference::Attachable>(
        &mut self,
        report: McuReport<M>,
        now: Instant,
    ) -> bool {
        self.conference.mcu_event(report, now).is_ok()
    }

    /// The client's conference and MCU sessions are where these are.
    fn agrees(&self, client: &Client) {
        assert_eq!(
            client.state(),
            self.conference.state(),
            "the client and the glue differ"
        );
        assert_eq!(
            client
                .conference()
                .mcu::<InstantMessaging>()
                .map(|s| s.state()),
            self.conference.mcu::<InstantMessaging>().map(|s| s.state()),
            "the client's IM session and the glue's differ"
        );
        assert_eq!(
            client.conference().mcu::<AudioVideo>().map(|s| s.state()),
            self.conference.mcu::<AudioVideo>().map(|s| s.state()),
            "the client's AV session and the glue's differ"
        );
        assert_eq!(client.documents().offered(), self.documents.offered());
    }
}

fn run(steps: &[Step]) {
    let mut now = Instant::now();
    let mut client = client();
    let mut by_hand = ByHand::new();
    let mut books = Books::default();
    let mut wire_ids: BTreeMap<u64, ()> = BTreeMap::new();
    for step in steps {
        match step {
            Step::Join => {
                let before = client.state();
                let accepted = client.join().is_ok();
                assert_eq!(accepted, before == ConferenceSessionState::Idle);
                assert_eq!(
                    accepted,
                    by_hand.conference.apply(ConferenceEvent::Join).is_ok()
                );
            }
            Step::Report(report) => {
                let before = client.state();
                let accepted = client.handle_report(*report, now).is_ok();
                assert_eq!(
                    accepted,
                    by_hand.report(*report, now),
                    "{report:?} from {before}"
                );
                let transitions = books.drain(&mut client);
                match (accepted && is_conference_event(*report), &transitions[..]) {
                    // A report the client took is one documented row, the
                    // one it reports, from where it was to where it is.
                    (true, [row]) => {
                        assert!(TRANSITIONS.contains(row), "{row:?} is not in the table");
                        assert_eq!((row.from, row.to), (before, client.state()), "{report:?}");
                        assert_eq!(row.event, event_kind(*report));
                    }
                    // A failed escalation's end goes back to Idle: one row.
                    (true, rows) => panic!("{report:?} from {before}: {rows:?}"),
                    (false, rows) => {
                        assert!(rows.is_empty(), "{report:?} moved the conference: {rows:?}");
                        assert!(
                            accepted || client.state() == before,
                            "a refused report changed the state"
                        );
                    }
                }
            }
            Step::Full(version, users) => {
                let users: Vec<&str> = users
                    .iter()
                    .filter_map(|&u| USERS.get(u).copied())
                    .collect();
                let body = full(*version, &users);
                let taken = client.handle_document(&body, now).is_ok();
                assert_eq!(taken, by_hand.document(&body));
            }
            Step::Partial(ahead, user) => {
                let version = client.documents().version().unwrap_or(0) + ahead;
                let body = joins(version, USERS[*user]);
                let taken = client.handle_document(&body, now).is_ok();
                assert_eq!(taken, by_hand.document(&body));
            }
            Step::Eject(kind) => {
                let id = match kind {
                    McuKind::AudioVideoMcu => client
                        .submit(
                            Operation::<AudioVideo>::eject("sip:bob@contoso.com").unwrap(),
                            now,
                        )
                        .ok(),
                    _ => client
                        .submit(
                            Operation::<InstantMessaging>::eject("sip:bob@contoso.com").unwrap(),
                            now,
                        )
                        .ok(),
                };
                if let Some(id) = id {
                    books.open.insert((Some(*kind), id));
                }
            }
            Step::NoForm => {
                let refused =
                    client.submit(Operation::<InstantMessaging>::enable_block_all_mode(), now);
                assert!(refused.is_err(), "an operation with no wire form was taken");
            }
            Step::Command(lock) => {
                let command = if *lock {
                    ConferenceCommand::LockConference
                } else {
                    ConferenceCommand::UnlockConference
                };
                if let Ok(id) = client.command(command, now) {
                    books.open.insert((None, id));
                }
            }
            Step::Cancel(n) => {
                let held: Vec<Held> = books
                    .open
                    .iter()
                    .filter(|(kind, _)| kind.is_some())
                    .copied()
                    .collect();
                if let Some(&(Some(kind), id)) = held.get(*n) {
                    let cancelled = match kind {
                        McuKind::AudioVideoMcu => client.cancel::<AudioVideo>(id).is_ok(),
                        _ => client.cancel::<InstantMessaging>(id).is_ok(),
                    };
                    if cancelled {
                        books.open.remove(&(Some(kind), id));
                    }
                }
            }
            Step::CancelCommand(n) => {
                let held: Vec<Held> = books
                    .open
                    .iter()
                    .filter(|(kind, _)| kind.is_none())
                    .copied()
                    .collect();
                if let Some(&(None, id)) = held.get(*n) {
                    if client.cancel_command(id).is_ok() {
                        books.open.remove(&(None, id));
                    }
                }
            }
            Step::Transmit => {
                while let Some(transmit) = client.poll_transmit() {
                    let held = (transmit.mcu.map(|(kind, _)| kind), transmit.id);
                    assert!(
                        books.open.contains(&held),
                        "{held:?} sent, but settled or cancelled"
                    );
                    let id = request_id(transmit.body);
                    assert!(
                        wire_ids.insert(id, ()).is_none(),
                        "requestId {id} on the wire twice"
                    );
                    books.wire.push(id);
                }
            }
            Step::Answer(n, success) => {
                if let Some(&id) = books.wire.get(*n % books.wire.len().max(1)) {
                    let _ = client.handle_response(&answer(id, *success), now);
                }
            }
            Step::Stranger(id) => {
                if !wire_ids.contains_key(id) {
                    assert!(client.handle_response(&answer(*id, true), now).is_err());
                }
            }
            Step::Clock(seconds) => {
                now += Duration::from_secs(*seconds);
                client.handle_timeout(now);
            }
        }
        books.drain(&mut client);
        by_hand.agrees(&client);
        roster_agrees::<InstantMessaging>(&client);
        roster_agrees::<AudioVideo>(&client);
        if client.state() == ConferenceSessionState::Reconnecting {
            for pending in [
                client
                    .conference()
                    .mcu::<InstantMessaging>()
                    .map_or(0, |s| s.pending()),
                client
                    .conference()
                    .mcu::<AudioVideo>()
                    .map_or(0, |s| s.pending()),
            ] {
                assert_eq!(pending, 0, "an MCU request pending while reconnecting");
            }
        }
    }
    // Past every deadline, everything accepted and not cancelled is settled.
    now += Duration::from_secs(3_600);
    client.handle_timeout(now);
    books.drain(&mut client);
    assert!(books.open.is_empty(), "never settled: {:?}", books.open);
}

proptest! {
    #![proptest_config(crate::common::proptest_config())]

    #[test]
    fn model(steps in proptest::collection::vec(step(), 0..60)) {
        run(&steps);
    }
}
