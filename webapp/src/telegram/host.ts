/** Telegram's host, wrapped: every call is optional, since the dashboard also runs in a plain
 * browser tab (our headless browser tests) where no host answers. Nothing here throws. */

import {
  backButton,
  downloadFile as sdkDownloadFile,
  init as sdkInit,
  miniApp,
  on,
  openLink,
  viewport,
  type ThemeParamsType as SdkThemeParams,
} from '@tma.js/sdk-react';

import type { ThemeParams } from '../theme';

function attempt(action: () => void): boolean {
  try {
    action();
    return true;
  } catch {
    return false;
  }
}

/** Is there a Telegram client to talk to (a native webview, or the web client's parent)? */
export function hasHost(): boolean {
  const w = window as unknown as {
    TelegramWebviewProxy?: { postEvent?: unknown };
    external?: { notify?: unknown };
  };
  if (typeof w.TelegramWebviewProxy?.postEvent === 'function') return true;
  if (typeof w.external?.notify === 'function') return true;
  try {
    return window.parent !== window;
  } catch {
    return true;
  }
}

function versionAtLeast(version: string | null, wanted: [number, number]): boolean {
  if (!version) return false;
  const [major = 0, minor = 0] = version.split('.').map((part) => Number(part) || 0);
  return major > wanted[0] || (major === wanted[0] && minor >= wanted[1]);
}

export type DownloadResult = 'started' | 'denied' | 'failed';

// Telegram asks the user first; past this we stop waiting and open the link instead.
const DOWNLOAD_TIMEOUT_MS = 60_000;

export interface Host {
  /** Whether `downloadFile` (web_app_request_file_download, Bot API 8.0+) can be used. */
  canDownloadFile: boolean;
  showBackButton(): void;
  hideBackButton(): void;
  /** Calls `listener` on the back button; returns the unsubscribe function. */
  onBack(listener: () => void): () => void;
  onThemeChange(listener: (params: ThemeParams) => void): () => void;
  /** Asks Telegram to download `url`: 'failed' when it could not (the caller opens the link
   * instead), 'denied' when the user said no in Telegram's dialog. */
  downloadFile(url: string, fileName: string): Promise<DownloadResult>;
  openLink(url: string): boolean;
}

/** A host that does nothing: outside Telegram, and in component tests. */
export const NO_HOST: Host = {
  canDownloadFile: false,
  showBackButton: () => undefined,
  hideBackButton: () => undefined,
  onBack: () => () => undefined,
  onThemeChange: () => () => undefined,
  downloadFile: () => Promise.resolve('failed'),
  openLink: () => false,
};

/** Starts the SDK and tells Telegram the app is ready; in a plain tab (no host) it is NO_HOST.
 * The SDK gets the version and theme we parsed, so its own strict parse of the launch
 * parameters cannot stop it. */
export function startHost(version: string | null, themeParams: ThemeParams): Host {
  if (!hasHost()) return NO_HOST;
  attempt(() =>
    sdkInit({
      version: version ?? '6.0',
      isInlineMode: false,
      themeParams: themeParams as SdkThemeParams,
    }),
  );
  attempt(() => backButton.mount());
  attempt(() => miniApp.mount());
  attempt(() => miniApp.ready());
  attempt(() => {
    void Promise.resolve(viewport.mount()).then(
      () => attempt(() => viewport.expand()),
      () => undefined,
    );
  });
  return {
    canDownloadFile: versionAtLeast(version, [8, 0]),
    showBackButton: () => void attempt(() => backButton.show()),
    hideBackButton: () => void attempt(() => backButton.hide()),
    onBack: (listener) => {
      let off: () => void = () => undefined;
      attempt(() => {
        off = backButton.onClick(listener);
      });
      return () => void attempt(off);
    },
    onThemeChange: (listener) => {
      let off: () => void = () => undefined;
      attempt(() => {
        off = on('theme_changed', (payload) => listener(payload.theme_params as ThemeParams));
      });
      return () => void attempt(off);
    },
    downloadFile: async (url, fileName) => {
      try {
        await sdkDownloadFile(url, fileName, { timeout: DOWNLOAD_TIMEOUT_MS });
        return 'started';
      } catch (error) {
        return error instanceof Error && error.name === 'AccessDeniedError' ? 'denied' : 'failed';
      }
    },
    openLink: (url) => attempt(() => openLink(url)),
  };
}
