## Support tickets: the client

btn-support = 💬 Поддержка
command-support = Поддержка: вопросы и обращения

support-title = <b>💬 Поддержка</b>
    Задайте вопрос — ответим здесь же. Можно приложить до 10 фото или один файл.
support-empty = Обращений пока нет.
btn-ticket-new = ✍️ Новое обращение
ticket-line = { $mark } №{ $ticket_id } · { $subject }

ticket-status-new = новое
ticket-status-in_progress = в работе
ticket-status-waiting = ждёт вашего ответа
ticket-status-closed = закрыто

ticket-thread-title = <b>Обращение №{ $ticket_id }</b> · { $status }
    Создано: { $created }
ticket-your-rating = Ваша оценка: { $rating }
ticket-thread-empty = Сообщений нет.
ticket-message-head = <b>{ $who }</b> · { $when }
ticket-author-you = Вы
ticket-author-support = Поддержка
ticket-author-client = Клиент
ticket-author-staff-named = { $name }
ticket-author-note = 🔒 Заметка: { $name }
ticket-message-photos = 🖼 Фото: { $count }
ticket-message-document = 📄 Файл

btn-thread-older = ◀️ Раньше
btn-thread-newer = Позже ▶️
btn-ticket-files = 📎 Показать фото и файлы
btn-ticket-reply = ↩️ Ответить
btn-ticket-close = ✖️ Закрыть обращение
btn-ticket-rate = ⭐ Оценить ответ
btn-ticket-list = ◀️ К обращениям
btn-ticket-send = ✅ Отправить

ticket-compose-new = <b>✍️ Новое обращение</b>
    Опишите вопрос одним или несколькими сообщениями (всего до { $limit } символов). Можно приложить до 10 фото или один файл. Когда всё готово, нажмите «✅ Отправить».
ticket-compose-reply = <b>↩️ Ответ в обращение №{ $ticket_id }</b>
    Напишите сообщение (до { $limit } символов), можно с фото (до 10) или одним файлом. Когда всё готово, нажмите «✅ Отправить».
ticket-draft-photos = 🖼 Фото: { $count } из 10
ticket-draft-document = 📄 Файл приложен
ticket-draft-unsupported = Здесь принимаются текст, фото или файл. Стикеры, голосовые и видео не подойдут.
ticket-text-expected = Здесь нужен текст: напишите его сообщением. Фото и файлы сюда не подходят.

ticket-close-ask = Закрыть обращение №{ $ticket_id }? Если вопрос вернётся, просто создайте новое.
btn-ticket-close-yes = ✖️ Да, закрыть
btn-ticket-close-no = Нет
ticket-rate-ask = Обращение №{ $ticket_id } закрыто. Оцените, пожалуйста, ответ поддержки:
btn-ticket-rate-skip = Пропустить
ticket-stars-1 = ★1
ticket-stars-2 = ★2
ticket-stars-3 = ★3
ticket-stars-4 = ★4
ticket-stars-5 = ★5

ticket-opened = ✅ Обращение №{ $ticket_id } отправлено. Ответим здесь же.
ticket-reply-sent = ✅ Сообщение отправлено в обращение №{ $ticket_id }.
ticket-closed = Обращение №{ $ticket_id } закрыто.
ticket-rated = Спасибо за оценку!
ticket-rated-with = Ваша оценка: { $stars }. Спасибо!

## Support tickets: what the client hears

notice-ticket-reply = <b>💬 Ответ поддержки · обращение №{ $ticket_id }</b>

    { $text }
notice-ticket-closed = <b>✅ Обращение №{ $ticket_id } закрыто.</b>
    Оцените, пожалуйста, ответ поддержки:
notice-ticket-closed-with-text = <b>✅ Обращение №{ $ticket_id } закрыто.</b>

    { $text }

    Оцените, пожалуйста, ответ поддержки:
notice-ticket-media = 📎 Обращение №{ $ticket_id }

## Support tickets: staff

btn-admin-tickets = 🎫 Обращения
tickets-title = <b>🎫 Обращения</b>
tickets-count = { $status }: { $total }
tickets-empty = Здесь пусто.
tickets-tab = { $mark }{ $status } ({ $count })
tickets-item = №{ $ticket_id } · { $age } · { $client } · { $subject }
tickets-nobody = никто
tickets-card = <b>🎫 Обращение №{ $ticket_id }</b> · { $status }
    Клиент: { $client }
    Создано: { $created } ({ $age } назад)
    Взял(а): { $assignee }
tickets-first-response = Первый ответ: через { $time }
tickets-resolved = Решено за { $time }
tickets-rating = Оценка клиента: { $stars }
btn-ticket-take = 🙋 Взять
btn-ticket-open = 📂 Открыть
btn-ticket-note = 🔒 Заметка
btn-tickets-to-queue = ◀️ К очереди
btn-tickets-close-silent = ✖️ Закрыть без сообщения
tickets-compose-reply = <b>↩️ Ответ клиенту · обращение №{ $ticket_id }</b>
    Напишите ответ (до { $limit } символов), можно с фото (до 10) или одним файлом. Клиент получит его с кнопкой «Ответить». Затем нажмите «✅ Отправить».
tickets-note-ask = <b>🔒 Заметка к обращению №{ $ticket_id }</b>
    Её видят только сотрудники, клиент — никогда. Напишите текст заметки.
tickets-close-ask = <b>✖️ Закрыть обращение №{ $ticket_id }</b>
    Напишите последнее сообщение клиенту — он получит его вместе с предложением оценить ответ. Или закройте без сообщения.
tickets-taken = Обращение №{ $ticket_id } теперь ваше.
tickets-reply-sent = Ответ по обращению №{ $ticket_id } отправлен клиенту.
tickets-note-saved = 🔒 Заметка сохранена.
tickets-closed = Обращение №{ $ticket_id } закрыто.
ticket-age-minutes = { $count } мин
ticket-age-hours = { $count } ч
ticket-age-days = { $count } дн

## Support tickets: what staff hear

notice-staff-ticket-new = <b>🎫 Новое обращение №{ $ticket_id }</b>
    Клиент: { $client } { $phone }

    { $text }
notice-staff-ticket-escalated = <b>⏰ Обращение №{ $ticket_id } ждёт ответа больше { $minutes } мин</b>
    Клиент: { $client } { $phone }
    { $subject }
notice-staff-ticket-client-wrote = <b>💬 Клиент написал в обращение №{ $ticket_id }</b>
    Клиент: { $client } { $phone }

    { $text }
notice-staff-ticket-taken-by = <b>🎫 Обращение №{ $ticket_id }</b> · { $subject }
    Взял(а): { $staff }
notice-staff-ticket-answered-by = <b>🎫 Обращение №{ $ticket_id }</b> · { $subject }
    Ответил(а): { $staff }
notice-staff-ticket-closed-by = <b>🎫 Обращение №{ $ticket_id }</b> · { $subject }
    Закрыл(а): { $staff }
notice-staff-ticket-client-closed = <b>🎫 Обращение №{ $ticket_id }</b> · { $subject }
    Клиент { $staff } закрыл(а) его сам(а).
notice-staff-ticket-closed-by-client = Клиент { $client } закрыл(а) обращение №{ $ticket_id }.
notice-staff-ticket-you-took = 🙋 Вы взяли обращение №{ $ticket_id }.

## Support tickets: refusals

error-ticket-not-found = Обращение не найдено.
error-ticket-closed = Это обращение уже закрыто. Если вопрос остался, создайте новое.
error-ticket-taken = Этим обращением уже занимается { $staff }.
error-ticket-empty = Сообщение пустое: напишите текст или приложите фото.
error-ticket-text-too-long = Слишком длинный текст: не больше { $max } символов. Разбейте на части и отправьте по очереди.
error-ticket-too-many-open = У вас уже { $max } открытых обращений. Допишите в одно из них или закройте те, что больше не нужны, — тогда можно будет открыть новое.
error-ticket-too-many-photos = Не больше { $max } фото в одном сообщении. Остальные отправьте следующим сообщением после этого.
error-ticket-mixed-attachments = К одному сообщению можно приложить либо до 10 фото, либо один файл.
error-ticket-rating-invalid = Оценка — от { $min } до { $max }.
error-ticket-not-closed = Оценить можно, когда обращение закрыто.
error-ticket-already-rated = Вы уже оценили этот ответ. Спасибо!
