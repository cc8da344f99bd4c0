/**
 * Words that stand next to names in scripts without capitals and are never part of one (folded: Arabic
 * without short vowels or hamza seats, Devanagari without vowel signs). Function words come from
 * stopwords-iso (../caseless.ts); these are what such a list lacks: role words in their case forms,
 * Hindi postpositions and auxiliaries, time words.
 */
export const CASELESS_NOT_NAME: Record<string, string> = {
  ar: `رييسها رييسه رييسهم مديرها مديره التنفيذي التنفيذية المالي المالية العام العامة نايب مجموعة لشركة بشركة
    قدم قدمت تقدم تقدمت رييسا رييسة مديرا مديرة منصب منصبه منصبها الشركة شركة شركته تنفيذيا تنفيذية عاما عامة جديدا جديدة
    اليوم امس رسميا مجلس ادارة السابق السابقة الجديد الجديدة بعد قبل خلال حيث بينما الذي التي كما وفق عن من الى
    على في مع منذ اعلنت اعلن قالت قال`,
  hi: 'न क स म पर ह थ और एव तथ कपन पद नए नई सईओ बद पहल अब खबर गलत कह',
};

/** Words for a company: the word after one is the company's name ("شركة فيلورا"), never a person's. */
export const AR_COMPANY_NOUNS = new Set(['شركة', 'لشركة', 'بشركة', 'وشركة', 'الشركة', 'مجموعة', 'لمجموعة', 'بنك', 'مصرف', 'ادارة']);

/** An indefinite role after a name: "عين X رئيسة تنفيذية" (named as). */
export const AR_AS_ROLE = new Set(['رييسا', 'رييسة', 'مديرا', 'مديرة']);

/** Postpositions that follow a Hindi name ("X ने", "X को", "X का"), folded. */
export const HI_POSTPOSITIONS = new Set(['न', 'क', 'स']);
