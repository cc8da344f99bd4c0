// Lint rules, including the table of which src/ folder may import which (see the README).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const LAYERS = ['core', 'detect', 'sources', 'store', 'pipeline', 'commands', 'notify', 'push', 'app'];
const SDKS = {
  'discord.js': 'only src/notify/discord imports discord.js',
  '@slack/bolt': 'only src/notify/slack imports @slack/bolt',
  '@slack/web-api': 'only src/notify/slack imports the Slack SDK',
  '@slack/socket-mode': 'only src/notify/slack imports the Slack SDK',
};

/** The no-restricted-imports options for code in src/<layer>, allowed to import `allowed` layers. */
function importRule(layer, allowed, { sdkAllowed = [], extraPatterns = [] } = {}) {
  const banned = LAYERS.filter((l) => l !== layer && !allowed.includes(l));
  const paths = Object.entries(SDKS)
    .filter(([name]) => !sdkAllowed.includes(name))
    .map(([name, message]) => ({ name, message }));
  const patterns = [...extraPatterns];
  if (banned.length > 0) {
    patterns.push({
      group: banned.flatMap((b) => [`**/${b}/*`, `**/${b}/**`, `../${b}/*`]),
      message: `src/${layer} may import only: ${allowed.join(', ') || 'nothing of ours'} (see the README's import table).`,
    });
  }
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const layerRules = [
  { files: ['src/core/**'], rules: importRule('core', []) },
  {
    files: ['src/detect/**'],
    rules: importRule('detect', ['core'], {
      extraPatterns: [{ group: ['node:*'], message: 'src/detect is pure: no I/O, no clock, no randomness.' }],
    }),
  },
  { files: ['src/sources/**'], rules: importRule('sources', ['core']) },
  { files: ['src/store/**'], rules: importRule('store', ['core']) },
  { files: ['src/pipeline/**'], rules: importRule('pipeline', ['core']) },
  { files: ['src/commands/**'], rules: importRule('commands', ['core']) },
  { files: ['src/push/**'], rules: importRule('push', ['core']) },
  { files: ['src/notify/**'], rules: importRule('notify', ['core']) },
  {
    files: ['src/notify/discord/**'],
    rules: importRule('notify', ['core'], {
      sdkAllowed: ['discord.js'],
      extraPatterns: [{ group: ['**/slack/*', '../slack/*'], message: 'notify/discord and notify/slack never import each other.' }],
    }),
  },
  {
    files: ['src/notify/slack/**'],
    rules: importRule('notify', ['core'], {
      sdkAllowed: ['@slack/bolt', '@slack/web-api', '@slack/socket-mode'],
      extraPatterns: [{ group: ['**/discord/*', '../discord/*'], message: 'notify/discord and notify/slack never import each other.' }],
    }),
  },
  { files: ['src/app/**'], rules: importRule('app', LAYERS) },
  {
    files: ['src/**'],
    ignores: ['src/app/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'only src/app reads the environment.' },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'data/', 'coverage/', 'test/fixtures/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  ...layerRules,
);
