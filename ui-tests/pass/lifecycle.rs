// The whole documented lifecycle compiles, for any MCU type; instantiated
// below for instant messaging and audio/video.
use std::time::Instant;

use mcu_session::{
    AdvertisedMcu, AudioVideo, InstantMessaging, Joined, McuInfo, McuStatus, McuType, Reconnected,
    Resumed, Session, Uri,
};

fn uri(text: &str) -> Uri {
    Uri::parse(text).unwrap()
}

fn lifecycle<M: McuType, Other: McuType>() {
    let ours = AdvertisedMcu::of::<M>(uri("sip:conf@contoso.com;ours"), None);
    let other = AdvertisedMcu::of::<Other>(uri("sip:conf@contoso.com;other"), None);

    let session = Session::<_, M>::new(uri("sip:conf@contoso.com"));
    let Ok(Joined::Bound(idle)) = session.conference_joined([other.clone(), ours.clone()]) else {
        unreachable!()
    };
    let info = McuInfo::<M>::try_from(ours).unwrap();
    let active = idle.mcu_activated(info.clone(), Instant::now()); // 1
    let Resumed::NewCallNeeded(active) = active.mcu_failing_over().failover_completed() else {
        unreachable!() // 3a, 4a
    };
    let Reconnected::Active(Resumed::CallKept(active)) =
        active.focus_reconnecting().focus_reconnected(McuStatus::Active) // 3b, 4b
    else {
        unreachable!()
    };
    let Reconnected::Idle(idle) = active
        .mcu_failing_over()
        .focus_reconnected(McuStatus::NotActive) // 3a, 4c
    else {
        unreachable!()
    };
    let active = idle.mcu_activated(info.clone(), Instant::now()); // 1 again

    // 5a, 5b, 5c: the conference session's end ends every live state.
    let _ended = active.mcu_failing_over().conference_terminated(); // 3a, 5c
    let _ended = Session::<_, M>::new(uri("sip:conf@contoso.com")).conference_terminated(); // 5a
    let _ended = Session::<_, M>::new(uri("sip:conf@contoso.com"))
        .mcu_activated(info, Instant::now())
        .conference_terminated(); // 1, 5b

    // Transition 2, and activation before the join completes.
    let unjoined = Session::<_, M>::new(uri("sip:other@contoso.com"));
    let Ok(Joined::Unsupported(terminated)) = unjoined.conference_joined([other]) else {
        unreachable!()
    };
    let _reason = terminated.reason();
    let early = Session::<_, M>::new(uri("sip:early@contoso.com"));
    let _active = early.mcu_activated(McuInfo::new(uri("sip:early@contoso.com;ours"), None), Instant::now());
}

fn main() {
    lifecycle::<InstantMessaging, AudioVideo>();
    lifecycle::<AudioVideo, InstantMessaging>();
}
