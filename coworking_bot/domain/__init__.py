"""Entities, rules and errors: pure Python, no I/O, imports nothing of ours outside `domain`."""
