admin-title = <b>🛠 Admin</b>
    Your role: { $role }
btn-admin-catalog = 🏢 Spaces and tariffs
btn-admin-promo = 🏷 Promo codes
btn-admin-broadcasts = 📣 Broadcasts
btn-admin-staff = 👥 Staff

## Staff: the list

admin-staff-title = <b>👥 Staff</b>
admin-staff-list-hint =
    👑 marks the owners. They are set in the bot's settings (ADMIN_TELEGRAM_ID), and their role cannot be changed from the bot.
    Tap a team member to change their role or remove them from the team.
admin-staff-empty = Apart from the owners, there is nobody on the team yet. Tap “➕ Add a team member”.
admin-staff-item = { $name } · { $role }
admin-staff-item-owner = 👑 { $name } · { $role }
admin-staff-who = { $name } (ID { $id })
admin-staff-no-name = ID { $id }
btn-admin-staff-add = ➕ Add a team member

## Staff: adding someone

admin-staff-ask-id =
    <b>➕ New team member</b>

    Send one of these:
    • the person's <b>Telegram ID</b> — digits only, e.g. 123456789. They can get their ID from the bot @userinfobot;
    • <b>any message from that person</b> — just forward it here;
    • <b>their contact</b> from Telegram (📎 → “Contact”).
admin-staff-id-invalid = A Telegram ID is digits only, e.g. 123456789: no letters, spaces or minus sign. The person can get their ID from the bot @userinfobot. Or simply forward any message of theirs here.
admin-staff-username = Telegram does not let bots find a person by username (@username). Send their Telegram ID in digits, forward any message of theirs here, or send their contact.
admin-staff-forward-hidden = { $name } hides their account in forwarded messages (a Telegram privacy setting), so they cannot be found from a forward. Ask them to get their ID from the bot @userinfobot and send that ID here in digits.
admin-staff-forward-chat = That message was forwarded from a group or a channel, not from a person. Forward a message the future team member wrote themselves, or send their Telegram ID.
admin-staff-forward-bot = That message is from a bot, and a bot cannot be a team member. Forward a message written by a person.
admin-staff-contact-no-account = This contact has no Telegram account, so they cannot be added from it. Send the person's Telegram ID in digits or forward any message of theirs here.
admin-staff-id-expected = A Telegram ID in digits, a forwarded message from the person, or their contact is needed here. Stickers, photos and files will not do.

## Staff: the role

admin-staff-ask-role =
    <b>➕ New team member: { $who }</b>
    Choose a role.
admin-staff-change-role =
    <b>✏️ Role: { $who }</b>
    Now: { $current }. Choose the new role.
admin-staff-roles-explained =
    • <b>{ role-admin }</b> — bookings, clients, spaces, tariffs and promo codes, tickets, broadcasts and analytics;
    • <b>{ role-manager }</b> — bookings, clients and tickets;
    • <b>{ role-support }</b> — client tickets only.
admin-staff-added = ✅ { $who } is on the team now, role: { $role }. We sent them a notification and added /admin to their bot menu. If they have never opened this bot, the notification cannot reach them — ask them to open the bot and send /admin.
admin-staff-role-changed = ✅ Role changed: { $who } — { $role }. We have let them know.
admin-staff-role-same = Nothing changed: they already have this role ({ $role }).

## Staff: one member

admin-staff-card =
    <b>👤 { $who }</b>
    Role: { $role }
    Added by: { $added_by }
admin-staff-card-owner =
    <b>👑 { $who }</b>
    Role: { $role }
    Owners are set in the bot's settings (ADMIN_TELEGRAM_ID): they cannot be removed or given another role from the bot.
admin-staff-added-by-unknown = unknown
btn-admin-staff-role = ✏️ Change role
btn-admin-staff-remove = 🗑 Remove from the team
admin-staff-confirm-remove = Remove { $who } from the team? Current role: { $role }. They will lose access to the admin mode and get a notification.
btn-admin-staff-remove-yes = 🗑 Yes, remove
btn-admin-staff-remove-no = ◀️ No, keep
admin-staff-removed = ✅ Done: { $who } is no longer on the team and cannot open the admin mode.

## Messages to the person whose role changed (in their language)

staff-you-were-added = 👋 You have been added to the coworking team. Your role: { $role ->
        [admin] { role-admin }
        [manager] { role-manager }
       *[support] { role-support }
    }. Send /admin to open the admin mode.
staff-your-role-changed = ✏️ Your role on the coworking team has changed, it is now: { $role ->
        [admin] { role-admin }
        [manager] { role-manager }
       *[support] { role-support }
    }. Send /admin to open the admin mode.
staff-you-were-removed = You have been removed from the coworking team: the admin mode is no longer available to you. You can still use the bot as a client.

## The staff menu's sections

btn-admin-requests = 📋 Requests to confirm{ $requests ->
        [0] {""}
       *[other] {" "}({ $requests })
    }
btn-admin-audit = 📜 Audit log
btn-admin-roles = 🔐 Roles and permissions
admin-roles-title = <b>🔐 Roles and permissions</b>
admin-role-line = <b>{ $role }</b>: { $rights }.
admin-roles-hint = <i>An owner gives a member of staff their role under “👥 Staff”. Owners are set in the bot's settings (ADMIN_TELEGRAM_ID).</i>
permission-manage_staff = staff and their roles
permission-manage_bookings = bookings and requests
permission-manage_users = clients
permission-manage_catalog = spaces and tariffs
permission-manage_promo = promo codes
permission-answer_tickets = support tickets
permission-send_broadcasts = broadcasts
permission-view_analytics = analytics
permission-view_audit = audit log

## The bookings desk

desk-queue-title = <b>📋 Requests to confirm</b>
desk-queue-empty = No new requests: everything is handled.
desk-queue-hint = Waiting for a decision: { $total }. The oldest come first; tap a request to open it.
desk-request-item = #{ $booking_id } · { $period } · { $space } · { $client }
btn-refresh = 🔄 Refresh
desk-card =
    <b>{ $kind ->
        [request] Request
       *[booking] Booking
    } #{ $id }</b> — { $status }
    { $title }
    🗓 { $period }
    { $prices }
    { $money }
    👤 { $client }
    🕓 Created: { $created }
    { $history }
desk-card-paid = 💳 Paid online: { $amount }
desk-card-not-paid = 💵 Nothing was paid.
desk-client-gone = client not found
btn-desk-to-queue = ◀️ To the requests
desk-confirmed = ✅ Request #{ $booking_id } is confirmed; the client will be told.
desk-rejected = ❌ Request #{ $booking_id } is rejected; the client will be told why. If they paid online, all of it goes back to their card.
desk-reject-ask =
    <b>❌ Reject request #{ $id }</b>
    Pick a reason: the client will see it in the notice. If they paid online, all of it goes back to their card.
btn-desk-reason-type = ✏️ Write a reason
desk-reject-type = Write the reason in one message (up to { $limit } characters): the client will see it in the notice.
desk-reason-text-expected = A reason is needed here as text, in one message, without photos or files.
reject-reason-taken = The place is no longer available at that time
reject-reason-closed = The coworking is closed or hosts an event at that time
reject-reason-no_contact = We could not reach you to settle the details

## The audit log

audit-title = <b>📜 Audit log</b>
audit-empty = Nothing here yet: staff actions appear as soon as someone does something.
audit-filter = Only the actions of: { $who }
audit-entry = <b>{ $when }</b> · { $who }
    { $what }
audit-by-system = the bot
audit-booking-confirm = ✅ confirmed request #{ $target } ({ $before_status } → { $after_status })
audit-booking-reject = ❌ rejected request #{ $target } ({ $before_status } → { $after_status }){ $has_reason ->
        [yes] : “{ $reason }”
       *[no] {""}
    }
audit-staff-add = ➕ added ID { $target } to the staff: { $role }
audit-staff-role = ✏️ changed the role of ID { $target }: { $before_role } → { $role }
audit-staff-remove = 🗑 removed ID { $target } from the staff ({ $role })
btn-audit-filter = 👤 Pick a member of staff
btn-audit-everyone = All staff
audit-authors = Whose actions to show?

## Clients

btn-admin-clients = 👤 Clients
clients-ask =
    <b>👤 Clients</b>
    Who are you looking for? Send one of:
    • a part of the name, e.g. Anna;
    • a phone number or a part of it, e.g. +7 916 123-45-67;
    • a username, e.g. @anna;
    • a Telegram ID in digits.
clients-results = <b>👤 Search: { $query }</b>
    Found: { $total }
clients-none = Nobody found. Check the spelling or search by phone.
btn-clients-search-again = 🔎 Search again
clients-card-title = <b>👤 { $name }</b>
clients-card-staff = 🛠 On the staff: { $role }
clients-card-since = 🗓 With us since { $day }
clients-card-bookings = 📋 Bookings: { $bookings }, upcoming: { $upcoming }
clients-card-paid = 💳 Paid online: { $amount }
clients-card-referrals = 🤝 Friends invited: { $referrals }
clients-card-bot-blocked = 🔕 Stopped the bot: messages do not reach them.
clients-card-banned = 🚫 <b>Banned</b> { $when }: { $reason }
clients-card-note = 📝 Note (staff only): { $note }
btn-clients-write = ✉️ Write to the client
btn-clients-note = 📝 Note
btn-clients-ban = 🚫 Ban
btn-clients-unban = ✅ Unban
btn-clients-to-results = ◀️ To the results
clients-ban-ask =
    <b>🚫 Ban: { $name }</b>
    Write the reason in one message (up to { $reason_limit } characters). The client gets it in a notice and can no longer book or pay until you unban them.
clients-banned = 🚫 { $name } is banned. We told the client why.
clients-unbanned = ✅ The client is unbanned; we told them.
clients-note-ask =
    <b>📝 Note about: { $name }</b>
    Send the note (up to { $note_limit } characters): it replaces the old one. The client never sees it.
btn-clients-note-delete = 🗑 Delete the note
clients-note-saved = 📝 The note is saved.
clients-note-deleted = The note is deleted.
clients-write-ask =
    <b>✉️ Message to: { $name }</b>
    Send the text in one message (up to { $message_limit } characters): the bot passes it on to the client from the coworking.
clients-message-queued = ✉️ Sending the message to the client.
clients-text-expected = Text is needed here, in one message, without photos, stickers or files.
audit-user-ban = 🚫 banned the client { $name }: “{ $reason }”
audit-user-unban = ✅ unbanned the client { $name }
audit-user-note = 📝 changed the note about the client { $name }
audit-user-message = ✉️ wrote to the client { $name }

## The bookings desk: the schedule, check-in, cancelling

btn-admin-schedule = 📅 Schedule
desk-schedule-title = <b>📅 Schedule for { $day }</b>
    Bookings: { $total }. ✅ confirmed · ⏳ waiting for a decision · 💳 waiting for payment · ☑️ completed · 🙋 the client arrived. Tap a booking to open it.
desk-schedule-empty = No bookings on this day.
desk-all-day = all day
btn-desk-day-back = ◀️ Day
btn-desk-today = Today
btn-desk-tomorrow = Tomorrow
btn-desk-day-on = Day ▶️
btn-desk-to-schedule = ◀️ To the schedule
desk-card-arrived = 🙋 The client arrived at { $time }
btn-desk-check-in = 🙋 The client arrived
desk-checked-in = 🙋 Marked: the client arrived.
btn-desk-cancel = 🚫 Cancel the booking
desk-cancel-ask =
    <b>🚫 Cancel booking #{ $id }</b>
    { $terms }
desk-cancel-paid = Paid: { $paid }. Under the cancellation policy the client gets { $refund } back now ({ $percent } %). Money paid online goes back to the card; money paid at the desk is given back at the desk.
desk-cancel-nothing-paid = Nothing was paid: there is nothing to give back.
desk-cancel-gone = This booking can no longer be cancelled: it was cancelled or its time is over.
btn-desk-cancel-policy = ↩️ Cancel, refund by the policy: { $refund }
btn-desk-cancel-full = 💯 Cancel, refund everything: { $paid }
btn-desk-cancel-go = 🚫 Cancel the booking
desk-cancel-reason = Write the reason in one message (up to { $limit } characters): the client will see it in the notice.
desk-cancelled = 🚫 Booking #{ $booking_id } is cancelled; the client gets { $refund } back. We told them why.
desk-cancelled-no-refund = 🚫 Booking #{ $booking_id } is cancelled. We told the client why.
audit-booking-cancel = 🚫 cancelled booking #{ $target } ({ $before_status } → { $after_status }): “{ $reason }”
audit-booking-check_in = 🙋 marked the arrival for booking #{ $target }
btn-desk-find = 🔎 Find a booking
desk-find-ask = Send a booking's number (e.g. 125 or #125), or a client: a part of the name, a phone number, an @username or a Telegram id, to see their bookings.
desk-find-number-expected = A booking number is digits after № or #, e.g. #125.
clients-card-tickets = 💬 Support tickets: { $tickets }, open: { $open }
desk-card-history = <b>History</b>
btn-clients-bookings = 📋 The client's bookings
desk-client-title = <b>📋 Bookings of { $name }</b>
    In all: { $total }. The latest first; tap a booking to open it.
desk-client-empty = The client has no bookings yet.
btn-desk-to-client = ◀️ To the client's bookings

## The bookings desk: money at the desk, moves, bookings by status

desk-card-paid-on-site = 💵 Paid at the desk: { $amount }
desk-card-due = 💰 Due: { $amount }
btn-desk-pay = 💵 Take payment at the desk
desk-pay-ask =
    <b>💵 Payment at the desk for booking #{ $id }</b>
    Due: { $amount }. How did the client pay? They get a message confirming the payment.
desk-pay-nothing = Nothing is due for booking #{ $id } now: it is paid, cancelled or over.
btn-desk-pay-cash = 💵 In cash: { $amount }
btn-desk-pay-card = 💳 By card: { $amount }
desk-paid-on-site = ✅ Recorded: { $amount } { $method ->
        [cash] in cash
       *[card] by card
    }. The client got a message confirming it.
error-on-site-nothing-due = Nothing is due for this booking: it is paid in full.
error-on-site-not-payable = No payment can be taken for this booking: it was cancelled, not paid in time, the client did not come, or its time to pay ran out.
error-on-site-due-changed = The amount due has changed (a payment came in meanwhile). Look at the booking again.
btn-desk-move = 🔄 Move to another time
desk-move-pick-day =
    <b>🔄 Move booking #{ $id }</b>
    { $title }
    🗓 Now: { $period }
    👤 { $client }
    Pick the new day (✖ — the day cannot be booked).
desk-move-pick-start =
    <b>🔄 Move booking #{ $id }</b> to { $date }
    Pick the new start time.
desk-move-ask =
    <b>🔄 Move booking #{ $id }?</b>
    { $title }
    👤 { $client }
    Was: { $old }
    New: { $new }
    The client will get a message with the new time.
desk-moved = 🔄 Moved. The client got a message with the new time.
error-booking-changed = This booking changed meanwhile (the client moved or paid it). Look at its card again.
audit-booking-move = 🔄 moved booking #{ $target }
audit-booking-payment_on_site = 💵 took { $amount } { $method ->
        [cash] in cash
       *[card] by card
    } at the desk for booking #{ $target }
btn-desk-statuses = 🗂 Bookings by status
desk-statuses-ask =
    <b>🗂 Bookings by status</b>
    Pick a status to see its bookings.
desk-status = { $status ->
        [held] awaiting payment
        [pending] waiting for a decision
        [confirmed] confirmed
        [completed] completed
        [no_show] no-show
        [expired] not paid in time
       *[cancelled] cancelled
    }
desk-by-status-title =
    <b>🗂 Bookings: { $status }</b>
    In all: { $total }. Tap a booking to open it.
desk-by-status-empty = No bookings in this status.
btn-desk-to-status = ◀️ To the list
btn-desk-new-booking = ➕ New booking
btn-clients-book = ➕ Book for this client
desk-find-nobody = Nobody found: check the spelling, or search by phone or by the booking's number.
desk-find-clients =
    <b>🔎 Clients: { $query }</b>
    Found: { $total }. Tap a client to see their bookings.
btn-desk-find-again = 🔎 Search again

btn-admin-morning = 🌅 Morning schedule: { $morning ->
        [on] on
       *[off] off
    }
admin-morning-switched = { $morning ->
        [on] 🌅 Every morning at { $hour }:00 you will get the day's bookings.
       *[off] 🌅 Morning schedule turned off.
    }
