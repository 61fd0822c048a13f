import { readCommonConfig } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { runEntry } from '../entry.js';
import { TRIAGE_INPUT_SPEC } from './inputs.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('triage-report', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = parseInputs(TRIAGE_INPUT_SPEC, read);
    const { runTriageReport } = await import('../../triage/run.js');
    return runTriageReport(config, inputs);
  });
}
