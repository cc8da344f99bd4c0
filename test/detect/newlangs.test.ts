import { describe, expect, it } from 'vitest';
import { guessLanguage } from '../../src/detect/langid.ts';
import { fold } from '../../src/detect/fold.ts';
import { news, pairs } from './helpers.ts';

describe('lexicons for Czech, Greek, Arabic and Hindi (issue 15)', () => {
  it('the language is read from the text (function words for Czech, the script for the others)', () => {
    expect(guessLanguage(fold('Generální ředitel společnosti, který firmu vedl šest let, odstoupil a jeho nástupce bude jmenován'))).toBe('cs');
    expect(guessLanguage(fold('Ο διευθύνων σύμβουλος της εταιρείας παραιτήθηκε'))).toBe('el');
    expect(guessLanguage(fold('استقال الرئيس التنفيذي للشركة'))).toBe('ar');
    expect(guessLanguage(fold('कंपनी के सीईओ ने इस्तीफा दे दिया'))).toBe('hi');
  });

  it('cs: odstoupil, jmenována, odvolán, nahradí', () => {
    expect(pairs(news('Generální ředitel společnosti Velora Jan Novotný odstoupil z funkce', 'cs'))).toEqual([
      'Jan Novotný/departure',
    ]);
    expect(pairs(news('Petra Svobodová byla jmenována novou generální ředitelkou firmy Velora', 'cs'))).toEqual([
      'Petra Svobodová/appointed',
    ]);
    expect(pairs(news('Dozorčí rada odvolala generálního ředitele Tomáše Krejčího', 'cs'))).toEqual(['Tomáše Krejčího/fired']);
    expect(pairs(news('Tomáš Krejčí byl odvolán z čela společnosti Velora', 'cs'))).toEqual(['Tomáš Krejčí/fired']);
    expect(pairs(news('Ministr financí Karel Dvořák odstoupil z vlády', 'cs'))).toEqual([]);
  });

  it('el: παραιτήθηκε, αναλαμβάνει, απομακρύνθηκε', () => {
    expect(pairs(news('Ο διευθύνων σύμβουλος της Velora Γιώργος Παπαδόπουλος παραιτήθηκε', 'el'))).toEqual([
      'Γιώργος Παπαδόπουλος/departure',
    ]);
    expect(pairs(news('Η Μαρία Κωνσταντίνου αναλαμβάνει νέα διευθύνουσα σύμβουλος της Velora', 'el'))).toEqual([
      'Μαρία Κωνσταντίνου/appointed',
    ]);
    expect(pairs(news('Ο Pat Gelsinger αποχωρεί από την Intel', 'el'))).toEqual(['Pat Gelsinger/departure']);
    expect(pairs(news('Ο υπουργός Οικονομικών Νίκος Αλεξίου παραιτήθηκε από την κυβέρνηση', 'el'))).toEqual([]);
  });

  it('ar: names without capitals after a verb or a role, before a comma and a role, and a successor', () => {
    expect(pairs(news('خالد العتيبي، الرئيس التنفيذي لشركة فيلورا، يتنحى عن منصبه', 'ar'))).toEqual([
      'خالد العتيبي/departure',
    ]);
    expect(pairs(news('قالت شركة فيلورا إن رئيسها التنفيذي خالد العتيبي سيتنحى', 'ar'))).toEqual([
      'خالد العتيبي/departure',
    ]);
    expect(pairs(news('أعلنت شركة فيلورا تعيين سارة المنصوري رئيسة تنفيذية جديدة خلفا لخالد العتيبي', 'ar'))).toEqual([
      'خالد العتيبي/departure',
      'سارة المنصوري/appointed',
    ]);
    expect(pairs(news('Pat Gelsinger يستقيل من إنتل', 'ar'))).toEqual(['Pat Gelsinger/departure']);
    expect(pairs(news('وزير المالية يستقيل من الحكومة', 'ar'))).toEqual([]);
  });

  it('hi: a name before its postposition or after a role', () => {
    expect(pairs(news('वेलोरा के सीईओ राहुल मेहता ने पद छोड़ा', 'hi'))).toEqual(['राहुल मेहता/departure']);
    expect(pairs(news('वेलोरा ने अनीता शर्मा को नया सीईओ नियुक्त किया', 'hi'))).toEqual(['अनीता शर्मा/appointed']);
    expect(pairs(news('कंपनी के प्रवक्ता ने कहा कि सीईओ के इस्तीफे की खबर गलत है', 'hi'))).toEqual([]);
  });
});

describe('one-word role nouns of the new languages are no part of a name', () => {
  it.each([
    ['no', 'Konsernsjef Lars Hansen går av i Velora', 'Lars Hansen/departure'],
    ['pl', 'Prezes Jan Kowalski rezygnuje', 'Jan Kowalski/departure'],
    ['cs', 'Ředitel Jan Novotný odstoupil z funkce', 'Jan Novotný/departure'],
  ])('%s: %s', (lang, title, want) => {
    expect(pairs(news(title, lang))).toEqual([want]);
  });
});
