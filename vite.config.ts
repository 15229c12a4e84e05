import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The browser app lives in client/; `npm run build` writes it to dist/client, which the server
 * serves. In `vite dev`, API and collaboration requests go to a server started with `npm start`.
 */
export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: { outDir: '../dist/client', emptyOutDir: true },
  server: {
    proxy: {
      '/api': 'http://localhost:3000',
      '/collab': { target: 'ws://localhost:3000', ws: true },
    },
  },
});
