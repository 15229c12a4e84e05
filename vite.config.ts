import { defineConfig } from 'vite';

/** The browser app lives in client/; the server serves its build from dist/client. */
export default defineConfig({
  root: 'client',
  build: { outDir: '../dist/client', emptyOutDir: true },
});
