import { changeOf, formatChange } from '../format';
import { useI18n } from '../i18n';
import { kpiLabel, type KpiSpec } from './kpis';

export interface KpiCardProps {
  spec: KpiSpec;
  current: number | null;
  previous: number | null;
  loading: boolean;
}

/** One figure with its change against the previous period of the same length. */
export function KpiCard({ spec, current, previous, loading }: KpiCardProps) {
  const { t, lang } = useI18n();
  const change = changeOf(current, previous);
  let mood = 'neutral';
  if (change.direction === 'up' || change.direction === 'down') {
    const good = (change.direction === 'up') !== Boolean(spec.lowerIsBetter);
    mood = good ? 'good' : 'bad';
  }
  return (
    <article
      className="kpi"
      data-testid={`kpi-${spec.id}`}
      data-loading={loading ? 'true' : 'false'}
      aria-busy={loading ? 'true' : 'false'}
    >
      <h3 className="kpi-label">{t(kpiLabel(spec.id))}</h3>
      {loading ? (
        <>
          <div className="skeleton skeleton-line" data-testid="kpi-value" aria-hidden="true" />
          <div className="skeleton skeleton-line short" data-testid="kpi-change" aria-hidden="true" />
        </>
      ) : (
        <>
          <p className="kpi-value" data-testid="kpi-value">
            {spec.format(current, lang)}
          </p>
          <p
            className={`kpi-change ${mood}`}
            data-testid="kpi-change"
            data-direction={change.direction}
            title={`${t('vsPrevious')}: ${spec.format(previous, lang)}`}
          >
            {formatChange(change, lang)}
          </p>
        </>
      )}
    </article>
  );
}
