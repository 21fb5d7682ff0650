import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The embedded player's Content-Security-Policy: its scripts, styles and workers from its own
 * origin only, no eval, no inline script or style, no request anywhere else. Added to the built
 * embed.html only: Vite's dev server injects styles inline.
 */
const EMBED_CSP = [
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
    transformIndexHtml(html) {
      return html.replace(
        '<head>',
        `<head>\n    <meta http-equiv="Content-Security-Policy" content="${EMBED_CSP}" />`,
      );
    },
  };
}

/**
 * The player runs on Preact's React API (preact/compat): a docs page downloads a tenth of
 * ReactDOM's size for the same components. The app keeps React; the player's own code is the
 * app's, and its tests run under React (vitest) and, built, under Preact (Playwright).
 */
const PREACT = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];

const STYLESHEET = 'kpviz-player.css';

/**
 * The embedded player, built after the app (`npm run build`) into the same folder, so one static
 * host serves both: embed.html (the iframe's page) and kpviz-player.js, one script tag that
 * defines `<kpviz-player>`, with kpviz-player.css, the stylesheet both load (the element into its
 * shadow root). The code both share is one chunk beside them.
 */
export default defineConfig({
  base: './',
  plugins: [react(), embedContentSecurityPolicy()],
  resolve: { alias: PREACT },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    // One stylesheet for both, at a name the element can find beside its script.
    cssCodeSplit: false,
    rollupOptions: {
      input: {
        embed: fileURLToPath(new URL('embed.html', import.meta.url)),
        'kpviz-player': fileURLToPath(new URL('src/ui/embed/kpviz-player.tsx', import.meta.url)),
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: (chunk) =>
          chunk.name === 'kpviz-player' ? 'kpviz-player.js' : 'assets/[name]-[hash].js',
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith('.css'))
            ? STYLESHEET
            : 'assets/[name]-[hash][extname]',
      },
    },
  },
});
