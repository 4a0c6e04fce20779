"""Tables. Money is integer kopecks; every timestamp is a UTC-aware `UTCDateTime`.

Every table is in this one module on purpose (so it runs past 400 lines): Alembic's autogenerate
and the check that the migrations match the models read one metadata, and the relations between
the tables read in one place."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from coworking_bot.db.base import Base, UTCDateTime
from coworking_bot.domain.booking import BookingStatus
from coworking_bot.domain.broadcasts import BroadcastStatus, ContentKind, RecipientStatus
from coworking_bot.domain.enums import Language, SpaceKind, StaffRole, TariffUnit
from coworking_bot.domain.payments import PaymentMethod, PaymentState, RefundReason, RefundState
from coworking_bot.domain.pricing import DiscountKind
from coworking_bot.domain.tickets import MessageKind, TicketStatus


def utcnow() -> datetime:
    return datetime.now(UTC)


def _enum(enum_cls: type[Any], name: str) -> Enum:
    # Stored as the values ("ru", "owner"), as a VARCHAR with a CHECK, portable across databases.
    return Enum(
        enum_cls,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    username: Mapped[str | None] = mapped_column(String(64))
    full_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(254))
    language: Mapped[Language] = mapped_column(_enum(Language, "language"))
    referral_code: Mapped[str] = mapped_column(String(32), unique=True)
    referrer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Indexed for the dashboard: new clients of a period (migration 0013).
    registered_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    is_banned: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ban_reason: Mapped[str | None] = mapped_column(String(300))
    banned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    banned_by: Mapped[int | None] = mapped_column(BigInteger)
    staff_note: Mapped[str | None] = mapped_column(String(1000))
    bot_blocked: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Broadcasts ("news") reach clients who have not turned them off in their profile.
    news_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # Staff (owners too) who asked for the day's schedule every morning.
    morning_schedule: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ReferralRow(Base):
    """A referral that counts: written once, when the invited user finishes registration."""

    __tablename__ = "referrals"
    __table_args__ = (
        CheckConstraint("referrer_id <> invited_id", name="not_self"),
        # The dashboard's referrals of a period (migration 0015).
        Index("ix_referrals_created", "created_at", "referrer_id", "invited_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referrer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    invited_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StaffMemberRow(Base):
    """Staff added in the bot. Owners come from ADMIN_TELEGRAM_ID and need no row."""

    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    role: Mapped[StaffRole] = mapped_column(_enum(StaffRole, "staff_role"))
    added_by: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class SpaceRow(Base):
    __tablename__ = "spaces"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    name_en: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[SpaceKind] = mapped_column(_enum(SpaceKind, "space_kind"))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    capacity: Mapped[int] = mapped_column(Integer, default=1)
    # {"0": ["09:00", "21:00"], ... "6": null}: Monday is "0"; null means closed that day.
    opening_hours: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    slot_step_minutes: Mapped[int] = mapped_column(Integer, default=30, server_default="30")
    buffer_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    booking_horizon_days: Mapped[int] = mapped_column(Integer, default=60, server_default="60")
    photo_file_id: Mapped[str | None] = mapped_column(String(255))  # Telegram's, sent with it
    min_lead_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    __table_args__ = (CheckConstraint("capacity > 0", name="capacity_positive"),)


class TariffRow(Base):
    __tablename__ = "tariffs"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price_not_negative"),
        CheckConstraint("min_duration >= 1", name="min_duration_positive"),
        CheckConstraint("max_duration >= min_duration", name="duration_range"),
        Index("ix_tariffs_space_active", "space_id", "is_active"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str | None] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    description_en: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[TariffUnit] = mapped_column(_enum(TariffUnit, "tariff_unit"))
    price: Mapped[int] = mapped_column(Integer)  # kopecks per unit
    min_duration: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    max_duration: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # {"from_units": 3, "percent": 10}: 10% off from 3 units; null for none.
    volume_discount: Mapped[dict[str, int] | None] = mapped_column(JSON)
    needs_confirmation: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_trial: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Staff mark arrivals; with NO_SHOW_MINUTES set, nobody arriving makes it a no-show.
    check_in_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    crm_service_id: Mapped[int | None] = mapped_column(Integer)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class AuditLogRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_telegram_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(64))
    target_type: Mapped[str] = mapped_column(String(32))
    target_id: Mapped[str | None] = mapped_column(String(64))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class BotStorageRow(Base):
    """aiogram FSM and aiogram-dialog state, so a dialog survives a restart without Redis."""

    __tablename__ = "bot_storage"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class PromoCodeRow(Base):
    __tablename__ = "promo_codes"
    __table_args__ = (
        CheckConstraint("value > 0", name="value_positive"),
        CheckConstraint("kind <> 'percent' OR value <= 100", name="percent_range"),
        CheckConstraint("uses >= 0", name="uses_not_negative"),
        CheckConstraint("max_uses IS NULL OR uses <= max_uses", name="uses_within_limit"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)  # stored upper-case
    kind: Mapped[DiscountKind] = mapped_column(_enum(DiscountKind, "discount_kind"))
    value: Mapped[int] = mapped_column(Integer)  # percent 1..100, or kopecks
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    max_uses: Mapped[int | None] = mapped_column(Integer)
    uses: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    per_user_limit: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # Tariff ids the code is for; null means every tariff.
    tariff_ids: Mapped[list[int] | None] = mapped_column(JSON)
    first_booking_only: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BookingRow(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="time_range"),
        CheckConstraint("total >= 0", name="total_not_negative"),
        CheckConstraint("units > 0", name="units_positive"),
        # Overlap queries bound `ends_at > start`: with history piling up, only bookings that end
        # after the window's start are read.
        Index("ix_bookings_space_end", "space_id", "ends_at"),
        # Availability: seeks to each live status of a space and covers the times, so cancelled
        # and expired rows are never visited (migration 0003).
        Index("ix_bookings_space_live", "space_id", "status", "ends_at", "starts_at"),
        Index("ix_bookings_user_starts", "user_id", "starts_at"),
        Index("ix_bookings_status_hold", "status", "hold_expires_at"),
        # The desk's list of bookings in one status, by start.
        Index("ix_bookings_status_starts", "status", "starts_at"),
        # The dashboard (migration 0013), both covering what its sums read: bookings starting in
        # a period; and day and month bookings of a tariff overlapping one, by their end.
        Index(
            "ix_bookings_analytics_starts",
            "starts_at",
            "status",
            "space_id",
            "tariff_id",
            "units",
            "checked_in_at",
        ),
        Index(
            "ix_bookings_analytics_tariff_ends",
            "tariff_id",
            "ends_at",
            "starts_at",
            "status",
            "space_id",
            "checked_in_at",
        ),
        # The dashboard's conversion and funnel: a client's bookings by status (migration 0013).
        Index("ix_bookings_analytics_user", "user_id", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="RESTRICT"))
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id", ondelete="RESTRICT"))
    status: Mapped[BookingStatus] = mapped_column(_enum(BookingStatus, "booking_status"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # True when the space has one place: PostgreSQL then also refuses overlaps by constraint.
    exclusive: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    units: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[int] = mapped_column(Integer)
    subtotal: Mapped[int] = mapped_column(Integer)
    volume_discount: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    promo_discount: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    total: Mapped[int] = mapped_column(Integer)
    promo_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("promo_codes.id", ondelete="SET NULL")
    )
    hold_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    series_id: Mapped[str | None] = mapped_column(String(36), index=True)
    # The client's "confirm" attempt: a second tap or a retry finds the booking it made.
    request_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    cancel_reason: Mapped[str | None] = mapped_column(String(32))
    cancelled_by: Mapped[int | None] = mapped_column(BigInteger)
    # Until when cancelling gives everything back, fixed when the booking is made, so moving it
    # never buys better terms (null: made before migration 0005; the policy's hours then count).
    free_cancel_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Bumped when the booking changes under staff's eyes (moved): buttons of older requests are
    # refused.
    revision: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Staff marked the client as arrived (migration 0008).
    checked_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    checked_in_by: Mapped[int | None] = mapped_column(BigInteger)
    # Reminders planned for this booking's current time, once each: a day and an hour before the
    # start, and (monthly tariffs) some days before the period ends. A move clears them.
    day_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    hour_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    renewal_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class PromoRedemptionRow(Base):
    """One use of a promo code by one booking; `released_at` is set when it was given back."""

    __tablename__ = "promo_redemptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    promo_code_id: Mapped[int] = mapped_column(ForeignKey("promo_codes.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    __table_args__ = (
        Index("ix_promo_redemptions_code_user", "promo_code_id", "user_id"),
        Index(
            "ix_promo_redemptions_created",
            "created_at",
            "released_at",
            "booking_id",
            "promo_code_id",
        ),
    )


class WaitlistEntryRow(Base):
    """Someone waiting for a place of a tariff over [starts_at, ends_at) to free up."""

    __tablename__ = "waitlist_entries"
    __table_args__ = (
        Index("ix_waitlist_space_time", "space_id", "starts_at"),
        Index(
            "uq_waitlist_waiting",
            "user_id",
            "tariff_id",
            "starts_at",
            "ends_at",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    space_id: Mapped[int] = mapped_column(ForeignKey("spaces.id", ondelete="CASCADE"))
    tariff_id: Mapped[int] = mapped_column(ForeignKey("tariffs.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    units: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class OutboxMessageRow(Base):
    """A message to send later (DESIGN.md section 5): rendered in the recipient's language at
    send time, claimed atomically by a sender, retried, and never lost by a restart."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_due", "sent_at", "due_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    language: Mapped[Language] = mapped_column(_enum(Language, "outbox_language"))
    key: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # [[{"key": "btn-...", "callback_data": "..."}], ...]: button rows, texts as locale keys.
    buttons: Mapped[list[Any] | None] = mapped_column(JSON)
    # {"filename": "booking.ics", "content": "..."}: a text document sent after the message.
    document: Mapped[dict[str, str] | None] = mapped_column(JSON)
    # What is sent: "message" (the text), "photo", "document" or "album" (Telegram file ids in
    # `media`, the text as caption), "copy" (a message someone wrote, named in `media`), or
    # "edit" (new text for the message row `edit_of` produced).
    kind: Mapped[str] = mapped_column(String(16), default="message", server_default="message")
    media: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # How many of the row's Telegram messages went out (the text, then its document): a retry
    # goes on from there.
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The Telegram message the row produced, so it can be edited later.
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    # Rows about one thing ("booking:42:request"): amending the topic edits every copy sent.
    topic: Mapped[str | None] = mapped_column(String(64), index=True)
    edit_of: Mapped[int | None] = mapped_column(Integer)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_error: Mapped[str | None] = mapped_column(String(255))
    dedupe_key: Mapped[str | None] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PaymentRow(Base):
    """One attempt to take money for a booking. The row and its idempotence key are written
    before the provider is first called; the provider's id is unique once known."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_payments_booking", "booking_id"),
        # Reconciliation: open payments, oldest check first.
        Index("ix_payments_state_checked", "state", "checked_at"),
        # The dashboard's revenue of a period, covered (migration 0013).
        Index("ix_payments_analytics_paid", "state", "paid_at", "amount", "booking_id", "user_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="RESTRICT"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    amount: Mapped[int] = mapped_column(Integer)  # kopecks
    state: Mapped[PaymentState] = mapped_column(_enum(PaymentState, "payment_state"))
    idempotence_key: Mapped[str] = mapped_column(String(64), unique=True)
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    confirmation_url: Mapped[str | None] = mapped_column(Text)
    # Sent with the create call; kept so a retry sends the very same request.
    return_url: Mapped[str] = mapped_column(Text)
    cancel_reason: Mapped[str | None] = mapped_column(String(64))
    # Asked the provider to cancel it (the hold ran out); the key is kept for a retry.
    cancel_key: Mapped[str | None] = mapped_column(String(64))
    paid_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Online (YooKassa) or taken at the desk; money taken on site is given back there too.
    method: Mapped[PaymentMethod] = mapped_column(
        _enum(PaymentMethod, "payment_method"), server_default=PaymentMethod.ONLINE.value
    )
    recorded_by: Mapped[int | None] = mapped_column(BigInteger)  # staff, for money on site
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class RefundRow(Base):
    """Money given back for a payment, whole or in part; written in the transaction that
    decided it, then sent to the provider with its stored key until the provider has it."""

    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_positive"),
        Index("ix_refunds_payment", "payment_id"),
        Index("ix_refunds_state_checked", "state", "checked_at"),
        Index("ix_refunds_booking", "booking_id", "state", "amount"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments.id", ondelete="RESTRICT"))
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="RESTRICT"))
    amount: Mapped[int] = mapped_column(Integer)  # kopecks
    state: Mapped[RefundState] = mapped_column(_enum(RefundState, "refund_state"))
    reason: Mapped[RefundReason] = mapped_column(_enum(RefundReason, "refund_reason"))
    idempotence_key: Mapped[str] = mapped_column(String(64), unique=True)
    # When the key was issued, if it is not the row's first (YooKassa forgets keys after a day).
    key_issued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    provider_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    last_error: Mapped[str | None] = mapped_column(String(255))
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class InstanceRow(Base):
    """A running `coworking-bot run` process: it says it is alive every few seconds, so tools
    such as `restore` can tell that the bot is running."""

    __tablename__ = "instances"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TicketRow(Base):
    """A client's question to support, with its thread in `ticket_messages`."""

    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
        # The staff queue: one status, oldest first; the client's own list, latest first.
        Index("ix_tickets_status_created", "status", "created_at"),
        Index("ix_tickets_user_updated", "user_id", "updated_at"),
        # The dashboard (migration 0013): tickets open at a moment (those closed after it), and
        # the first answers to the tickets of a period.
        Index("ix_tickets_closed", "closed_at"),
        Index("ix_tickets_created_answered", "created_at", "first_response_at"),
        # Migration 0015: those closed after a moment, without reading every closed ticket.
        Index("ix_tickets_status_closed", "status", "closed_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="RESTRICT"))
    status: Mapped[TicketStatus] = mapped_column(_enum(TicketStatus, "ticket_status"))
    # The first words of the first message: the ticket's line in lists.
    subject: Mapped[str] = mapped_column(String(100), default="", server_default="")
    assigned_to: Mapped[int | None] = mapped_column(BigInteger)  # a staff member's telegram id
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_by: Mapped[int | None] = mapped_column(BigInteger)
    rating: Mapped[int | None] = mapped_column(Integer)
    # Raised again to staff, unanswered for TICKET_ESCALATION_MINUTES (once).
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TicketMessageRow(Base):
    """One message of a ticket's thread: the client's, staff's, or a staff note."""

    __tablename__ = "ticket_messages"
    __table_args__ = (Index("ix_ticket_messages_ticket", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id", ondelete="CASCADE"))
    kind: Mapped[MessageKind] = mapped_column(_enum(MessageKind, "ticket_message_kind"))
    author_telegram_id: Mapped[int] = mapped_column(BigInteger)
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    # [{"kind": "photo", "file_id": "..."}, ...]: Telegram file ids.
    media: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BroadcastRow(Base):
    """A message staff wrote to the bot, copied to an audience (domain/broadcasts.py). Its
    progress message to the author is the outbox notice of topic `broadcast:<id>`."""

    __tablename__ = "broadcasts"
    __table_args__ = (
        # The timer: scheduled ones that came due, running and paused ones; the history.
        Index("ix_broadcasts_status_scheduled", "status", "scheduled_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    author_telegram_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[BroadcastStatus] = mapped_column(_enum(BroadcastStatus, "broadcast_status"))
    kind: Mapped[ContentKind] = mapped_column(_enum(ContentKind, "broadcast_content"))
    # The author's chat and the message (an album: its messages, in order) copied to everyone.
    source_chat_id: Mapped[int] = mapped_column(BigInteger)
    source_message_ids: Mapped[list[int]] = mapped_column(JSON)
    button_text: Mapped[str | None] = mapped_column(String(64))
    button_url: Mapped[str | None] = mapped_column(String(1024))
    # {"kind": "active", "days": 30}: see `Audience.to_json`.
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Recipients by the state of their copy, as of the last progress update (final when over).
    total: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    blocked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    unknown: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    skipped: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # When the progress message was last brought up to date, and how many were done then.
    progress_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    progress_done: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Why it paused by itself (the message to copy was deleted).
    last_error: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class BroadcastRecipientRow(Base):
    """One client's copy of a broadcast, written when it starts: claimed, sent, marked, so a
    restart goes on from here and nobody gets it twice."""

    __tablename__ = "broadcast_recipients"
    __table_args__ = (
        Index("uq_broadcast_recipients_user", "broadcast_id", "user_id", unique=True),
        # The sender takes the next pending ones of a running broadcast; progress counts them.
        Index("ix_broadcast_recipients_status", "broadcast_id", "status", "id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    chat_id: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[RecipientStatus] = mapped_column(
        _enum(RecipientStatus, "broadcast_recipient_status")
    )
    # A sender took it (pending: until `claimed_until`, under its token; sending: the call is
    # on its way, and past `claimed_until` its sender is gone: the copy's fate is unknown).
    claim_token: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    not_before: Mapped[datetime | None] = mapped_column(UTCDateTime())  # a retry waits
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # Telegram calls that went out (the album, then the link button's message).
    parts_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    error: Mapped[str | None] = mapped_column(String(255))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AnalyticsMarkRow(Base):
    """A span of time whose dashboard figures changed: written by database triggers (migration
    0016) whenever a booking, a payment or a refund changes in a way a figure could see, so
    nothing that writes those rows can forget it. The rollup recomputes the days a mark touches
    ([starts_at, ends_at], ends included) and deletes exactly the marks it read."""

    __tablename__ = "analytics_marks"
    __table_args__ = (Index("ix_analytics_marks_span", "ends_at", "starts_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AnalyticsDayRow(Base):
    """The dashboard's figures of one closed local day, kept so a month is read as thirty rows
    (`services.analytics.rollup`). Good while no mark touches the day and `fingerprint` is that
    of the catalogue and time zone they were worked out with."""

    __tablename__ = "analytics_days"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    facts: Mapped[str] = mapped_column(Text)  # JSON, see rollup.DayFacts
    # One more at each write: a refresh rewrites a day only if nobody did since it looked.
    revision: Mapped[int] = mapped_column(Integer, default=0)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
