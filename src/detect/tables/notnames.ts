/**
 * Capitalised words that are not parts of a person's name, by kind, folded (lowercase, no accents).
 * Function words come from stopwords-iso (see ../namecheck.ts); these lists hold what a stopword list
 * does not: nationalities written before a name, headline and section labels, publications, boards.
 */

/** Nationality nouns and adjectives that news writes before a name ("the Briton", "der Niederländer"). */
export const DEMONYMS = new Set(
  `american americans americain americaine amerikaner amerikanerin americano americana amerikaanse amerikaan
  british briton brite briten britin britannique britanico britanica britannico britannica brit
  french francais francaise franzose franzosin francese frances francesa fransman franse
  german allemand allemande deutsche deutscher tedesco tedesca aleman alemana alemao duitser duitse
  italian italien italienne italiener italienerin italiano italiana italiaan italiaanse
  spanish espagnol espagnole spanier spanierin spagnolo spagnola espanol espanola spanjaard spaanse
  dutch neerlandais neerlandaise niederlander niederlanderin olandese holandes holandesa nederlander nederlandse
  swiss suisse schweizer schweizerin svizzero svizzera suizo suiza zwitser zwitserse
  belgian belge belgier belgierin belga belg belgische austrian autrichien osterreicher austriaco
  japanese japonais japonaise japaner japanerin giapponese japones japonesa japanner
  chinese chinois chinoise chinese chinesin cinese chino china chinees indian indien indienne inder inderin indiano
  brazilian bresilien brasilianer brasiliano brasileiro brasileira braziliaan
  canadian canadien canadienne kanadier canadese canadiense portuguese portugais portugiese portoghese portugues
  mexican mexicain mexikaner messicano mexicano mexicana swedish suedois schwede schwedin svedese sueco
  norwegian norvegien norweger norvegese noruego danish danois dane danin danese danes
  polish polonais pole polin polacco polaco turkish turc turke turkin turco turca israeli israelien
  korean coreen koreaner coreano coreana russian russe russin russo ruso rusa irish irlandais ire irin
  scottish ecossais schotte australian australien australier australiano lebanese libanais libanese libanes
  franco-ivoirien ivoirien franco-americain franco-libanais franco-bresilien`.split(/\s+/),
);

/** Headline and section labels ("Short Summary", "Key Takeaways", "Read More"). */
export const LABELS = new Set(
  `summary takeaways takeaway highlights highlight related read more update updates breaking exclusive analysis
  opinion live watch video photo photos gallery newsletter podcast subscribe sponsored advertisement short key
  editorial column interview explainer factbox timeline profile zusammenfassung kurzfassung resume sommario
  resumen leia veja lesen mehr lire aussi anche`.split(/\s+/),
);

/** Words of publication and board names ("Business Insider", "Consiglio di Amministrazione"). */
export const ORG_WORDS = new Set(
  `insider times journal post herald tribune gazette chronicle daily weekly review magazine wire today press
  reuters bloomberg associated agence zeitung allgemeine spiegel handelsblatt corriere repubblica sole stampa
  monde figaro echos liberation pais mundo vanguardia folha estadao globo nikkei yonhap xinhua
  board council committee consiglio amministrazione aufsichtsrat vorstand verwaltungsrat conseil administration
  directoire consejo administracion conselho raad bestuur commissarissen comite comitato
  motor motors bank group holding holdings house global international pictures media entertainment automotive
  airlines airways pharma pharmaceuticals industries enterprises brands foods credit suisse banque banco banca
  sparkasse insurance assurance versicherung fund fonds`.split(/\s+/),
);
