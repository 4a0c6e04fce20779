## Promo codes (staff, MANAGE_PROMO): the list and a code's card

promo-list-title =
    <b>🏷 Promo codes</b>
    🟢 active · 🕒 not started yet · ⌛ expired · 🔴 used up · ⚪️ switched off
    Next to each code: its discount and how many times it has been used (of how many). Tap a code to see its terms and results, or to switch it off.
promo-list-empty = No promo codes yet. Tap “➕ New promo code”.
btn-promo-new = ➕ New promo code
btn-promo-to-list = ◀️ Back to the codes
btn-promo-switch-off = ⏸ Switch off
btn-promo-switch-on = ▶️ Switch on
promo-switched-off = { $code } is switched off: clients can no longer apply it. Bookings already made with it keep their discount.
promo-switched-on = { $code } is switched on again.
promo-percent = { $value }%
promo-card-title = <b>🏷 <code>{ $code }</code></b>
promo-card-status = Status: { $status }
promo-status = { $status ->
    [active] active
    [not_started] not started yet
    [expired] expired
    [used_up] used up — no uses left
   *[off] switched off
}
promo-terms-discount = Discount: { $discount }
promo-terms-window = Valid: { $has_first ->
    [yes] from { $first }
   *[no] from when it was created
} { $has_last ->
    [yes] through { $last }
   *[no] with no end date
}
promo-terms-limits = Uses in total: { $limited ->
    [yes] at most { $total }
   *[no] no limit
}; per client: at most { $per_user }
promo-terms-tariffs = Tariffs: { $tariffs }
promo-tariffs-all = all
promo-tariff-gone = tariff #{ $id } (not on sale now)
promo-terms-first = A client's first booking only: { $first ->
    [yes] yes
   *[no] no
}
promo-card-uses = Used: { $uses } { $limited ->
    [yes] of { $total }
   *[no] (no limit)
}
promo-card-money =
    📊 Bookings with the code: { $bookings }
    Discount given: { $discount }
    Revenue: { $revenue }
    <i>Bookings and discount leave out bookings that were cancelled or not paid in time. Revenue is what clients paid for bookings with this code (online and at the desk), less refunds.</i>

## Promo codes: a new code, step by step

promo-text-expected = Please answer with text, or tap one of the buttons under the message.
promo-new-code =
    <b>➕ New promo code</b> · step 1 of 9
    Send the code: Latin letters and digits, hyphens between them allowed, { $min } to { $max } characters — e.g. SPRING15. Upper or lower case does not matter: clients may type it either way.
    Or tap “🎲 Make one up”.
btn-promo-generate = 🎲 Make one up
btn-promo-cancel-new = ✖️ Don't create
promo-new-kind =
    <b>➕ New promo code <code>{ $code }</code></b> · step 2 of 9
    What kind of discount?
btn-promo-kind-percent = % A percentage of the price
btn-promo-kind-fixed = ₽ A fixed amount
promo-new-percent =
    <b>➕ New promo code <code>{ $code }</code></b> · step 3 of 9
    How many percent off? Send a number from 1 to { $percent_max }. 100 makes the booking free.
promo-new-amount =
    <b>➕ New promo code <code>{ $code }</code></b> · step 3 of 9
    How many rubles off? Send the amount, e.g. 300 or 299.90 (at most { $amount_max } ₽). A cheaper booking becomes free.
promo-new-first-day =
    <b>➕ New promo code <code>{ $code }</code></b> · step 4 of 9
    From which day is the code valid? Send the date as DD.MM.YYYY, e.g. 01.03.2027: the code starts working at 00:00 that day, the coworking's time.
    Or tap “Right away”.
btn-promo-from-now = ▶️ Right away
promo-new-last-day =
    <b>➕ New promo code <code>{ $code }</code></b> · step 5 of 9
    Through which day (included) is the code valid? Send the date as DD.MM.YYYY: the code stops working at midnight at the end of that day, the coworking's time.
    Or tap “No end date”.
btn-promo-no-end = ♾ No end date
promo-new-max-uses =
    <b>➕ New promo code <code>{ $code }</code></b> · step 6 of 9
    How many times may the code be used in total, by all clients together? Send a number from 1 to { $limit_max }.
    Or tap “No limit”. When a booking with the code is cancelled or not paid in time, its use comes back.
btn-promo-no-limit = ♾ No limit
promo-new-per-user =
    <b>➕ New promo code <code>{ $code }</code></b> · step 7 of 9
    How many times may one client use the code? Send a number, or tap “Once”.
btn-promo-once-each = 1️⃣ Once
promo-new-tariffs =
    <b>➕ New promo code <code>{ $code }</code></b> · step 8 of 9
    Which tariffs is the code for? Tap “All tariffs”, or tick the ones you want and tap “Done”.
btn-promo-all-tariffs = 🌐 All tariffs
btn-promo-tariffs-done = Done ▶️
promo-new-first-only =
    <b>➕ New promo code <code>{ $code }</code></b> · step 9 of 9
    Is the code for a client's first booking only (new clients)?
btn-promo-first-yes = Yes, first booking only
btn-promo-first-no = No, any booking
promo-new-summary =
    <b>➕ New promo code <code>{ $code }</code></b>
    Check the terms and tap “Save”. Clients can apply the code from the first day of its dates.

    { $terms }
btn-promo-save = ✅ Save
promo-saved = Promo code { $code } is saved.

## Promo codes: refusals

error-promo-code-invalid = A code is Latin letters and digits, hyphens between them allowed, { $min } to { $max } characters. For example: SPRING15 or WELCOME-2027.
error-promo-code-taken = The code { $code } already exists. Think of another one or tap “🎲 Make one up”.
error-promo-percent-invalid = The percentage is a whole number from 1 to { $max }.
error-promo-amount-invalid = The amount is in rubles, above zero and at most { $max } ₽, e.g. 300 or 299.90.
error-promo-day-invalid = Send the date as DD.MM.YYYY, e.g. 01.03.2027.
error-promo-window-invalid = The last day cannot be before the first one.
error-promo-window-past = That day has passed: a code with this end date would never work.
error-promo-limit-invalid = Please send a whole number from 1 to { $max }.
error-promo-tariffs-invalid = Tick at least one of the tariffs on sale now, or choose “All tariffs”.
error-promo-not-found = There is no such promo code.

## Promo codes in the audit log

audit-promo-create = 🏷 created the promo code { $name }
audit-promo-deactivate = ⏸ switched off the promo code { $name }
audit-promo-activate = ▶️ switched on the promo code { $name }
