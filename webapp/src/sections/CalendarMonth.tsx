import type { CSSProperties, Ref } from 'react';

import type { Calendar } from '../api/types';
import { Card, Loaded } from '../components/Card';
import { formatCount, formatMoney, formatPercent, monthTitle } from '../format';
import { useI18n } from '../i18n';
import type { Resource } from '../useResource';

export function CalendarMonth({
  month,
  calendar,
  onMonth,
  panelRef,
}: {
  month: string;
  calendar: Resource<Calendar>;
  onMonth: (by: number) => void;
  panelRef?: Ref<HTMLElement>;
}) {
  const { t, lang } = useI18n();
  const nav = (
    <div className="month-nav">
      <button type="button" className="chip" aria-label={t('previousMonth')} data-testid="calendar-prev" onClick={() => onMonth(-1)}>
        ‹
      </button>
      <span className="month-name">{monthTitle(month, lang)}</span>
      <button type="button" className="chip" aria-label={t('nextMonth')} data-testid="calendar-next" onClick={() => onMonth(1)}>
        ›
      </button>
    </div>
  );
  return (
    <Card title={t('calendarTitle')} actions={nav} testId="calendar" busy={calendar.status === 'loading'} panelRef={panelRef}>
      <Loaded resource={calendar} skeletonHeight={240} render={(data) => <MonthGrid data={data} />} />
    </Card>
  );
}

function MonthGrid({ data }: { data: Calendar }) {
  const { t, m, lang } = useI18n();
  const lead = data.days[0]?.weekday ?? 0;
  const total = data.days.reduce((sum, day) => sum + day.bookings, 0);
  return (
    <>
      <div className="month-grid" role="grid">
        {m.weekdays.map((name) => (
          <div key={name} className="month-weekday" role="columnheader">
            {name}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} className="month-day blank" />
        ))}
        {data.days.map((day) => {
          const label = `${day.date}: ${t('bookings')} ${formatCount(day.bookings, lang)}, ${t('revenue')} ${formatMoney(day.revenue_kopecks, lang)}, ${formatPercent(day.occupancy_percent, lang)}`;
          return (
            <div
              key={day.date}
              className={`month-day${day.bookings > 0 ? ' busy' : ''}`}
              role="gridcell"
              title={label}
              aria-label={label}
              data-date={day.date}
              style={{ '--heat': `${Math.min(100, day.occupancy_percent)}%` } as CSSProperties}
            >
              <span className="month-date">{Number(day.date.slice(8))}</span>
              {day.bookings > 0 && <span className="month-count">{day.bookings}</span>}
            </div>
          );
        })}
      </div>
      {total === 0 && <p className="empty">{t('emptyBookings')}</p>}
    </>
  );
}
