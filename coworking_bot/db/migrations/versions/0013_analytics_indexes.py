"""indexes for the owners' dashboard

The dashboard's first screen (summary and daily series of a period) sums bookings, payments and
new clients of a period. Over a million bookings these reads visited every payment (no index
on `paid_at`) and every user (none on `registered_at`), and read each booking of the period from
the table; these indexes let them read index ranges only (bench/dashboard.py).

- bookings (starts_at, status, space_id, tariff_id, units, checked_in_at): bookings starting in
  a period, covered for their counts and place-hours;
- bookings (tariff_id, ends_at, starts_at, status, space_id, checked_in_at): day and month
  bookings overlapping a period, and the monthly members of a day;
- bookings (user_id, status, created_at): whether a client has booked (conversion, funnel);
- payments (state, paid_at, amount, booking_id, user_id): payments succeeded in a period;
- users (registered_at): clients registered in a period;
- tickets (closed_at): tickets that were still open at a moment; tickets (created_at,
  first_response_at): the first answers to the tickets opened in a period.

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_bookings_analytics_starts",
            ["starts_at", "status", "space_id", "tariff_id", "units", "checked_in_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_bookings_analytics_tariff_ends",
            ["tariff_id", "ends_at", "starts_at", "status", "space_id", "checked_in_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_bookings_analytics_user", ["user_id", "status", "created_at"], unique=False
        )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(
            "ix_payments_analytics_paid",
            ["state", "paid_at", "amount", "booking_id", "user_id"],
            unique=False,
        )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index("ix_users_registered_at", ["registered_at"], unique=False)
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index("ix_tickets_closed", ["closed_at"], unique=False)
        batch_op.create_index(
            "ix_tickets_created_answered", ["created_at", "first_response_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_created_answered")
        batch_op.drop_index("ix_tickets_closed")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index("ix_users_registered_at")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_analytics_paid")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_index("ix_bookings_analytics_user")
        batch_op.drop_index("ix_bookings_analytics_tariff_ends")
        batch_op.drop_index("ix_bookings_analytics_starts")
