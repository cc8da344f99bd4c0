// Patterns of real news text (issue 15), each in sentences the team wrote: invented people and companies.
import { describe, expect, it } from 'vitest';
import { news, pairs } from './helpers.ts';

describe('Chinese: both scripts, names the watchlist does not know', () => {
  it('Traditional characters read like Simplified ones, and the card keeps the text\'s own script', () => {
    expect(pairs(news('星河科技宣布，執行長張偉明辭職', 'zh'))).toEqual(['張偉明/departure']);
    expect(pairs(news('星河科技宣布，执行长张伟明辞职', 'zh'))).toEqual(['张伟明/departure']);
  });
  it('a bare name before a change verb', () => {
    expect(pairs(news('林志远将卸任云海集团董事长', 'zh'))).toEqual(['林志远/departure']);
  });
  it('"A 接替 B 出任 ...": A takes over, B leaves and does not get A\'s title', () => {
    expect(pairs(news('云海集团公告，周明杰将接替林志远出任集团首席执行官。', 'zh'))).toEqual([
      '周明杰/appointed',
      '林志远/departure',
    ]);
  });
  it('a transliterated foreign name with a dot between its parts', () => {
    expect(pairs(news('云海集团首席执行官保罗·杜兰特宣布辞职', 'zh'))).toEqual(['保罗·杜兰特/departure']);
  });
});

describe('Japanese: katakana names of foreign executives', () => {
  it('a katakana name before 社長 or 氏 is a person, and later its surname alone is the same person', () => {
    expect(pairs(news('ミナト電機は、ジョナサン・ヘイル社長が退任すると発表した。', 'ja'))).toEqual([
      'ジョナサン・ヘイル/departure',
    ]);
    const e = news('ミナト電機、マリア・ソルヴェイ氏を解任', 'ja', {
      summary: 'ミナト電機は取締役会でソルヴェイ氏の解任を決議した。',
    });
    expect(pairs(e)).toEqual(['マリア・ソルヴェイ/fired']);
  });
});

describe('succession: the one who leaves and the one who takes over', () => {
  it('de: "Nachfolger soll X werden" after a separable "tritt ... ab"', () => {
    const e = news('Nordwerk-Chef Tobias Rahnfeld tritt zum Jahresende ab', 'de', {
      summary: 'Nordwerk-Chef Tobias Rahnfeld tritt zum Jahresende ab. Nachfolger soll Finanzvorstand Lena Hofbauer werden.',
    });
    expect(pairs(e)).toEqual(['Lena Hofbauer/appointed', 'Tobias Rahnfeld/departure']);
  });
  it('de: "X löst Y ab"', () => {
    expect(pairs(news('Clara Weiskopf löst Tobias Rahnfeld an der Spitze von Nordwerk ab', 'de'))).toEqual([
      'Clara Weiskopf/appointed',
      'Tobias Rahnfeld/departure',
    ]);
  });
  it('nl: "X volgt Y op"', () => {
    expect(pairs(news('Marit Dekker volgt Joost Verbeek op als topman van Zeewind', 'nl'))).toEqual([
      'Joost Verbeek/departure',
      'Marit Dekker/appointed',
    ]);
  });
  it('id: "X digantikan oleh Y"', () => {
    expect(pairs(news('Budi Santoso akan digantikan oleh Rina Wijaya sebagai CEO Nusantara Digital', 'id'))).toEqual([
      'Budi Santoso/departure',
      'Rina Wijaya/appointed',
    ]);
  });
  it('it: "X sarà sostituito da Y"', () => {
    expect(pairs(news('Marco Ferrante sarà sostituito da Giulia Benassi alla guida di Velatech', 'it'))).toEqual([
      'Giulia Benassi/appointed',
      'Marco Ferrante/departure',
    ]);
  });
  it('en: "successor of Y" names the one who leaves; "his successor at Orbis, Y" appoints nobody', () => {
    expect(pairs(news('Orbis names Dana Whitfield as successor of chief executive Tom Rendell', 'en'))).toEqual([
      'Dana Whitfield/appointed',
      'Tom Rendell/departure',
    ]);
    expect(pairs(news('His successor at Orbis, Tom Rendell, praised him at the annual dinner', 'en'))).toEqual([]);
  });
});

describe('a name is a person, not what the press glues to it', () => {
  it('a nationality before the name is not part of it', () => {
    expect(pairs(news('Der Niederländer Jan Verhoeven tritt als Chef von Kaltbach zurück', 'de'))).toEqual([
      'Jan Verhoeven/departure',
    ]);
  });
  it('a role noun before a given name is not part of the name', () => {
    expect(pairs(news('Kaltbach: Konzernlenker Peter Albrecht tritt zurück', 'de'))).toEqual(['Peter Albrecht/departure']);
  });
  it('a headline label and a function word are no names', () => {
    const e = news('Short Summary: Orbis chief executive Dana Whitfield resigns', 'en');
    expect(pairs(e)).toEqual(['Dana Whitfield/departure']);
    expect(pairs(news('Einem Bericht zufolge tritt Kaltbach-Chef Peter Albrecht zurück', 'de'))).toEqual([
      'Peter Albrecht/departure',
    ]);
  });
  it('a name is written in one script', () => {
    const e = news('Генеральный директор Nordwerk Motor Иван Соколов покидает компанию', 'ru');
    expect(e.map((x) => x.person)).toEqual(['Иван Соколов']);
  });
});

describe('background and speculation', () => {
  it('a search for someone to replace a CEO is no change', () => {
    expect(news('Orbis board is looking for candidates to replace CEO Dana Whitfield', 'en')).toEqual([]);
  });
  it('a minister in a German compound title is politics', () => {
    expect(news('Bundesverkehrsminister Karl Brenner tritt zurück', 'de')).toEqual([]);
  });
});
