import { useEffect, useState } from 'react';

/** About one screen above and below the viewport: a panel starts loading before it scrolls in. */
export const NEAR_VIEWPORT = '600px 0px';

/** Whether this browser can tell us when an element nears the viewport (old webviews, jsdom cannot). */
export function canObserveIntersections(): boolean {
  return typeof window !== 'undefined' && typeof window.IntersectionObserver === 'function';
}

/**
 * Tells once an element has come within `rootMargin` of the viewport; it stays true from then on.
 * Without IntersectionObserver it is true at once, so everything loads as before.
 * Returns a callback ref for the element and the flag.
 */
export function useNearViewport<T extends Element = HTMLElement>(
  rootMargin: string = NEAR_VIEWPORT,
): [(element: T | null) => void, boolean] {
  const [seen, setSeen] = useState(() => !canObserveIntersections());
  const [element, setElement] = useState<T | null>(null);

  useEffect(() => {
    if (seen || !element) return;
    if (!canObserveIntersections()) {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        // `isIntersecting` is missing in some old engines; a positive ratio says the same.
        if (entries.some((entry) => entry.isIntersecting || entry.intersectionRatio > 0)) {
          observer.disconnect();
          setSeen(true);
        }
      },
      { rootMargin },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [seen, element, rootMargin]);

  return [setElement, seen];
}
