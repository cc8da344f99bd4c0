/** `exits outbox list|retry|drop`: the alerts set aside because the platforms refused them for good. */
import type { SetAsideEntry, Store } from '../core/ports.ts';
import { cleanText } from '../notify/card.ts';
import type { OutboxCommand } from './cli.ts';
import { out } from './output.ts';

function describe(e: SetAsideEntry): string {
  const times = e.tries === 1 ? 'once' : `${e.tries} times`;
  return (
    `  ${e.key}  "${cleanText(e.title, 120)}"\n` +
    `    set aside ${e.at} (in the outbox since ${e.since}), refused ${times}: ${cleanText(e.reason, 500)}\n`
  );
}

/** The entries an action names: every one for "all", else those of the given ids (unknown ids are said). */
function pick(all: SetAsideEntry[], ids: string[]): { found: SetAsideEntry[]; missing: string[] } {
  if (ids.length === 1 && ids[0] === 'all') return { found: all, missing: [] };
  const byKey = new Map(all.map((e) => [e.key, e]));
  return {
    found: ids.flatMap((id) => (byKey.has(id) ? [byKey.get(id) as SetAsideEntry] : [])),
    missing: ids.filter((id) => !byKey.has(id)),
  };
}

/**
 * Lists, retries (back into the outbox, tried again at the next cycle) or drops what is set aside.
 * Exit 0 when done, nothing set aside or unknown ids included (said on stdout).
 */
export async function outboxCommand(cmd: OutboxCommand, store: Store, now: Date): Promise<number> {
  const all = await store.setAsideList();
  if (cmd.action === 'list') {
    const pending = (await store.outboxList()).length;
    const waiting = `${pending} ${pending === 1 ? 'alert' : 'alerts'} waiting in the outbox to be sent`;
    if (all.length === 0) {
      out(`nothing set aside as undeliverable; ${waiting}\n`);
      return 0;
    }
    out(`${all.length} ${all.length === 1 ? 'alert' : 'alerts'} set aside as undeliverable (${waiting}):\n`);
    for (const e of all) out(describe(e));
    out('exits outbox retry ID (or all) sends one again at the next cycle; exits outbox drop ID (or all) forgets it\n');
    return 0;
  }
  const { found, missing } = pick(all, cmd.ids);
  for (const id of missing) out(`nothing set aside under ${id}\n`);
  for (const e of found) {
    if (cmd.action === 'retry') {
      // Back in the outbox first: a failure in between leaves it in both lists, never in neither.
      await store.outboxAdd(e.key, e.since || now.toISOString());
      await store.setAsideRemove(e.key);
      out(`${e.key} is back in the outbox: it is sent at the next cycle\n`);
    } else {
      await store.setAsideRemove(e.key);
      out(`${e.key} dropped: it will not be sent\n`);
    }
  }
  if (found.length === 0 && missing.length === 0) out('nothing set aside as undeliverable\n');
  return 0;
}
