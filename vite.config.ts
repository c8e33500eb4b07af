import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The built site's Content-Security-Policy: only its own scripts (no eval, no inline script), no
 * requests anywhere but its own origin. Inline styles are allowed because React Flow positions nodes
 * with style attributes. Added at build time only: the dev server injects an inline script.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'kafka-sim-csp',
    apply: 'build',
    transformIndexHtml: (html) => html.replace('<meta charset="UTF-8" />', `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`),
  };
}

export default defineConfig({
  base: './', // dist/ works from any http sub-path
  plugins: [react(), contentSecurityPolicy()],
  build: { outDir: 'dist', sourcemap: false },
  server: { port: 5173 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
