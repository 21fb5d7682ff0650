import type { View } from './drawn-view.ts';

/**
 * The view an SVG transform that viewTransform wrote shows, for tests that read the player's
 * graph (jsdom and Playwright alike); NaNs where the text is not such a transform.
 */
export function readView(transform: string | null): View {
  const [x = NaN, y = NaN, zoom = NaN] = (
    /translate\(([^,]+),([^)]+)\) scale\(([^)]+)\)/.exec(transform ?? '') ?? []
  )
    .slice(1)
    .map(Number);
  return { x, y, zoom };
}
