/** Periods as the API takes them: ISO local dates, both ends included. */

export type PresetId = 'today' | '7d' | '30d' | 'month' | 'last-month';
export type PeriodChoice = PresetId | 'custom';

export const PRESETS: readonly PresetId[] = ['today', '7d', '30d', 'month', 'last-month'];
export const DEFAULT_PRESET: PresetId = 'month';

// coworking_bot/domain/analytics.py and services/analytics/exports.py
export const MAX_PERIOD_DAYS = 731;
export const MAX_EXPORT_DAYS = 366;
export const EARLIEST_DATE = '2000-01-01';
export const LATEST_DATE = '2100-12-31';

export interface Period {
  dateFrom: string;
  dateTo: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** The local calendar date of `moment`, as YYYY-MM-DD. */
export function isoDate(moment: Date): string {
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

function localDate(year: number, monthIndex: number, day: number): Date {
  return new Date(year, monthIndex, day, 12);
}

export function presetPeriod(preset: PresetId, now: Date): Period {
  const year = now.getFullYear();
  const month = now.getMonth();
  const day = now.getDate();
  const today = isoDate(now);
  switch (preset) {
    case 'today':
      return { dateFrom: today, dateTo: today };
    case '7d':
      return { dateFrom: isoDate(localDate(year, month, day - 6)), dateTo: today };
    case '30d':
      return { dateFrom: isoDate(localDate(year, month, day - 29)), dateTo: today };
    case 'month':
      return { dateFrom: isoDate(localDate(year, month, 1)), dateTo: today };
    case 'last-month':
      return {
        dateFrom: isoDate(localDate(year, month - 1, 1)),
        dateTo: isoDate(localDate(year, month, 0)),
      };
  }
}

/** Days since 1970-01-01 of an ISO date, or null when it is not a real date. */
function dayNumber(iso: string): number | null {
  const found = ISO_DATE.exec(iso);
  if (!found) return null;
  const [year, month, day] = [Number(found[1]), Number(found[2]), Number(found[3])];
  const utc = Date.UTC(year, month - 1, day);
  const back = new Date(utc);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
    return null;
  }
  return Math.round(utc / DAY_MS);
}

/** How many days a period holds, both ends counted; null when a date is not real. */
export function periodDays(period: Period): number | null {
  const from = dayNumber(period.dateFrom);
  const to = dayNumber(period.dateTo);
  if (from === null || to === null) return null;
  return to - from + 1;
}

export type PeriodProblem = 'invalid' | 'order' | 'too-long' | 'bounds';

/** What is wrong with a custom period, or null when the API will take it. */
export function periodProblem(period: Period): PeriodProblem | null {
  const days = periodDays(period);
  if (days === null) return 'invalid';
  if (period.dateFrom < EARLIEST_DATE || period.dateTo > LATEST_DATE) return 'bounds';
  if (days < 1) return 'order';
  if (days > MAX_PERIOD_DAYS) return 'too-long';
  return null;
}

export function exportAllowed(period: Period): boolean {
  const days = periodDays(period);
  return days !== null && days >= 1 && days <= MAX_EXPORT_DAYS;
}

/** The month (YYYY-MM) a period ends in: the calendar shows it first. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const moved = new Date(Date.UTC(year, monthNumber - 1 + by, 1));
  return `${moved.getUTCFullYear()}-${pad(moved.getUTCMonth() + 1)}`;
}
