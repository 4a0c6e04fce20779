btn-dashboard = 📊 Dashboard
admin-dashboard-unset = 📊 A Dashboard button appears here once the bot has an https address: set PUBLIC_BASE_URL=https://your-domain in .env and restart the bot.
