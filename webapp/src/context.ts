import { createContext, useContext } from 'react';

import type { Api } from './api/client';
import type { Appearance } from './theme';
import { NO_HOST, type Host } from './telegram/host';

export type AuthFailure = 401 | 403;

export interface AppServices {
  api: Api;
  host: Host;
  appearance: Appearance;
  /** A 401 or 403 from any request: the whole app turns into the matching screen. */
  onAuthFailure: (status: AuthFailure) => void;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useServices outside <AppContext.Provider>');
  return services;
}

export { NO_HOST };
