#!/usr/bin/env node
// Runs the TypeScript sources directly: tsx on Node 20, the same loader on Node 24.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/app/main.ts');
process.exitCode = await main(process.argv.slice(2));
