import { describe, expect, it } from 'vitest';
import type { DetectedEvent } from '../../src/core/types.ts';
import { guessLanguage } from '../../src/detect/langid.ts';
import { fold } from '../../src/detect/fold.ts';
import { news, pairs } from './helpers.ts';

/** "Person/type/org" triples, sorted. */
function cards(events: DetectedEvent[]): string[] {
  return [...new Set(events.map((e) => `${e.person}/${e.type}/${e.org ?? '-'}`))].sort();
}

describe('issue 15: lexicons for languages the detector could not read', () => {
  it('the language is read from the text', () => {
    expect(guessLanguage(fold('Yhtiön mukaan toimitusjohtaja ei ole vielä päättänyt, mutta hän on kertonut että se oli vaikea vuosi'))).toBe('fi');
    expect(guessLanguage(fold('A cég szerint az igazgató már nem volt ott, csak egy levelet küldött, hogy távozik'))).toBe('hu');
    expect(guessLanguage(fold('Directorul general a fost numit după o lună, iar acest lucru a fost anunțat de companiei pentru acționari'))).toBe('ro');
    expect(guessLanguage(fold('Theo thông tin của công ty, các lãnh đạo không được thay đổi trong năm nay'))).toBe('vi');
    expect(guessLanguage(fold('Hann hefur verið forstjóri fyrirtækisins í fimm ár, eftir að hafa starfað hjá bankanum, og er ekki á förum'))).toBe('is');
    expect(guessLanguage(fold('Generálny riaditeľ, ktorý bol vo funkcii päť rokov, sa rozhodol odísť, podľa spoločnosti aj pre zdravie'))).toBe('sk');
    expect(guessLanguage(fold('Direktor koji je bio na čelu tvrtke pet godina, nakon sastanka nije htio ništa reći, ali kako doznajemo'))).toBe('hr');
    expect(guessLanguage(fold('Генеральний директор компанії пішов у відставку'))).toBe('uk');
    expect(guessLanguage(fold('Изпълнителният директор на компанията подаде оставка'))).toBe('bg');
    expect(guessLanguage(fold('Генеральный директор компании ушел в отставку, это было неожиданно'))).toBe('ru');
  });

  it('uk: пішов у відставку, звільнила, призначена ... замінить, and no card for a minister, a coach or a denial', () => {
    expect(cards(news('Pat Gelsinger залишає посаду генерального директора Intel', 'uk'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(pairs(news('Генеральний директор компанії Velora Олександр Петренко пішов у відставку', 'uk'))).toEqual([
      'Олександр Петренко/departure',
    ]);
    expect(pairs(news('Наглядова рада Velora звільнила генерального директора Андрія Коваленка', 'uk'))).toEqual(['Андрій Коваленко/fired']);
    expect(pairs(news('Ірина Шевченко призначена генеральним директором компанії Velora, вона замінить на посаді Олександра Петренка', 'uk'))).toEqual([
      'Ірина Шевченко/appointed',
      'Олександр Петренко/departure',
    ]);
    expect(pairs(news('Наглядова рада звільнила директора Дмитра Шевченка', 'uk'))).toEqual(['Дмитро Шевченко/fired']);
    expect(pairs(news('Рада директорів призначила Олену Бондаренко генеральним директором', 'uk'))).toEqual(['Олена Бондаренко/appointed']);
    expect(news('Міністр фінансів Сергій Марченко подав у відставку', 'uk')).toEqual([]);
    expect(news('Тренер київського клубу Олег Лужний пішов у відставку після поразки', 'uk')).toEqual([]);
    expect(news('Компанія Velora спростувала чутки про відставку генерального директора Олександра Петренка', 'uk')).toEqual([]);
  });

  it('fi: eroaa, erotti, nimitettiin ... seuraajaksi, siirtyy eläkkeelle; a role noun is no part of a name', () => {
    expect(cards(news('Pat Gelsinger eroaa Intelistä', 'fi'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Intel erotti toimitusjohtajansa Pat Gelsingerin', 'fi'))).toEqual(['Pat Gelsinger/fired/Intel']);
    expect(pairs(news('Toimitusjohtaja Pekka Lundmark siirtyy eläkkeelle', 'fi'))).toEqual(['Pekka Lundmark/departure']);
    expect(pairs(news('Pekka Lundmark jättää Nokian, seuraajaksi nimitettiin Justin Hotard', 'fi'))).toEqual(['Justin Hotard/appointed']);
    expect(cards(news('Anna Korhonen nimitettiin Teslan toimitusjohtajaksi', 'fi'))).toEqual(['Anna Korhonen/appointed/Tesla']);
    expect(news('Valtiovarainministeri Riikka Purra erosi tehtävästään', 'fi')).toEqual([]);
    expect(news('HJK:n valmentaja Toni Koskela sai potkut', 'fi')).toEqual([]);
    expect(news('Yhtiö kiisti huhut, joiden mukaan toimitusjohtaja Pekka Lundmark eroaisi', 'fi')).toEqual([]);
    expect(news('Tämä malli eroaa edellisestä versiosta monella tavalla', 'fi')).toEqual([]);
  });

  it('hu: lemondott, menesztették, lesz az új vezérigazgatója, nevezte ki; no card for a minister, a coach or a denial', () => {
    expect(cards(news('Lemondott az Intel vezérigazgatója, Pat Gelsinger', 'hu'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Pat Gelsinger távozik az Intel éléről', 'hu'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Menesztették Pat Gelsingert, az Intel vezérigazgatóját', 'hu'))).toEqual(['Pat Gelsinger/fired/Intel']);
    expect(cards(news('Kovács Péter lesz a Tesla új vezérigazgatója', 'hu'))).toEqual(['Kovács Péter/appointed/Tesla']);
    expect(news('Lemondott Varga Mihály pénzügyminiszter', 'hu')).toEqual([]);
    expect(news('Menesztették a Ferencváros edzőjét, Nagy Gábort', 'hu')).toEqual([]);
    expect(news('A cég cáfolta, hogy Pat Gelsinger lemondott volna', 'hu')).toEqual([]);
  });

  it('ro: și-a dat demisia, a fost demis, a fost numită ... îl înlocuiește pe; no card for a minister, a coach or a denial', () => {
    expect(cards(news('Pat Gelsinger, directorul general al Intel, și-a dat demisia', 'ro'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Directorul general al Tesla, Andrei Popescu, a fost demis', 'ro'))).toEqual(['Andrei Popescu/fired/Tesla']);
    expect(cards(news('Maria Ionescu a fost numită director general al Intel, ea îl înlocuiește pe Pat Gelsinger', 'ro'))).toEqual([
      'Maria Ionescu/appointed/Intel',
      'Pat Gelsinger/departure/Intel',
    ]);
    expect(news('Ministrul Finanțelor, Marcel Boloș, și-a dat demisia', 'ro')).toEqual([]);
    expect(news('Antrenorul echipei, Mihai Stoica, a fost demis', 'ro')).toEqual([]);
    expect(news('Compania dezminte zvonurile privind demisia directorului general Andrei Popescu', 'ro')).toEqual([]);
  });

  it('vi: từ chức, được bổ nhiệm, bị miễn nhiệm, kế nhiệm; names with tones are not cut as function words', () => {
    expect(cards(news('CEO Intel Pat Gelsinger từ chức', 'vi'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Ông Nguyễn Văn Minh được bổ nhiệm làm Tổng giám đốc Tesla', 'vi'))).toEqual(['Nguyễn Văn Minh/appointed/Tesla']);
    expect(pairs(news('Ông Nguyễn Văn Minh bị miễn nhiệm chức vụ Tổng giám đốc', 'vi'))).toEqual(['Nguyễn Văn Minh/fired']);
    expect(cards(news('Bà Trần Thị Lan kế nhiệm ông Nguyễn Văn Minh làm CEO Intel', 'vi'))).toEqual([
      'Nguyễn Văn Minh/departure/Intel',
      'Trần Thị Lan/appointed/Intel',
    ]);
    expect(news('Bộ trưởng Tài chính Hồ Đức Phớc từ chức', 'vi')).toEqual([]);
    expect(news('Công ty bác bỏ tin đồn CEO Pat Gelsinger từ chức', 'vi')).toEqual([]);
    expect(news('HLV Park Hang-seo bị sa thải', 'vi')).toEqual([]);
  });

  it('is: lætur af störfum, ráðinn, rak, tekur við; no card for a minister', () => {
    expect(cards(news('Pat Gelsinger, forstjóri Intel, hefur látið af störfum', 'is'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Jón Sigurðsson hefur verið ráðinn forstjóri Tesla', 'is'))).toEqual(['Jón Sigurðsson/appointed/Tesla']);
    expect(cards(news('Stjórn Intel rak forstjórann Pat Gelsinger', 'is'))).toEqual(['Pat Gelsinger/fired/Intel']);
    expect(cards(news('Anna Jónsdóttir tekur við starfi forstjóra Intel', 'is'))).toEqual(['Anna Jónsdóttir/appointed/Intel']);
    expect(news('Fjármálaráðherra Bjarni Benediktsson sagði af sér', 'is')).toEqual([]);
  });

  it('sk: odstúpil, odvolalo, sa stala, nahradí; no card for a minister or a coach', () => {
    expect(cards(news('Generálny riaditeľ spoločnosti Tesla Ján Kováč odstúpil z funkcie', 'sk'))).toEqual(['Ján Kováč/departure/Tesla']);
    expect(pairs(news('Predstavenstvo odvolalo generálneho riaditeľa Petra Horvátha', 'sk'))).toEqual(['Petra Horvátha/fired']);
    expect(cards(news('Novou generálnou riaditeľkou firmy Intel sa stala Mária Nováková', 'sk'))).toEqual(['Mária Nováková/appointed/Intel']);
    expect(cards(news('Mária Nováková nahradí Jána Kováča na čele spoločnosti Intel', 'sk'))).toEqual([
      'Jána Kováča/departure/Intel',
      'Mária Nováková/appointed/Intel',
    ]);
    expect(news('Minister financií Ladislav Kamenický odstúpil', 'sk')).toEqual([]);
    expect(news('Tréner klubu Martin Ševela bol odvolaný', 'sk')).toEqual([]);
  });

  it('hr/sr: podnio je ostavku, imenovan je, smijenio je, smenjen, zamijenit će; no card for a minister, a coach or a denial', () => {
    expect(cards(news('Izvršni direktor Intela Pat Gelsinger podnio je ostavku', 'hr'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Ivan Horvat imenovan je novim predsjednikom uprave tvrtke Tesla', 'hr'))).toEqual(['Ivan Horvat/appointed/Tesla']);
    expect(pairs(news('Nadzorni odbor smijenio je predsjednika uprave Marka Kovačića', 'hr'))).toEqual(['Marka Kovačića/fired']);
    expect(cards(news('Marko Petrović smenjen sa mesta direktora kompanije Tesla', 'sr'))).toEqual(['Marko Petrović/fired/Tesla']);
    expect(pairs(news('Ana Babić zamijenit će Ivana Horvata na čelu tvrtke', 'hr'))).toEqual(['Ana Babić/appointed', 'Ivana Horvata/departure']);
    expect(news('Ministar financija Marko Primorac podnio je ostavku', 'hr')).toEqual([]);
    expect(news('Trener Dinama Sergej Jakirović smijenjen', 'hr')).toEqual([]);
    expect(news('Tvrtka demantira glasine o ostavci direktora Ivana Horvata', 'hr')).toEqual([]);
  });

  it('bg: подаде оставка, назначен, уволни; no card for a minister or a coach', () => {
    expect(cards(news('Изпълнителният директор на Intel Пат Гелсингър подаде оставка', 'bg'))).toEqual(['Пат Гелсингър/departure/Intel']);
    expect(pairs(news('Иван Петров е назначен за изпълнителен директор на компанията', 'bg'))).toEqual(['Иван Петров/appointed']);
    expect(pairs(news('Съветът на директорите уволни изпълнителния директор Георги Иванов', 'bg'))).toEqual(['Георги Иванов/fired']);
    expect(news('Министърът на финансите Асен Василев подаде оставка', 'bg')).toEqual([]);
    expect(news('Треньорът на отбора Христо Стоичков подаде оставка', 'bg')).toEqual([]);
  });
});

describe('issue 15: names and companies with a case ending', () => {
  it('a watchlist company with a Finnish, Hungarian or Slavic ending is that company', () => {
    expect(cards(news('Anna Korhonen nimitettiin Teslan toimitusjohtajaksi', 'fi'))).toEqual(['Anna Korhonen/appointed/Tesla']);
    expect(cards(news('Ana Babić zamijenit će Ivana Horvata na čelu Intela', 'hr'))).toEqual([
      'Ana Babić/appointed/Intel',
      'Ivana Horvata/departure/Intel',
    ]);
    // Not in a language without such endings, and never for a short alias.
    expect(cards(news('Teslan Motors CEO John Carter resigns', 'en'))).not.toContain('John Carter/departure/Tesla');
  });

  it('a name loses its ending when the item names the bare form; a Finnish -nen surname is given back', () => {
    expect(pairs(news('Teslan hallitus nimitti Maria Virtasen uudeksi toimitusjohtajaksi', 'fi'))).toEqual(['Maria Virtanen/appointed']);
    expect(pairs(news('Lars Jensen nimitettiin Teslan toimitusjohtajaksi', 'fi'))).toEqual(['Lars Jensen/appointed']);
    expect(
      pairs(news('Nokia erotti Justin Hotardin', 'fi', { summary: 'Nokia erotti Justin Hotardin. Justin Hotard johti yhtiötä kaksi vuotta.' })),
    ).toEqual(['Justin Hotard/fired']);
    expect(
      pairs(
        news('Menesztették Kovács Pétert, a Tesla vezérigazgatóját', 'hu', {
          summary: 'Menesztették Kovács Pétert, a Tesla vezérigazgatóját. Kovács Péter öt évig vezette a céget.',
        }),
      ),
    ).toEqual(['Kovács Péter/fired']);
  });

  it('the new function words take no item from another language', () => {
    expect(guessLanguage(fold('Intel CEO Pat Gelsinger steps down after four years at the helm of the company'))).toBe('en');
    expect(guessLanguage(fold('Le patron de Stellantis a démissionné, on ne sait pas encore qui sera son successeur'))).toBe('fr');
    expect(guessLanguage(fold('Il nuovo amministratore delegato della società è stato nominato dal consiglio'))).toBe('it');
    expect(guessLanguage(fold('Konsernsjefen går av etter fem år, og hun er ikke den som blir erstattet av finansdirektøren'))).toBe('no');
    expect(guessLanguage(fold('Generální ředitel společnosti, který firmu vedl šest let, odstoupil a jeho nástupce bude jmenován'))).toBe('cs');
  });
});

describe('issue 15: Malay, and titles of the new languages on the card', () => {
  it('ms: meletak jawatan, dilantik sebagai, memecat; stopwords-iso names ("Ahmad") are kept', () => {
    expect(cards(news('Ketua Pegawai Eksekutif Intel Pat Gelsinger meletak jawatan', 'ms'))).toEqual(['Pat Gelsinger/departure/Intel']);
    expect(cards(news('Ahmad Zaki dilantik sebagai Ketua Pegawai Eksekutif Tesla', 'ms'))).toEqual(['Ahmad Zaki/appointed/Tesla']);
    expect(pairs(news('Lembaga pengarah memecat Ahmad Zaki selepas siasatan dalaman', 'ms'))).toEqual(['Ahmad Zaki/fired']);
    expect(news('Menteri Kewangan Ahmad Zaki meletak jawatan', 'ms')).toEqual([]);
    expect(news('Syarikat menafikan khabar angin bahawa Ketua Pegawai Eksekutif Ahmad Zaki akan meletak jawatan', 'ms')).toEqual([]);
  });

  it.each([
    ['fi', 'Intelin toimitusjohtaja Pat Gelsinger eroaa tehtävästään'],
    ['hu', 'Lemondott az Intel vezérigazgatója, Pat Gelsinger'],
    ['is', 'Stjórn Intel rak forstjórann Pat Gelsinger'],
    ['ms', 'Ketua Pegawai Eksekutif Intel Pat Gelsinger meletak jawatan'],
    ['hr', 'Izvršni direktor Intela Pat Gelsinger podnio je ostavku'],
  ])('%s: the role is CEO', (lang, title) => {
    expect(news(title, lang).map((e) => e.role)).toEqual(['CEO']);
  });
});

describe('issue 15: Hebrew, a script without capitals', () => {
  it('he: names by where they stand (before a comma and a role, after a role, before a verb); prefixes glued to verbs', () => {
    expect(guessLanguage(fold('מנכ"ל החברה התפטר'))).toBe('he');
    expect(news('פט גלסינגר, מנכ"ל אינטל, התפטר מתפקידו', 'he').map((e) => `${e.person}/${e.type}/${e.role}`)).toEqual([
      'פט גלסינגר/departure/CEO',
    ]);
    expect(pairs(news('מנכ"ל החברה דני כהן התפטר', 'he'))).toEqual(['דני כהן/departure']);
    expect(pairs(news('הדירקטוריון פיטר את המנכ"ל דני כהן', 'he'))).toEqual(['דני כהן/fired']);
    expect(pairs(news('מיכל לוי מונתה למנכ"לית החברה ותחליף את דני כהן', 'he'))).toEqual(['דני כהן/departure', 'מיכל לוי/appointed']);
    expect(cards(news('Pat Gelsinger עוזב את Intel', 'he'))).toEqual(['Pat Gelsinger/departure/Intel']);
  });

  it('he: no card for a minister, a coach or a denial', () => {
    expect(news("שר האוצר בצלאל סמוטריץ' התפטר מהממשלה", 'he')).toEqual([]);
    expect(news('מאמן הקבוצה יוסי אבוקסיס פוטר', 'he')).toEqual([]);
    expect(news('החברה הכחישה את השמועות על התפטרות המנכ"ל דני כהן', 'he')).toEqual([]);
  });
});

describe('issue 15: what the new lexicons must not card', () => {
  it.each([
    ['fi', 'Nokia irtisanoi 300 työntekijää Espoossa'],
    ['fi', 'Larry Page perusti Googlen vuonna 1998 yhdessä Sergey Brinin kanssa'],
    ['fi', 'Toimitusjohtaja Pekka Lundmark kertoi, että yhtiö siirtyy uuteen strategiaan'],
    ['fi', 'Pekka Lundmark, joka nimitettiin toimitusjohtajaksi vuonna 2020, esitteli tuloksen'],
    ['ro', 'Compania a concediat 500 de angajați din fabrica de la Timișoara'],
    ['ro', 'Andrei Popescu, care a fost numit director general în 2019, a prezentat rezultatele trimestriale'],
    ['uk', 'Компанія звільнила 500 працівників через кризу'],
    ['vi', 'Công ty sa thải 500 nhân viên tại nhà máy'],
    ['hr', 'Tvrtka je otpustila 300 radnika u tvornici'],
    ['hu', 'Pat Gelsinger szerint az Intel nem hagyja el Európát'],
    ['sk', 'Generálny riaditeľ Ján Kováč povedal, že firma neopustí Slovensko'],
    ['is', 'Pat Gelsinger, forstjóri Intel, segir að fyrirtækið sé á réttri leið'],
    ['he', 'מנכ"ל אינטל פט גלסינגר אמר כי החברה לא תעזוב את ישראל'],
    ['bg', 'Изпълнителният директор Иван Петров заяви, че компанията няма да напусне България'],
  ])('%s: %s', (lang, title) => {
    expect(news(title, lang)).toEqual([]);
  });

  it('fi: a move to a company and a new company are still news', () => {
    expect(cards(news('Satu Mäkinen siirtyy Googlen palvelukseen', 'fi'))).toEqual([
      'Satu Mäkinen/joined/Google',
    ]);
    expect(pairs(news('Pekka Lundmark perusti uuden yhtiön', 'fi'))).toEqual(['Pekka Lundmark/founded']);
  });
});

describe('issue 15: Persian, told from Arabic by its letters', () => {
  it('fa: names before a comma and a role, after a role, before "را" or "به عنوان" and a cue', () => {
    expect(guessLanguage(fold('مدیرعامل شرکت استعفا داد'))).toBe('fa');
    expect(guessLanguage(fold('استقال الرئيس التنفيذي للشركة'))).toBe('ar');
    expect(pairs(news('پت گلسینگر، مدیرعامل اینتل، استعفا داد', 'fa'))).toEqual(['پت گلسینگر/departure']);
    expect(pairs(news('مدیرعامل شرکت علی رضایی استعفا داد', 'fa'))).toEqual(['علی رضایی/departure']);
    expect(pairs(news('هیئت مدیره علی رضایی را از سمت مدیرعامل برکنار کرد', 'fa'))).toEqual(['علی رضایی/fired']);
    expect(pairs(news('سارا احمدی به عنوان مدیرعامل جدید شرکت منصوب شد', 'fa'))).toEqual(['سارا احمدی/appointed']);
    expect(cards(news('Pat Gelsinger از Intel استعفا داد', 'fa'))).toEqual(['Pat Gelsinger/departure/Intel']);
  });

  it('fa: no card for a minister, a coach or a denial', () => {
    expect(news('وزیر اقتصاد علی رضایی استعفا داد', 'fa')).toEqual([]);
    expect(news('سرمربی تیم علی رضایی برکنار شد', 'fa')).toEqual([]);
    expect(news('شرکت شایعه استعفای مدیرعامل را تکذیب کرد', 'fa')).toEqual([]);
  });
});
