import type { Lang } from './i18n';

const NBSP = '\u00a0';

function groupDigits(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

function decimalText(value: number, fractionDigits: number, lang: Lang): string {
  const negative = value < 0;
  const fixed = Math.abs(value).toFixed(fractionDigits);
  const [whole = '0', fraction] = fixed.split('.');
  // A space groups thousands in both languages: a comma would read as a decimal mark in Russian,
  // and the dashboard shows roubles either way.
  const grouped = groupDigits(whole, NBSP);
  const text = fraction ? `${grouped}${lang === 'ru' ? ',' : '.'}${fraction}` : grouped;
  return negative ? `−${text}` : text;
}

/** A count with thousands separated by a no-break space: 12 345. */
export function formatCount(value: number, lang: Lang): string {
  return decimalText(Math.round(value), 0, lang);
}

/** Kopecks as roubles: whole roubles when there are no kopecks, else two decimals. */
export function formatMoney(kopecks: number, lang: Lang): string {
  const digits = kopecks % 100 === 0 ? 0 : 2;
  return `${decimalText(kopecks / 100, digits, lang)}${NBSP}₽`;
}

/** A percent with at most one decimal: 42,5 % (ru), 42.5% (en). */
export function formatPercent(value: number, lang: Lang): string {
  const digits = Number.isInteger(Math.round(value * 10) / 10) ? 0 : 1;
  const text = decimalText(value, digits, lang);
  return lang === 'ru' ? `${text}${NBSP}%` : `${text}%`;
}

export function formatMinutes(minutes: number | null, lang: Lang): string {
  if (minutes === null) return '—';
  const whole = Math.round(minutes);
  if (whole < 60) return lang === 'ru' ? `${whole}${NBSP}мин` : `${whole}${NBSP}min`;
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  const h = lang === 'ru' ? 'ч' : 'h';
  const m = lang === 'ru' ? 'мин' : 'min';
  return rest === 0 ? `${hours}${NBSP}${h}` : `${hours}${NBSP}${h} ${rest}${NBSP}${m}`;
}

export interface Change {
  /** 'none' when there is nothing to compare with (previous is 0 or unknown). */
  direction: 'up' | 'down' | 'flat' | 'none';
  percent: number | null;
}

/** The change of a figure against the previous period, in percent of the previous value. */
export function changeOf(current: number | null, previous: number | null): Change {
  if (current === null || previous === null || previous === 0) {
    return { direction: 'none', percent: null };
  }
  const percent = ((current - previous) / Math.abs(previous)) * 100;
  if (Math.abs(percent) < 0.05) return { direction: 'flat', percent: 0 };
  return { direction: percent > 0 ? 'up' : 'down', percent };
}

/** ▲ 12,5 % / ▼ 3 % / 0 % / — */
export function formatChange(change: Change, lang: Lang): string {
  if (change.direction === 'none' || change.percent === null) return '—';
  if (change.direction === 'flat') return formatPercent(0, lang);
  const arrow = change.direction === 'up' ? '▲' : '▼';
  return `${arrow}${NBSP}${formatPercent(Math.abs(change.percent), lang)}`;
}

export function personName(person: { name: string | null; username: string | null; telegram_id: number }): string {
  if (person.name) return person.name;
  if (person.username) return `@${person.username}`;
  return `#${person.telegram_id}`;
}

/** A short date label: 5 дек / Dec 5. */
export function shortDate(iso: string, lang: Lang): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const moment = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(moment);
}

export function monthTitle(month: string, lang: Lang): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const text = new Intl.DateTimeFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, monthNumber - 1, 1)));
  return text.charAt(0).toUpperCase() + text.slice(1);
}
