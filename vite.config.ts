import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './', // dist/ works from any http sub-path
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: false },
  server: { port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
