//! A conference with an instant messaging and an audio/video session:
//! join through the lobby, a focus failover with one request pending, a
//! reconnection where one MCU is active and the other is not, and the end.
//!
//! ```sh
//! cargo run --example conference
//! ```

use std::error::Error;
use std::time::Instant;

use mcu_session::conference::McuReport;
use mcu_session::conference::{ConnectedExit, Left, McuStatuses};
use mcu_session::{
    AdvertisedMcu, AudioVideo, AudioVideoMcuSession, ConferenceSession, InstantMessaging,
    InstantMessagingMcuSession, McuStatus, Operation, Output, Submitted, Uri,
};

fn main() -> Result<(), Box<dyn Error>> {
    let now = Instant::now();
    let focus = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2")?;
    let chat = AdvertisedMcu::of::<InstantMessaging>(
        Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2")?,
        None,
    );
    let av = AdvertisedMcu::of::<AudioVideo>(
        Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2")?,
        None,
    );

    // Attach the MCU sessions before joining, then join: into the lobby.
    let mut conference = ConferenceSession::new(focus.clone());
    conference.attach(InstantMessagingMcuSession::new(focus.clone()))?;
    conference.attach(AudioVideoMcuSession::new(focus))?;
    let lobby = conference.join().entered_lobby();
    println!("{:?}", lobby.state());

    // A leader admits us; the admission binds both MCU sessions.
    let mut connected = lobby.admitted([chat.clone(), av.clone()])?;
    connected.mcu_event::<InstantMessaging>(McuReport::activated(chat)?, now)?;
    connected.mcu_event::<AudioVideo>(McuReport::activated(av)?, now)?;
    let Submitted::Sent(request) =
        connected.submit::<InstantMessaging>(Operation::enable_block_all_mode(), now)?
    else {
        return Err("an Active session sends at once".into());
    };
    println!("send {request:?}");

    // The focus fails over: both Active sessions go Retrying (3b), and the
    // pending request fails, in the same call.
    let mut reconnecting = connected.reconnecting();
    while let Some(output) = reconnecting.poll_output::<InstantMessaging>() {
        println!("failed: {output:?}");
    }

    // Reconnected: the IM MCU is active (4b), the AV MCU not yet (4c).
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    let (connected, changes) = reconnecting.reconnected_to_conference(statuses);
    println!("reconnected: {changes:?}");
    for (mcu, state) in [
        (
            "chat",
            connected.mcu::<InstantMessaging>().map(|s| s.state()),
        ),
        (
            "audio-video",
            connected.mcu::<AudioVideo>().map(|s| s.state()),
        ),
    ] {
        println!("{mcu}: {state:?}");
    }

    // The end: every MCU session terminates with the conference.
    let Left::Disconnected(mut ended) = connected.disconnect(ConnectedExit::Left).disconnected()
    else {
        return Err("left for good".into());
    };
    println!("{:?} ({})", ended.state(), ended.cause());
    while let Some(output) = ended.poll_output::<AudioVideo>() {
        if let Output::Failed { reason, .. } = output {
            println!("audio-video: {reason}");
        }
    }
    let (im, av) = ended.release().into_parts();
    println!(
        "released: {:?}, {:?}",
        im.map(|s| s.state()),
        av.map(|s| s.state())
    );
    Ok(())
}
