import { useState } from 'react';

import { useI18n, type MessageKey } from '../i18n';
import {
  EARLIEST_DATE,
  LATEST_DATE,
  MAX_PERIOD_DAYS,
  PRESETS,
  periodProblem,
  presetPeriod,
  type Period,
  type PeriodChoice,
} from '../period';

export interface PeriodBarProps {
  choice: PeriodChoice;
  period: Period;
  now: () => Date;
  onChange: (choice: PeriodChoice, period: Period) => void;
}

/** The preset periods and a custom range, checked as the API checks it. */
export function PeriodBar({ choice, period, now, onChange }: PeriodBarProps) {
  const { t } = useI18n();
  const [customOpen, setCustomOpen] = useState(choice === 'custom');
  const [draft, setDraft] = useState<Period>(period);
  const [problem, setProblem] = useState<string | null>(null);
  const pressed: PeriodChoice = customOpen ? 'custom' : choice;

  const openCustom = () => {
    setDraft(period);
    setProblem(null);
    setCustomOpen(true);
  };
  const apply = () => {
    const found = periodProblem(draft);
    if (found) {
      setProblem(t(`problem_${found}` as MessageKey, { days: MAX_PERIOD_DAYS }));
      return;
    }
    setProblem(null);
    onChange('custom', draft);
  };

  return (
    <div className="period-bar">
      <div className="chips" role="group" aria-label={t('period')}>
        {PRESETS.map((preset) => (
          <button
            key={preset}
            type="button"
            className="chip"
            data-testid={`period-${preset}`}
            aria-pressed={pressed === preset}
            onClick={() => {
              setCustomOpen(false);
              setProblem(null);
              onChange(preset, presetPeriod(preset, now()));
            }}
          >
            {t(`preset_${preset}` as MessageKey)}
          </button>
        ))}
        <button
          type="button"
          className="chip"
          data-testid="period-custom"
          aria-pressed={pressed === 'custom'}
          onClick={openCustom}
        >
          {t('preset_custom')}
        </button>
      </div>
      {customOpen && (
        <form
          className="custom-range"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            apply();
          }}
        >
          <label>
            <span>{t('dateFrom')}</span>
            <input
              type="date"
              data-testid="period-from"
              value={draft.dateFrom}
              min={EARLIEST_DATE}
              max={LATEST_DATE}
              onChange={(event) => setDraft({ ...draft, dateFrom: event.target.value })}
            />
          </label>
          <label>
            <span>{t('dateTo')}</span>
            <input
              type="date"
              data-testid="period-to"
              value={draft.dateTo}
              min={EARLIEST_DATE}
              max={LATEST_DATE}
              onChange={(event) => setDraft({ ...draft, dateTo: event.target.value })}
            />
          </label>
          <button type="submit" className="chip primary" data-testid="period-apply">
            {t('apply')}
          </button>
          {problem && (
            <p className="form-problem" role="alert" data-testid="period-error">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
