import '@telegram-apps/telegram-ui/dist/styles.css';
import './styles.css';

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

import { Api } from './api/client';
import { App, OpenFromBot } from './App';
import { pickLanguage } from './i18n';
import { parseLaunchHash, readLaunch, type Launch } from './telegram/launch';
import { startHost } from './telegram/host';
import { applyTheme } from './theme';

const root = createRoot(document.getElementById('root') as HTMLElement);
const launch = readLaunch();

// Telegram never changes the hash of an open Mini App; a tab given other launch parameters
// (another user, another theme) starts again with them.
function sameLaunch(a: Launch | null, b: Launch): boolean {
  return a !== null && a.initData === b.initData && JSON.stringify(a.themeParams) === JSON.stringify(b.themeParams);
}
window.addEventListener('hashchange', () => {
  const next = parseLaunchHash(window.location.hash);
  if (next && !sameLaunch(launch, next)) window.location.reload();
});

if (launch === null) {
  const prefersDark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const appearance = applyTheme(prefersDark ? { bg_color: '#17212b' } : {});
  const lang = pickLanguage(navigator.language);
  document.documentElement.lang = lang;
  root.render(
    <StrictMode>
      <OpenFromBot lang={lang} appearance={appearance} />
    </StrictMode>,
  );
} else {
  const appearance = applyTheme(launch.themeParams);
  const lang = pickLanguage(launch.languageCode);
  document.documentElement.lang = lang;
  const host = startHost(launch.version, launch.themeParams);
  root.render(
    <StrictMode>
      <App api={new Api(launch.initData)} lang={lang} host={host} appearance={appearance} />
    </StrictMode>,
  );
}
