/** What the CLI loads from here, in one chunk with the emulators: the demo and the emulated GitHub of a local run. */
export { runDemo } from './story.js';
export { startLocalGitHub, type LocalGitHub } from './local-github.js';
