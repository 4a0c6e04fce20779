import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useMemo } from 'react';

import { useServices } from '../context';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

export interface ChartColours {
  text: string;
  hint: string;
  grid: string;
  accent: string;
  second: string;
  palette: string[];
}

function cssVar(name: string, fallback: string): string {
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return value || fallback;
}

/** The theme's colours for Chart.js, which cannot read CSS variables itself. */
export function chartColours(): ChartColours {
  const accent = cssVar('--tg-theme-button-color', '#2481cc');
  return {
    text: cssVar('--tg-theme-text-color', '#000000'),
    hint: cssVar('--tg-theme-hint-color', '#999999'),
    grid: cssVar('--tg-theme-section-separator-color', 'rgba(128,128,128,0.2)'),
    accent,
    second: '#f5a623',
    palette: [accent, '#f5a623', '#34c759', '#af52de', '#ff3b30', '#5ac8fa', '#ff9500', '#8e8e93'],
  };
}

/** The chart colours, worked out again when Telegram switches the theme. */
export function useChartColours(): ChartColours {
  const { appearance } = useServices();
  return useMemo(() => chartColours(), [appearance]);
}
