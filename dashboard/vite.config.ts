import { sveltekit } from '@sveltejs/kit/vite';
import { defaultClientConditions, defaultServerConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources, so a build needs no
// prior build of @naap/otel; the server bundle inlines them.
const source = '@naap/source';

export default defineConfig({
  plugins: [sveltekit()],
  resolve: { conditions: [source, ...defaultClientConditions] },
  ssr: {
    noExternal: ['@naap/otel', 'typebox'],
    resolve: {
      conditions: [source, ...defaultServerConditions],
      externalConditions: [source],
    },
  },
  build: {
    reportCompressedSize: false,
    rolldownOptions: {
      // The telemetry contract's modules only declare constants and schemas:
      // let the browser bundle keep just the constants it uses.
      treeshake: {
        moduleSideEffects: [{ test: /[\\/](otel[\\/]src|typebox)[\\/]/, sideEffects: false }],
        manualPureFunctions: ['Type', 'Nullable', 'PageOf'],
      },
      checks: { pluginTimings: false },
    },
  },
});
