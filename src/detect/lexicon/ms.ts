import { id } from './id.ts';
import type { CueTable, Lexicon } from './types.ts';

/**
 * Malay: the Indonesian lexicon (the two share most of their wordings) and the words Malaysian news uses
 * where Indonesian says something else ("meletak jawatan", "pengerusi", "syarikat").
 */
const cues: CueTable = {
  departure: ['meletak(kan)? jawatan', 'letak jawatan', 'berundur (daripada|sebagai|dari)', 'bersara'],
  fired: ['disingkirkan', 'ditamatkan perkhidmatan', 'dilucutkan jawatan'],
  appointed: ['>melantik', '#pelantikan', 'mengambil alih (jawatan|tampuk)', 'dilantik sebagai'],
  joined: ['menyertai'],
};

const ROLE =
  '(ketua pegawai eksekutif|ketua pegawai kewangan|pengerusi|pengarah urusan|pengarah eksekutif|presiden|pengasas|pengasas bersama|ceo|cfo)';

const merged: CueTable = { ...id.cues };
for (const [type, list] of Object.entries(cues) as [keyof CueTable, string[]][]) merged[type] = [...(id.cues[type] ?? []), ...list];

export const ms: Lexicon = {
  lang: 'ms',
  cues: merged,
  markers: {
    ...id.markers,
    role: [...(id.markers.role ?? []), ROLE],
    companyNoun: [...(id.markers.companyNoun ?? []), 'syarikat', 'kumpulan', 'jawatan'],
    boardNoun: [...(id.markers.boardNoun ?? []), 'lembaga pengarah'],
    speculation: [...(id.markers.speculation ?? []), 'khabar angin'],
    sports: [...(id.markers.sports ?? []), 'jurulatih', 'bola sepak', 'kelab'],
    politics: [...(id.markers.politics ?? []), 'kerajaan', 'ahli parlimen'],
    obituary: [...(id.markers.obituary ?? []), 'meninggal dunia'],
    denial: [...(id.markers.denial ?? []), 'menafikan'],
    corporate: [...(id.markers.corporate ?? []), ROLE, 'syarikat'],
  },
};
