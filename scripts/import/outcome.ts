import type { CellProblem } from '../../subgraphs/kit/sheets/cells';

export type Fate = 'created' | 'updated' | 'unchanged' | 'rejected';

/** What happened to one row. */
export interface RowOutcome {
  /** Row number as a spreadsheet shows it (the header is row 1). */
  row: number;
  /** The row's key cell (enterprise number, credit code, or cluster + number). */
  key: string;
  fate: Fate;
  id?: string;
  version?: number;
  /** Columns an update changed. */
  changed?: string[];
  problems?: CellProblem[];
}
