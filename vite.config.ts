/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` keeps every asset URL relative, so the built app works from any
// sub-path of a static host and from file-less offline copies.
/**
 * The embedded player's Content-Security-Policy: its scripts, styles and workers from its own
 * origin only, no eval, no inline script or style, no request anywhere else. Added to the built
 * embed.html only: Vite's dev server injects styles inline.
 */
export const EMBED_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function embedContentSecurityPolicy(): Plugin {
  return {
    name: 'kpviz-embed-csp',
    apply: 'build',
    transformIndexHtml(html, context) {
      if (!context.filename.endsWith('embed.html')) return html;
      return html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${EMBED_CSP}" />`,
      );
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [react(), embedContentSecurityPolicy()],
  build: {
    target: 'es2022',
    sourcemap: true,
    // The app, and the player a docs page embeds in an iframe.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('index.html', import.meta.url)),
        embed: fileURLToPath(new URL('embed.html', import.meta.url)),
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // A React Flow canvas rendered in jsdom takes a few seconds on a loaded 2-core machine;
    // the default 5 s limit failed a passing test there once.
    testTimeout: 20_000,
  },
});
