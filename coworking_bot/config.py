"""Settings, read once at start from the environment or `.env`.

`load_settings()` turns a pydantic validation error into a `ConfigError` whose message is one line
that names the variable and says how to fix it; the CLI prints it and exits non-zero.
"""

from __future__ import annotations

import hashlib
import ipaddress
import re
from functools import cached_property
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from coworking_bot.domain.enums import Language

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# YooKassa's published notification sources (https://yookassa.ru/developers/using-api/webhooks).
YOOKASSA_DEFAULT_IPS = (
    "185.71.76.0/27,185.71.77.0/27,77.75.153.0/25,77.75.156.11,77.75.156.35,"
    "77.75.154.128/25,2a02:5180::/32"
)

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/coworking.db"

# Prometheus scrapes from the same host unless told otherwise.
METRICS_DEFAULT_IPS = "127.0.0.1,::1"


class ConfigError(Exception):
    """A setting is missing or malformed; the message is one line meant for the operator."""


_HINTS: dict[str, str] = {
    "BOT_TOKEN": "get one from @BotFather (/newbot) and put BOT_TOKEN=<token> into .env",
    "ADMIN_TELEGRAM_ID": "use numeric Telegram ids separated by commas, e.g. 123456,987654",
    "DATABASE_URL": "use e.g. sqlite+aiosqlite:///./data/coworking.db or "
    "postgresql+asyncpg://user:pass@host/db",
    "REDIS_URL": "use e.g. redis://localhost:6379/0, or leave it empty",
    "TELEGRAM_API_URL": "use the base URL of a Bot API server, e.g. http://localhost:8081",
    "TIMEZONE": "use an IANA time zone name, e.g. Europe/Moscow",
    "DEFAULT_LANGUAGE": "use ru or en",
    "YOOKASSA_WEBHOOK_IPS": "use comma-separated addresses or networks, e.g. 185.71.76.0/27",
    "TRUSTED_PROXIES": "use comma-separated addresses or networks, e.g. 10.0.0.1",
    "METRICS_ALLOWED_IPS": "use comma-separated addresses or networks, e.g. 127.0.0.1,10.0.0.0/8",
    "METRICS_TOKEN": "use at least 16 letters, digits or -._~+/, e.g. from `openssl rand -hex 32`, "
    "or leave it empty",
    "LOG_LEVEL": "use DEBUG, INFO, WARNING or ERROR",
    "API_PORT": "use a port number from 1 to 65535, e.g. 8080",
    "HOLD_MINUTES": "use a number of minutes from 1 to 1440, e.g. 15",
    "PAYMENT_LINK_HOLD_MINUTES": "use a number of minutes from 1 to 1440, e.g. 60",
    "REMINDER_DAY_BEFORE": "use true or false",
    "REMINDER_HOUR_BEFORE": "use true or false",
    "RENEWAL_REMINDER_DAYS": "use a number of days from 0 (no renewal reminders) to 28, e.g. 3",
    "MORNING_SCHEDULE_HOUR": "use an hour of the day from 0 to 23, e.g. 8",
    "MAX_WAITING_BOOKINGS": "use a number from 1 to 1000, e.g. 10",
    "OUTBOX_RETENTION_DAYS": "use a number of days from 1 to 3650, e.g. 30",
    "CANCEL_FREE_HOURS": "use a number of hours from 0 to 720, e.g. 24",
    "CANCEL_LATE_REFUND_PERCENT": "use a percent from 0 to 100, e.g. 50",
    "TICKET_ESCALATION_MINUTES": "use a number of minutes from 1 to 10080 (a week), e.g. 60",
    "WEBAPP_AUTH_MAX_AGE_SECONDS": "use a number of seconds from 60 to 2592000 (30 days), "
    "e.g. 86400",
    "NO_SHOW_MINUTES": "use a number of minutes from 1 to 1440, e.g. 30, or leave it empty to "
    "keep no-shows off",
    "WEBHOOK_URL": "use the full public https URL Telegram should call, or leave it empty",
    "YOKASSA_ACCOUNT_ID": "online payments need both YOKASSA_ACCOUNT_ID (the shop id) and "
    "YOKASSA_SECRET_KEY from the YooKassa dashboard; set both, or neither to take payment on site",
    "YOKASSA_SECRET_KEY": "online payments need both YOKASSA_ACCOUNT_ID (the shop id) and "
    "YOKASSA_SECRET_KEY from the YooKassa dashboard; set both, or neither to take payment on site",
    "YOOKASSA_RECEIPTS": "use true to send 54-FZ receipts with payments, or false",
    "YOOKASSA_VAT_CODE": "use YooKassa's vat_code from 1 to 12, e.g. 1 (no VAT)",
    "YOOKASSA_TAX_SYSTEM_CODE": "use YooKassa's tax_system_code from 1 to 6, or leave it empty",
    "RUBITIME_BRANCH_ID": "use the numeric branch id from Rubitime, or leave it empty",
    "RUBITIME_COOPERATOR_ID": "use the numeric cooperator id from Rubitime, or leave it empty",
}


def _split_csv(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, int):
        return [value]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        case_sensitive=False,
        # `KEY=` in .env (as in .env.example) means "use the default", not "an empty value".
        env_ignore_empty=True,
    )

    bot_token: SecretStr | None = Field(default=None, validation_alias="BOT_TOKEN")
    admin_telegram_id: Annotated[list[int], NoDecode] = Field(
        default_factory=list, validation_alias="ADMIN_TELEGRAM_ID"
    )
    database_url: str = Field(default=DEFAULT_DATABASE_URL, validation_alias="DATABASE_URL")
    redis_url: str | None = Field(default=None, validation_alias="REDIS_URL")
    telegram_api_url: str | None = Field(default=None, validation_alias="TELEGRAM_API_URL")
    webhook_url: str | None = Field(default=None, validation_alias="WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, validation_alias="WEBHOOK_SECRET")
    api_host: str = Field(default="0.0.0.0", validation_alias="API_HOST")
    api_port: int = Field(default=8080, ge=1, le=65535, validation_alias="API_PORT")
    public_base_url: str | None = Field(default=None, validation_alias="PUBLIC_BASE_URL")
    secret_key: SecretStr | None = Field(default=None, validation_alias="SECRET_KEY")
    secret_key_jwt: SecretStr | None = Field(default=None, validation_alias="SECRET_KEY_JWT")
    yookassa_account_id: str | None = Field(
        default=None, validation_alias=AliasChoices("YOKASSA_ACCOUNT_ID", "YOOKASSA_SHOP_ID")
    )
    yookassa_secret_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("YOKASSA_SECRET_KEY", "YOOKASSA_SECRET_KEY")
    )
    yookassa_api_url: str = Field(
        default="https://api.yookassa.ru/v3", validation_alias="YOOKASSA_API_URL"
    )
    yookassa_webhook_ips: Annotated[list[IPNetwork], NoDecode] = Field(
        default_factory=lambda: _networks(YOOKASSA_DEFAULT_IPS),
        validation_alias="YOOKASSA_WEBHOOK_IPS",
    )
    trusted_proxies: Annotated[list[IPNetwork], NoDecode] = Field(
        default_factory=list, validation_alias="TRUSTED_PROXIES"
    )
    metrics_allowed_ips: Annotated[list[IPNetwork], NoDecode] = Field(
        default_factory=lambda: _networks(METRICS_DEFAULT_IPS),
        validation_alias="METRICS_ALLOWED_IPS",
    )
    metrics_token: SecretStr | None = Field(default=None, validation_alias="METRICS_TOKEN")
    # 54-FZ receipts: sent with payments and refunds when the shop's online till needs them.
    yookassa_receipts: bool = Field(default=False, validation_alias="YOOKASSA_RECEIPTS")
    yookassa_vat_code: int = Field(default=1, ge=1, le=12, validation_alias="YOOKASSA_VAT_CODE")
    yookassa_tax_system_code: int | None = Field(
        default=None, ge=1, le=6, validation_alias="YOOKASSA_TAX_SYSTEM_CODE"
    )
    hold_minutes: int = Field(default=15, ge=1, le=24 * 60, validation_alias="HOLD_MINUTES")
    # How long a booking staff made holds its place while the client pays from the link sent.
    payment_link_hold_minutes: int = Field(
        default=60, ge=1, le=24 * 60, validation_alias="PAYMENT_LINK_HOLD_MINUTES"
    )
    outbox_retention_days: int = Field(
        default=30, ge=1, le=3650, validation_alias="OUTBOX_RETENTION_DAYS"
    )
    max_waiting_bookings: int = Field(
        default=10, ge=1, le=1000, validation_alias="MAX_WAITING_BOOKINGS"
    )
    cancel_free_hours: int = Field(
        default=24, ge=0, le=24 * 30, validation_alias="CANCEL_FREE_HOURS"
    )
    cancel_late_refund_percent: int = Field(
        default=0, ge=0, le=100, validation_alias="CANCEL_LATE_REFUND_PERCENT"
    )
    # A confirmed booking of a tariff that asks for check-in and not checked in this long after
    # its start becomes a no-show and frees the rest of its time. Empty: off.
    no_show_minutes: int | None = Field(
        default=None, ge=1, le=24 * 60, validation_alias="NO_SHOW_MINUTES"
    )
    # Reminders of a confirmed booking: a day and an hour before it starts (a day pass: before
    # the space opens), and for a monthly tariff an offer to extend it this many days before its
    # period ends (0: none). Staff who ask for it get the day's schedule at this local hour.
    reminder_day_before: bool = Field(default=True, validation_alias="REMINDER_DAY_BEFORE")
    reminder_hour_before: bool = Field(default=True, validation_alias="REMINDER_HOUR_BEFORE")
    renewal_reminder_days: int = Field(
        default=3, ge=0, le=28, validation_alias="RENEWAL_REMINDER_DAYS"
    )
    morning_schedule_hour: int = Field(
        default=8, ge=0, le=23, validation_alias="MORNING_SCHEDULE_HOUR"
    )
    # A new support ticket nobody on staff has answered for this long is raised to them again.
    ticket_escalation_minutes: int = Field(
        default=60, ge=1, le=7 * 24 * 60, validation_alias="TICKET_ESCALATION_MINUTES"
    )
    # The Mini App's init data older than this (by its `auth_date`) is refused by /api/v1.
    webapp_auth_max_age_seconds: int = Field(
        default=24 * 60 * 60,
        ge=60,
        le=30 * 24 * 60 * 60,
        validation_alias="WEBAPP_AUTH_MAX_AGE_SECONDS",
    )
    rubitime_api_key: SecretStr | None = Field(default=None, validation_alias="RUBITIME_API_KEY")
    rubitime_api_url: str = Field(
        default="https://rubitime.ru/api2", validation_alias="RUBITIME_API_URL"
    )
    rubitime_branch_id: int | None = Field(default=None, validation_alias="RUBITIME_BRANCH_ID")
    rubitime_cooperator_id: int | None = Field(
        default=None, validation_alias="RUBITIME_COOPERATOR_ID"
    )
    timezone: str = Field(default="Europe/Moscow", validation_alias="TIMEZONE")
    default_language: Literal["ru", "en"] = Field(default="ru", validation_alias="DEFAULT_LANGUAGE")
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        default="INFO", validation_alias="LOG_LEVEL"
    )

    # What the help screen and the consent step show.
    coworking_name: str = Field(default="Coworking", validation_alias="COWORKING_NAME")
    contact_address: str | None = Field(default=None, validation_alias="CONTACT_ADDRESS")
    contact_phone: str | None = Field(default=None, validation_alias="CONTACT_PHONE")
    contact_email: str | None = Field(default=None, validation_alias="CONTACT_EMAIL")
    contact_telegram: str | None = Field(default=None, validation_alias="CONTACT_TELEGRAM")
    rules_url: str | None = Field(default=None, validation_alias="RULES_URL")
    privacy_policy_url: str | None = Field(default=None, validation_alias="PRIVACY_POLICY_URL")

    @field_validator("admin_telegram_id", mode="before")
    @classmethod
    def _parse_admins(cls, value: Any) -> Any:
        return _split_csv(value)

    @field_validator(
        "yookassa_webhook_ips", "trusted_proxies", "metrics_allowed_ips", mode="before"
    )
    @classmethod
    def _parse_networks(cls, value: Any) -> Any:
        if isinstance(value, str):
            try:
                return _networks(value)
            except ValueError:
                # ipaddress's message quotes the value; ours names only the setting.
                raise ValueError("holds something that is not an IP address or network") from None
        return value

    @field_validator("bot_token", "webhook_secret", "metrics_token", mode="before")
    @classmethod
    def _blank_secret_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("bot_token")
    @classmethod
    def _check_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        token = value.get_secret_value().strip()
        bot_id, sep, secret = token.partition(":")
        if not token or not sep or not bot_id.isdigit() or len(secret) < 20:
            raise ValueError("is not a bot token")
        return SecretStr(token)

    @field_validator("database_url")
    @classmethod
    def _check_database_url(cls, value: str) -> str:
        if value.startswith(("postgres://", "postgresql://")):
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if value.startswith("sqlite://") and not value.startswith("sqlite+aiosqlite://"):
            return "sqlite+aiosqlite://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("is not a SQLite or PostgreSQL URL")
        return value

    @field_validator(
        "redis_url", "telegram_api_url", "webhook_url", "public_base_url", mode="before"
    )
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("redis_url")
    @classmethod
    def _check_redis_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("redis://", "rediss://", "unix://")):
            raise ValueError("is not a redis:// URL")
        return value

    @field_validator("telegram_api_url", "webhook_url", "public_base_url")
    @classmethod
    def _check_http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("is not an http(s) URL")
        return value.rstrip("/") if value else value

    @field_validator("timezone")
    @classmethod
    def _check_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("is not a known time zone") from None
        return value

    @field_validator("default_language", mode="before")
    @classmethod
    def _lower_language(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("webhook_secret")
    @classmethod
    def _check_webhook_secret(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not re.fullmatch(
            r"[A-Za-z0-9_-]{1,256}", value.get_secret_value()
        ):
            raise ValueError("may only hold letters, digits, _ and - (1 to 256 of them)")
        return value

    @field_validator("metrics_token")
    @classmethod
    def _check_metrics_token(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        token = value.get_secret_value().strip()
        # What an Authorization header can carry as a bearer token, and long enough not to guess.
        if not re.fullmatch(r"[A-Za-z0-9._~+/-]{16,}=*", token):
            raise ValueError("is too short or holds characters a bearer token cannot")
        return SecretStr(token)

    @property
    def token(self) -> str:
        if self.bot_token is None:
            raise ConfigError(_missing("BOT_TOKEN"))
        return self.bot_token.get_secret_value()

    @property
    def webhook_secret_token(self) -> str:
        """The secret Telegram sends with each webhook call; derived from the token if unset."""
        if self.webhook_secret is not None:
            return self.webhook_secret.get_secret_value()
        return hashlib.sha256(f"webhook:{self.token}".encode()).hexdigest()[:48]

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def owner_ids(self) -> frozenset[int]:
        return frozenset(self.admin_telegram_id)

    @property
    def default_language_enum(self) -> Language:
        return Language(self.default_language)

    @property
    def payments_enabled(self) -> bool:
        """Online payments need both the shop id and the secret key."""
        return bool(self.yookassa_account_id and self.yookassa_secret_key)

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def dashboard_url(self) -> str | None:
        """Where the Mini App dashboard opens; Telegram opens Mini Apps over https only."""
        if self.public_base_url and self.public_base_url.startswith("https://"):
            return f"{self.public_base_url}/app/"
        return None

    @property
    def webhook_mode(self) -> bool:
        return self.webhook_url is not None


def _networks(value: str) -> list[IPNetwork]:
    return [ipaddress.ip_network(part, strict=False) for part in _split_csv(value)]


def _env_name(settings_cls: type[Settings], field: str) -> str:
    info = settings_cls.model_fields.get(field)
    alias = info.validation_alias if info else None
    if isinstance(alias, str):
        return alias
    if isinstance(alias, AliasChoices):
        first = alias.choices[0]
        return first if isinstance(first, str) else field.upper()
    return field.upper()


def describe_error(error: ValidationError, settings_cls: type[Settings] = Settings) -> str:
    """One line naming the first bad setting and how to fix it. Never echoes the value."""
    first = error.errors()[0]
    loc = first.get("loc") or ("?",)
    field = str(loc[0])
    name = field if field.isupper() else _env_name(settings_cls, field)
    if first.get("type") == "missing":
        problem = "is not set"
    else:
        message = str(first.get("msg", ""))
        if message.startswith("Value error, "):
            problem = message.removeprefix("Value error, ")
        else:
            problem = f"is invalid ({message[:1].lower()}{message[1:]})"
    hint = _HINTS.get(name)
    line = f"Setting {name} {problem}"
    return f"{line}: {hint}." if hint else f"{line}."


def _missing(name: str) -> str:
    hint = _HINTS.get(name)
    return f"Setting {name} is not set: {hint}." if hint else f"Setting {name} is not set."


def load_settings(*, require_bot_token: bool = True, **overrides: Any) -> Settings:
    """Settings from the environment and `.env`; a `ConfigError` with one line if any is bad."""
    try:
        settings = Settings(**overrides)
    except ValidationError as error:
        raise ConfigError(describe_error(error)) from None
    if require_bot_token and settings.bot_token is None:
        raise ConfigError(_missing("BOT_TOKEN"))
    if bool(settings.yookassa_account_id) != bool(settings.yookassa_secret_key):
        missing = "YOKASSA_SECRET_KEY" if settings.yookassa_account_id else "YOKASSA_ACCOUNT_ID"
        raise ConfigError(_missing(missing))
    return settings
