"""Promo codes in the staff menu (MANAGE_PROMO)."""
