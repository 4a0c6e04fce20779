import type { Summary } from '../api/types';
import { ErrorState } from '../components/Card';
import type { Resource } from '../useResource';
import { KpiCard } from './KpiCard';
import { KPIS, figureValue } from './kpis';

export function KpiGrid({ summary }: { summary: Resource<Summary> }) {
  if (summary.status === 'error') {
    return (
      <div className="card">
        <ErrorState error={summary.error} onRetry={summary.retry} />
      </div>
    );
  }
  const data = summary.status === 'ready' ? summary.data : null;
  return (
    <div className="kpi-grid">
      {KPIS.map((spec) => (
        <KpiCard
          key={spec.id}
          spec={spec}
          loading={data === null}
          current={data ? figureValue(data.current, spec.field) : null}
          previous={data ? figureValue(data.previous, spec.field) : null}
        />
      ))}
    </div>
  );
}
