import { readCommonConfig } from '../../core/config.js';
import { envInputReader } from '../../core/inputs.js';
import { runEntry } from '../entry.js';

// Inputs are checked before the rest of the action loads, so a bad input fails at once.
export async function run(): Promise<void> {
  await runEntry('auto-merge', async () => {
    const config = readCommonConfig(envInputReader());
    const { notAvailable } = await import('../not-available.js');
    return notAvailable('auto-merge', config);
  });
}
