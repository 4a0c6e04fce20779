"""The owners' dashboard: its figures (`dashboard`), who may see them (`access`), and the
exports of bookings, payments and clients (`exports`, `links`)."""
