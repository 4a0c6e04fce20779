"""A local Bot API stand-in for end-to-end tests: the real aiogram `Bot` reaches it through
`TELEGRAM_API_URL` and it answers in Telegram's wire format, enforcing Telegram's documented
limits (see `bot_api_rules`). Tests play the users: they send texts and contacts, press
buttons, and read the chat history the bot produced.

Every error the stand-in answers is also kept in `errors`, so a test can assert the bot never
made a call Telegram would refuse, even when the bot itself swallowed the error.

Flood control is off unless a test turns it on: `limit_rate(30)` answers 429 with `retry_after`
to a message that would make more than 30 within a second (an album's every item counts), and
then to every message until that time has passed, as Telegram does; `too_many_every` answers
every nth message so as well. Copies (`copyMessage`, `copyMessages`) remember what they copied.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import math
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.bot_api_rules import (
    CALLBACK_ANSWER_LIMIT,
    NOT_MODIFIED,
    ApiError,
    Entity,
    FormattedText,
    bad_request,
    caption_text,
    check_commands,
    check_menu_button,
    check_reply_markup,
    flag,
    message_text,
    read_params,
    too_many_requests,
    update_kind,
)

# Calls that send or change a message: what Telegram's flood control counts.
COUNTED_METHODS = frozenset(
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendVideo", "copyMessage", "copyMessages",
        "editMessageText", "editMessageCaption", "editMessageReplyMarkup",
    }
)  # fmt: skip
ALBUM_LIMIT = 10


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    language_code: str | None = "ru"
    username: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        return data


@dataclass
class FakeMessage:
    chat_id: int
    message_id: int
    from_bot: bool
    text: str | None = None  # plain text, as Telegram stores it after parsing
    entities: tuple[Any, ...] = ()
    reply_markup: dict[str, Any] | None = None
    caption: str | None = None
    kind: str = "text"
    contact: dict[str, Any] | None = None
    date: int = field(default_factory=lambda: int(time.time()))
    version: int = 0
    deleted: bool = False
    media_group_id: str | None = None
    # A copy: the chat and message it copies, and the call that made it (an album's items share).
    copy_of: tuple[int, int] | None = None
    copy_call: int | None = None
    sent_at: float = field(default_factory=time.monotonic)

    @property
    def inline_markup(self) -> dict[str, Any] | None:
        markup = self.reply_markup
        return markup if markup and "inline_keyboard" in markup else None

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.inline_markup
        return [button for row in markup["inline_keyboard"] for button in row] if markup else []

    @property
    def button_texts(self) -> list[str]:
        return [button["text"] for button in self.buttons]


@dataclass
class _Chat:
    user: FakeUser
    messages: dict[int, FakeMessage] = field(default_factory=dict)
    ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    reply_keyboard: dict[str, Any] | None = None
    last_user_version: int = 0
    blocked: bool = False


class BotApiStandIn:
    """`async with BotApiStandIn(token) as api:` serves at `api.url` until the block ends."""

    def __init__(self, token: str, *, username: str = "coworking_test_bot") -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.errors: list[tuple[str, str]] = []
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int, dict[str, Any]] = {}  # by chat; absent: the default
        self.callback_answers: dict[str, dict[str, Any]] = {}
        self.webhook_url: str | None = None
        self._chats: dict[int, _Chat] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._query_ids = itertools.count(1)
        self._allowed_updates: set[str] | None = None
        self._poll_generation = 0
        self._version = 0
        self._tick = asyncio.Event()  # set and replaced on every change
        self._closing = False
        self._runner: web.AppRunner | None = None
        self.url = ""
        # Flood control (see the module's docstring).
        self.rate_limit: int | None = None
        self.too_many_every: int | None = None
        self.retry_after = 1
        self.too_many = 0  # 429s answered
        self.overruns = 0  # messages that would have made more than `rate_limit` in a second
        self._recent: deque[tuple[float, int]] = deque()  # (when, messages) of the last second
        self._flood_until = 0.0
        self._counted = itertools.count(1)
        self._copy_calls = itertools.count(1)
        self._media_groups = itertools.count(1)

    async def __aenter__(self) -> BotApiStandIn:
        app = web.Application()
        app.router.add_route("POST", "/bot{token}/{method}", self._handle)
        app.router.add_route("GET", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        host, port = self._runner.addresses[0][:2]
        self.url = f"http://{host}:{port}"
        return self

    async def __aexit__(self, *_: object) -> None:
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- the HTTP side ---------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.match_info["token"] != self.token:
            return self._error(method, ApiError(401, "Unauthorized"))
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return self._error(method, ApiError(404, "Not Found: method not found"))
        try:
            params = await read_params(request)
            self.calls.append((method, params))
            self._notify()
            if method in COUNTED_METHODS:
                self._check_flood(params, method)
            result = await handler(params)
        except ApiError as error:
            return self._error(method, error)
        return web.json_response({"ok": True, "result": result})

    def _error(self, method: str, error: ApiError) -> web.Response:
        self.errors.append((method, error.description))
        body: dict[str, Any] = {
            "ok": False, "error_code": error.code, "description": error.description,
        }  # fmt: skip
        if error.retry_after is not None:
            body["parameters"] = {"retry_after": error.retry_after}
        return web.json_response(body, status=error.code)

    def limit_rate(self, per_second: int = 30) -> None:
        """Telegram's flood control: at most `per_second` messages within any second."""
        self.rate_limit = per_second

    def _check_flood(self, params: dict[str, Any], method: str) -> None:
        now = time.monotonic()
        if now < self._flood_until:
            raise self._too_many(math.ceil(self._flood_until - now))
        weight = len(params.get("message_ids") or ()) if method == "copyMessages" else 1
        if self.too_many_every and next(self._counted) % self.too_many_every == 0:
            self._flood_until = now + self.retry_after
            raise self._too_many(self.retry_after)
        if self.rate_limit is None:
            return
        while self._recent and self._recent[0][0] <= now - 1.0:
            self._recent.popleft()
        if sum(count for _, count in self._recent) + weight > self.rate_limit:
            self.overruns += 1
            self._flood_until = now + self.retry_after
            raise self._too_many(self.retry_after)
        self._recent.append((now, weight))

    def _too_many(self, retry_after: int) -> ApiError:
        self.too_many += 1
        return too_many_requests(max(retry_after, 1))

    async def _api_getMe(self, _: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.bot_id, "is_bot": True, "first_name": "Coworking",
            "username": self.username, "can_join_groups": True,
            "can_read_all_group_messages": False, "supports_inline_queries": False,
        }  # fmt: skip

    async def _api_getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook_url:
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active")
        offset, limit = int(params.get("offset") or 0), int(params.get("limit") or 100)
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 50)
        if "allowed_updates" in params:
            self._allowed_updates = set(params["allowed_updates"] or ()) or None
        if offset > 0:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older long poll ends with 409, as on Telegram
        while True:
            tick = self._tick
            if generation != self._poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request")
            if self._allowed_updates is not None:
                self._updates = [
                    u for u in self._updates if update_kind(u) in self._allowed_updates
                ]
            ready = [u for u in self._updates if u["update_id"] >= offset][:limit]
            remaining = deadline - time.monotonic()
            if ready or remaining <= 0 or self._closing:
                return ready
            await _wait(tick, remaining)

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook_url = None
        if flag(params.get("drop_pending_updates")):
            self._updates.clear()
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        if not str(params.get("url", "")).startswith("https://"):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        self.webhook_url = params["url"]
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        check_commands(params.get("commands"))
        self.commands[self._scope_key(params)] = params["commands"]
        return True

    async def _api_deleteMyCommands(self, params: dict[str, Any]) -> bool:
        self.commands.pop(self._scope_key(params), None)
        return True

    async def _api_setChatMenuButton(self, params: dict[str, Any]) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if isinstance(button, str):
            button = json.loads(button)
        check_menu_button(button)
        chat_id = int(params["chat_id"])
        if button["type"] == "default":
            self.menu_buttons.pop(chat_id, None)
        else:
            self.menu_buttons[chat_id] = button
        return True

    async def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        formatted = message_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        return await self._send(chat, params, formatted, kind="text")

    async def _api_sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(params, "document")

    async def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(params, "photo")

    async def _api_sendVideo(self, params: dict[str, Any]) -> dict[str, Any]:
        return await self._send_media(params, "video")

    async def _api_copyMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat(params)
        source = self._source(params, int(params.get("message_id") or 0))
        if source is None:
            raise bad_request("message to copy not found")
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        copy = await self._copy(chat, source, markup, call=next(self._copy_calls), group=None)
        return {"message_id": copy.message_id}

    async def _api_copyMessages(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """Copies the messages that are there, in order (an album stays one); the others are
        skipped, as Telegram does."""
        chat = self._chat(params)
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not 1 <= len(ids) <= 100:
            raise bad_request("message identifiers are not specified")
        if [int(i) for i in ids] != sorted({int(i) for i in ids}):
            raise bad_request("message identifiers must be in strictly increasing order")
        found = [m for m in (self._source(params, int(i)) for i in ids) if m is not None]
        call, group = next(self._copy_calls), None
        if len({m.media_group_id for m in found}) == 1 and found[0].media_group_id:
            group = f"copy{next(self._media_groups)}"
        copies = [await self._copy(chat, m, None, call=call, group=group) for m in found]
        return [{"message_id": copy.message_id} for copy in copies]

    async def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._bot_message(params)
        formatted = message_text(
            params.get("text"), params.get("parse_mode"), params.get("entities")
        )
        markup = params.get("reply_markup")
        check_reply_markup(markup, inline_only=True)
        if message.kind != "text":
            raise bad_request("there is no text in the message to edit")
        if (message.text, message.entities, message.inline_markup) == (
            formatted.text, formatted.entities, markup,
        ):  # fmt: skip
            raise bad_request(NOT_MODIFIED)
        message.text, message.entities, message.reply_markup = (
            formatted.text, formatted.entities, markup,
        )  # fmt: skip
        await self._bump(message)
        return self._message_json(message)

    async def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._bot_message(params)
        markup = params.get("reply_markup")
        check_reply_markup(markup, inline_only=True)
        if message.inline_markup == markup:
            raise bad_request(NOT_MODIFIED)
        message.reply_markup = markup
        await self._bump(message)
        return self._message_json(message)

    async def _api_deleteMessage(self, params: dict[str, Any]) -> bool:
        chat = self._chat(params)
        message = chat.messages.get(int(params.get("message_id") or 0))
        if message is None or message.deleted:
            raise bad_request("message to delete not found")
        message.deleted = True
        await self._bump(message)
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = str(params.get("callback_query_id", ""))
        if query_id not in self.callback_answers or self.callback_answers[query_id]:
            raise bad_request(
                "query is too old and response timeout expired or query ID is invalid"
            )
        if len(str(params.get("text") or "")) > CALLBACK_ANSWER_LIMIT:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = {"text": params.get("text"), **params}
        return True

    # -- what the bot sent -----------------------------------------------------------------

    def _chat(self, params: dict[str, Any]) -> _Chat:
        try:
            chat = self._chats.get(int(params.get("chat_id") or 0))
        except ValueError:
            chat = None
        if chat is None:
            raise bad_request("chat not found")
        if chat.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _source(self, params: dict[str, Any], message_id: int) -> FakeMessage | None:
        """The message `from_chat_id` holds under `message_id`, unless deleted."""
        try:
            chat = self._chats.get(int(params.get("from_chat_id") or 0))
        except ValueError:
            chat = None
        if chat is None:
            raise bad_request("chat not found")
        message = chat.messages.get(message_id)
        return None if message is None or message.deleted else message

    async def _copy(
        self,
        chat: _Chat,
        source: FakeMessage,
        markup: dict[str, Any] | None,
        *,
        call: int,
        group: str | None,
    ) -> FakeMessage:
        copy = FakeMessage(
            chat_id=chat.user.id, message_id=next(chat.ids), from_bot=True, kind=source.kind,
            text=source.text, entities=source.entities, caption=source.caption,
            reply_markup=markup, media_group_id=group,
            copy_of=(source.chat_id, source.message_id), copy_call=call,
        )  # fmt: skip
        chat.messages[copy.message_id] = copy
        await self._bump(copy)
        return copy

    def _bot_message(self, params: dict[str, Any]) -> FakeMessage:
        if params.get("inline_message_id"):
            raise bad_request("inline messages are not supported by this stand-in")
        message = self._chat(params).messages.get(int(params.get("message_id") or 0))
        if message is None or message.deleted:
            raise bad_request("message to edit not found")
        if not message.from_bot:
            raise bad_request("message can't be edited")
        return message

    def _scope_key(self, params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if "chat_id" in scope:
            self._chat(scope)
        return json.dumps(scope, sort_keys=True), str(params.get("language_code") or "")

    async def _send_media(self, params: dict[str, Any], kind: str) -> dict[str, Any]:
        chat = self._chat(params)
        if not params.get(kind):
            raise bad_request(f"there is no {kind} in the request")
        caption = caption_text(
            params.get("caption"), params.get("parse_mode"), params.get("caption_entities")
        )
        return await self._send(chat, params, caption, kind=kind)

    async def _send(
        self, chat: _Chat, params: dict[str, Any], formatted: FormattedText, kind: str
    ) -> dict[str, Any]:
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        message = FakeMessage(
            chat_id=chat.user.id, message_id=next(chat.ids), from_bot=True, kind=kind,
            reply_markup=markup, entities=formatted.entities,
            text=formatted.text if kind == "text" else None,
            caption=formatted.text if kind != "text" else None,
        )  # fmt: skip
        chat.messages[message.message_id] = message
        if markup and "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup and markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        await self._bump(message)
        return self._message_json(message)

    async def _bump(self, message: FakeMessage) -> None:
        self._version += 1
        message.version = self._version
        self._notify()

    def _notify(self) -> None:
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    def _message_json(self, message: FakeMessage) -> dict[str, Any]:
        user = self._chats[message.chat_id].user
        sender = (
            {
                "id": self.bot_id,
                "is_bot": True,
                "first_name": "Coworking",
                "username": self.username,
            }
            if message.from_bot
            else user.to_json()
        )
        data: dict[str, Any] = {
            "message_id": message.message_id, "date": message.date, "from": sender,
            "chat": {"id": user.id, "type": "private", "first_name": user.first_name},
        }  # fmt: skip
        if message.text is not None:
            data["text"] = message.text
        if message.caption:
            data["caption"] = message.caption
        if message.media_group_id:
            data["media_group_id"] = message.media_group_id
        if message.entities and not message.from_bot:
            field_name = "entities" if message.kind == "text" else "caption_entities"
            data[field_name] = [_entity_json(entity) for entity in message.entities]
        if message.inline_markup:
            data["reply_markup"] = message.inline_markup
        if message.contact:
            data["contact"] = message.contact
        if message.kind == "document":
            data["document"] = {"file_id": f"doc{message.message_id}", "file_unique_id": "d"}
        if message.kind == "photo":
            size = {"file_id": f"ph{message.message_id}", "file_unique_id": "p"}
            data["photo"] = [{**size, "width": 1, "height": 1}]
        if message.kind == "video":
            data["video"] = {
                "file_id": f"vd{message.message_id}", "file_unique_id": "v", "width": 1,
                "height": 1, "duration": 1,
            }  # fmt: skip
        if message.text and message.text.startswith("/") and not message.from_bot:
            command = message.text.split()[0]
            data["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        return data

    # -- the test side: users act, tests read ----------------------------------------------

    def add_user(self, user: FakeUser) -> None:
        """A chat the bot may write to (the user pressed Start at some point)."""
        self._chats.setdefault(user.id, _Chat(user))

    def block(self, user: FakeUser) -> None:
        self._chats[user.id].blocked = True

    def user_sends_text(
        self, user: FakeUser, text: str, *, entities: tuple[Entity, ...] = ()
    ) -> FakeMessage:
        """A text, with formatting as `entities` (bold, links) when given."""
        return self._user_message(user, text=text, entities=entities)

    def user_sends_photo(
        self, user: FakeUser, caption: str = "", *, entities: tuple[Entity, ...] = ()
    ) -> FakeMessage:
        """A photo from the user's gallery (its file id is `ph<message id>`), with a caption."""
        return self._user_message(user, kind="photo", caption=caption or None, entities=entities)

    def user_sends_album(
        self, user: FakeUser, kinds: tuple[str, ...] = ("photo", "photo"), caption: str = ""
    ) -> list[FakeMessage]:
        """An album: its messages one by one, as Telegram delivers them; the first has the
        caption."""
        if not 2 <= len(kinds) <= ALBUM_LIMIT:
            raise AssertionError("an album has 2 to 10 items")
        group = f"album{next(self._media_groups)}"
        return [
            self._user_message(
                user, kind=kind, caption=(caption or None) if n == 0 else None, media_group_id=group
            )
            for n, kind in enumerate(kinds)
        ]

    def put_message(self, user: FakeUser, **fields: Any) -> FakeMessage:
        """A message the user wrote to the bot earlier, already in the chat (no update comes)."""
        self.add_user(user)
        chat = self._chats[user.id]
        message = FakeMessage(chat_id=user.id, message_id=next(chat.ids), from_bot=False, **fields)
        chat.messages[message.message_id] = message
        return message

    def copies(self, chat_id: int, source_chat: int, source_ids: set[int]) -> int:
        """How many times the bot copied those messages into the chat (an album is once)."""
        return len(
            {
                m.copy_call
                for m in self.messages(chat_id)
                if m.copy_of is not None
                and m.copy_of[0] == source_chat
                and m.copy_of[1] in source_ids
            }
        )

    def user_sends_contact(self, user: FakeUser, phone: str, *, own: bool = True) -> FakeMessage:
        contact: dict[str, Any] = {"phone_number": phone, "first_name": user.first_name}
        if own:
            contact["user_id"] = user.id
        return self._user_message(user, kind="contact", contact=contact)

    def user_shares_phone(self, user: FakeUser, phone: str) -> FakeMessage:
        """Presses the reply keyboard's request_contact button, as the Telegram app would."""
        if not any(b.get("request_contact") for b in self.reply_buttons(user.id)):
            raise AssertionError(
                f"no 'share phone' button; reply keyboard: {self.reply_keyboard(user.id)}"
            )
        return self.user_sends_contact(user, phone, own=True)

    def user_clicks(self, user: FakeUser, message: FakeMessage, button_text: str) -> str:
        """Queues the callback query Telegram sends when `button_text` is pressed; its id."""
        current = self._chats[message.chat_id].messages[message.message_id]
        if current.deleted:
            raise AssertionError(f"message {message.message_id} was deleted")
        matches = [b for b in current.buttons if b["text"] == button_text] or [
            b for b in current.buttons if button_text in b["text"]
        ]
        if len(matches) != 1 or "callback_data" not in matches[0]:
            raise AssertionError(f"no single button {button_text!r} in {current.button_texts}")
        query_id = str(next(self._query_ids))
        self.callback_answers[query_id] = {}
        self._mark_user_action(self._chats[message.chat_id])
        self._queue(
            callback_query={
                "id": query_id, "from": user.to_json(), "chat_instance": str(user.id),
                "message": self._message_json(current), "data": matches[0]["callback_data"],
            }
        )  # fmt: skip
        return query_id

    def messages(self, chat_id: int, *, from_bot: bool | None = True) -> list[FakeMessage]:
        chat = self._chats.get(chat_id)
        found = chat.messages.values() if chat else ()
        return [m for m in found if not m.deleted and from_bot in (None, m.from_bot)]

    def last_bot_message(self, chat_id: int) -> FakeMessage | None:
        sent = self.messages(chat_id)
        return max(sent, key=lambda m: m.version) if sent else None

    def reply_keyboard(self, chat_id: int) -> dict[str, Any] | None:
        return self._chats[chat_id].reply_keyboard

    def reply_buttons(self, chat_id: int) -> list[dict[str, Any]]:
        markup = self.reply_keyboard(chat_id) or {"keyboard": []}
        return [
            b if isinstance(b, dict) else {"text": b} for row in markup["keyboard"] for b in row
        ]

    async def wait_for_bot_message(
        self,
        chat_id: int,
        predicate: Callable[[FakeMessage], bool] = lambda _: True,
        timeout: float = 5.0,
        *,
        since: int | None = None,
    ) -> FakeMessage:
        """The newest bot message sent or edited after the user's last action that matches."""
        chat = self._chats[chat_id]
        since = chat.last_user_version if since is None else since
        deadline = time.monotonic() + timeout
        while True:
            tick = self._tick
            found = [m for m in self.messages(chat_id) if m.version > since and predicate(m)]
            if found:
                return max(found, key=lambda m: m.version)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                history = [(m.text or m.caption or "")[:80] for m in self.messages(chat_id)]
                raise AssertionError(
                    f"no matching bot message in chat {chat_id} within {timeout}s; "
                    f"bot messages: {history[-5:]}; API errors: {self.errors[-5:]}"
                )
            await _wait(tick, remaining)

    @property
    def version(self) -> int:
        """A mark to pass as `since=` to wait for what the bot does after this moment."""
        return self._version

    async def wait_until_answered(self, timeout: float = 2.0) -> None:
        """Until every button press has been answered (the bot answers after it has drawn)."""
        deadline = time.monotonic() + timeout
        while not all(self.callback_answers.values()):
            if time.monotonic() > deadline:
                raise AssertionError(f"unanswered button presses: {self.callback_answers}")
            await _wait(self._tick, min(deadline - time.monotonic(), 0.05))

    def calls_of(self, method: str) -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    async def wait_for_call(self, method: str, timeout: float = 5.0, *, after: int = 0) -> None:
        """Until the bot has called `method` more than `after` times."""
        deadline = time.monotonic() + timeout
        while len(self.calls_of(method)) <= after:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"the bot did not call {method} within {timeout}s")
            await _wait(self._tick, min(remaining, 0.05))

    def _user_message(self, user: FakeUser, **fields: Any) -> FakeMessage:
        self.add_user(user)
        chat = self._chats[user.id]
        message = FakeMessage(chat_id=user.id, message_id=next(chat.ids), from_bot=False, **fields)
        chat.messages[message.message_id] = message
        self._mark_user_action(chat)
        self._queue(message=self._message_json(message))
        return message

    def _mark_user_action(self, chat: _Chat) -> None:
        chat.last_user_version = self._version

    def _queue(self, **update: Any) -> None:
        self._updates.append({"update_id": next(self._update_ids), **update})
        self._notify()


def _entity_json(entity: Entity) -> dict[str, Any]:
    data: dict[str, Any] = {"type": entity.type, "offset": entity.offset, "length": entity.length}
    if entity.type == "text_link" and entity.extra:
        data["url"] = entity.extra
    return data


async def _wait(tick: asyncio.Event, timeout: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(tick.wait(), timeout)
