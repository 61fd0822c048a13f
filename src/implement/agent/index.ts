/** The implement agent: executes an approved plan inside the checked-out workspace. */
export { checkWritePolicy, normalizeToolPath, realRelativePath, resolveInWorkspace } from './confinement.js';
export { executePlan, TEST_TIMEOUT_MS } from './execute-plan.js';
export { compactHistory } from './history.js';
export { buildSystemPrompt, renderPlan } from './prompt.js';
export { parseToolCall, TOOL_SPECS, type AgentToolCall } from './tool-specs.js';
export type {
  ChangedFile,
  ExecutionLimits,
  ExecutionRequest,
  ExecutionResult,
  ExecutionStatus,
  ImplementationPlan,
  PlanFile,
  ScopeMode,
  TestSummary,
  ToolRefusal,
} from './types.js';
export { WorkspaceTools, type ToolOutcome } from './workspace-tools.js';
