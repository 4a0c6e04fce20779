import { describe, expect, it } from 'vitest';

import { exportAllowed, periodDays, periodProblem, presetPeriod, shiftMonth } from '../src/period';

const at = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12);

describe('period presets', () => {
  const now = at(2026, 12, 15);

  it('today', () => {
    expect(presetPeriod('today', now)).toEqual({ dateFrom: '2026-12-15', dateTo: '2026-12-15' });
  });

  it('7 and 30 days end today and count it', () => {
    expect(presetPeriod('7d', now)).toEqual({ dateFrom: '2026-12-09', dateTo: '2026-12-15' });
    expect(presetPeriod('30d', now)).toEqual({ dateFrom: '2026-11-16', dateTo: '2026-12-15' });
  });

  it('this month runs from its first day to today', () => {
    expect(presetPeriod('month', now)).toEqual({ dateFrom: '2026-12-01', dateTo: '2026-12-15' });
  });

  it('last month is the whole previous month, across a year end', () => {
    expect(presetPeriod('last-month', now)).toEqual({ dateFrom: '2026-11-01', dateTo: '2026-11-30' });
    expect(presetPeriod('last-month', at(2027, 1, 3))).toEqual({ dateFrom: '2026-12-01', dateTo: '2026-12-31' });
    expect(presetPeriod('last-month', at(2028, 3, 31))).toEqual({ dateFrom: '2028-02-01', dateTo: '2028-02-29' });
  });

  it('7 days cross a month start', () => {
    expect(presetPeriod('7d', at(2027, 3, 2))).toEqual({ dateFrom: '2027-02-24', dateTo: '2027-03-02' });
  });
});

describe('custom periods', () => {
  it('count both ends', () => {
    expect(periodDays({ dateFrom: '2026-01-01', dateTo: '2026-12-31' })).toBe(365);
  });

  it('are refused as the API refuses them', () => {
    expect(periodProblem({ dateFrom: '2026-12-10', dateTo: '2026-12-01' })).toBe('order');
    expect(periodProblem({ dateFrom: '', dateTo: '2026-12-01' })).toBe('invalid');
    expect(periodProblem({ dateFrom: '2026-02-30', dateTo: '2026-03-01' })).toBe('invalid');
    expect(periodProblem({ dateFrom: '2024-01-01', dateTo: '2025-12-31' })).toBeNull(); // 731 days
    expect(periodProblem({ dateFrom: '2024-01-01', dateTo: '2026-01-01' })).toBe('too-long');
    expect(periodProblem({ dateFrom: '1999-12-31', dateTo: '2000-01-05' })).toBe('bounds');
    expect(periodProblem({ dateFrom: '2026-12-01', dateTo: '2026-12-01' })).toBeNull();
  });

  it('are exported up to 366 days', () => {
    expect(exportAllowed({ dateFrom: '2024-01-01', dateTo: '2024-12-31' })).toBe(true);
    expect(exportAllowed({ dateFrom: '2024-01-01', dateTo: '2025-01-01' })).toBe(false);
  });

  it('move the calendar month across years', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
  });
});
