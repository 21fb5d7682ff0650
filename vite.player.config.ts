import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The `<kpviz-player>` element: one script (dist/kpviz-player.js) and its stylesheet, which the
 * element loads into its shadow root. Built after the app (`npm run build`), into the same
 * folder, so one static host serves both and the iframe's embed.html beside them.
 */
export default defineConfig({
  base: './',
  plugins: [react()],
  // A library build leaves process.env to its user; this one is a finished script.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    target: 'es2022',
    sourcemap: true,
    emptyOutDir: false,
    // A library build in ES format keeps its whitespace for a later bundler; this script is
    // served as it is, so its output is minified whole.
    minify: true,
    rollupOptions: { output: { minify: true } },
    lib: {
      entry: fileURLToPath(new URL('src/ui/embed/kpviz-player.tsx', import.meta.url)),
      formats: ['es'],
      fileName: () => 'kpviz-player.js',
      cssFileName: 'kpviz-player',
    },
  },
});
