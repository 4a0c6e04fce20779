"""The client side of the bot."""
