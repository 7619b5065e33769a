//! From the wire: a conference with an instant messaging session, driven
//! by what a focus sends. Its conference documents (RFC 4575, with the
//! focus's extensions) say which MCUs the conference offers and who
//! attends each; an eject goes out as a C3P request, and the focus's C3P
//! response settles it; after a focus failover, the new subscription's
//! first document is the IM session's fresh roster.
//!
//! ```sh
//! cargo run --features xml --example focus
//! ```

use std::error::Error;
use std::time::Instant;

use mcu_session::conference::McuReport;
use mcu_session::conference::McuStatuses;
use mcu_session::wire::c3p::{self, Channel};
use mcu_session::wire::conference_info::{ConferenceInfo, Notification};
use mcu_session::{
    Capacities, ConferenceSession, Effect, Endpoint, InstantMessaging, InstantMessagingMcuSession,
    McuInfo, McuStatus, Operation, Output, Submitted, Uri,
};

const FOCUS: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2";
const CHAT: &str = "sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2";

/// A conference document of `version`, as the focus notifies it.
fn document(state: &str, version: u32, body: &str) -> String {
    format!(
        r#"<conference-info xmlns="urn:ietf:params:xml:ns:conference-info" entity="{FOCUS}" state="{state}" version="{version}">{body}</conference-info>"#
    )
}

fn names(endpoints: &[Endpoint]) -> String {
    let names: Vec<&str> = endpoints.iter().map(|e| e.uri.as_str()).collect();
    if names.is_empty() {
        "nobody".to_owned()
    } else {
        names.join(", ")
    }
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

fn main() -> Result<(), Box<dyn Error>> {
    let now = Instant::now();
    let focus = Uri::parse(FOCUS)?;
    let me = Uri::parse("sip:alice@contoso.com")?;
    let mut documents = ConferenceInfo::new(focus.clone(), Capacities::default());
    let mut conference = ConferenceSession::new(focus.clone());
    conference.attach(InstantMessagingMcuSession::new(focus))?;
    let connecting = conference.join();

    // The focus's first notification: the whole state, with the MCUs the
    // conference offers and who is connected to which.
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
    let Notification::Applied { diff, mut mcus, .. } = documents.apply(&full)? else {
        return Err("the first document is the whole state".into());
    };
    println!("v1: in the conference: {}", names(&diff.joined));
    let fresh = mcus.take::<InstantMessaging>();

    // The join completes with the MCUs the document offers; the IM MCU is
    // dialled, and activates.
    let offered = documents.offered().to_vec();
    let chat = offered
        .iter()
        .find(|mcu| mcu.mcu_type == "chat")
        .cloned()
        .ok_or("the conference offers an IM MCU")?;
    let mut connected = connecting.joined(offered)?;
    connected.mcu_event::<InstantMessaging>(McuReport::activated(chat.clone())?, now)?;
    // The MCU's roster as the document had it (Bob is still dialling in).
    for report in fresh {
        if let Effect::Roster(diff) =
            connected.mcu_event::<InstantMessaging>(McuReport::Attendance(report), now)?
        {
            println!("v1: chat roster: {}", names(&diff.joined));
        }
    }

    // Bob's IM endpoint connects: the document says so, and its report
    // goes to the IM session.
    let bob_connects = document(
        "partial",
        2,
        r#"<users state="partial"><user entity="sip:bob@contoso.com" state="partial">
             <endpoint entity="{B2}" state="partial"><status>connected</status></endpoint>
           </user></users>"#,
    );
    let Notification::Applied { mut mcus, .. } = documents.apply(&bob_connects)? else {
        return Err("the next version applies".into());
    };
    for report in mcus.take::<InstantMessaging>() {
        if let Effect::Roster(diff) =
            connected.mcu_event::<InstantMessaging>(McuReport::Attendance(report), now)?
        {
            println!("v2: chat joined {}", names(&diff.joined));
        }
    }

    // Alice ejects Bob from the IM MCU: the request goes out as C3P...
    let Submitted::Sent(eject) =
        connected.submit::<InstantMessaging>(Operation::eject("sip:bob@contoso.com")?, now)?
    else {
        return Err("an Active session sends at once".into());
    };
    let body = c3p::operation_request(&eject, &McuInfo::<InstantMessaging>::try_from(chat)?, &me)?;
    println!("out: {body}");

    // ...the focus's response comes back, and its channel says whose it is.
    let answer = c3p::decode_response(&focus_answers(&body)?)?;
    if answer.channel() == Channel::InstantMessagingSession {
        connected
            .mcu_event::<InstantMessaging>(McuReport::Response(answer.into_response()), now)?;
    }
    while let Some(output) = connected.poll_output::<InstantMessaging>() {
        if let Output::Succeeded { operation, .. } = output {
            println!("in: {} succeeded", operation.kind());
        }
    }

    // The focus then reports Bob gone, from the conference and the MCU.
    let bob_leaves = document(
        "partial",
        3,
        r#"<users state="partial"><user entity="sip:bob@contoso.com" state="deleted"/></users>"#,
    );
    let Notification::Applied { diff, mut mcus, .. } = documents.apply(&bob_leaves)? else {
        return Err("the next version applies".into());
    };
    println!("v3: left the conference: {}", names(&diff.left));
    for report in mcus.take::<InstantMessaging>() {
        if let Effect::Roster(diff) =
            connected.mcu_event::<InstantMessaging>(McuReport::Attendance(report), now)?
        {
            println!("v3: chat left {}", names(&diff.left));
        }
    }
    println!(
        "chat roster: {}",
        names(&documents.mcu_roster("chat").cloned().collect::<Vec<_>>())
    );

    // The focus fails over; the conference reconnects with the IM MCU
    // active (4b), and subscribes anew: the new subscription's versions
    // start again, and its first document says who is there now.
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    let (mut connected, changes) = connected.reconnecting().reconnected_to_conference(statuses);
    println!("reconnected: {changes:?}");
    documents.new_subscription();
    let fresh = document(
        "full",
        1,
        r#"<users>
             <user entity="sip:alice@contoso.com"><roles><entry>presenter</entry></roles>
               <endpoint entity="{A2}" session-type="chat"><status>connected</status></endpoint>
             </user>
             <user entity="sip:carol@contoso.com">
               <endpoint entity="{C1}" session-type="chat"><status>connected</status></endpoint>
             </user>
           </users>"#,
    );
    let Notification::Applied { mut mcus, .. } = documents.apply(&fresh)? else {
        return Err("a new subscription's first document applies".into());
    };
    for report in mcus.take::<InstantMessaging>() {
        if let Effect::Roster(diff) =
            connected.mcu_event::<InstantMessaging>(McuReport::Attendance(report), now)?
        {
            println!(
                "reconnected: chat joined {}; left {}",
                names(&diff.joined),
                names(&diff.left)
            );
        }
    }
    Ok(())
}
