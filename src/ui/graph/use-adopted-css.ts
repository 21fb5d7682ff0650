import { useLayoutEffect, useState } from 'react';

/** Whether this browser takes constructed stylesheets (all current ones; jsdom does not). */
const canAdopt = (root: Node): root is Document | ShadowRoot =>
  'adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function';

/**
 * Rules that change often (the packet's highlights), added to the document or shadow root that
 * holds `anchor` (mounted: its root is known) as a constructed stylesheet: no `<style>` element for a page's
 * Content-Security-Policy to refuse, and nothing re-parsed but the sheet. Returns whether the
 * caller must render the rules in a `<style>` itself (where sheets cannot be adopted).
 *
 * @example
 *   const fallback = useAdoptedCss(css, useStore((s) => s.domNode));
 *   return <>{fallback && <style>{css}</style>}…</>;
 */
export function useAdoptedCss(css: string, anchor: Element | null): boolean {
  const [sheet] = useState(() =>
    typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype
      ? new CSSStyleSheet()
      : undefined,
  );
  useLayoutEffect(() => {
    const root = anchor?.getRootNode();
    if (!sheet || !root || !canAdopt(root)) return;
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return () => {
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [anchor, sheet]);

  useLayoutEffect(() => {
    sheet?.replaceSync(css);
  }, [sheet, css]);

  return anchor !== null && !(sheet && canAdopt(anchor.getRootNode()));
}
