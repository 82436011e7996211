#!/usr/bin/env node
// Runs the compiled CLI when `npm run build` has made dist/, else the TypeScript
// sources through tsx (no build step needed for `npm start`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist/cli/index.js');
let mod;
if (existsSync(built) && !process.env.CARAVANSERAI_FROM_SOURCE) {
  mod = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mod = await import(pathToFileURL(path.join(root, 'src/cli/index.ts')).href);
}
const code = await mod.main(process.argv);
// `serve` keeps the process alive through its server; every other command ends here
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
