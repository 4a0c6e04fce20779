import { useEffect, useState } from 'react';

import type { PeriodParams } from '../api/client';
import type { Granularity, SpaceFigures } from '../api/types';
import { useServices } from '../context';
import { useI18n } from '../i18n';
import { DEFAULT_PRESET, monthOf, presetPeriod, shiftMonth, type Period, type PeriodChoice } from '../period';
import { useNearViewport } from '../useNearViewport';
import { useResource } from '../useResource';
import { CalendarMonth } from '../sections/CalendarMonth';
import { Exports } from '../sections/Exports';
import { FunnelChart } from '../sections/FunnelChart';
import { HeatmapGrid } from '../sections/HeatmapGrid';
import { KpiGrid } from '../sections/KpiGrid';
import { PeriodBar } from '../sections/PeriodBar';
import { SeriesChart } from '../sections/SeriesChart';
import { PromoCodesTable, ReferralsTable, TopClientsTable } from '../sections/Tables';
import { TariffChart } from '../sections/TariffChart';

import '../sections/chartSetup';

export interface DashboardProps {
  now: () => Date;
  viewerName: string | null;
  onHelp: () => void;
}

/** The main screen: the period and space filter, then every figure of that period. */
export function Dashboard({ now, viewerName, onHelp }: DashboardProps) {
  const { api } = useServices();
  const { t } = useI18n();
  const [choice, setChoice] = useState<PeriodChoice>(DEFAULT_PRESET);
  const [period, setPeriod] = useState<Period>(() => presetPeriod(DEFAULT_PRESET, now()));
  const [spaceId, setSpaceId] = useState<number | null>(null);
  const [spaces, setSpaces] = useState<SpaceFigures[]>([]);
  const [granularity, setGranularity] = useState<Granularity>('day');
  const [month, setMonth] = useState(() => monthOf(period.dateTo));

  const params: PeriodParams = { ...period, spaceId };
  const key = `${period.dateFrom}/${period.dateTo}/${spaceId ?? ''}`;
  const wholeKey = `${period.dateFrom}/${period.dateTo}`;

  // The KPI grid loads at once; every panel below it waits until it nears the viewport, then
  // keeps following the period and space like the grid.
  const [seriesRef, seriesSeen] = useNearViewport();
  const [heatmapRef, heatmapSeen] = useNearViewport();
  const [funnelRef, funnelSeen] = useNearViewport();
  const [tariffsRef, tariffsSeen] = useNearViewport();
  const [promoRef, promoSeen] = useNearViewport();
  const [referralsRef, referralsSeen] = useNearViewport();
  const [topClientsRef, topClientsSeen] = useNearViewport();
  const [calendarRef, calendarSeen] = useNearViewport();

  const summary = useResource(key, () => api.summary(params));
  const series = useResource(`${key}/${granularity}`, () => api.series(params, granularity), seriesSeen);
  const heatmap = useResource(key, () => api.heatmap(params), heatmapSeen);
  const funnel = useResource(wholeKey, () => api.funnel(params), funnelSeen);
  const tariffs = useResource(key, () => api.tariffs(params), tariffsSeen);
  const promo = useResource(wholeKey, () => api.promoCodes(params), promoSeen);
  const referrals = useResource(wholeKey, () => api.referrals(params), referralsSeen);
  const topClients = useResource(key, () => api.topClients(params), topClientsSeen);
  const calendar = useResource(`${month}/${spaceId ?? ''}`, () => api.calendar(month, spaceId), calendarSeen);

  // The filter offers the spaces of the whole coworking, learnt while no space is chosen.
  const summaryData = summary.data;
  useEffect(() => {
    if (summaryData && spaceId === null) setSpaces(summaryData.current.spaces);
  }, [summaryData, spaceId]);

  const changePeriod = (next: PeriodChoice, nextPeriod: Period) => {
    setChoice(next);
    setPeriod(nextPeriod);
    setMonth(monthOf(nextPeriod.dateTo));
  };

  return (
    <main className="dashboard">
      <header className="top">
        <div className="top-title">
          <h1>{t('appTitle')}</h1>
          {viewerName && <p className="hint">{viewerName}</p>}
        </div>
        <button type="button" className="chip help" data-testid="help-open" onClick={onHelp}>
          ? {t('helpOpen')}
        </button>
      </header>
      <PeriodBar choice={choice} period={period} now={now} onChange={changePeriod} />
      <label className="space-filter">
        <span>{t('space')}</span>
        <select
          data-testid="space-filter"
          value={spaceId === null ? '' : String(spaceId)}
          onChange={(event) => setSpaceId(event.target.value ? Number(event.target.value) : null)}
        >
          <option value="">{t('allSpaces')}</option>
          {spaces.map((space) => (
            <option key={space.space_id} value={space.space_id}>
              {space.name}
            </option>
          ))}
        </select>
      </label>
      <KpiGrid summary={summary} />
      <div className="sections">
        <SeriesChart series={series} granularity={granularity} onGranularity={setGranularity} panelRef={seriesRef} />
        <HeatmapGrid heatmap={heatmap} panelRef={heatmapRef} />
        <FunnelChart funnel={funnel} panelRef={funnelRef} />
        <TariffChart tariffs={tariffs} panelRef={tariffsRef} />
        <PromoCodesTable promo={promo} panelRef={promoRef} />
        <ReferralsTable referrals={referrals} panelRef={referralsRef} />
        <TopClientsTable clients={topClients} panelRef={topClientsRef} />
        <CalendarMonth
          month={month}
          calendar={calendar}
          onMonth={(by) => setMonth(shiftMonth(month, by))}
          panelRef={calendarRef}
        />
        <Exports period={period} />
      </div>
    </main>
  );
}
