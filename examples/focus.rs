//! From the wire: a conference with an instant messaging session, driven
//! by what a focus sends, through one sans-IO `Client`. Its conference
//! documents (RFC 4575, with the focus's extensions) say which MCUs the
//! conference offers and who attends each; an eject goes out as a C3P
//! request, and the focus's C3P response settles it; after a focus
//! failover, the new subscription's first document is the IM session's
//! fresh roster.
//!
//! ```sh
//! cargo run --features xml --example focus
//! ```

use std::error::Error;
use std::time::Instant;

use mcu_session::client::{Client, ClientEvent, Report};
use mcu_session::conference::{McuKind, McuStatuses, Reconnection};
use mcu_session::{Endpoint, InstantMessaging, McuStatus, Operation, Uri};

const FOCUS: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";

/// A conference document of `version`, as the focus notifies it.
fn document(state: &str, version: u32, body: &str) -> String {
    format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" state="{state}" version="{version}">{body}</conference-info>"#
    )
}

/// The focus's side: it answers a request with success, echoing its
/// `requestId`.
fn focus_answers(request: &str) -> Result<String, Box<dyn Error>> {
    let id = request
        .split_once(r#"requestId=""#)
        .and_then(|(_, rest)| rest.split_once('"'))
        .map(|(id, _)| id)
        .ok_or("a C3P request carries its requestId")?;
    Ok(format!(
        r#"<response xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="{id}" from="{FOCUS}" to="sip:alice@contoso.com" code="success"><deleteUser/></response>"#
    ))
}

/// What the application does with the client's events: print them.
fn print_events(client: &mut Client, when: &str) {
    let names = |endpoints: &[Endpoint]| {
        let names: Vec<&str> = endpoints.iter().map(|e| e.uri.as_str()).collect();
        names.join(", ")
    };
    while let Some(event) = client.poll_event() {
        match event {
            ClientEvent::Roster(diff) => {
                println!(
                    "{when}: conference +[{}] -[{}]",
                    names(&diff.joined),
                    names(&diff.left)
                );
            }
            ClientEvent::McuRoster { mcu, diff } => {
                println!(
                    "{when}: {mcu:?} +[{}] -[{}]",
                    names(&diff.joined),
                    names(&diff.left)
                );
            }
            other => println!("{when}: {other:?}"),
        }
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let now = Instant::now();
    let mut client = Client::new(Uri::parse(FOCUS)?, Uri::parse("sip:alice@contoso.com")?);
    client.join()?;

    // The focus's first notification, while the join is pending: the whole
    // state, with the MCUs the conference offers and who is connected to
    // which. The join completes with that offer; the IM MCU activates.
    let full = document(
        "full",
        1,
        &format!(
            r#"<conference-description><conf-uris>
                 <entry><uri>{CHAT}</uri><purpose>chat</purpose></entry>
               </conf-uris></conference-description>
               <users>
                 <user entity="sip:alice@contoso.com"><roles><entry>presenter</entry></roles>
                   <endpoint entity="{{A1}}" session-type="focus"><status>connected</status></endpoint>
                   <endpoint entity="{{A2}}" session-type="chat"><status>connected</status></endpoint>
                 </user>
                 <user entity="sip:bob@contoso.com">
                   <endpoint entity="{{B1}}" session-type="focus"><status>connected</status></endpoint>
                   <endpoint entity="{{B2}}" session-type="chat"><status>dialing-in</status></endpoint>
                 </user>
               </users>"#
        ),
    );
    client.handle_document(&full, now)?;
    client.handle_report(Report::Joined, now)?;
    client.handle_report(Report::McuActivated(McuKind::InstantMessagingMcu), now)?;
    print_events(&mut client, "v1");

    // Bob's IM endpoint connects.
    let bob_connects = r#"<users state="partial"><user entity="sip:bob@contoso.com" state="partial">
             <endpoint entity="{B2}" state="partial"><status>connected</status></endpoint>
           </user></users>"#;
    client.handle_document(&document("partial", 2, bob_connects), now)?;
    print_events(&mut client, "v2");

    // Alice ejects Bob from the IM MCU: the request goes out as C3P, and
    // the focus's response comes back.
    client.submit(
        Operation::<InstantMessaging>::eject("sip:bob@contoso.com")?,
        now,
    )?;
    while let Some(transmit) = client.poll_transmit() {
        println!("out to {}: {}", transmit.to, transmit.body);
        let answer = focus_answers(transmit.body)?;
        client.handle_response(&answer, now)?;
    }
    print_events(&mut client, "eject");

    // The focus then reports Bob gone, from the conference and the MCU.
    let bob_leaves =
        r#"<users state="partial"><user entity="sip:bob@contoso.com" state="deleted"/></users>"#;
    client.handle_document(&document("partial", 3, bob_leaves), now)?;
    print_events(&mut client, "v3");

    // The focus fails over; the conference reconnects with the IM MCU
    // active (4b), and asks for a new subscription, whose first document
    // says who is there now.
    client.handle_report(Report::FocusFailover, now)?;
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    client.handle_report(Report::Reconnected(Reconnection::Conference(statuses)), now)?;
    let fresh = r#"<users>
             <user entity="sip:alice@contoso.com"><roles><entry>presenter</entry></roles>
               <endpoint entity="{A2}" session-type="chat"><status>connected</status></endpoint>
             </user>
             <user entity="sip:carol@contoso.com">
               <endpoint entity="{C1}" session-type="chat"><status>connected</status></endpoint>
             </user>
           </users>"#;
    client.handle_document(&document("full", 1, fresh), now)?;
    print_events(&mut client, "reconnected");
    Ok(())
}
