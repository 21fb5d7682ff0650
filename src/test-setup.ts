import '@testing-library/jest-dom/vitest';
import { provideCatalogue } from './ui/i18n/i18n.ts';
import { zh } from './ui/i18n/zh.ts';

// The app loads the Chinese catalogue on demand (a chunk of its own); tests that switch
// languages get it up front, as a page that opens in Chinese has it before its first render.
provideCatalogue('zh', zh);

/*
 * jsdom lays nothing out, and React Flow measures: it reads the pane's and the
 * nodes' sizes, watches them with ResizeObserver and parses the viewport's CSS
 * transform. These stand-ins give every element a size and every observer one
 * immediate report, enough for React Flow to decide what is in view.
 */
class ResizeObserverStub {
  constructor(private readonly callback: ResizeObserverCallback) {}
  observe(target: Element) {
    this.callback([{ target } as ResizeObserverEntry], this);
  }
  unobserve() {}
  disconnect() {}
}

class DOMMatrixReadOnlyStub {
  readonly m22: number;
  constructor(transform?: string) {
    const scale = /scale\(([-\d.e]+)\)/.exec(transform ?? '')?.[1];
    this.m22 = scale === undefined ? 1 : Number(scale);
  }
}

if (typeof window !== 'undefined') {
  globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
  globalThis.DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub as unknown as typeof DOMMatrixReadOnly;
  Object.defineProperties(HTMLElement.prototype, {
    offsetWidth: { configurable: true, get: () => 1000 },
    offsetHeight: { configurable: true, get: () => 800 },
  });
  // @ts-expect-error jsdom's SVG elements have no getBBox; React Flow's edge labels call it.
  SVGElement.prototype.getBBox ??= () => ({ x: 0, y: 0, width: 0, height: 0 });
}
