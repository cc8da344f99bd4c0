/** Printing of eval reports: totals, per-language and per-story tables, the error list. */
import { f1, precision, recall, type Report } from './eval.ts';

type Prf = Report['change'];

const pct = (a: number, b: number): string => (b === 0 ? '  n/a' : `${((100 * a) / b).toFixed(1)}%`);
const n3 = (x: number): string => x.toFixed(3);

export function print(name: string, r: Report, opts: { verbose: boolean; errors: boolean; tables: boolean }): void {
  console.log(`\n== ${name}: ${r.items} items`);
  console.log(
    `change   P=${n3(precision(r.change))} R=${n3(recall(r.change))} F1=${n3(f1(r.change))}  (tp ${r.change.tp}, fp ${r.change.fp}, fn ${r.change.fn})`,
  );
  if (!opts.tables) {
    for (const [lang, c] of Object.entries(r.changeByLang).sort()) {
      console.log(
        `  ${lang.padEnd(3)} P=${n3(precision(c))} R=${n3(recall(c))} F1=${n3(f1(c))}  (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`,
      );
    }
  }
  console.log(`person   P=${n3(precision(r.person))} R=${n3(recall(r.person))} F1=${n3(f1(r.person))}`);
  console.log(
    `type accuracy (matched persons)      ${pct(r.typeCorrect, r.typeTotal)}  (${r.typeCorrect}/${r.typeTotal})`,
  );
  console.log(
    `org accuracy (matched events, gold org set)  ${pct(r.orgCorrect, r.orgTotal)}  (${r.orgCorrect}/${r.orgTotal})`,
  );
  console.log(
    `destination accuracy (matched events)  ${pct(r.destCorrect, r.destTotal)}  (${r.destCorrect}/${r.destTotal})`,
  );
  console.log(
    `role (matched events)  given ${pct(r.roleGiven, r.roleMatched)} (${r.roleGiven}/${r.roleMatched}), the label agrees ${pct(r.roleAgrees, r.roleGiven)} (${r.roleAgrees}/${r.roleGiven}); labelled roles given ${r.roleFound}/${r.roleLabelled}`,
  );
  console.log(
    `labelled (person,type) pairs found   ${pct(r.pairsFound, r.pairsTotal)}  (${r.pairsFound}/${r.pairsTotal})`,
  );
  console.log(
    `cards (predicted person,type pairs)  P=${n3(precision(r.cards))} R=${n3(recall(r.cards))}  (tp ${r.cards.tp}, fp ${r.cards.fp}, fn ${r.cards.fn}; ${r.background} background history)`,
  );
  if (opts.tables) printTables(r);
  if (opts.verbose && r.problems.length > 0) {
    console.log('-- problems');
    for (const p of r.problems) console.log(p);
  }
  if (opts.errors && r.errors.length > 0) {
    console.log('-- errors (missed changes, missed people, wrong names; by item id)');
    for (const e of r.errors) console.log(e);
  }
}

const row = (c: Prf): string => `${n3(precision(c))} ${n3(recall(c))} ${n3(f1(c))}`;

/** The same scores per language and per story. */
function printTables(r: Report): void {
  console.log('\nlang   change P     R     F1  | person P     R     F1');
  for (const lang of Object.keys(r.changeByLang).sort()) {
    const c = r.changeByLang[lang] as Prf;
    console.log(`  ${lang.padEnd(4)}     ${row(c)} |        ${row(r.personByLang[lang] ?? { tp: 0, fp: 0, fn: 0 })}`);
  }
  const stories = Object.entries(r.byStory).filter(([, v]) => v.change.tp + v.change.fn > 0);
  if (stories.length === 0) return;
  console.log('\nstory (positive)                              items found | person P     R     F1');
  for (const [id, v] of stories.sort()) {
    const items = v.change.tp + v.change.fn;
    console.log(`  ${id.slice(0, 42).padEnd(42)} ${String(items).padStart(5)} ${String(v.change.tp).padStart(5)} |        ${row(v.person)}`);
  }
}

