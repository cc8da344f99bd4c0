/**
 * Common given names (folded), used to spot people who are not on the watchlist
 * ("Jane Doe, chief X of Y, resigned"). A name that is not here can still be found next to a role noun
 * ("CFO Vaibhav Taneja"). At start-up the app adds the given names of many cultures (addGivenNames,
 * from @faker-js/faker's locale data: src/app/givennames.ts).
 */
import STOPWORDS from 'stopwords-iso' with { type: 'json' };
import { fold } from './fold.ts';
import { CAP_STOP, COMPANY_SUFFIX, NOT_NAME } from './tables/namewords.ts';
import { DEMONYMS, LABELS, ORG_WORDS } from './tables/notnames.ts';
import { OWN_SCRIPT_GIVEN } from './tables/givennames.ts';

const NAMES = `
aaron abdul abhishek abigail adam adel adrian adriana adrien agnes ahmed aidan aiden alain alan alba albert alberto alejandra alejandro aleksandr aleksander alessandra alessandro alex alexa alexander alexandr alexandra alexandre alexei alexis alfonso alfred ali alice alicia alina alison alma amanda amar amara amber amelia amir amit amy ana anand anders andre andrea andreas andrei andrej andres andrew andy angela angelo anil anita ann anna anne annie anthony antoine anton antonio anya anjali arjun arnaud arthur arun ashish ashley ashok aurelie ava axel aylin
barbara barret barrett bart beatrice ben benedict benjamin benoit bernard bernardo bert beth betty bill blake bo bob bogdan boris brad bradley brandon brenda brendan brent bret brett brian bruce bruno bryan
caitlin cameron camila carl carla carlo carlos carmen caroline carolyn casey catherine cathy cecile cedric celine chad charles charlie charlotte chen cheng chiara chloe chris christian christina christine christoph christophe christopher chuck claire clara claude claudia clement colin connor constance craig cristina cynthia
dan dana daniel daniela danielle danny dario darius dave david dean deborah debra demis denis dennis derek diana diane diego dieter dimitri dinesh dmitri dmitry dominic dominique donald doug douglas drew durk dylan
ed eddie edgar eduardo edward elena eli elias elisa elisabeth elizabeth ella ellen elon elsa emad emanuele emily emma emmanuel emmett enrico eric erica erik erin ernesto esther ethan eugene eva evan
fabian fabio fabrice fatima federico felix fernando fidji filippo fiona florian frances francesca francesco francis francisco franck frank franz fred frederic frederick
gabriel gabriela gabrielle gary gautam geoff geoffrey george georg gerard gerhard giacomo gianluca gina giorgio giovanni giulia giuseppe glenn gordon grace graham greg gregory guido guillaume gustavo guy
hannah hans harold harry heather hector heidi helen helena helene henri henry herbert hiroshi holly hugo
ian igor ilya ines ingrid irene isaac isabel isabella isabelle ivan
jack jacob jacqueline jacques jake jakob jakub james jamie jan jane janet janice jared jason javier jay jean jeanne jeff jeffrey jen jennifer jenny jens jeremy jerome jerry jesse jessica jesus jill jim jimmy jo joan joanna joao joe joel joelle johan johann johannes john johnny jon jonas jonathan jordan jorge jose josef joseph josh joshua juan judith julia julian julie julien julio jun justin
kai kamal karen karim karin karl kate katherine kathleen kathy katie katrin kay keith kelly ken kenji kenneth kevin kim kirk klaus kristen kumar kurt kyle
lakshmi lara larry laura laurent lauren lea leah lena leo leon leonardo leopold liam lila lilian lily linda lisa liz lorenzo louis louise luc luca lucas lucia luciana lucy luigi luis luisa luka lukas lydia
madeleine maggie mahmoud malik manuel marc marcel marco marcus margaret maria marie marina mario mark marta martin mary mathieu matt matteo matthew matthias maurice max maxime maya megan mehdi melanie melissa meredith mia michael michel michela michele michelle miguel mike mikhail milan miles mira miriam mohamed mohammed monica morgan murat mustafa
nadia naomi narges nat natalia natalie nathalie nathan neal neil nicholas nick nicola nicolas nicole niklas nikhil nikita nikolai nina noah noam nora norbert
olga olivia olivier omar oscar otto owen
pablo paolo pascal patricia patrick paul paula pauline pavel pedro peggy peter petra philip philipp philippe pierre pieter pietro piotr prem priya
rachel rafael rahul raj rajesh ralph ramon randy raphael raul ravi ray raymond rebecca reid rene ricardo richard rick rob robert roberta roberto robin robyn rocky rodrigo roger rohan roland roman ronald rosa ross ruben ruth ryan
sabine sabrina sachin sahil sally sam samantha samir samuel sandra sanjay sara sarah sasha satya scott sean sebastian sebastien serena sergei sergey sergio seth shan sharon shawn sheryl shreya sid simon simone sofia sonia sophia sophie stefan stefano stephane stephanie stephen steve steven stuart sue sumit sundar susan suzanne sven sylvain sylvie szymon
takeshi tamara tanya tara ted teresa thierry thomas tiffany tim timothee timothy tina tobias todd tom tomas tommaso tony tracy travis tyler
ulrich uma
valentina valerie vanessa varun vera veronica victor victoria vikram vincent vinod virginia vivek vladimir
walter wang warren wei wendy werner will william wolfgang
xavier xi xiao xiaohua
yan yang yann yasmin yoshua yuki yuri yusuf yves
zach zachary zoe
`;

/**
 * The detector's own list (Latin given names here, Cyrillic and Greek ones with their case forms from
 * tables/givennames.ts): these also end a name where the next one starts ("… Brandt Karl …").
 */
export const OWN_FIRST_NAMES: ReadonlySet<string> = new Set([...NAMES.split(/\s+/).filter(Boolean), ...OWN_SCRIPT_GIVEN]);
const names = new Set(OWN_FIRST_NAMES);
/** Every given name known: the own list and the world's (which also holds surnames, "Brandt", "Keller"). */
export const FIRST_NAMES: ReadonlySet<string> = names;

/** A word of a script with capitals (Latin, Cyrillic, Greek): the scripts names are found by shape in. */
const CASED_WORD = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{Script=Greek}]{3,}$/u;

/**
 * Adds given names from a list of the world's (any case, accents kept or not). A name that is also a
 * function word of any language ("will", "may"), a word the detector knows is no name, a nationality or
 * a company word is left out: it would make a name of ordinary text. Returns how many were added.
 */
export function addGivenNames(list: Iterable<string>): number {
  const words = STOPWORDS as unknown as Record<string, string[]>;
  const stop = new Set(Object.values(words).flatMap((l) => l.map(fold)));
  const never = [NOT_NAME, CAP_STOP, COMPANY_SUFFIX, DEMONYMS, LABELS, ORG_WORDS];
  let added = 0;
  for (const raw of list) {
    const w = fold(raw.trim());
    if (!CASED_WORD.test(w) || names.has(w) || stop.has(w) || never.some((s) => s.has(w))) continue;
    names.add(w);
    added++;
  }
  return added;
}
