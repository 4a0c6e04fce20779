# Notices sent through the outbox (coworking_bot/services/booking/notices.py) and their buttons.
notice-staff-booking-waits = 🔔 <b>Booking request #{ $booking_id } waits for confirmation</b>
    { $space } · { $tariff }
    🗓 { $period }
    💳 To pay: { $total }
    👤 { $client }, { $phone }
btn-booking-confirm = ✅ Confirm
btn-booking-reject = ❌ Reject
# Every copy of a request alert, edited once someone acted on it or the client changed it.
notice-staff-booking-request = <b>Booking request #{ $booking_id }</b>
    { $space } · { $tariff }
    🗓 { $period }
    💳 { $total }
    👤 { $client }, { $phone }
notice-staff-booking-confirmed-by = { notice-staff-booking-request }

    ✅ Confirmed by { $staff }
notice-staff-booking-rejected-by = { notice-staff-booking-request }

    ❌ Rejected by { $staff }
notice-staff-booking-moved = 🔔 <b>Booking request #{ $booking_id } waits for confirmation: the client moved it</b>
    { $space } · { $tariff }
    🗓 { $period } (was: { $was })
    💳 To pay: { $total }
    👤 { $client }, { $phone }
notice-staff-booking-moved-on-site = 🔔 <b>Booking request #{ $booking_id } waits for confirmation: the client moved it</b>
    { $space } · { $tariff }
    🗓 { $period } (was: { $was })
    💵 Paid on site: { $total }
    👤 { $client }, { $phone }
notice-staff-booking-withdrawn = { notice-staff-booking-request }

    ↩️ The client cancelled the booking: nothing to decide.
notice-staff-booking-lapsed = { notice-staff-booking-request }

    ⌛ Nobody answered before the booking ended: the request is closed and the client gets all the money back.
notice-booking-confirmed = ✅ Booking #{ $booking_id } is confirmed: { $space } · { $tariff }, { $period }. See you! The calendar file is below.
notice-booking-expired = ⌛ The time to pay for booking #{ $booking_id } ran out and the place was released: { $space } · { $tariff }, { $period }. If your plans stand, please book again. If you did pay after all, the booking comes back while the place is free; otherwise the money is refunded in full.
notice-booking-cancelled = Booking #{ $booking_id } is cancelled: { $space } · { $tariff }, { $period }.
notice-booking-rejected = ❌ Your request #{ $booking_id } was not confirmed: { $space } · { $tariff }, { $period }.
    Reason: { $reason }
    If you paid online, all of it goes back to your card. You can pick another time under “📅 Book”.
notice-booking-cancelled-by-staff = 🚫 Booking #{ $booking_id } was cancelled by the coworking: { $space } · { $tariff }, { $period }.
    Reason: { $reason }
    If you paid online, a separate message will tell you about the refund.
notice-booking-no-show = 🚫 We did not see you: booking #{ $booking_id } ({ $space } · { $tariff }, { $period }) is closed as a no-show and the rest of its time is given to others. If something happened, write to us.
notice-booking-lapsed = ⌛ Booking request #{ $booking_id } was not confirmed in time, and its time has passed: { $space } · { $tariff }, { $period }. The booking is cancelled; if you paid online, the full amount goes back to your card. We are sorry.
notice-waitlist-free = 🎉 The place you were waiting for is free: { $space } · { $tariff }, { $period }. Be quick: it goes to whoever taps first.
btn-waitlist-book = 📌 Book it

# What the buttons above answer.
notice-staff-confirmed = ✅ Confirmed by { $staff }
notice-staff-rejected = ❌ Rejected by { $staff }
notice-staff-already-decided = This request has already been handled, perhaps by another member of staff or by the client.
notice-waitlist-booked-short = ✅ Booked
notice-waitlist-booked = ✅ Booking #{ $booking_id }: { $space } · { $tariff }, { $period }. To pay: { $total }.
notice-waitlist-booked-hold = The place is yours until { $until }: pay for the booking in “🗂 My bookings” with the “💳 Pay” button, or it will be released.
notice-waitlist-booked-pending = A manager will confirm the request; we will let you know.
notice-waitlist-taken = Sorry, someone has already taken this place.
notice-waitlist-gone = This offer is no longer valid; perhaps you have already booked the place.
client-you-are-banned = 🚫 Your access to booking at the coworking is closed. Reason: { $reason }
    If this is a mistake, please contact the coworking's staff.
client-you-are-unbanned = ✅ Your access is open again: you can book and pay as before. Send /menu.
client-message-from-staff = ✉️ <b>A message from the coworking</b>

    { $text }
btn-booking-open = 📂 Open
notice-booking-moved-by-staff = 🔄 The coworking moved your booking #{ $booking_id }: { $space } · { $tariff }.
    Was: { $was }
    Now: { $period }
    If the new time does not suit you, write to support.
notice-staff-booking-cancelled = 🚫 <b>The client cancelled booking #{ $booking_id }</b>
    { $space } · { $tariff }
    🗓 { $period }
    👤 { $client }, { $phone }
    ↩️ Given back: { $refund }. The place is free again.

## Reminders (coworking_bot/services/booking/reminders.py, morning.py)

notice-reminder-day = ⏰ <b>Tomorrow at { $time }</b>: booking #{ $booking_id }, { $space } · { $tariff }, { $period }. See you!
notice-reminder-hour = ⏰ <b>Soon, at { $time }</b>: booking #{ $booking_id }, { $space } · { $tariff }, { $period }. See you!
notice-reminder-renewal = 🔁 Your { $tariff } at { $space } ({ $period }, booking #{ $booking_id }) is ending soon. Want to keep your place? Extend it for the next period.
btn-reminder-open = 📋 Open the booking
btn-reminder-move = 🔄 Reschedule
btn-reminder-cancel = ❌ Cancel
btn-reminder-extend = 🔁 Extend
notice-morning-schedule = 🌅 <b>Today, { $day }: { $total ->
        [one] { $total } booking
       *[other] { $total } bookings
    }</b>
    { $lines }{ $more ->
        [0] {""}
       *[other] {"\u000A"}… and { $more } more: open the schedule.
    }
notice-morning-schedule-empty = 🌅 <b>Today, { $day }</b>: nothing is booked yet.
btn-morning-schedule-open = 📅 Open the schedule
