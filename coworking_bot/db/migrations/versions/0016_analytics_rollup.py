"""the dashboard's rollup: figures kept per closed day, and the marks that say a day changed

A whole month's summary, series and heatmap read and split every booking of the month (27,000
in bench/dashboard.py): 60 to 80 ms on PostgreSQL, more on SQLite. Closed days rarely change,
so their figures are kept (`analytics_days`, one row per local day) and a month is thirty rows.

A kept day is good only while nothing it was worked out from changed. Triggers mark the span
of time of every change a figure could see, whatever code made it:

- bookings: a booking written or deleted, or its status, times, tariff, space, units or
  check-in changed: its old and its new [starts_at, ends_at];
- payments: a succeeded payment written, changed or deleted: its paid_at, old and new;
- refunds: a succeeded refund likewise: its checked_at.

The rollup (services.analytics.rollup) recomputes the days the marks touch and deletes exactly
the marks it read; the dashboard reads a marked day as it is now. A kept day's revision lets a
refresh rewrite it only if no other refresh did since it looked.

Revision ID: 0016
Revises: 0015
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# What a booking's figures are made of: a change to any of these marks its old and new span.
_BOOKING_COLUMNS = ("status", "starts_at", "ends_at", "tariff_id", "space_id", "units")
_BOOKING_CHECK_IN = "checked_in_at"
# Money: (table, moment column); a row counts when it succeeded.
_MONEY = (("payments", "paid_at"), ("refunds", "checked_at"))
_MONEY_COLUMNS = ("state", "amount")
_SUCCEEDED = "'succeeded'"


def upgrade() -> None:
    op.create_table(
        "analytics_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_analytics_marks")),
    )
    with op.batch_alter_table("analytics_marks", schema=None) as batch_op:
        batch_op.create_index("ix_analytics_marks_span", ["ends_at", "starts_at"], unique=False)
    op.create_table(
        "analytics_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("facts", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("computed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_analytics_days")),
    )
    statements = (
        _postgres_triggers() if op.get_bind().dialect.name == "postgresql" else _sqlite_triggers()
    )
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_analytics ON bookings")
        op.execute("DROP TRIGGER IF EXISTS tr_bookings_analytics_update ON bookings")
        op.execute("DROP FUNCTION IF EXISTS analytics_mark_booking()")
        for table, _ in _MONEY:
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_analytics ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_analytics_update ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS analytics_mark_{table}()")
    else:
        for table in ("bookings", *(table for table, _ in _MONEY)):
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS tr_{table}_analytics_{event}")
    op.drop_table("analytics_days")
    with op.batch_alter_table("analytics_marks", schema=None) as batch_op:
        batch_op.drop_index("ix_analytics_marks_span")
    op.drop_table("analytics_marks")


def _changed(columns: Sequence[str], *, postgres: bool) -> str:
    differs = "IS DISTINCT FROM" if postgres else "IS NOT"
    return " OR ".join(f"OLD.{column} {differs} NEW.{column}" for column in columns)


def _sqlite_triggers() -> list[str]:
    mark = "INSERT INTO analytics_marks (starts_at, ends_at)"
    booking_changed = _changed((*_BOOKING_COLUMNS, _BOOKING_CHECK_IN), postgres=False)
    statements = [
        f"""CREATE TRIGGER tr_bookings_analytics_insert AFTER INSERT ON bookings
        BEGIN {mark} VALUES (NEW.starts_at, NEW.ends_at); END""",
        f"""CREATE TRIGGER tr_bookings_analytics_update AFTER UPDATE ON bookings
        WHEN {booking_changed}
        BEGIN {mark} VALUES (OLD.starts_at, OLD.ends_at), (NEW.starts_at, NEW.ends_at); END""",
        f"""CREATE TRIGGER tr_bookings_analytics_delete AFTER DELETE ON bookings
        BEGIN {mark} VALUES (OLD.starts_at, OLD.ends_at); END""",
    ]
    for table, moment in _MONEY:
        old = f"SELECT OLD.{moment}, OLD.{moment} WHERE OLD.state = {_SUCCEEDED}"
        old += f" AND OLD.{moment} IS NOT NULL"
        new = f"SELECT NEW.{moment}, NEW.{moment} WHERE NEW.state = {_SUCCEEDED}"
        new += f" AND NEW.{moment} IS NOT NULL"
        changed = _changed((*_MONEY_COLUMNS, moment), postgres=False)
        statements += [
            f"""CREATE TRIGGER tr_{table}_analytics_insert AFTER INSERT ON {table}
            BEGIN {mark} {new}; END""",
            f"""CREATE TRIGGER tr_{table}_analytics_update AFTER UPDATE ON {table}
            WHEN ({changed}) AND (OLD.state = {_SUCCEEDED} OR NEW.state = {_SUCCEEDED})
            BEGIN {mark} {old} UNION ALL {new}; END""",
            f"""CREATE TRIGGER tr_{table}_analytics_delete AFTER DELETE ON {table}
            BEGIN {mark} {old}; END""",
        ]
    return statements


def _postgres_triggers() -> list[str]:
    mark = "INSERT INTO analytics_marks (starts_at, ends_at)"
    booking_changed = _changed((*_BOOKING_COLUMNS, _BOOKING_CHECK_IN), postgres=True)
    statements = [
        f"""CREATE FUNCTION analytics_mark_booking() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {mark} VALUES (OLD.starts_at, OLD.ends_at);
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {mark} VALUES (NEW.starts_at, NEW.ends_at);
            END IF;
            RETURN NULL;
        END $$""",
        """CREATE TRIGGER tr_bookings_analytics AFTER INSERT OR DELETE ON bookings
        FOR EACH ROW EXECUTE FUNCTION analytics_mark_booking()""",
        f"""CREATE TRIGGER tr_bookings_analytics_update AFTER UPDATE ON bookings
        FOR EACH ROW WHEN ({booking_changed}) EXECUTE FUNCTION analytics_mark_booking()""",
    ]
    for table, moment in _MONEY:
        changed = _changed((*_MONEY_COLUMNS, moment), postgres=True)
        statements += [
            f"""CREATE FUNCTION analytics_mark_{table}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.state = {_SUCCEEDED}
                        AND OLD.{moment} IS NOT NULL THEN
                    {mark} VALUES (OLD.{moment}, OLD.{moment});
                END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.state = {_SUCCEEDED}
                        AND NEW.{moment} IS NOT NULL THEN
                    {mark} VALUES (NEW.{moment}, NEW.{moment});
                END IF;
                RETURN NULL;
            END $$""",
            f"""CREATE TRIGGER tr_{table}_analytics AFTER INSERT OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION analytics_mark_{table}()""",
            f"""CREATE TRIGGER tr_{table}_analytics_update AFTER UPDATE ON {table}
            FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION analytics_mark_{table}()""",
        ]
    return statements
