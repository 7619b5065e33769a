//! The event-loop example's driver on tokio's paused clock: the 30 s queue
//! deadline passes instantly and deterministically, exactly at 30 s.

#[path = "../examples/event_loop/driver.rs"]
mod driver;

use std::time::Duration;

use mcu_session::{
    AdvertisedMcu, AnySession, AudioVideo, Event, McuSessionState, McuStatus, Operation,
    SelfUnmuteAssignment, Uri,
};
use tokio::sync::mpsc;
use tokio::task::yield_now;
use tokio::time::sleep;

use driver::Input;

fn av() -> AdvertisedMcu {
    AdvertisedMcu::of::<AudioVideo>(Uri::parse("sip:conf@contoso.com;av").unwrap(), None)
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

#[tokio::test(start_paused = true)]
async fn a_queued_operation_expires_at_30_s_and_a_released_one_goes_out() {
    let session = AnySession::<AudioVideo>::new(Uri::parse("sip:conf@contoso.com").unwrap());
    let (inputs, receiver) = mpsc::channel(8);
    let (report, mut reports) = mpsc::unbounded_channel();
    let task = tokio::spawn(driver::drive(session, receiver, report));

    inputs
        .send(Input::Event(Event::ConferenceJoined {
            offered: vec![av()],
        }))
        .await
        .unwrap();
    inputs
        .send(Input::Submit(Operation::enable_mute_all_mode(
            SelfUnmuteAssignment::Everyone,
        )))
        .await
        .unwrap();
    assert_eq!(
        said(&mut reports).await,
        [
            "ConferenceJoined: Bound",
            "queued #1 enable the mute-all mode (everyone may unmute)"
        ]
    );

    sleep(Duration::from_millis(29_999)).await;
    assert_eq!(said(&mut reports).await, Vec::<String>::new(), "not yet");

    sleep(Duration::from_millis(1)).await;
    assert_eq!(
        said(&mut reports).await,
        [
            "timer: 1 expired",
            "failed #1 enable the mute-all mode (everyone may unmute): the MCU did not become active within 30 s"
        ]
    );

    inputs
        .send(Input::Submit(
            Operation::dial_out("tel:+14255550100").unwrap(),
        ))
        .await
        .unwrap();
    inputs
        .send(Input::Event(Event::McuActivated { mcu: av() }))
        .await
        .unwrap();
    inputs
        .send(Input::Event(Event::FocusReconnected {
            mcu: McuStatus::Active,
        }))
        .await
        .unwrap();
    assert_eq!(
        said(&mut reports).await,
        [
            "queued #2 dial out to tel:+14255550100",
            "Idle -> Active (McuActivated)",
            "send #2 dial out to tel:+14255550100",
            "refused: event FocusReconnected is not documented for state Active",
        ]
    );

    drop(inputs);
    let session = task.await.unwrap();
    assert_eq!(session.state(), McuSessionState::Active);
    assert_eq!(session.queued(), 0);
}
