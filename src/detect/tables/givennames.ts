/**
 * Given names in Cyrillic and Greek (folded: lower case, й as и, ё as е, no tonos), with the case forms
 * news writes them in ("назначил Анну", "сменивший Павла", "της Ελένης"): a name run that starts at one
 * is a person ("Основатель Велоры Дмитрий Козлов" is Дмитрий Козлов). Latin given names: ../firstnames.ts.
 */

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
/** Folded as the detector folds text: й reads и, ё reads е. */
const folded = (w: string): string => w.replace(/й/g, 'и').replace(/ё/g, 'е');

/**
 * Russian given names as written, in the nominative (unknown.ts turns their other cases back to these;
 * below they are folded, and their case forms made, to find where a name starts).
 */
export const RU_MALE: readonly string[] = words(`
  александр алексей анатолий андрей антон аркадий артём артур борис вадим валентин валерий василий
  виктор виталий владимир владислав вячеслав геннадий георгий герман глеб григорий даниил денис
  дмитрий евгений егор иван игорь илья кирилл константин леонид максим марат матвей михаил никита
  николай олег пётр роман руслан семён сергей станислав степан тимур тимофей фёдор эдуард юрий ярослав
  рустам ринат айдар тигран`);
export const RU_FEMALE: readonly string[] = words(`
  александра алёна алина алла анастасия ангелина анна антонина валентина валерия вера вероника
  виктория галина дарья диана ева евгения екатерина елена елизавета жанна зоя ирина карина кира ксения
  лариса лидия людмила маргарита марина мария надежда наталья наталия нина оксана олеся ольга полина
  светлана софия тамара татьяна ульяна юлия яна эльвира эльмира софья`);
/** Forms the rules below do not make (a vowel that drops out). */
const RU_IRREGULAR = 'павел павла павлу павлом павле лев льва льву львом льве любовь любови';

const EL_NAMES = `γιωργος νικος κωστας γιαννης δημητρης παναγιωτης νικολαος αλεξανδρος χρηστος μιχαλης πετρος
  σταυρος αντωνης θανασης βασιλης σπυρος ευαγγελος αθανασιος ιωαννης κωνσταντινος δημητριος γεωργιος παυλος
  αποστολος ανδρεας μανωλης στελιος θοδωρης λευτερης τασος μαρια ελενη αικατερινη κατερινα βασιλικη σοφια αννα
  ευαγγελια γεωργια δεσποινα ιωαννα χριστινα αγγελικη ειρηνη δημητρα φωτεινη νικολετα παναγιωτα`;

/** Russian case forms: nominative, genitive, dative, accusative, instrumental, prepositional. */
function russianForms(n: string): string[] {
  const stem = (k: number): string => n.slice(0, n.length - k);
  if (n.endsWith('ии')) return ['ии', 'ия', 'ию', 'ием'].map((e) => stem(2) + e);
  if (n.endsWith('еи')) return ['и', 'я', 'ю', 'ем', 'е'].map((e) => stem(1) + e);
  if (n.endsWith('ь')) return ['ь', 'я', 'ю', 'ем', 'е'].map((e) => stem(1) + e);
  if (n.endsWith('ия') || n.endsWith('ья')) return ['я', 'и', 'ю', 'еи', 'е'].map((e) => stem(1) + e);
  if (n.endsWith('а')) {
    const soft = /[гкхжшщч]$/.test(stem(1));
    return ['а', soft ? 'и' : 'ы', 'е', 'у', 'ои', 'ою'].map((e) => stem(1) + e);
  }
  return ['', 'а', 'у', 'ом', 'е'].map((e) => n + e);
}

/** Greek: nominative, genitive, accusative (and vocative for -ος). */
function greekForms(n: string): string[] {
  const stem = n.slice(0, -2);
  if (n.endsWith('ος')) return [n, `${stem}ου`, `${stem}ο`, `${stem}ε`];
  if (n.endsWith('ας') || n.endsWith('ης')) return [n, n.slice(0, -1)];
  if (n.endsWith('α') || n.endsWith('η')) return [n, `${n}ς`];
  return [n];
}

export const OWN_SCRIPT_GIVEN: readonly string[] = [
  ...[...RU_MALE, ...RU_FEMALE].map(folded).flatMap(russianForms),
  ...words(RU_IRREGULAR),
  ...words(EL_NAMES).flatMap(greekForms),
];
