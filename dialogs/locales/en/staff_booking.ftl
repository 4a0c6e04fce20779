## A booking staff make for a client (the bookings desk, the client card)

staff-booking-client-ask =
    <b>📝 Booking for a client</b>
    Who is the booking for? Send one of:
    • a phone number, e.g. +7 916 123-45-67;
    • a username, e.g. @anna;
    • a Telegram ID in digits.
    The client must be registered in the bot.
staff-booking-text-expected = A text is needed here — one message, no photos, stickers or files.
staff-booking-pick-space =
    <b>📝 Booking for a client</b>
    👤 { $client }

    What to book?
staff-booking-nothing = There is nothing to book right now: no open spaces with tariffs.
btn-staff-booking-other-client = 👤 Another client
staff-booking-pick-tariff =
    👤 { $client }
    <b>{ $space }</b>
    Pick a tariff:
staff-booking-pick-day =
    👤 { $client }
    <b>{ $tariff }</b>
    Pick a day. ✖ — the day is not available: no places, the coworking is closed, or the time has passed.
staff-booking-pick-start =
    👤 { $client }
    <b>{ $date }</b>
    Pick the start time:
staff-booking-no-starts =
    👤 { $client }
    There is no free time on { $date } — pick another day.
staff-booking-pick-units =
    👤 { $client }
    For how long?
staff-booking-summary =
    <b>📝 Check the booking</b>

    👤 { $client }
    📍 { $space } · { $tariff }
    🗓 { $period }
    ⏱ { $duration }

    { $prices }

    { $payment }
staff-booking-summary-free = It is free: the booking is confirmed at once, and the client gets a message.
staff-booking-summary-on-site = 💵 “Paid on site”: the booking is confirmed at once; the client pays { $total } when they come.
staff-booking-summary-link = 💳 “Payment link”: the client gets a message with a button to pay { $total } online. The place is held for them for { $minutes } min — if they do not pay, it is released.
staff-booking-summary-link-confirm = ℹ️ A manager confirms this tariff: once paid from the link, the booking comes to the requests and needs confirming.
staff-booking-summary-no-links = Online payments are not set up in this coworking, so it can only be paid on site.
btn-staff-booking-on-site = 💵 Paid on site
btn-staff-booking-link = 💳 Send a payment link
btn-staff-booking-free = ✅ Book
btn-staff-booking-promo = 🏷 Client's promo code
staff-booking-promo-ask = Send the client's promo code as a message — the discount follows the same rules as when the client books.
btn-staff-booking-no-promo = No promo code
staff-booking-done =
    <b>✅ Booking #{ $booking_id } made</b>

    👤 { $client }
    📍 { $space } · { $tariff }
    🗓 { $period }

    { $outcome }
staff-booking-done-on-site = The booking is confirmed. The client pays { $total } on site — we have told them about the booking.
staff-booking-done-free = The booking is confirmed; it is free. We have told the client about the booking.
staff-booking-done-link = The client has been sent a message with a button to pay { $total }. The place is held for them until { $until }: if they do not pay, it is released.
btn-staff-booking-open = 📋 Open the booking
btn-staff-booking-close = ✔️ Done

## Refusals

error-staff-booking-client-key = Send a phone number (e.g. +7 916 123-45-67), a username (e.g. @anna) or a Telegram ID in digits.
error-staff-booking-client-unknown = Client not found. Check the number or the username: the client must be registered in the bot.
error-staff-booking-client-unregistered = This person has not finished registering in the bot, so you cannot book for them yet. Ask them to send /start to the bot and register.
error-staff-booking-client-banned = This client is banned — you cannot book for them until the ban is lifted (the “👤 Clients” section).
error-staff-booking-links-off = Online payments are not set up, so a payment link cannot be sent. Choose “Paid on site”.
error-staff-booking-trial-used = The client has already used the free trial day — pick another tariff.
error-staff-booking-too-many-waiting = The client already has { $max } { $max ->
        [one] booking
       *[other] bookings
    } waiting for payment or confirmation, so no link can be sent. You can choose “Paid on site”.
error-staff-booking-promo-used = The client has already used this promo code.
error-staff-booking-promo-first = This promo code is for a first booking only, and the client has booked before.

## What the client is told

notice-staff-booked-pay-link = 📌 We have booked a place for you: booking #{ $booking_id }, { $space } · { $tariff }, { $period }.
    To pay: { $total }. The place is held for you until { $until } — pay with the button below, or it is released.
btn-staff-booked-pay = 💳 Pay
notice-staff-booked-on-site = ✅ We have booked a place for you: booking #{ $booking_id }, { $space } · { $tariff }, { $period }.
    The booking is confirmed; you pay { $total } on site. See you soon! A calendar file is below.
notice-staff-booked-free = ✅ We have booked a place for you: booking #{ $booking_id }, { $space } · { $tariff }, { $period }.
    The booking is confirmed, free of charge. See you soon! A calendar file is below.

## The audit log

audit-booking-create_for_client = 📝 booked #{ $target } for the client { $name } ({ $after_status })
