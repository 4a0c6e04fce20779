import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fakeFetch, type Call } from './fixtures';
import { renderApp } from './render';

/** An IntersectionObserver that reports nothing until a test says an element came near. */
class StubObserver {
  static all: StubObserver[] = [];
  readonly callback: IntersectionObserverCallback;
  readonly rootMargin: string;
  readonly targets = new Set<Element>();

  constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
    this.callback = callback;
    this.rootMargin = options?.rootMargin ?? '';
    StubObserver.all.push(this);
  }

  observe(target: Element): void {
    this.targets.add(target);
  }

  unobserve(target: Element): void {
    this.targets.delete(target);
  }

  disconnect(): void {
    this.targets.clear();
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }
}

/** Has every observer watching the element of `testId` report it within its margin. */
function scrollNear(testId: string): void {
  const target = screen.getByTestId(testId);
  const watching = StubObserver.all.filter((observer) => observer.targets.has(target));
  expect(watching.length).toBeGreaterThan(0);
  act(() => {
    for (const observer of watching) {
      const entry = { target, isIntersecting: true, intersectionRatio: 0 } as unknown as IntersectionObserverEntry;
      observer.callback([entry], observer as unknown as IntersectionObserver);
    }
  });
}

const ANALYTICS = '/api/v1/analytics/';
const asked = (calls: Call[], name: string) => calls.filter((call) => call.path === `${ANALYTICS}${name}`);
const paths = (calls: Call[]) => [...new Set(calls.map((call) => call.path))].sort();

async function openDashboard() {
  const fake = fakeFetch();
  renderApp(fake.fetch);
  await waitFor(() => expect(screen.getByTestId('kpi-revenue').dataset.loading).toBe('false'));
  return fake;
}

describe('panels below the figures', () => {
  beforeEach(() => {
    StubObserver.all = [];
    vi.stubGlobal('IntersectionObserver', StubObserver);
  });
  afterEach(() => vi.unstubAllGlobals());

  it('ask for nothing when the dashboard opens: only /me and the summary', async () => {
    const { calls } = await openDashboard();
    expect(paths(calls)).toEqual(['/api/v1/analytics/summary', '/api/v1/me']);
    const series = screen.getByTestId('chart-series');
    expect(series.querySelector('.skeleton')).not.toBeNull();
    expect(series.querySelector('canvas')).toBeNull();
    expect(screen.getByTestId('calendar').querySelector('.skeleton')).not.toBeNull();
    expect(StubObserver.all.length).toBeGreaterThan(0);
    expect(StubObserver.all.every((observer) => observer.rootMargin === '600px 0px')).toBe(true);
  });

  it('load a panel once it nears the viewport, and only that one', async () => {
    const { calls } = await openDashboard();
    scrollNear('chart-series');
    await waitFor(() => expect(screen.getByTestId('chart-series').querySelector('canvas')).not.toBeNull());
    expect(asked(calls, 'series')).toHaveLength(1);
    expect(asked(calls, 'series')[0]?.query.get('date_from')).toBe('2026-12-01');
    expect(paths(calls)).toEqual(['/api/v1/analytics/series', '/api/v1/analytics/summary', '/api/v1/me']);
    expect(screen.getByTestId('chart-funnel').querySelector('canvas')).toBeNull();

    // Seen once is enough: it is not asked again for the same period.
    expect(StubObserver.all.some((observer) => observer.targets.has(screen.getByTestId('chart-series')))).toBe(false);
  });

  it('refetch the seen panels for a new period or space, and leave the others waiting', async () => {
    const { calls } = await openDashboard();
    scrollNear('chart-series');
    scrollNear('chart-funnel');
    await waitFor(() => expect(screen.getByTestId('chart-funnel').querySelector('canvas')).not.toBeNull());
    expect(asked(calls, 'series')).toHaveLength(1);
    expect(asked(calls, 'funnel')).toHaveLength(1);

    fireEvent.click(screen.getByTestId('period-7d'));
    const sevenDays = (call: Call) => call.query.get('date_from') === '2026-12-09' && call.query.get('date_to') === '2026-12-15';
    await waitFor(() => expect(asked(calls, 'series').filter(sevenDays)).toHaveLength(1));
    await waitFor(() => expect(asked(calls, 'funnel').filter(sevenDays)).toHaveLength(1));
    expect(asked(calls, 'summary').filter(sevenDays)).toHaveLength(1);
    for (const name of ['heatmap', 'tariffs', 'promo-codes', 'referrals', 'top-clients', 'calendar']) {
      expect(asked(calls, name)).toHaveLength(0);
    }

    const select = screen.getByTestId('space-filter') as HTMLSelectElement;
    fireEvent.change(select, { target: { value: '2' } });
    await waitFor(() => expect(asked(calls, 'series').filter((c) => c.query.get('space_id') === '2')).toHaveLength(1));
    expect(asked(calls, 'heatmap')).toHaveLength(0);

    // A panel first seen later asks for the period and space chosen by then.
    scrollNear('chart-heatmap');
    await waitFor(() => expect(asked(calls, 'heatmap')).toHaveLength(1));
    expect(sevenDays(asked(calls, 'heatmap')[0]!)).toBe(true);
    expect(asked(calls, 'heatmap')[0]?.query.get('space_id')).toBe('2');
    expect(asked(calls, 'calendar')).toHaveLength(0);
  });
});

describe('without IntersectionObserver', () => {
  it('loads every panel at once, as old webviews need', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    try {
      const { calls } = await openDashboard();
      await waitFor(() => expect(paths(calls)).toHaveLength(10));
      expect(paths(calls)).toEqual(
        ['me', 'summary', 'series', 'heatmap', 'funnel', 'tariffs', 'promo-codes', 'referrals', 'top-clients', 'calendar']
          .map((name) => (name === 'me' ? '/api/v1/me' : `${ANALYTICS}${name}`))
          .sort(),
      );
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
