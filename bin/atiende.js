#!/usr/bin/env node
// The `atiende` command: runs the built command line, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.js', import.meta.url));
if (!existsSync(cli)) {
  console.error('Atiende no está compilado. Ejecute «npm run build» en la carpeta del proyecto y vuelva a intentar.');
  console.error('Atiende is not built. Run "npm run build" in the project folder and try again.');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
