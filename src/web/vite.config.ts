import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * The web console is a static bundle served by the API server from dist/web (see server/create-app.ts).
 * No CDN and no remote fonts: bank networks are often air-gapped.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  publicDir: false,
  plugins: [react()],
  build: {
    outDir: path.resolve(webRoot, '../../dist/web'),
    emptyOutDir: true,
    sourcemap: false,
  },
  // `npx vite --config src/web/vite.config.ts` for UI work against a running `npm run dev` API.
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});
