"""Settings: read once from the environment; a bad one stops the start with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from coworking_bot.config import ConfigError, Settings, load_settings
from tests.fakes.telegram import TEST_TOKEN

SECRET_TOKEN = "123456:SUPER-secret-token-value-xyz"


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No `.env` and none of our variables: each test sets what it needs."""
    monkeypatch.chdir(tmp_path)
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
    for name in ("YOKASSA_ACCOUNT_ID", "YOOKASSA_SHOP_ID", "YOKASSA_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BOT_TOKEN", SECRET_TOKEN)


def config_error(monkeypatch: pytest.MonkeyPatch, **env: str) -> str:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = str(caught.value)
    assert "\n" not in message, "one line"
    assert SECRET_TOKEN not in message
    assert "SUPER-secret" not in message
    return message


def test_defaults() -> None:
    settings = load_settings()
    assert settings.token == SECRET_TOKEN
    assert settings.database_url == "sqlite+aiosqlite:///./data/coworking.db"
    assert settings.is_sqlite
    assert settings.redis_url is None
    assert settings.owner_ids == frozenset()
    assert settings.default_language == "ru"
    assert settings.timezone == "Europe/Moscow"
    assert settings.hold_minutes == 15
    assert not settings.webhook_mode


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_bot_token_says_how_to_get_one(
    monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("BOT_TOKEN")
    else:
        monkeypatch.setenv("BOT_TOKEN", value)
    message = config_error(monkeypatch)
    assert "BOT_TOKEN" in message
    assert "@BotFather" in message


def test_bot_token_may_be_absent_when_not_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN")
    settings = load_settings(require_bot_token=False)
    assert settings.bot_token is None
    with pytest.raises(ConfigError, match="BOT_TOKEN"):
        _ = settings.token


@pytest.mark.parametrize("value", ["not-a-token", "abc:SUPER-secret-token-value-xyz", "123:short"])
def test_malformed_bot_token_is_named_but_not_echoed(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    message = config_error(monkeypatch, BOT_TOKEN=value)
    assert "BOT_TOKEN" in message
    assert value not in message
    assert "@BotFather" in message


def test_bot_token_is_trimmed() -> None:
    assert load_settings(bot_token=f"  {TEST_TOKEN} ").token == TEST_TOKEN


@pytest.mark.parametrize(
    ("value", "ids"), [("1", [1]), ("1, 2 ,3", [1, 2, 3]), ("", []), ("42,", [42])]
)
def test_admin_ids(monkeypatch: pytest.MonkeyPatch, value: str, ids: list[int]) -> None:
    monkeypatch.setenv("ADMIN_TELEGRAM_ID", value)
    settings = load_settings()
    assert settings.admin_telegram_id == ids
    assert settings.owner_ids == frozenset(ids)


@pytest.mark.parametrize("value", ["abc", "1;2", "@owner", "1, two"])
def test_malformed_admin_ids(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    message = config_error(monkeypatch, ADMIN_TELEGRAM_ID=value)
    assert message.startswith("Setting ADMIN_TELEGRAM_ID ")
    assert "123456,987654" in message


@pytest.mark.parametrize(
    ("value", "url"),
    [
        ("postgres://u:p@db/x", "postgresql+asyncpg://u:p@db/x"),
        ("postgresql://u:p@db/x", "postgresql+asyncpg://u:p@db/x"),
        ("sqlite:///./x.db", "sqlite+aiosqlite:///./x.db"),
        ("sqlite+aiosqlite:///./x.db", "sqlite+aiosqlite:///./x.db"),
    ],
)
def test_database_url_forms(monkeypatch: pytest.MonkeyPatch, value: str, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", value)
    assert load_settings().database_url == url


def test_malformed_database_url_hides_its_password(monkeypatch: pytest.MonkeyPatch) -> None:
    message = config_error(monkeypatch, DATABASE_URL="mysql://root:hunter2@db/coworking")
    assert message.startswith("Setting DATABASE_URL ")
    assert "hunter2" not in message
    assert "postgresql+asyncpg://" in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TIMEZONE", "Mars/Olympus_Mons"),
        ("TIMEZONE", "Europe/../etc"),
        ("DEFAULT_LANGUAGE", "de"),
        ("LOG_LEVEL", "LOUD"),
        ("REDIS_URL", "http://localhost:6379"),
        ("TELEGRAM_API_URL", "localhost:8081"),
        ("WEBHOOK_URL", "ftp://example.com"),
        ("HOLD_MINUTES", "0"),
        ("HOLD_MINUTES", "soon"),
        ("API_PORT", "70000"),
        ("RUBITIME_BRANCH_ID", "main"),
        ("TICKET_ESCALATION_MINUTES", "0"),
        ("NO_SHOW_MINUTES", "0"),
        ("NO_SHOW_MINUTES", "later"),
        ("YOOKASSA_WEBHOOK_IPS", "185.71.76.0/27,not-an-ip"),
        ("TRUSTED_PROXIES", "10.0.0.300"),
    ],
)
def test_malformed_settings_are_named(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    message = config_error(monkeypatch, **{name: value})
    assert message.startswith(f"Setting {name} "), message


def test_timezone_and_language_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMEZONE", "Asia/Yekaterinburg")
    monkeypatch.setenv("DEFAULT_LANGUAGE", " EN ")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    settings = load_settings()
    assert settings.tz.key == "Asia/Yekaterinburg"
    assert settings.default_language == "en"
    assert settings.log_level == "DEBUG"


@pytest.mark.parametrize(
    ("shop_name", "key_name"),
    [("YOOKASSA_SHOP_ID", "YOOKASSA_SECRET_KEY"), ("YOKASSA_ACCOUNT_ID", "YOKASSA_SECRET_KEY")],
)
def test_yookassa_names(monkeypatch: pytest.MonkeyPatch, shop_name: str, key_name: str) -> None:
    monkeypatch.setenv(shop_name, "506751")
    monkeypatch.setenv(key_name, "live_SECRETKEY")
    settings = load_settings()
    assert settings.yookassa_account_id == "506751"
    assert settings.yookassa_secret_key is not None
    assert settings.yookassa_secret_key.get_secret_value() == "live_SECRETKEY"
    assert "live_SECRETKEY" not in repr(settings)


def test_payments_are_off_without_yookassa_and_half_a_pair_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert load_settings().payments_enabled is False
    message = config_error(monkeypatch, YOKASSA_ACCOUNT_ID="506751")
    assert message.startswith("Setting YOKASSA_SECRET_KEY is not set:")
    monkeypatch.delenv("YOKASSA_ACCOUNT_ID")
    message = config_error(monkeypatch, YOOKASSA_SECRET_KEY="live_SECRETKEY")
    assert message.startswith("Setting YOKASSA_ACCOUNT_ID is not set:")
    assert "live_SECRETKEY" not in message


def test_receipt_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YOOKASSA_RECEIPTS", "true")
    monkeypatch.setenv("YOOKASSA_VAT_CODE", "4")
    monkeypatch.setenv("YOOKASSA_TAX_SYSTEM_CODE", "2")
    settings = load_settings()
    assert (settings.yookassa_receipts, settings.yookassa_vat_code) == (True, 4)
    assert settings.yookassa_tax_system_code == 2
    message = config_error(monkeypatch, YOOKASSA_VAT_CODE="13")
    assert message.startswith("Setting YOOKASSA_VAT_CODE ")
    assert "1 to 12" in message


def test_secrets_stay_out_of_repr_and_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY", "s3cr3t-app-key")
    monkeypatch.setenv("RUBITIME_API_KEY", "rubitime-s3cr3t")
    settings = load_settings()
    shown = repr(settings) + str(settings)
    for secret in (SECRET_TOKEN, "s3cr3t-app-key", "rubitime-s3cr3t"):
        assert secret not in shown

    message = config_error(monkeypatch, WEBHOOK_SECRET="has spaces and s3cr3t!")
    assert message.startswith("Setting WEBHOOK_SECRET ")
    assert "s3cr3t" not in message


def test_env_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN")
    (tmp_path / ".env").write_text(f"BOT_TOKEN={TEST_TOKEN}\nADMIN_TELEGRAM_ID=7,8\n")
    settings = load_settings()
    assert settings.token == TEST_TOKEN
    assert settings.owner_ids == frozenset({7, 8})
