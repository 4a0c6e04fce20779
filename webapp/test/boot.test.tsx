import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { fakeFetch } from './fixtures';

// The real entry point with the real Telegram SDK, as a plain browser tab opens it.
async function boot(hash: string) {
  window.history.replaceState(null, '', `/app/${hash}`);
  document.body.innerHTML = '<div id="root"></div>';
  vi.resetModules();
  await import('../src/main');
}

const INIT_DATA =
  'query_id=AAH&user=%7B%22id%22%3A42%2C%22first_name%22%3A%22Olga%22%2C%22language_code%22%3A%22en%22%7D&auth_date=1800000000&hash=0f';

describe('the entry point', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    vi.unstubAllGlobals();
    document.body.innerHTML = '';
  });

  it('opens the dashboard from launch parameters in the hash, dark theme and English', async () => {
    const { fetch, calls } = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    const theme = encodeURIComponent(JSON.stringify({ bg_color: '#212121', text_color: '#ffffff', button_color: '#8774e1' }));
    await boot(
      `#tgWebAppData=${encodeURIComponent(INIT_DATA)}&tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop&tgWebAppThemeParams=${theme}`,
    );
    await waitFor(() => expect(screen.getByTestId('kpi-revenue').dataset.loading).toBe('false'));
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.lang).toBe('en');
    expect(screen.getByTestId('period-month').textContent).toBe('This month');
    expect(calls[0]?.authorization).toBe(`tma ${INIT_DATA}`);
  });

  it('says to open it from the bot without launch parameters, and calls nothing', async () => {
    const { fetch, calls } = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    await boot('');
    expect(await screen.findByTestId('open-from-bot')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('drives Telegram through its webview proxy: ready, back button, file download', async () => {
    const events: [string, unknown][] = [];
    const receive = (name: string, data?: unknown) =>
      (window as unknown as { Telegram: { WebView: { receiveEvent: (n: string, d?: unknown) => void } } }).Telegram.WebView.receiveEvent(name, data);
    vi.stubGlobal('TelegramWebviewProxy', {
      postEvent: (name: string, data: string) => {
        events.push([name, data ? JSON.parse(data) : undefined]);
        if (name === 'web_app_request_file_download') {
          setTimeout(() => receive('file_download_requested', { status: 'downloading' }), 0);
        }
      },
    });
    const { fetch } = fakeFetch();
    vi.stubGlobal('fetch', fetch);
    await boot(`#tgWebAppData=${encodeURIComponent(INIT_DATA)}&tgWebAppVersion=8.0&tgWebAppPlatform=android&tgWebAppThemeParams=%7B%7D`);
    await waitFor(() => expect(events.some(([name]) => name === 'web_app_ready')).toBe(true));

    fireEvent.click(await screen.findByTestId('help-open'));
    await screen.findByTestId('help-screen');
    expect(screen.queryByTestId('help-back')).toBeNull();
    await waitFor(() =>
      expect(events).toContainEqual(['web_app_setup_back_button', { is_visible: true }]),
    );
    receive('back_button_pressed');
    await waitFor(() => expect(screen.queryByTestId('help-screen')).toBeNull());
    await waitFor(() =>
      expect(events.at(-1)).toEqual(['web_app_setup_back_button', { is_visible: false }]),
    );

    fireEvent.click(screen.getByTestId('export-bookings-xlsx'));
    await waitFor(() =>
      expect(events.find(([name]) => name === 'web_app_request_file_download')?.[1]).toEqual({
        url: 'http://localhost/api/v1/exports/bookings.xlsx?token=abc',
        file_name: `bookings_${new Date().toISOString().slice(0, 8)}01_${isoToday()}.xlsx`,
      }),
    );
    expect((await screen.findByTestId('export-status')).textContent).toMatch(/Download started/);
  });
});

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
