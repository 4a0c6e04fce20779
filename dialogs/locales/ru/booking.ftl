## Booking: choosing, the summary, the result

btn-book = 📅 Забронировать
btn-my-bookings = 🗂 Мои брони

book-date = { $day } { $month ->
        [1] января
        [2] февраля
        [3] марта
        [4] апреля
        [5] мая
        [6] июня
        [7] июля
        [8] августа
        [9] сентября
        [10] октября
        [11] ноября
       *[12] декабря
    } { $year }, { $weekday }
book-period-hours = { $date }, { $start }–{ $end }
book-period-days = с { $first } по { $last }
book-units = { $units } { $unit ->
        [hour] { $units ->
            [one] час
            [few] часа
           *[many] часов
        }
        [day] { $units ->
            [one] день
            [few] дня
           *[many] дней
        }
       *[month] { $units ->
            [one] месяц
            [few] месяца
           *[many] месяцев
        }
    }

book-pick-space = <b>📅 Бронирование</b>
    Что хотите забронировать?
book-nothing = Сейчас бронировать нечего — загляните позже.
book-pick-tariff = <b>{ $space }</b>
    Выберите тариф:
book-pick-day = <b>{ $tariff }</b>
    Выберите день. ✖ — день недоступен: мест нет, коворкинг закрыт или время уже прошло.
book-pick-start = <b>{ $date }</b>
    Выберите время начала:
book-no-starts = На { $date } свободного времени нет. Можно выбрать другой день или встать в лист ожидания.
btn-waitlist-busy = ⏳ Нужное время занято?
book-pick-units = На сколько бронируем?
book-promo-ask = Есть промокод? Отправьте его сообщением — или нажмите «Без промокода».
book-promo-text-expected = Отправьте промокод текстом или нажмите «Без промокода».
btn-no-promo = Без промокода ▶️

book-summary = <b>Проверьте бронь</b>

    📍 { $space } · { $tariff }
    🗓 { $period }
    ⏱ { $duration }

    { $prices }

    { $payment }
book-summary-confirmation = ℹ️ Эту бронь подтверждает менеджер — мы напишем, когда он её подтвердит.
book-summary-pay-online = 💳 Сразу после подтверждения вы оплатите { $total } онлайн. Место закрепим за вами на { $minutes } мин — успейте оплатить.
book-summary-pay-on-site = 💵 Оплата на месте. Менеджер подтвердит заявку — мы сразу напишем.
book-summary-free = Это бесплатно — бронь будет подтверждена сразу.
book-summary-free-confirm = Это бесплатно.
btn-booking-confirm-client = ✅ Подтвердить бронь
btn-weekly = 🔁 Повторять каждую неделю

book-price-base = { $units } × { $price } = { $subtotal }
book-price-volume = Скидка за объём −{ $percent } %: −{ $amount }
book-price-promo = Промокод { $code }: −{ $amount }
book-price-promo-applied = Скидка по промокоду: −{ $amount }
book-price-total = <b>Итого: { $total }</b>
book-price-free = <b>Итого: бесплатно</b>

book-done = <b>{ $space }</b>
    { $periods }

    { $outcome }
book-done-confirmed = ✅ Бронь подтверждена. Ждём вас!
book-done-pending = 📨 Заявка отправлена. Менеджер подтвердит её, и мы сразу напишем.
book-done-pending-on-site = 📨 Заявка отправлена. Менеджер подтвердит её, и мы сразу напишем. Оплата — на месте.
book-done-held-series = ⏳ Места закреплены за вами до { $until }. Всего к оплате: { $total }.
    Оплатите каждую бронь в «🗂 Мои брони» кнопкой «💳 Оплатить». Неоплаченные брони освободятся в { $until }.

## Waitlist

book-full-day = На { $date } все места заняты.
    Встаньте в лист ожидания — если место освободится, мы сразу напишем, и его можно будет забронировать одной кнопкой.
book-full-hours = <b>{ $date }</b>
    Выберите занятое время, которого хотите дождаться. Если оно освободится, мы сразу напишем.
book-full-none = Сейчас все оставшиеся часы этого дня свободны или уже прошли — выберите время в списке свободных.
btn-waitlist-join = ⏳ Встать в лист ожидания
book-waitlist-joined = Вы в листе ожидания: { $period }. Напишем, как только место освободится.

## Weekly

book-weekly-ask = Сколько недель подряд бронировать это время (включая первую)?
book-weekly-dates = <b>Каждую неделю в это же время</b>
    { $dates }

    Свободно дат: { $free }, каждая — { $each }, всего { $total }. Промокод к повторяющимся броням не применяется.
book-weekly-free = ✅ { $period }
book-weekly-taken = ❌ { $period } — занято
book-weekly-none = Ни одна из этих дат не свободна — выберите другое время.
btn-weekly-book = ✅ Забронировать свободные ({ $free })

## My bookings

my-bookings-upcoming = <b>🗂 Мои брони — предстоящие</b> ({ $total })
    Нажмите на бронь, чтобы открыть подробности.
my-bookings-past = <b>🗂 Мои брони — прошедшие и отменённые</b> ({ $total })
my-bookings-empty = Здесь пока пусто.
btn-page-prev = ◀️
btn-page-next = ▶️
btn-bookings-past = 🕘 Прошедшие
btn-bookings-upcoming = 📅 Предстоящие

book-details = <b>Бронь №{ $id }</b>
    📍 { $title }
    🗓 { $period }
    Статус: { $status }

    { $prices }
book-details-hold = ⏳ Место закреплено за вами до { $until }. Оплатите бронь кнопкой «💳 Оплатить», иначе место освободится.
book-status = { $status ->
        [held] ждёт оплаты
        [pending] ждёт подтверждения менеджера
        [confirmed] подтверждена
        [completed] завершена
        [no_show] вы не пришли
        [expired] не оплачена вовремя
       *[cancelled] отменена
    }
btn-ics = 📎 Добавить в календарь (.ics)
btn-move = 🔄 Перенести
btn-cancel-booking = ❌ Отменить бронь
book-ics-caption = Откройте файл, чтобы добавить бронь в календарь.

book-cancel-ask = <b>Отменить бронь?</b>
    📍 { $title }
    🗓 { $period }

    { $terms }
book-cancel-free = Сейчас отмена бесплатная: до { $until } возвращается вся сумма.
book-cancel-late = Бесплатно отменить можно было до { $until }. Сейчас вернётся { $percent } % стоимости.
book-cancel-request = Менеджер ещё не подтвердил эту заявку, поэтому отменить её можно бесплатно: вернётся вся сумма.
btn-cancel-confirm = Да, отменить
book-cancelled = Бронь отменена.
book-cancelled-refund = Бронь отменена. Вернём { $refund }: оплаченное онлайн — на карту (обычно за несколько дней), оплаченное на месте — на месте.
book-cancelled-no-refund = Бронь отменена. По условиям отмены оплата не возвращается.

book-move-pick-day = <b>Перенос брони</b>
    📍 { $title }
    Сейчас: { $period }
    Выберите новый день. ✖ — день недоступен.
book-move-pick-start = <b>{ $date }</b>
    Выберите новое время начала:
book-move-ask = <b>Перенести бронь?</b>
    📍 { $title }
    Было: { $old }
    Станет: { $new }

    { $terms }
book-move-terms-free = Бесплатно отменить бронь можно будет до { $until }: перенос не продлевает срок бесплатной отмены.
book-move-terms-late = Срок бесплатной отмены уже прошёл, и перенос его не возвращает: при отмене вернётся { $percent } % оплаты.
book-move-to-staff = ℹ️ Новое время снова подтвердит менеджер — мы напишем, когда он это сделает.
book-moved-to-staff = Бронь перенесена. Менеджер подтвердит новое время — мы напишем.
btn-move-confirm = ✅ Перенести
book-moved = Бронь перенесена.

## Refusals

error-booking-past = Это время уже прошло — выберите другое.
error-booking-too-far = Так далеко вперёд бронировать нельзя: не больше чем на { $days } дн. вперёд.
error-booking-closed = В это время коворкинг закрыт — выберите другой день или время.
error-booking-off-grid = Начать можно только в одно из предложенных времён — выберите его кнопкой.
error-booking-taken = Это время уже заняли — выберите другое.
error-booking-trial-used = Пробный день можно взять только один раз, и вы его уже использовали.
error-booking-not-found = Бронь не найдена — возможно, она уже отменена или завершилась.
error-tariff-unavailable = Этот тариф сейчас недоступен — выберите другой.
error-booking-request-changed = Клиент перенёс эту заявку — сообщение уже показывает новое время. Решите по нему заново.
error-booking-too-late-to-move = Бесплатная отмена этой брони закончилась (или закончилась бы к новому времени), а после переноса её снова рассматривал бы менеджер: при отказе вы потеряли бы и бронь, и деньги. Напишите нам — поможем.
error-booking-started = Эта бронь уже началась — так изменить её уже нельзя. Если что-то пошло не так, напишите нам.
error-booking-too-many-waiting = Оплаты или подтверждения может ждать не больше { $max } { $max ->
        [one] брони
       *[other] броней
    } сразу (каждая неделя повторяющейся брони — отдельно). Оплатите или отмените лишние в «🗂 Мои брони» или выберите меньше недель.
error-booking-client-banned = Этот клиент заблокирован — подтвердить его бронь нельзя. Отклонить можно.
error-promo-unknown = Такого промокода нет. Проверьте, нет ли опечатки.
error-promo-expired = Срок действия этого промокода закончился.
error-promo-not-started = Этот промокод ещё не начал действовать.
error-promo-used-up = Этот промокод закончился: его уже использовали максимальное число раз.
error-promo-not-for-tariff = Этот промокод не действует на выбранный тариф.
error-promo-already-used = Вы уже использовали этот промокод.
error-promo-first-booking = Этот промокод действует только на первую бронь.
