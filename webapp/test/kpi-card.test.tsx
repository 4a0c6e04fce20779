import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { I18nContext, translator } from '../src/i18n';
import { KpiCard } from '../src/sections/KpiCard';
import { KPIS, type KpiId } from '../src/sections/kpis';

const spec = (id: KpiId) => KPIS.find((kpi) => kpi.id === id)!;
const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

function renderCard(id: KpiId, current: number | null, previous: number | null, loading = false) {
  render(
    <I18nContext.Provider value={translator('ru')}>
      <KpiCard spec={spec(id)} current={current} previous={previous} loading={loading} />
    </I18nContext.Provider>,
  );
  return screen.getByTestId(`kpi-${id}`);
}

describe('a KPI card', () => {
  it('shows roubles and a rise as good news', () => {
    const card = renderCard('revenue', 250_000_00, 200_000_00);
    expect(card.dataset.loading).toBe('false');
    expect(card.textContent).toMatch(/Выручка/);
    expect(plain(card.querySelector('[data-testid="kpi-value"]')!.textContent)).toBe('250 000 ₽');
    const change = card.querySelector('[data-testid="kpi-change"]')!;
    expect(plain(change.textContent)).toBe('▲ 25 %');
    expect(change.className).toContain('good');
  });

  it('shows a rise of open tickets as bad news', () => {
    const change = renderCard('open-tickets', 6, 4).querySelector('[data-testid="kpi-change"]')!;
    expect(plain(change.textContent)).toBe('▲ 50 %');
    expect(change.className).toContain('bad');
  });

  it('shows a dash when the previous period had nothing', () => {
    const card = renderCard('conversion', 12.5, 0);
    expect(plain(card.querySelector('[data-testid="kpi-value"]')!.textContent)).toBe('12,5 %');
    expect(card.querySelector('[data-testid="kpi-change"]')!.textContent).toBe('—');
  });

  it('shows a dash for a median nobody answered', () => {
    const card = renderCard('first-response', null, 30);
    expect(card.querySelector('[data-testid="kpi-value"]')!.textContent).toBe('—');
    expect(card.querySelector('[data-testid="kpi-change"]')!.textContent).toBe('—');
  });

  it('is a skeleton while loading', () => {
    const card = renderCard('mrr', null, null, true);
    expect(card.dataset.loading).toBe('true');
    expect(card.querySelector('.skeleton')).not.toBeNull();
  });
});
