"""The bookings desk and the audit log in the staff menu, driven through the real dispatcher,
dialogs, services and database: the queue, the card, Confirm, Reject with a reason, refusals when
the request changed under the card, and what the audit log shows the owner."""

from __future__ import annotations

from datetime import UTC, date, datetime

from aiogram import Bot, Dispatcher
from aiogram.types import Chat
from aiogram_dialog.test_tools import BotClient
from aiogram_dialog.test_tools.keyboard import InlineButtonTextLocator
from dishka import AsyncContainer
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from coworking_bot.db.models import AuditLogRow
from coworking_bot.domain.booking import Booking, BookingStatus
from coworking_bot.domain.enums import StaffRole
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import Actor
from coworking_bot.i18n import Translator
from coworking_bot.outbox.sender import OutboxSender
from dialogs.callbacks import BookingOpen
from tests.conftest import OWNER_ID, FakeClock
from tests.dialogs.booking_helpers import alerts, click_prefix
from tests.dialogs.helpers import button_texts, click, last_text, register
from tests.dialogs.notice_helpers import button_data, delivered, tap
from tests.fakes.telegram import RecordingSession, WindowRecorder
from tests.fakes.yookassa import YooKassaStandIn
from tests.unit.booking_helpers import (
    DAY,
    add_promo,
    add_staff,
    add_user,
    at,
    book,
    booking_service,
    bookings,
    notices,
    seed,
)
from tests.unit.payment_helpers import creates, paid_booking, refund_rows, seed_clients

ANNA, BORIS = 1, 2
MANAGER_ID = 3001

Factory = async_sessionmaker[AsyncSession]


async def status_of(factory: Factory, booking_id: int) -> BookingStatus:
    [row] = [row for row in await bookings(factory) if row.id == booking_id]
    return row.status


async def two_requests(container: AsyncContainer, factory: Factory) -> tuple[Booking, Booking]:
    """Anna's office request, then Boris's: both wait for staff (free, so no payment first)."""
    demo = await seed(factory)
    await add_user(factory, ANNA, name="Анна Первая")
    await add_user(factory, BORIS, name="Борис Второй")
    await add_promo(factory, "FREEOFFICE", value=100)
    first = await book(container, ANNA, demo.office, at(DAY, 0), promo_code="FREEOFFICE")
    second = await book(
        container, BORIS, demo.office, at(date(2027, 1, 15), 0), promo_code="FREEOFFICE"
    )
    assert first.status is second.status is BookingStatus.PENDING
    return first, second


async def a_manager(
    dispatcher: Dispatcher, bot: Bot, factory: Factory, recorder: WindowRecorder, ru: Translator
) -> BotClient:
    await add_staff(factory, MANAGER_ID, StaffRole.MANAGER)
    manager = BotClient(dispatcher, user_id=MANAGER_ID, chat_id=MANAGER_ID, bot=bot)
    await register(manager, recorder, ru, name="Мария Менеджер")
    return manager


async def audit_rows(factory: Factory) -> list[AuditLogRow]:
    async with factory() as session:
        return list(await session.scalars(select(AuditLogRow).order_by(AuditLogRow.id)))


async def open_queue(
    manager: BotClient, recorder: WindowRecorder, ru: Translator, waiting: int
) -> None:
    await manager.send("/admin")
    await click(manager, recorder, ru.get("btn-admin-requests", requests=waiting))


async def test_a_manager_confirms_the_oldest_request_from_the_desk(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, second = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)

    await open_queue(manager, message_manager, ru, 2)
    queue = message_manager.last_message()
    assert "Ждут решения: 2" in (queue.text or "")
    requests = [text for text in button_texts(queue) if text.startswith("№")]
    assert [text.split(" ·")[0] for text in requests] == [f"№{first.id}", f"№{second.id}"]
    assert "Анна Первая" in requests[0]

    await click(manager, message_manager, requests[0])
    card = last_text(message_manager)
    assert f"Заявка №{first.id}" in card
    assert "Анна Первая" in card
    assert "К оплате" not in card, "free with its promo code: nothing to take"

    await click(manager, message_manager, ru.get("btn-booking-confirm"))

    assert await status_of(session_factory, first.id) is BookingStatus.CONFIRMED
    assert await status_of(session_factory, second.id) is BookingStatus.PENDING
    [told] = await notices(session_factory, "notice-booking-confirmed")
    assert told.chat_id == ANNA
    # Back in the queue, which now holds only Boris's request.
    assert "Ждут решения: 1" in last_text(message_manager)
    [entry] = await audit_rows(session_factory)
    assert (entry.actor_telegram_id, entry.action, entry.target_id) == (
        MANAGER_ID,
        "booking.confirm",
        str(first.id),
    )
    assert (entry.details["before"], entry.details["after"]) == ("pending", "confirmed")


async def test_a_rejection_with_a_picked_reason_tells_the_client_why(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, _ = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(
        manager,
        message_manager,
        next(
            t for t in button_texts(message_manager.last_message()) if t.startswith(f"№{first.id} ")
        ),
    )
    await click(manager, message_manager, ru.get("btn-booking-reject"))
    assert "Выберите причину" in last_text(message_manager)

    await click(manager, message_manager, ru.get("reject-reason-closed"))

    assert await status_of(session_factory, first.id) is BookingStatus.CANCELLED
    await outbox.deliver_due()
    [told] = telegram.sent_texts(ANNA)
    assert "не подтвердили" in told
    assert ru.get("reject-reason-closed") in told
    [entry] = await audit_rows(session_factory)
    assert entry.action == "booking.reject"
    assert entry.details["reason_preset"] == "closed"


async def test_a_typed_reason_is_checked_then_sent_as_written(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, _ = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(
        manager,
        message_manager,
        next(
            t for t in button_texts(message_manager.last_message()) if t.startswith(f"№{first.id} ")
        ),
    )
    await click(manager, message_manager, ru.get("btn-booking-reject"))
    await click(manager, message_manager, ru.get("btn-desk-reason-type"))

    await manager.send("x" * 301)
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-reason-invalid", limit=300)
    assert await status_of(session_factory, first.id) is BookingStatus.PENDING
    assert await audit_rows(session_factory) == []

    await manager.send("Офис на <ремонте>   до пятницы")

    assert await status_of(session_factory, first.id) is BookingStatus.CANCELLED
    await outbox.deliver_due()
    [told] = telegram.sent_texts(ANNA)
    assert "Причина: Офис на &lt;ремонте&gt; до пятницы" in told
    [entry] = await audit_rows(session_factory)
    assert entry.details["reason"] == "Офис на <ремонте> до пятницы"


async def test_a_request_decided_elsewhere_is_refused_on_the_open_card(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, _ = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(
        manager,
        message_manager,
        next(
            t for t in button_texts(message_manager.last_message()) if t.startswith(f"№{first.id} ")
        ),
    )
    card = message_manager.last_message()
    # The owner rejects it from the alert meanwhile.
    async with booking_service(container) as service:
        await service.reject(Actor(OWNER_ID, StaffRole.OWNER), first.id)

    await manager.click(card, InlineButtonTextLocator(ru.get("btn-booking-confirm")))

    assert await status_of(session_factory, first.id) is BookingStatus.CANCELLED
    # The card is shown as it is now: cancelled, with nothing left to decide.
    assert ru.get("btn-booking-confirm") not in button_texts(message_manager.last_message())
    assert "отменена" in last_text(message_manager)


async def test_a_request_the_client_moved_under_the_card_is_shown_again_before_confirming(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, _ = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(
        manager,
        message_manager,
        next(
            t for t in button_texts(message_manager.last_message()) if t.startswith(f"№{first.id} ")
        ),
    )
    async with booking_service(container) as service:
        await service.move(ANNA, first.id, at(DAY.replace(day=10), 0))

    await click(manager, message_manager, ru.get("btn-booking-confirm"))

    assert await status_of(session_factory, first.id) is BookingStatus.PENDING
    assert alerts(telegram)[-1] == ru.get("error-booking-request-changed")
    assert "10 декабря" in last_text(message_manager)  # the card shows the new time

    await click(manager, message_manager, ru.get("btn-booking-confirm"))
    assert await status_of(session_factory, first.id) is BookingStatus.CONFIRMED


async def test_the_owner_reads_the_audit_log_and_filters_it_by_member(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, second = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(
        manager,
        message_manager,
        next(
            t for t in button_texts(message_manager.last_message()) if t.startswith(f"№{first.id} ")
        ),
    )
    await click(manager, message_manager, ru.get("btn-booking-confirm"))
    # A manager has no audit log in the menu.
    await manager.send("/admin")
    assert ru.get("btn-admin-audit") not in button_texts(message_manager.last_message())
    async with booking_service(container) as service:
        await service.reject(Actor(OWNER_ID, StaffRole.OWNER), second.id)

    owner = BotClient(dispatcher, user_id=OWNER_ID, chat_id=OWNER_ID, bot=bot)
    await owner.send("/admin")
    await click(owner, message_manager, ru.get("btn-admin-audit"))
    log = last_text(message_manager)
    assert f"Мария Менеджер\n✅ подтвердил(а) заявку №{first.id}" in log
    assert f"❌ отклонил(а) заявку №{second.id}" in log
    # Newest first.
    assert log.index(f"№{second.id}") < log.index(f"№{first.id}")

    await click(owner, message_manager, ru.get("btn-audit-filter"))
    await click(owner, message_manager, "Мария Менеджер")
    log = last_text(message_manager)
    assert "Только действия: Мария Менеджер" in log
    assert f"№{first.id}" in log
    assert f"№{second.id}" not in log


async def open_schedule(
    manager: BotClient, recorder: WindowRecorder, ru: Translator, day_key: str | None = None
) -> None:
    await manager.send("/admin")
    await click(manager, recorder, ru.get("btn-admin-schedule"))
    if day_key:
        await click(manager, recorder, ru.get(day_key))


async def test_staff_cancel_a_late_paid_booking_giving_everything_back(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    clock: FakeClock,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    booking_id, _ = await paid_booking(container, kassa, demo)  # 3 Dec, 10:00-12:00, 2 400 ₽
    clock.current = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)  # past the free cancellation

    await open_schedule(manager, message_manager, ru, "btn-desk-tomorrow")
    assert "3 декабря" in last_text(message_manager)
    await click_prefix(manager, message_manager, "✅ 10:00–12:00")
    await click(manager, message_manager, ru.get("btn-desk-cancel"))
    ask = last_text(message_manager)
    assert f"Оплачено: {format_rub(240_000)}" in ask
    assert f"вернётся {format_rub(0)} (0 %)" in ask  # the default late refund: nothing

    await click(manager, message_manager, ru.get("btn-desk-cancel-full", paid=format_rub(240_000)))
    await manager.send("Переговорная затоплена")

    assert await status_of(session_factory, booking_id) is BookingStatus.CANCELLED
    [refund] = await refund_rows(session_factory)
    assert refund.amount == 240_000
    assert creates(kassa, "/v3/refunds")  # handed to YooKassa at once
    await outbox.deliver_due()
    told = "\n".join(telegram.sent_texts(ANNA))
    assert "отменено коворкингом" in told
    assert "Причина: Переговорная затоплена" in told
    [entry] = [row for row in await audit_rows(session_factory) if row.action == "booking.cancel"]
    assert entry.details["refund_percent"] == 100
    assert entry.details["reason"] == "Переговорная затоплена"
    # Back in the schedule, which shows nothing live any more.
    assert ru.get("btn-desk-today") in button_texts(message_manager.last_message())


async def test_a_cancel_without_a_usable_reason_changes_nothing(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    kassa: YooKassaStandIn,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    booking_id, _ = await paid_booking(container, kassa, demo)
    await open_schedule(manager, message_manager, ru)
    await click(manager, message_manager, ru.get("btn-desk-day-on"))
    await click(manager, message_manager, ru.get("btn-desk-day-on"))
    await click(manager, message_manager, ru.get("btn-desk-day-on"))
    await click(manager, message_manager, ru.get("btn-desk-day-back"))  # 3 December
    await click_prefix(manager, message_manager, "✅ 10:00–12:00")
    await click(manager, message_manager, ru.get("btn-desk-cancel"))
    # Still free to cancel: one button, everything back.
    await click(manager, message_manager, ru.get("btn-desk-cancel-go"))
    await manager.send("   ")
    await manager.send("y" * 301)
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-reason-invalid", limit=300)
    assert await status_of(session_factory, booking_id) is BookingStatus.CONFIRMED
    assert await refund_rows(session_factory) == []


async def test_staff_mark_an_arrival_once_from_the_schedule(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    demo = await seed_clients(session_factory)
    await add_promo(session_factory, "FREEROOM", value=100)
    # Now is 1 December, 12:00 in Moscow: a room at 13:00 may be checked in already.
    booking = await book(
        container, ANNA, demo.small_room, at(date(2026, 12, 1), 13), promo_code="FREEROOM"
    )
    assert booking.status is BookingStatus.CONFIRMED

    await open_schedule(manager, message_manager, ru)
    await click_prefix(manager, message_manager, "✅ 13:00–14:00")
    card = message_manager.last_message()
    await click(manager, message_manager, ru.get("btn-desk-check-in"))

    [row] = [row for row in await bookings(session_factory) if row.id == booking.id]
    assert row.checked_in_at is not None
    assert row.checked_in_by == MANAGER_ID
    assert "Клиент пришёл в 12:00" in last_text(message_manager)
    assert "История" in last_text(message_manager)
    assert "Мария Менеджер\n🙋 отметил(а) приход" in last_text(message_manager)
    assert "<b>Бронь №" in last_text(message_manager)
    assert ru.get("btn-desk-check-in") not in button_texts(message_manager.last_message())
    # The old card's button does nothing more.
    await manager.click(card, InlineButtonTextLocator(ru.get("btn-desk-check-in")))
    assert [r.action for r in await audit_rows(session_factory)] == ["booking.check_in"]
    await click(manager, message_manager, ru.get("btn-desk-to-schedule"))
    assert "🙋" in "".join(button_texts(message_manager.last_message()))


async def test_a_booking_is_found_by_its_number(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, _ = await two_requests(container, session_factory)
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(manager, message_manager, ru.get("btn-desk-find"))
    await manager.send("№двенадцать")
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("desk-find-number-expected")
    await manager.send("99999")
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-booking-not-found")
    await manager.send(f"№{first.id}")
    assert f"Заявка №{first.id}" in last_text(message_manager)


async def test_a_clients_bookings_are_found_by_name_or_phone_from_the_desk(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    first, second = await two_requests(container, session_factory)  # Анна Первая, Борис Второй
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    await open_queue(manager, message_manager, ru, 2)
    await click(manager, message_manager, ru.get("btn-desk-find"))
    await manager.send("Зинаида")
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("desk-find-nobody")

    # One client found: their bookings at once.
    await manager.send("борис")
    assert "Борис Второй" in last_text(message_manager)
    listed = [t for t in button_texts(message_manager.last_message()) if "№" in t]
    assert listed == [listed[0]]
    assert listed[0].startswith(f"⏳ №{second.id}")

    # Several (the test clients share a phone): pick one.
    await open_queue(manager, message_manager, ru, 2)
    await click(manager, message_manager, ru.get("btn-desk-find"))
    await manager.send("+7 916 123-45-67")
    assert "Найдено: 3" in last_text(message_manager)  # and the manager, registered alike
    await click_prefix(manager, message_manager, "Анна Первая")
    assert f"⏳ №{first.id}" in " ".join(button_texts(message_manager.last_message()))


async def test_open_under_an_alert_shows_the_booking_card_whatever_is_open(
    dispatcher: Dispatcher,
    bot: Bot,
    container: AsyncContainer,
    outbox: OutboxSender,
    telegram: RecordingSession,
    message_manager: WindowRecorder,
    session_factory: Factory,
    ru: Translator,
) -> None:
    manager = await a_manager(dispatcher, bot, session_factory, message_manager, ru)
    _, second = await two_requests(container, session_factory)
    await outbox.deliver_due()
    alert = delivered(telegram, MANAGER_ID)  # the newest: Boris's request
    await manager.send("/mybookings")  # some other dialog is open

    await tap(dispatcher, bot, MANAGER_ID, alert, button_data(alert, ru.get("btn-booking-open")))
    assert f"Заявка №{second.id}" in last_text(message_manager)
    assert ru.get("btn-booking-confirm") in button_texts(message_manager.last_message())

    # A client crafting the button opens nothing; a booking that is not there neither.
    message_manager.reset_history()
    in_her_chat = alert.model_copy(update={"chat": Chat(id=ANNA, type="private")})
    await tap(dispatcher, bot, ANNA, in_her_chat, BookingOpen(booking_id=second.id).pack())
    assert message_manager.sent_messages == []
    assert telegram.sent_texts(ANNA)[-1] == ru.get("unknown-command")
    await tap(dispatcher, bot, MANAGER_ID, alert, BookingOpen(booking_id=99_999).pack())
    assert telegram.sent_texts(MANAGER_ID)[-1] == ru.get("error-booking-not-found")
