"""indexes for the dashboard's open tickets and referrals

The summary counts the tickets open at the end of a period, those closed only after it among
them, and the referrals made in a period. SQLite read every closed ticket for the first (it
picked `ix_tickets_status_created`, whose `created_at < end` covers nearly all of them: 9 ms a
period over 20,000 tickets) and every referral for the second (no index on `created_at`). With
these both are a short index range (bench/dashboard.py):

- tickets (status, closed_at, created_at): the tickets closed after a moment, covered;
- referrals (created_at, referrer_id, invited_id): the referrals of a period, covered.

Revision ID: 0015
Revises: 0014
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_status_closed", ["status", "closed_at", "created_at"], unique=False
        )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_referrals_created", ["created_at", "referrer_id", "invited_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_created")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.drop_index("ix_tickets_status_closed")
