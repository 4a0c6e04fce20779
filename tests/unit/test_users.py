"""What a user may type in, and the small rules around users: names, phones, e-mails, languages,
referral codes, money formatting."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal

import phonenumbers
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from coworking_bot.domain.enums import Language
from coworking_bot.domain.errors import InvalidEmail, InvalidName, InvalidPhone, InvalidTelegramId
from coworking_bot.domain.money import format_rub
from coworking_bot.domain.users import (
    NAME_MAX_LENGTH,
    User,
    new_referral_code,
    normalize_email,
    normalize_name,
    normalize_phone,
    parse_telegram_id,
    referral_code_from_payload,
)
from coworking_bot.services.users.registration import RegistrationStep, next_step

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
WHITESPACE = st.text(alphabet=" \t\n\u00a0", min_size=1, max_size=3)
WORD = st.text(
    alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяABCDEFGHIJKLMNOPQRSTUVWXYZabcxyzéü",
    min_size=1,
    max_size=12,
)


# Names


@given(st.lists(WORD, min_size=1, max_size=4), WHITESPACE, WHITESPACE)
def test_name_whitespace_is_collapsed(words: list[str], before: str, after: str) -> None:
    clean = " ".join(words)
    if not 2 <= len(clean) <= NAME_MAX_LENGTH:
        with pytest.raises(InvalidName):
            normalize_name(clean)
        return
    messy = before + "  \t ".join(words) + after
    assert normalize_name(messy) == clean


@given(st.text(max_size=150))
@example("Anna-Maria O'Neil")
@example("Jr.")
def test_a_normalized_name_is_a_fixed_point(raw: str) -> None:
    try:
        name = normalize_name(raw)
    except InvalidName:
        return
    assert normalize_name(name) == name
    assert 2 <= len(name) <= NAME_MAX_LENGTH
    assert not any(ch.isdigit() or ch in "<>&_@" for ch in name)


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "A",
        "x" * 101,
        "x" * 500,
        "R2D2",
        "Anna_Petrova",
        "<b>Anna</b>",
        "--",
        "🙂 Anna",
        "A¹",
        "Louis Ⅻ",
        "\u0301Anna",
    ],
)
def test_bad_names(raw: str | None) -> None:
    with pytest.raises(InvalidName) as caught:
        normalize_name(raw)
    assert caught.value.params == {"max": NAME_MAX_LENGTH}


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Анна Петрова", "Анна Петрова"),
        ("  jean-luc  picard ", "jean-luc picard"),
        ("D'Artagnan", "D'Artagnan"),
        ("अनिल कुमार", "अनिल कुमार"),
        ("สมชาย ใจดี", "สมชาย ใจดี"),
        ("Jose\u0301 Garci\u0301a", "José García"),
    ],
)
def test_good_names(raw: str, name: str) -> None:
    assert normalize_name(raw) == name


# Phones

RU_MOBILE = st.from_regex(r"9[0-9]{9}", fullmatch=True)


@given(
    RU_MOBILE,
    st.sampled_from(["+7{}", "8{}", "7{}", "{}", "+7 ({a}) {b}-{c}-{d}", "8-{a}-{b}-{c}{d}"]),
)
def test_russian_numbers_typed_any_usual_way(national: str, template: str) -> None:
    text = template.format(
        national, a=national[:3], b=national[3:6], c=national[6:8], d=national[8:]
    )
    try:
        result = normalize_phone(text)
    except InvalidPhone:
        assert not phonenumbers.is_valid_number(phonenumbers.parse("+7" + national))
        return
    assert result == "+7" + national


REGIONS = sorted(r for r in phonenumbers.SUPPORTED_REGIONS if phonenumbers.example_number(r))


@given(
    st.sampled_from(REGIONS),
    st.sampled_from(
        [phonenumbers.PhoneNumberFormat.E164, phonenumbers.PhoneNumberFormat.INTERNATIONAL, "00"]
    ),
)
def test_any_country_in_international_form_becomes_e164(region: str, form: object) -> None:
    number = phonenumbers.example_number(region)
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    text = "00" + e164[1:] if form == "00" else phonenumbers.format_number(number, form)
    assert normalize_phone(text) == e164


@given(st.text(alphabet="0123456789 +-().", max_size=40))
def test_a_normalized_phone_is_e164_and_a_fixed_point(raw: str) -> None:
    try:
        phone = normalize_phone(raw)
    except InvalidPhone:
        return
    assert E164.match(phone)
    assert normalize_phone(phone) == phone


@given(st.text(min_size=1).filter(lambda s: any(ch.isalpha() for ch in s)))
def test_a_phone_with_letters_is_refused(raw: str) -> None:
    with pytest.raises(InvalidPhone):
        normalize_phone(raw)


@pytest.mark.parametrize("raw", [None, "", "abcdefg", "123", "+7 000 000-00-00", "+" + "9" * 40])
def test_bad_phones(raw: str | None) -> None:
    with pytest.raises(InvalidPhone):
        normalize_phone(raw)


# E-mails

LOCAL = st.from_regex(r"[a-z0-9]([a-z0-9._+-]{0,20}[a-z0-9])?", fullmatch=True).filter(
    lambda s: ".." not in s
)
DOMAIN = st.from_regex(r"[a-z0-9]{1,20}\.(com|ru|org|io)", fullmatch=True)


@given(LOCAL, DOMAIN)
def test_valid_emails_keep_the_local_part_and_lowercase_the_domain(local: str, domain: str) -> None:
    assert normalize_email(f"  {local}@{domain.upper()} ") == f"{local}@{domain}"


@given(st.text(max_size=80))
def test_a_normalized_email_is_a_fixed_point(raw: str) -> None:
    try:
        email = normalize_email(raw)
    except InvalidEmail:
        return
    assert "@" in email
    assert normalize_email(email) == email


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "anna",
        "anna@",
        "@example.com",
        "anna@localhost",
        "a b@example.com",
        "anna@@x.com",
        "a@" + "x" * 250 + ".com",
    ],
)
def test_bad_emails(raw: str | None) -> None:
    with pytest.raises(InvalidEmail):
        normalize_email(raw)


# Languages


@given(
    st.sampled_from(list(Language)), st.sampled_from(["", "-US", "-gb", "-Latn-RS"]), st.booleans()
)
def test_language_pick_reads_the_prefix(language: Language, suffix: str, upper: bool) -> None:
    code = language.value + suffix
    assert Language.pick(code.upper() if upper else code, Language.RU) is language
    assert Language.pick(code, Language.EN) is language


@given(st.one_of(st.none(), st.text(max_size=12)), st.sampled_from(list(Language)))
def test_language_pick_falls_back_to_the_default(code: str | None, default: Language) -> None:
    picked = Language.pick(code, default)
    prefix = (code or "").split("-", 1)[0].lower()
    assert picked is (Language(prefix) if prefix in {"ru", "en"} else default)


# Money


@given(st.integers(min_value=-(10**12), max_value=10**12))
@example(0)
@example(150000)
@example(150050)
def test_format_rub_reads_back_to_the_same_amount(kopecks: int) -> None:
    text = format_rub(kopecks)
    assert text.endswith(" ₽")
    number = text.removesuffix(" ₽").replace("\u202f", "").replace(",", ".")
    assert Decimal(number) == Decimal(kopecks) / 100
    whole = text.removesuffix(" ₽").lstrip("-").split(",")[0]
    assert all(len(group) == 3 for group in whole.split("\u202f")[1:])


@pytest.mark.parametrize(
    ("kopecks", "text"),
    [
        (0, "0 ₽"),
        (5, "0,05 ₽"),
        (150000, "1\u202f500 ₽"),
        (150050, "1\u202f500,50 ₽"),
        (-100, "-1 ₽"),
    ],
)
def test_format_rub_examples(kopecks: int, text: str) -> None:
    assert format_rub(kopecks) == text


# Referral codes and Telegram ids


def test_new_referral_codes_fit_the_payload() -> None:
    codes = {new_referral_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[a-z0-9]{8}", code)
        assert referral_code_from_payload(f"ref_{code}") == code


@given(st.text(max_size=40))
def test_referral_payloads(payload: str) -> None:
    code = referral_code_from_payload(payload)
    if code is not None:
        assert payload.startswith("ref_")
        assert code == payload[4:].lower()
        assert code.isalnum()
        assert 0 < len(code) <= 32


@pytest.mark.parametrize(
    "payload", [None, "", "ref_", "ref", "REF_abc", "ref_a-b", "ref_" + "a" * 33]
)
def test_payloads_that_are_not_referrals(payload: str | None) -> None:
    assert referral_code_from_payload(payload) is None


@pytest.mark.parametrize("raw", [None, "", "abc", "-5", "0", "1.5", "1" * 16])
def test_bad_telegram_ids(raw: str | None) -> None:
    with pytest.raises(InvalidTelegramId):
        parse_telegram_id(raw)


def test_telegram_id() -> None:
    assert parse_telegram_id(" 123456789 ") == 123456789


# Where registration resumes


def _user(**changes: object) -> User:
    fields: dict[str, object] = {
        "id": 1,
        "telegram_id": 1,
        "username": None,
        "full_name": None,
        "phone": None,
        "email": None,
        "language": Language.RU,
        "referral_code": "abcdefgh",
        "referrer_id": None,
        "consent_at": None,
        "registered_at": None,
        "is_banned": False,
        "bot_blocked": False,
        "created_at": datetime(2026, 1, 1, tzinfo=UTC),
    }
    fields.update(changes)
    return User(**fields)  # type: ignore[arg-type]


def test_next_step() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    assert next_step(_user()) == RegistrationStep.CONSENT
    assert next_step(_user(consent_at=now)) == RegistrationStep.NAME
    assert next_step(_user(consent_at=now, full_name="Anna")) == RegistrationStep.PHONE
    assert next_step(_user(consent_at=now, full_name="A", phone="+7")) == RegistrationStep.EMAIL
    assert next_step(_user(registered_at=now)) == RegistrationStep.DONE
