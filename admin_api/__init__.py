"""Thin HTTP edge: health, readiness, metrics, webhooks, and later the Mini App API."""
