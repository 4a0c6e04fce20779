/** The shapes of `/api/v1` (admin_api/schemas/dashboard.py). Money is integer kopecks. */

export type Granularity = 'day' | 'week' | 'month';
export type ExportKind = 'bookings' | 'payments' | 'users';
export type ExportFormat = 'csv' | 'xlsx';

export interface Me {
  telegram_id: number;
  name: string;
  role: string;
  permissions: string[];
}

export interface SpaceFigures {
  space_id: number;
  name: string;
  capacity: number;
  occupancy_percent: number;
  utilisation_percent: number;
}

export interface Figures {
  date_from: string;
  date_to: string;
  revenue_kopecks: number;
  payments: number;
  average_check_kopecks: number;
  bookings: number;
  new_users: number;
  referrals: number;
  conversion_percent: number;
  occupancy_percent: number;
  utilisation_percent: number;
  no_show_rate_percent: number;
  mrr_kopecks: number;
  active_members: number;
  open_tickets: number;
  median_first_response_minutes: number | null;
  spaces: SpaceFigures[];
}

export interface Summary {
  current: Figures;
  previous: Figures;
}

export interface SeriesPoint {
  date_from: string;
  date_to: string;
  revenue_kopecks: number;
  bookings: number;
  new_users: number;
  occupancy_percent: number;
}

export interface Series {
  granularity: Granularity;
  points: SeriesPoint[];
}

export interface SpaceHeatmap {
  space_id: number;
  name: string;
  /** Seven rows, Monday first, of 24 local hours; null where the space is never open. */
  cells: (number | null)[][];
}

export interface Heatmap {
  spaces: SpaceHeatmap[];
}

export interface Funnel {
  registered: number;
  started: number;
  held: number;
  paid: number;
  completed: number;
}

export interface TariffShare {
  tariff_id: number;
  name: string;
  space_id: number;
  unit: 'hour' | 'day' | 'month';
  bookings: number;
  share_percent: number;
  revenue_kopecks: number;
}

export interface TariffMix {
  tariffs: TariffShare[];
}

export interface PromoCodeUse {
  promo_code_id: number;
  code: string;
  uses: number;
  discount_kopecks: number;
  revenue_kopecks: number;
}

export interface PromoCodes {
  promo_codes: PromoCodeUse[];
}

export interface Person {
  user_id: number;
  telegram_id: number;
  name: string | null;
  username: string | null;
}

export interface Referrer {
  client: Person;
  invited: number;
  converted: number;
}

export interface Referrals {
  referrals: number;
  converted: number;
  conversion_percent: number;
  top_referrers: Referrer[];
}

export interface TopClient {
  client: Person;
  revenue_kopecks: number;
  bookings: number;
}

export interface TopClients {
  clients: TopClient[];
}

export interface CalendarDay {
  date: string;
  weekday: number;
  bookings: number;
  revenue_kopecks: number;
  occupancy_percent: number;
}

export interface Calendar {
  month: string;
  days: CalendarDay[];
}

export interface Definitions {
  figures: Record<string, string>;
}

export interface ExportLink {
  url: string;
  expires_at: string;
}

export interface ExportSent {
  filename: string;
  size_bytes: number;
}
