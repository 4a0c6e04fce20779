import type { Ref } from 'react';
import { Doughnut } from 'react-chartjs-2';

import type { TariffMix } from '../api/types';
import { Card, Empty, Loaded } from '../components/Card';
import { formatCount, formatMoney, formatPercent } from '../format';
import { useI18n } from '../i18n';
import type { Resource } from '../useResource';
import { useChartColours } from './chartSetup';

export function TariffChart({ tariffs, panelRef }: { tariffs: Resource<TariffMix>; panelRef?: Ref<HTMLElement> }) {
  const { t } = useI18n();
  return (
    <Card title={t('tariffsTitle')} testId="chart-tariffs" busy={tariffs.status === 'loading'} panelRef={panelRef}>
      <Loaded resource={tariffs} skeletonHeight={200} render={(data) => <TariffBody data={data} />} />
    </Card>
  );
}

function TariffBody({ data }: { data: TariffMix }) {
  const { t, lang } = useI18n();
  const colours = useChartColours();
  const shown = data.tariffs.filter((tariff) => tariff.bookings > 0);
  if (shown.length === 0) return <Empty text={t('emptyTariffs')} />;
  return (
    <div className="chart-box short">
      <Doughnut
        aria-label={t('tariffsTitle')}
        role="img"
        data={{
          labels: shown.map((tariff) => tariff.name),
          datasets: [
            {
              data: shown.map((tariff) => tariff.bookings),
              backgroundColor: shown.map((_, i) => colours.palette[i % colours.palette.length] ?? colours.accent),
              borderWidth: 0,
            },
          ],
        }}
        options={{
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: {
            legend: { position: 'right', labels: { color: colours.text, boxWidth: 12 } },
            tooltip: {
              callbacks: {
                label: (item) => {
                  const tariff = shown[item.dataIndex];
                  if (!tariff) return '';
                  return `${formatCount(tariff.bookings, lang)} · ${formatPercent(tariff.share_percent, lang)} · ${formatMoney(tariff.revenue_kopecks, lang)}`;
                },
              },
            },
          },
        }}
      />
    </div>
  );
}
