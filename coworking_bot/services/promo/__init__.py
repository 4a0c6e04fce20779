"""Promo codes as staff manage them (MANAGE_PROMO)."""
