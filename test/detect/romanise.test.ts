import { describe, expect, it } from 'vitest';
import { compileWatchlist, detect } from '../../src/detect/index.ts';
import { latinName, romanise } from '../../src/detect/romanise.ts';
import { news, wl } from './helpers.ts';

describe('romanise: a Latin form for names in their own script', () => {
  it.each([
    ['张一鸣', 'Zhang Yiming'],
    // Traditional characters read as Simplified ones: the same Latin form.
    ['張一鳴', 'Zhang Yiming'],
    ['馬化騰', 'Ma Huateng'],
    // Surnames read as surnames, not as the everyday word.
    ['单田芳', 'Shan Tianfang'],
    ['單田芳', 'Shan Tianfang'],
    ['曾国藩', 'Zeng Guofan'],
    ['乐嘉', 'Yue Jia'],
    ['区志强', 'Ou Zhiqiang'],
    // Two-character surnames keep both syllables before the space.
    ['欧阳娜娜', 'Ouyang Nana'],
    ['諸葛亮', 'Zhuge Liang'],
    // A syllable starting with a vowel is marked, so the given name reads back.
    ['王小安', "Wang Xiao'an"],
    ['吕布', 'Lü Bu'],
    // Transliterated foreign names: each part one word.
    ['拉里·佩奇', 'Lali Peiqi'],
    ['謝爾蓋-布林', "Xie'ergai Bulin"],
  ])('Chinese %s -> %s', (name, latin) => {
    expect(romanise(name, 'zh')).toBe(latin);
  });

  it.each([
    // Surnames as their bearers write them; given names in Revised Romanization, syllable by syllable.
    ['이재용', 'Lee Jae-yong'],
    ['최태원', 'Choi Tae-won'],
    ['박지성', 'Park Ji-seong'],
    ['김연아', 'Kim Yeon-a'],
    ['남궁민', 'Namgoong Min'],
    // A foreign name written in Hangul: each word as written.
    ['팻 겔싱어', 'Paet Gelsingeo'],
  ])('Korean %s -> %s', (name, latin) => {
    expect(romanise(name, 'ko')).toBe(latin);
  });

  it.each([
    ['カルロス・ゴーン', 'Karurosu Gōn'],
    ['ティム・クック', 'Timu Kukku'],
    ['さくら', 'Sakura'],
  ])('kana %s -> %s (Hepburn)', (name, latin) => {
    expect(romanise(name, 'ja')).toBe(latin);
  });

  it('gives none where the reading is unknown or the text has a Latin form', () => {
    // Japanese kanji names: the characters do not tell their reading.
    expect(romanise('豊田章男', 'ja')).toBeNull();
    expect(romanise('山田さくら', 'ja')).toBeNull();
    // Han in an item that is not Chinese.
    expect(romanise('张一鸣', 'en')).toBeNull();
    expect(romanise('립부탄 (Lip-Bu Tan)', 'ko')).toBeNull();
    expect(romanise('Mira Murati', 'en')).toBeNull();
  });

  it("uses the watchlist's Latin name when the romanised form is someone on it, in either order", () => {
    const list = compileWatchlist({ people: [{ name: 'Yiming Zhang', aliases: ['Zhang Yiming'] }], orgs: [] });
    expect(latinName('張一鳴', 'zh', list.names)).toBe('Yiming Zhang');
    const reversed = compileWatchlist({ people: [{ name: 'Yiming Zhang', aliases: [] }], orgs: [] });
    expect(latinName('张一鸣', 'zh', reversed.names)).toBe('Yiming Zhang');
    const korean = compileWatchlist({ people: [{ name: 'Jae-yong Lee', aliases: ['JY Lee'] }], orgs: [] });
    expect(latinName('이재용', 'ko', korean.names)).toBe('Jae-yong Lee');
    expect(latinName('梁汝波', 'zh', list.names)).toBe('Liang Rubo');
  });
});

describe('detect names people in their own script with a Latin form beside', () => {
  it('a Traditional Chinese item: the name as written, its pinyin in latin', () => {
    const events = news('字節跳動創始人張一鳴宣布卸任執行長', 'zh', {
      summary: '張一鳴將於年底辭去執行長一職，由梁汝波接任。',
    });
    const zhang = events.find((e) => e.person === '張一鳴');
    expect(zhang?.latin).toBe('Zhang Yiming');
    expect(events.find((e) => e.person === '梁汝波')?.latin).toBe('Liang Rubo');
  });

  it('a Korean item and a Japanese katakana item', () => {
    expect(news('하나테크 이재용 대표 사임', 'ko', { summary: '이재용 대표가 물러난다.' })[0]).toMatchObject({
      person: '이재용',
      latin: 'Lee Jae-yong',
    });
    expect(news('アクメ社のカルロス・ゴーン会長が辞任', 'ja', { summary: 'カルロス・ゴーン氏が会長を辞任した。' })[0]).toMatchObject({
      person: 'カルロス・ゴーン',
      latin: 'Karurosu Gōn',
    });
  });

  it('gives no Latin form to people named in Latin, nor to a Japanese kanji name', () => {
    const en = news('Acme CEO Jane Roe steps down', 'en');
    expect(en[0]?.person).toBe('Jane Roe');
    expect(en[0]).not.toHaveProperty('latin');
    const ja = detect({ title: 'アクメ社の山田太郎社長が辞任', summary: '山田太郎社長が辞任した。', lang: 'ja' }, wl);
    expect(ja[0]?.person).toBe('山田太郎');
    expect(ja[0]).not.toHaveProperty('latin');
  });
});
