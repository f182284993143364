// Vite config for the Consensus Playground app.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // Relative base: the built dist/ is plain static files that work from any
  // path (file server sub-folder, GitHub Pages, `vite preview`).
  base: './',
  // Node workers are module workers:
  //   new Worker(new URL('./x.ts', import.meta.url), { type: 'module' })
  // 'es' keeps them as ES modules in the build (the default 'iife' cannot
  // code-split and breaks workers that import shared chunks).
  worker: { format: 'es' },
  server: { port: 5173, strictPort: false },
  preview: { port: 4173, strictPort: false },
  build: {
    outDir: 'dist',
    target: 'es2022',
    sourcemap: true,
    // One static bundle (React, React Flow, d3, the simulator) of about 520 kB, loaded once: a
    // playground, not a site where first paint per page matters. Warn only well above that.
    chunkSizeWarningLimit: 800,
  },
});
