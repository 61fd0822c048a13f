import { runEntry } from '../entry.js';
import { notAvailable } from '../not-available.js';

export async function run(): Promise<void> {
  await runEntry('ciso-review', () => notAvailable('ciso-review'));
}
