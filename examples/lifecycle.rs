//! Walks an instant messaging and an audio/video MCU session through every
//! documented transition, printing each state change with its cause.
//!
//! ```text
//! cargo run --example lifecycle
//! ```

use std::error::Error;

use mcu_session::{
    AdvertisedMcu, AudioVideo, InstantMessaging, Joined, McuInfo, McuSessionState, McuStatus,
    McuType, Reconnected, Resumed, Session, State, Uri,
};

fn main() -> Result<(), Box<dyn Error>> {
    let conference = Uri::parse("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:7QX2")?;
    // What the focus says this conference offers: IM and audio/video.
    let offered = vec![mcu::<InstantMessaging>()?, mcu::<AudioVideo>()?];
    // And a second conference that offers instant messaging only.
    let im_only = [mcu::<InstantMessaging>()?];

    // The conference session's end ends every MCU session, whatever its
    // state (5a, 5b, 5c): here the IM session is Retrying, the audio/video
    // one Active.
    let im = walk::<InstantMessaging>(&conference, offered.clone())?;
    let retrying = im.mcu_failing_over();
    change(
        &retrying,
        McuSessionState::Active,
        "3a",
        "the MCU is failing over",
    );
    let ended = retrying.conference_terminated();
    change(
        &ended,
        McuSessionState::Retrying,
        "5c",
        &ended.reason().to_string(),
    );
    let av = walk::<AudioVideo>(&conference, offered)?;
    let ended = av.conference_terminated();
    change(
        &ended,
        McuSessionState::Active,
        "5b",
        &ended.reason().to_string(),
    );

    println!(
        "
instant messaging session whose conference ends before it joins"
    );
    let ended = Session::<_, InstantMessaging>::new(conference.clone()).conference_terminated();
    change(
        &ended,
        McuSessionState::Idle,
        "5a",
        &ended.reason().to_string(),
    );

    println!("\naudio-video session joining an IM-only conference");
    let session = Session::<_, AudioVideo>::new(conference);
    match session.conference_joined(im_only)? {
        Joined::Unsupported(terminated) => {
            let reason = terminated.reason().to_string();
            change(&terminated, McuSessionState::Idle, "2", &reason);
        }
        Joined::Bound(idle) => println!("  unexpectedly bound: {idle:?}"),
    }
    Ok(())
}

/// Join, activation, MCU failover, and both outcomes of a focus reconnect;
/// returns the session Active again.
fn walk<M: McuType>(
    conference: &Uri,
    offered: Vec<AdvertisedMcu>,
) -> Result<Session<mcu_session::Active, M>, Box<dyn Error>> {
    println!("\n{} session in {conference}", M::MCU_TYPE);
    // The activation report carries the MCU's entry, as the join's did.
    let activation = offered
        .iter()
        .find(|advertised| advertised.mcu_type == M::MCU_TYPE)
        .cloned()
        .ok_or("the conference offers every MCU type")?;
    let idle = match Session::<_, M>::new(conference.clone()).conference_joined(offered)? {
        Joined::Bound(idle) => idle,
        Joined::Unsupported(terminated) => return Err(terminated.reason().to_string().into()),
    };
    if let Some(mcu) = idle.mcu() {
        println!("  bound to {} (conference joined, still Idle)", mcu.uri());
    }

    let active = idle.mcu_activated(McuInfo::try_from(activation)?, std::time::Instant::now());
    change(&active, McuSessionState::Idle, "1", "the MCU became active");
    let mcu = active.mcu().clone(); // Active: always known, no `Option`

    let retrying = active.mcu_failing_over();
    change(
        &retrying,
        McuSessionState::Active,
        "3a",
        "the MCU is failing over; its call was terminated",
    );
    let active = resumed(
        "4a",
        "the MCU failover completed",
        retrying.failover_completed(),
    );

    let retrying = active.focus_reconnecting();
    change(
        &retrying,
        McuSessionState::Active,
        "3b",
        "reconnecting to the focus; the call is kept",
    );
    let active = match retrying.focus_reconnected(McuStatus::Active) {
        Reconnected::Active(active) => resumed("4b", "focus reconnected, MCU active", active),
        Reconnected::Idle(idle) => return Err(format!("expected Active: {idle:?}").into()),
    };

    let retrying = active.focus_reconnecting();
    change(
        &retrying,
        McuSessionState::Active,
        "3b",
        "reconnecting to the focus; the call is kept",
    );
    let idle = match retrying.focus_reconnected(McuStatus::NotActive) {
        Reconnected::Idle(idle) => idle,
        Reconnected::Active(active) => return Err(format!("expected Idle: {active:?}").into()),
    };
    change(
        &idle,
        McuSessionState::Retrying,
        "4c",
        "focus reconnected, MCU not active yet",
    );
    let active = idle.mcu_activated(mcu, std::time::Instant::now());
    change(
        &active,
        McuSessionState::Idle,
        "1",
        "the MCU became active again",
    );
    Ok(active)
}

/// Prints a state change the way the reference's state-changed event reads.
fn change<S: State, M: McuType>(
    session: &Session<S, M>,
    from: McuSessionState,
    number: &str,
    cause: &str,
) {
    println!("  {from:>8} -> {:<10} ({number}: {cause})", session.state());
}

/// Prints 4a or 4b and says what the application must do about its call.
fn resumed<M: McuType>(
    number: &str,
    cause: &str,
    resumed: Resumed<M>,
) -> Session<mcu_session::Active, M> {
    let todo = match &resumed {
        Resumed::CallKept(_) => "call kept",
        Resumed::NewCallNeeded(_) => "set up a new call",
    };
    let active = resumed.into_session();
    change(
        &active,
        McuSessionState::Retrying,
        number,
        &format!("{cause}; {todo}"),
    );
    active
}

/// The MCU of type `M` as the focus advertises it for the sample conference.
fn mcu<M: McuType>() -> Result<AdvertisedMcu, Box<dyn Error>> {
    let uri = Uri::parse(format!(
        "sip:alice@contoso.com;gruu;opaque=app:conf:{}:id:7QX2",
        M::MCU_TYPE
    ))?;
    let info = McuInfo::<M>::new(uri, Some(format!("{} MCU", M::MCU_TYPE)));
    Ok(info.into_advertised())
}
