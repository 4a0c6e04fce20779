from __future__ import annotations


def format_rub(kopecks: int) -> str:
    """`150000` -> `1 500 ₽`, `150050` -> `1 500,50 ₽`; a narrow no-break space groups thousands."""
    sign = "-" if kopecks < 0 else ""
    rubles, kop = divmod(abs(kopecks), 100)
    grouped = f"{rubles:,}".replace(",", "\u202f")
    if kop:
        return f"{sign}{grouped},{kop:02d} ₽"
    return f"{sign}{grouped} ₽"
