/** Telegram's theme colours as CSS variables (`--tg-theme-bg-color`, ...), which our styles and
 * the Telegram UI kit read, and `data-theme` on <html> from the background's luminance. */

export type ThemeParams = Record<string, string>;
export type Appearance = 'light' | 'dark';

const LIGHT: ThemeParams = {
  bg_color: '#ffffff',
  text_color: '#000000',
  hint_color: '#999999',
  link_color: '#2481cc',
  button_color: '#2481cc',
  button_text_color: '#ffffff',
  secondary_bg_color: '#efeff3',
  header_bg_color: '#ffffff',
  accent_text_color: '#2481cc',
  section_bg_color: '#ffffff',
  section_header_text_color: '#6d6d72',
  section_separator_color: '#e7e7e7',
  subtitle_text_color: '#999999',
  destructive_text_color: '#ff3b30',
};

const DARK: ThemeParams = {
  bg_color: '#17212b',
  text_color: '#f5f5f5',
  hint_color: '#708499',
  link_color: '#6ab3f3',
  button_color: '#5288c1',
  button_text_color: '#ffffff',
  secondary_bg_color: '#232e3c',
  header_bg_color: '#17212b',
  accent_text_color: '#6ab2f2',
  section_bg_color: '#17212b',
  section_header_text_color: '#6ab3f3',
  section_separator_color: '#111921',
  subtitle_text_color: '#708499',
  destructive_text_color: '#ec3942',
};

const HEX = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

function rgbOf(color: string): [number, number, number] | null {
  const found = HEX.exec(color.trim());
  if (!found?.[1]) return null;
  let hex = found[1];
  if (hex.length === 3) hex = hex.replace(/./g, (c) => c + c);
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

/** WCAG relative luminance, 0 (black) to 1 (white); null for a colour we cannot read. */
export function luminance(color: string): number | null {
  const rgb = rgbOf(color);
  if (!rgb) return null;
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Dark when white text reads better on the background than black text. */
export function appearanceOf(params: ThemeParams, fallback: Appearance = 'light'): Appearance {
  const bg = params.bg_color;
  const value = bg ? luminance(bg) : null;
  if (value === null) return fallback;
  return value < 0.179 ? 'dark' : 'light';
}

/** Only `#rgb` / `#rrggbb` colours under known-looking keys get into the style sheet. */
function cleanParams(params: unknown): ThemeParams {
  const clean: ThemeParams = {};
  if (!params || typeof params !== 'object') return clean;
  for (const [key, value] of Object.entries(params as Record<string, unknown>)) {
    if (/^[a-z_]{1,40}$/.test(key) && typeof value === 'string' && HEX.test(value.trim())) {
      clean[key] = value.trim();
    }
  }
  return clean;
}

export function cssVarName(key: string): string {
  return `--tg-theme-${key.replace(/_/g, '-')}`;
}

/** Sets the theme on <html> and returns the appearance. */
export function applyTheme(raw: unknown, root: HTMLElement = document.documentElement): Appearance {
  const params = cleanParams(raw);
  const appearance = appearanceOf(params);
  const full = { ...(appearance === 'dark' ? DARK : LIGHT), ...params };
  for (const [key, value] of Object.entries(full)) root.style.setProperty(cssVarName(key), value);
  root.dataset.theme = appearance;
  root.style.colorScheme = appearance;
  return appearance;
}
