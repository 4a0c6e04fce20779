## Staff: spaces and tariffs (dialogs/admin/catalog/)

catalog-title = <b>🏢 Пространства и тарифы</b>
catalog-list-hint =
    🟢 — клиенты видят и бронируют; 🟡 — включено, но без активного тарифа клиенты его не видят; ⏸ — выключено.
    Нажмите на пространство, чтобы изменить его или его тарифы.
catalog-empty = Пространств пока нет. Добавьте первое — потом у него появятся тарифы.
btn-catalog-new-space = ➕ Новое пространство

## A space's card

catalog-space-new = <b>🆕 Новое пространство</b> — ещё не сохранено
catalog-space-title = <b>🏢 { $name }</b>
catalog-status-on = 🟢 Клиенты видят и бронируют.
catalog-status-hidden = 🟡 Включено, но клиенты его не видят: нет ни одного активного тарифа. Добавьте тариф в «💰 Тарифы».
catalog-status-off = ⏸ Выключено: клиенты не видят и не бронируют. Брони, сделанные раньше, действуют.
catalog-space-stats = Тарифы: активных { $active } из { $total }. Действующих броней впереди: { $bookings }.
catalog-new-hint = <i>Проверьте поля (нажмите на любое, чтобы изменить), затем «👁 Предпросмотр» — там кнопка «✅ Сохранить».</i>
catalog-unsaved = <i>✏️ Не сохранено изменений: { $count }. Откройте «👁 Предпросмотр», чтобы посмотреть и сохранить, или отмените их.</i>
btn-catalog-preview = 👁 Предпросмотр
btn-catalog-discard = ↩️ Отменить изменения
btn-catalog-tariffs = 💰 Тарифы ({ $tariffs_total })
btn-catalog-switch-off = ⏸ Выключить
btn-catalog-switch-on = ▶️ Включить
btn-catalog-to-spaces = ◀️ К пространствам
catalog-discarded = Изменения отменены.

## Fields

catalog-field-name = Название
catalog-field-kind = Тип
catalog-field-capacity = Мест
catalog-field-hours = Часы работы
catalog-field-about = Описание
catalog-field-photo = Фото
catalog-field-step = Шаг начала
catalog-field-buffer = Перерыв
catalog-field-ahead = Бронь вперёд
catalog-field-lead = Не позже чем
catalog-field-name_en = 🇬🇧 Название
catalog-field-about_en = 🇬🇧 Описание
catalog-field-unit = Оплата
catalog-field-price = Цена
catalog-field-durations = Длительность
catalog-field-discount = Скидка за объём
catalog-none = —
catalog-photo-yes = есть
catalog-closed = выходной
catalog-minutes = { $minutes } мин
catalog-hours = { $hours } ч
catalog-days = { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[many] { $days } дней
    }
catalog-lead-none = до самого начала
catalog-durations-range = { $min }–{ $max } { $unit ->
        [hour] ч
        [day] дн.
       *[month] мес.
    }
catalog-discount-value = { $percent }% от { $units } { $unit ->
        [hour] ч
        [day] дн.
       *[month] мес.
    }
catalog-unit-hour = ⏱ По часам
catalog-unit-day = 📅 По дням
catalog-unit-month = 🗓 По месяцам

## Editing a field, and the steps of a new space or tariff

catalog-step = <i>Шаг { $step } из { $steps }</i>
catalog-current = Сейчас: { $current }
btn-catalog-clear = 🗑 Убрать
btn-catalog-skip = Пропустить ▶️
btn-catalog-next = Далее ▶️
catalog-text-expected = Здесь нужен текст — одним сообщением.
catalog-photo-expected = Пришлите фотографию (как фото, не файлом) или нажмите кнопку под сообщением.
catalog-pick-expected = Выберите вариант кнопкой под сообщением.
catalog-ask-name = <b>Название пространства</b>
    Так его увидят клиенты, от { $min } до { $max } символов, одной строкой. Например: Переговорная «Малая».
catalog-ask-kind = <b>Тип пространства</b>
    Выберите, что это за пространство.
catalog-ask-capacity = <b>Сколько мест?</b>
    Сколько броней может идти одновременно: у открытого пространства — число рабочих мест, у переговорной или офиса обычно 1. Число от 1 до { $capacity }.
catalog-ask-space-about = <b>Описание</b>
    Что внутри, для кого, что есть из оборудования — до { $limit } символов. Клиенты видят его в «💳 Тарифы».
catalog-ask-space-about_en = <b>🇬🇧 Описание на английском</b>
    Его увидят клиенты с английским языком, до { $limit } символов. Без него они видят русское.
catalog-ask-photo = <b>Фото</b>
    Пришлите одну фотографию пространства — клиенты увидят её, когда будут выбирать тариф.
catalog-ask-step = <b>Шаг начала</b>
    Через сколько минут можно начинать почасовую бронь: 15, 30 или 60 — или другое число, которое делит час (5, 10, 20) или равно целым часам (120, 180).
catalog-ask-buffer = <b>Перерыв между бронями</b>
    Сколько минут держать свободными до и после каждой брони — на уборку и проветривание. От 0 до { $buffer }.
catalog-ask-ahead = <b>Бронь вперёд</b>
    На сколько дней вперёд можно бронировать: от 1 до { $days }.
catalog-ask-lead = <b>Не позже чем за…</b>
    За сколько минут до начала можно забронировать: 0 — до самого начала, 60 — не позже чем за час. Не больше { $lead }.
catalog-ask-name_en = <b>🇬🇧 Название на английском</b>
    Его увидят клиенты с английским языком, от { $min } до { $max } символов. Без него они видят русское.
catalog-ask-tariff-name = <b>Название тарифа</b>
    Так его увидят клиенты, от { $min } до { $max } символов. Например: Почасовая аренда.
catalog-ask-tariff-name_en = <b>🇬🇧 Название тарифа на английском</b>
    Его увидят клиенты с английским языком, от { $min } до { $max } символов.
catalog-ask-unit = <b>За что платят?</b>
    Бронь по часам начинается в любой свободный слот; по дням и по месяцам — на целые сутки.
catalog-ask-price = <b>Цена за { $unit ->
        [hour] час
        [day] день
       *[month] месяц
    }</b>
    В рублях, например 1200 или 1200,50. Бесплатный тариф бывает только пробным — один раз на клиента: кнопка ниже.
catalog-ask-durations = <b>Длительность брони</b>
    Самая короткая и самая длинная бронь в { $unit ->
        [hour] часах
        [day] днях
       *[month] месяцах
    } через дефис, например 1-8; одно число — ровно столько. Не больше { $longest }.
catalog-ask-discount = <b>Скидка за объём</b>
    Два числа: с какой длительности (в { $unit ->
        [hour] часах
        [day] днях
       *[month] месяцах
    }) и сколько процентов, например «3 10» — 10% от 3. До { $percent }%.
catalog-ask-tariff-about = <b>Описание тарифа</b>
    Что входит, условия — до { $limit } символов. Клиенты видят его под тарифом.
catalog-ask-tariff-about_en = <b>🇬🇧 Описание тарифа на английском</b>
    До { $limit } символов. Без него клиенты с английским видят русское.
btn-catalog-free-trial = 🎁 Бесплатный пробный (один раз)

## Opening hours

catalog-hours-title = <b>Часы работы</b>
    Выберите день или группу дней, затем пришлите часы.
catalog-days-weekdays = Пн–Пт
catalog-days-weekend = Сб–Вс
catalog-days-all = Каждый день
catalog-pick-days = Сначала выберите день или дни кнопкой под сообщением.
catalog-day-hours-ask = <b>{ $days }</b> — сейчас: { $current }
    Пришлите часы работы, например 09:00-21:00 (круглосуточно — 00:00-24:00), или нажмите «Выходной».
btn-catalog-closed = 🚫 Выходной

## Switching off and on

catalog-space-off-ask = <b>Выключить «{ $name }»?</b>
    Клиенты перестанут видеть его и бронировать. Действующих броней впереди: { $bookings } — они останутся в силе; если нужно, отмените их в разделе броней.
catalog-tariff-off-ask = <b>Выключить тариф «{ $name }»?</b>
    Клиенты перестанут видеть его и бронировать. Действующих броней впереди: { $bookings } — они останутся в силе; если нужно, отмените их в разделе броней.
btn-catalog-switch-off-yes = ⏸ Да, выключить
catalog-space-switched-off = ⏸ Выключено. Клиенты его больше не видят. Действующих броней осталось: { $bookings }.
catalog-space-switched-on = { $tariffs ->
        [0] ▶️ Включено, но клиенты увидят его, только когда у него будет активный тариф.
       *[other] ▶️ Включено: клиенты снова видят его и бронируют.
    }
catalog-tariff-switched-off = ⏸ Тариф выключен. Клиенты его больше не видят. Действующих броней осталось: { $bookings }.
catalog-tariff-switched-on = { $space_off ->
        [yes] ▶️ Тариф включён, но пространство выключено: клиенты увидят тариф, когда включите пространство.
       *[other] ▶️ Тариф включён: клиенты снова видят его и бронируют.
    }

## Tariffs

catalog-tariffs-title = <b>💰 Тарифы: { $space }</b>
    🟢 — клиенты видят; ⏸ — выключен. Нажмите на тариф, чтобы изменить его.
catalog-tariffs-empty = Тарифов пока нет: без тарифа клиенты не видят пространство. Добавьте первый.
catalog-tariffs-space-off = ⏸ Пространство выключено: клиенты не видят ни одного его тарифа.
btn-catalog-new-tariff = ➕ Новый тариф
btn-catalog-to-space = ◀️ К пространству
catalog-tariff-new = <b>🆕 Новый тариф</b> — { $space }, ещё не сохранён
catalog-tariff-title = <b>💰 { $name }</b> — { $space }
catalog-tariff-space-off = Пространство выключено, поэтому клиенты не видят и этот тариф.
catalog-tariff-stats = Действующих броней впереди: { $live }; всего броней: { $all }.
catalog-toggle-confirm = Подтверждает менеджер
catalog-toggle-trial = Пробный: один раз на клиента
catalog-toggle-check_in = Отмечать приход
btn-catalog-to-tariffs = ◀️ К тарифам

## The preview

catalog-preview-title = <b>👁 Так увидят клиенты</b> ({ $language ->
        [en] с английским языком
       *[other] с русским языком
    })
catalog-preview-unsaved = <i>Изменения ещё не сохранены: проверьте и нажмите «✅ Сохранить».</i>
catalog-preview-no-tariffs = <i>🟡 Пока у пространства нет активного тарифа, клиенты его не видят: после сохранения добавьте тариф.</i>
catalog-preview-space-off = <i>⏸ Пространство выключено: сейчас клиенты его не видят.</i>
catalog-preview-tariff-off = <i>⏸ Тариф выключен: сейчас клиенты его не видят — так он выглядел бы включённым.</i>
catalog-preview-booking = <b>📅 При бронировании — кнопки тарифов:</b>
btn-catalog-preview-en = 🇬🇧 Как видят по-английски
btn-catalog-preview-ru = 🇷🇺 Как видят по-русски
btn-catalog-save = ✅ Сохранить
catalog-saved = ✅ Сохранено. Клиенты уже видят изменения.

## Refusals

error-catalog-not-found = Такого пространства или тарифа нет — возможно, список устарел.
error-catalog-name = Название — от { $min } до { $max } символов, одной строкой.
error-catalog-name-taken = Название «{ $name }» уже занято — выберите другое.
error-catalog-text = Описание — непустой текст до { $max } символов.
error-catalog-capacity = Мест — целое число от 1 до { $max }.
error-catalog-capacity-bookings = Нельзя сделать мест: { $capacity } — впереди есть время, когда одновременно действуют { $bookings } { $bookings ->
        [one] бронь
        [few] брони
       *[many] броней
    }. Сначала перенесите или отмените лишние.
error-catalog-hours = Не понял часы. Пришлите так: 09:00-21:00 (или 9-21), а для выходного — «-».
error-catalog-hours-order = Закрытие ({ $closes }) должно быть позже открытия ({ $opens }). Круглосуточно — 00:00-24:00.
error-catalog-hours-none = Пространство должно работать хотя бы один день. Если оно не работает совсем — выключите его.
error-catalog-slot-step = Шаг — число минут, которое делит час (5, 10, 15, 20, 30) или равно целым часам (60, 120…).
error-catalog-buffer = Перерыв — целое число минут от 0 до { $max }.
error-catalog-horizon = Бронь вперёд — целое число дней от 1 до { $max }.
error-catalog-lead = «Не позже чем» — целое число минут от 0 до { $max }.
error-catalog-lead-horizon = «Не позже чем» должно быть меньше, чем бронь вперёд ({ $days } дн.), иначе забронировать нельзя ничего.
error-catalog-photo = Это фото не подходит — пришлите другое.
error-catalog-price = Не понял цену. Пришлите число рублей, например 1200 или 1200,50.
error-catalog-price-negative = Цена не может быть отрицательной.
error-catalog-price-free = Цена 0 ₽ бывает только у пробного тарифа (один раз на клиента): включите «Пробный» или укажите цену.
error-catalog-price-high = Слишком дорого: не больше { $max } ₽ за единицу при такой длительности.
error-catalog-durations = Длительность — числа от 1, например 1-8 или 3.
error-catalog-durations-order = Самая короткая бронь ({ $min }) длиннее самой длинной ({ $max }).
error-catalog-durations-long = Самая длинная бронь — не больше { $max } { $unit ->
        [hour] ч
        [day] дн.
       *[month] мес.
    }
error-catalog-discount = Скидка — два числа: с какой длительности (от 2) и процент от 1 до { $max }, например «3 10».
error-catalog-discount-range = Скидка должна начинаться с длительности от { $min } до { $max } — иначе она не сработает или действует всегда.
error-catalog-unit-locked = Единицу оплаты не изменить: по тарифу уже { $bookings } { $bookings ->
        [one] бронь
        [few] брони
       *[many] броней
    }. Создайте новый тариф, а этот выключите.

## The audit log

audit-catalog-space-create = 🏢 добавил(а) пространство «{ $name }»
audit-catalog-space-update = ✏️ изменил(а) пространство «{ $name }»
audit-catalog-space-deactivate = ⏸ выключил(а) пространство «{ $name }»
audit-catalog-space-activate = ▶️ включил(а) пространство «{ $name }»
audit-catalog-tariff-create = 💰 добавил(а) тариф «{ $name }»
audit-catalog-tariff-update = ✏️ изменил(а) тариф «{ $name }»
audit-catalog-tariff-deactivate = ⏸ выключил(а) тариф «{ $name }»
audit-catalog-tariff-activate = ▶️ включил(а) тариф «{ $name }»
