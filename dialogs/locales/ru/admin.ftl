admin-title = <b>🛠 Администрирование</b>
    Ваша роль: { $role }
btn-admin-catalog = 🏢 Пространства и тарифы
btn-admin-promo = 🏷 Промокоды
btn-admin-broadcasts = 📣 Рассылки
btn-admin-staff = 👥 Сотрудники

## Staff: the list

admin-staff-title = <b>👥 Сотрудники</b>
admin-staff-list-hint =
    👑 — владельцы. Они указаны в настройках бота (ADMIN_TELEGRAM_ID), и из бота их роль не меняется.
    Нажмите на сотрудника, чтобы изменить его роль или удалить из команды.
admin-staff-empty = Кроме владельцев, в команде пока никого нет. Нажмите «➕ Добавить сотрудника».
admin-staff-item = { $name } · { $role }
admin-staff-item-owner = 👑 { $name } · { $role }
admin-staff-who = { $name } (ID { $id })
admin-staff-no-name = ID { $id }
btn-admin-staff-add = ➕ Добавить сотрудника

## Staff: adding someone

admin-staff-ask-id =
    <b>➕ Новый сотрудник</b>

    Пришлите сюда одно из трёх:
    • <b>Telegram ID</b> человека — только цифры, например 123456789. Свой ID человек может узнать у бота @userinfobot;
    • <b>любое сообщение от этого человека</b> — просто перешлите его сюда;
    • <b>его контакт</b> из Telegram (📎 → «Контакт»).
admin-staff-id-invalid = Telegram ID — это только цифры, например 123456789: без букв, пробелов и минуса. Человек может узнать свой ID у бота @userinfobot. Или просто перешлите сюда любое его сообщение.
admin-staff-username = Найти человека по имени пользователя (@username) Telegram не позволяет. Пришлите его Telegram ID цифрами, перешлите сюда любое его сообщение или отправьте его контакт.
admin-staff-forward-hidden = { $name } скрывает свой аккаунт в пересланных сообщениях (это настройка конфиденциальности Telegram), поэтому по пересылке его не найти. Попросите человека узнать свой ID у бота @userinfobot и пришлите этот ID сюда цифрами.
admin-staff-forward-chat = Это сообщение переслано из группы или канала, а не от человека. Перешлите сообщение, которое написал сам будущий сотрудник, или пришлите его Telegram ID.
admin-staff-forward-bot = Это сообщение от бота, а бота нельзя сделать сотрудником. Перешлите сообщение, которое написал человек.
admin-staff-contact-no-account = У этого контакта нет аккаунта в Telegram, поэтому добавить его по контакту нельзя. Пришлите Telegram ID человека цифрами или перешлите сюда любое его сообщение.
admin-staff-id-expected = Здесь нужен Telegram ID цифрами, пересланное сообщение от человека или его контакт. Стикеры, фото и файлы не подойдут.

## Staff: the role

admin-staff-ask-role =
    <b>➕ Новый сотрудник: { $who }</b>
    Выберите роль.
admin-staff-change-role =
    <b>✏️ Роль: { $who }</b>
    Сейчас: { $current }. Выберите новую роль.
admin-staff-roles-explained =
    • <b>{ role-admin }</b> — брони, клиенты, пространства, тарифы и промокоды, обращения, рассылки и аналитика;
    • <b>{ role-manager }</b> — брони, клиенты и обращения;
    • <b>{ role-support }</b> — только обращения клиентов.
admin-staff-added = ✅ { $who } теперь в команде, роль: { $role }. Мы отправили уведомление и добавили команду /admin в меню бота. Если человек ещё ни разу не открывал этого бота, уведомление не дойдёт — попросите его открыть бота и отправить /admin.
admin-staff-role-changed = ✅ Роль изменена: { $who } — { $role }. Мы сообщили об этом сотруднику.
admin-staff-role-same = Ничего не изменилось: у сотрудника уже эта роль ({ $role }).

## Staff: one member

admin-staff-card =
    <b>👤 { $who }</b>
    Роль: { $role }
    Кто добавил: { $added_by }
admin-staff-card-owner =
    <b>👑 { $who }</b>
    Роль: { $role }
    Владельцы указаны в настройках бота (ADMIN_TELEGRAM_ID): из бота их нельзя ни удалить, ни сменить им роль.
admin-staff-added-by-unknown = неизвестно
btn-admin-staff-role = ✏️ Изменить роль
btn-admin-staff-remove = 🗑 Удалить из команды
admin-staff-confirm-remove = Удалить { $who } из команды? Сейчас роль: { $role }. После удаления режим администратора станет недоступен, а человек получит уведомление.
btn-admin-staff-remove-yes = 🗑 Да, удалить
btn-admin-staff-remove-no = ◀️ Нет, оставить
admin-staff-removed = ✅ Готово: { $who } больше не в команде и не сможет открыть режим администратора.

## Messages to the person whose role changed (in their language)

staff-you-were-added = 👋 Вас добавили в команду коворкинга. Ваша роль: { $role ->
        [admin] { role-admin }
        [manager] { role-manager }
       *[support] { role-support }
    }. Отправьте /admin, чтобы открыть режим администратора.
staff-your-role-changed = ✏️ Ваша роль в команде коворкинга изменилась, теперь это: { $role ->
        [admin] { role-admin }
        [manager] { role-manager }
       *[support] { role-support }
    }. Отправьте /admin, чтобы открыть режим администратора.
staff-you-were-removed = Вас убрали из команды коворкинга: режим администратора больше недоступен. Как клиент вы можете пользоваться ботом по-прежнему.

## The staff menu's sections

btn-admin-requests = 📋 Заявки на подтверждение{ $requests ->
        [0] {""}
       *[other] {" "}({ $requests })
    }
btn-admin-audit = 📜 Журнал действий
btn-admin-roles = 🔐 Роли и права
admin-roles-title = <b>🔐 Роли и права</b>
admin-role-line = <b>{ $role }</b>: { $rights }.
admin-roles-hint = <i>Роль сотруднику назначает владелец в разделе «👥 Сотрудники». Владельцы указаны в настройках бота (ADMIN_TELEGRAM_ID).</i>
permission-manage_staff = сотрудники и их роли
permission-manage_bookings = брони и заявки
permission-manage_users = клиенты
permission-manage_catalog = пространства и тарифы
permission-manage_promo = промокоды
permission-answer_tickets = обращения клиентов
permission-send_broadcasts = рассылки
permission-view_analytics = аналитика
permission-view_audit = журнал действий

## The bookings desk

desk-queue-title = <b>📋 Заявки на подтверждение</b>
desk-queue-empty = Новых заявок нет — всё разобрано.
desk-queue-hint = Ждут решения: { $total }. Сначала самые давние — нажмите на заявку, чтобы открыть её.
desk-request-item = №{ $booking_id } · { $period } · { $space } · { $client }
btn-refresh = 🔄 Обновить
desk-card =
    <b>{ $kind ->
        [request] Заявка
       *[booking] Бронь
    } №{ $id }</b> — { $status }
    { $title }
    🗓 { $period }
    { $prices }
    { $money }
    👤 { $client }
    🕓 Создана: { $created }
    { $history }
desk-card-paid = 💳 Оплачено онлайн: { $amount }
desk-card-not-paid = 💵 Ничего не оплачено.
desk-client-gone = клиент не найден
btn-desk-to-queue = ◀️ К заявкам
desk-confirmed = ✅ Заявка №{ $booking_id } подтверждена, клиент получит уведомление.
desk-rejected = ❌ Заявка №{ $booking_id } отклонена, клиент получит уведомление с причиной. Если он платил онлайн, вся сумма вернётся ему на карту.
desk-reject-ask =
    <b>❌ Отклонить заявку №{ $id }</b>
    Выберите причину — клиент увидит её в уведомлении. Если он платил онлайн, вся сумма вернётся ему на карту.
btn-desk-reason-type = ✏️ Написать свою причину
desk-reject-type = Напишите причину одним сообщением (до { $limit } символов) — клиент увидит её в уведомлении об отказе.
desk-reason-text-expected = Здесь нужна причина текстом — одним сообщением, без фото и файлов.
reject-reason-taken = Место на это время уже недоступно
reject-reason-closed = Коворкинг в это время закрыт или занят мероприятием
reject-reason-no_contact = Не удалось связаться с вами, чтобы уточнить детали

## The audit log

audit-title = <b>📜 Журнал действий</b>
audit-empty = Пока здесь пусто: действия сотрудников появятся, как только кто-то что-то сделает.
audit-filter = Только действия: { $who }
audit-entry = <b>{ $when }</b> · { $who }
    { $what }
audit-by-system = бот
audit-booking-confirm = ✅ подтвердил(а) заявку №{ $target } ({ $before_status } → { $after_status })
audit-booking-reject = ❌ отклонил(а) заявку №{ $target } ({ $before_status } → { $after_status }){ $has_reason ->
        [yes] : «{ $reason }»
       *[no] {""}
    }
audit-staff-add = ➕ добавил(а) в команду ID { $target }: { $role }
audit-staff-role = ✏️ сменил(а) роль ID { $target }: { $before_role } → { $role }
audit-staff-remove = 🗑 удалил(а) из команды ID { $target } ({ $role })
btn-audit-filter = 👤 Выбрать сотрудника
btn-audit-everyone = Все сотрудники
audit-authors = Чьи действия показать?

## Clients

btn-admin-clients = 👤 Клиенты
clients-ask =
    <b>👤 Клиенты</b>
    Кого ищем? Пришлите одно из:
    • часть имени — например, Анна;
    • телефон или его часть — например, +7 916 123-45-67;
    • имя пользователя — например, @anna;
    • Telegram ID цифрами.
clients-results = <b>👤 Поиск: { $query }</b>
    Найдено: { $total }
clients-none = Никого не нашли. Проверьте написание или поищите по телефону.
btn-clients-search-again = 🔎 Искать ещё
clients-card-title = <b>👤 { $name }</b>
clients-card-staff = 🛠 В команде: { $role }
clients-card-since = 🗓 С нами с { $day }
clients-card-bookings = 📋 Броней: { $bookings }, предстоящих: { $upcoming }
clients-card-paid = 💳 Оплачено онлайн: { $amount }
clients-card-referrals = 🤝 Пригласил(а) друзей: { $referrals }
clients-card-bot-blocked = 🔕 Остановил(а) бота — сообщения не доходят.
clients-card-banned = 🚫 <b>Заблокирован(а)</b> { $when }: { $reason }
clients-card-note = 📝 Заметка (видна только сотрудникам): { $note }
btn-clients-write = ✉️ Написать клиенту
btn-clients-note = 📝 Заметка
btn-clients-ban = 🚫 Заблокировать
btn-clients-unban = ✅ Разблокировать
btn-clients-to-results = ◀️ К результатам
clients-ban-ask =
    <b>🚫 Заблокировать: { $name }</b>
    Напишите причину одним сообщением (до { $reason_limit } символов). Клиент получит её в уведомлении и больше не сможет бронировать и платить, пока вы его не разблокируете.
clients-banned = 🚫 { $name } заблокирован(а). Мы сообщили клиенту причину.
clients-unbanned = ✅ Клиент разблокирован, мы ему сообщили.
clients-note-ask =
    <b>📝 Заметка о клиенте: { $name }</b>
    Пришлите текст заметки (до { $note_limit } символов) — он заменит прежний. Клиент заметку не видит.
btn-clients-note-delete = 🗑 Удалить заметку
clients-note-saved = 📝 Заметка сохранена.
clients-note-deleted = Заметка удалена.
clients-write-ask =
    <b>✉️ Сообщение клиенту: { $name }</b>
    Пришлите текст одним сообщением (до { $message_limit } символов) — бот передаст его клиенту от имени коворкинга.
clients-message-queued = ✉️ Отправляем сообщение клиенту.
clients-text-expected = Здесь нужен текст — одним сообщением, без фото, стикеров и файлов.
audit-user-ban = 🚫 заблокировал(а) клиента { $name }: «{ $reason }»
audit-user-unban = ✅ разблокировал(а) клиента { $name }
audit-user-note = 📝 изменил(а) заметку о клиенте { $name }
audit-user-message = ✉️ написал(а) клиенту { $name }

## The bookings desk: the schedule, check-in, cancelling

btn-admin-schedule = 📅 Расписание
desk-schedule-title = <b>📅 Расписание на { $day }</b>
    Броней: { $total }. ✅ подтверждена · ⏳ ждёт решения · 💳 ждёт оплаты · ☑️ завершена · 🙋 клиент пришёл. Нажмите на бронь, чтобы открыть её.
desk-schedule-empty = На этот день броней нет.
desk-all-day = весь день
btn-desk-day-back = ◀️ День
btn-desk-today = Сегодня
btn-desk-tomorrow = Завтра
btn-desk-day-on = День ▶️
btn-desk-to-schedule = ◀️ К расписанию
desk-card-arrived = 🙋 Клиент пришёл в { $time }
btn-desk-check-in = 🙋 Клиент пришёл
desk-checked-in = 🙋 Отмечено: клиент пришёл.
btn-desk-cancel = 🚫 Отменить бронь
desk-cancel-ask =
    <b>🚫 Отменить бронь №{ $id }</b>
    { $terms }
desk-cancel-paid = Оплачено: { $paid }. По правилам отмены сейчас клиенту вернётся { $refund } ({ $percent } %). Оплаченное онлайн вернётся на карту, оплаченное на месте — возвращается на месте.
desk-cancel-nothing-paid = Ничего не оплачено — возвращать нечего.
desk-cancel-gone = Эту бронь уже нельзя отменить: её отменили или её время прошло.
btn-desk-cancel-policy = ↩️ Отменить, вернуть по правилам: { $refund }
btn-desk-cancel-full = 💯 Отменить, вернуть всё: { $paid }
btn-desk-cancel-go = 🚫 Отменить бронь
desk-cancel-reason = Напишите причину отмены одним сообщением (до { $limit } символов) — клиент увидит её в уведомлении.
desk-cancelled = 🚫 Бронь №{ $booking_id } отменена, клиенту вернётся { $refund }. Мы сообщили ему причину.
desk-cancelled-no-refund = 🚫 Бронь №{ $booking_id } отменена. Мы сообщили клиенту причину.
audit-booking-cancel = 🚫 отменил(а) бронь №{ $target } ({ $before_status } → { $after_status }): «{ $reason }»
audit-booking-check_in = 🙋 отметил(а) приход по брони №{ $target }
btn-desk-find = 🔎 Найти бронь
desk-find-ask = Пришлите номер брони (например, 125 или №125) или клиента: часть имени, телефон, @username или Telegram ID — покажем его брони.
desk-find-number-expected = Номер брони — это цифры после № или #, например №125.
clients-card-tickets = 💬 Обращений в поддержку: { $tickets }, открытых: { $open }
desk-card-history = <b>История</b>
btn-clients-bookings = 📋 Брони клиента
desk-client-title = <b>📋 Брони клиента { $name }</b>
    Всего: { $total }. Сначала последние; нажмите на бронь, чтобы открыть её.
desk-client-empty = У клиента пока нет броней.
btn-desk-to-client = ◀️ К броням клиента

## The bookings desk: money at the desk, moves, bookings by status

desk-card-paid-on-site = 💵 Оплачено на месте: { $amount }
desk-card-due = 💰 К оплате: { $amount }
btn-desk-pay = 💵 Принять оплату на месте
desk-pay-ask =
    <b>💵 Оплата на месте по брони №{ $id }</b>
    К оплате: { $amount }. Как заплатил клиент? Ему придёт сообщение об оплате.
desk-pay-nothing = По брони №{ $id } сейчас ничего не нужно оплачивать: она оплачена, отменена или уже прошла.
btn-desk-pay-cash = 💵 Наличными: { $amount }
btn-desk-pay-card = 💳 Картой: { $amount }
desk-paid-on-site = ✅ Записано: { $amount } { $method ->
        [cash] наличными
       *[card] картой
    }. Клиенту пришло сообщение об оплате.
error-on-site-nothing-due = По этой брони ничего не нужно оплачивать: она оплачена полностью.
error-on-site-not-payable = По этой брони нельзя принять оплату: она отменена, не оплачена вовремя, клиент не пришёл или время на оплату вышло.
error-on-site-due-changed = Сумма к оплате изменилась (за это время пришла оплата). Откройте бронь ещё раз.
btn-desk-move = 🔄 Перенести на другое время
desk-move-pick-day =
    <b>🔄 Перенос брони №{ $id }</b>
    { $title }
    🗓 Сейчас: { $period }
    👤 { $client }
    Выберите новый день (✖ — на этот день забронировать нельзя).
desk-move-pick-start =
    <b>🔄 Перенос брони №{ $id }</b> на { $date }
    Выберите новое время начала.
desk-move-ask =
    <b>🔄 Перенести бронь №{ $id }?</b>
    { $title }
    👤 { $client }
    Было: { $old }
    Станет: { $new }
    Клиенту придёт сообщение с новым временем.
desk-moved = 🔄 Перенесено. Клиенту пришло сообщение с новым временем.
error-booking-changed = Эта бронь за это время изменилась (клиент перенёс или оплатил её). Откройте её карточку ещё раз.
audit-booking-move = 🔄 перенёс(ла) бронь №{ $target }
audit-booking-payment_on_site = 💵 принял(а) { $amount } { $method ->
        [cash] наличными
       *[card] картой
    } на месте по брони №{ $target }
btn-desk-statuses = 🗂 Брони по статусу
desk-statuses-ask =
    <b>🗂 Брони по статусу</b>
    Выберите статус, чтобы увидеть его брони.
desk-status = { $status ->
        [held] ждёт оплаты
        [pending] ждёт решения
        [confirmed] подтверждена
        [completed] завершена
        [no_show] неявка
        [expired] не оплачена вовремя
       *[cancelled] отменена
    }
desk-by-status-title =
    <b>🗂 Брони: { $status }</b>
    Всего: { $total }. Нажмите на бронь, чтобы открыть её.
desk-by-status-empty = Броней с таким статусом нет.
btn-desk-to-status = ◀️ К списку
btn-desk-new-booking = ➕ Новая бронь
btn-clients-book = ➕ Забронировать для клиента
desk-find-nobody = Никого не нашли: проверьте написание или поищите по телефону или номеру брони.
desk-find-clients =
    <b>🔎 Клиенты: { $query }</b>
    Найдено: { $total }. Нажмите на клиента, чтобы увидеть его брони.
btn-desk-find-again = 🔎 Искать ещё

btn-admin-morning = 🌅 Расписание по утрам: { $morning ->
        [on] вкл.
       *[off] выкл.
    }
admin-morning-switched = { $morning ->
        [on] 🌅 Каждое утро в { $hour }:00 будем присылать брони на день.
       *[off] 🌅 Утреннее расписание выключено.
    }
