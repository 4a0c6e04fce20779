import { render } from '@testing-library/react';
import { vi } from 'vitest';

import { Api } from '../src/api/client';
import { App } from '../src/App';
import type { Lang } from '../src/i18n';
import { NO_HOST, type Host } from '../src/telegram/host';
import { NOW } from './fixtures';

export const INIT_DATA = 'query_id=AA1&user=%7B%22id%22%3A42%7D&auth_date=1800000000&hash=abc';

export function fakeHost(overrides: Partial<Host> = {}) {
  const backListeners: (() => void)[] = [];
  const host: Host = {
    ...NO_HOST,
    showBackButton: vi.fn(),
    hideBackButton: vi.fn(),
    onBack: vi.fn((listener: () => void) => {
      backListeners.push(listener);
      return () => {
        const at = backListeners.indexOf(listener);
        if (at >= 0) backListeners.splice(at, 1);
      };
    }),
    downloadFile: vi.fn(() => Promise.resolve('started' as const)),
    ...overrides,
  };
  return { host, pressBack: () => backListeners.slice().forEach((listener) => listener()) };
}

export function renderApp(fetchFn: typeof fetch, { lang = 'en', host = NO_HOST }: { lang?: Lang; host?: Host } = {}) {
  return render(<App api={new Api(INIT_DATA, fetchFn)} lang={lang} host={host} now={NOW} />);
}
