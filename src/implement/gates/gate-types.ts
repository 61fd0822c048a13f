/** What the pre-write gates report. Any problem is critical: the change never reaches a branch. */
export type ChangeGateName = 'path' | 'protected' | 'scope' | 'size' | 'file-type' | 'secret' | 'dependency';

export interface GateProblem {
  gate: ChangeGateName;
  /** The file it is about, when it is about one. */
  path?: string;
  /** One line, safe to publish (secrets appear only redacted). */
  message: string;
}

export interface GateReport {
  ok: boolean;
  problems: GateProblem[];
  /** Raw secret values found, only for building a redactor; never written anywhere. */
  secrets: string[];
}
