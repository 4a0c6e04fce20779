admin-title = <b>🛠 Администрирование</b>
    Ваша роль: { $role }
btn-admin-staff = 👥 Сотрудники
admin-staff-title = <b>👥 Сотрудники</b>
staff-you-were-added = 👋 Вас добавили в команду коворкинга, роль: { $role }. Отправьте /admin, чтобы открыть режим администратора.
