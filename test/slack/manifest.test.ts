import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync('config/slack-manifest.yaml', 'utf8'));

describe('config/slack-manifest.yaml', () => {
  it('asks for what exits uses: chat:write, commands, history (lost answers), /exits, buttons, Socket Mode', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(['chat:write', 'commands', 'channels:history', 'groups:history']);
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(['/exits']);
    expect(manifest.features.bot_user.display_name).toBe('exits');
    expect(manifest.settings).toMatchObject({ socket_mode_enabled: true, interactivity: { is_enabled: true } });
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
  });
});
