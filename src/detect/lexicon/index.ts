import { ar } from './ar.ts';
import { cs } from './cs.ts';
import { da } from './da.ts';
import { de } from './de.ts';
import { en } from './en.ts';
import { es } from './es.ts';
import { el } from './el.ts';
import { fr } from './fr.ts';
import { he } from './he.ts';
import { hi } from './hi.ts';
import { id } from './id.ts';
import { is } from './is.ts';
import { it } from './it.ts';
import { ja } from './ja.ts';
import { ko } from './ko.ts';
import { ms } from './ms.ts';
import { nl } from './nl.ts';
import { no } from './no.ts';
import { pl } from './pl.ts';
import { pt } from './pt.ts';
import { ru } from './ru.ts';
import { sv } from './sv.ts';
import { tr } from './tr.ts';
import { bg } from './bg.ts';
import { fa } from './fa.ts';
import { fi } from './fi.ts';
import { hr } from './hr.ts';
import { hu } from './hu.ts';
import { ro } from './ro.ts';
import { sk } from './sk.ts';
import type { Lexicon } from './types.ts';
import { uk } from './uk.ts';
import { vi } from './vi.ts';
import { zh } from './zh.ts';

/** All lexicons, keyed by ISO 639-1 code. */
export const LEXICONS: Record<string, Lexicon> = { en, fr, it, de, es, pt, nl, ja, zh, ko, ru, id, tr, pl, sv, no, da, cs, el, ar, hi, uk, fi, hu, ro, vi, is, sk, hr, bg, ms, he, fa,
  // Serbian and Bosnian in Latin letters read with the Croatian lexicon.
  sr: hr,
  bs: hr,
};
