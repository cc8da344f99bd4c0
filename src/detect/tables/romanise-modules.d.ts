declare module 'hepburn' {
  /** Hiragana and katakana to Hepburn romaji, upper case, long vowels with macrons ("ゴーン" -> "GŌN"). */
  export function fromKana(kana: string): string;
  const hepburn: { fromKana: typeof fromKana };
  export default hepburn;
}
