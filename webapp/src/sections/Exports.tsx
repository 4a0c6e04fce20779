import { Button } from '@telegram-apps/telegram-ui';
import { useState } from 'react';

import { ApiError } from '../api/client';
import type { ExportFormat, ExportKind } from '../api/types';
import { Card } from '../components/Card';
import { useServices } from '../context';
import { useI18n, type MessageKey } from '../i18n';
import { MAX_EXPORT_DAYS, exportAllowed, type Period } from '../period';

export const EXPORT_KINDS: readonly ExportKind[] = ['bookings', 'payments', 'users'];
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx'];

type Outcome = { ok: boolean; text: string };

/** Opens a link in this page: a same-origin file link downloads instead of navigating. */
function openInPage(url: string, fileName: string): void {
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  anchor.rel = 'noopener';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
}

export function Exports({ period }: { period: Period }) {
  const { api, host, onAuthFailure } = useServices();
  const { t } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const allowed = exportAllowed(period);

  const failure = (error: unknown): string => {
    if (!(error instanceof ApiError)) return t('exportFailed');
    if (error.status === 401 || error.status === 403) onAuthFailure(error.status);
    if (error.status === 0) return t('errorNetwork');
    if (error.status === 409) return t('exportCannotWrite');
    if (error.status === 413) return t('exportTooLarge');
    if (error.status === 502) return t('exportTelegramFailed');
    return t('exportFailed');
  };

  const run = async (id: string, action: () => Promise<string>) => {
    setBusy(id);
    setOutcome(null);
    try {
      setOutcome({ ok: true, text: await action() });
    } catch (error) {
      setOutcome({ ok: false, text: failure(error) });
    } finally {
      setBusy(null);
    }
  };

  const download = (kind: ExportKind, fmt: ExportFormat) =>
    run(`export-${kind}-${fmt}`, async () => {
      const link = await api.exportLink(kind, fmt, period);
      const fileName = `${kind}_${period.dateFrom}_${period.dateTo}.${fmt}`;
      const result = host.canDownloadFile ? await host.downloadFile(link.url, fileName) : 'failed';
      if (result === 'denied') return t('downloadCancelled');
      if (result === 'failed' && !host.openLink(link.url)) openInPage(link.url, fileName);
      return t('downloadStarted', { file: fileName });
    });

  const send = (kind: ExportKind, fmt: ExportFormat) =>
    run(`send-${kind}-${fmt}`, async () => {
      const sent = await api.exportSend(kind, fmt, period);
      return t('sentToChat', { file: sent.filename });
    });

  // Download (a signed link) and Send to chat: one row of formats each.
  const actions = [
    { id: 'export', label: 'download', mode: 'bezeled', run: download },
    { id: 'send', label: 'sendToChat', mode: 'gray', run: send },
  ] as const;

  return (
    <Card title={t('exportTitle')} testId="exports">
      {!allowed && <p className="hint">{t('exportTooLong', { days: MAX_EXPORT_DAYS })}</p>}
      <div className="export-rows">
        {EXPORT_KINDS.map((kind) => (
          <div className="export-row" key={kind}>
            <span className="export-kind">{t(`export_${kind}` as MessageKey)}</span>
            {actions.map((action) => (
              <div className="export-buttons" key={action.id}>
                <span className="export-action">{t(action.label)}</span>
                {EXPORT_FORMATS.map((fmt) => (
                  <Button
                    key={fmt}
                    size="s"
                    mode={action.mode}
                    data-testid={`${action.id}-${kind}-${fmt}`}
                    disabled={!allowed || busy !== null}
                    loading={busy === `${action.id}-${kind}-${fmt}`}
                    onClick={() => void action.run(kind, fmt)}
                    aria-label={`${t(action.label)}: ${t(`export_${kind}` as MessageKey)}, ${fmt.toUpperCase()}`}
                  >
                    {fmt.toUpperCase()}
                  </Button>
                ))}
              </div>
            ))}
          </div>
        ))}
      </div>
      {outcome && (
        <p className={`export-outcome ${outcome.ok ? 'ok' : 'bad'}`} role="status" data-testid="export-status">
          {outcome.text}
        </p>
      )}
    </Card>
  );
}
