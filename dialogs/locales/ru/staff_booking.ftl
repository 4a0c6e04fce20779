## A booking staff make for a client (the bookings desk, the client card)

staff-booking-client-ask =
    <b>📝 Бронь для клиента</b>
    Для кого бронируем? Пришлите одно из:
    • телефон — например, +7 916 123-45-67;
    • имя пользователя — например, @anna;
    • Telegram ID цифрами.
    Клиент должен быть зарегистрирован в боте.
staff-booking-text-expected = Здесь нужен текст — одним сообщением, без фото, стикеров и файлов.
staff-booking-pick-space =
    <b>📝 Бронь для клиента</b>
    👤 { $client }

    Что бронируем?
staff-booking-nothing = Сейчас бронировать нечего: нет открытых пространств с тарифами.
btn-staff-booking-other-client = 👤 Другой клиент
staff-booking-pick-tariff =
    👤 { $client }
    <b>{ $space }</b>
    Выберите тариф:
staff-booking-pick-day =
    👤 { $client }
    <b>{ $tariff }</b>
    Выберите день. ✖ — день недоступен: мест нет, коворкинг закрыт или время уже прошло.
staff-booking-pick-start =
    👤 { $client }
    <b>{ $date }</b>
    Выберите время начала:
staff-booking-no-starts =
    👤 { $client }
    На { $date } свободного времени нет — выберите другой день.
staff-booking-pick-units =
    👤 { $client }
    На сколько бронируем?
staff-booking-summary =
    <b>📝 Проверьте бронь</b>

    👤 { $client }
    📍 { $space } · { $tariff }
    🗓 { $period }
    ⏱ { $duration }

    { $prices }

    { $payment }
staff-booking-summary-free = Это бесплатно: бронь подтвердится сразу, клиент получит уведомление.
staff-booking-summary-on-site = 💵 «Оплата на месте»: бронь подтвердится сразу, клиент заплатит { $total }, когда придёт.
staff-booking-summary-link = 💳 «Ссылка на оплату»: клиенту придёт сообщение с кнопкой, чтобы оплатить { $total } онлайн. Место закрепим за ним на { $minutes } мин — если он не оплатит, место освободится.
staff-booking-summary-link-confirm = ℹ️ Этот тариф подтверждает менеджер: после оплаты по ссылке бронь появится в заявках — её нужно будет подтвердить.
staff-booking-summary-no-links = Онлайн-оплата в коворкинге не подключена, поэтому оплатить можно только на месте.
btn-staff-booking-on-site = 💵 Оплата на месте
btn-staff-booking-link = 💳 Отправить ссылку на оплату
btn-staff-booking-free = ✅ Забронировать
btn-staff-booking-promo = 🏷 Промокод клиента
staff-booking-promo-ask = Пришлите промокод клиента сообщением — скидка посчитается по тем же правилам, что и при брони самим клиентом.
btn-staff-booking-no-promo = Без промокода
staff-booking-done =
    <b>✅ Бронь №{ $booking_id } оформлена</b>

    👤 { $client }
    📍 { $space } · { $tariff }
    🗓 { $period }

    { $outcome }
staff-booking-done-on-site = Бронь подтверждена. Клиент оплатит { $total } на месте — мы сообщили ему о брони.
staff-booking-done-free = Бронь подтверждена, она бесплатная. Мы сообщили клиенту о брони.
staff-booking-done-link = Клиенту ушло сообщение с кнопкой оплаты { $total }. Место закреплено за ним до { $until }: если он не оплатит, место освободится.
btn-staff-booking-open = 📋 Открыть бронь
btn-staff-booking-close = ✔️ Готово

## Refusals

error-staff-booking-client-key = Пришлите телефон (например, +7 916 123-45-67), имя пользователя (например, @anna) или Telegram ID цифрами.
error-staff-booking-client-unknown = Клиент не найден. Проверьте номер или имя пользователя: клиент должен быть зарегистрирован в боте.
error-staff-booking-client-unregistered = Этот человек не закончил регистрацию в боте — бронировать для него пока нельзя. Попросите его отправить боту /start и зарегистрироваться.
error-staff-booking-client-banned = Этот клиент заблокирован — бронировать для него нельзя, пока блокировку не снимут (раздел «👤 Клиенты»).
error-staff-booking-links-off = Онлайн-оплата не подключена, поэтому ссылку на оплату отправить нельзя. Выберите «Оплата на месте».
error-staff-booking-trial-used = Клиент уже использовал пробный день — выберите другой тариф.
error-staff-booking-too-many-waiting = У клиента уже { $max } { $max ->
        [one] бронь ждёт
        [few] брони ждут
       *[other] броней ждут
    } оплаты или подтверждения — ссылку не отправить. Можно выбрать «Оплата на месте».
error-staff-booking-promo-used = Клиент уже использовал этот промокод.
error-staff-booking-promo-first = Этот промокод действует только на первую бронь, а у клиента брони уже были.

## What the client is told

notice-staff-booked-pay-link = 📌 Мы забронировали для вас место: бронь №{ $booking_id }, { $space } · { $tariff }, { $period }.
    К оплате: { $total }. Место закреплено за вами до { $until } — оплатите кнопкой ниже, иначе оно освободится.
btn-staff-booked-pay = 💳 Оплатить
notice-staff-booked-on-site = ✅ Мы забронировали для вас место: бронь №{ $booking_id }, { $space } · { $tariff }, { $period }.
    Бронь подтверждена, оплата { $total } — на месте. Ждём вас! Файл для календаря — ниже.
notice-staff-booked-free = ✅ Мы забронировали для вас место: бронь №{ $booking_id }, { $space } · { $tariff }, { $period }.
    Бронь подтверждена, это бесплатно. Ждём вас! Файл для календаря — ниже.

## The audit log

audit-booking-create_for_client = 📝 забронировал(а) №{ $target } для клиента { $name } ({ $after_status })
