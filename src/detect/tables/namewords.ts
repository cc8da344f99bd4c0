/**
 * Words around capitalised names in Latin and Cyrillic text (folded): company suffixes that make a run
 * of capitals an organisation, name particles, role nouns before a name, and capitalised words that are
 * never parts of a name. Code: ../mentions.ts.
 */

export const COMPANY_SUFFIX = new Set(
  'labs lab systems robotics robotique ventures technologies technology capital digital dynamics networks software studios partners holdings inc corp ai intelligence ag gmbh se spa srl sa sas nv bv plc ltd tbk energie energy energia pagamentos pay tech bank group gruppe games productions studio films records interactive publishing'.split(
    ' ',
  ),
);
export const PARTICLES = new Set(['de', 'da', 'di', 'del', 'van', 'von', 'der', 'le', 'la', 'du', 'dos', 'ten', 'bin', 'al']);
export const ROLE_BEFORE = new Set(
  'engenheiro engenheira ingeniero ingeniera ingegnere ingenieur ingenieurin ingenieure economist economista okonom okonomin ceo cto cfo coo cpo chief officer president presidente director directeur directrice head founder cofounder co-founder chair chairman chairwoman researcher scientist engineer executive vp svp responsabile capo jefe jefa diretor diretora chef chefin leiter leiterin topman oprichter fondateur fondatrice fondatore cofondatore cofundador consejero consejera dirigente manager lead vorstand finanzchef forschungschef ex-executivo executivo executive analyst investor md evp cmo cio cso chro pdg dg vd'.split(
    ' ',
  ),
);
/**
 * Honorifics and titles written before a name ("Dr. Michael Leiters", "Sir Jony Ive", "Archbishop X"): the
 * name starts after them, and they mark the words after them as a name, as a role noun does (Vietnamese
 * "Ông", "Bà" too: a three-word Vietnamese name has no given name the lists know as such).
 */
export const HONORIFIC = new Set(
  `dr prof professor mr mrs ms miss sir dame lord lady rev reverend father archbishop bishop cardinal rabbi imam
  sheikh herr frau mme madame monsieur mlle signor signora sig dott dottor dottoressa ing avv sr sra srta senor
  senora dona dhr mevr ong ba`.split(/\s+/),
);
/** Capitalised words that are not parts of a person's name. */
export const NOT_NAME = new Set(
  `the a an and or of in on at for to by with from as is new former ex chief ceo cto cfo coo president vice senior
  january february march april may june july august september october november december monday tuesday wednesday
  thursday friday saturday sunday janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
  gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre januar februar maerz
  juni juli oktober dezember enero febrero abril mayo junio julio septiembre octubre noviembre diciembre
  google microsoft apple meta amazon openai anthropic tesla intel nvidia ai labs lab valley street times journal
  news post prize award foundation university institute says said takes take joins leaves named steps quits resigns
  hires appoints becomes moves heads returns launches will has have had to step down up out leave leaving lascia
  quitte verlasst deja deixa vertrekt san los las new york city paris london silicon wall financial general capital
  superintelligence intelligence safe machines thinking forest black stable diffusion gpt gemini claude llama grok
  sora chatgpt copilot windows surface vision pro alexa echo kindle instagram facebook whatsapp youtube github
  twitter x reuters bloomberg ft cnbc nobel turing grand slam real madrid davis cup ig`.split(/\s+/),
);

/** Role nouns written as one word ("Technikvorstand", "Finanzchefin", "topvrouw"): not part of a name. */
export const ROLE_WORD =
  /(?:vorstand|vorstandin|konsernsjef|sjef|prezes|prezeska|reditel|reditelka|predseda|mudur|founder|chef|chefin|leiter|leiterin|direktor|direktorin|grunder|grunderin|vorsitzender?|topman|topvrouw|directeur|directrice|voorzitter|oprichter|oprichtster|officer|manager|direttore|direttrice|presidente|president|director|directora|diretor|diretora|fundador|fundadora|fondateur|fondatrice|fondatore|fondatrice|consejero|consejera|dirigente|ministro|ministre|minister|chairman|chairwoman|chairperson|lenker|lenkerin|boss|baas|ambassador|ambassadeur|ambassadrice|botschafter|botschafterin|embajador|embajadora|ambasciatore|ambasciatrice|embaixador|embaixadora|ambassadeur)$/;
/** Capitalised words that start sentences or headlines in many languages and are never names. */
export const CAP_STOP = new Set(
  `der die das ein eine dem den il lo gli el los las una uno het een une les un nach bei mit fur und oder auch
  ex neuer neue neues nouveau nouvelle nuovo nuova nuevo nueva novo nova nieuwe nieuw breaking exclusive update
  rapat dewan direktur kabar startup pendiri mantan ceo cto cfo coo milliarden millionen milliarde million
  dollar dollars euro euros prozent unternehmen konzern start-up`.split(/\s+/),
);


/**
 * One-word role nouns of the lexicons added for Finnish, Hungarian, Romanian, Icelandic, Ukrainian
 * (folded, in the cases news puts them in before a name): "Toimitusjohtaja Pekka Lundmark".
 */
const ROLE_NOUNS_MORE = `toimitusjohtaja toimitusjohtajan toimitusjohtajaksi toimitusjohtajana paajohtaja paajohtajan
  konsernijohtaja konsernijohtajan talousjohtaja talousjohtajan puheenjohtaja puheenjohtajan johtaja johtajan
  perustaja perustajan vezerigazgato vezerigazgatoja vezerigazgatojat vezerigazgatot igazgato igazgatoja elnok
  elnoke elnoket alapito directorul directorului presedintele presedinta fondatorul forstjori forstjora
  forstjorinn framkvaemdastjori stjornarformaður директор директора директором гендиректор генеральний
  генерального генеральним президент голова керівник засновник очільник`;
for (const w of ROLE_NOUNS_MORE.split(/\s+/)) ROLE_BEFORE.add(w);
