/**
 * What a person's name looks like in Chinese, Japanese and Korean news, and what stands around it.
 * Patterns run over FOLDED text, where Traditional characters are already Simplified (fold.ts), so
 * one list serves both scripts, and fullwidth punctuation is already ASCII. Every pattern goes through
 * fold() too (社長 is read as 社长), so the lists are written as the press writes them. Code: ../cjknames.ts.
 */
import { fold } from '../fold.ts';

const re = (src: string): RegExp => new RegExp(fold(src), 'gu');

/** The commonest Chinese surnames (Simplified), two-character ones first. */
export const ZH_SURNAME =
  '(?:欧阳|司马|上官|诸葛|东方|[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤柳雷倪易常乔])';

/** Titles and verbs of appointment written right before a name: "首席财务官刘德华", "由蔡明接任". */
export const ZH_BEFORE =
  '(?:首席[\\u4e00-\\u9fff]{1,4}官|ceo|cfo|cto|coo|总裁|董事长|执行长|财务长|技术长|营运长|运营长|总经理|副总裁|创始人|联合创始人|负责人|主席|总监|高管|研究员|科学家|任命|聘请|罢免|解雇|提名|免去|委任|由|接替|替代|接棒)';

/** What follows a subject's name: a change verb, a future or past marker, a title, a list mark. */
export const ZH_AFTER_ROLE =
  '(?=因|由于|交|下|退|免|遭|请|回|重|升|获|上|留|续|再|暂|为|辞|离|被|加|出|已|将|于|在|担|等|和|与|表|称|宣|接|跳|的|兼|卸|发|正式|即将|，|,|。|、|\\s|$)';

/** After a name standing alone at a clause start: only a change verb or its auxiliaries. */
export const ZH_AFTER_BARE = '(?=接任|出任|卸任|辞任|辞去|辞职|离职|担任|接替|兼任|即将|将于|将|已于|正式|升任|继任|请辞|退休|被)';

/** Where a bare name may start: the text's start, punctuation, or "by / and". */
export const ZH_LEFT = '(?<=^|[,.;:!?、。\\s"“”「」『』()《》]|由|和|与|及|表示|宣布|称|指出)';

/** Words that look like surname + given name but are not names. */
export const ZH_NOT_NAME = new Set(
  '方面 高管 高层 董事 石油 金融 黄金 白宫 江湖 马上 周年 万元 钱款 严重 常务 任务 任期 孙公司 何时 于是 向来 曾经 曾任 程序 谢谢 田间 林业 段落 龙头 史上 毛利 易于 乔迁'.split(
    ' ',
  ),
);

/**
 * Characters Chinese uses to transliterate foreign names (the Xinhua-style syllable set, Simplified):
 * a dotted name is taken only when every character is one of these ("拉里·佩奇", "桑达尔-皮查伊").
 */
const ZH_TRANSLIT =
  '阿埃艾爱安昂奥澳巴芭拜班邦鲍保贝本比彼毕碧宾滨波伯博布查达黛戴丹道得德登迪蒂帝丁东杜敦多厄恩尔法范菲费芬丰冯弗伏福富盖甘冈高戈哥格葛根贡古瓜哈海汉豪浩赫黑亨洪胡华怀霍基吉加佳贾简杰金晋卡凯坎康考柯科克肯库夸奎拉腊莱赖兰朗劳勒雷蕾里理利莉丽连林琳卢鲁路伦罗洛马玛迈麦曼芒梅美蒙孟米密明姆慕穆纳娜奈南内妮尼宁纽努诺欧帕潘佩彭皮珀普奇齐契恰乔切钦琴丘屈让瑞若萨塞赛桑瑟森沙莎珊尚绍舍申什施史士斯松苏索塔泰坦汤唐陶特滕提汀廷图托瓦万旺威韦维温文沃乌伍西希夏谢辛欣休修雅亚延扬耶伊依因英尤约泽扎詹珍朱卓兹佐采察楚茨措肖易披猜祖柏翰廉逊顿琼茜斐夫丝娅薇琪露摩津卫大山舒莫昆代隆烈各历陈王';
const ZH_T = `[${ZH_TRANSLIT}]`;
/** Transliterated foreign names: "拉里·佩奇", "谢尔盖•布林", "桑达尔-皮查伊" (a dot or dash between the parts). */
export const ZH_DOTTED = re(`(${ZH_T}{1,5}(?:\\s?[·•‧∙・.-]\\s?${ZH_T}{1,6}){1,2})(?!${ZH_T})`);

/** Titles a name follows in Chinese, Simplified, Traditional (folded) and Hong Kong / Taiwan usage. */
const ZH_TITLE =
  '(?:首席[\\u4e00-\\u9fff]{1,4}官|ceo|cfo|cto|coo|总裁|董事长|执行长|财务长|技术长|营运长|运营长|总经理|创始人|创办人|负责人|主席|总监)';
/** After a foreign name: what ZH_AFTER_ROLE allows, a time word, or an adverb before the verb. */
const ZH_AFTER_FOREIGN =
  '(?=回|重|升|获|上|下|退|免|遭|请|交|留|续|再|暂|为|辞|离|被|加|出|已|将|于|在|担|等|和|与|及|表|称|宣|接|跳|的|兼|卸|发|正式|即将|本[周月年日]|周[一二三四五六日]|今[天日年]|昨[天日]|日前|近日|上周|也|则|仍|还|是|会|说|曾|对|因|均|都|分别|，|,|。|、|\\s|$)';
/**
 * A foreign name written without a dot ("佩奇", "皮查伊", "奥特曼") right after a title, every character a
 * transliteration syllable: the title is the anchor, since company names are transliterated with the
 * same syllables (特斯拉, 英特尔).
 */
export const ZH_TRANSLIT_TITLED = re(`${ZH_TITLE}(${ZH_T}{2,5}?)${ZH_AFTER_FOREIGN}`);
/** The names listed after it ("创办人佩奇及布林辞任"), when the list goes on into the change verb. */
export const ZH_TRANSLIT_NEXT = new RegExp(
  fold(`^[和及与、](${ZH_T}{2,5}?)(?=辞|卸|离|均|都|分别|两人|二人|已|将|[和及与、]${ZH_T})`),
  'u',
);

/** Japanese: kanji names before an honorific or title ("高峰誠一社長", "東條亮氏", "AとBの両氏"). */
const KANJI = '[\\u4e00-\\u9fff々]';
export const JA_KANJI = re(
  `(?<!${KANJI})(${KANJI}{2,5}?)(?:(?=(?:[、と]${KANJI}{2,5})*の?両(?:氏|容疑者|被告))|氏|さん|容疑者|被告|[前元](?:社長|会長|ceo)|代表取締役|副社長|社長|副会長|会長|頭取|理事長|執行役員|専務|常務|取締役|最高経営責任者|ceo|cfo|cto|coo)`,
);
/** Kanji runs that end in an organisation word or start with a determiner are not names. */
export const JA_NOT = new RegExp(
  fold(
    '^(?:同|当|前|元|現|新|次期|代表|副|本|両|各|全|同社|弊社|政府|首相|暫定|代行|臨時)|(?:社|所|機|業|会|部|省|庁|局|院|国|府|県|市|団|党|銀行|工|電|薬|製)$',
  ),
  'u',
);

/** Katakana names (foreign people): "カルロス・ゴーン容疑者", "エスピノーサ氏", "CEOのリサ・スー". */
const KATA = '[\\u30a1-\\u30fa\\u30fc]';
const KATA_NAME = `(${KATA}{2,}(?:[・･=＝]${KATA}{2,}){0,3})`;
/** "ゴーン、ケリーの両容疑者", "AとBの両氏": names listed before a plural honorific. */
const JA_BOTH = `(?:[、と]${KATA}{2,}(?:[・･=＝]${KATA}{2,}){0,3})*の?両(?:氏|容疑者|被告)`;
export const JA_KATA_AFTER = re(
  `(?<!${KATA})${KATA_NAME}(?=${JA_BOTH}|氏|さん|容疑者|被告|前会長|前社長|元会長|元社長|会長|社長|副社長|最高|ceo|cfo|cto|coo)`,
);
/**
 * A katakana name of two or three parts joined by ・, as the subject or object of a clause ("イリヤ・
 * サツケバーが退社", "ジョン・スミスを解任"): the press writes foreign people so, and companies too
 * ("ゴールドマン・サックス"), so a part that is a company word makes it no name (JA_KATA_ORG).
 */
export const JA_KATA_DOTTED = re(`(?<!${KATA})(${KATA}{2,}(?:[・･]${KATA}{2,}){1,2})(?=が|は|も|を|と|、)`);
export const JA_KATA_ORG = new RegExp(
  `(?:^|[・･])(?:${'モーターズ サックス カンパニー コーポレーション グループ ホールディングス システムズ テクノロジーズ テクノロジー ラボ ラボズ ジャパン インク エレクトリック ストリート ジャーナル タイムズ ポスト ニュース ネットワークス ブラザーズ ディズニー パートナーズ キャピタル ファンド ソフト デバイセズ インスツルメンツ モバイル ゲームズ スタジオ メディア プラットフォームズ バレー サービス ファイナンシャル バンク リサーチ ベンチャーズ'.split(' ').join('|')})(?:$|[・･])`,
  'u',
);
export const JA_KATA_BEFORE = re(
  `(?:ceo|cfo|cto|coo|会長|社長|責任者|役員|取締役|幹部|創業者)の?${KATA_NAME.replace('{0,3}', '{1,3}')}(?!${KATA})`,
);

/** Titles a Korean name stands before ("존 스미스 CEO가", "최민호 벨로라 대표가"). */
const KO_TITLE_NEXT =
  '(?:ceo|cfo|cto|coo|cpo|최고[가-힣]{2,6}자|대표(?:이사)?|사장|부사장|회장|부회장|의장|창업자|공동창업자)(?=[이가은는을를의와과도]|에게|\\(|\\s|$)';

/** Korean surnames, two-syllable ones first. */
export const KO_SURNAME =
  '(?:남궁|황보|제갈|선우|[김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄변채원천방공현함염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예경봉])';
export const KO_ROLE =
  '(?:CEO|CFO|CTO|COO|CPO|ceo|cfo|cto|coo|cpo|대표(?:이사)?|사장|부사장|회장|부회장|의장|전무|상무|이사|창업자|공동창업자|연구원|수석|교수|엔지니어|최고[가-힣]{2,6}책임자|본부장|센터장|[a-z]{1,4}부문장|부문장)';
export const KO_NOT = new Set([
  '이사회',
  '위원회',
  '정부가',
  '전문가',
  '관계자',
  '대표이',
  '사장단',
  '회장단',
  '이사진',
  '그녀',
  '자신',
  '전임자',
  '후임자',
  '회사',
]);

/**
 * Korean: a foreign name of two words before a title ("존 스미스 CEO가", "제인 도 최고운영책임자를"), and a
 * native name before its company and title ("최민호 벨로라 대표가"). Words that are business nouns are no
 * names (KO_BUSINESS).
 */
export const KO_FOREIGN_TITLED = re(`(?<![가-힣])([가-힣]{1,5}\\s[가-힣]{1,5})\\s${KO_TITLE_NEXT}`);
export const KO_NATIVE_ORG_TITLED = re(
  `(?<![가-힣])(${KO_SURNAME}[가-힣]{2})\\s[가-힣a-z0-9&]{1,12}\\s${KO_TITLE_NEXT}`,
);
/** Syllables of transliteration (vowel ㅡ, "-son", "-ton", "-cle") that Korean given names do not use. */
export const KO_FOREIGN_SYLLABLE = /[스크트프드브즈르그츠흐므느클슨튼든픈델첼엘벨렐]/u;
export const KO_BUSINESS =
  /(?:회사|기업|그룹|전자|부문|사업|반도체|자동차|은행|증권|보험|통신|시스템|솔루션|센터|연구소|본부|팀|공사|재단|협회|지주|홀딩스|은|는|을|를|의|에|신임|전임|임시|공동|새|첫|현|전)$|(?:면서|에서|하며|하고|했고|지만|는데|으며|에게|부터|까지)$|^(?:신임|전임|현|전|새|첫|공동|임시|미국|한국|중국|일본|글로벌|국내|해외|이날|오늘|어제|내일|당시|이번|지난|올해|작년|내년|최근|현재|이후|이전|앞서|또한|한편|이어|특히|당초|직접|다시|결국|공식)$/u;

/**
 * Korean: the name one succeeds or replaces, before its particle ("밥 스완을 대신할", "경계현 사장의 뒤를
 * 이어", "X의 후임으로"): one or two words, a title between allowed.
 */
export const KO_PREDECESSOR = re(
  '(?<![가-힣])((?:[가-힣]{1,5}\\s)?[가-힣]{2,5}?)(?:\\s(?:ceo|대표|사장|회장|부회장|의장))?(?:(?:을|를)\\s(?:대신|대체)|의\\s(?:후임|뒤를|바통))',
);
/** Korean: the one named to a post, before its object particle ("존 스미스를 새 CEO로 임명"). */
export const KO_OBJECT_AS_ROLE = re(
  '(?<![가-힣])((?:[가-힣]{1,5}\\s)?[가-힣]{2,5}?)(?:을|를)\\s(?:(?:새|신임|차기|새로운|신규)\\s)?(?:ceo|cfo|cto|coo|최고[가-힣]{2,6}자(?:\\([a-z]{3}\\))?|대표(?:이사)?|사장|회장|부회장|의장)(?:으로|로)\\s',
);
/** A Korean surname alone before a title ("경 사장이", "이 회장은") names the person in full elsewhere. */
export const KO_SURNAME_TITLE = '\\s(?:ceo|대표|사장|부사장|회장|부회장|의장|전무|상무|부문장)';

/**
 * Korean: a foreign name written in Hangul (one to three words) right after a title ("CEO 팻 겔싱어가",
 * "책임자 미셸 존스턴 홀트하우스를", "최고경영자(CEO)에 립부 탄"). The name ends at a case particle.
 */
export const KO_TITLE_BEFORE = re(
  '(?:ceo|cfo|cto|coo|최고경영자|최고재무책임자|책임자|신임|창업자|공동창업자)(?:\\(ceo\\)|\\(cfo\\))?(?:인|에|로|으로|에는)?\\s((?:[가-힣]{1,6}[ -]){0,2}[가-힣]{1,6})',
);
/** Case particles that end a Korean name ("스완을", "진스너와"). */
export const KO_PARTICLE = /(?:을|를|이|가|은|는|와|과|의|도|에게|로|으로|에)$/u;
/** A Korean name before a title ("밥 스완 전 CEO", "립부탄(Lip-Bu Tan) 전 이사"). */
export const KO_TITLE_AFTER = re(
  '(?<![가-힣])((?:[가-힣]{1,6}[ -])?[가-힣]{2,6})(?:\\([a-z][a-z -]+\\))?\\s(?:전|현|신임)\\s(?:ceo|cfo|cto|최고경영자|대표|사장|회장|이사)',
);
/**
 * Endings of Korean verbs and adjectives in the modifier form ("떠난", "맡은", "대표인"): such a word is no
 * name. A name of two syllables may end in 인 ("제인", "케인").
 */
export const KO_MODIFIER = /(?:은|는|한|난|된|던|할|될|(?<=[가-힣a-z]{2})인|의|에서|까지|부터)$/u;
/** Words that end a Hangul name: "former", "new", titles. */
export const KO_STOP = /^(?:전|현|신임|전임|임시|공동|최고[가-힣]*|[가-힣]*책임자|[가-힣]*경영자|대표(?:이사)?|사장|부사장|회장|부회장|이사|의장)$/u;
