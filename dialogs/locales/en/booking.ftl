## Booking: choosing, the summary, the result

btn-book = 📅 Book
btn-my-bookings = 🗂 My bookings

book-date = { $weekday }, { $day } { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year }
book-period-hours = { $date }, { $start }–{ $end }
book-period-days = { $first } to { $last }
book-units = { $units } { $unit ->
        [hour] { $units ->
            [one] hour
           *[other] hours
        }
        [day] { $units ->
            [one] day
           *[other] days
        }
       *[month] { $units ->
            [one] month
           *[other] months
        }
    }

book-pick-space = <b>📅 Booking</b>
    What would you like to book?
book-nothing = There is nothing to book right now — please check back later.
book-pick-tariff = <b>{ $space }</b>
    Choose a tariff:
book-pick-day = <b>{ $tariff }</b>
    Choose a day. ✖ — not available: fully booked, closed, or already past.
book-pick-start = <b>{ $date }</b>
    Choose a start time:
book-no-starts = There is no free time on { $date }. Choose another day or join the waitlist.
btn-waitlist-busy = ⏳ Time you need is taken?
book-pick-units = How long would you like to book?
book-promo-ask = Have a promo code? Send it as a message — or tap “No promo code”.
book-promo-text-expected = Send the promo code as text, or tap “No promo code”.
btn-no-promo = No promo code ▶️

book-summary = <b>Check your booking</b>

    📍 { $space } · { $tariff }
    🗓 { $period }
    ⏱ { $duration }

    { $prices }

    { $payment }
book-summary-confirmation = ℹ️ A manager confirms this booking — we will message you once they do.
book-summary-pay-online = 💳 Right after you confirm, you pay { $total } online. The place is held for you for { $minutes } min — please pay within that time.
book-summary-pay-on-site = 💵 Payment on site. A manager confirms the request — we will message you right away.
book-summary-free = This is free — the booking is confirmed at once.
book-summary-free-confirm = This is free.
btn-booking-confirm-client = ✅ Confirm booking
btn-weekly = 🔁 Repeat every week

book-price-base = { $units } × { $price } = { $subtotal }
book-price-volume = Volume discount −{ $percent } %: −{ $amount }
book-price-promo = Promo code { $code }: −{ $amount }
book-price-promo-applied = Promo code discount: −{ $amount }
book-price-total = <b>Total: { $total }</b>
book-price-free = <b>Total: free</b>

book-done = <b>{ $space }</b>
    { $periods }

    { $outcome }
book-done-confirmed = ✅ Your booking is confirmed. See you soon!
book-done-pending = 📨 Request sent. A manager will confirm it and we will message you right away.
book-done-pending-on-site = 📨 Request sent. A manager will confirm it and we will message you right away. You pay on site.
book-done-held-series = ⏳ The places are held for you until { $until }. Total to pay: { $total }.
    Pay for each booking in “🗂 My bookings” with the “💳 Pay” button. Bookings not paid by { $until } are released.

## Waitlist

book-full-day = Every place on { $date } is taken.
    Join the waitlist — if a place frees up, we will message you at once and you can book it with one tap.
book-full-hours = <b>{ $date }</b>
    Choose a taken time you would like to wait for. If it frees up, we will message you at once.
book-full-none = All the remaining hours of this day are free or already past — pick a time from the free ones.
btn-waitlist-join = ⏳ Join the waitlist
book-waitlist-joined = You are on the waitlist: { $period }. We will message you as soon as a place frees up.

## Weekly

book-weekly-ask = For how many weeks in a row (including the first) should we book this time?
book-weekly-dates = <b>Every week at the same time</b>
    { $dates }

    Free dates: { $free }, { $each } each, { $total } in total. Promo codes do not apply to recurring bookings.
book-weekly-free = ✅ { $period }
book-weekly-taken = ❌ { $period } — taken
book-weekly-none = None of these dates is free — please choose another time.
btn-weekly-book = ✅ Book the free ones ({ $free })

## My bookings

my-bookings-upcoming = <b>🗂 My bookings — upcoming</b> ({ $total })
    Tap a booking to see its details.
my-bookings-past = <b>🗂 My bookings — past and cancelled</b> ({ $total })
my-bookings-empty = Nothing here yet.
btn-page-prev = ◀️
btn-page-next = ▶️
btn-bookings-past = 🕘 Past
btn-bookings-upcoming = 📅 Upcoming

book-details = <b>Booking #{ $id }</b>
    📍 { $title }
    🗓 { $period }
    Status: { $status }

    { $prices }
book-details-hold = ⏳ The place is held for you until { $until }. Pay with the “💳 Pay” button, or the place will be released.
book-status = { $status ->
        [held] awaiting payment
        [pending] awaiting a manager's confirmation
        [confirmed] confirmed
        [completed] completed
        [no_show] you did not come
        [expired] not paid in time
       *[cancelled] cancelled
    }
btn-ics = 📎 Add to calendar (.ics)
btn-move = 🔄 Reschedule
btn-cancel-booking = ❌ Cancel booking
book-ics-caption = Open the file to add the booking to your calendar.

book-cancel-ask = <b>Cancel this booking?</b>
    📍 { $title }
    🗓 { $period }

    { $terms }
book-cancel-free = Cancelling now is free: until { $until } the full amount is refunded.
book-cancel-late = Free cancellation was possible until { $until }. Now { $percent } % of the price is refunded.
book-cancel-request = A manager has not confirmed this request yet, so you can withdraw it for free: the full amount is refunded.
btn-cancel-confirm = Yes, cancel
book-cancelled = Booking cancelled.
book-cancelled-refund = Booking cancelled. { $refund } comes back: to your card if paid online (usually within a few days), at the desk if paid there.
book-cancelled-no-refund = Booking cancelled. Under the cancellation terms the payment is not refunded.

book-move-pick-day = <b>Reschedule</b>
    📍 { $title }
    Now: { $period }
    Choose a new day. ✖ — not available.
book-move-pick-start = <b>{ $date }</b>
    Choose a new start time:
book-move-ask = <b>Move the booking?</b>
    📍 { $title }
    Was: { $old }
    Will be: { $new }

    { $terms }
book-move-terms-free = You can cancel free of charge until { $until }: moving does not extend the free cancellation.
book-move-terms-late = The free cancellation time is over and moving does not bring it back: cancelling returns { $percent } % of the payment.
book-move-to-staff = ℹ️ A manager will confirm the new time again; we will let you know.
book-moved-to-staff = The booking is moved. A manager will confirm the new time; we will let you know.
btn-move-confirm = ✅ Reschedule
book-moved = Booking rescheduled.

## Refusals

error-booking-past = That time has already passed — please choose another.
error-booking-too-far = That is too far ahead: bookings open at most { $days } days in advance.
error-booking-closed = The coworking is closed at that time — please choose another day or time.
error-booking-off-grid = A booking can only start at one of the offered times — please pick one with a button.
error-booking-taken = That time has just been taken — please choose another.
error-booking-trial-used = The free trial day is once per person, and you have already used it.
error-booking-not-found = Booking not found — it may have been cancelled or already ended.
error-tariff-unavailable = This tariff is not available right now — please choose another.
error-booking-request-changed = The client moved this request: the message now shows the new time. Please decide on it again.
error-booking-too-late-to-move = Free cancellation of this booking is over (or would be by the new time), and a manager would review it again after a move: a refusal would cost you the booking and the money. Write to us, we'll help.
error-booking-started = This booking has already started, so it can no longer be changed like that. If something went wrong, please write to us.
error-booking-too-many-waiting = At most { $max } { $max ->
        [one] booking
       *[other] bookings
    } may wait for payment or confirmation at once (each week of a repeating booking counts). Pay for or cancel some in “🗂 My bookings”, or pick fewer weeks.
error-booking-client-banned = This client is banned, so their booking cannot be confirmed. You can reject it.
error-promo-unknown = There is no such promo code. Please check it for typos.
error-promo-expired = This promo code has expired.
error-promo-not-started = This promo code is not valid yet.
error-promo-used-up = This promo code has run out: it has been used the maximum number of times.
error-promo-not-for-tariff = This promo code does not apply to the chosen tariff.
error-promo-already-used = You have already used this promo code.
error-promo-first-booking = This promo code is for a first booking only.
