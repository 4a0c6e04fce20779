"""Every dialog's states, in one place."""

from aiogram.fsm.state import State, StatesGroup


class OnboardingSG(StatesGroup):
    consent = State()
    name = State()
    phone = State()
    email = State()


class MainMenuSG(StatesGroup):
    main = State()


class ProfileSG(StatesGroup):
    main = State()
    edit_name = State()
    edit_phone = State()
    edit_email = State()
    language = State()


class TariffsSG(StatesGroup):
    main = State()


class HelpSG(StatesGroup):
    main = State()


class AdminMenuSG(StatesGroup):
    main = State()
    roles = State()


class BookingDeskSG(StatesGroup):
    queue = State()
    schedule = State()
    card = State()
    reject = State()
    reject_text = State()
    cancel = State()
    cancel_reason = State()
    find = State()
    client = State()  # one client's bookings, opened from the client card
    pay = State()  # record money taken at the desk
    move_day = State()
    move_start = State()
    move_confirm = State()
    statuses = State()  # pick a status to list
    by_status = State()  # the bookings in that status
    find_clients = State()  # clients found from the desk's search, to open their bookings


class AuditSG(StatesGroup):
    list = State()
    authors = State()


class ClientsSG(StatesGroup):
    search = State()
    results = State()
    card = State()
    ban = State()
    note = State()
    write = State()


class StaffAdminSG(StatesGroup):
    list = State()
    member = State()
    add_id = State()
    add_role = State()
    confirm_remove = State()


class BookingSG(StatesGroup):
    space = State()
    tariff = State()
    day = State()
    start = State()
    units = State()
    promo = State()
    summary = State()
    done = State()
    waitlist = State()
    weekly = State()
    weekly_dates = State()


class MyBookingsSG(StatesGroup):
    list = State()
    details = State()
    cancel = State()
    move_day = State()
    move_start = State()
    move_confirm = State()


class PaymentSG(StatesGroup):
    main = State()
    cancel = State()


class SupportSG(StatesGroup):
    list = State()
    thread = State()
    compose = State()
    close = State()
    rate = State()


class TicketsSG(StatesGroup):
    queue = State()
    card = State()
    reply = State()
    note = State()
    close = State()


class StaffBookingSG(StatesGroup):
    """A booking staff make for a client (dialogs/admin/bookings/new_booking.py)."""

    client = State()
    space = State()
    tariff = State()
    day = State()
    start = State()
    units = State()
    summary = State()
    promo = State()
    done = State()


class CatalogSG(StatesGroup):
    """Spaces and tariffs (dialogs/admin/catalog/)."""

    main = State()
    space = State()  # a space's card (a new one's too, once its steps are done)
    space_field = State()  # one field of the space, or a step of a new one
    hours = State()  # the space's week
    day_hours = State()  # the hours of the weekdays picked
    space_off = State()
    tariffs = State()  # the space's tariffs
    tariff = State()
    tariff_field = State()
    tariff_off = State()
    preview = State()  # as clients will see it, with Save


class PromoSG(StatesGroup):
    """Promo codes (dialogs/admin/promo/)."""

    list = State()
    card = State()
    # A new code, step by step, then its summary with Save.
    code = State()
    kind = State()
    value = State()
    first_day = State()
    last_day = State()
    max_uses = State()
    per_user = State()
    tariffs = State()
    first_only = State()
    summary = State()


class BroadcastSG(StatesGroup):
    """Broadcasts (dialogs/admin/broadcasts/)."""

    main = State()  # the history
    card = State()
    # A new broadcast: the message, its link button, the audience, then the summary.
    compose = State()
    button = State()
    audience = State()
    days = State()
    period = State()
    tariff = State()
    language = State()
    summary = State()
    confirm = State()
    schedule = State()
