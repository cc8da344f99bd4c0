import { describe, expect, it } from 'vitest';
import { news, pairs } from './helpers.ts';

/**
 * Issue 15, third pass: how Chinese, Japanese, Korean, Russian, Greek, Arabic and Hindi news write
 * names, titles, successions and change verbs. Sentences written by the team, about made-up people at a
 * made-up company (Velora).
 */
describe('zh: foreign names, titles and wordings', () => {
  it('a foreign name without a dot after a title, and the names listed with it', () => {
    expect(pairs(news('维洛拉创办人佩恩及布鲁克辞任行政总裁', 'zh'))).toEqual(['佩恩/departure', '布鲁克/departure']);
    expect(pairs(news('维洛拉CEO奥卡福回归公司', 'zh'))).toEqual(['奥卡福/reinstated']);
  });

  it('company names in transliteration are no people', () => {
    expect(pairs(news('特斯拉CEO马斯克与英伟达CEO黄仁勋会面讨论合作', 'zh'))).toEqual([]);
  });

  it('a bullet inside a name joins it, and 他们 takes both people listed', () => {
    expect(pairs(news('维洛拉创始人杰克•怀特和安娜•科尔本周宣布,他们分别辞去了首席执行官和总裁的职务', 'zh'))).toEqual([
      '安娜•科尔/departure',
      '杰克•怀特/departure',
    ]);
  });

  it('成为…的新首席执行官: the role ends the phrase', () => {
    expect(pairs(news('马克•汤普森将成为维洛拉及其子公司的新首席执行官', 'zh'))).toEqual(['马克•汤普森/appointed']);
  });

  it('Taiwan and Hong Kong titles (執行長, 財務長) and 暫代', () => {
    expect(pairs(news('據報導，維洛拉執行長約翰·卡特已請辭，財務長林美玲將暫代執行長一職', 'zh'))).toEqual([
      '林美玲/appointed',
      '約翰·卡特/departure',
    ]);
  });

  it('X的继任者: X leaves and the one named after it takes over', () => {
    expect(pairs(news('维洛拉宣布，首席执行官周杰的继任者为首席运营官王丽', 'zh'))).toEqual(['周杰/departure', '王丽/appointed']);
  });

  it('the organisation before 联合创始人 / 共同創業者 is the company alone', () => {
    expect(news('维洛拉联合创始人约翰·史密斯离开公司', 'zh')[0]?.org).toBe('维洛拉');
    expect(news('ベローラの共同創業者、ジョン・スミス氏が退社した。', 'ja')[0]?.org).toBe('ベローラ');
  });

  it('交棒给, 下台, 被免职, 因 after a name', () => {
    expect(pairs(news('维洛拉总裁陈志强交棒给副总裁赵敏', 'zh'))).toEqual(['赵敏/appointed', '陈志强/departure']);
    expect(pairs(news('维洛拉创始人张伟宣布下台', 'zh'))).toEqual(['张伟/departure']);
    expect(pairs(news('维洛拉CEO王建国因健康原因辞职', 'zh'))).toEqual(['王建国/departure']);
    const fired = news('维洛拉宣布首席执行官周杰被免职', 'zh');
    expect(pairs(fired)).toEqual(['周杰/fired']);
    expect(fired[0]?.org).toBe('维洛拉');
  });
});

describe('ja: lists, replacements and katakana organisations', () => {
  it('AとBの両氏, A、Bの両容疑者: every name of the list', () => {
    expect(pairs(news('ベローラは、トム・ブラウン、ジェーン・ドウの両氏の代表権を外すことを決めた。', 'ja'))).toEqual([
      'ジェーン・ドウ/fired',
      'トム・ブラウン/fired',
    ]);
  });

  it('Xに代わって, Xの後任: X is the one who leaves', () => {
    expect(pairs(news('ベローラは、ジェーン・ドウ氏に代わってトム・ブラウン氏がCEOに就任すると発表した。', 'ja'))).toEqual([
      'ジェーン・ドウ/departure',
      'トム・ブラウン/appointed',
    ]);
    expect(pairs(news('ベローラは、佐藤健一社長の後任に田中浩二氏が就任すると発表した。', 'ja'))).toEqual([
      '佐藤健一/departure',
      '田中浩二/appointed',
    ]);
  });

  it('a dotted katakana name as subject or object, without 氏; a company of dotted katakana is none', () => {
    expect(pairs(news('ベローラはジョン・スミスを新CEOに任命した。', 'ja'))).toEqual(['ジョン・スミス/appointed']);
    expect(pairs(news('マリア・ロッシがベローラを退社した。', 'ja'))).toEqual(['マリア・ロッシ/departure']);
    expect(pairs(news('ゴールドマン・サックスがベローラのCEOを解任した。', 'ja'))).toEqual([]);
  });

  it('kanji names before more titles: 頭取, 代表取締役, 前社長', () => {
    expect(pairs(news('ベローラ銀行の山田太郎頭取が退任する。', 'ja'))).toEqual(['山田太郎/departure']);
    expect(pairs(news('ベローラは佐藤一郎代表取締役が辞任したと発表した。', 'ja'))).toEqual(['佐藤一郎/departure']);
  });

  it('辞意を表明, CEOを退き', () => {
    expect(pairs(news('ベローラの山本太郎会長が辞意を表明した。', 'ja'))).toEqual(['山本太郎/departure']);
  });

  it('a katakana word before a title that the item makes a company is no person', () => {
    const title = 'ベローラCEOが退任';
    const summary = 'ベローラは11日、最高経営責任者(CEO)を務めていたジョン・スミス氏が退任したと発表した。';
    expect(pairs(news(title, 'ja', { summary }))).toEqual(['ジョン・スミス/departure']);
  });

  it('a football club is sport', () => {
    const title = '大型補強を語っていたベティスのCEOが退任';
    const summary = 'ベティスは11日、CEOを務めていたホセ・ルイス氏が退任したと発表した。';
    expect(pairs(news(title, 'ja', { summary }))).toEqual([]);
  });
});

describe('ko: names before titles, successions, surnames', () => {
  it('a foreign name of two words before a title; a native name before its company and title', () => {
    expect(pairs(news('벨로라 이사회는 마이클 브라운 최고경영자를 해임했다.', 'ko'))).toEqual(['마이클 브라운/fired']);
    expect(pairs(news('벨로라의 존 스미스 CEO가 물러난다.', 'ko'))).toEqual(['존 스미스/departure']);
    expect(pairs(news('최민호 벨로라 대표가 사임했다.', 'ko'))).toEqual(['최민호/departure']);
  });

  it('a company before a native name is cut off; a foreign given name may end in 인', () => {
    expect(pairs(news('벨로라 박영희 신임 대표는 취임사에서 혁신을 강조했다.', 'ko'))).toEqual(['박영희/appointed']);
    expect(pairs(news('벨로라는 최고재무책임자(CFO)로 제인 도를 영입했다.', 'ko'))).toEqual(['제인 도/joined']);
  });

  it('X를 대신할, X의 후임으로: X leaves', () => {
    expect(pairs(news('벨로라가 물러나겠다고 밝힌 톰 존슨을 대신할 새 CEO로 데이비드 리를 임명했다.', 'ko'))).toEqual([
      '데이비드 리/appointed',
      '톰 존슨/departure',
    ]);
    expect(pairs(news('벨로라는 톰 존슨 CEO의 후임으로 제인 도 최고운영책임자(COO)를 임명했다.', 'ko'))).toEqual([
      '제인 도/appointed',
      '톰 존슨/departure',
    ]);
  });

  it('a surname before a title is the person named in full; a name after "-면서" is not its subject', () => {
    const title = '벨로라는 김민수 대표이사 사장이 사임하면서 박지훈 단독 대표 체제로 바뀌었다고 밝혔다.';
    const summary =
      '그동안 박지훈 부회장과 김민수 사장이 공동 대표를 맡아 왔다. 이날 김 사장이 대표이사직에서 물러나면서 박지훈 단독 대표 체제가 됐다.';
    expect(pairs(news(title, 'ko', { summary }))).toEqual(['김민수/departure']);
  });

  it('각각 / それぞれ: everyone listed before it, commas and all', () => {
    expect(pairs(news('벨로라는 김민수 부사장을 전략부문장에, 박지훈 전무를 재무부문장에 각각 보임했다.', 'ko'))).toEqual([
      '김민수/appointed',
      '박지훈/appointed',
    ]);
    expect(pairs(news('ベローラは佐藤健一氏を社長に、田中浩二氏を会長にそれぞれ起用した。', 'ja'))).toEqual([
      '佐藤健一/appointed',
      '田中浩二/appointed',
    ]);
  });

  it('X를 새 CEO로 임명: the one named to a post; the family name alone later is the same person', () => {
    expect(pairs(news('벨로라 이사회는 김철수를 신임 대표로 선임했다.', 'ko'))).toEqual(['김철수/appointed']);
    const summary = '스미스 CEO는 오는 3월 취임한다.';
    const out = news('벨로라는 존 스미스를 새 CEO로 임명했다고 밝혔다.', 'ko', { summary });
    expect(pairs(out)).toEqual(['존 스미스/appointed']);
    const later = news('벨로라 CEO 교체', 'ko', { summary: '벨로라는 존 스미스를 새 CEO로 임명했다. 스미스는 다음 달 정식 취임한다.' });
    expect(pairs(later)).toEqual(['존 스미스/appointed']);
  });

  it('용퇴, 사표, 면직', () => {
    expect(pairs(news('벨로라 김철수 회장이 용퇴를 결정했다.', 'ko'))).toEqual(['김철수/departure']);
    expect(pairs(news('벨로라는 박지훈 전무를 면직 처리했다.', 'ko'))).toEqual(['박지훈/fired']);
  });

  it('보임 assigns a post; a change in the retrospective -던 form is background', () => {
    expect(pairs(news('벨로라는 김민수 부사장을 전략부문장에 보임했다.', 'ko'))).toEqual(['김민수/appointed']);
    const summary = '스미스는 지난해 8월 떠났던 이사회에도 다시 들어간다.';
    expect(pairs(news('벨로라가 새 CEO로 존 스미스를 임명했다.', 'ko', { summary }))).toEqual(['존 스미스/appointed']);
  });
});

describe('ru, el: given names in their case forms, genitives', () => {
  it('a name starts at a given name, whatever stands before it', () => {
    expect(pairs(news('Основатель Велоры Дмитрий Козлов ушел в отставку с поста председателя правления.', 'ru'))).toEqual([
      'Дмитрий Козлов/departure',
    ]);
    expect(pairs(news('Генеральный директор компании Велора Иван Петров покинет свой пост.', 'ru'))).toEqual([
      'Иван Петров/departure',
    ]);
  });

  it('уволила, объявил об уходе, сменившая X, новым главой станет', () => {
    expect(pairs(news('Велора уволила финансового директора Сергея Иванова.', 'ru'))).toEqual(['Сергей Иванов/fired']);
    const out = news('Исполнительный директор Велоры Михаил Орлов объявил об уходе.', 'ru');
    expect(pairs(out)).toEqual(['Михаил Орлов/departure']);
    expect(out[0]?.org).toBeNull();
    expect(pairs(news('Новым главой Велоры станет Ольга Кузнецова, сменившая на этом посту Павла Морозова.', 'ru'))).toEqual([
      'Ольга Кузнецова/appointed',
      'Павла Морозова/departure',
    ]);
  });

  it('ru: the company named after the word for one; a month or an agency dateline is none', () => {
    expect(news('Глава компании Velora Systems Иван Петров покинул пост.', 'ru')[0]?.org).toBe('Velora Systems');
    expect(news('Генеральный директор компании Велора Иван Петров покинет свой пост.', 'ru')[0]?.org).toBe('Велора');
    const dated = news('Сентябрь, Петров уходит - Генеральный директор Иван Петров покинул пост.', 'ru');
    expect(dated[0]?.org ?? null).not.toBe('Сентябрь');
  });

  it('el: ανακοίνωσε την παραίτησή του; Νέος before a title is no company', () => {
    expect(pairs(news('Ο CEO της Velora, Γιώργος Νικολάου, ανακοίνωσε την παραίτησή του', 'el'))).toEqual([
      'Γιώργος Νικολάου/departure',
    ]);
    expect(news('Νέος διευθύνων σύμβουλος της Velora ο Νίκος Παππάς', 'el')[0]?.org ?? null).not.toBe('Νέος');
  });

  it('el: a noun cue and its owner in the genitive; διαδεχόμενος', () => {
    expect(pairs(news('Η Velora ανακοίνωσε τον διορισμό της Ελένης Γεωργίου ως νέας διευθύνουσας συμβούλου', 'el'))).toEqual([
      'Ελένης Γεωργίου/appointed',
    ]);
    expect(
      pairs(news('Ο Κώστας Δημητρίου αναλαμβάνει διευθύνων σύμβουλος της Velora, διαδεχόμενος τον Γιάννη Νικολάου', 'el')),
    ).toEqual(['Γιάννη Νικολάου/departure', 'Κώστας Δημητρίου/appointed']);
  });
});

describe('ar, hi: names by position', () => {
  it('ar: the word after شركة is the company; a resignation and its owner; استقالته', () => {
    expect(pairs(news('عينت شركة فيلورا سارة الخطيب رئيسة تنفيذية جديدة', 'ar'))).toEqual(['سارة الخطيب/appointed']);
    expect(pairs(news('أعلنت شركة فيلورا استقالة رئيسها التنفيذي محمد الأحمد', 'ar'))).toEqual(['محمد الأحمد/departure']);
    expect(pairs(news('قدم كريم منصور استقالته من منصب المدير المالي', 'ar'))).toEqual(['كريم منصور/departure']);
  });

  it('ar: a name before an indefinite role (عين X رئيسة تنفيذية), the company after مجلس إدارة; انضم X', () => {
    expect(pairs(news('عين مجلس إدارة فيلورا ليلى حسن رئيسة تنفيذية خلفا لجون سميث', 'ar'))).toEqual([
      'جون سميث/departure',
      'ليلى حسن/appointed',
    ]);
    expect(pairs(news('انضم جون سميث إلى شركة نوفاتك', 'ar'))).toEqual(['جون سميث/joined']);
  });

  it('hi: पद से हटा दिया is a firing', () => {
    expect(pairs(news('वेलोरा ने अपने सीएफओ रवि वर्मा को पद से हटा दिया', 'hi'))).toEqual(['रवि वर्मा/fired']);
  });

  it('hi: a name whose folded form equals a folded function word (जैन, जिन)', () => {
    expect(pairs(news('वेलोरा के बोर्ड ने सीएफओ विकास जैन को बर्खास्त कर दिया', 'hi'))).toEqual(['विकास जैन/fired']);
  });
});
