/**
 * People who are not on the watchlist, in scripts without capital letters (Han, kana, Hangul),
 * and case endings of Russian names. Latin and Cyrillic capitalised names are found in mentions.ts.
 */
import type { OrgMention, PersonMention } from './mentions.ts';

interface Span {
  start: number;
  end: number;
}

const overlaps = (list: Span[], s: number, e: number): boolean => list.some((m) => m.start < e && s < m.end);

const ZH_SURNAME =
  '(?:欧阳|司马|上官|诸葛|东方|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柳])';
const ZH_ROLE =
  '(?:首席[\\u4e00-\\u9fff]{1,4}官|CEO|CFO|CTO|COO|ceo|cfo|cto|coo|总裁|董事长|总经理|副总裁|创始人|联合创始人|负责人|主席|总监|高管|研究员|科学家)';
const ZH_AFTER = '(?=为|辞|离|被|加|出|已|将|于|在|担|等|和|与|表|称|宣|接|跳|的|，|,|。|、|\\s|$)';
/** "首席财务官刘德华辞职", "任命林晓峰为", "罢免CEO周建国". */
const ZH_NAME = new RegExp(
  `(?:${ZH_ROLE}|任命|聘请|罢免|解雇|提名|免去)(${ZH_SURNAME}[\\u4e00-\\u9fff]{1,2}?)${ZH_AFTER}`,
  'gu',
);

/** Japanese: "柊木真理子氏", "高峰誠一社長", "CFOの東條亮氏". */
const JA_NAME =
  /(?<![\u4e00-\u9fff々])([\u4e00-\u9fff々]{2,5}?)(?:氏|さん|副社長|社長|会長|専務|常務|取締役|CEO|CFO|CTO|COO|ceo|cfo|cto|coo)/gu;
const JA_NOT = /^(?:同|当|前|元|現|新|次期|代表|副|本|両|各|全|同社|弊社|政府|首相|暫定|代行)|(?:社|所|機|業|会|部|省|庁|局|院|国|府|県|市|団|党|行|工|電|薬|製)$/u;

const KO_SURNAME =
  '(?:남궁|황보|제갈|선우|[김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄변채원천방공현함염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉])';
const KO_ROLE =
  '(?:CEO|CFO|CTO|COO|CPO|ceo|cfo|cto|coo|cpo|대표(?:이사)?|사장|부사장|회장|부회장|의장|전무|상무|이사|창업자|공동창업자|연구원|수석|교수|엔지니어|최고[가-힣]{2,6}책임자|본부장|센터장)';
const KO_AFTER = new RegExp(
  `(?<![가-힣])(${KO_SURNAME}[가-힣]{2})(?=\\s?(?:${KO_ROLE})|\\s전\\s|,)`,
  'gu',
);
const KO_BEFORE = new RegExp(`(?:${KO_ROLE}|신임)\\s(${KO_SURNAME}[가-힣]{2})(?![가-힣])`, 'gu');
const KO_NOT = new Set(['이사회', '위원회', '정부가', '전문가', '관계자', '대표이', '사장단', '회장단', '이사진']);

/** Person names in CJK and Hangul text that the watchlist does not know. */
export function findCjkPeople(text: string, persons: PersonMention[], orgs: OrgMention[]): void {
  const found: PersonMention[] = [];
  const add = (start: number, name: string): void => {
    const end = start + name.length;
    if (overlaps(persons, start, end) || overlaps(orgs, start, end) || overlaps(found, start, end)) return;
    found.push({ start, end, person: -1, name, how: 'pattern' });
  };
  const kana = /[\u3040-\u30ff]/.test(text);
  if (/[\u4e00-\u9fff]/.test(text)) {
    if (kana) {
      JA_NAME.lastIndex = 0;
      for (let m = JA_NAME.exec(text); m; m = JA_NAME.exec(text)) {
        const name = m[1] ?? '';
        if (!JA_NOT.test(name)) add(m.index, name);
      }
    } else {
      ZH_NAME.lastIndex = 0;
      for (let m = ZH_NAME.exec(text); m; m = ZH_NAME.exec(text)) {
        const name = m[1] ?? '';
        add(m.index + m[0].length - name.length, name);
      }
    }
  }
  if (/[\uac00-\ud7af]/.test(text)) {
    for (const re of [KO_AFTER, KO_BEFORE]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const name = m[1] ?? '';
        if (!KO_NOT.has(name)) add(m.index + m[0].indexOf(name, re === KO_BEFORE ? 1 : 0), name);
      }
    }
  }
  // The same name elsewhere in the item ("강태식, AI 스타트업 창업").
  const names = [...new Set(found.map((p) => p.name))];
  for (const name of names) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) add(i, name);
  }
  for (const p of found) persons.push(p);
}

// ---- Russian: names in oblique cases back to the nominative ("Олега Рябинина" -> "Олег Рябинин").

const RU_MALE =
  'олег игорь сергей алексей андрей дмитрий михаил иван николай павел владимир евгений артем артём максим александр юрий виктор борис роман антон денис кирилл илья григорий константин вадим федор фёдор аркадий станислав ярослав тимур руслан';
const RU_FEMALE =
  'анна елена ольга мария наталья татьяна ирина екатерина светлана юлия дарья ксения марина алина вера людмила галина полина софья анастасия евгения виктория надежда';

type Case = 'gen' | 'dat' | 'ins' | 'acc' | 'pre';
const RU_FORMS = new Map<string, { nom: string; male: boolean; cases: Case[] }>();
function addForms(nom: string, male: boolean): void {
  const put = (form: string, c: Case[]): void => {
    if (!RU_FORMS.has(form)) RU_FORMS.set(form, { nom, male, cases: c });
  };
  if (male) {
    if (/[йь]$/.test(nom)) {
      const stem = nom.slice(0, -1);
      put(`${stem}я`, ['gen', 'acc']);
      put(`${stem}ю`, ['dat']);
      put(`${stem}ем`, ['ins']);
      put(`${stem}е`, ['pre']);
    } else if (nom.endsWith('я')) {
      const stem = nom.slice(0, -1);
      put(`${stem}и`, ['gen']);
      put(`${stem}ю`, ['acc']);
    } else {
      put(`${nom}а`, ['gen', 'acc']);
      put(`${nom}у`, ['dat']);
      put(`${nom}ом`, ['ins']);
      put(`${nom}е`, ['pre']);
    }
  } else {
    const stem = nom.slice(0, -1);
    const soft = nom.endsWith('я');
    put(`${stem}${soft ? 'ю' : 'у'}`, ['acc']);
    put(`${stem}${soft ? 'и' : 'ы'}`, ['gen']);
    put(`${stem}${soft ? 'ей' : 'ой'}`, ['ins']);
    put(`${stem}${soft ? 'и' : 'е'}`, ['dat', 'pre']);
  }
}
for (const n of RU_MALE.split(' ')) addForms(n, true);
for (const n of RU_FEMALE.split(' ')) addForms(n, false);

function surnameNominative(s: string, male: boolean, c: Case): string {
  const lower = s.toLowerCase();
  const keep = (n: number, add: string): string => s.slice(0, s.length - n) + add;
  if (male) {
    if (/(?:ского|цкого)$/.test(lower)) return keep(3, 'ий');
    if (/(?:скому|цкому)$/.test(lower)) return keep(3, 'ий');
    if (/(?:ским|цким)$/.test(lower) && c === 'ins') return keep(2, 'ий');
    if (/(?:ов|ев|ёв|ин|ын)а$/.test(lower) && (c === 'gen' || c === 'acc')) return keep(1, '');
    if (/(?:ов|ев|ёв|ин|ын)у$/.test(lower) && c === 'dat') return keep(1, '');
    if (/(?:ов|ев|ёв|ин|ын)ым$/.test(lower) && c === 'ins') return keep(2, '');
    if (/[бвгджзклмнпрстфхцчшщ]а$/.test(lower) && (c === 'gen' || c === 'acc')) return keep(1, '');
    return s;
  }
  if (/(?:ск|цк)ую$/.test(lower)) return keep(2, 'ая');
  if (/(?:ск|цк)ой$/.test(lower)) return keep(2, 'ая');
  if (/(?:ов|ев|ёв|ин|ын)у$/.test(lower) && c === 'acc') return keep(1, 'а');
  if (/(?:ов|ев|ёв|ин|ын)ой$/.test(lower)) return keep(2, 'а');
  return s;
}

/** "Олега Рябинина" -> "Олег Рябинин"; names already in the nominative are returned unchanged. */
export function russianNominative(name: string): string {
  const parts = name.split(' ');
  if (parts.length < 2 || !/[\u0400-\u04ff]/.test(name)) return name;
  const first = (parts[0] ?? '').toLowerCase();
  const info = RU_FORMS.get(first);
  if (!info) return name;
  const cap = (w: string): string => (w[0] ?? '').toUpperCase() + w.slice(1);
  const c = info.cases[0] as Case;
  const rest = parts.slice(1).map((p) => surnameNominative(p, info.male, c));
  return [cap(info.nom), ...rest].join(' ');
}
