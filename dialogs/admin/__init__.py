"""The staff side of the bot, behind /admin."""
