## Paying for a booking online (dialogs/client/payment/)

pay-title = <b>💳 Paying for booking #{ $id }</b>
    📍 { $title }
    🗓 { $period }
    💰 Amount: <b>{ $total }</b>
pay-held = ⏳ The place is held for you until <b>{ $until }</b>.
pay-open = Tap “💳 Pay” to open YooKassa's secure payment page. Paid? Come back here and tap “🔄 I paid — check”.
pay-open-link = Open the link: it is YooKassa's payment page. Paid? Come back here and tap “🔄 I paid — check”.
    { $url }
pay-not-yet = The payment has not arrived yet. If you have paid, wait a minute and tap “🔄 I paid — check” again.
pay-not-yet-short = The payment has not arrived yet.
pay-delayed = 🐢 The payment service is slow right now. Tap “🔄 Check again” in a minute — no second payment is created, so you never pay twice.
pay-failed = 😕 We could not create the payment. Tap “🔄 Try again”.
pay-canceled = ❌ The payment did not go through, and no money was taken. Tap “🔄 Try again” to pay again.
pay-confirmed = ✅ Payment received, your booking is confirmed! The details and a calendar file come in a separate message.
pay-pending = ✅ Payment received. A manager will confirm the booking — we will message you right away.
pay-on-site = 💵 This booking is paid on site. A manager will confirm the request — we will message you right away.
pay-expired = ⌛ The time to pay ran out and the place was released. If your plans stand, please book again.
pay-cancelled = This booking is cancelled.
pay-status = Booking status: { $status }.

btn-pay = 💳 Pay { $total }
btn-pay-check = 🔄 I paid — check
btn-pay-recheck = 🔄 Check again
btn-pay-retry = 🔄 Try again
btn-pay-booking = 💳 Pay
btn-book-again = 📅 Book again

# What cancelling gives back, under the cancellation terms (My bookings and the payment window).
pay-cancel-unpaid = You have not paid anything for this booking, so cancelling costs nothing.
pay-cancel-paid-full = 💳 You paid { $paid }. Cancel now and we return all of it — { $refund }.
pay-cancel-paid-part = 💳 You paid { $paid }. Cancel now and we return { $refund } ({ $percent } %).
pay-cancel-paid-none = 💳 You paid { $paid }. Cancel now and the money is not returned.

pay-details-paid = 💳 Paid online: { $amount }
pay-details-refunded = ↩️ Refund: { $amount }

error-payment-disabled = Online payment is not available right now. You can pay on site — a manager will help.
error-payment-failed = We could not create the payment. Please try again a bit later.
error-payment-delayed = The payment service is slow right now. Please try again in a minute — no second payment is created.

## Notices about money (coworking_bot/services/payments/notices.py, booking/notices.py)

notice-staff-booking-waits-on-site = 🔔 <b>Booking request #{ $booking_id } waits for confirmation</b>
    { $space } · { $tariff }
    🗓 { $period }
    💵 Paid on site: { $total }
    👤 { $client }, { $phone }
notice-booking-paid-pending = ✅ Payment for booking #{ $booking_id } received: { $total }.
    { $space } · { $tariff }, { $period }.
    A manager will confirm the booking — we will message you right away.
notice-staff-booking-paid = 💳 <b>Booking #{ $booking_id } is paid online and confirmed</b>
    { $space } · { $tariff }
    🗓 { $period }
    💰 Paid: { $total }
    👤 { $client }, { $phone }
notice-refund-started = ↩️ We are returning { $amount } for booking #{ $booking_id } ({ $space } · { $tariff }, { $period }) to the card you paid with. It usually arrives within a few days.
notice-payment-late-refund = ↩️ Your payment of { $amount } for booking #{ $booking_id } ({ $space } · { $tariff }, { $period }) arrived when the booking no longer waited for it: the time to pay ran out and the place was taken, or the booking was cancelled or already paid. So we are returning the full amount to the card you paid with. It usually arrives within a few days.
notice-refund-done = ✅ The refund of { $amount } for booking #{ $booking_id } ({ $space } · { $tariff }, { $period }) is done. Your bank may take a few days to show the money on your card.
notice-staff-refund-failed = ⚠️ <b>YooKassa did not make the refund for booking #{ $booking_id }</b>
    Amount: { $amount }
    👤 { $client }, { $phone }
    YooKassa said: { $error }
    Please return the money to the client by hand.
notice-payment-canceled = ❌ The payment of { $amount } for booking #{ $booking_id } did not go through: { $space } · { $tariff }, { $period }. No money was taken.
    The place is held for you until { $until } — try paying again in “🗂 My bookings”.

## Money taken at the desk

notice-payment-on-site = ✅ We received { $amount } { $method ->
        [cash] in cash
       *[card] by card
    } for booking #{ $booking_id }: { $space } · { $tariff }, { $period }. Thank you!
notice-refund-on-site = ↩️ { $amount } you paid at the desk ({ $method ->
        [cash] in cash
       *[card] by card
    }) for booking #{ $booking_id } ({ $space } · { $tariff }, { $period }) will be given back at the desk. Ask the staff on your next visit, or write to support.
notice-staff-refund-on-site = ↩️ <b>Give back { $amount } at the desk for booking #{ $booking_id }</b>
    It was paid { $method ->
        [cash] in cash
       *[card] by card
    }; the booking is cancelled.
    👤 { $client }, { $phone }
