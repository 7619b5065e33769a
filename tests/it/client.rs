//! The client: one conference's sessions, documents and C3P behind bodies
//! in, reports in, requests in, and three polls out.

use std::time::{Duration, Instant};

use mcu_session::client::{Client, ClientEvent, Report, ResponseRefused, Settled};
use mcu_session::conference::{DisconnectCause, McuKind, McuStatuses, Reconnection, SubmitRefused};
use mcu_session::{
    Active, CommandRefused, ConferenceCommand, ConferenceOutput, ConferenceSessionState,
    FailureReason, InstantMessaging, McuSessionState, McuStatus, Operation,
};

use crate::common::uri;

pub const FOCUS: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
pub const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";
pub const AV: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2";

pub fn client() -> Client {
    Client::new(uri(FOCUS), uri("sip:alice@contoso.com"))
}

/// A full document of `version` offering chat and audio/video, with these
/// users attending chat.
pub fn full(version: u32, chat_users: &[&str]) -> String {
    let users: String = chat_users
        .iter()
        .map(|user| {
            format!(
                r#"<user entity="{user}"><endpoint entity="{user}-chat" session-type="chat"><status>connected</status></endpoint></user>"#
            )
        })
        .collect();
    format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" state="full" version="{version}">
             <conference-description><conf-uris>
               <entry><uri>{CHAT}</uri><purpose>chat</purpose></entry>
               <entry><uri>{AV}</uri><purpose>audio-video</purpose></entry>
             </conf-uris></conference-description>
             <users>{users}</users></conference-info>"#
    )
}

/// A partial document of `version` in which `user` joins chat.
pub fn joins(version: u32, user: &str) -> String {
    format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" state="partial" version="{version}">
             <users state="partial"><user entity="{user}" state="full"><endpoint entity="{user}-chat" session-type="chat"><status>connected</status></endpoint></user></users></conference-info>"#
    )
}

/// The focus's C3P answer to the wire's `request_id`.
pub fn answer(request_id: u64, success: bool) -> String {
    let code = if success { "success" } else { "failure" };
    format!(
        r#"<response xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="{request_id}" from="{FOCUS}" to="sip:alice@contoso.com" code="{code}"><deleteUser/></response>"#
    )
}

/// The wire's `requestId` of a transmitted body.
pub fn request_id(body: &str) -> u64 {
    body.split_once(r#"requestId=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .and_then(|(id, _)| id.parse().ok())
        .unwrap()
}

/// Submits an eject of Bob from chat: its id.
fn eject_bob(client: &mut Client, now: Instant) -> mcu_session::RequestId {
    client
        .submit(
            Operation::<InstantMessaging>::eject("sip:bob@contoso.com").unwrap(),
            now,
        )
        .unwrap()
}

fn events(client: &mut Client) -> Vec<ClientEvent> {
    std::iter::from_fn(|| client.poll_event()).collect()
}

fn chat_roster(client: &Client) -> Vec<String> {
    let im = client.conference().mcu::<InstantMessaging>().unwrap();
    im.roster()
        .map(|roster| roster.iter().map(|(uri, _)| uri.to_string()).collect())
        .unwrap_or_default()
}

/// A client Connected, with Bob in chat and the chat MCU active.
pub fn connected_client(now: Instant) -> Client {
    connected(now)
}

fn connected(now: Instant) -> Client {
    let mut client = client();
    client.join().unwrap();
    client
        .handle_document(&full(1, &["sip:bob@contoso.com"]), now)
        .unwrap();
    client.handle_report(Report::Joined, now).unwrap();
    client
        .handle_report(Report::McuActivated(McuKind::InstantMessagingMcu), now)
        .unwrap();
    let _ = events(&mut client);
    client
}

#[test]
fn a_document_before_the_join_reaches_the_mcu_session_when_the_conference_connects() {
    let now = Instant::now();
    let mut client = client();
    client.join().unwrap();
    client
        .handle_document(&full(1, &["sip:bob@contoso.com"]), now)
        .unwrap();
    assert!(chat_roster(&client).is_empty(), "held while Connecting");
    client.handle_report(Report::Joined, now).unwrap();
    assert_eq!(chat_roster(&client), ["sip:bob@contoso.com"]);
    let events = events(&mut client);
    assert!(events.iter().any(|event| matches!(
        event,
        ClientEvent::McuRoster { mcu: McuKind::InstantMessagingMcu, diff } if diff.joined.len() == 1
    )));
    // Both MCUs were offered: both sessions are bound, Idle.
    assert_eq!(
        client.mcu_state(McuKind::AudioVideoMcu),
        Some(McuSessionState::Idle)
    );
    // A partial document reaches the session at once now.
    client
        .handle_document(&joins(2, "sip:carol@contoso.com"), now)
        .unwrap();
    assert_eq!(
        chat_roster(&client),
        ["sip:bob@contoso.com", "sip:carol@contoso.com"]
    );
}

#[test]
fn an_operation_goes_out_as_c3p_and_its_response_settles_it_once() {
    let now = Instant::now();
    let mut client = connected(now);
    let id = eject_bob(&mut client, now);
    let transmit = client.poll_transmit().unwrap();
    assert_eq!(transmit.to.as_str(), FOCUS);
    assert_eq!(
        transmit.mcu.map(|(kind, uri)| (kind, uri.as_str())),
        Some((McuKind::InstantMessagingMcu, CHAT))
    );
    assert_eq!(transmit.id, id);
    let wire = request_id(transmit.body);
    assert!(client.poll_transmit().is_none());
    client.handle_response(&answer(wire, true), now).unwrap();
    let settled: Vec<_> = events(&mut client)
        .into_iter()
        .filter_map(|event| match event {
            ClientEvent::InstantMessagingOperation(settled) => Some(settled),
            _ => None,
        })
        .collect();
    assert!(matches!(&settled[..], [Settled::Succeeded { id: got, .. }] if *got == id));
    let again = client
        .handle_response(&answer(wire, true), now)
        .unwrap_err();
    assert!(
        matches!(again, ResponseRefused::NotPending { .. }),
        "{again}"
    );
}

#[test]
fn an_answer_to_a_request_not_yet_transmitted_is_refused() {
    let now = Instant::now();
    let mut client = connected(now);
    let id = eject_bob(&mut client, now);
    // Eject #1 of the instant messaging channel is requestId 4 on the wire.
    let early = client
        .handle_response(&answer(id.get() * 3 + 1, true), now)
        .unwrap_err();
    assert!(matches!(early, ResponseRefused::NotSent { .. }), "{early}");
    let wire = request_id(client.poll_transmit().unwrap().body);
    assert_eq!(wire, id.get() * 3 + 1);
    client.handle_response(&answer(wire, true), now).unwrap();
}

#[test]
fn a_command_goes_out_as_c3p_and_its_response_settles_it() {
    let now = Instant::now();
    let mut client = connected(now);
    let id = client
        .command(ConferenceCommand::LockConference, now)
        .unwrap();
    let transmit = client.poll_transmit().unwrap();
    assert_eq!(transmit.mcu, None);
    assert!(transmit.body.contains("<modifyConferenceLock>"));
    let wire = request_id(transmit.body);
    client.handle_response(&answer(wire, false), now).unwrap();
    assert!(events(&mut client).iter().any(|event| matches!(
        event,
        ClientEvent::Command(ConferenceOutput::Failed { id: got, reason: FailureReason::ConferenceFailure(_), .. }) if *got == id
    )));
}

#[test]
fn what_has_no_wire_form_is_refused_before_it_is_pending() {
    let now = Instant::now();
    let mut client = connected(now);
    let refused = client
        .submit(Operation::<InstantMessaging>::enable_block_all_mode(), now)
        .unwrap_err();
    assert_eq!(
        refused,
        SubmitRefused::NoWireForm(Operation::enable_block_all_mode())
    );
    let refused = client
        .command(ConferenceCommand::TerminateConference, now)
        .unwrap_err();
    assert_eq!(
        refused,
        CommandRefused::NoWireForm(ConferenceCommand::TerminateConference)
    );
    assert_eq!(
        client
            .conference()
            .mcu::<InstantMessaging>()
            .unwrap()
            .pending(),
        0
    );
    assert!(client.poll_transmit().is_none());
    // So a focus failover fails nothing that could never be sent.
    client.handle_report(Report::FocusFailover, now).unwrap();
    assert!(!events(&mut client).iter().any(|event| matches!(
        event,
        ClientEvent::InstantMessagingOperation(_) | ClientEvent::Command(_)
    )));
}

#[test]
fn a_request_cancelled_before_it_is_polled_is_not_transmitted() {
    let now = Instant::now();
    let mut client = connected(now);
    let id = eject_bob(&mut client, now);
    let lock = client
        .command(ConferenceCommand::LockConference, now)
        .unwrap();
    client.cancel::<InstantMessaging>(id).unwrap();
    client.cancel_command(lock).unwrap();
    assert!(client.poll_transmit().is_none());
}

#[test]
fn a_focus_failover_fails_what_is_pending_and_the_reconnection_resubscribes() {
    let now = Instant::now();
    let mut client = connected(now);
    let id = eject_bob(&mut client, now);
    let _sent = request_id(client.poll_transmit().unwrap().body);
    client.handle_report(Report::FocusFailover, now).unwrap();
    let after_failover = events(&mut client);
    assert!(after_failover.iter().any(|event| matches!(
        event,
        ClientEvent::InstantMessagingOperation(Settled::Failed { id: got, reason: FailureReason::SessionRetrying, .. }) if *got == id
    )));
    assert!(after_failover.contains(&ClientEvent::McuState {
        mcu: McuKind::InstantMessagingMcu,
        from: McuSessionState::Active,
        to: McuSessionState::Retrying,
    }));
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    client
        .handle_report(Report::Reconnected(Reconnection::Conference(statuses)), now)
        .unwrap();
    assert!(events(&mut client).contains(&ClientEvent::Resubscribe));
    // The new subscription numbers its versions from 1 again.
    client
        .handle_document(&full(1, &["sip:carol@contoso.com"]), now)
        .unwrap();
    assert_eq!(chat_roster(&client), ["sip:carol@contoso.com"]);
}

#[test]
fn a_lost_notification_asks_for_a_new_subscription_once() {
    let now = Instant::now();
    let mut client = connected(now);
    client
        .handle_document(&joins(5, "sip:carol@contoso.com"), now)
        .unwrap();
    client
        .handle_document(&joins(6, "sip:dave@contoso.com"), now)
        .unwrap();
    assert_eq!(events(&mut client), [ClientEvent::Resubscribe]);
    client
        .handle_document(&full(9, &["sip:carol@contoso.com"]), now)
        .unwrap();
    assert_eq!(chat_roster(&client), ["sip:carol@contoso.com"]);
}

#[test]
fn a_lent_session_sends_through_the_client() {
    let now = Instant::now();
    let mut client = connected(now);
    let (sent, unsendable) = client
        .lend::<InstantMessaging, Active, _>(
            |im| {
                let sent = im
                    .request(Operation::eject("sip:bob@contoso.com").unwrap(), now)
                    .unwrap()
                    .id;
                let unsendable = im
                    .request(Operation::enable_block_all_mode(), now)
                    .unwrap()
                    .id;
                (sent, unsendable)
            },
            now,
        )
        .unwrap();
    assert_eq!(
        client.poll_transmit().map(|transmit| transmit.id),
        Some(sent)
    );
    assert!(client.poll_transmit().is_none());
    assert!(events(&mut client).iter().any(|event| matches!(
        event,
        ClientEvent::InstantMessagingOperation(Settled::Failed { id, reason: FailureReason::NoWireForm, .. }) if *id == unsendable
    )));
}

#[test]
fn an_unanswered_request_times_out_through_handle_timeout() {
    let now = Instant::now();
    let mut client = connected(now);
    let id = client
        .command(ConferenceCommand::UnlockConference, now)
        .unwrap();
    let _ = client.poll_transmit().unwrap();
    let deadline = client.poll_timeout().unwrap();
    client.handle_timeout(deadline + Duration::from_millis(1));
    assert!(events(&mut client).iter().any(|event| matches!(
        event,
        ClientEvent::Command(ConferenceOutput::Failed { id: got, reason: FailureReason::NoAnswer, .. }) if *got == id
    )));
}

#[test]
fn a_failed_escalation_attaches_fresh_sessions_that_number_on() {
    let now = Instant::now();
    let mut client = connected(now);
    let first = eject_bob(&mut client, now);
    let first_wire = request_id(client.poll_transmit().unwrap().body);
    client
        .handle_report(Report::Disconnect(DisconnectCause::EscalationFailed), now)
        .unwrap();
    client.handle_report(Report::Disconnected, now).unwrap();
    assert_eq!(client.state(), ConferenceSessionState::Idle);
    assert_eq!(
        client.mcu_state(McuKind::InstantMessagingMcu),
        Some(McuSessionState::Idle)
    );
    assert_eq!(
        client.mcu_state(McuKind::AudioVideoMcu),
        Some(McuSessionState::Idle)
    );
    client.join().unwrap();
    client.handle_report(Report::Joined, now).unwrap();
    client
        .handle_report(Report::McuActivated(McuKind::InstantMessagingMcu), now)
        .unwrap();
    let second = eject_bob(&mut client, now);
    assert!(second.get() > first.get());
    assert_ne!(request_id(client.poll_transmit().unwrap().body), first_wire);
}
