"""Coworking Bot: a coworking space run from Telegram."""
