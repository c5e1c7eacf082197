import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The API serves dist/ (WEB_DIST_DIR); `vite` in dev proxies /api to a running API.
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // CSP `default-src 'self'`: no inlined assets as data: scripts, no module-preload polyfill inline.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: { proxy: { '/api': process.env['TILTAK_API_URL'] ?? 'http://localhost:3000' } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./vitest.setup.ts'],
    restoreMocks: true,
    // A test's stubbed fetch (shared/testing.tsx) ends with the test.
    unstubGlobals: true,
  },
});
