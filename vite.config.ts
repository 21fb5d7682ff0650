/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `base: './'` keeps every asset URL relative, so the built app works from any
// sub-path of a static host and from file-less offline copies. The embedded player
// (embed.html, kpviz-player.js) is built by vite.player.config.ts.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    sourcemap: true,
    rollupOptions: {
      input: { main: fileURLToPath(new URL('index.html', import.meta.url)) },
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
