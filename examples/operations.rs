//! Operations gated by state, on simulated time: one queued while Idle and
//! expiring after 30 s, two released by activation, a request the focus
//! answers, requests a focus reconnect fails and whose answer then comes too
//! late, one the focus never answers (it fails after three minutes), the
//! roster diff a focus reconnect produces, and the conference session's end
//! failing what is still pending.
//!
//! ```text
//! cargo run --example operations
//! ```

use std::error::Error;
use std::time::{Duration, Instant};

use mcu_session::mcu::allowed;
use mcu_session::{
    AdvertisedMcu, Attendance, AudioVideo, Endpoint, Joined, McuInfo, McuStatus, McuType,
    Operation, Output, Reconnected, Response, Role, SelfUnmuteAssignment, Session, State, Uri,
};

fn main() -> Result<(), Box<dyn Error>> {
    // The crate never reads the clock: this is the application's clock,
    // advanced by hand so the example runs instantly.
    let start = Instant::now();
    let at = |seconds: u64| start + Duration::from_secs(seconds);

    let av = AdvertisedMcu::of::<AudioVideo>(
        Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:audio-video:id:7QX2")?,
        None,
    );
    let session = Session::<_, AudioVideo>::new(Uri::parse(
        "sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2",
    )?);
    let Ok(Joined::Bound(mut idle)) = session.conference_joined([av.clone()]) else {
        return Err("the conference offers audio-video".into());
    };

    println!("t=0s   Idle, bound: operations are queued for 30 s");
    let first = idle.queue(
        Operation::enable_mute_all_mode(SelfUnmuteAssignment::Everyone),
        at(0),
    )?;
    println!("       queued {first} enable the mute-all mode");
    drain(&mut idle);
    println!(
        "t=31s  handle_timeout: {} expired",
        idle.handle_timeout(at(31))
    );
    drain(&mut idle);

    let second = idle.queue(Operation::dial_out("tel:+14255550100")?, at(40))?;
    let third = idle.queue(Operation::eject("sip:mallory@contoso.com")?, at(45))?;
    println!("t=45s  queued {second} dial out, {third} eject");
    let mut active = idle.mcu_activated(McuInfo::try_from(av)?, at(50));
    println!("t=50s  Idle -> Active: the queue is released in order");
    drain(&mut active);

    active.answer(Response::Success { id: second })?;
    println!("t=51s  the focus answers {second}: success");
    drain(&mut active);

    let request = active.request(Operation::disable_mute_all_mode(), at(52))?;
    println!(
        "t=52s  Active: sent at once {} {}",
        request.id, request.operation
    );

    let bob = endpoint("sip:bob@contoso.com", Role::Attendee)?;
    let carol = endpoint("sip:carol@contoso.com", Role::Presenter)?;
    active.attendance(Attendance::Joined(bob.clone()))?;
    active.attendance(Attendance::Joined(carol.clone()))?;
    println!("       roster: {}", roster(&active));

    println!("t=55s  Active -> Retrying: the focus link is lost (3b), pending requests fail");
    let mut retrying = active.focus_reconnecting();
    drain(&mut retrying);
    let late = retrying
        .answer(Response::Success { id: request.id })
        .unwrap_err();
    println!(
        "t=56s  the focus's answer to {} comes too late: {late}",
        request.id
    );

    let Reconnected::Active(resumed) = retrying.focus_reconnected(McuStatus::Active) else {
        return Err("the MCU is active".into());
    };
    let mut active = resumed.into_session();
    let dave = endpoint("sip:dave@contoso.com", Role::Attendee)?;
    let diff = active.attendance(Attendance::Refreshed(vec![carol, dave]))?;
    println!("t=60s  focus reconnected; fresh roster differs by:");
    for endpoint in &diff.joined {
        println!("         joined {} ({:?})", endpoint.uri, endpoint.role);
    }
    for endpoint in &diff.left {
        println!("         left   {} ({:?})", endpoint.uri, endpoint.role);
    }
    println!("       roster: {}", roster(&active));

    let unanswered = active.request(Operation::eject("sip:bob@contoso.com")?, at(60))?;
    println!(
        "       sent {} {}; the focus never answers",
        unanswered.id, unanswered.operation
    );
    println!(
        "t=240s handle_timeout: {} expired (the reference waits three minutes for an answer)",
        active.handle_timeout(at(240))
    );
    drain(&mut active);

    let last = active.request(Operation::disable_mute_all_mode(), at(241))?;
    println!("t=241s sent {} {}", last.id, last.operation);
    let mut ended = active.conference_terminated();
    println!(
        "t=242s the conference session terminated (5b): {}",
        ended.reason()
    );
    drain(&mut ended);
    Ok(())
}

/// Prints what the session has for the application.
fn drain<S: State, M: McuType>(session: &mut Session<S, M>) {
    while let Some(output) = session.poll_output() {
        match output {
            Output::Request(request) => {
                println!("       send {} {}", request.id, request.operation);
            }
            Output::Succeeded { id, operation } => {
                println!("       done {id} {}", operation.kind());
            }
            Output::Failed {
                id,
                operation,
                reason,
            } => {
                println!("       failed {id} {}: {reason}", operation.kind());
            }
        }
    }
}

fn endpoint(uri: &str, role: Role) -> Result<Endpoint, mcu_session::InvalidUri> {
    Ok(Endpoint {
        uri: Uri::parse(uri)?,
        role,
    })
}

fn roster<S: allowed::Roster, M: McuType>(session: &Session<S, M>) -> String {
    let names: Vec<String> = session
        .roster()
        .iter()
        .map(|(uri, role)| format!("{uri} ({role:?})"))
        .collect();
    names.join(", ")
}
