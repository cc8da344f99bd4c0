import { describe, expect, it } from 'vitest';
import { detectInputOf, f1, type LabeledItem, precision, recall, scoreItems } from '../../scripts/eval.ts';
import { detect } from '../../src/detect/index.ts';
import { loadFixture, news, pairs, wl } from './helpers.ts';

const predict = (it: LabeledItem) => detect(detectInputOf(it), wl);

describe('organisation fallback follows the publication date', () => {
  it('John Schulman is at OpenAI in 2024-08, not at Thinking Machines Lab', () => {
    const e = news('John Schulman on leave', 'en', { published: '2024-08-06' });
    expect(e.map((x) => [x.person, x.type, x.org])).toEqual([['John Schulman', 'leave', 'OpenAI']]);
  });
  it('Mira Murati in 2025 is at Thinking Machines Lab; without a date the latest org is used', () => {
    expect(news('Mira Murati goes on medical leave', 'en', { published: '2025-06-01' })[0]?.org).toBe(
      'Thinking Machines Lab',
    );
    expect(news('Mira Murati resigns', 'en', { published: '2024-09-25' })[0]?.org).toBe('OpenAI');
    expect(news('John Schulman on leave', 'en')[0]?.org).toBe('Thinking Machines Lab');
  });
});

describe('a cue attaches to the nearest person of its list item', () => {
  it('three exits in one headline do not leak into each other', () => {
    const e = news('Three senior exits hit OpenAI in one day: Schulman to Anthropic, Brockman on leave, Deng gone', 'en', {
      summary:
        'Co-founder John Schulman said he is leaving OpenAI for rival Anthropic to focus on alignment research. President Greg Brockman is taking an extended sabbatical through the end of the year. Peter Deng has also departed.',
      published: '2024-08-06',
    });
    expect(pairs(e)).toEqual(['Greg Brockman/leave', 'John Schulman/joined', 'Peter Deng/departure']);
    expect(e.find((x) => x.type === 'joined')?.destination).toBe('Anthropic');
  });
  it('a role noun after a list comma opens a new item', () => {
    const e = news('Three exits at Ardentix: CTO Vasco Ilunga to Orbis, CFO on leave, founder gone', 'en', {
      summary: 'Chief technology officer Vasco Ilunga is joining rival Orbis.',
    });
    expect(e.map((x) => [x.person, x.type, x.org, x.destination])).toEqual([
      ['Vasco Ilunga', 'joined', 'Ardentix', 'Orbis'],
    ]);
  });
  it('"Avec lui et Brockman, ... sont X, Y et Z": the companions share the move', () => {
    const e = news('Greg Brockman rejoint Microsoft', 'fr', {
      summary:
        "Avec lui et Brockman, d'autres membres de la direction sont l'ancien directeur de recherche d'OpenAI Jakub Pachocki, le chercheur Szymon Sidor et Aleksander Madry.",
      published: '2023-11-20',
    });
    expect(pairs(e)).toEqual(
      expect.arrayContaining(['Jakub Pachocki/joined', 'Szymon Sidor/joined', 'Aleksander Madry/joined']),
    );
  });
});

describe('people who are not on the watchlist', () => {
  it('role appositions and names next to a cue, without a first-name list', () => {
    expect(pairs(news('Pinebrook COO Zainab Oyelaran-Hughes resigns', 'en'))).toEqual([
      'Zainab Oyelaran-Hughes/departure',
    ]);
    const e = news('Heliox beruft Friederike Oyelowo-Brandt zur Technikchefin', 'de');
    expect(pairs(e)).toEqual(['Friederike Oyelowo-Brandt/appointed']);
    expect(pairs(news('Entlassung bei Graufalke: Technikvorstand Jörg Wendeborn muss gehen', 'de'))).toEqual([
      'Jörg Wendeborn/fired',
    ]);
  });
  it('Japanese, Chinese and Korean names with a role or honorific', () => {
    expect(pairs(news('コハク電子、専務の鷹取隆氏を解任', 'ja'))).toEqual(['鷹取隆/fired']);
    expect(pairs(news('启明芯片首席财务官刘德华辞职', 'zh'))).toEqual(['刘德华/departure']);
    expect(pairs(news('미래바이오, 최수진 CFO 해임', 'ko'))).toEqual(['최수진/fired']);
  });
  it('Russian names come back in the nominative, companies in guillemets are organisations', () => {
    const e = news('Совет директоров «Северной звезды» отправил в отставку гендиректора Олега Рябинина', 'ru');
    expect(e.map((x) => [x.person, x.type])).toEqual([['Олег Рябинин', 'fired']]);
  });
  it('lower-case machine-translated text only matches watchlist names', () => {
    const e = news('ilya sutskvo lance sa propre societe apres son depart d openai', 'fr');
    expect(e.every((x) => x.person === 'Ilya Sutskever')).toBe(true);
    expect(news('le nouveau directeur general jean dupont quitte la societe', 'fr')).toEqual([]);
  });
});

describe('per-language cues: Korean, Indonesian, Russian and more', () => {
  it('ko', () => {
    expect(pairs(news('일리야 수츠케버, 오픈AI 떠난다', 'ko'))).toEqual(['Ilya Sutskever/departure']);
    expect(pairs(news('그렉 브록만 오픈AI 사장, 연말까지 안식년', 'ko'))).toEqual(['Greg Brockman/leave']);
    expect(pairs(news('올트먼, 오픈AI CEO로 복귀', 'ko'))).toEqual(['Sam Altman/reinstated']);
  });
  it('id', () => {
    expect(pairs(news('Mira Murati mundur dari OpenAI', 'id'))).toEqual(['Mira Murati/departure']);
    const j = news('Alexandr Wang hengkang dari Scale AI, bergabung dengan Meta', 'id');
    expect(j.map((x) => [x.person, x.type, x.destination])).toEqual([['Alexandr Wang', 'joined', 'Meta']]);
    expect(pairs(news('Dewan komisaris Sawitara memberhentikan Hendra Wijaya', 'id'))).toEqual([
      'Hendra Wijaya/fired',
    ]);
  });
  it('ru', () => {
    expect(pairs(news('Илья Суцкевер покидает OpenAI', 'ru'))).toEqual(['Ilya Sutskever/departure']);
    expect(pairs(news('Мира Мурати основала стартап Thinking Machines Lab', 'ru'))).toEqual(['Mira Murati/founded']);
    expect(pairs(news('Елена Сабурова назначена техническим директором компании «Орбита»', 'ru'))).toEqual([
      'Елена Сабурова/appointed',
    ]);
  });
  it('nl, it, es, pt, fr nominal and passive forms', () => {
    expect(pairs(news('Lucas Beyer en Xiaohua Zhai stappen over van OpenAI naar Meta', 'nl'))).toEqual([
      'Lucas Beyer/joined',
      'Xiaohua Zhai/joined',
    ]);
    expect(pairs(news('Dimissioni di Pat Gelsinger da Intel', 'it'))).toEqual(['Pat Gelsinger/departure']);
    expect(pairs(news('Ombeline Keravec évincée de la présidence de Sablier', 'fr'))).toEqual([
      'Ombeline Keravec/fired',
    ]);
    expect(pairs(news('Conselho destitui presidente da Araponga Energia, Jurandir Bezerra', 'pt'))).toEqual([
      'Jurandir Bezerra/fired',
    ]);
  });
});

describe('hard negatives in the new languages', () => {
  const cases: [string, string, string][] = [
    ['product', 'ko', '삼성전자, 새 갤럭시 폴더블 출시'],
    ['foliage', 'ko', '단풍 절정…주말 나들이 명소 10곳'],
    ['leave policy', 'ko', '정부, 육아휴직 제도 개선안 발표'],
    ['sports', 'ru', 'Тренер «Спартака» уволен после серии поражений'],
    ['politics', 'ru', 'Министр финансов подал в отставку'],
    ['anniversary', 'ru', 'Годовщина: год назад Альтмана уволили из OpenAI'],
    ['politics', 'id', 'Menteri mundur dari kabinet'],
    ['leave policy', 'id', 'Cuti melahirkan diperpanjang jadi enam bulan'],
    ['sports', 'id', 'Pelatih timnas dipecat PSSI'],
    ['rumour', 'en', 'Is Tim Cook about to step down? Analysts say John Ternus is the most likely successor'],
    ['comment', 'nl', 'Wat vind jij van de nieuwe Copilot? Laat een reactie achter'],
    ['travel', 'nl', 'Vertrek naar Schiphol ruim op tijd, waarschuwt de marechaussee'],
  ];
  for (const [kind, lang, title] of cases) {
    it(`${kind} (${lang}): ${title}`, () => expect(news(title, lang)).toEqual([]));
  }
});

describe('held-out development set (heldout-a)', () => {
  it('stays above the stated thresholds', () => {
    const r = scoreItems(loadFixture<LabeledItem>('heldout-a.jsonl'), predict, wl);
    expect(r.items).toBeGreaterThanOrEqual(110);
    expect(f1(r.change)).toBeGreaterThanOrEqual(0.9);
    expect(precision(r.change)).toBeGreaterThanOrEqual(0.9);
    expect(recall(r.change)).toBeGreaterThanOrEqual(0.85);
    expect(f1(r.person)).toBeGreaterThanOrEqual(0.85);
    expect(r.typeCorrect / r.typeTotal).toBeGreaterThanOrEqual(0.85);
    expect(r.orgCorrect / r.orgTotal).toBeGreaterThanOrEqual(0.8);
    expect(r.pairsFound / r.pairsTotal).toBeGreaterThanOrEqual(0.75);
    expect(precision(r.cards)).toBeGreaterThanOrEqual(0.85);
    expect(r.roleGiven / r.roleMatched).toBeGreaterThanOrEqual(0.3);
    expect(r.roleAgrees / r.roleGiven).toBeGreaterThanOrEqual(0.8);
  });
});
