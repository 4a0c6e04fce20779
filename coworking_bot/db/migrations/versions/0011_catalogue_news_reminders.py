"""catalogue photos, news opt-out, the morning schedule and booking reminders

- spaces.photo_file_id: a photo staff attach to a space (Telegram's file id), shown to clients;
- users.news_enabled: broadcasts reach clients who have not turned news off (default on);
- users.morning_schedule: staff who asked for the day's schedule every morning;
- bookings.day_reminded_at, hour_reminded_at, renewal_reminded_at: each reminder of a booking's
  current time is planned once (a move clears them).

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("spaces", schema=None) as batch_op:
        batch_op.add_column(sa.Column("photo_file_id", sa.String(length=255), nullable=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("news_enabled", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.add_column(
            sa.Column("morning_schedule", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        for column in ("day_reminded_at", "hour_reminded_at", "renewal_reminded_at"):
            batch_op.add_column(sa.Column(column, sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        for column in ("renewal_reminded_at", "hour_reminded_at", "day_reminded_at"):
            batch_op.drop_column(column)
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("morning_schedule")
        batch_op.drop_column("news_enabled")
    with op.batch_alter_table("spaces", schema=None) as batch_op:
        batch_op.drop_column("photo_file_id")
