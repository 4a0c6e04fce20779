"""What people are told about support tickets, through the outbox in the use case's transaction:
staff about a new ticket (with Take and Open right in the alert, every copy edited once one of
them acts), about a ticket raised again and about the client's new messages; the client about
staff replies (with a Reply button) and about their ticket being closed (with a rating).

Media go as a notice of their own just before the text, so the text with its buttons is always
a plain message that can be edited later (an album takes no buttons)."""

from __future__ import annotations

from collections.abc import Sequence

from coworking_bot.domain.enums import Language, Permission
from coworking_bot.domain.permissions import permissions_of
from coworking_bot.domain.tickets import (
    RATING_MAX,
    RATING_MIN,
    Attachment,
    MediaKind,
    Ticket,
    TicketMessage,
)
from coworking_bot.domain.users import User
from coworking_bot.services.common.notices import (
    Album,
    Button,
    Media,
    NoticeAction,
    NoticeParam,
    Notifier,
)
from coworking_bot.services.staff.ports import StaffRepository
from coworking_bot.services.users.ports import UserRepository


def alert_topic(ticket_id: int) -> str:
    """Every staff alert about a ticket nobody has yet: they all show its latest state."""
    return f"ticket:{ticket_id}:alert"


def display_name(user: User | None, telegram_id: int) -> str:
    return (user.full_name if user else None) or f"ID {telegram_id}"


class TicketNotices:
    def __init__(
        self,
        notifier: Notifier,
        users: UserRepository,
        staff: StaffRepository,
        owner_ids: frozenset[int],
        default_language: Language,
    ) -> None:
        self._notifier = notifier
        self._users = users
        self._staff = staff
        self._owner_ids = owner_ids
        self._default_language = default_language

    async def answerers(self) -> list[tuple[int, Language]]:
        """Owners and staff whose role answers tickets, each with their language."""
        recipients = set(self._owner_ids)
        for member in await self._staff.list():
            if Permission.ANSWER_TICKETS in permissions_of(member.role):
                recipients.add(member.telegram_id)
        found: list[tuple[int, Language]] = []
        for telegram_id in sorted(recipients):
            user = await self._users.get_by_telegram_id(telegram_id)
            found.append((telegram_id, user.language if user else self._default_language))
        return found

    async def opened(self, ticket: Ticket, client: User, message: TicketMessage) -> None:
        """Everyone who answers tickets gets the new one, with Take and Open."""
        for telegram_id, language in await self.answerers():
            await self._media(telegram_id, language, ticket, message, f"new:{telegram_id}")
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-ticket-new",
                {**self._client_params(ticket, client), "text": message.text},
                buttons=self.alert_buttons(ticket),
                dedupe_key=f"ticket-new:{ticket.id}:{telegram_id}",
                topic=alert_topic(ticket.id),
            )

    async def escalated(self, ticket: Ticket, client: User | None, minutes: int) -> None:
        """Nobody answered a new ticket in time: it is raised to everyone again."""
        params: dict[str, NoticeParam] = {
            **self._client_params(ticket, client),
            "minutes": minutes,
            "subject": ticket.subject,
        }
        for telegram_id, language in await self.answerers():
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-ticket-escalated",
                params,
                buttons=self.alert_buttons(ticket),
                dedupe_key=f"ticket-escalated:{ticket.id}:{telegram_id}",
                topic=alert_topic(ticket.id),
            )

    async def client_wrote(self, ticket: Ticket, client: User, message: TicketMessage) -> None:
        """The client added to their ticket: whoever has it hears; if nobody does, everyone
        who answers tickets (Take and Open again)."""
        params = {**self._client_params(ticket, client), "text": message.text}
        if ticket.assigned_to is not None:
            language = await self._language_of(ticket.assigned_to)
            await self._media(ticket.assigned_to, language, ticket, message, "client")
            await self._notifier.notify(
                ticket.assigned_to,
                language,
                "notice-staff-ticket-client-wrote",
                params,
                buttons=[[Button("btn-ticket-open", NoticeAction.OPEN_TICKET, (ticket.id,))]],
                dedupe_key=f"ticket-msg:{message.id}:{ticket.assigned_to}",
            )
            return
        for telegram_id, language in await self.answerers():
            await self._media(telegram_id, language, ticket, message, f"client:{telegram_id}")
            await self._notifier.notify(
                telegram_id,
                language,
                "notice-staff-ticket-client-wrote",
                params,
                buttons=self.alert_buttons(ticket),
                dedupe_key=f"ticket-msg:{message.id}:{telegram_id}",
                topic=alert_topic(ticket.id),
            )

    async def handled(
        self, ticket: Ticket, key: str, staff_name: str, *, skip_chat: int | None = None
    ) -> None:
        """Every copy of the alert about `ticket` (but `skip_chat`'s, which the tapper's own
        screen already shows) says who took, answered or closed it; Open stays."""
        buttons = [[Button("btn-ticket-open", NoticeAction.OPEN_TICKET, (ticket.id,))]]
        await self._notifier.amend(
            alert_topic(ticket.id),
            key,
            {"ticket_id": str(ticket.id), "subject": ticket.subject, "staff": staff_name},
            buttons=buttons,
            skip_chat=skip_chat,
        )

    async def replied(self, ticket: Ticket, client: User, message: TicketMessage) -> None:
        """Staff answered: the client gets it with a Reply button."""
        await self._media(client.telegram_id, client.language, ticket, message, "staff")
        await self._notifier.notify(
            client.telegram_id,
            client.language,
            "notice-ticket-reply",
            {"ticket_id": str(ticket.id), "text": message.text},
            buttons=[[Button("btn-ticket-reply", NoticeAction.REPLY_TICKET, (ticket.id,))]],
            dedupe_key=f"ticket-msg:{message.id}",
        )

    async def closed_by_staff(
        self, ticket: Ticket, client: User, message: TicketMessage | None
    ) -> None:
        """The client hears their ticket was closed (with staff's last words), and may rate
        the answer right there."""
        rating = [
            Button(f"ticket-stars-{score}", NoticeAction.RATE_TICKET, (ticket.id, score))
            for score in range(RATING_MIN, RATING_MAX + 1)
        ]
        await self._notifier.notify(
            client.telegram_id,
            client.language,
            "notice-ticket-closed" if message is None else "notice-ticket-closed-with-text",
            {"ticket_id": str(ticket.id), "text": message.text if message else ""},
            buttons=[rating],
            dedupe_key=f"ticket-closed:{ticket.id}",
        )

    async def closed_by_client(self, ticket: Ticket, client: User) -> None:
        """The client closed their ticket: whoever had it hears; the alerts say so."""
        params = self._client_params(ticket, client)
        if ticket.assigned_to is not None:
            await self._notifier.notify(
                ticket.assigned_to,
                await self._language_of(ticket.assigned_to),
                "notice-staff-ticket-closed-by-client",
                params,
                dedupe_key=f"ticket-closed-by-client:{ticket.id}",
            )
        await self.handled(
            ticket, "notice-staff-ticket-client-closed", display_name(client, client.telegram_id)
        )

    @staticmethod
    def alert_buttons(ticket: Ticket) -> list[list[Button]]:
        return [
            [
                Button("btn-ticket-take", NoticeAction.TAKE_TICKET, (ticket.id,)),
                Button("btn-ticket-open", NoticeAction.OPEN_TICKET, (ticket.id,)),
            ]
        ]

    async def _media(
        self,
        telegram_id: int,
        language: Language,
        ticket: Ticket,
        message: TicketMessage,
        who: str,
    ) -> None:
        attachment = _attachment(message.media)
        if attachment is None:
            return
        await self._notifier.notify(
            telegram_id,
            language,
            "notice-ticket-media",
            {"ticket_id": str(ticket.id)},
            attachment=attachment,
            dedupe_key=f"ticket-media:{message.id}:{who}",
        )

    async def _language_of(self, telegram_id: int) -> Language:
        user = await self._users.get_by_telegram_id(telegram_id)
        return user.language if user else self._default_language

    @staticmethod
    def _client_params(ticket: Ticket, client: User | None) -> dict[str, NoticeParam]:
        return {
            "ticket_id": str(ticket.id),
            "client": display_name(client, client.telegram_id if client else 0),
            "phone": (client.phone if client else None) or "",
        }


def _attachment(media: Sequence[Attachment]) -> Media | Album | None:
    if not media:
        return None
    items = tuple(
        Media("photo" if item.kind is MediaKind.PHOTO else "document", item.file_id)
        for item in media
    )
    return items[0] if len(items) == 1 else Album(items)
