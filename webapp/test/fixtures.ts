import { vi } from 'vitest';

import type { Figures, Summary } from '../src/api/types';

export function figures(overrides: Partial<Figures> = {}): Figures {
  return {
    date_from: '2026-12-01',
    date_to: '2026-12-15',
    revenue_kopecks: 12_345_600,
    payments: 40,
    average_check_kopecks: 308_640,
    bookings: 30,
    new_users: 12,
    referrals: 3,
    conversion_percent: 41.7,
    occupancy_percent: 55.5,
    utilisation_percent: 48,
    no_show_rate_percent: 5,
    mrr_kopecks: 4_500_000,
    active_members: 9,
    open_tickets: 2,
    median_first_response_minutes: 14,
    spaces: [
      { space_id: 1, name: 'Open space', capacity: 20, occupancy_percent: 60, utilisation_percent: 50 },
      { space_id: 2, name: 'Meeting room', capacity: 1, occupancy_percent: 30, utilisation_percent: 25 },
    ],
    ...overrides,
  };
}

export const SUMMARY: Summary = {
  current: figures(),
  previous: figures({
    date_from: '2026-11-16',
    date_to: '2026-11-30',
    revenue_kopecks: 8_230_400,
    bookings: 30,
    new_users: 0,
    no_show_rate_percent: 10,
    median_first_response_minutes: null,
  }),
};

const hours = (value: number | null) => Array.from({ length: 24 }, (_, h) => (h >= 9 && h < 21 ? value : null));

/** Answers of a healthy API, by path. */
export const ANSWERS: Record<string, unknown> = {
  '/api/v1/me': { telegram_id: 42, name: 'Olga', role: 'owner', permissions: ['view_analytics', 'manage_staff'] },
  '/api/v1/analytics/summary': SUMMARY,
  '/api/v1/analytics/series': {
    granularity: 'day',
    points: [
      { date_from: '2026-12-01', date_to: '2026-12-01', revenue_kopecks: 500_000, bookings: 2, new_users: 1, occupancy_percent: 40 },
      { date_from: '2026-12-02', date_to: '2026-12-02', revenue_kopecks: 700_000, bookings: 3, new_users: 0, occupancy_percent: 50 },
    ],
  },
  '/api/v1/analytics/heatmap': {
    spaces: [{ space_id: 1, name: 'Open space', cells: Array.from({ length: 7 }, (_, d) => hours(d < 5 ? 50 : null)) }],
  },
  '/api/v1/analytics/funnel': { registered: 12, started: 8, held: 7, paid: 6, completed: 4 },
  '/api/v1/analytics/tariffs': {
    tariffs: [
      { tariff_id: 1, name: 'Hour', space_id: 1, unit: 'hour', bookings: 20, share_percent: 66.7, revenue_kopecks: 5_000_000 },
      { tariff_id: 2, name: 'Day', space_id: 1, unit: 'day', bookings: 10, share_percent: 33.3, revenue_kopecks: 7_345_600 },
    ],
  },
  '/api/v1/analytics/promo-codes': {
    promo_codes: [{ promo_code_id: 1, code: 'WINTER', uses: 4, discount_kopecks: 80_000, revenue_kopecks: 320_000 }],
  },
  '/api/v1/analytics/referrals': {
    referrals: 3,
    converted: 2,
    conversion_percent: 66.7,
    top_referrers: [{ client: { user_id: 5, telegram_id: 505, name: 'Ivan', username: null }, invited: 3, converted: 2 }],
  },
  '/api/v1/analytics/top-clients': {
    clients: [{ client: { user_id: 7, telegram_id: 707, name: null, username: 'anna' }, revenue_kopecks: 2_000_000, bookings: 5 }],
  },
  '/api/v1/analytics/calendar': {
    month: '2026-12',
    days: Array.from({ length: 31 }, (_, i) => ({
      date: `2026-12-${String(i + 1).padStart(2, '0')}`,
      weekday: (i + 1) % 7,
      bookings: i % 3,
      revenue_kopecks: 10_000 * i,
      occupancy_percent: 10 * (i % 5),
    })),
  },
  '/api/v1/analytics/definitions': { figures: { revenue_kopecks: 'Money taken minus money given back.', bookings: 'Bookings that count.' } },
  '/api/v1/exports/bookings.xlsx/link': { url: 'http://localhost/api/v1/exports/bookings.xlsx?token=abc', expires_at: '2026-12-15T10:00:00Z' },
  '/api/v1/exports/users.csv/send': { filename: 'users_2026-12-01_2026-12-15.csv', size_bytes: 120 },
};

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | null;
}

type Override = (call: Call) => Response | Promise<Response> | undefined;

export function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

/** A fetch that answers from ANSWERS (or `override` first) and records every call. */
export function fakeFetch(override?: Override) {
  const calls: Call[] = [];
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const headers = new Headers(init?.headers);
    const call: Call = {
      method: init?.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: headers.get('Authorization'),
    };
    calls.push(call);
    const special = override ? await override(call) : undefined;
    if (special) return special;
    if (call.path in ANSWERS) return json(200, ANSWERS[call.path]);
    return json(404, { detail: 'Not Found' });
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

/** A fetch that never answers: everything stays loading. */
export function pendingFetch(): typeof fetch {
  return (() => new Promise<Response>(() => undefined)) as unknown as typeof fetch;
}

/** 2026-12-15, midday local time. */
export const NOW = () => new Date(2026, 11, 15, 12, 0, 0);
