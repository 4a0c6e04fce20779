"""The Bot API stand-in's wire format (how aiogram sends parameters) and Telegram's documented
limits: HTML parse mode, text and caption lengths, keyboards, bot commands. Each check raises
`ApiError` with Telegram's wording."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_ANSWER_LIMIT = 200
CALLBACK_DATA_BYTES = 64
INLINE_BUTTONS_LIMIT = 100

# Tag -> attributes it may (or, for span and tg-emoji, must) carry.
_TAGS = {
    "b": set(),
    "strong": set(),
    "i": set(),
    "em": set(),
    "u": set(),
    "ins": set(),
    "s": set(),
    "strike": set(),
    "del": set(),
    "span": {"class"},
    "tg-spoiler": set(),
    "a": {"href"},
    "code": {"class"},
    "pre": set(),
    "blockquote": {"expandable"},
    "tg-emoji": {"emoji-id"},
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9-]*)"
    r"((?:\s+[A-Za-z-]+(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>\"']+))?)*)\s*>"
)
_ATTRIBUTE = re.compile(r"([A-Za-z-]+)(?:\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|([^\s>\"']+)))?")
_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z][A-Za-z0-9]*));")
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "web_app",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
)


_JSON_FIELDS = {
    "reply_markup", "entities", "caption_entities", "commands", "scope", "allowed_updates",
    "link_preview_options", "reply_parameters", "message_ids",
}  # fmt: skip

NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)


class ApiError(Exception):
    """An error answer: HTTP status `code` and Telegram's `description` (and, for a 429, how
    many seconds to wait)."""

    def __init__(self, code: int, description: str, *, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


def too_many_requests(retry_after: int) -> ApiError:
    return ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def bad_request(detail: str) -> ApiError:
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True, slots=True)
class Entity:
    type: str
    offset: int
    length: int
    extra: str | None = None


@dataclass(frozen=True, slots=True)
class FormattedText:
    text: str
    entities: tuple[Entity, ...]


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _decode_entity(match: re.Match[str], source: str) -> str:
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name not in _NAMED_ENTITIES:
            raise bad_request(
                f'can\'t parse entities: Unsupported HTML entity "&{name};" '
                f"at byte offset {_byte_offset(source, match.start())}"
            )
        return _NAMED_ENTITIES[name]
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise bad_request(f"can't parse entities: invalid character code {code}")
    return chr(code)


def _attributes(tag: str, raw: str, source: str, at: int) -> str | None:
    values = {m[1].lower(): m[2] or m[3] or m[4] or "" for m in _ATTRIBUTE.finditer(raw)}
    allowed = _TAGS[tag]
    for name in values:
        if name not in allowed:
            offset = _byte_offset(source, at)
            raise bad_request(
                f'can\'t parse entities: Unsupported attribute "{name}" of tag "{tag}" '
                f"at byte offset {offset}"
            )
    if tag == "span" and values.get("class") != "tg-spoiler":
        raise bad_request(
            f'can\'t parse entities: Tag "span" must have class "tg-spoiler" at byte offset '
            f"{_byte_offset(source, at)}"
        )
    if tag == "tg-emoji" and not values.get("emoji-id", "").isdigit():
        raise bad_request("can't parse entities: Custom emoji identifier must be non-empty")
    if tag == "a":
        href = values.get("href", "")
        if not href:
            return None
        return _ENTITY.sub(lambda m: _decode_entity(m, source), href)
    return values.get("class") or values.get("emoji-id")


def parse_html(source: str) -> FormattedText:
    """Telegram's HTML parse mode: its tags only, balanced, and four named entities."""
    out: list[str] = []
    length = 0
    stack: list[tuple[str, int, str | None, int]] = []  # tag, plain offset, extra, source index
    entities: list[Entity] = []
    i = 0
    while i < len(source):
        char = source[i]
        if char == "<":
            match = _TAG.match(source, i)
            if match is None:
                raise bad_request(
                    "can't parse entities: Unclosed start tag at byte offset "
                    f"{_byte_offset(source, i)}"
                )
            closing, tag = match[1] == "/", match[2].lower()
            if tag not in _TAGS:
                kind = "end" if closing else "start"
                raise bad_request(
                    f'can\'t parse entities: Unsupported {kind} tag "{tag}" at byte offset '
                    f"{_byte_offset(source, i)}"
                )
            if closing:
                if not stack:
                    raise bad_request(
                        f'can\'t parse entities: Unexpected end tag "{tag}" at byte offset '
                        f"{_byte_offset(source, i)}"
                    )
                open_tag, start, extra, _ = stack.pop()
                if open_tag != tag:
                    raise bad_request(
                        f"can't parse entities: Unmatched end tag at byte offset "
                        f'{_byte_offset(source, i)}, expected "</{open_tag}>", found "</{tag}>"'
                    )
                if length > start:
                    entities.append(Entity(open_tag, start, length - start, extra))
            else:
                if tag == "a" and any(entry[0] == "a" for entry in stack):
                    raise bad_request("can't parse entities: Nested links are not allowed")
                stack.append((tag, length, _attributes(tag, match[3], source, i), i))
            i = match.end()
        elif char == ">":
            # Telegram tolerates a bare ">", but documents it must be escaped; so do we.
            raise bad_request(
                f'can\'t parse entities: Unescaped ">" at byte offset {_byte_offset(source, i)}'
            )
        elif char == "&":
            match = _ENTITY.match(source, i)
            if match is None:
                raise bad_request(
                    'can\'t parse entities: Unescaped "&" (use &amp;) at byte offset '
                    f"{_byte_offset(source, i)}"
                )
            decoded = _decode_entity(match, source)
            out.append(decoded)
            length += len(decoded)
            i = match.end()
        else:
            out.append(char)
            length += 1
            i += 1
    if stack:
        tag = stack[-1][0]
        raise bad_request(
            f"can't parse entities: Can't find end tag corresponding to start tag \"{tag}\""
        )
    return FormattedText("".join(out), tuple(sorted(entities, key=lambda e: e.offset)))


def format_text(text: str | None, parse_mode: str | None, entities: Any = None) -> FormattedText:
    """The text as Telegram would store it, leading and trailing whitespace trimmed."""
    mode = (parse_mode or "").lower()
    if mode == "html":
        formatted = parse_html(text or "")
    elif mode in ("", "none"):
        given = tuple(
            Entity(e["type"], int(e["offset"]), int(e["length"]), e.get("url"))
            for e in entities or ()
        )
        formatted = FormattedText(text or "", given)
    else:
        raise bad_request(f"unsupported parse_mode {parse_mode!r} in this stand-in")
    stripped = formatted.text.lstrip()
    shift = len(formatted.text) - len(stripped)
    stripped = stripped.rstrip()
    if not shift:
        return FormattedText(stripped, formatted.entities)
    moved = tuple(
        Entity(e.type, max(e.offset - shift, 0), e.length, e.extra) for e in formatted.entities
    )
    return FormattedText(stripped, moved)


def message_text(text: str | None, parse_mode: str | None, entities: Any = None) -> FormattedText:
    formatted = format_text(text, parse_mode, entities)
    if not formatted.text:
        raise bad_request("message text is empty")
    if len(formatted.text) > TEXT_LIMIT:
        raise bad_request("message is too long")
    return formatted


def caption_text(text: str | None, parse_mode: str | None, entities: Any = None) -> FormattedText:
    formatted = format_text(text, parse_mode, entities)
    if len(formatted.text) > CAPTION_LIMIT:
        raise bad_request("message caption is too long")
    return formatted


def check_reply_markup(markup: Any, *, inline_only: bool = False) -> None:
    """Inline keyboards (callback data 1..64 bytes, one action per button) and reply keyboards."""
    if markup is None:
        return
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
        return
    if inline_only:
        raise bad_request("inline keyboard expected")
    if "keyboard" in markup:
        rows = markup["keyboard"]
        if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
            raise bad_request('field "keyboard" must be an Array of Arrays')
        for row in rows:
            for button in row:
                text = button if isinstance(button, str) else button.get("text")
                if not text:
                    raise bad_request("keyboard button text must be non-empty")
        return
    if markup.get("remove_keyboard") is True or markup.get("force_reply") is True:
        return
    raise bad_request('can\'t find field "inline_keyboard"')


def _check_inline_keyboard(rows: Any) -> None:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request('field "inline_keyboard" must be an Array of Arrays')
    if sum(len(row) for row in rows) > INLINE_BUTTONS_LIMIT:
        raise bad_request("reply markup is too long")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise bad_request("inline keyboard button text must be non-empty")
            actions = [name for name in _BUTTON_ACTIONS if name in button]
            if len(actions) != 1:
                raise bad_request("text buttons are unallowed in the inline keyboard")
            if "callback_data" in button:
                data = str(button["callback_data"]).encode("utf-8")
                if not 1 <= len(data) <= CALLBACK_DATA_BYTES:
                    raise bad_request("BUTTON_DATA_INVALID")
            if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                raise bad_request("BUTTON_URL_INVALID")
            if "web_app" in button:
                check_web_app(button["web_app"])


def check_web_app(web_app: Any) -> None:
    """Telegram opens Mini Apps over https only."""
    url = str(web_app.get("url", "")) if isinstance(web_app, dict) else ""
    if not re.match(r"https://\S+$", url):
        raise bad_request(
            f"inline keyboard button Web App URL '{url}' is invalid: Only HTTPS links are allowed"
        )


def check_menu_button(button: Any) -> None:
    if not isinstance(button, dict) or button.get("type") not in ("default", "commands", "web_app"):
        raise bad_request("BUTTON_TYPE_INVALID")
    if button["type"] == "web_app":
        if not 1 <= len(str(button.get("text", "")).strip()) <= 64:
            raise bad_request("BUTTON_TEXT_INVALID")
        check_web_app(button.get("web_app"))


def check_commands(commands: Any) -> None:
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad_request("commands must be an array of at most 100 BotCommand")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad_request("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")


def update_kind(update: dict[str, Any]) -> str:
    return next(key for key in update if key != "update_id")


def flag(value: Any) -> bool:
    return value is True or str(value).lower() == "true"


async def read_params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        params: dict[str, Any] = await request.json()
    elif request.method == "GET":
        params = dict(request.query)
    else:
        form = await request.post()
        params = {key: form[key] for key in form}
    for key, value in list(params.items()):
        if isinstance(value, str) and value.startswith("attach://"):
            params[key] = params.pop(value.removeprefix("attach://"), None)
        elif key in _JSON_FIELDS and isinstance(value, str):
            try:
                params[key] = json.loads(value)
            except ValueError:
                raise bad_request(f"can't parse {key} JSON object") from None
    return params
