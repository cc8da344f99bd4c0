import { describe, expect, it } from 'vitest';
import { news, post } from './helpers.ts';

/** Each of these must produce no event at all. */
const QUIET: [string, string, string][] = [
  [
    'product launch',
    'en',
    'OpenAI unveils a new reasoning model for developers, led by chief scientist Jakub Pachocki',
  ],
  ['funding round', 'en', "Former OpenAI CTO Mira Murati's startup raises $1B at a $10B valuation"],
  ['funding (fr)', 'fr', "La start-up fondée par Arthur Mensch lève 600 millions d'euros"],
  ['lawsuit', 'en', 'Elon Musk sues OpenAI and Sam Altman over the for-profit switch'],
  ['denial', 'en', 'Satya Nadella will not step down as Microsoft CEO, company says'],
  ['denial (fr)', 'fr', 'Tesla dément le départ imminent d’Elon Musk'],
  ['speculation', 'en', 'Sam Altman could step down as OpenAI CEO, analysts speculate'],
  ['in talks', 'en', 'Sam Altman in talks to return to OpenAI as CEO'],
  ['rumour (it)', 'it', 'Jensen Huang potrebbe lasciare la guida di Nvidia, secondo alcune voci'],
  ['retrospective', 'en', "One year ago, OpenAI's board fired Sam Altman: what changed since"],
  ['anniversary (fr)', 'fr', 'OpenAI fête ses dix ans, fondée par Sam Altman et Elon Musk'],
  ['sports', 'en', 'Manchester coach Pep Guardiola to leave the club at the end of the season'],
  ['sports (de)', 'de', 'Thomas Müller verlässt den FC Bayern nach 25 Jahren im Verein'],
  ['politics', 'en', 'Prime minister Rishi Sunak resigns as party leader after the election'],
  ['politics (it)', 'it', 'Si dimette il ministro Marco Bianchi, il governo traballa'],
  ['obituary', 'en', 'Gordon Bell, the computer pioneer who founded a museum, dies at 89'],
  ['job ad', 'en', 'Now hiring: Chief Technology Officer at Helio Systems, to replace the departing CTO'],
  ['leave a comment', 'en', 'Leave a comment below and tell us which model you use'],
  ['leave a comment (es)', 'es', '¡Déjanos tu comentario sobre Gemini!'],
  ['autumn leaves', 'en', 'The leaves turn red early this year: ten autumn walks near Boston'],
  ['travel (fr)', 'fr', 'Je quitte Paris demain pour une conférence à Montréal'],
  ['leave policy', 'en', 'Microsoft extends paid parental leave for all employees to 20 weeks'],
  ['leave policy (fr)', 'fr', 'Le congé parental sera remplacé par un congé de naissance'],
  ['threat', 'en', 'Hundreds of OpenAI staff threaten to quit unless the board resigns'],
  ['company leaves a project', 'it', 'Apple lascia il progetto dell’auto elettrica'],
  ['award', 'en', 'Geoffrey Hinton, who left Google in 2023, wins the Nobel Prize'],
];

describe('hard negatives stay quiet', () => {
  for (const [kind, lang, title] of QUIET) {
    it(kind, () => {
      expect(news(title, lang)).toEqual([]);
    });
  }

  it('travel post by a researcher', () => {
    expect(post('Leaving for NeurIPS tomorrow, come find us at the poster session!', '@someone_ml')).toEqual([]);
  });

  it('watchlist author posting about a product or funding', () => {
    expect(post('Thinking Machines has raised a new round led by great partners.', '@miramurati')).toEqual([]);
    expect(post('Our API is out in private beta today. Try it!', '@miramurati')).toEqual([]);
  });

  it('a denial in a first-person post', () => {
    expect(post("Saw a rumor that I'm leaving Helio. I'm not. Still here, still building.", '@amara_okafor')).toEqual(
      [],
    );
  });

  it('the same sentences with a real change do fire (controls)', () => {
    expect(news('Satya Nadella steps down as Microsoft CEO', 'en')).toHaveLength(1);
    expect(news('Sam Altman returns to OpenAI as CEO', 'en')).toHaveLength(1);
    expect(post('Personal news: I am leaving OpenAI after seven years.', '@janleike')).toHaveLength(1);
  });
});
