import type { Ref } from 'react';
import { Bar } from 'react-chartjs-2';

import type { Funnel } from '../api/types';
import { Card, Empty, Loaded } from '../components/Card';
import { formatCount } from '../format';
import { useI18n, type MessageKey } from '../i18n';
import type { Resource } from '../useResource';
import { useChartColours } from './chartSetup';

const STAGES: readonly (keyof Funnel)[] = ['registered', 'started', 'held', 'paid', 'completed'];

export function FunnelChart({ funnel, panelRef }: { funnel: Resource<Funnel>; panelRef?: Ref<HTMLElement> }) {
  const { t } = useI18n();
  return (
    <Card title={t('funnelTitle')} testId="chart-funnel" busy={funnel.status === 'loading'} panelRef={panelRef}>
      <Loaded resource={funnel} skeletonHeight={200} render={(data) => <FunnelBody data={data} />} />
    </Card>
  );
}

function FunnelBody({ data }: { data: Funnel }) {
  const { t, lang } = useI18n();
  const colours = useChartColours();
  if (data.registered === 0) return <Empty text={t('emptyData')} />;
  return (
    <div className="chart-box short">
      <Bar
        aria-label={t('funnelTitle')}
        role="img"
        data={{
          labels: STAGES.map((stage) => t(`funnel_${stage}` as MessageKey)),
          datasets: [
            {
              label: t('funnelTitle'),
              data: STAGES.map((stage) => data[stage]),
              backgroundColor: colours.accent,
              borderRadius: 4,
            },
          ],
        }}
        options={{
          indexAxis: 'y',
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const value = Number(item.raw);
                  const share = data.registered ? Math.round((value / data.registered) * 100) : 0;
                  return `${formatCount(value, lang)} (${share}%)`;
                },
              },
            },
          },
          scales: {
            x: { beginAtZero: true, ticks: { color: colours.hint, precision: 0 }, grid: { color: colours.grid } },
            y: { ticks: { color: colours.text }, grid: { display: false } },
          },
        }}
      />
    </div>
  );
}
