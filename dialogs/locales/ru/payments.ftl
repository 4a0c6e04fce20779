## Paying for a booking online (dialogs/client/payment/)

pay-title = <b>💳 Оплата брони №{ $id }</b>
    📍 { $title }
    🗓 { $period }
    💰 Сумма: <b>{ $total }</b>
pay-held = ⏳ Место закреплено за вами до <b>{ $until }</b>.
pay-open = Нажмите «💳 Оплатить» — откроется защищённая страница оплаты ЮKassa. Оплатили? Вернитесь сюда и нажмите «🔄 Я оплатил — проверить».
pay-open-link = Откройте ссылку — это страница оплаты ЮKassa. Оплатили? Вернитесь сюда и нажмите «🔄 Я оплатил — проверить».
    { $url }
pay-not-yet = Оплата пока не поступила. Если вы уже заплатили, подождите минуту и нажмите «🔄 Я оплатил — проверить» ещё раз.
pay-not-yet-short = Оплата пока не поступила.
pay-delayed = 🐢 Платёжный сервис сейчас отвечает медленно. Нажмите «🔄 Проверить ещё раз» через минуту — новый платёж не создастся, и дважды вы не заплатите.
pay-failed = 😕 Не получилось создать платёж. Нажмите «🔄 Попробовать ещё раз».
pay-canceled = ❌ Оплата не прошла, деньги не списаны. Нажмите «🔄 Попробовать ещё раз», чтобы оплатить снова.
pay-confirmed = ✅ Оплата получена, бронь подтверждена! Подробности и файл для календаря придут отдельным сообщением.
pay-pending = ✅ Оплата получена. Бронь подтвердит менеджер — мы сразу напишем.
pay-on-site = 💵 Эта бронь оплачивается на месте. Менеджер подтвердит заявку — мы сразу напишем.
pay-expired = ⌛ Время на оплату вышло, и место освободилось. Если планы в силе — забронируйте снова.
pay-cancelled = Эта бронь отменена.
pay-status = Статус брони: { $status }.

btn-pay = 💳 Оплатить { $total }
btn-pay-check = 🔄 Я оплатил — проверить
btn-pay-recheck = 🔄 Проверить ещё раз
btn-pay-retry = 🔄 Попробовать ещё раз
btn-pay-booking = 💳 Оплатить
btn-book-again = 📅 Забронировать снова

# What cancelling gives back, under the cancellation terms (My bookings and the payment window).
pay-cancel-unpaid = Вы ещё ничего не платили за эту бронь, поэтому отмена ничего не стоит.
pay-cancel-paid-full = 💳 Вы оплатили { $paid }. Если отменить сейчас, вернём всю сумму — { $refund }.
pay-cancel-paid-part = 💳 Вы оплатили { $paid }. Если отменить сейчас, вернём { $refund } ({ $percent } %).
pay-cancel-paid-none = 💳 Вы оплатили { $paid }. Если отменить сейчас, деньги не вернутся.

pay-details-paid = 💳 Оплачено онлайн: { $amount }
pay-details-refunded = ↩️ Возврат: { $amount }

error-payment-disabled = Онлайн-оплата сейчас недоступна. Бронь можно оплатить на месте — менеджер подскажет.
error-payment-failed = Не получилось создать платёж. Попробуйте ещё раз чуть позже.
error-payment-delayed = Платёжный сервис сейчас отвечает медленно. Попробуйте через минуту — второй платёж не создастся.

## Notices about money (coworking_bot/services/payments/notices.py, booking/notices.py)

notice-staff-booking-waits-on-site = 🔔 <b>Новая заявка №{ $booking_id } ждёт подтверждения</b>
    { $space } · { $tariff }
    🗓 { $period }
    💵 Оплата на месте: { $total }
    👤 { $client }, { $phone }
notice-booking-paid-pending = ✅ Оплата по брони №{ $booking_id } получена: { $total }.
    { $space } · { $tariff }, { $period }.
    Бронь подтвердит менеджер — мы сразу напишем.
notice-staff-booking-paid = 💳 <b>Бронь №{ $booking_id } оплачена онлайн и подтверждена</b>
    { $space } · { $tariff }
    🗓 { $period }
    💰 Оплачено: { $total }
    👤 { $client }, { $phone }
notice-refund-started = ↩️ Возвращаем { $amount } по брони №{ $booking_id } ({ $space } · { $tariff }, { $period }) на карту, с которой вы платили. Обычно деньги приходят за несколько дней.
notice-payment-late-refund = ↩️ Оплата { $amount } по брони №{ $booking_id } ({ $space } · { $tariff }, { $period }) пришла, когда бронь уже не ждала её: время на оплату вышло и место заняли, бронь отменили или уже оплатили. Поэтому мы возвращаем всю сумму на карту, с которой вы платили. Обычно деньги приходят за несколько дней.
notice-refund-done = ✅ Возврат { $amount } по брони №{ $booking_id } ({ $space } · { $tariff }, { $period }) выполнен. Банку может понадобиться несколько дней, чтобы деньги появились на карте.
notice-staff-refund-failed = ⚠️ <b>ЮKassa не провела возврат по брони №{ $booking_id }</b>
    Сумма: { $amount }
    👤 { $client }, { $phone }
    Ответ ЮKassa: { $error }
    Верните деньги клиенту вручную.
notice-payment-canceled = ❌ Оплата { $amount } по брони №{ $booking_id } не прошла: { $space } · { $tariff }, { $period }. Деньги не списаны.
    Место закреплено за вами до { $until } — попробуйте оплатить ещё раз в «🗂 Мои брони».

## Money taken at the desk

notice-payment-on-site = ✅ Получили { $amount } { $method ->
        [cash] наличными
       *[card] картой
    } по брони №{ $booking_id }: { $space } · { $tariff }, { $period }. Спасибо!
notice-refund-on-site = ↩️ { $amount }, оплаченные на месте ({ $method ->
        [cash] наличными
       *[card] картой
    }) по брони №{ $booking_id } ({ $space } · { $tariff }, { $period }), вернём на месте. Обратитесь к администратору при следующем визите или напишите в поддержку.
notice-staff-refund-on-site = ↩️ <b>Верните { $amount } на месте по брони №{ $booking_id }</b>
    Оплата была { $method ->
        [cash] наличными
       *[card] картой
    }; бронь отменена.
    👤 { $client }, { $phone }
