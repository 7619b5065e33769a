// Attendance announcements are spoken: an instant messaging MCU has none.
use mcu_session::{AttendanceAnnouncementsStatus, InstantMessaging, Operation};

fn main() {
    let _ = Operation::<InstantMessaging>::modify_attendance_announcements(
        AttendanceAnnouncementsStatus::Disabled,
    );
}
