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
    const empty = scoreItems(items, () => [], wl);
    expect(recall(empty.change)).toBe(0);
    expect(empty.person.tp).toBe(0);
  });

  it('the detector meets the targets on the dev set and the seeds', () => {
    const dev = scoreItems(loadFixture<LabeledItem>('dev.jsonl'), predict, wl);
    expect(precision(dev.change)).toBeGreaterThanOrEqual(0.95);
    expect(recall(dev.change)).toBeGreaterThanOrEqual(0.95);
    expect(f1(dev.person)).toBeGreaterThanOrEqual(0.9);
    expect(dev.typeCorrect / dev.typeTotal).toBeGreaterThanOrEqual(0.85);
    expect(dev.orgCorrect / dev.orgTotal).toBeGreaterThanOrEqual(0.85);
    expect(dev.destCorrect / dev.destTotal).toBeGreaterThanOrEqual(0.85);
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
