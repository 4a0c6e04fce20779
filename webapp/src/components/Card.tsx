import { Button } from '@telegram-apps/telegram-ui';
import type { ReactNode, Ref } from 'react';

import type { ApiError } from '../api/client';
import { useI18n } from '../i18n';
import type { Resource } from '../useResource';

export function Card({
  title,
  actions,
  children,
  testId,
  busy,
  panelRef,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  busy?: boolean;
  /** The section element, for a panel that loads once it nears the viewport. */
  panelRef?: Ref<HTMLElement>;
}) {
  return (
    <section ref={panelRef} className="card" data-testid={testId} aria-busy={busy ? 'true' : undefined}>
      <header className="card-head">
        <h2 className="card-title">{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function Skeleton({ height = 160 }: { height?: number }) {
  return <div className="skeleton" style={{ height }} aria-hidden="true" />;
}

export function Empty({ text }: { text: string }) {
  return <p className="empty">{text}</p>;
}

export function errorText(error: ApiError, t: ReturnType<typeof useI18n>['t']): string {
  if (error.status === 0) return t('errorNetwork');
  if (error.status === 422) return t('errorBadQuery');
  return t('errorGeneric');
}

export function ErrorState({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-state" role="alert">
      <p>{errorText(error, t)}</p>
      <Button size="s" mode="bezeled" data-testid="error-retry" onClick={onRetry}>
        {t('retry')}
      </Button>
    </div>
  );
}

/** The body of a section: a skeleton while loading, an error with Retry, or `render(data)`. */
export function Loaded<T>({
  resource,
  render,
  skeletonHeight,
}: {
  resource: Resource<T>;
  render: (data: T) => ReactNode;
  skeletonHeight?: number;
}) {
  if (resource.status === 'loading') return <Skeleton height={skeletonHeight} />;
  if (resource.status === 'error') return <ErrorState error={resource.error} onRetry={resource.retry} />;
  return <>{render(resource.data)}</>;
}
