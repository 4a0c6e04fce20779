"""clients as staff see them: why and when a client was banned, and a private staff note

- users.ban_reason, users.banned_at, users.banned_by: set with a ban, cleared with an unban;
- users.staff_note: a note staff keep about a client, never shown to the client.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ban_reason", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("banned_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("banned_by", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("staff_note", sa.String(length=1000), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("staff_note")
        batch_op.drop_column("banned_by")
        batch_op.drop_column("banned_at")
        batch_op.drop_column("ban_reason")
