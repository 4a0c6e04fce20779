"""Spaces and tariffs as plain values."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coworking_bot.domain.enums import Language, SpaceKind, TariffUnit


@dataclass(frozen=True, slots=True)
class VolumeDiscount:
    from_units: int
    percent: int


@dataclass(frozen=True, slots=True)
class Space:
    id: int
    name: str
    kind: SpaceKind
    capacity: int
    description: str = ""
    name_en: str | None = None
    description_en: str | None = None
    opening_hours: dict[str, Any] = field(default_factory=dict)
    slot_step_minutes: int = 30
    buffer_minutes: int = 0
    booking_horizon_days: int = 60
    min_lead_minutes: int = 0
    is_active: bool = True
    photo_file_id: str | None = None  # Telegram's file id of the space's photo

    def title(self, language: Language) -> str:
        return self.name_en if language is Language.EN and self.name_en else self.name

    def about(self, language: Language) -> str:
        if language is Language.EN and self.description_en:
            return self.description_en
        return self.description


@dataclass(frozen=True, slots=True)
class Tariff:
    id: int
    space_id: int
    name: str
    unit: TariffUnit
    price: int
    min_duration: int = 1
    max_duration: int = 1
    description: str = ""
    name_en: str | None = None
    description_en: str | None = None
    volume_discount: VolumeDiscount | None = None
    needs_confirmation: bool = False
    is_trial: bool = False
    crm_service_id: int | None = None
    is_active: bool = True
    check_in_required: bool = False  # a client who does not arrive becomes a no-show

    def title(self, language: Language) -> str:
        return self.name_en if language is Language.EN and self.name_en else self.name

    def about(self, language: Language) -> str:
        if language is Language.EN and self.description_en:
            return self.description_en
        return self.description


@dataclass(frozen=True, slots=True)
class SpaceTariffs:
    space: Space
    tariffs: tuple[Tariff, ...]
