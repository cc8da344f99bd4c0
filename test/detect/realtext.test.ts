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

describe('Korean: foreign names written in Hangul', () => {
  it('a name after a title ends at its case particle', () => {
    expect(pairs(news('한빛전자는 신임 최고경영자(CEO)로 데이비드 모건을 선임했다고 밝혔다.', 'ko'))).toEqual([
      '데이비드 모건/appointed',
    ]);
  });
  it('a name with its Latin form in brackets is one person, named in both scripts', () => {
    const e = news('한빛전자, 새 CEO에 피터 홀름(Peter Holm) 전 이사 선임', 'ko');
    expect(pairs(e)).toEqual(['피터 홀름 (Peter Holm)/appointed']);
    // A change word after a title is no name.
    expect(pairs(news('한빛전자, CTO 해임 결정', 'ko')).some((p) => p.startsWith('해임'))).toBe(false);
  });
});

describe('more of what real text says', () => {
  it('an item about a company is not politics because a minister or the government is named', () => {
    const e = news('O governo demite Rui Castanheira da presidência da empresa Lusagás', 'pt');
    expect(pairs(e)).toEqual(['Rui Castanheira/fired']);
  });
  it('a Japanese surname alone is the person named in full in the item', () => {
    const e = news('ミナト電機は、高橋健一社長が退任すると発表した。', 'ja', {
      summary: 'ミナト電機は、高橋健一社長が退任すると発表した。高橋社長は3月末で辞任する。',
    });
    expect(pairs(e)).toEqual(['高橋健一/departure']);
  });
  it('a passive\'s agent is not the one who is dismissed', () => {
    const e = news('Ana Ruiz, directora ejecutiva de Velora desde 2019 fue destituida por Jorge Beltrán', 'es');
    expect(pairs(e)).toEqual(['Ana Ruiz/fired']);
  });
  it('several people named in a plural passive are all appointed', () => {
    const e = news('Os novos diretores, Paulo Antunes, Carla Mendes e Rui Tavares, foram nomeados pela empresa Lusagás', 'pt');
    expect(pairs(e)).toEqual(['Carla Mendes/appointed', 'Paulo Antunes/appointed', 'Rui Tavares/appointed']);
  });
});

describe('a leaver\'s old appointment is background', () => {
  it('someone the watchlist does not know who leaves is not also appointed by a sentence about the past', () => {
    const e = news('Velora-CEO Ana Ruiz tritt zurück', 'de', {
      summary: 'Velora-CEO Ana Ruiz tritt zurück. Ana Ruiz wurde 2019 zur Chefin von Velora ernannt.',
      published: '2026-03-02',
    });
    expect(pairs(e)).toEqual(['Ana Ruiz/departure']);
  });
});

describe('counts of staff and older news', () => {
  it('a company that lays off a number of staff fires no named leader', () => {
    const e = news('Velora entlässt 4.500 Mitarbeiter, ein Zehntel der Belegschaft', 'de', {
      summary: 'Vorstandschefin Ana Ruiz schrieb am Montag in einem Brief an die Belegschaft, der Konzern müsse sparen.',
    });
    expect(e).toEqual([]);
  });
  it('a change dated before the item\'s year is background', () => {
    const e = news('Dana Whitfield rebuilds her reputation', 'en', {
      summary: 'Dana Whitfield was ousted as chief executive of Orbis in late 2024. She now advises startups.',
      published: '2026-01-10',
    });
    expect(e).toEqual([]);
    const now = news('Orbis ousts chief executive Dana Whitfield', 'en', {
      summary: 'Orbis ousted chief executive Dana Whitfield in a board vote in March 2026.',
      published: '2026-03-20',
    });
    expect(pairs(now)).toEqual(['Dana Whitfield/fired']);
  });
});

describe('more succession wordings and name shapes', () => {
  it('it: "X sarà il nuovo AD al posto di Y"', () => {
    const e = news('Giulia Benassi sarà il nuovo amministratore delegato di Velatech al posto di Marco Ferrante', 'it');
    expect(pairs(e)).toEqual(['Giulia Benassi/appointed', 'Marco Ferrante/departure']);
  });
  it('fr: "X prendra le relais"', () => {
    const e = news('Le directeur général de Brevia, Henri Marchal, démissionne', 'fr', {
      summary: 'Paul Girardin, qui dirigeait jusqu\'ici la filiale suisse, prendra le relais en mars.',
    });
    expect(pairs(e)).toContain('Paul Girardin/appointed');
  });
  it('a middle initial joins the name; a name never ends in an initial', () => {
    expect(pairs(news('Orbis names Thomas J. Whitcombe chief executive', 'en'))).toEqual(['Thomas J. Whitcombe/appointed']);
  });
  it('zh: a time word after a dotted name is not part of it', () => {
    expect(pairs(news('云海集团创始人保罗·杜兰特本周宣布辞去首席执行官职务', 'zh'))).toEqual(['保罗·杜兰特/departure']);
  });
});

describe('first lexicons: Turkish, Polish, Swedish, Norwegian, Danish', () => {
  it('tr', () => {
    expect(pairs(news("Velora'nın CEO'su Ahmet Kaya görevinden istifa etti", 'tr'))).toEqual(['Ahmet Kaya/departure']);
    expect(pairs(news('Velora yönetim kurulu, Elif Demir yeni genel müdür olarak atandı', 'tr'))).toEqual([
      'Elif Demir/appointed',
    ]);
  });
  it('pl', () => {
    expect(pairs(news('Prezes spółki Velora Anna Nowak złożyła rezygnację', 'pl'))).toEqual(['Anna Nowak/departure']);
    expect(pairs(news('Wiceminister finansów Anna Kowalska podała się do dymisji, potwierdził rzecznik rządu', 'pl'))).toEqual([]);
  });
  it('sv', () => {
    expect(pairs(news('Veloras vd Erik Lindqvist avgår efter tre år', 'sv'))).toEqual(['Erik Lindqvist/departure']);
  });
  it('no', () => {
    expect(pairs(news('Konsernsjef Anders Berg går av i Velora', 'no'))).toEqual(['Anders Berg/departure']);
  });
  it('da', () => {
    expect(pairs(news('Topchef Mette Jensen træder tilbage fra Velora', 'da'))).toEqual(['Mette Jensen/departure']);
  });
});

describe('succession in Russian and Spanish wordings', () => {
  it('ru: "назначила X вместо Y"', () => {
    const e = news('Компания «Северный ветер» назначила Ивана Петрова генеральным директором вместо Олега Смирнова', 'ru');
    expect(pairs(e)).toEqual(['Иван Петров/appointed', 'Олег Смирнов/departure']);
  });
  it('es: "la empresa reemplazará a X"', () => {
    const e = news('Velora reemplazará a su consejera delegada, Ana Ruiz, tras un año de pérdidas', 'es');
    expect(pairs(e)).toEqual(['Ana Ruiz/departure']);
  });
});
