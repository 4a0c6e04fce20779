"""The bot's UI: aiogram-dialog windows and handlers. Handlers translate input, call one
service, and show the result."""
