"""bookings keep their cancellation deadline and a revision; the outbox sends media, copies and
edits, and records progress and the Telegram message id in columns; running instances

- bookings.free_cancel_until: fixed when a booking is made (moving never improves the terms);
- bookings.revision: bumped when a booking is moved, so older staff buttons are refused;
- outbox_messages: kind, media, parts_sent (was `_text_sent` inside params), message_id, topic,
  edit_of;
- refunds.key_issued_at: when a refund's idempotence key was renewed (YooKassa keeps keys a day);
- instances: a heartbeat per running bot process (`restore` refuses while one is alive).

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT_SENT = "_text_sent"


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("free_cancel_until", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("revision", sa.Integer(), server_default="0", nullable=False)
        )
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="message", nullable=False)
        )
        batch_op.add_column(sa.Column("media", sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column("parts_sent", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("topic", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("edit_of", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outbox_messages_topic"), ["topic"], unique=False
        )
    _progress_to_column()
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.add_column(sa.Column("key_issued_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "instances",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("pid", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_instances")),
    )


def _progress_to_column() -> None:
    """Unsent rows whose text already went out: the mark moves from params to `parts_sent`."""
    outbox = sa.table(
        "outbox_messages",
        sa.column("id", sa.Integer()),
        sa.column("params", sa.JSON()),
        sa.column("parts_sent", sa.Integer()),
        sa.column("sent_at", sa.DateTime()),
    )
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(outbox.c.id, outbox.c.params).where(outbox.c.sent_at.is_(None))
    ).all()
    for row_id, params in rows:
        if isinstance(params, dict) and _TEXT_SENT in params:
            done = bool(params.pop(_TEXT_SENT))
            bind.execute(
                outbox.update()
                .where(outbox.c.id == row_id)
                .values(params=params, parts_sent=1 if done else 0)
            )


def downgrade() -> None:
    op.drop_table("instances")
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.drop_column("key_issued_at")
    with op.batch_alter_table("outbox_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_messages_topic"))
        batch_op.drop_column("edit_of")
        batch_op.drop_column("topic")
        batch_op.drop_column("message_id")
        batch_op.drop_column("parts_sent")
        batch_op.drop_column("media")
        batch_op.drop_column("kind")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.drop_column("revision")
        batch_op.drop_column("free_cancel_until")
