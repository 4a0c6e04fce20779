btn-dashboard = 📊 Дашборд
admin-dashboard-unset = 📊 Дашборд откроется кнопкой здесь, когда у бота будет адрес https: впишите PUBLIC_BASE_URL=https://ваш-домен в .env и перезапустите бота.
