//! A conference in a real event loop: a tokio task owns an `AnyConference`
//! with an instant messaging and an audio/video session; the focus's
//! reports, its answers and the application's commands and operations
//! arrive on a channel, `poll_timeout` feeds `sleep_until`, and requests
//! and failures are printed as an application would send or report them.
//!
//! The story: the join, the lobby, admission; an audio/video operation
//! queued for an MCU that is slow to come up (it expires at 30 s) and one
//! released when it does; a command answered; a focus failover with a
//! command and a request per MCU pending (all fail, and an operation asked
//! meanwhile is refused as retryable); the reconnection, with the instant messaging
//! MCU active and the audio/video one not; and the conference's end, which
//! terminates both MCU sessions, failing what they still hold.
//!
//! ```text
//! cargo run --example event_loop
//! ```
//!
//! The runtime starts on tokio's paused clock, so the 30 s queue deadline
//! passes at once, and the output is the same on every run.

mod driver;

use std::error::Error;
use std::time::Duration;

use mcu_session::conference::{DisconnectCause, McuReport, McuStatuses, Reconnection};
use mcu_session::{
    AdvertisedMcu, AnyConference, AudioVideo, AudioVideoMcuSession, ConferenceCommand,
    ConferenceEvent, ConferenceSession, InstantMessaging, InstantMessagingMcuSession, McuStatus,
    Operation, RequestId, Response, SelfUnmuteAssignment, Uri,
};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

use driver::Input;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() -> Result<(), Box<dyn Error>> {
    let focus = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2")?;
    let chat = AdvertisedMcu::of::<InstantMessaging>(
        Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:chat:id:7QX2")?,
        None,
    );
    let av = AdvertisedMcu::of::<AudioVideo>(
        Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2")?,
        None,
    );
    // The MCU sessions are attached before the join, as the reference
    // registers for their events before BeginJoin.
    let mut conference = ConferenceSession::new(focus.clone());
    conference.attach(InstantMessagingMcuSession::new(focus.clone()))?;
    conference.attach(AudioVideoMcuSession::new(focus))?;

    let (inputs, receiver) = mpsc::channel(16);
    let (report, mut reports) = mpsc::unbounded_channel();
    let task = tokio::spawn(driver::drive(
        AnyConference::from(conference),
        receiver,
        report,
    ));
    let printer = tokio::spawn(async move {
        let start = Instant::now();
        while let Some(line) = reports.recv().await {
            println!("t={:>2}s  {line}", start.elapsed().as_secs());
        }
    });

    // What the focus and the application do, in time.
    let offered = vec![chat.clone(), av.clone()];
    for event in [
        ConferenceEvent::Join,
        ConferenceEvent::EnteredLobby,
        ConferenceEvent::Admitted { offered },
    ] {
        inputs.send(Input::Focus(event)).await?;
    }
    inputs
        .send(Input::InstantMessaging(McuReport::activated(chat)?))
        .await?;
    inputs
        .send(Input::SubmitAudioVideo(Operation::enable_mute_all_mode(
            SelfUnmuteAssignment::Everyone,
        )))
        .await?;
    sleep(Duration::from_secs(31)).await; // the A/V MCU is slow: the mute expires
    inputs
        .send(Input::SubmitAudioVideo(Operation::dial_out(
            "tel:+14255550100",
        )?))
        .await?;
    sleep(Duration::from_secs(5)).await;
    inputs
        .send(Input::AudioVideo(McuReport::activated(av)?))
        .await?; // releases the dial-out
    inputs
        .send(Input::Command(ConferenceCommand::LockConference))
        .await?;
    inputs
        .send(Input::Answer(Response::Success {
            id: RequestId::new(1),
        }))
        .await?; // the focus locked the conference
    inputs
        .send(Input::Command(ConferenceCommand::UnlockConference))
        .await?;
    inputs
        .send(Input::SubmitInstantMessaging(
            Operation::enable_block_all_mode(),
        ))
        .await?;
    // The focus fails over: the command and the requests pending fail.
    inputs
        .send(Input::Focus(ConferenceEvent::FocusFailover))
        .await?;
    inputs
        .send(Input::SubmitInstantMessaging(
            Operation::disable_block_all_mode(),
        ))
        .await?; // retryable
    let statuses = McuStatuses {
        instant_messaging: McuStatus::Active,
        audio_video: McuStatus::NotActive,
    };
    inputs
        .send(Input::Focus(ConferenceEvent::Reconnected(
            Reconnection::Conference(statuses),
        )))
        .await?;
    inputs
        .send(Input::SubmitInstantMessaging(
            Operation::disable_block_all_mode(),
        ))
        .await?;
    // The application leaves: both MCU sessions terminate, and the request
    // still pending fails and is reported rather than dropped.
    inputs
        .send(Input::Focus(ConferenceEvent::Disconnect(
            DisconnectCause::Left,
        )))
        .await?;
    inputs
        .send(Input::Focus(ConferenceEvent::Disconnected))
        .await?;
    drop(inputs);

    let conference = task.await?;
    printer.await?;
    println!(
        "end: conference {}, instant messaging {:?}, audio/video {:?}",
        conference.state(),
        conference
            .mcu::<InstantMessaging>()
            .map(|session| session.state()),
        conference
            .mcu::<AudioVideo>()
            .map(|session| session.state()),
    );
    Ok(())
}
