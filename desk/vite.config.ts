import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

// Served at /desk/ (locally by infra/local/desk-files.ts, in AWS by CloudFront from S3), from the API's origin.
export default defineConfig({
  root,
  base: '/desk/',
  plugins: [preact()],
  // config.json is written per environment (the local runtime serves it, the stack uploads it): never built in.
  publicDir: false,
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // A file of its own for every asset: the Content-Security-Policy allows no inline scripts or data: fonts.
    assetsInlineLimit: 0,
    target: 'es2022',
    reportCompressedSize: true,
  },
});
