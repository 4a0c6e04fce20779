## Broadcasts: staff screens

broadcasts-title = <b>📣 Рассылки</b>
    Сообщение, которое вы пришлёте боту, уйдёт клиентам как есть — с форматированием и медиа. Заблокированным, запретившим боту писать и отключившим новости — никогда.
broadcasts-empty = Рассылок пока не было.
broadcasts-item = №{ $number } · { $status } · { $started ->
        [yes] { $sent }/{ $total }
       *[other] —
    } · { $when }
btn-broadcast-new = ✍️ Новая рассылка
btn-broadcasts-to-list = ◀️ К рассылкам

broadcasts-status = { $status ->
        [draft] черновик
        [scheduled] запланирована
        [running] идёт
        [paused] на паузе
        [cancelled] отменена
       *[done] завершена
    }
broadcasts-content = { $kind ->
        [text] текст
        [photo] фото с подписью
        [video] видео с подписью
        [document] файл с подписью
       *[album] альбом: { $items } шт.
    }
broadcasts-no-button = 🔗 Без кнопки
broadcasts-button-line = 🔗 Кнопка «{ $text }» → { $url }

broadcasts-compose = <b>✍️ Новая рассылка</b>
    Пришлите сообщение для рассылки: текст (жирный, курсив, ссылки — как напишете), фото, видео, файл или альбом. Клиенты получат его копию. Когда всё пришло, нажмите «Дальше».
broadcasts-received = Получено: { $draft }
btn-broadcast-next = ➡️ Дальше
broadcasts-text-expected = Здесь нужен текст.

broadcasts-button-ask = <b>🔗 Кнопка-ссылка</b>
    Добавить под сообщением кнопку со ссылкой? Пришлите её текст и адрес, например:
    <code>Записаться | https://example.com/book</code>
    Или нажмите «Без кнопки».
btn-broadcast-no-button = ➡️ Без кнопки
btn-broadcast-discard = 🗑 Удалить черновик
broadcasts-discarded = Черновик удалён.

broadcasts-audience-ask = <b>👥 Кому отправить?</b>
    Заблокированные, запретившие боту писать и отключившие новости не получат рассылку в любом случае.
btn-broadcast-everyone = 👥 Всем клиентам
btn-broadcast-active = 🔥 Активным за N дней
btn-broadcast-booked = 📅 С бронью в период
btn-broadcast-never-booked = 🆕 Ещё не бронировавшим
btn-broadcast-by-tariff = 🏷 По тарифу
btn-broadcast-by-language = 🌐 По языку
broadcasts-days-ask = <b>🔥 Активные клиенты</b>
    За сколько последних дней? Активный — зарегистрировался, бронировал или писал в поддержку. Выберите или пришлите число.
btn-broadcast-days = { $days } дн.
broadcasts-period-ask = <b>📅 Бронь в период</b>
    Пришлите даты начала и конца периода, например: <code>01.11.2026 - 30.11.2026</code> (или одну дату).
broadcasts-tariff-ask = <b>🏷 По тарифу</b>
    Клиенты, которые хотя бы раз бронировали этот тариф:
broadcasts-no-tariffs = Тарифов пока нет.
broadcasts-tariff-inactive = { " " }(скрыт)
broadcasts-language-ask = <b>🌐 По языку</b>
    Клиенты, выбравшие язык:

broadcasts-audience-everyone = все клиенты
broadcasts-audience-active = активные за { $days } дн. (регистрация, бронь или обращение в поддержку)
broadcasts-audience-booked = с бронью с { $first } по { $last }
broadcasts-audience-never-booked = ещё не бронировавшие
broadcasts-audience-tariff = бронировавшие «{ $tariff }»
broadcasts-audience-language = язык: { $language }

broadcasts-preview-above = 👇 Так рассылку увидят клиенты:
broadcasts-source-gone = ⚠️ Сообщение для рассылки не найдено — похоже, его удалили. Создайте рассылку заново.
broadcasts-summary = <b>📣 Рассылка №{ $number }</b> — черновик
    Что: { $content }
    { $button }
    Кому: { $audience }
    Получателей сейчас: <b>{ $count }</b>
    Выше — как её увидят клиенты.
broadcasts-summary-nobody = ⚠️ Сейчас под условия не подходит никто: выберите других получателей.
broadcasts-summary-gone = Этот черновик уже отправлен или удалён — загляните в список рассылок.
btn-broadcast-send-now = ✅ Отправить сейчас
btn-broadcast-schedule = 🕒 Запланировать
btn-broadcast-preview = 👁 Показать ещё раз
btn-broadcast-change-button = 🔗 Кнопка
btn-broadcast-change-audience = 👥 Получатели
broadcasts-confirm = <b>Отправить рассылку №{ $number } сейчас?</b>
    Получателей: <b>{ $count }</b>. Отправленное не вернуть; пока идёт рассылка, её можно поставить на паузу или отменить.
btn-broadcast-send-yes = ✅ Да, отправить
broadcasts-started = Рассылка №{ $number } пошла. Ход — в отдельном сообщении.
broadcasts-schedule-ask = <b>🕒 Когда отправить?</b>
    Пришлите дату и время ({ $tz }), например: <code>25.12 18:00</code> или <code>25.12.2026 18:00</code>.
broadcasts-scheduled = 🕒 Рассылка №{ $number } запланирована на { $when }.

broadcasts-card-title = <b>📣 Рассылка №{ $number }</b> · { $status }
broadcasts-card-author = Автор: { $author } · создана { $when }
broadcasts-card-content = Что: { $content }
broadcasts-card-audience = Кому: { $audience }
broadcasts-card-size = Получателей сейчас: { $count }
broadcasts-card-scheduled = 🕒 Отправка: { $when }
broadcasts-card-started = ▶️ Начата: { $when }
broadcasts-card-finished = ⏹ Закончена: { $when }
broadcasts-card-source-gone = ⚠️ Остановлена: сообщение для рассылки удалили.
broadcasts-counts = Получателей: { $total } · доставлено: { $sent } · заблокировали бота: { $blocked } · не доставлено: { $failed } · неизвестно: { $unknown } · пропущено: { $skipped } · осталось: { $left }
btn-broadcast-pause = ⏸ Пауза
btn-broadcast-resume = ▶️ Продолжить
btn-broadcast-cancel = ✖️ Отменить
btn-broadcast-continue = ✏️ Открыть черновик
broadcasts-paused = Рассылка №{ $number } на паузе.
broadcasts-resumed = Рассылка №{ $number } продолжается.
broadcasts-cancelled = Рассылка №{ $number } отменена.

## Broadcasts: what the author is told

broadcast-progress = <b>📣 Рассылка №{ $number }</b> · { $state ->
        [paused] ⏸ на паузе
        [cancelled] ✖️ отменена
        [done] ✅ завершена
       *[running] ▶️ идёт
    }
    ✅ Доставлено: { $sent } из { $total }
    ⚠️ Не доставлено: { $failed } · заблокировали бота: { $blocked } · неизвестно: { $unknown }
    ⏳ Осталось: { $left }{ $has_eta ->
        [yes] { " " }· примерно { $eta_min } мин.
       *[other] {""}
    }{ $stopped ->
        [yes] {"\u000A"}⚠️ Сообщение для рассылки удалили — отмените рассылку.
       *[other] {""}
    }
broadcast-report = <b>📣 Рассылка №{ $number }: { $state ->
        [cancelled] отменена
       *[done] завершена
    }</b>
    Получателей: { $total }
    ✅ Доставлено: { $sent }
    🚫 Заблокировали бота: { $blocked }
    ⚠️ Не доставлено: { $failed }
    ❔ Неизвестно (бот перезапускался во время отправки): { $unknown }
    ⏭ Пропущено (отключили новости или заблокированы по ходу): { $skipped }
    ⏹ Не отправлено: { $left }
    ⏱ Заняло: { $took_min } мин. { $took_sec } с.
broadcast-nobody = 📣 Рассылка №{ $number } не ушла: к назначенному времени под условия не подошёл никто.

## Broadcasts: errors

error-broadcast-not-found = Такой рассылки нет — возможно, черновик удалили.
error-broadcast-changed = Рассылка уже изменилась (запущена, на паузе, закончена или отменена) — посмотрите её ещё раз.
error-broadcast-content = Разослать можно текст, фото, видео, файл или альбом. Пришлите одно из них.
error-broadcast-button = Пришлите текст кнопки (до { $max } символов) и адрес http(s), например: Записаться | https://example.com
error-broadcast-days = Пришлите число дней от 1 до { $max }.
error-broadcast-period = Пришлите даты как 01.11.2026 - 30.11.2026: начало не позже конца, период не длиннее { $max } дн.
error-broadcast-audience = Таких получателей выбрать нельзя — выберите из списка.
error-broadcast-when = Не понял время. Пришлите дату и время, например: 25.12 18:00
error-broadcast-when-past = Это время уже прошло или дальше, чем через год. Пришлите время в будущем.
error-broadcast-nobody = Под условия сейчас не подходит никто — выберите других получателей.

## Broadcasts: the audit log

audit-broadcast-create = 📝 создал(а) черновик рассылки №{ $target }
audit-broadcast-discard = 🗑 удалил(а) черновик рассылки №{ $target }
audit-broadcast-schedule = 🕒 запланировал(а) рассылку №{ $target }
audit-broadcast-start = 📣 запустил(а) рассылку №{ $target }
audit-broadcast-pause = ⏸ поставил(а) на паузу рассылку №{ $target }
audit-broadcast-resume = ▶️ продолжил(а) рассылку №{ $target }
audit-broadcast-cancel = ✖️ отменил(а) рассылку №{ $target }
audit-broadcast-finish = ✅ рассылка №{ $target } завершена
