"""Stand-ins for the outside world (Telegram, YooKassa) and a controllable clock."""
