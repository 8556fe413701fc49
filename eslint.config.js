// Lint configuration. Besides the TypeScript rules it enforces the import
// boundaries between folders, so each process keeps to its own room.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Builds a no-restricted-imports rule from forbidden module names and path patterns. */
function forbid({ modules = [], patterns = [], message }) {
  return [
    'error',
    {
      paths: modules.map((name) => ({ name, message })),
      patterns: patterns.map((pattern) => ({ group: [pattern], message })),
    },
  ];
}

const nodeOrElectron = [...nodeModules, 'electron', 'ws', 'systeminformation', 'pino', 'nodemailer'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'release/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid({
        modules: [...nodeOrElectron, 'react', 'react-dom', 'zustand'],
        patterns: ['**/main/**', '**/renderer/**', '**/hub/**', '**/preload/**', '../../*'],
        message: 'shared/ is pure: it imports only shared/ and zod, never Node, the DOM, React or other folders.',
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}', 'hub/widget/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid({
        modules: nodeOrElectron,
        patterns: ['**/main/**', '**/preload/**', '**/hub/*.ts', '**/hub/!(widget)/**'],
        message: 'Browser code imports shared/ only: never Node, Electron, main/, preload/ or the hub server.',
      }),
    },
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': forbid({
        modules: ['electron', 'react', 'react-dom'],
        patterns: ['**/renderer/**', '**/preload/**', '**/hub/widget/**'],
        message: 'main/ services are plain Node: only main/electron/ imports electron, and nothing imports the renderer.',
      }),
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid({
        modules: ['react', 'react-dom'],
        patterns: ['**/renderer/**', '**/preload/**', '**/hub/widget/**'],
        message: 'The Electron entry wires services to IPC; it never imports the renderer or the preload.',
      }),
    },
  },
  {
    files: ['hub/**/*.ts'],
    ignores: ['hub/widget/**'],
    rules: {
      'no-restricted-imports': forbid({
        modules: ['electron', 'react', 'react-dom'],
        patterns: ['**/main/**', '**/renderer/**', '**/preload/**', '**/widget/**'],
        message: 'The hub runs standalone: it imports shared/ and Node, never Electron, main/ or the renderer.',
      }),
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid({
        modules: nodeModules,
        patterns: ['**/main/**', '**/renderer/**', '**/hub/**'],
        message: 'The preload only bridges the shared contract to ipcRenderer: electron and shared/ only.',
      }),
    },
  },
);
