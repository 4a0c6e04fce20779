## Promo codes (staff, MANAGE_PROMO): the list and a code's card

promo-list-title =
    <b>🏷 Промокоды</b>
    🟢 действует · 🕒 ещё не начал действовать · ⌛ срок истёк · 🔴 исчерпан · ⚪️ выключен
    Рядом с кодом — скидка и сколько раз его использовали (из скольких). Нажмите на код, чтобы увидеть условия, итоги и выключить его.
promo-list-empty = Промокодов пока нет. Нажмите «➕ Новый промокод».
btn-promo-new = ➕ Новый промокод
btn-promo-to-list = ◀️ К списку кодов
btn-promo-switch-off = ⏸ Выключить код
btn-promo-switch-on = ▶️ Включить код
promo-switched-off = Код { $code } выключен: клиенты больше не смогут его применить. Брони, уже сделанные с ним, остаются со скидкой.
promo-switched-on = Код { $code } снова включён.
promo-percent = { $value } %
promo-card-title = <b>🏷 <code>{ $code }</code></b>
promo-card-status = Статус: { $status }
promo-status = { $status ->
    [active] действует
    [not_started] ещё не начал действовать
    [expired] срок истёк
    [used_up] исчерпан — все использования разобраны
   *[off] выключен
}
promo-terms-discount = Скидка: { $discount }
promo-terms-window = Срок: { $has_first ->
    [yes] с { $first }
   *[no] с момента создания
} { $has_last ->
    [yes] по { $last } включительно
   *[no] и без даты окончания
}
promo-terms-limits = Использований всего: { $limited ->
    [yes] не больше { $total }
   *[no] без ограничения
}; одним клиентом: не больше { $per_user }
promo-terms-tariffs = Тарифы: { $tariffs }
promo-tariffs-all = все
promo-tariff-gone = тариф №{ $id } (сейчас не продаётся)
promo-terms-first = Только на первую бронь клиента: { $first ->
    [yes] да
   *[no] нет
}
promo-card-uses = Использован: { $uses } { $limited ->
    [yes] из { $total }
   *[no] (без ограничения)
}
promo-card-money =
    📊 Броней с кодом: { $bookings }
    Скидка клиентам: { $discount }
    Выручка: { $revenue }
    <i>Брони и скидка считаются без отменённых броней и тех, что не оплатили вовремя. Выручка — сколько клиенты заплатили за брони с этим кодом (онлайн и на месте) за вычетом возвратов.</i>

## Promo codes: a new code, step by step

promo-text-expected = Здесь нужен ответ текстом или одна из кнопок под сообщением.
promo-new-code =
    <b>➕ Новый промокод</b> · шаг 1 из 9
    Пришлите код: латинские буквы и цифры, можно дефис между ними, от { $min } до { $max } знаков — например, SPRING15. Большие или маленькие буквы — неважно: клиент может ввести код как угодно.
    Или нажмите «🎲 Придумать код».
btn-promo-generate = 🎲 Придумать код
btn-promo-cancel-new = ✖️ Не создавать
promo-new-kind =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 2 из 9
    Какая будет скидка?
btn-promo-kind-percent = % Процент от цены
btn-promo-kind-fixed = ₽ Фиксированная сумма
promo-new-percent =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 3 из 9
    Сколько процентов скидки? Пришлите число от 1 до { $percent_max }. 100 — бронь бесплатно.
promo-new-amount =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 3 из 9
    Сколько рублей скидки? Пришлите сумму, например 300 или 299,90 (не больше { $amount_max } ₽). Если бронь дешевле, она станет бесплатной.
promo-new-first-day =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 4 из 9
    С какого дня код действует? Пришлите дату в виде ДД.ММ.ГГГГ, например 01.03.2027: код заработает в 00:00 этого дня по времени коворкинга.
    Или нажмите «Сразу».
btn-promo-from-now = ▶️ Сразу
promo-new-last-day =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 5 из 9
    По какой день включительно код действует? Пришлите дату в виде ДД.ММ.ГГГГ: код перестанет действовать в 24:00 этого дня по времени коворкинга.
    Или нажмите «Без даты окончания».
btn-promo-no-end = ♾ Без даты окончания
promo-new-max-uses =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 6 из 9
    Сколько раз код можно использовать всего, всеми клиентами вместе? Пришлите число от 1 до { $limit_max }.
    Или нажмите «Без ограничения». Если бронь с кодом отменят или её не оплатят вовремя, использование вернётся.
btn-promo-no-limit = ♾ Без ограничения
promo-new-per-user =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 7 из 9
    Сколько раз один клиент может использовать код? Пришлите число — или нажмите «Один раз».
btn-promo-once-each = 1️⃣ Один раз
promo-new-tariffs =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 8 из 9
    На какие тарифы действует код? Нажмите «Все тарифы» — или отметьте нужные и нажмите «Готово».
btn-promo-all-tariffs = 🌐 Все тарифы
btn-promo-tariffs-done = Готово ▶️
promo-new-first-only =
    <b>➕ Новый промокод <code>{ $code }</code></b> · шаг 9 из 9
    Код только для первой брони клиента (для новых клиентов)?
btn-promo-first-yes = Да, только первая бронь
btn-promo-first-no = Нет, для любой брони
promo-new-summary =
    <b>➕ Новый промокод <code>{ $code }</code></b>
    Проверьте условия и нажмите «Сохранить». Клиенты смогут применять код с первого дня срока.

    { $terms }
btn-promo-save = ✅ Сохранить
promo-saved = Промокод { $code } сохранён.

## Promo codes: refusals

error-promo-code-invalid = Код — это латинские буквы и цифры, можно дефис между ними, от { $min } до { $max } знаков. Например: SPRING15 или WELCOME-2027.
error-promo-code-taken = Код { $code } уже есть. Придумайте другой или нажмите «🎲 Придумать код».
error-promo-percent-invalid = Процент — целое число от 1 до { $max }.
error-promo-amount-invalid = Сумма — в рублях, больше нуля и не больше { $max } ₽, например 300 или 299,90.
error-promo-day-invalid = Дата — в виде ДД.ММ.ГГГГ, например 01.03.2027.
error-promo-window-invalid = Последний день не может быть раньше первого.
error-promo-window-past = Этот день уже прошёл: код с таким сроком не сработает ни разу.
error-promo-limit-invalid = Нужно целое число от 1 до { $max }.
error-promo-tariffs-invalid = Отметьте хотя бы один тариф из тех, что сейчас продаются, или выберите «Все тарифы».
error-promo-not-found = Такого промокода нет.

## Promo codes in the audit log

audit-promo-create = 🏷 создал(а) промокод { $name }
audit-promo-deactivate = ⏸ выключил(а) промокод { $name }
audit-promo-activate = ▶️ включил(а) промокод { $name }
