//! An `AnySession` in a real event loop: a tokio task owns the session,
//! focus reports and operations arrive on a channel, `poll_timeout` feeds
//! `sleep_until`, and released requests and failures are printed as an
//! application would send or report them; the conference session's end
//! (5b) fails what is still pending.
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

use mcu_session::{
    AdvertisedMcu, AnySession, AudioVideo, Event, McuStatus, Operation, SelfUnmuteAssignment, Uri,
};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep};

use driver::Input;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() -> Result<(), Box<dyn Error>> {
    let conference = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2")?;
    let av = AdvertisedMcu::of::<AudioVideo>(
        Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2")?,
        None,
    );
    let session = AnySession::<AudioVideo>::new(conference);
    let (inputs, receiver) = mpsc::channel(16);
    let (report, mut reports) = mpsc::unbounded_channel();
    let session_task = tokio::spawn(driver::drive(session, receiver, report));
    let printer = tokio::spawn(async move {
        let start = Instant::now();
        while let Some(line) = reports.recv().await {
            println!("t={:>2}s  {line}", start.elapsed().as_secs());
        }
    });

    // What the focus and the application do, in time.
    inputs
        .send(Input::Event(Event::ConferenceJoined {
            offered: vec![av.clone()],
        }))
        .await?;
    inputs
        .send(Input::Submit(Operation::enable_mute_all_mode(
            SelfUnmuteAssignment::Everyone,
        )))
        .await?;
    sleep(Duration::from_secs(31)).await; // the MCU is slow: the mute expires
    inputs
        .send(Input::Submit(Operation::dial_out("tel:+14255550100")?))
        .await?;
    sleep(Duration::from_secs(5)).await;
    inputs
        .send(Input::Event(Event::McuActivated { mcu: av }))
        .await?; // releases the dial-out
    inputs
        .send(Input::Submit(Operation::disable_mute_all_mode()))
        .await?;
    inputs.send(Input::Event(Event::FocusReconnecting)).await?;
    inputs
        .send(Input::Submit(Operation::enable_mute_all_mode(
            SelfUnmuteAssignment::Everyone,
        )))
        .await?; // retryable
    inputs
        .send(Input::Event(Event::FocusReconnected {
            mcu: McuStatus::Active,
        }))
        .await?;
    inputs
        .send(Input::Submit(Operation::disable_mute_all_mode()))
        .await?;
    // The conference session ends (5b): what the session holds fails and
    // is reported, rather than dropped with it.
    inputs
        .send(Input::Event(Event::ConferenceTerminated))
        .await?;
    drop(inputs);

    let session = session_task.await?;
    printer.await?;
    println!("end: {}", session.state());
    Ok(())
}
