/** The implement run's modes. Import-free: action inputs are checked against them before anything loads. */
export const PHASES = ['all', 'pick', 'propose', 'publish'] as const;
export type Phase = (typeof PHASES)[number];

export const SCOPE_MODES = ['plan', 'repository'] as const;
