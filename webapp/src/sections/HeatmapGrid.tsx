import type { CSSProperties, Ref } from 'react';

import type { Heatmap, SpaceHeatmap } from '../api/types';
import { Card, Empty, Loaded } from '../components/Card';
import { formatPercent } from '../format';
import { useI18n } from '../i18n';
import type { Resource } from '../useResource';

export function HeatmapGrid({ heatmap, panelRef }: { heatmap: Resource<Heatmap>; panelRef?: Ref<HTMLElement> }) {
  const { t } = useI18n();
  return (
    <Card title={t('heatmapTitle')} testId="chart-heatmap" busy={heatmap.status === 'loading'} panelRef={panelRef}>
      <Loaded
        resource={heatmap}
        skeletonHeight={200}
        render={(data) =>
          data.spaces.length === 0 ? (
            <Empty text={t('emptyHeatmap')} />
          ) : (
            data.spaces.map((space) => <SpaceGrid key={space.space_id} space={space} />)
          )
        }
      />
    </Card>
  );
}

/** The hours any day is open, so a space open 8 to 22 does not show 24 columns. */
function openHours(space: SpaceHeatmap): number[] {
  const hours: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    if (space.cells.some((row) => row[hour] !== null && row[hour] !== undefined)) hours.push(hour);
  }
  return hours;
}

function SpaceGrid({ space }: { space: SpaceHeatmap }) {
  const { t, m, lang } = useI18n();
  const hours = openHours(space);
  return (
    <div className="heatmap" data-space-id={space.space_id}>
      <h3 className="heatmap-title">{space.name}</h3>
      {hours.length === 0 ? (
        <Empty text={t('heatmapClosed')} />
      ) : (
        <div className="heatmap-scroll">
          <table className="heatmap-table">
            <thead>
              <tr>
                <th scope="col" />
                {hours.map((hour) => (
                  <th key={hour} scope="col">
                    {hour}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {space.cells.map((row, weekday) => (
                <tr key={weekday}>
                  <th scope="row">{m.weekdays[weekday]}</th>
                  {hours.map((hour) => {
                    const value = row[hour] ?? null;
                    const label =
                      value === null
                        ? `${m.weekdays[weekday]} ${hour}:00 — ${t('heatmapClosed')}`
                        : `${m.weekdays[weekday]} ${hour}:00 — ${formatPercent(value, lang)}`;
                    return (
                      <td
                        key={hour}
                        className={value === null ? 'closed' : undefined}
                        title={label}
                        aria-label={label}
                        style={
                          value === null
                            ? undefined
                            : ({ '--heat': `${Math.max(6, Math.min(100, value))}%` } as CSSProperties)
                        }
                      />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
