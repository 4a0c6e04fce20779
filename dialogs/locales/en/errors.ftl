error-generic = Something went wrong. Please try again.
error-apology = 😔 Sorry, something broke on our side. We are on it — please try again a bit later.
error-stale-button = That menu is out of date — here is the current one.
error-owner-alert = ⚠️ Bot error: { $kind }
    { $error }
error-user-banned = Your access to the bot is restricted. If this is a mistake, please contact the coworking staff.
error-text-expected = Please send your answer as text.
error-name-invalid = A name is 2 to { $max } characters of letters (spaces, hyphens and apostrophes are fine). Please try again.
error-phone-invalid = That does not look like a phone number. Send it in international format, e.g. +44 20 7946 0958, or tap “Share my phone number”.
error-email-invalid = That does not look like an e-mail address. Example: name@example.com
error-contact-not-yours = That is someone else's contact. Tap “Share my phone number” to send yours, or type the number.
error-telegram-id-invalid = A Telegram ID is a number, e.g. 123456789. @userinfobot can tell you yours.
error-user-not-found = User not found.
error-not-registered = Please finish registration first: send /start.
error-permission-denied = You do not have permission for that.
error-staff-not-found = This person is no longer on the team.
error-staff-owner-fixed = Owners are set in the settings (ADMIN_TELEGRAM_ID) and cannot be changed from the bot.
error-staff-self = You cannot change your own role.
