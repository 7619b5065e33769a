//! The client in a real event loop: a tokio task owns a `Client` and is
//! driven only by channels, as an application's SIP stack would drive it:
//! bodies the focus sent (NOTIFY documents, INFO responses), reports from
//! the application's own dialogs, and what the user asks. What the client
//! sends goes out on another channel, to a focus that answers ejects and
//! never answers a lock; `poll_timeout` feeds `sleep_until`, so the
//! unanswered lock fails after 3 minutes.
//!
//! ```text
//! cargo run --features xml --example client_loop
//! ```
//!
//! The runtime starts on tokio's paused clock: the 3 minutes pass at once,
//! and the output is the same on every run.

use std::error::Error;

use mcu_session::client::{Client, ClientEvent, Report};
use mcu_session::conference::{DisconnectCause, McuKind};
use mcu_session::{ConferenceCommand, ConferenceSessionState, InstantMessaging, Operation, Uri};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

const FOCUS: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";

/// What reaches the client's task.
enum Input {
    /// A conference document (SIP NOTIFY body).
    Document(String),
    /// A C3P response (SIP INFO body).
    Response(String),
    /// What the application's own dialogs saw.
    Report(Report),
    /// The user ejects someone from the chat.
    Eject(&'static str),
    /// The user locks the conference.
    Lock,
}

/// The client's task: every input in, then every output out, then wait
/// for the next input or the next deadline.
async fn drive(
    mut client: Client,
    mut inputs: mpsc::Receiver<Input>,
    wire: mpsc::UnboundedSender<String>,
) -> Client {
    let start = Instant::now();
    loop {
        let deadline = client.poll_timeout().map(Instant::from_std);
        let input = tokio::select! {
            input = inputs.recv() => match input {
                Some(input) => Some(input),
                None => break,
            },
            () = sleep_until(deadline.unwrap_or_else(Instant::now)), if deadline.is_some() => None,
        };
        let now = Instant::now().into_std();
        let handled = match input {
            Some(Input::Document(body)) => client
                .handle_document(&body, now)
                .map_err(|e| e.to_string()),
            Some(Input::Response(body)) => client
                .handle_response(&body, now)
                .map_err(|e| e.to_string()),
            Some(Input::Report(report)) => {
                client.handle_report(report, now).map_err(|e| e.to_string())
            }
            Some(Input::Eject(who)) => Operation::<InstantMessaging>::eject(who)
                .map_err(|e| e.to_string())
                .and_then(|eject| {
                    client
                        .submit(eject, now)
                        .map(drop)
                        .map_err(|e| e.to_string())
                }),
            Some(Input::Lock) => client
                .command(ConferenceCommand::LockConference, now)
                .map(drop)
                .map_err(|e| e.to_string()),
            None => {
                client.handle_timeout(now);
                Ok(())
            }
        };
        let at = (Instant::now() - start).as_secs();
        if let Err(refused) = handled {
            println!("t={at:>3}s  refused: {refused}");
        }
        while let Some(transmit) = client.poll_transmit() {
            let to = transmit
                .mcu
                .map_or("the conference", |(mcu, _)| mcu.mcu_type());
            println!(
                "t={at:>3}s  INFO to the focus: request {} for {to}",
                transmit.id
            );
            let _focus_gone = wire.send(transmit.body.to_owned());
        }
        while let Some(event) = client.poll_event() {
            match event {
                ClientEvent::McuRoster { mcu, diff } => {
                    let joined: Vec<&str> = diff.joined.iter().map(|e| e.uri.as_str()).collect();
                    let left: Vec<&str> = diff.left.iter().map(|e| e.uri.as_str()).collect();
                    println!("t={at:>3}s  {mcu:?} roster: +{joined:?} -{left:?}");
                }
                ClientEvent::Conference(row) => {
                    println!("t={at:>3}s  conference {} -> {}", row.from, row.to)
                }
                other => println!("t={at:>3}s  {other:?}"),
            }
        }
        if client.state() == ConferenceSessionState::Disconnected {
            break;
        }
    }
    client
}

/// The focus's side: it answers every eject with success, after a second,
/// and never answers a lock.
async fn focus(mut wire: mpsc::UnboundedReceiver<String>, inputs: mpsc::Sender<Input>) {
    while let Some(request) = wire.recv().await {
        if !request.contains("<deleteUser") {
            continue;
        }
        let id = request
            .split_once(r#"requestId=""#)
            .and_then(|(_, rest)| rest.split_once('"'))
            .map_or("0", |(id, _)| id);
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        let answer = format!(
            r#"<response xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="{id}" from="{FOCUS}" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#
        );
        if inputs.send(Input::Response(answer)).await.is_err() {
            break;
        }
    }
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() -> Result<(), Box<dyn Error>> {
    let mut client = Client::new(Uri::parse(FOCUS)?, Uri::parse("sip:alice@contoso.com")?);
    client.join()?;
    let (inputs, receiver) = mpsc::channel(16);
    let (wire, requests) = mpsc::unbounded_channel();
    let task = tokio::spawn(drive(client, receiver, wire));
    tokio::spawn(focus(requests, inputs.clone()));

    let full = format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" version="1">
             <conference-description><conf-uris><entry><uri>{CHAT}</uri><purpose>chat</purpose></entry></conf-uris></conference-description>
             <users><user entity="sip:bob@contoso.com"><endpoint entity="b" session-type="chat"><status>connected</status></endpoint></user></users>
           </conference-info>"#
    );
    inputs.send(Input::Document(full)).await?;
    inputs.send(Input::Report(Report::Joined)).await?;
    inputs
        .send(Input::Report(Report::McuActivated(
            McuKind::InstantMessagingMcu,
        )))
        .await?;
    inputs.send(Input::Eject("sip:bob@contoso.com")).await?;
    inputs.send(Input::Lock).await?;
    let bob_leaves = format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" state="partial" version="2">
             <users state="partial"><user entity="sip:bob@contoso.com" state="deleted"/></users></conference-info>"#
    );
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    inputs.send(Input::Document(bob_leaves)).await?;
    tokio::time::sleep(std::time::Duration::from_secs(200)).await; // the lock goes unanswered
    inputs
        .send(Input::Report(Report::Disconnect(DisconnectCause::Left)))
        .await?;
    inputs.send(Input::Report(Report::Disconnected)).await?;
    let client = task.await?;
    println!("end: conference {}", client.state());
    Ok(())
}
