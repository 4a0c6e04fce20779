import { describe, expect, it } from 'vitest';

import { changeOf, formatChange, formatCount, formatMinutes, formatMoney, formatPercent } from '../src/format';

const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('money', () => {
  it('shows kopecks as roubles with thousands separators', () => {
    expect(plain(formatMoney(12_345_600, 'ru'))).toBe('123 456 ₽');
    expect(plain(formatMoney(12_345_600, 'en'))).toBe('123 456 ₽');
  });

  it('shows kopecks only when there are some', () => {
    expect(plain(formatMoney(308_650, 'ru'))).toBe('3 086,50 ₽');
    expect(plain(formatMoney(308_650, 'en'))).toBe('3 086.50 ₽');
    expect(plain(formatMoney(0, 'ru'))).toBe('0 ₽');
  });

  it('marks money given back', () => {
    expect(plain(formatMoney(-150_000, 'ru'))).toBe('−1 500 ₽');
  });
});

describe('counts, percents and minutes', () => {
  it('formats them for each language', () => {
    expect(plain(formatCount(1234567, 'ru'))).toBe('1 234 567');
    expect(plain(formatCount(1234567, 'en'))).toBe('1 234 567');
    expect(plain(formatPercent(41.66, 'ru'))).toBe('41,7 %');
    expect(formatPercent(50, 'en')).toBe('50%');
    expect(plain(formatMinutes(14.4, 'ru'))).toBe('14 мин');
    expect(plain(formatMinutes(135, 'en'))).toBe('2 h 15 min');
    expect(formatMinutes(null, 'en')).toBe('—');
  });
});

describe('change against the previous period', () => {
  it('is a percent of the previous value, with an arrow', () => {
    expect(changeOf(150, 100)).toEqual({ direction: 'up', percent: 50 });
    expect(plain(formatChange(changeOf(150, 100), 'ru'))).toBe('▲ 50 %');
    expect(plain(formatChange(changeOf(75, 100), 'en'))).toBe('▼ 25%');
    expect(plain(formatChange(changeOf(12_345_600, 8_230_400), 'en'))).toBe('▲ 50%');
  });

  it('is a dash when there is nothing to compare with', () => {
    expect(formatChange(changeOf(10, 0), 'ru')).toBe('—');
    expect(formatChange(changeOf(0, 0), 'en')).toBe('—');
    expect(formatChange(changeOf(14, null), 'en')).toBe('—');
  });

  it('is zero when nothing changed', () => {
    expect(changeOf(30, 30).direction).toBe('flat');
    expect(formatChange(changeOf(30, 30), 'en')).toBe('0%');
  });

  it('counts from the absolute previous value when it was negative', () => {
    expect(changeOf(50, -100)).toEqual({ direction: 'up', percent: 150 });
  });
});
