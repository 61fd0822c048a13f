import { readCommonConfig } from '../../core/config.js';
import { envInputReader, parseInputs } from '../../core/inputs.js';
import { runEntry } from '../entry.js';
import { AUTO_MERGE_INPUT_SPEC } from './inputs.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('auto-merge', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = parseInputs(AUTO_MERGE_INPUT_SPEC, read);
    const { runAutoMerge } = await import('../../merge/run.js');
    return runAutoMerge(config, inputs);
  });
}
