import type { Ref } from 'react';
import { Chart } from 'react-chartjs-2';

import type { Granularity, Series } from '../api/types';
import { Card, Empty, Loaded } from '../components/Card';
import { formatCount, formatMoney, shortDate } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { Resource } from '../useResource';
import { useChartColours } from './chartSetup';

const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month'];

export function SeriesChart({
  series,
  granularity,
  onGranularity,
  panelRef,
}: {
  series: Resource<Series>;
  granularity: Granularity;
  onGranularity: (value: Granularity) => void;
  panelRef?: Ref<HTMLElement>;
}) {
  const { t } = useI18n();
  const switcher = (
    <div className="chips small" role="group">
      {GRANULARITIES.map((value) => (
        <button
          key={value}
          type="button"
          className="chip"
          data-testid={`granularity-${value}`}
          aria-pressed={granularity === value}
          onClick={() => onGranularity(value)}
        >
          {t(`granularity_${value}` as MessageKey)}
        </button>
      ))}
    </div>
  );
  return (
    <Card title={t('seriesTitle')} actions={switcher} testId="chart-series" busy={series.status === 'loading'} panelRef={panelRef}>
      <Loaded resource={series} skeletonHeight={220} render={(data) => <SeriesBody data={data} />} />
    </Card>
  );
}

function SeriesBody({ data }: { data: Series }) {
  const { t, lang } = useI18n();
  const colours = useChartColours();
  const hasAny = data.points.some((p) => p.bookings > 0 || p.revenue_kopecks !== 0);
  if (!hasAny) return <Empty text={t('emptyBookings')} />;
  const labels = data.points.map((p) => shortDate(p.date_from, lang));
  return (
    <div className="chart-box">
      <Chart
        type="bar"
        aria-label={t('seriesTitle')}
        role="img"
        data={{
          labels,
          datasets: [
            {
              type: 'bar' as const,
              label: t('revenue'),
              data: data.points.map((p) => p.revenue_kopecks / 100),
              backgroundColor: colours.accent,
              borderRadius: 4,
              yAxisID: 'money',
              order: 2,
            },
            {
              type: 'line' as const,
              label: t('bookings'),
              data: data.points.map((p) => p.bookings),
              borderColor: colours.second,
              backgroundColor: colours.second,
              tension: 0.3,
              pointRadius: data.points.length > 40 ? 0 : 3,
              yAxisID: 'count',
              order: 1,
            },
          ],
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          interaction: { mode: 'index', intersect: false },
          plugins: {
            legend: { labels: { color: colours.text, boxWidth: 12 } },
            tooltip: {
              callbacks: {
                label: (item) =>
                  item.dataset.yAxisID === 'money'
                    ? `${item.dataset.label}: ${formatMoney(Math.round(Number(item.raw) * 100), lang)}`
                    : `${item.dataset.label}: ${formatCount(Number(item.raw), lang)}`,
              },
            },
          },
          scales: {
            x: { ticks: { color: colours.hint, maxRotation: 0, autoSkip: true }, grid: { display: false } },
            money: {
              position: 'left',
              beginAtZero: true,
              ticks: { color: colours.hint, callback: (value) => formatMoney(Number(value) * 100, lang) },
              grid: { color: colours.grid },
            },
            count: {
              position: 'right',
              beginAtZero: true,
              ticks: { color: colours.hint, precision: 0 },
              grid: { display: false },
            },
          },
        }}
      />
    </div>
  );
}
