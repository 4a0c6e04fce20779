import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { fakeFetch, json, pendingFetch } from './fixtures';
import { INIT_DATA, fakeHost, renderApp } from './render';

const plain = (text: string | null) => (text ?? '').replace(/\u00a0/g, ' ');

describe('the dashboard', () => {
  it('shows skeleton cards while the figures load, for this month', () => {
    renderApp(pendingFetch());
    const card = screen.getByTestId('kpi-revenue');
    expect(card.dataset.loading).toBe('true');
    expect(screen.getAllByTestId(/^kpi-/).filter((el) => el.dataset.loading === 'true')).toHaveLength(13);
    expect(screen.getByTestId('period-month').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('period-today').getAttribute('aria-pressed')).toBe('false');
  });

  it('shows every figure with its change once loaded, signed in with the init data', async () => {
    const { fetch, calls } = fakeFetch();
    renderApp(fetch);
    const revenue = screen.getByTestId('kpi-revenue');
    await waitFor(() => expect(revenue.dataset.loading).toBe('false'));
    expect(plain(within(revenue).getByTestId('kpi-value').textContent)).toBe('123 456 ₽');
    expect(plain(within(revenue).getByTestId('kpi-change').textContent)).toBe('▲ 50%');
    const newUsers = screen.getByTestId('kpi-new-users');
    expect(within(newUsers).getByTestId('kpi-change').textContent).toBe('—');
    const noShow = screen.getByTestId('kpi-no-show');
    expect(plain(within(noShow).getByTestId('kpi-change').textContent)).toBe('▼ 50%');
    expect(within(noShow).getByTestId('kpi-change').className).toContain('good');
    expect(plain(within(screen.getByTestId('kpi-first-response')).getByTestId('kpi-value').textContent)).toBe('14 min');

    const summary = calls.find((call) => call.path === '/api/v1/analytics/summary');
    expect(summary?.query.get('date_from')).toBe('2026-12-01');
    expect(summary?.query.get('date_to')).toBe('2026-12-15');
    expect(summary?.query.has('space_id')).toBe(false);
    expect(calls.every((call) => call.authorization === `tma ${INIT_DATA}`)).toBe(true);

    for (const id of ['chart-series', 'chart-funnel', 'chart-tariffs']) {
      await waitFor(() => expect(screen.getByTestId(id).querySelector('canvas')).not.toBeNull());
    }
    await waitFor(() => expect(screen.getByTestId('chart-heatmap').querySelectorAll('td').length).toBeGreaterThan(0));
    expect(await screen.findByText('WINTER')).toBeTruthy();
    expect(await screen.findByText('@anna')).toBeTruthy();
    expect(await screen.findByText('Ivan')).toBeTruthy();
  });

  it('offers the spaces of the summary and asks for the chosen one', async () => {
    const { fetch, calls } = fakeFetch();
    renderApp(fetch);
    const select = screen.getByTestId('space-filter') as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(3));
    expect(select.options[0]?.textContent).toBe('All spaces');
    fireEvent.change(select, { target: { value: '2' } });
    await waitFor(() =>
      expect(calls.some((c) => c.path === '/api/v1/analytics/summary' && c.query.get('space_id') === '2')).toBe(true),
    );
    expect(calls.some((c) => c.path === '/api/v1/analytics/funnel' && c.query.has('space_id'))).toBe(false);
  });

  it('asks for the preset period pressed', async () => {
    const { fetch, calls } = fakeFetch();
    renderApp(fetch);
    fireEvent.click(screen.getByTestId('period-7d'));
    expect(screen.getByTestId('period-7d').getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('period-month').getAttribute('aria-pressed')).toBe('false');
    await waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.path === '/api/v1/analytics/summary' &&
            c.query.get('date_from') === '2026-12-09' &&
            c.query.get('date_to') === '2026-12-15',
        ),
      ).toBe(true),
    );
  });

  it('checks a custom period before asking for it', async () => {
    const { fetch, calls } = fakeFetch();
    renderApp(fetch);
    fireEvent.click(screen.getByTestId('period-custom'));
    expect(screen.getByTestId('period-custom').getAttribute('aria-pressed')).toBe('true');
    fireEvent.change(screen.getByTestId('period-from'), { target: { value: '2026-12-10' } });
    fireEvent.change(screen.getByTestId('period-to'), { target: { value: '2026-12-01' } });
    fireEvent.click(screen.getByTestId('period-apply'));
    expect(screen.getByTestId('period-error').textContent).toMatch(/start must not be after/);

    fireEvent.change(screen.getByTestId('period-from'), { target: { value: '2026-10-01' } });
    fireEvent.click(screen.getByTestId('period-apply'));
    await waitFor(() =>
      expect(
        calls.some(
          (c) =>
            c.path === '/api/v1/analytics/summary' &&
            c.query.get('date_from') === '2026-10-01' &&
            c.query.get('date_to') === '2026-12-01',
        ),
      ).toBe(true),
    );
  });

  it('shows an error with Retry for a failed section, and retries it', async () => {
    let failures = 1;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.path === '/api/v1/analytics/summary' && failures > 0) {
        failures -= 1;
        return json(500, { detail: 'boom' });
      }
      return undefined;
    });
    renderApp(fetch);
    const retry = await screen.findByTestId('error-retry');
    expect(screen.queryByTestId('kpi-revenue')).toBeNull();
    fireEvent.click(retry);
    await waitFor(() => expect(screen.getByTestId('kpi-revenue').dataset.loading).toBe('false'));
    expect(calls.filter((c) => c.path === '/api/v1/analytics/summary')).toHaveLength(2);
  });

  it('says the session expired on a 401', async () => {
    const { fetch } = fakeFetch((call) => (call.path === '/api/v1/me' ? json(401, { detail: 'stale' }) : undefined));
    renderApp(fetch);
    const notice = await screen.findByTestId('session-expired');
    expect(notice.textContent).toMatch(/Session expired/);
    expect(screen.queryByTestId('kpi-revenue')).toBeNull();
  });

  it('refuses a staff member without the permission (403)', async () => {
    const { fetch } = fakeFetch(() => json(403, { detail: 'your role may not view analytics' }));
    renderApp(fetch, { lang: 'ru' });
    const notice = await screen.findByTestId('no-access');
    expect(notice.textContent).toMatch(/Нет доступа к дашборду/);
  });

  it('refuses a role without view_analytics as soon as /me says so', async () => {
    const { fetch } = fakeFetch((call) =>
      call.path === '/api/v1/me'
        ? json(200, { telegram_id: 1, name: 'M', role: 'support', permissions: ['answer_tickets'] })
        : new Promise<Response>(() => undefined),
    );
    renderApp(fetch);
    expect((await screen.findByTestId('no-access')).textContent).toMatch(/ask the owner/);
  });
});

describe('exports', () => {
  it('downloads through Telegram with a signed link', async () => {
    const { fetch, calls } = fakeFetch();
    const { host } = fakeHost({ canDownloadFile: true });
    renderApp(fetch, { host });
    fireEvent.click(screen.getByTestId('export-bookings-xlsx'));
    await waitFor(() => expect(host.downloadFile).toHaveBeenCalled());
    const call = calls.find((c) => c.path === '/api/v1/exports/bookings.xlsx/link');
    expect(call?.method).toBe('POST');
    expect(call?.query.get('date_from')).toBe('2026-12-01');
    expect(call?.query.get('date_to')).toBe('2026-12-15');
    expect(host.downloadFile).toHaveBeenCalledWith(
      'http://localhost/api/v1/exports/bookings.xlsx?token=abc',
      'bookings_2026-12-01_2026-12-15.xlsx',
    );
    expect((await screen.findByTestId('export-status')).textContent).toMatch(/Download started/);
  });

  it('has the bot send the file to the chat', async () => {
    const { fetch, calls } = fakeFetch();
    renderApp(fetch);
    fireEvent.click(screen.getByTestId('send-users-csv'));
    const status = await screen.findByTestId('export-status');
    expect(status.textContent).toMatch(/Sent to your chat/);
    expect(calls.find((c) => c.path === '/api/v1/exports/users.csv/send')?.method).toBe('POST');
  });

  it('says when the bot cannot write to the staff member', async () => {
    const { fetch } = fakeFetch((call) =>
      call.path.endsWith('/send') ? json(409, { detail: 'the bot cannot write to you' }) : undefined,
    );
    renderApp(fetch);
    fireEvent.click(screen.getByTestId('send-payments-xlsx'));
    expect((await screen.findByTestId('export-status')).textContent).toMatch(/press Start/);
  });

  it('has a download and a send button for every kind and format', () => {
    renderApp(pendingFetch());
    for (const kind of ['bookings', 'payments', 'users']) {
      for (const fmt of ['csv', 'xlsx']) {
        expect(screen.getByTestId(`export-${kind}-${fmt}`)).toBeTruthy();
        expect(screen.getByTestId(`send-${kind}-${fmt}`)).toBeTruthy();
      }
    }
  });
});

describe('help', () => {
  it('opens with the back button and closes with it', async () => {
    const { fetch, calls } = fakeFetch();
    const { host, pressBack } = fakeHost();
    renderApp(fetch, { host });
    expect(host.hideBackButton).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('help-open'));
    const help = await screen.findByTestId('help-screen');
    expect(host.showBackButton).toHaveBeenCalled();
    expect(await within(help).findByText('Money taken minus money given back.')).toBeTruthy();
    // The definitions come in the dashboard's language (here English).
    const asked = calls.find((call) => call.path === '/api/v1/analytics/definitions');
    expect(asked?.query.get('language')).toBe('en');
    pressBack();
    await waitFor(() => expect(screen.queryByTestId('help-screen')).toBeNull());
    expect(screen.getByTestId('kpi-revenue')).toBeTruthy();
  });
});
