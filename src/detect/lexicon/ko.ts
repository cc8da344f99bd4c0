import type { CueTable, Lexicon } from './types.ts';

/**
 * A change verb in the retrospective modifier form ("지난해 떠났던 이사회", "사임했던 X") opens a relative
 * clause about the past: background, never the news.
 */
function notRetrospective(cues: CueTable): CueTable {
  const out: CueTable = {};
  for (const [type, list] of Object.entries(cues) as [keyof CueTable, string[]][])
    out[type] = list.map((c) => `${c}(?![가-힣]{0,2}던)`);
  return out;
}

export const ko: Lexicon = {
  lang: 'ko',
  cjk: true,
  cues: notRetrospective({
    departure: [
      '퇴진',
      '(?<!이)사직',
      '자리에서 물러',
      '사의',
      '퇴사',
      '사임',
      '사퇴',
      '떠난',
      '떠났',
      '떠나',
      '물러나',
      '물러난',
      '물러났',
      '퇴임',
      '은퇴',
      '이탈',
      '결별',
      '그만두',
      '회사를 나',
      '용퇴',
      '사표',
      // "X를 대신해 Y가", "X의 뒤를 이어 Y가": X is the one who leaves (the object stands before the verb).
      '#(\\s?(ceo|대표|사장|회장|부회장|의장))?(을|를) (대신|대체)(할|해|하여|하는|한|하게)(?!\\s?,)',
      '#(\\s?(ceo|대표|사장|회장|부회장|의장))?의 (뒤를 (이어|잇)|바통을 이어)',
    ],
    fired: ['해임', '해고', '경질', '축출', '쫓겨나', '쫓겨난', '파면', '해촉', '면직', '직위 해제'],
    leave: [
      '휴식기','휴직', '안식년', '휴가', '병가'],
    joined: ['합류', '이직', '입사', '<영입', '옮긴', '옮겼', '둥지', '새 둥지'],
    appointed: [
      '발탁',
      '기용',
      '새 수장',
      '선임',
      '임명',
      '취임',
      '맡는',
      '맡게',
      '맡았',
      '내정',
      '승진',
      '대행',
      '임시',
      '=후임',
      '신임',
      '지명',
      // "A를 X에 보임" (assigned to a post), "위촉" (commissioned).
      '보임',
      '위촉',
    ],
    reinstated: ['복귀', '복직', '재선임', '돌아왔', '돌아온'],
    // 창업자/설립자 (founder) name a role, not a founding.
    founded: ['창업(?!자)', '설립(?!자)', '창립(?!자)', '세운', '세웠', '출범'],
  }),
  markers: {
    speculation: ['가능성', '검토', '소문', '루머', '관측', '협상', '할 수도'],
    negation: ['부인', '않', '아니'],
    retro: ['년 전', '주년'],
    firstPerson: ['저는', '나는', '제가', '저의'],
    pronoun: ['그는', '그녀는'],
    pluralPronoun: ['그들은', '두 사람은', '각각'],
    conj: ['와', '과', '및', ','],
    companion: ['와 함께', '과 함께'],
    role: ['(최고경영자|최고기술책임자|CEO|CTO|대표|사장|회장|의장|창업자|공동창업자|책임자|연구원|부사장|수석)'],
    companyNoun: ['회사', '기업', '이사회', '팀', '연구소'],
    interim: ['대행', '임시'],
    funding: ['투자', '유치', '억 달러', '기업가치', '펀딩'],
    product: ['출시', '공개', '모델'],
    lawsuit: ['소송', '법원', '벌금'],
    award: ['노벨', '수상'],
    obituary: ['별세', '사망', '타계'],
    anniversary: ['주년'],
    jobad: ['채용', '모집'],
    sports: ['감독', '선수', '구단', '축구', '야구', '리그'],
    politics: ['총리', '장관', '대통령', '정부', '국회', '의원'],
    denial: ['부인'],
    corporate: ['(최고경영자|CEO|CTO|대표|이사회|회사|기업)'],
  },
};
