"""tariffs that ask for check-in: their bookings become no-shows when nobody arrives

- tariffs.check_in_required: with NO_SHOW_MINUTES set, a confirmed booking of such a tariff not
  checked in that long after its start becomes `no_show` and frees the rest of its time.

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tariffs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "check_in_required", sa.Boolean(), server_default=sa.false(), nullable=False
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("tariffs", schema=None) as batch_op:
        batch_op.drop_column("check_in_required")
