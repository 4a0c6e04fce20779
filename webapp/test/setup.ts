import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// jsdom has no layout, media queries or canvas: what the UI kit and Chart.js ask for.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!('ResizeObserver' in window)) {
  Object.defineProperty(window, 'ResizeObserver', { writable: true, value: NoResizeObserver });
}

window.scrollTo = () => undefined;

HTMLCanvasElement.prototype.getContext = vi.fn(() => null) as unknown as HTMLCanvasElement['getContext'];

// Chart.js needs a real 2D context; the component tests check what we render around it.
vi.mock('react-chartjs-2', async () => {
  const { createElement } = await import('react');
  const chart = (props: { 'aria-label'?: string }) =>
    createElement('canvas', { role: 'img', 'aria-label': props['aria-label'] });
  return { Chart: chart, Bar: chart, Doughnut: chart, Line: chart };
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});
