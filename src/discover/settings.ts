import { ConfigurationError, describeValue } from '../core/errors.js';
import type { AnalystSettings } from './analyst-context.js';
import { ANALYSTS, type AnalystName } from './candidate.js';

export interface DiscoverSettings extends AnalystSettings {
  analysts: AnalystName[];
  maxNewIssues: number;
  dryRun: boolean;
  botLogin?: string;
}

/** The analysts to run, in the order given; an unknown name is a configuration error that names the known ones. */
export function parseAnalysts(names: readonly string[]): AnalystName[] {
  const chosen: AnalystName[] = [];
  for (const name of names) {
    const known = (ANALYSTS as readonly string[]).includes(name);
    if (!known) throw new ConfigurationError(`input 'analysts' names ${describeValue(name)}; expected some of ${ANALYSTS.join(', ')}`);
    if (!chosen.includes(name as AnalystName)) chosen.push(name as AnalystName);
  }
  if (chosen.length === 0) throw new ConfigurationError(`input 'analysts' is empty; expected some of ${ANALYSTS.join(', ')}`);
  return chosen;
}
