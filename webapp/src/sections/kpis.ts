import type { Figures } from '../api/types';
import { formatCount, formatMinutes, formatMoney, formatPercent } from '../format';
import type { Lang, MessageKey } from '../i18n';

export type KpiId =
  | 'revenue'
  | 'bookings'
  | 'average-check'
  | 'new-users'
  | 'referrals'
  | 'conversion'
  | 'occupancy'
  | 'utilisation'
  | 'no-show'
  | 'mrr'
  | 'active-members'
  | 'open-tickets'
  | 'first-response';

export interface KpiSpec {
  id: KpiId;
  /** The field of the summary, which is also the key of its definition. */
  field: keyof Figures;
  format: (value: number | null, lang: Lang) => string;
  /** A rise is bad news (no-shows, open tickets, slow answers). */
  lowerIsBetter?: boolean;
}

const money = (value: number | null, lang: Lang) => (value === null ? '—' : formatMoney(value, lang));
const count = (value: number | null, lang: Lang) => (value === null ? '—' : formatCount(value, lang));
const percent = (value: number | null, lang: Lang) => (value === null ? '—' : formatPercent(value, lang));

export const KPIS: readonly KpiSpec[] = [
  { id: 'revenue', field: 'revenue_kopecks', format: money },
  { id: 'bookings', field: 'bookings', format: count },
  { id: 'average-check', field: 'average_check_kopecks', format: money },
  { id: 'new-users', field: 'new_users', format: count },
  { id: 'referrals', field: 'referrals', format: count },
  { id: 'conversion', field: 'conversion_percent', format: percent },
  { id: 'occupancy', field: 'occupancy_percent', format: percent },
  { id: 'utilisation', field: 'utilisation_percent', format: percent },
  { id: 'no-show', field: 'no_show_rate_percent', format: percent, lowerIsBetter: true },
  { id: 'mrr', field: 'mrr_kopecks', format: money },
  { id: 'active-members', field: 'active_members', format: count },
  { id: 'open-tickets', field: 'open_tickets', format: count, lowerIsBetter: true },
  { id: 'first-response', field: 'median_first_response_minutes', format: formatMinutes, lowerIsBetter: true },
];

export function kpiLabel(id: KpiId): MessageKey {
  return `kpi_${id}` as MessageKey;
}

export function figureValue(figures: Figures, field: keyof Figures): number | null {
  const value = figures[field];
  return typeof value === 'number' ? value : null;
}
