admin-title = <b>🛠 Администрирование</b>
    Ваша роль: { $role }
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
