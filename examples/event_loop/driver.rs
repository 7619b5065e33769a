//! The event loop: an `AnySession` driven from a tokio task. Shared by the
//! `event_loop` example and `tests/event_loop.rs`.
//!
//! The loop owns the session. Inputs arrive on a channel; `poll_timeout`
//! feeds `sleep_until`, and `handle_timeout` runs when it fires. After each
//! step the loop drains `poll_output`, reporting each released request (what
//! the application would send to the focus), each answered one and each
//! failed operation (what it would report to its user).

use std::future;

use mcu_session::{AnySession, Effect, Event, McuType, Operation, Output, Submitted};
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep_until};

/// What reaches the session: a report from the focus, or an operation from
/// the application.
#[derive(Debug)]
pub enum Input<M: McuType> {
    /// The focus reported something.
    Event(Event),
    /// The application wants something done.
    Submit(Operation<M>),
}

/// Runs until `inputs` closes, reporting what happens as lines of text;
/// returns the session.
pub async fn drive<M: McuType>(
    mut session: AnySession<M>,
    mut inputs: mpsc::Receiver<Input<M>>,
    report: mpsc::UnboundedSender<String>,
) -> AnySession<M> {
    let say = |line: String| {
        // The receiver may be gone; the session does not depend on it.
        let _ = report.send(line);
    };
    loop {
        let deadline = session.poll_timeout();
        tokio::select! {
            input = inputs.recv() => match input {
                None => break,
                Some(Input::Event(event)) => {
                    let kind = event.kind();
                    match session.apply(event, Instant::now().into_std()) {
                        Ok(Effect::StateChanged(change)) => say(format!("{change}")),
                        Ok(effect) => say(format!("{kind}: {effect:?}")),
                        Err(refused) => say(format!("refused: {refused}")),
                    }
                }
                Some(Input::Submit(operation)) => {
                    let what = operation.kind().to_string();
                    match session.submit(operation, Instant::now().into_std()) {
                        Ok(Submitted::Sent(request)) => {
                            say(format!("send {} {}", request.id, request.operation));
                        }
                        Ok(Submitted::Queued(id)) => say(format!("queued {id} {what}")),
                        Err(rejected) => say(format!("not submitted: {what}: {rejected}")),
                    }
                }
            },
            () = wake_at(deadline) => {
                let expired = session.handle_timeout(Instant::now().into_std());
                say(format!("timer: {expired} expired"));
            }
        }
        while let Some(output) = session.poll_output() {
            match output {
                Output::Request(request) => {
                    say(format!("send {} {}", request.id, request.operation));
                }
                Output::Succeeded { id, operation } => {
                    say(format!("done {id} {}", operation.kind()));
                }
                Output::Failed {
                    id,
                    operation,
                    reason,
                } => say(format!("failed {id} {}: {reason}", operation.kind())),
            }
        }
    }
    session
}

/// Completes at `deadline`, or never when there is none.
async fn wake_at(deadline: Option<std::time::Instant>) {
    match deadline {
        Some(deadline) => sleep_until(Instant::from_std(deadline)).await,
        None => future::pending().await,
    }
}
