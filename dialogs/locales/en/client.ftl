onboarding-welcome = 👋 Welcome to <b>{ $coworking }</b>!
    Here you can book a desk in the open space, a meeting room or an office from a calendar of free times{ $payments ->
        [yes] , pay online,
       *[no] {""}
    } and later move or cancel your booking. And if something goes wrong, write to support right here, with photos.
onboarding-consent = To register, we need you to accept the house rules and consent to us processing your personal data (name, phone, e-mail) to serve your bookings. We will also send you our news now and then; you can turn them off in your profile at any time.
btn-consent = ✅ I agree, continue
onboarding-name = What is your name? Send your first and last name.
onboarding-phone = Send your phone number: tap “📱 Share my phone number” below or type it.
btn-share-phone = 📱 Share my phone number
onboarding-email = Almost done! Send an e-mail for receipts and notices, or tap “Skip”.

menu-registered = 🎉 You are registered!
menu-title = <b>Main menu</b>
    { $name }, what would you like to do?
btn-tariffs = 💳 Tariffs
btn-profile = 👤 Profile
btn-help = ℹ️ Help
btn-admin = 🛠 Admin

profile-card = <b>👤 Profile</b>

    Name: { $name }
    Phone: { $phone }
    E-mail: { $email }
    Language: { $language }

    🔗 Your link for friends:
    { $referral_link }
    Joined with it: { $referrals }
profile-email-none = not set
profile-saved = ✅ Saved.
profile-language-changed = Language changed.
btn-edit-name = ✏️ Name
btn-edit-phone = 📱 Phone
btn-edit-email = ✉️ E-mail
btn-language = 🌐 Language
btn-remove-email = 🗑 Remove e-mail
btn-profile-news = 📣 News: { $news ->
        [on] on
       *[off] off
    }
profile-news-on = 📣 News turned on: you will get our announcements.
profile-news-off = 📣 News turned off. Messages about your bookings and support still come.
profile-ask-name = Send your new first and last name.
profile-ask-phone = Send your new number or tap “📱 Share my phone number”. To keep the current one, tap “◀️ Back”.
profile-ask-email = Send your new e-mail.
profile-ask-language = Choose a language:

tariffs-title = <b>💳 Tariffs</b>
tariffs-space = <b>{ $name }</b> · { $kind }, places: { $capacity }
tariffs-item = • { $name } — { $price } { $unit }
tariffs-free = free
tariffs-empty = No tariffs yet.
space-kind-open_space = open space
space-kind-meeting_room = meeting room
space-kind-office = office
unit-per-hour = per hour
unit-per-day = per day
unit-per-month = per month

help-text = <b>ℹ️ { $coworking }</b>
    This bot is your pass to the coworking: booking desks and meeting rooms { $payments ->
        [yes] with online payment
       *[no] (you pay on site)
    }, your bookings and your profile.

    /book — book a desk or a meeting room
    /mybookings — my bookings: { $payments ->
        [yes] pay, move
       *[no] move
    }, cancel, add to a calendar
    /support — support: ask a question, attach photos, follow the answer
    /profile — your profile and your link for friends
    /menu — the main menu
    /cancel — cancel the current step
    /help — this help

    A booking can be cancelled free of charge until { $free_hours } h before it starts. Once it has started, it can no longer be moved or cancelled. A request a manager has not confirmed yet can be withdrawn with a full refund until its time is over.
help-address = 📍 { $value }
help-phone = 📞 { $value }
help-email = ✉️ { $value }
help-telegram = 💬 { $value }
