// Vite builds the renderer (the workbench) into dist/renderer with relative
// paths, so both the browser host and Electron's custom protocol can serve it.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2023',
    reportCompressedSize: false,
  },
});
