# Notices sent through the outbox (coworking_bot/services/booking/notices.py) and their buttons.
notice-staff-booking-waits = 🔔 <b>Новая заявка №{ $booking_id } ждёт подтверждения</b>
    { $space } · { $tariff }
    🗓 { $period }
    💳 К оплате: { $total }
    👤 { $client }, { $phone }
btn-booking-confirm = ✅ Подтвердить
btn-booking-reject = ❌ Отклонить
# Every copy of a request alert, edited once someone acted on it or the client changed it.
notice-staff-booking-request = <b>Заявка №{ $booking_id }</b>
    { $space } · { $tariff }
    🗓 { $period }
    💳 { $total }
    👤 { $client }, { $phone }
notice-staff-booking-confirmed-by = { notice-staff-booking-request }

    ✅ Подтвердил(а): { $staff }
notice-staff-booking-rejected-by = { notice-staff-booking-request }

    ❌ Отклонил(а): { $staff }
notice-staff-booking-moved = 🔔 <b>Заявка №{ $booking_id } ждёт подтверждения: клиент перенёс время</b>
    { $space } · { $tariff }
    🗓 { $period } (было: { $was })
    💳 К оплате: { $total }
    👤 { $client }, { $phone }
notice-staff-booking-moved-on-site = 🔔 <b>Заявка №{ $booking_id } ждёт подтверждения: клиент перенёс время</b>
    { $space } · { $tariff }
    🗓 { $period } (было: { $was })
    💵 Оплата на месте: { $total }
    👤 { $client }, { $phone }
notice-staff-booking-withdrawn = { notice-staff-booking-request }

    ↩️ Клиент отменил бронь — решать ничего не нужно.
notice-staff-booking-lapsed = { notice-staff-booking-request }

    ⌛ Никто не ответил до конца брони — заявка закрыта, клиенту возвращается вся оплата.
notice-booking-confirmed = ✅ Бронирование №{ $booking_id } подтверждено: { $space } · { $tariff }, { $period }. Ждём вас! Файл для календаря — ниже.
notice-booking-expired = ⌛ Время на оплату брони №{ $booking_id } вышло, место освобождено: { $space } · { $tariff }, { $period }. Если планы в силе, забронируйте снова. Если вы всё-таки успели оплатить, бронь восстановится, пока место свободно, а иначе деньги вернутся полностью.
notice-booking-cancelled = Бронирование №{ $booking_id } отменено: { $space } · { $tariff }, { $period }.
notice-booking-rejected = ❌ Заявку на бронь №{ $booking_id } не подтвердили: { $space } · { $tariff }, { $period }.
    Причина: { $reason }
    Если вы платили онлайн, вся сумма вернётся на карту. Выбрать другое время можно в «📅 Забронировать».
notice-booking-cancelled-by-staff = 🚫 Бронирование №{ $booking_id } отменено коворкингом: { $space } · { $tariff }, { $period }.
    Причина: { $reason }
    Если вы платили онлайн, о возврате придёт отдельное сообщение.
notice-booking-no-show = 🚫 Мы не дождались вас: бронь №{ $booking_id } ({ $space } · { $tariff }, { $period }) закрыта как неявка, а оставшееся время отдано другим. Если что-то случилось, напишите нам.
notice-booking-lapsed = ⌛ Заявку на бронь №{ $booking_id } не успели подтвердить, и её время прошло: { $space } · { $tariff }, { $period }. Бронь отменена; если вы платили онлайн, вся сумма вернётся на карту. Простите за это.
notice-waitlist-free = 🎉 Освободилось место, которого вы ждали: { $space } · { $tariff }, { $period }. Успейте забронировать — место получит тот, кто нажмёт первым.
btn-waitlist-book = 📌 Забронировать

# What the buttons above answer.
notice-staff-confirmed = ✅ Подтверждено: { $staff }
notice-staff-rejected = ❌ Отклонено: { $staff }
notice-staff-already-decided = По этой заявке уже принято решение — возможно, другим сотрудником или самим клиентом.
notice-waitlist-booked-short = ✅ Забронировано
notice-waitlist-booked = ✅ Бронирование №{ $booking_id }: { $space } · { $tariff }, { $period }. К оплате: { $total }.
notice-waitlist-booked-hold = Место закреплено за вами до { $until }: оплатите бронь в «🗂 Мои брони» кнопкой «💳 Оплатить», иначе оно освободится.
notice-waitlist-booked-pending = Заявку подтвердит менеджер — мы сообщим о решении.
notice-waitlist-taken = Увы, это место уже успели занять.
notice-waitlist-gone = Это предложение больше не действует — возможно, вы уже забронировали место.
client-you-are-banned = 🚫 Ваш доступ к бронированию в коворкинге закрыт. Причина: { $reason }
    Если это ошибка, свяжитесь с администратором коворкинга.
client-you-are-unbanned = ✅ Доступ снова открыт: вы можете бронировать и оплачивать, как раньше. Отправьте /menu.
client-message-from-staff = ✉️ <b>Сообщение от коворкинга</b>

    { $text }
btn-booking-open = 📂 Открыть
notice-booking-moved-by-staff = 🔄 Коворкинг перенёс вашу бронь №{ $booking_id }: { $space } · { $tariff }.
    Было: { $was }
    Стало: { $period }
    Если новое время не подходит, напишите в поддержку.
notice-staff-booking-cancelled = 🚫 <b>Клиент отменил бронь №{ $booking_id }</b>
    { $space } · { $tariff }
    🗓 { $period }
    👤 { $client }, { $phone }
    ↩️ Возвращено: { $refund }. Место снова свободно.

## Reminders (coworking_bot/services/booking/reminders.py, morning.py)

notice-reminder-day = ⏰ <b>Завтра в { $time }</b>: бронь №{ $booking_id }, { $space } · { $tariff }, { $period }. Ждём вас!
notice-reminder-hour = ⏰ <b>Скоро, в { $time }</b>: бронь №{ $booking_id }, { $space } · { $tariff }, { $period }. Ждём вас!
notice-reminder-renewal = 🔁 { $tariff } в «{ $space }» ({ $period }, бронь №{ $booking_id }) скоро заканчивается. Хотите сохранить место? Продлите на следующий период.
btn-reminder-open = 📋 Открыть бронь
btn-reminder-move = 🔄 Перенести
btn-reminder-cancel = ❌ Отменить
btn-reminder-extend = 🔁 Продлить
notice-morning-schedule = 🌅 <b>Сегодня, { $day }: { $total ->
        [one] { $total } бронь
        [few] { $total } брони
       *[many] { $total } броней
    }</b>
    { $lines }{ $more ->
        [0] {""}
       *[other] {"\u000A"}… и ещё { $more }: откройте расписание.
    }
notice-morning-schedule-empty = 🌅 <b>Сегодня, { $day }</b>: пока ничего не забронировано.
btn-morning-schedule-open = 📅 Открыть расписание
