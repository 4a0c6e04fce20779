import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { OpenFromBot } from '../src/App';
import { pickLanguage } from '../src/i18n';
import { parseLaunchHash } from '../src/telegram/launch';
import { applyTheme, appearanceOf } from '../src/theme';

describe('outside Telegram', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says to open the dashboard from the bot, without calling the API', () => {
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    render(<OpenFromBot lang="ru" />);
    expect(screen.getByTestId('open-from-bot').textContent).toMatch(/Откройте дашборд из бота/);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('speaks English to an English browser', () => {
    render(<OpenFromBot lang={pickLanguage('en-US')} />);
    expect(screen.getByTestId('open-from-bot').textContent).toMatch(/Open the dashboard from the bot/);
  });

  it('finds no launch parameters in an empty hash', () => {
    expect(parseLaunchHash('')).toBeNull();
    expect(parseLaunchHash('#foo=bar')).toBeNull();
  });
});

describe('launch parameters', () => {
  it('keep the raw init data and read the language and theme', () => {
    const initData = 'query_id=AA&user=%7B%22id%22%3A1%2C%22language_code%22%3A%22en%22%7D&auth_date=1&hash=ff';
    const theme = JSON.stringify({ bg_color: '#17212b', text_color: '#f5f5f5' });
    const hash = `#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0&tgWebAppPlatform=tdesktop&tgWebAppThemeParams=${encodeURIComponent(theme)}`;
    const launch = parseLaunchHash(hash);
    expect(launch?.initData).toBe(initData);
    expect(launch?.languageCode).toBe('en');
    expect(launch?.version).toBe('8.0');
    expect(launch?.themeParams.bg_color).toBe('#17212b');
    expect(pickLanguage(launch?.languageCode)).toBe('en');
    expect(pickLanguage('ru')).toBe('ru');
    expect(pickLanguage(null)).toBe('ru');
    expect(pickLanguage('de')).toBe('ru');
  });
});

describe('theme', () => {
  it('marks the page dark or light by the background', () => {
    expect(applyTheme({ bg_color: '#17212b', text_color: '#f5f5f5' })).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(document.documentElement.style.getPropertyValue('--tg-theme-bg-color')).toBe('#17212b');
    expect(applyTheme({ bg_color: '#ffffff' })).toBe('light');
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(appearanceOf({})).toBe('light');
  });

  it('keeps what is not a colour out of the style sheet', () => {
    applyTheme({ bg_color: 'red; background: url(x)', text_color: '#000' });
    expect(document.documentElement.style.getPropertyValue('--tg-theme-bg-color')).toBe('#ffffff');
  });
});
