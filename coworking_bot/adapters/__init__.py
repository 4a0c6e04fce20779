"""The outside world behind Protocols: Telegram, YooKassa, Rubitime, the clock."""
