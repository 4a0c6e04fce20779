## Support tickets: the client

btn-support = 💬 Support
command-support = Support: questions and requests

support-title = <b>💬 Support</b>
    Ask a question and we will answer right here. You can attach up to 10 photos or one file.
support-empty = No requests yet.
btn-ticket-new = ✍️ New request
ticket-line = { $mark } #{ $ticket_id } · { $subject }

ticket-status-new = new
ticket-status-in_progress = in progress
ticket-status-waiting = waiting for your reply
ticket-status-closed = closed

ticket-thread-title = <b>Request #{ $ticket_id }</b> · { $status }
    Opened: { $created }
ticket-your-rating = Your rating: { $rating }
ticket-thread-empty = No messages.
ticket-message-head = <b>{ $who }</b> · { $when }
ticket-author-you = You
ticket-author-support = Support
ticket-author-client = Client
ticket-author-staff-named = { $name }
ticket-author-note = 🔒 Note: { $name }
ticket-message-photos = 🖼 Photos: { $count }
ticket-message-document = 📄 File

btn-thread-older = ◀️ Earlier
btn-thread-newer = Later ▶️
btn-ticket-files = 📎 Show photos and files
btn-ticket-reply = ↩️ Reply
btn-ticket-close = ✖️ Close the request
btn-ticket-rate = ⭐ Rate the answer
btn-ticket-list = ◀️ To my requests
btn-ticket-send = ✅ Send

ticket-compose-new = <b>✍️ New request</b>
    Describe your question in one or more messages (up to { $limit } characters in all). You can attach up to 10 photos or one file. When it is ready, tap “✅ Send”.
ticket-compose-reply = <b>↩️ Reply to request #{ $ticket_id }</b>
    Write your message (up to { $limit } characters), with photos (up to 10) or one file if you like. When it is ready, tap “✅ Send”.
ticket-draft-photos = 🖼 Photos: { $count } of 10
ticket-draft-document = 📄 File attached
ticket-draft-unsupported = Text, photos or a file are taken here. Stickers, voice messages and videos will not do.
ticket-text-expected = Text is needed here: send it as a message. Photos and files will not do.

ticket-close-ask = Close request #{ $ticket_id }? If the question comes back, just open a new one.
btn-ticket-close-yes = ✖️ Yes, close it
btn-ticket-close-no = No
ticket-rate-ask = Request #{ $ticket_id } is closed. Please rate the support's answer:
btn-ticket-rate-skip = Skip
ticket-stars-1 = ★1
ticket-stars-2 = ★2
ticket-stars-3 = ★3
ticket-stars-4 = ★4
ticket-stars-5 = ★5

ticket-opened = ✅ Request #{ $ticket_id } is sent. We will answer right here.
ticket-reply-sent = ✅ Your message is added to request #{ $ticket_id }.
ticket-closed = Request #{ $ticket_id } is closed.
ticket-rated = Thank you for the rating!
ticket-rated-with = Your rating: { $stars }. Thank you!

## Support tickets: what the client hears

notice-ticket-reply = <b>💬 Support's answer · request #{ $ticket_id }</b>

    { $text }
notice-ticket-closed = <b>✅ Request #{ $ticket_id } is closed.</b>
    Please rate the support's answer:
notice-ticket-closed-with-text = <b>✅ Request #{ $ticket_id } is closed.</b>

    { $text }

    Please rate the support's answer:
notice-ticket-media = 📎 Request #{ $ticket_id }

## Support tickets: staff

btn-admin-tickets = 🎫 Tickets
tickets-title = <b>🎫 Tickets</b>
tickets-count = { $status }: { $total }
tickets-empty = Nothing here.
tickets-tab = { $mark }{ $status } ({ $count })
tickets-item = #{ $ticket_id } · { $age } · { $client } · { $subject }
tickets-nobody = nobody
tickets-card = <b>🎫 Ticket #{ $ticket_id }</b> · { $status }
    Client: { $client }
    Opened: { $created } ({ $age } ago)
    Taken by: { $assignee }
tickets-first-response = First response after { $time }
tickets-resolved = Resolved in { $time }
tickets-rating = Client's rating: { $stars }
btn-ticket-take = 🙋 Take
btn-ticket-open = 📂 Open
btn-ticket-note = 🔒 Note
btn-tickets-to-queue = ◀️ To the queue
btn-tickets-close-silent = ✖️ Close without a message
tickets-compose-reply = <b>↩️ Reply to the client · ticket #{ $ticket_id }</b>
    Write the answer (up to { $limit } characters), with photos (up to 10) or one file if needed. The client gets it with a “Reply” button. Then tap “✅ Send”.
tickets-note-ask = <b>🔒 Note on ticket #{ $ticket_id }</b>
    Only staff see it, never the client. Send the note's text.
tickets-close-ask = <b>✖️ Close ticket #{ $ticket_id }</b>
    Write a last message to the client: they get it with a request to rate the answer. Or close it without a message.
tickets-taken = Ticket #{ $ticket_id } is yours now.
tickets-reply-sent = The answer on ticket #{ $ticket_id } is sent to the client.
tickets-note-saved = 🔒 The note is saved.
tickets-closed = Ticket #{ $ticket_id } is closed.
ticket-age-minutes = { $count } min
ticket-age-hours = { $count } h
ticket-age-days = { $count } d

## Support tickets: what staff hear

notice-staff-ticket-new = <b>🎫 New ticket #{ $ticket_id }</b>
    Client: { $client } { $phone }

    { $text }
notice-staff-ticket-escalated = <b>⏰ Ticket #{ $ticket_id } has waited for an answer over { $minutes } min</b>
    Client: { $client } { $phone }
    { $subject }
notice-staff-ticket-client-wrote = <b>💬 The client wrote to ticket #{ $ticket_id }</b>
    Client: { $client } { $phone }

    { $text }
notice-staff-ticket-taken-by = <b>🎫 Ticket #{ $ticket_id }</b> · { $subject }
    Taken by: { $staff }
notice-staff-ticket-answered-by = <b>🎫 Ticket #{ $ticket_id }</b> · { $subject }
    Answered by: { $staff }
notice-staff-ticket-closed-by = <b>🎫 Ticket #{ $ticket_id }</b> · { $subject }
    Closed by: { $staff }
notice-staff-ticket-client-closed = <b>🎫 Ticket #{ $ticket_id }</b> · { $subject }
    The client { $staff } closed it themselves.
notice-staff-ticket-closed-by-client = The client { $client } closed ticket #{ $ticket_id }.
notice-staff-ticket-you-took = 🙋 You took ticket #{ $ticket_id }.

## Support tickets: refusals

error-ticket-not-found = The request was not found.
error-ticket-closed = This request is closed already. If the question remains, open a new one.
error-ticket-taken = { $staff } is handling this ticket already.
error-ticket-empty = The message is empty: write some text or attach a photo.
error-ticket-text-too-long = The text is too long: { $max } characters at most. Split it and send the parts one after another.
error-ticket-too-many-open = You already have { $max } open tickets. Add to one of them, or close those you no longer need, to open a new one.
error-ticket-too-many-photos = At most { $max } photos in one message. Send the rest in the next message after this one.
error-ticket-mixed-attachments = One message takes either up to 10 photos or one file.
error-ticket-rating-invalid = A rating is from { $min } to { $max }.
error-ticket-not-closed = You can rate the answer once the request is closed.
error-ticket-already-rated = You have rated this answer already. Thank you!
