"""money taken at the desk: a payment's method and who recorded it; bookings by status

- payments.method: "online" (YooKassa, every payment so far), "cash" or "card" (taken on site
  and recorded by staff; given back on site too, never through YooKassa);
- payments.recorded_by: the staff member's Telegram id for money taken on site;
- ix_bookings_status_starts: the desk lists the bookings of one status by start.

Revision ID: 0010
Revises: 0009
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "method",
                sa.Enum(
                    "online",
                    "cash",
                    "card",
                    name="payment_method",
                    native_enum=False,
                    create_constraint=True,
                    length=32,
                ),
                server_default="online",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("recorded_by", sa.BigInteger(), nullable=True))
    op.create_index("ix_bookings_status_starts", "bookings", ["status", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_bookings_status_starts", table_name="bookings")
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_column("recorded_by")
        batch_op.drop_constraint("payment_method", type_="check")
        batch_op.drop_column("method")
