import type { Lexicon } from './types.ts';

/**
 * Persian (a first lexicon). Written in the Arabic script with its own letters (پ چ ژ گ, and ی, ک
 * where Arabic writes ي, ك), told from Arabic by them in `langid.ts`. The zero-width non-joiner inside
 * words ("کناره‌گیری", "می‌پیوندد") folds away on both sides. Verbs come last; names are found by where
 * they stand (`caseless.ts`): before a comma and a role, after a role, before a verb.
 */
const ROLE = '(مدیرعامل|مدیر عامل|مدیر ارشد اجرایی|رئیس هیئت مدیره|رئیس هیات مدیره|مدیر مالی|بنیانگذار|هم‌بنیانگذار|موسس|رئیس|ceo|cfo)';

export const fa: Lexicon = {
  lang: 'fa',
  cues: {
    departure: [
      'استعفا (داد|کرد|داده است|می‌دهد|خواهد داد)',
      '#استعفای',
      'کناره‌گیری (کرد|کرده است|می‌کند|خواهد کرد)',
      '#کناره‌گیری',
      '~(ترک کرد|ترک می‌کند|ترک خواهد کرد)',
      'بازنشسته (شد|می‌شود|خواهد شد)',
    ],
    fired: ['برکنار (شد|شده است)', 'اخراج (شد|شده است)', '>(برکنار کرد|اخراج کرد)', '#برکناری'],
    appointed: [
      'منصوب (شد|شده است|می‌شود|خواهد شد)',
      '>منصوب کرد',
      '#انتصاب',
      '=جانشین',
      '^(جایگزین|جانشین) .{0,30}(می‌شود|خواهد شد|شد)',
    ],
    joined: ['(پیوست|می‌پیوندد|خواهد پیوست)'],
  },
  markers: {
    speculation: ['شایعه', 'احتمال', 'ممکن است'],
    negation: ['نه', 'نخواهد', 'نشد'],
    role: [ROLE],
    companyNoun: ['شرکت', 'سمت', 'گروه', 'بانک'],
    boardNoun: ['هیئت مدیره', 'هیات مدیره'],
    obituary: ['درگذشت', 'فوت کرد'],
    sports: ['سرمربی', 'مربی', 'فوتبال', 'باشگاه'],
    politics: ['وزیر', 'دولت', 'مجلس', 'نماینده'],
    denial: ['تکذیب'],
    corporate: ['شرکت', 'سهام'],
  },
};
