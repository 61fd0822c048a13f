import { readCommonConfig } from '../../core/config.js';
import { envInputReader } from '../../core/inputs.js';
import { runEntry } from '../entry.js';
import { readImplementInputs } from './inputs.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('implement', async () => {
    const read = envInputReader();
    const config = readCommonConfig(read);
    const inputs = readImplementInputs(read);
    const { runImplement } = await import('../../implement/run.js');
    return runImplement(config, inputs);
  });
}
