import type {
  Calendar,
  Definitions,
  ExportFormat,
  ExportKind,
  ExportLink,
  ExportSent,
  Funnel,
  Granularity,
  Heatmap,
  Me,
  PromoCodes,
  Referrals,
  Series,
  Summary,
  TariffMix,
  TopClients,
} from './types';

export const API_PREFIX = '/api/v1';

/** A refusal or failure of the API; `status` 0 means the request never got an answer. */
export class ApiError extends Error {
  readonly status: number;
  readonly detail: string | null;

  constructor(status: number, detail: string | null) {
    super(detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.detail = detail;
  }
}

export interface PeriodParams {
  dateFrom: string;
  dateTo: string;
  spaceId?: number | null;
}

type Query = Record<string, string | number | null | undefined>;

function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== null && value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function periodQuery({ dateFrom, dateTo, spaceId }: PeriodParams): Query {
  return { date_from: dateFrom, date_to: dateTo, space_id: spaceId ?? null };
}

async function detailOf(response: Response): Promise<string | null> {
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object' && 'detail' in body) {
      const { detail } = body as { detail: unknown };
      if (typeof detail === 'string') return detail;
    }
  } catch {
    // not JSON: the status says enough
  }
  return null;
}

/** The Mini App API, signed in with the raw init data on every request. */
export class Api {
  private readonly initData: string;
  private readonly fetchFn: typeof fetch;

  constructor(initData: string, fetchFn: typeof fetch = (...args) => fetch(...args)) {
    this.initData = initData;
    this.fetchFn = fetchFn;
  }

  private async request<T>(method: 'GET' | 'POST', path: string, query: Query = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchFn(`${API_PREFIX}${path}${queryString(query)}`, {
        method,
        headers: { Authorization: `tma ${this.initData}`, Accept: 'application/json' },
      });
    } catch {
      throw new ApiError(0, null);
    }
    if (!response.ok) throw new ApiError(response.status, await detailOf(response));
    return (await response.json()) as T;
  }

  me(): Promise<Me> {
    return this.request('GET', '/me');
  }

  /** Every figure's definition, in the dashboard's language. */
  definitions(language: 'ru' | 'en'): Promise<Definitions> {
    return this.request('GET', '/analytics/definitions', { language });
  }

  summary(period: PeriodParams): Promise<Summary> {
    return this.request('GET', '/analytics/summary', periodQuery(period));
  }

  series(period: PeriodParams, granularity: Granularity): Promise<Series> {
    return this.request('GET', '/analytics/series', { ...periodQuery(period), granularity });
  }

  heatmap(period: PeriodParams): Promise<Heatmap> {
    return this.request('GET', '/analytics/heatmap', periodQuery(period));
  }

  funnel(period: PeriodParams): Promise<Funnel> {
    return this.request('GET', '/analytics/funnel', { ...periodQuery(period), space_id: null });
  }

  tariffs(period: PeriodParams): Promise<TariffMix> {
    return this.request('GET', '/analytics/tariffs', periodQuery(period));
  }

  promoCodes(period: PeriodParams): Promise<PromoCodes> {
    return this.request('GET', '/analytics/promo-codes', { ...periodQuery(period), space_id: null });
  }

  referrals(period: PeriodParams): Promise<Referrals> {
    return this.request('GET', '/analytics/referrals', { ...periodQuery(period), space_id: null });
  }

  topClients(period: PeriodParams): Promise<TopClients> {
    return this.request('GET', '/analytics/top-clients', periodQuery(period));
  }

  calendar(month: string, spaceId: number | null): Promise<Calendar> {
    return this.request('GET', '/analytics/calendar', { month, space_id: spaceId });
  }

  exportLink(kind: ExportKind, fmt: ExportFormat, period: PeriodParams): Promise<ExportLink> {
    return this.request('POST', `/exports/${kind}.${fmt}/link`, {
      date_from: period.dateFrom,
      date_to: period.dateTo,
    });
  }

  exportSend(kind: ExportKind, fmt: ExportFormat, period: PeriodParams): Promise<ExportSent> {
    return this.request('POST', `/exports/${kind}.${fmt}/send`, {
      date_from: period.dateFrom,
      date_to: period.dateTo,
    });
  }
}
