/** The launch parameters Telegram gives the Mini App in the URL hash (`#tgWebAppData=...`).
 * Our own parse of the hash comes first: it keeps the init data byte for byte and takes odd but
 * usable parameters the SDK's strict parser refuses. The SDK is the fallback: it also finds the
 * parameters it saved in session storage when the hash is gone (a reload inside Telegram). */

import { retrieveLaunchParams, retrieveRawInitData } from '@tma.js/sdk-react';

import type { ThemeParams } from '../theme';

export interface Launch {
  /** The raw init data, exactly as Telegram signed it: sent as `Authorization: tma ...`. */
  initData: string;
  languageCode: string | null;
  version: string | null;
  platform: string | null;
  themeParams: ThemeParams;
}

function userLanguage(initData: string): string | null {
  try {
    const user = new URLSearchParams(initData).get('user');
    if (!user) return null;
    const parsed: unknown = JSON.parse(user);
    if (parsed && typeof parsed === 'object' && 'language_code' in parsed) {
      const code = (parsed as { language_code: unknown }).language_code;
      return typeof code === 'string' ? code : null;
    }
  } catch {
    // a user we cannot read speaks the default language
  }
  return null;
}

function parseThemeParams(raw: string | null): ThemeParams {
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as ThemeParams) : {};
  } catch {
    return {};
  }
}

/** The launch parameters of a hash like `#tgWebAppData=...&tgWebAppVersion=8.0`, or null. */
export function parseLaunchHash(hash: string): Launch | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const initData = params.get('tgWebAppData');
  if (!initData) return null;
  return {
    initData,
    languageCode: userLanguage(initData),
    version: params.get('tgWebAppVersion'),
    platform: params.get('tgWebAppPlatform'),
    themeParams: parseThemeParams(params.get('tgWebAppThemeParams')),
  };
}

function fromSdk(): Launch | null {
  try {
    const initData = retrieveRawInitData();
    if (!initData) return null;
    const launch = retrieveLaunchParams();
    const theme = (launch.tgWebAppThemeParams ?? {}) as Record<string, unknown>;
    const themeParams: ThemeParams = {};
    for (const [key, value] of Object.entries(theme)) {
      if (typeof value === 'string') themeParams[key] = value;
    }
    return {
      initData,
      languageCode: userLanguage(initData),
      version: launch.tgWebAppVersion ?? null,
      platform: launch.tgWebAppPlatform ?? null,
      themeParams,
    };
  } catch {
    return null;
  }
}

/** The launch parameters of this page, or null outside Telegram. */
export function readLaunch(hash: string = window.location.hash): Launch | null {
  return parseLaunchHash(hash) ?? fromSdk();
}
