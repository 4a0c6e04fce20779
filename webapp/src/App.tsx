import { AppRoot } from '@telegram-apps/telegram-ui';
import { Suspense, lazy, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';

import { ApiError, type Api } from './api/client';
import { Skeleton } from './components/Card';
import { Notice } from './components/Notice';
import { AppContext, type AppServices, type AuthFailure } from './context';
import { I18nContext, translator, type Lang } from './i18n';
import { Dashboard } from './screens/Dashboard';
import { NO_HOST, type Host } from './telegram/host';
import { applyTheme, type Appearance, type ThemeParams } from './theme';

const HelpScreen = lazy(() => import('./screens/HelpScreen'));

export type Screen = 'main' | 'help';

export interface AppProps {
  api: Api;
  lang: Lang;
  host?: Host;
  appearance?: Appearance;
  /** The clock the period presets read; tests pass a fixed one. */
  now?: () => Date;
}

/** Shell used by every screen: the UI kit's root, in the theme's appearance. */
export function Shell({ lang, appearance, children }: { lang: Lang; appearance: Appearance; children: ReactNode }) {
  const i18n = useMemo(() => translator(lang), [lang]);
  return (
    <I18nContext.Provider value={i18n}>
      <AppRoot appearance={appearance} platform="base" className="app-root">
        {children}
      </AppRoot>
    </I18nContext.Provider>
  );
}

/** The dashboard inside Telegram: checks who signed in, then shows the figures or says why not. */
export function App({ api, lang, host = NO_HOST, appearance: initialAppearance = 'light', now = () => new Date() }: AppProps) {
  const [appearance, setAppearance] = useState<Appearance>(initialAppearance);
  const [refused, setRefused] = useState<AuthFailure | null>(null);
  const [viewerName, setViewerName] = useState<string | null>(null);
  const [screen, setScreen] = useState<Screen>('main');
  const i18n = useMemo(() => translator(lang), [lang]);

  const onAuthFailure = useCallback((status: AuthFailure) => {
    setRefused((current) => current ?? status);
  }, []);

  useEffect(() => host.onThemeChange((params: ThemeParams) => setAppearance(applyTheme(params))), [host]);

  // Who signed in, alongside the figures: a role without view_analytics is refused at once.
  useEffect(() => {
    let current = true;
    api.me().then(
      (me) => {
        if (!current) return;
        setViewerName(me.name);
        if (!me.permissions.includes('view_analytics')) onAuthFailure(403);
      },
      (error: unknown) => {
        if (current && error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          onAuthFailure(error.status);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [api, onAuthFailure]);

  const goMain = useCallback(() => setScreen('main'), []);
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [screen]);
  useEffect(() => {
    if (screen === 'main' || refused !== null) {
      host.hideBackButton();
      return undefined;
    }
    host.showBackButton();
    return host.onBack(goMain);
  }, [screen, refused, host, goMain]);

  const services = useMemo<AppServices>(
    () => ({ api, host, appearance, onAuthFailure }),
    [api, host, appearance, onAuthFailure],
  );

  let body: ReactNode;
  if (refused === 401) {
    body = <Notice testId="session-expired" icon="⏳" title={i18n.t('sessionExpiredTitle')} text={i18n.t('sessionExpiredText')} />;
  } else if (refused === 403) {
    body = <Notice testId="no-access" icon="🔒" title={i18n.t('noAccessTitle')} text={i18n.t('noAccessText')} />;
  } else {
    body = (
      <>
        <div hidden={screen !== 'main'}>
          <Dashboard now={now} viewerName={viewerName} onHelp={() => setScreen('help')} />
        </div>
        {screen === 'help' && (
          <Suspense fallback={<Skeleton height={320} />}>
            <HelpScreen onBack={goMain} showBackLink={host === NO_HOST} />
          </Suspense>
        )}
      </>
    );
  }

  return (
    <AppContext.Provider value={services}>
      <Shell lang={lang} appearance={appearance}>
        {body}
      </Shell>
    </AppContext.Provider>
  );
}

/** Outside Telegram: no init data, so no API call; say where the dashboard opens. */
export function OpenFromBot({ lang, appearance = 'light' }: { lang: Lang; appearance?: Appearance }) {
  const { t } = translator(lang);
  return (
    <Shell lang={lang} appearance={appearance}>
      <Notice testId="open-from-bot" icon="🤖" title={t('openFromBotTitle')} text={t('openFromBotText')} />
    </Shell>
  );
}
