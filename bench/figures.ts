/**
 * Figures measured after the core ones of run.ts, each in a file of its own: a figure is a title and a
 * function that returns its rows. A new figure is one file and one line in FIGURES (WebSub push latency
 * goes here too: bench/push.ts, `pushFigure`).
 */
import { adaptivePollingFigure } from './adaptive.ts';
import { scaleFigure } from './scale.ts';
import type { Row } from './stats.ts';

export interface FigureContext {
  /** BENCH_QUICK=1: reduced sizes (a smoke run; its figures are not the targets'). */
  quick: boolean;
  /** The heap flag of npm start, for figures measured in a child process. */
  heapCap: string;
  /** A scratch folder, removed after the run. */
  dir: string;
}

export interface Figure {
  title: string;
  run(ctx: FigureContext): Promise<Row[]>;
}

export const FIGURES: Figure[] = [adaptivePollingFigure, scaleFigure];
