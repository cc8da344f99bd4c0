import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { f1, type LabeledItem, precision, recall, scoreItems } from '../../scripts/eval.ts';
import { detect } from '../../src/detect/index.ts';
import { loadFixture, wl } from './helpers.ts';

const predict = (it: LabeledItem) =>
  detect(
    { title: it.title, summary: it.summary, body: it.body, lang: it.lang, kind: it.kind, author: it.author ?? null },
    wl,
  );

describe('scoring', () => {
  it('scores a perfect and an empty predictor as expected', () => {
    const items = loadFixture<LabeledItem>('dev.jsonl').slice(0, 40);
    const perfect = scoreItems(
      items,
      (it) => it.label.events.map((e) => ({ ...e, role: null, evidence: 'x', confidence: 1 })) as never,
      wl,
    );
    expect(precision(perfect.change)).toBe(1);
    expect(recall(perfect.change)).toBe(1);
    expect(f1(perfect.person)).toBe(1);
    expect(perfect.typeCorrect).toBe(perfect.typeTotal);
    expect(perfect.cards).toEqual({ tp: perfect.pairsTotal, fp: 0, fn: 0 });
    // One pair the labels do not have is one card too many.
    const first = items.find((it) => it.label.events.length > 0 && it.label.events.every((e) => e.type !== 'founded'));
    const extra = scoreItems(
      [first as LabeledItem],
      (it) => [
        ...it.label.events.map((e) => ({ ...e, role: null, evidence: 'x', confidence: 1 })),
        { person: it.label.events[0]?.person, org: null, type: 'founded', role: null, destination: null, evidence: 'x', confidence: 1 },
      ] as never,
      wl,
    );
    expect(extra.cards).toEqual({ tp: first?.label.events.length, fp: 1, fn: 0 });
    const empty = scoreItems(items, () => [], wl);
    expect(recall(empty.change)).toBe(0);
    expect(empty.person.tp).toBe(0);
  });

  it('matches a person written differently, but not another person of the same surname', () => {
    const item = {
      id: 't1',
      lang: 'en',
      kind: 'news',
      title: 'x',
      summary: 'x',
      label: { is_change: true, events: [{ person: 'Neal Mohan', org: 'YouTube', type: 'appointed', destination: null }] },
    } as LabeledItem;
    const as = (person: string) =>
      scoreItems([item], () => [{ person, org: 'YouTube', type: 'appointed', role: null, destination: null, evidence: 'x', confidence: 1, lang: 'en' }], wl)
        .person;
    expect(as('Mohan')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(as('Neal Mohan')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(as('Varun Mohan')).toEqual({ tp: 0, fp: 1, fn: 1 });
  });

  it('honours aliases in the item\'s own script, tables per language and story, and lists errors by id', () => {
    const item = {
      id: 'k1',
      lang: 'ko',
      kind: 'news',
      title: 'x',
      summary: 'x',
      story: 'holm-named-2026',
      label: {
        is_change: true,
        events: [
          { person: 'Peter Holm', aliases: ['피터 홀름'], org: 'Hanbit', type: 'appointed', destination: null },
          { person: 'Anna Berg', aliases: ['안나 베리'], org: 'Hanbit', type: 'departure', destination: null },
        ],
      },
    } as LabeledItem;
    const ev = (person: string) => ({ person, org: null, type: 'appointed', role: null, destination: null, evidence: 'x', confidence: 1, lang: 'ko' });
    const own = scoreItems([item], () => [ev('피터 홀름'), ev('한빛전자')] as never, wl);
    expect(own.person).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(own.personByLang.ko).toEqual(own.person);
    expect(own.byStory['holm-named-2026']?.change).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(own.errors).toEqual(['  miss k1 [ko] Anna Berg (departure)', '  wrong-name k1 [ko] 한빛전자 (appointed)']);
    // Both scripts on the card: either form matches.
    expect(scoreItems([item], () => [ev('피터 홀름 (Peter Holm)')] as never, wl).person.tp).toBe(1);
  });

  it('the detector meets the targets on the dev set and the seeds', () => {
    const dev = scoreItems(loadFixture<LabeledItem>('dev.jsonl'), predict, wl);
    expect(precision(dev.change)).toBeGreaterThanOrEqual(0.95);
    expect(recall(dev.change)).toBeGreaterThanOrEqual(0.95);
    expect(f1(dev.person)).toBeGreaterThanOrEqual(0.9);
    expect(dev.typeCorrect / dev.typeTotal).toBeGreaterThanOrEqual(0.85);
    expect(dev.orgCorrect / dev.orgTotal).toBeGreaterThanOrEqual(0.85);
    expect(dev.destCorrect / dev.destTotal).toBeGreaterThanOrEqual(0.85);
    // Each predicted (person, kind) is a card: at most one in ten may be one the labels do not have.
    expect(precision(dev.cards)).toBeGreaterThanOrEqual(0.9);
    // A role is given for at least a third of the changes found, and the label agrees with four in five.
    expect(dev.roleGiven / dev.roleMatched).toBeGreaterThanOrEqual(0.35);
    expect(dev.roleAgrees / dev.roleGiven).toBeGreaterThanOrEqual(0.8);
    const seeds = scoreItems(loadFixture<LabeledItem>('seeds.jsonl'), predict, wl);
    expect(seeds.pairsFound / seeds.pairsTotal).toBeGreaterThanOrEqual(0.9);
  });

  it('detect is deterministic and does not mutate its input', () => {
    const it0 = loadFixture<LabeledItem>('seeds.jsonl')[1] as LabeledItem;
    const copy = JSON.stringify(it0);
    expect(JSON.stringify(predict(it0))).toBe(JSON.stringify(predict(it0)));
    expect(JSON.stringify(it0)).toBe(copy);
  });
});

describe('npm run eval without the corpus', () => {
  it('says where it looked and how to name another, in one line, exit 2', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--corpus', '/nonexistent/corpus'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^eval: \/nonexistent\/corpus\/dev\.jsonl does not exist: npm run eval reads the labelled corpus in \.\.\/shared\/corpus .* --corpus DIR, or .* --set FILE\n$/);
  });
});

describe('npm run eval -- --set FILE on a file in the corpus schema', () => {
  // Team-written items: a Traditional Chinese one labelled with its own-script aliases, a story told in two
  // languages, a successor the text never names, a wrong name, a change the text does not tell, a negative.
  const run = (...extra: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/eval.ts', '--set', 'test/fixtures/detect/eval-set.jsonl', ...extra], {
      encoding: 'utf8',
    });

  it('prints the tables per language and per story, matches own-script names by aliases, lists errors by id', () => {
    const r = run('--errors');
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out).toContain('== test/fixtures/detect/eval-set.jsonl: 6 items');
    // 張一鳴 is named as written; the label's aliases make it Zhang Yiming.
    expect(out).toMatch(/^ {2}zh {7}1\.000 1\.000 1\.000 \| {8}1\.000 1\.000 1\.000$/m);
    expect(out).toMatch(/^ {2}en {7}\d\.\d{3} \d\.\d{3} \d\.\d{3} \| /m);
    expect(out).toMatch(/^ {2}zhang-steps-down-2026 +2 +2 \| {8}1\.000 1\.000 1\.000$/m);
    expect(out).toMatch(/^ {2}poe-leaves-2026 +1 +0 \| /m);
    const errors = out.slice(out.indexOf('-- errors'));
    expect(errors).toContain('  miss t-en-2 [en] Rick Moe (appointed)');
    expect(errors).toContain('  miss t-en-3 [en] Anna Berg (appointed)');
    expect(errors).toContain('  wrong-name t-en-3 [en] Ann Lee (appointed)');
    expect(errors).toContain('FN t-en-5 [en] no change found');
    expect(errors).not.toContain('t-zh-1');
  });

  it('lists no errors without --errors', () => {
    const r = run();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('story (positive)');
    expect(r.stdout).not.toContain('-- errors');
  });
});
