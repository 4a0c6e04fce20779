admin-title = <b>🛠 Admin</b>
    Your role: { $role }
btn-admin-staff = 👥 Staff
admin-staff-title = <b>👥 Staff</b>
staff-you-were-added = 👋 You have been added to the coworking team as { $role }. Send /admin to open the admin mode.
