// The whole documented lifecycle of an audio/video session compiles.
use mcu_session::{
    AdvertisedMcu, AudioVideo, InstantMessaging, AudioVideoMcuSession, Joined, McuInfo,
    McuStatus, Reconnected, Resumed, Uri,
};

fn main() {
    let uri = |text: &str| Uri::parse(text).unwrap();
    let chat = AdvertisedMcu::of::<InstantMessaging>(uri("sip:conf@contoso.com;chat"), None);
    let av = AdvertisedMcu::of::<AudioVideo>(uri("sip:conf@contoso.com;av"), None);

    let session = AudioVideoMcuSession::new(uri("sip:conf@contoso.com"));
    let Joined::Bound(idle) = session.conference_joined(&[chat, av.clone()]) else {
        unreachable!()
    };
    let info = McuInfo::<AudioVideo>::try_from(av).unwrap();
    let active = idle.mcu_activated(info.clone()); // 1
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
    let _active = idle.mcu_activated(info); // 1 again

    // Transition 2 from a fresh session, and activation before the join.
    let unjoined = AudioVideoMcuSession::new(uri("sip:other@contoso.com"));
    let im_only = [AdvertisedMcu::of::<InstantMessaging>(uri("sip:other@contoso.com;chat"), None)];
    let Joined::Unsupported(terminated) = unjoined.conference_joined(&im_only) else {
        unreachable!()
    };
    let _reason = terminated.reason();
    let early = AudioVideoMcuSession::new(uri("sip:early@contoso.com"));
    let _active = early.mcu_activated(McuInfo::new(uri("sip:early@contoso.com;av"), None));
}
