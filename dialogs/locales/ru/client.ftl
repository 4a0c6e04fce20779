onboarding-welcome = 👋 Добро пожаловать в <b>{ $coworking }</b>!
    Здесь можно забронировать место в открытом пространстве, переговорную или офис по календарю со свободным временем{ $payments ->
        [yes] , оплатить онлайн
       *[no] {""}
    }, а потом перенести или отменить бронь. А если что-то пошло не так — написать в поддержку прямо здесь, с фото.
onboarding-consent = Для регистрации нам нужно ваше согласие с правилами коворкинга и на обработку персональных данных (имя, телефон, e-mail) для обслуживания ваших бронирований.
btn-consent = ✅ Согласен(на), продолжить
onboarding-name = Как к вам обращаться? Отправьте имя и фамилию.
onboarding-phone = Отправьте номер телефона — нажмите кнопку «📱 Поделиться номером» внизу или введите номер вручную.
btn-share-phone = 📱 Поделиться номером
onboarding-email = Почти готово! Отправьте e-mail для чеков и уведомлений — или нажмите «Пропустить».

menu-registered = 🎉 Регистрация завершена!
menu-title = <b>Главное меню</b>
    { $name }, чем займёмся?
btn-tariffs = 💳 Тарифы
btn-profile = 👤 Профиль
btn-help = ℹ️ Помощь
btn-admin = 🛠 Администрирование

profile-card = <b>👤 Профиль</b>

    Имя: { $name }
    Телефон: { $phone }
    E-mail: { $email }
    Язык: { $language }

    🔗 Ваша ссылка для друзей:
    { $referral_link }
    Зарегистрировались по ней: { $referrals }
profile-email-none = не указан
profile-saved = ✅ Сохранено.
profile-language-changed = Язык изменён.
btn-edit-name = ✏️ Имя
btn-edit-phone = 📱 Телефон
btn-edit-email = ✉️ E-mail
btn-language = 🌐 Язык
btn-remove-email = 🗑 Удалить e-mail
profile-ask-name = Отправьте новое имя и фамилию.
profile-ask-phone = Отправьте новый номер или нажмите «📱 Поделиться номером». Чтобы оставить прежний, нажмите «◀️ Назад».
profile-ask-email = Отправьте новый e-mail.
profile-ask-language = Выберите язык:

tariffs-title = <b>💳 Тарифы</b>
tariffs-space = <b>{ $name }</b> · { $kind }, мест: { $capacity }
tariffs-item = • { $name } — { $price } { $unit }
tariffs-free = бесплатно
tariffs-empty = Тарифы пока не добавлены.
space-kind-open_space = открытое пространство
space-kind-meeting_room = переговорная
space-kind-office = офис
unit-per-hour = за час
unit-per-day = за день
unit-per-month = за месяц

help-text = <b>ℹ️ { $coworking }</b>
    Этот бот — ваш пропуск в коворкинг: бронирование мест и переговорных { $payments ->
        [yes] с оплатой онлайн
       *[no] (оплата — на месте)
    }, ваши брони и профиль.

    /book — забронировать место или переговорную
    /mybookings — мои брони: { $payments ->
        [yes] оплатить, перенести
       *[no] перенести
    }, отменить, добавить в календарь
    /support — поддержка: задать вопрос, приложить фото, следить за ответом
    /profile — профиль и ссылка для друзей
    /menu — главное меню
    /cancel — отменить текущее действие
    /help — эта справка

    Бронь можно отменить бесплатно до { $free_hours } ч до начала. Когда бронь началась, перенести или отменить её уже нельзя. Заявку, которую менеджер ещё не подтвердил, можно отозвать с полным возвратом, пока не прошло её время.
help-address = 📍 { $value }
help-phone = 📞 { $value }
help-email = ✉️ { $value }
help-telegram = 💬 { $value }
