import { describe, expect, it } from 'vitest';
import { news, pairs } from './helpers.ts';

describe('per-language cues', () => {
  it('en: resignation, firing, leave, move to a rival, appointment, return, founding', () => {
    expect(pairs(news('Greg Brockman resigns from OpenAI', 'en'))).toEqual(['Greg Brockman/departure']);
    expect(pairs(news('Stability AI board ousts Emad Mostaque', 'en'))).toEqual(['Emad Mostaque/fired']);
    expect(pairs(news('Demis Hassabis takes a leave of absence from Google DeepMind', 'en'))).toEqual([
      'Demis Hassabis/leave',
    ]);
    const moved = news('Lucas Beyer leaves OpenAI for Meta', 'en');
    expect(moved.map((e) => [e.person, e.type, e.org, e.destination])).toEqual([
      ['Lucas Beyer', 'joined', 'OpenAI', 'Meta'],
    ]);
    expect(pairs(news('Anthropic names Jane Holloway chief financial officer', 'en'))).toEqual([
      'Jane Holloway/appointed',
    ]);
    expect(pairs(news('Mira Murati returns as CTO of OpenAI after a turbulent week', 'en'))).toEqual([
      'Mira Murati/reinstated',
    ]);
    const founded = news('Igor Babuschkin starts his own venture firm after xAI', 'en');
    expect(pairs(founded)).toContain('Igor Babuschkin/founded');
  });

  it('fr: quitte, limogé, rejoint, nommé', () => {
    const a = news('Arthur Mensch quitte Mistral AI pour rejoindre Google DeepMind', 'fr');
    expect(a.map((e) => [e.person, e.type, e.org, e.destination])).toEqual([
      ['Arthur Mensch', 'joined', 'Mistral AI', 'Google DeepMind'],
    ]);
    expect(pairs(news('Le conseil de Tesla a limogé Milan Kovac', 'fr'))).toEqual(['Milan Kovac/fired']);
    expect(pairs(news('Thomas Dohmke nommé directeur général de Nvidia', 'fr'))).toEqual(['Thomas Dohmke/appointed']);
  });

  it('it: lascia, passa a, nominato, si dimette', () => {
    expect(pairs(news('Jan Leike lascia OpenAI e passa ad Anthropic', 'it'))).toEqual(['Jan Leike/joined']);
    expect(pairs(news('Fidji Simo si è dimessa da Instacart', 'it'))).toEqual(['Fidji Simo/departure']);
    expect(pairs(news('Intel, Lip-Bu Tan nominato amministratore delegato', 'it'))).toEqual(['Lip-Bu Tan/appointed']);
  });

  it('de: verlässt, wechselt zu, tritt zurück, Auszeit', () => {
    const w = news('Tim Brooks wechselt von OpenAI zu Google DeepMind', 'de');
    expect(w.map((e) => [e.type, e.org, e.destination])).toEqual([['joined', 'OpenAI', 'Google DeepMind']]);
    expect(pairs(news('Linda Yaccarino tritt als Chefin von X zurück', 'de'))).toEqual(['Linda Yaccarino/departure']);
    expect(pairs(news('Mustafa Suleyman nimmt sich eine Auszeit bei Microsoft', 'de'))).toEqual([
      'Mustafa Suleyman/leave',
    ]);
  });

  it('es: deja, se une a, destituido, nombrado', () => {
    expect(pairs(news('Alec Radford deja OpenAI tras ocho años', 'es'))).toEqual(['Alec Radford/departure']);
    const j = news('Joelle Pineau se une a Cohere como directora de IA', 'es');
    expect(j.map((e) => [e.person, e.type, e.destination])).toEqual([['Joelle Pineau', 'joined', 'Cohere']]);
    expect(pairs(news('Nvidia nombra a Carla Mendes directora financiera', 'es'))).toEqual(['Carla Mendes/appointed']);
  });

  it('pt: deixa, vai para, demitido', () => {
    const j = news('Varun Mohan deixa a Windsurf e vai para o Google', 'pt');
    expect(j.map((e) => [e.person, e.type, e.org, e.destination])).toEqual([
      ['Varun Mohan', 'joined', 'Windsurf', 'Google'],
    ]);
    expect(pairs(news('Yuandong Tian é demitido pela Meta', 'pt'))).toEqual(['Yuandong Tian/fired']);
  });

  it('nl: vertrekt, stapt over naar', () => {
    expect(pairs(news('Liam Fedus vertrekt bij OpenAI', 'nl'))).toEqual(['Liam Fedus/departure']);
    const j = news('Andrew Tulloch stapt over naar Meta', 'nl');
    expect(j.map((e) => [e.type, e.destination])).toEqual([['joined', 'Meta']]);
  });

  it('ja and zh: no spaces, katakana and Chinese names', () => {
    expect(pairs(news('アルトマン氏がオープンAIのCEOに復帰', 'ja'))).toEqual(['Sam Altman/reinstated']);
    expect(pairs(news('ムラティ氏、オープンAIを退社', 'ja'))).toEqual(['Mira Murati/departure']);
    expect(pairs(news('穆拉蒂宣布从OpenAI离职', 'zh'))).toEqual(['Mira Murati/departure']);
    const z = news('卡帕西离开OpenAI并创办Eureka Labs', 'zh');
    expect(pairs(z)).toEqual(['Andrej Karpathy/departure', 'Andrej Karpathy/founded']);
  });

  it('ko and ru (languages without dev data)', () => {
    expect(pairs(news('샘 올트먼, 오픈AI CEO에서 해임', 'ko'))).toEqual(['Sam Altman/fired']);
    expect(pairs(news('얀 르쿤, 메타 퇴사 후 스타트업 창업', 'ko'))).toEqual([
      'Yann LeCun/departure',
      'Yann LeCun/founded',
    ]);
    expect(pairs(news('Илья Суцкевер покинул OpenAI', 'ru'))).toEqual(['Ilya Sutskever/departure']);
  });

  it('works without a language tag', () => {
    expect(pairs(news('Jan Leike wechselt von OpenAI zu Anthropic', ''))).toEqual(['Jan Leike/joined']);
  });
});
