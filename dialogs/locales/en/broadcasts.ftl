## Broadcasts: staff screens

broadcasts-title = <b>📣 Broadcasts</b>
    The message you send the bot goes to clients as it is, formatting and media included. Banned clients, those who blocked the bot and those who turned news off never get it.
broadcasts-empty = No broadcasts yet.
broadcasts-item = #{ $number } · { $status } · { $started ->
        [yes] { $sent }/{ $total }
       *[other] —
    } · { $when }
btn-broadcast-new = ✍️ New broadcast
btn-broadcasts-to-list = ◀️ To broadcasts

broadcasts-status = { $status ->
        [draft] draft
        [scheduled] scheduled
        [running] sending
        [paused] paused
        [cancelled] cancelled
       *[done] done
    }
broadcasts-content = { $kind ->
        [text] text
        [photo] a photo with a caption
        [video] a video with a caption
        [document] a file with a caption
       *[album] an album of { $items }
    }
broadcasts-no-button = 🔗 No button
broadcasts-button-line = 🔗 Button “{ $text }” → { $url }

broadcasts-compose = <b>✍️ New broadcast</b>
    Send the message to broadcast: text (bold, italics, links: as you write it), a photo, a video, a file or an album. Clients get a copy of it. When it has all arrived, tap “Next”.
broadcasts-received = Received: { $draft }
btn-broadcast-next = ➡️ Next
broadcasts-text-expected = Text is needed here.

broadcasts-button-ask = <b>🔗 Link button</b>
    Add a button with a link under the message? Send its text and address, e.g.:
    <code>Book now | https://example.com/book</code>
    Or tap “No button”.
btn-broadcast-no-button = ➡️ No button
btn-broadcast-discard = 🗑 Delete the draft
broadcasts-discarded = The draft is deleted.

broadcasts-audience-ask = <b>👥 Who gets it?</b>
    Banned clients, those who blocked the bot and those who turned news off never get a broadcast.
btn-broadcast-everyone = 👥 All clients
btn-broadcast-active = 🔥 Active in the last N days
btn-broadcast-booked = 📅 With a booking in a period
btn-broadcast-never-booked = 🆕 Never booked
btn-broadcast-by-tariff = 🏷 By tariff
btn-broadcast-by-language = 🌐 By language
broadcasts-days-ask = <b>🔥 Active clients</b>
    In how many last days? Active means registered, booked or wrote to support. Pick one or send a number.
btn-broadcast-days = { $days } days
broadcasts-period-ask = <b>📅 A booking in a period</b>
    Send the first and the last day of the period, e.g. <code>01.11.2026 - 30.11.2026</code> (or one day).
broadcasts-tariff-ask = <b>🏷 By tariff</b>
    Clients who booked this tariff at least once:
broadcasts-no-tariffs = No tariffs yet.
broadcasts-tariff-inactive = { " " }(hidden)
broadcasts-language-ask = <b>🌐 By language</b>
    Clients who chose the language:

broadcasts-audience-everyone = all clients
broadcasts-audience-active = active in the last { $days } days (registered, booked or wrote to support)
broadcasts-audience-booked = with a booking from { $first } to { $last }
broadcasts-audience-never-booked = never booked
broadcasts-audience-tariff = booked “{ $tariff }”
broadcasts-audience-language = language: { $language }

broadcasts-preview-above = 👇 This is how clients will see it:
broadcasts-source-gone = ⚠️ The message to broadcast is not there: it seems to have been deleted. Make the broadcast again.
broadcasts-summary = <b>📣 Broadcast #{ $number }</b>: a draft
    What: { $content }
    { $button }
    Who: { $audience }
    Recipients now: <b>{ $count }</b>
    Above: how clients will see it.
broadcasts-summary-nobody = ⚠️ Nobody fits right now: pick other recipients.
broadcasts-summary-gone = This draft has been sent or deleted: look at the list of broadcasts.
btn-broadcast-send-now = ✅ Send now
btn-broadcast-schedule = 🕒 Schedule
btn-broadcast-preview = 👁 Show it again
btn-broadcast-change-button = 🔗 Button
btn-broadcast-change-audience = 👥 Recipients
broadcasts-confirm = <b>Send broadcast #{ $number } now?</b>
    Recipients: <b>{ $count }</b>. What is sent cannot be taken back; while it runs you can pause or cancel it.
btn-broadcast-send-yes = ✅ Yes, send
broadcasts-started = Broadcast #{ $number } is on its way. Its progress is in a message of its own.
broadcasts-schedule-ask = <b>🕒 When to send it?</b>
    Send the date and time ({ $tz }), e.g. <code>25.12 18:00</code> or <code>25.12.2026 18:00</code>.
broadcasts-scheduled = 🕒 Broadcast #{ $number } is scheduled for { $when }.

broadcasts-card-title = <b>📣 Broadcast #{ $number }</b> · { $status }
broadcasts-card-author = Author: { $author } · created { $when }
broadcasts-card-content = What: { $content }
broadcasts-card-audience = Who: { $audience }
broadcasts-card-size = Recipients now: { $count }
broadcasts-card-scheduled = 🕒 Goes out: { $when }
broadcasts-card-started = ▶️ Started: { $when }
broadcasts-card-finished = ⏹ Ended: { $when }
broadcasts-card-source-gone = ⚠️ Stopped: the message to broadcast was deleted.
broadcasts-counts = Recipients: { $total } · delivered: { $sent } · blocked the bot: { $blocked } · not delivered: { $failed } · unknown: { $unknown } · skipped: { $skipped } · left: { $left }
btn-broadcast-pause = ⏸ Pause
btn-broadcast-resume = ▶️ Resume
btn-broadcast-cancel = ✖️ Cancel
btn-broadcast-continue = ✏️ Open the draft
broadcasts-paused = Broadcast #{ $number } is paused.
broadcasts-resumed = Broadcast #{ $number } goes on.
broadcasts-cancelled = Broadcast #{ $number } is cancelled.

## Broadcasts: what the author is told

broadcast-progress = <b>📣 Broadcast #{ $number }</b> · { $state ->
        [paused] ⏸ paused
        [cancelled] ✖️ cancelled
        [done] ✅ done
       *[running] ▶️ sending
    }
    ✅ Delivered: { $sent } of { $total }
    ⚠️ Not delivered: { $failed } · blocked the bot: { $blocked } · unknown: { $unknown }
    ⏳ Left: { $left }{ $has_eta ->
        [yes] { " " }· about { $eta_min } min
       *[other] {""}
    }{ $stopped ->
        [yes] {"\u000A"}⚠️ The message to broadcast was deleted: cancel the broadcast.
       *[other] {""}
    }
broadcast-report = <b>📣 Broadcast #{ $number } { $state ->
        [cancelled] is cancelled
       *[done] is done
    }</b>
    Recipients: { $total }
    ✅ Delivered: { $sent }
    🚫 Blocked the bot: { $blocked }
    ⚠️ Not delivered: { $failed }
    ❔ Unknown (the bot restarted while sending): { $unknown }
    ⏭ Skipped (turned news off or were banned meanwhile): { $skipped }
    ⏹ Not sent: { $left }
    ⏱ Took: { $took_min } min { $took_sec } s
broadcast-nobody = 📣 Broadcast #{ $number } did not go out: nobody fitted at the time it was due.

## Broadcasts: errors

error-broadcast-not-found = There is no such broadcast: the draft may have been deleted.
error-broadcast-changed = The broadcast has changed (started, paused, ended or cancelled): look at it again.
error-broadcast-content = A broadcast can be text, a photo, a video, a file or an album. Send one of these.
error-broadcast-button = Send the button's text (up to { $max } characters) and an http(s) address, e.g.: Book now | https://example.com
error-broadcast-days = Send a number of days from 1 to { $max }.
error-broadcast-period = Send the days as 01.11.2026 - 30.11.2026: the first not after the last, at most { $max } days.
error-broadcast-audience = These recipients cannot be picked: pick from the list.
error-broadcast-when = That is not a time I understand. Send the date and time, e.g. 25.12 18:00
error-broadcast-when-past = That time has passed or is more than a year ahead. Send a time in the future.
error-broadcast-nobody = Nobody fits right now: pick other recipients.

## Broadcasts: the audit log

audit-broadcast-create = 📝 made a draft broadcast #{ $target }
audit-broadcast-discard = 🗑 deleted the draft broadcast #{ $target }
audit-broadcast-schedule = 🕒 scheduled broadcast #{ $target }
audit-broadcast-start = 📣 started broadcast #{ $target }
audit-broadcast-pause = ⏸ paused broadcast #{ $target }
audit-broadcast-resume = ▶️ resumed broadcast #{ $target }
audit-broadcast-cancel = ✖️ cancelled broadcast #{ $target }
audit-broadcast-finish = ✅ broadcast #{ $target } is done
