//! The event loop: an `AnyConference`, with its instant messaging and
//! audio/video MCU sessions, driven from a tokio task. Shared by the
//! `event_loop` example and `tests/it/event_loop.rs`.
//!
//! The loop owns the conference. Inputs arrive on a channel: the focus's
//! reports about the conference and about each MCU, the focus's answers,
//! and the application's commands and operations. `poll_timeout` feeds
//! `sleep_until`, and `handle_timeout` runs when it fires. After each step
//! the loop drains the conference's commands and each MCU session's
//! outputs, reporting each request to send (what the application would
//! send to the focus), each answered one and each failure (what it would
//! report to its user).

use std::future;

use mcu_session::conference::{Attachable, McuReport, SubmitRefused};
use mcu_session::{
    AnyConference, AudioVideo, ConferenceCommand, ConferenceEffect, ConferenceEvent,
    ConferenceOutput, Effect, Event, InstantMessaging, Operation, Output, Response, Submitted,
};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

/// What reaches the conference: a report from the focus, or something the
/// application wants done.
#[derive(Debug)]
pub enum Input {
    /// The focus reported something about the conference.
    Focus(ConferenceEvent),
    /// The focus reported something about the instant messaging MCU.
    InstantMessaging(McuReport<InstantMessaging>),
    /// The focus reported something about the audio/video MCU.
    AudioVideo(McuReport<AudioVideo>),
    /// The focus answered a conference command.
    Answer(Response),
    /// The application sends a conference command.
    Command(ConferenceCommand),
    /// The application wants an instant messaging operation done.
    SubmitInstantMessaging(Operation<InstantMessaging>),
    /// The application wants an audio/video operation done.
    SubmitAudioVideo(Operation<AudioVideo>),
}

/// Runs until `inputs` closes, reporting what happens as lines of text;
/// returns the conference.
pub async fn drive(
    mut conference: AnyConference,
    mut inputs: mpsc::Receiver<Input>,
    report: mpsc::UnboundedSender<String>,
) -> AnyConference {
    let say = |line: String| {
        // The receiver may be gone; the conference does not depend on it.
        let _ = report.send(line);
    };
    loop {
        let deadline = conference.poll_timeout();
        tokio::select! {
            input = inputs.recv() => match input {
                None => break,
                Some(input) => step(&mut conference, input, &say),
            },
            () = wake_at(deadline) => {
                let expired = conference.handle_timeout(Instant::now().into_std());
                say(format!("timer: {expired} expired"));
            }
        }
        drain(&mut conference, &say);
    }
    conference
}

fn step(conference: &mut AnyConference, input: Input, say: &impl Fn(String)) {
    let now = Instant::now().into_std();
    match input {
        Input::Focus(event) => match conference.apply(event) {
            Ok(
                ConferenceEffect::Changed(transition)
                | ConferenceEffect::Reconnected(transition, _),
            ) => say(format!(
                "conference: {transition}; chat {}, audio-video {}",
                state::<InstantMessaging>(conference),
                state::<AudioVideo>(conference),
            )),
            Ok(ConferenceEffect::Released(transition, sessions)) => {
                // The sessions come back terminated: what they held is
                // still to be read from them.
                let (im, av) = sessions.into_parts();
                say(format!(
                    "conference: {transition}, MCU sessions handed back: {:?}, {:?}",
                    im.map(|session| session.state()),
                    av.map(|session| session.state()),
                ));
            }
            Err(refused) => say(format!("conference refused: {refused}")),
        },
        Input::InstantMessaging(event) => mcu_event::<InstantMessaging>(conference, event, say),
        Input::AudioVideo(event) => mcu_event::<AudioVideo>(conference, event, say),
        Input::Answer(response) => {
            if let Err(unknown) = conference.answer(response) {
                say(format!("conference: answer refused: {unknown}"));
            }
        }
        Input::Command(command) => match conference.command(command, now) {
            Ok(request) => say(format!(
                "conference: send {} {}",
                request.id, request.command
            )),
            Err(refused) => say(format!("conference: not sent: {refused}")),
        },
        Input::SubmitInstantMessaging(operation) => submit(conference, operation, say),
        Input::SubmitAudioVideo(operation) => submit(conference, operation, say),
    }
}

/// What the conference's MCU session of type `M` is in, for the log.
fn state<M: Attachable>(conference: &AnyConference) -> String {
    conference.mcu::<M>().map_or_else(
        || "not attached".into(),
        |session| session.state().to_string(),
    )
}

fn mcu_event<M: Attachable>(
    conference: &mut AnyConference,
    report: McuReport<M>,
    say: &impl Fn(String),
) {
    let kind = Event::from(report.clone()).kind();
    match conference.mcu_event(report, Instant::now().into_std()) {
        Ok(Effect::StateChanged(change)) => say(format!("{}: {change}", M::MCU_TYPE)),
        Ok(effect) => say(format!("{}: {kind}: {effect:?}", M::MCU_TYPE)),
        Err(refused) => say(format!("{} refused: {refused}", M::MCU_TYPE)),
    }
}

fn submit<M: Attachable>(
    conference: &mut AnyConference,
    operation: Operation<M>,
    say: &impl Fn(String),
) {
    let (mcu, what) = (M::MCU_TYPE, operation.kind().to_string());
    match conference.submit(operation, Instant::now().into_std()) {
        Ok(Submitted::Sent(request)) => {
            say(format!("{mcu}: send {} {}", request.id, request.operation));
        }
        Ok(Submitted::Queued(id)) => say(format!("{mcu}: queued {id} {what}")),
        Err(refused @ SubmitRefused::Retryable(_)) => {
            say(format!("{mcu}: retry later: {refused}"));
        }
        Err(refused) => say(format!("{mcu}: not submitted: {what}: {refused}")),
    }
}

/// Reports what came out of the conference and of each MCU session.
fn drain(conference: &mut AnyConference, say: &impl Fn(String)) {
    while let Some(output) = conference.poll_command_output() {
        match output {
            ConferenceOutput::Succeeded { id, command } => {
                say(format!("conference: done {id} {command}"));
            }
            ConferenceOutput::Failed {
                id,
                command,
                reason,
            } => say(format!("conference: failed {id} {command}: {reason}")),
        }
    }
    drain_mcu::<InstantMessaging>(conference, say);
    drain_mcu::<AudioVideo>(conference, say);
}

fn drain_mcu<M: Attachable>(conference: &mut AnyConference, say: &impl Fn(String)) {
    let mcu = M::MCU_TYPE;
    while let Some(output) = conference.poll_output::<M>() {
        match output {
            Output::Request(request) => {
                say(format!("{mcu}: send {} {}", request.id, request.operation));
            }
            Output::Succeeded { id, operation } => {
                say(format!("{mcu}: done {id} {}", operation.kind()));
            }
            Output::Failed {
                id,
                operation,
                reason,
            } => say(format!("{mcu}: failed {id} {}: {reason}", operation.kind())),
        }
    }
}

/// Completes at `deadline`, or never when there is none.
async fn wake_at(deadline: Option<std::time::Instant>) {
    match deadline {
        Some(deadline) => sleep_until(Instant::from_std(deadline)).await,
        None => future::pending().await,
    }
}
