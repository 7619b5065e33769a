//! The event-loop example's driver, a conference in a tokio task, on
//! tokio's paused clock: the 30 s queue deadline passes instantly and
//! deterministically, exactly at 30 s.

#[path = "../../examples/event_loop/driver.rs"]
mod driver;

use std::time::Duration;

use mcu_session::conference::{DisconnectCause, McuReport, McuStatuses, Reconnection};
use mcu_session::{
    AnyConference, AudioVideo, AudioVideoMcuSession, ConferenceCommand, ConferenceEvent,
    ConferenceSession, ConferenceSessionState, InstantMessagingMcuSession, McuSessionState,
    McuStatus, Operation, RequestId, Response, SelfUnmuteAssignment,
};
use tokio::sync::mpsc;
use tokio::task::{JoinHandle, yield_now};
use tokio::time::sleep;

use driver::Input;

use crate::common::{av, chat, uri};

/// A conference with both MCU sessions attached, its loop started.
fn start() -> (
    mpsc::Sender<Input>,
    mpsc::UnboundedReceiver<String>,
    JoinHandle<AnyConference>,
) {
    let focus = uri("sip:conf@contoso.com");
    let mut conference = ConferenceSession::new(focus.clone());
    conference
        .attach(InstantMessagingMcuSession::new(focus.clone()))
        .unwrap();
    conference.attach(AudioVideoMcuSession::new(focus)).unwrap();
    let (inputs, receiver) = mpsc::channel(16);
    let (report, reports) = mpsc::unbounded_channel();
    let task = tokio::spawn(driver::drive(
        AnyConference::from(conference),
        receiver,
        report,
    ));
    (inputs, reports, task)
}

/// Lets the driver run without moving the clock, then takes what it said.
async fn said(reports: &mut mpsc::UnboundedReceiver<String>) -> Vec<String> {
    for _ in 0..10 {
        yield_now().await;
    }
    let mut lines = Vec::new();
    while let Ok(line) = reports.try_recv() {
        lines.push(line);
    }
    lines
}

async fn send(inputs: &mpsc::Sender<Input>, sent: impl IntoIterator<Item = Input>) {
    for input in sent {
        inputs.send(input).await.unwrap();
    }
}

#[tokio::test(start_paused = true)]
async fn a_queued_operation_expires_at_30_s_and_a_released_one_goes_out() {
    let (inputs, mut reports, task) = start();
    send(
        &inputs,
        [
            Input::Focus(ConferenceEvent::Join),
            Input::Focus(ConferenceEvent::Joined {
                offered: vec![chat(), av()],
            }),
            Input::SubmitAudioVideo(Operation::enable_mute_all_mode(
                SelfUnmuteAssignment::Everyone,
            )),
        ],
    )
    .await;
    assert_eq!(
        said(&mut reports).await,
        [
            "conference: Idle -> Connecting (Join); chat Idle, audio-video Idle",
            "conference: Connecting -> Connected (Joined); chat Idle, audio-video Idle",
            "audio-video: queued #1 enable the mute-all mode (everyone may unmute)"
        ]
    );

    sleep(Duration::from_millis(29_999)).await;
    assert_eq!(said(&mut reports).await, Vec::<String>::new(), "not yet");

    sleep(Duration::from_millis(1)).await;
    assert_eq!(
        said(&mut reports).await,
        [
            "timer: 1 expired",
            "audio-video: failed #1 enable the mute-all mode (everyone may unmute): the MCU did not become active within 30 s"
        ]
    );

    send(
        &inputs,
        [
            Input::SubmitAudioVideo(Operation::dial_out("tel:+14255550100").unwrap()),
            Input::AudioVideo(McuReport::activated(av()).unwrap()),
            // An MCU failover that never started cannot complete: refused.
            Input::AudioVideo(McuReport::FailoverCompleted),
        ],
    )
    .await;
    assert_eq!(
        said(&mut reports).await,
        [
            "audio-video: queued #2 dial out to tel:+14255550100",
            "audio-video: Idle -> Active (McuActivated)",
            "audio-video: send #2 dial out to tel:+14255550100",
            "audio-video refused: event FailoverCompleted is not documented for state Active",
        ]
    );

    drop(inputs);
    let conference = task.await.unwrap();
    assert_eq!(conference.state(), ConferenceSessionState::Connected);
    let av = conference.mcu::<AudioVideo>().unwrap();
    assert_eq!(av.state(), McuSessionState::Active);
    assert_eq!(av.queued(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_focus_failover_fails_what_is_pending_and_the_reconnection_sets_each_mcu_by_its_status() {
    let (inputs, mut reports, task) = start();
    send(
        &inputs,
        [
            Input::Focus(ConferenceEvent::Join),
            Input::Focus(ConferenceEvent::Joined {
                offered: vec![chat(), av()],
            }),
            Input::InstantMessaging(McuReport::activated(chat()).unwrap()),
            Input::AudioVideo(McuReport::activated(av()).unwrap()),
        ],
    )
    .await;
    said(&mut reports).await;

    send(
        &inputs,
        [
            Input::Command(ConferenceCommand::LockConference),
            Input::Answer(Response::Success {
                id: RequestId::new(1),
            }),
            Input::Command(ConferenceCommand::UnlockConference),
            Input::SubmitInstantMessaging(Operation::enable_block_all_mode()),
            Input::Focus(ConferenceEvent::FocusFailover),
            Input::SubmitInstantMessaging(Operation::disable_block_all_mode()),
            Input::Command(ConferenceCommand::LockConference),
            Input::Focus(ConferenceEvent::Reconnected(Reconnection::Conference(
                McuStatuses {
                    instant_messaging: McuStatus::Active,
                    audio_video: McuStatus::NotActive,
                },
            ))),
        ],
    )
    .await;
    let retry = "the focus link was lost before the focus answered: retry once reconnected";
    assert_eq!(
        said(&mut reports).await,
        [
            "conference: send #1 lock the conference".to_owned(),
            "conference: done #1 lock the conference".to_owned(),
            "conference: send #2 unlock the conference".to_owned(),
            "chat: send #1 enable the block-all mode".to_owned(),
            "conference: Connected -> Reconnecting (FocusFailover); chat Retrying, audio-video Retrying".to_owned(),
            format!("conference: failed #2 unlock the conference: {retry}"),
            format!("chat: failed #1 enable the block-all mode: {retry}"),
            "chat: retry later: cannot submit while the conference is reconnecting: retry once connected".to_owned(),
            "conference: not sent: cannot lock the conference while the conference is reconnecting: retry once connected".to_owned(),
            "conference: Reconnecting -> Connected (Reconnected); chat Active, audio-video Idle".to_owned(),
        ]
    );

    send(
        &inputs,
        [
            Input::SubmitInstantMessaging(Operation::disable_block_all_mode()),
            Input::Focus(ConferenceEvent::Disconnect(DisconnectCause::Left)),
            Input::Focus(ConferenceEvent::Disconnected),
        ],
    )
    .await;
    assert_eq!(
        said(&mut reports).await,
        [
            "chat: send #2 disable the block-all mode",
            "conference: Connected -> Disconnecting (Disconnect); chat Terminated, audio-video Terminated",
            "chat: failed #2 disable the block-all mode: the session was terminated: the conference session of sip:conf@contoso.com terminated",
            "conference: Disconnecting -> Disconnected (Disconnected); chat Terminated, audio-video Terminated",
        ]
    );

    drop(inputs);
    let conference = task.await.unwrap();
    assert_eq!(conference.state(), ConferenceSessionState::Disconnected);
    assert_eq!(conference.poll_timeout(), None, "nothing left pending");
}
