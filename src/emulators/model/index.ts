/** The model emulator: OpenAI chat completions and Anthropic messages on 127.0.0.1 for the real SDKs. */
export { EMULATOR_ANTHROPIC_KEY, EMULATOR_OPENAI_KEY, startModelEmulator, type ModelEmulator } from './model-emulator.js';
export type {
  EmulatedProvider,
  FaultSpec,
  ModelEmulatorOptions,
  QueuedFault,
  RecordedModelRequest,
  ScriptedReply,
  ScriptedToolCall,
  ScriptFunction,
} from './types.js';
