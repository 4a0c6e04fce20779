## Staff: spaces and tariffs (dialogs/admin/catalog/)

catalog-title = <b>🏢 Spaces and tariffs</b>
catalog-list-hint =
    🟢 clients see and book it; 🟡 on, but with no active tariff clients do not see it; ⏸ switched off.
    Tap a space to change it or its tariffs.
catalog-empty = No spaces yet. Add the first one, then give it tariffs.
btn-catalog-new-space = ➕ New space

## A space's card

catalog-space-new = <b>🆕 New space</b>, not saved yet
catalog-space-title = <b>🏢 { $name }</b>
catalog-status-on = 🟢 Clients see and book it.
catalog-status-hidden = 🟡 On, but clients do not see it: it has no active tariff. Add one in "💰 Tariffs".
catalog-status-off = ⏸ Switched off: clients neither see nor book it. Bookings made before still stand.
catalog-space-stats = Tariffs: { $active } active of { $total }. Live bookings ahead: { $bookings }.
catalog-new-hint = <i>Check the fields (tap any to change it), then "👁 Preview", which has the "✅ Save" button.</i>
catalog-unsaved = <i>✏️ Unsaved changes: { $count }. Open "👁 Preview" to see and save them, or discard them.</i>
btn-catalog-preview = 👁 Preview
btn-catalog-discard = ↩️ Discard changes
btn-catalog-tariffs = 💰 Tariffs ({ $tariffs_total })
btn-catalog-switch-off = ⏸ Switch off
btn-catalog-switch-on = ▶️ Switch on
btn-catalog-to-spaces = ◀️ To spaces
catalog-discarded = Changes discarded.

## Fields

catalog-field-name = Name
catalog-field-kind = Kind
catalog-field-capacity = Places
catalog-field-hours = Opening hours
catalog-field-about = Description
catalog-field-photo = Photo
catalog-field-step = Start step
catalog-field-buffer = Break
catalog-field-ahead = Book ahead
catalog-field-lead = At the latest
catalog-field-name_en = 🇬🇧 Name
catalog-field-about_en = 🇬🇧 Description
catalog-field-unit = Paid by
catalog-field-price = Price
catalog-field-durations = Length
catalog-field-discount = Volume discount
catalog-none = —
catalog-photo-yes = yes
catalog-closed = closed
catalog-minutes = { $minutes } min
catalog-hours = { $hours } h
catalog-days = { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
catalog-lead-none = until the very start
catalog-durations-range = { $min }–{ $max } { $unit ->
        [hour] h
        [day] days
       *[month] months
    }
catalog-discount-value = { $percent }% from { $units } { $unit ->
        [hour] h
        [day] days
       *[month] months
    }
catalog-unit-hour = ⏱ By the hour
catalog-unit-day = 📅 By the day
catalog-unit-month = 🗓 By the month

## Editing a field, and the steps of a new space or tariff

catalog-step = <i>Step { $step } of { $steps }</i>
catalog-current = Now: { $current }
btn-catalog-clear = 🗑 Remove
btn-catalog-skip = Skip ▶️
btn-catalog-next = Next ▶️
catalog-text-expected = Text is needed here, in one message.
catalog-photo-expected = Send a photo (as a photo, not as a file) or tap a button under the message.
catalog-pick-expected = Pick an option with a button under the message.
catalog-ask-name = <b>The space's name</b>
    As clients will see it, { $min } to { $max } characters on one line. For example: Meeting room Small.
catalog-ask-kind = <b>Kind of space</b>
    Pick what this space is.
catalog-ask-capacity = <b>How many places?</b>
    How many bookings may run at once: for an open space the number of desks, for a meeting room or an office usually 1. A number from 1 to { $capacity }.
catalog-ask-space-about = <b>Description</b>
    What is inside, who it is for, the equipment, up to { $limit } characters. Clients see it under "💳 Tariffs".
catalog-ask-space-about_en = <b>🇬🇧 Description in English</b>
    Clients who use English see it, up to { $limit } characters. Without it they see the Russian one.
catalog-ask-photo = <b>Photo</b>
    Send one photo of the space: clients see it when they pick a tariff.
catalog-ask-step = <b>Start step</b>
    How many minutes apart hourly bookings may start: 15, 30 or 60, or another number that divides the hour (5, 10, 20) or is whole hours (120, 180).
catalog-ask-buffer = <b>Break between bookings</b>
    Minutes kept free before and after every booking, for cleaning and airing. 0 to { $buffer }.
catalog-ask-ahead = <b>Book ahead</b>
    How many days ahead one may book: 1 to { $days }.
catalog-ask-lead = <b>At the latest…</b>
    How many minutes before the start one may still book: 0 until the very start, 60 an hour before at the latest. At most { $lead }.
catalog-ask-name_en = <b>🇬🇧 Name in English</b>
    Clients who use English see it, { $min } to { $max } characters. Without it they see the Russian one.
catalog-ask-tariff-name = <b>The tariff's name</b>
    As clients will see it, { $min } to { $max } characters. For example: Hourly.
catalog-ask-tariff-name_en = <b>🇬🇧 The tariff's name in English</b>
    Clients who use English see it, { $min } to { $max } characters.
catalog-ask-unit = <b>What is paid for?</b>
    An hourly booking starts at any free slot; daily and monthly ones take whole days.
catalog-ask-price = <b>Price per { $unit ->
        [hour] hour
        [day] day
       *[month] month
    }</b>
    In rubles, e.g. 1200 or 1200.50. A free tariff can only be a trial, once per client: the button below.
catalog-ask-durations = <b>Booking length</b>
    The shortest and the longest booking in { $unit ->
        [hour] hours
        [day] days
       *[month] months
    } with a dash, e.g. 1-8; one number means exactly that. At most { $longest }.
catalog-ask-discount = <b>Volume discount</b>
    Two numbers: from what length (in { $unit ->
        [hour] hours
        [day] days
       *[month] months
    }) and what percent, e.g. "3 10" for 10% from 3. Up to { $percent }%.
catalog-ask-tariff-about = <b>The tariff's description</b>
    What it includes, its terms, up to { $limit } characters. Clients see it under the tariff.
catalog-ask-tariff-about_en = <b>🇬🇧 The tariff's description in English</b>
    Up to { $limit } characters. Without it clients who use English see the Russian one.
btn-catalog-free-trial = 🎁 Free trial (once)

## Opening hours

catalog-hours-title = <b>Opening hours</b>
    Pick a day or a group of days, then send the hours.
catalog-days-weekdays = Mon–Fri
catalog-days-weekend = Sat–Sun
catalog-days-all = Every day
catalog-pick-days = First pick a day or days with a button under the message.
catalog-day-hours-ask = <b>{ $days }</b>, now: { $current }
    Send the opening hours, e.g. 09:00-21:00 (round the clock: 00:00-24:00), or tap "Closed".
btn-catalog-closed = 🚫 Closed

## Switching off and on

catalog-space-off-ask = <b>Switch "{ $name }" off?</b>
    Clients will no longer see or book it. Live bookings ahead: { $bookings }. They stay as they are; cancel them from the bookings desk if needed.
catalog-tariff-off-ask = <b>Switch the tariff "{ $name }" off?</b>
    Clients will no longer see or book it. Live bookings ahead: { $bookings }. They stay as they are; cancel them from the bookings desk if needed.
btn-catalog-switch-off-yes = ⏸ Yes, switch off
catalog-space-switched-off = ⏸ Switched off. Clients no longer see it. Live bookings kept: { $bookings }.
catalog-space-switched-on = { $tariffs ->
        [0] ▶️ Switched on, but clients will see it only once it has an active tariff.
       *[other] ▶️ Switched on: clients see and book it again.
    }
catalog-tariff-switched-off = ⏸ Tariff switched off. Clients no longer see it. Live bookings kept: { $bookings }.
catalog-tariff-switched-on = { $space_off ->
        [yes] ▶️ Tariff switched on, but its space is off: clients will see it once the space is on.
       *[other] ▶️ Tariff switched on: clients see and book it again.
    }

## Tariffs

catalog-tariffs-title = <b>💰 Tariffs: { $space }</b>
    🟢 clients see it; ⏸ switched off. Tap a tariff to change it.
catalog-tariffs-empty = No tariffs yet: without one clients do not see the space. Add the first.
catalog-tariffs-space-off = ⏸ The space is switched off: clients see none of its tariffs.
btn-catalog-new-tariff = ➕ New tariff
btn-catalog-to-space = ◀️ To the space
catalog-tariff-new = <b>🆕 New tariff</b>, { $space }, not saved yet
catalog-tariff-title = <b>💰 { $name }</b>, { $space }
catalog-tariff-space-off = The space is switched off, so clients do not see this tariff either.
catalog-tariff-stats = Live bookings ahead: { $live }; bookings in all: { $all }.
catalog-toggle-confirm = A manager confirms
catalog-toggle-trial = Trial: once per client
catalog-toggle-check_in = Check-in required
btn-catalog-to-tariffs = ◀️ To tariffs

## The preview

catalog-preview-title = <b>👁 What clients will see</b> ({ $language ->
        [en] in English
       *[other] in Russian
    })
catalog-preview-unsaved = <i>Not saved yet: check it, then tap "✅ Save".</i>
catalog-preview-no-tariffs = <i>🟡 Until the space has an active tariff, clients do not see it: add one after saving.</i>
catalog-preview-space-off = <i>⏸ The space is switched off: clients do not see it now.</i>
catalog-preview-tariff-off = <i>⏸ The tariff is switched off: clients do not see it now; this is how it would look switched on.</i>
catalog-preview-booking = <b>📅 When booking, the tariff buttons:</b>
btn-catalog-preview-en = 🇬🇧 As seen in English
btn-catalog-preview-ru = 🇷🇺 As seen in Russian
btn-catalog-save = ✅ Save
catalog-saved = ✅ Saved. Clients see the change already.

## Refusals

error-catalog-not-found = No such space or tariff: the list may be out of date.
error-catalog-name = A name is { $min } to { $max } characters on one line.
error-catalog-name-taken = The name "{ $name }" is taken: pick another.
error-catalog-text = A description is text of up to { $max } characters.
error-catalog-capacity = Places: a whole number from 1 to { $max }.
error-catalog-capacity-bookings = The places cannot be { $capacity }: at some time ahead { $bookings } bookings run at once. Move or cancel the extra ones first.
error-catalog-hours = I could not read the hours. Send them like 09:00-21:00 (or 9-21); "-" for closed.
error-catalog-hours-order = Closing ({ $closes }) must come after opening ({ $opens }). Round the clock: 00:00-24:00.
error-catalog-hours-none = A space must be open at least one day. If it is not open at all, switch it off.
error-catalog-slot-step = The step is minutes that divide the hour (5, 10, 15, 20, 30) or whole hours (60, 120…).
error-catalog-buffer = The break is a whole number of minutes from 0 to { $max }.
error-catalog-horizon = Book ahead: a whole number of days from 1 to { $max }.
error-catalog-lead = "At the latest": a whole number of minutes from 0 to { $max }.
error-catalog-lead-horizon = "At the latest" must be shorter than the booking horizon ({ $days } days), or nothing could be booked.
error-catalog-photo = This photo does not fit: send another one.
error-catalog-price = I could not read the price. Send rubles, e.g. 1200 or 1200.50.
error-catalog-price-negative = A price cannot be negative.
error-catalog-price-free = 0 ₽ is only for a trial tariff (once per client): switch "Trial" on, or set a price.
error-catalog-price-high = Too expensive: at most { $max } ₽ a unit for such lengths.
error-catalog-durations = The length is numbers from 1, e.g. 1-8 or 3.
error-catalog-durations-order = The shortest booking ({ $min }) is longer than the longest ({ $max }).
error-catalog-durations-long = The longest booking is at most { $max } { $unit ->
        [hour] h
        [day] days
       *[month] months
    }
error-catalog-discount = A discount is two numbers: from what length (2 or more) and a percent from 1 to { $max }, e.g. "3 10".
error-catalog-discount-range = The discount must start from a length of { $min } to { $max }, or it never applies or always does.
error-catalog-unit-locked = The unit cannot change: the tariff already has { $bookings } bookings. Make a new tariff and switch this one off.

## The audit log

audit-catalog-space-create = 🏢 added the space "{ $name }"
audit-catalog-space-update = ✏️ changed the space "{ $name }"
audit-catalog-space-deactivate = ⏸ switched off the space "{ $name }"
audit-catalog-space-activate = ▶️ switched on the space "{ $name }"
audit-catalog-tariff-create = 💰 added the tariff "{ $name }"
audit-catalog-tariff-update = ✏️ changed the tariff "{ $name }"
audit-catalog-tariff-deactivate = ⏸ switched off the tariff "{ $name }"
audit-catalog-tariff-activate = ▶️ switched on the tariff "{ $name }"
