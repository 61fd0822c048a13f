/** The implement run's modes. Import-free: action inputs are checked against them before anything loads. */
export const PHASES = ['all', 'pick', 'propose', 'publish'] as const;
export type Phase = (typeof PHASES)[number];

export const SCOPE_MODES = ['plan', 'repository'] as const;

/** Network for repository code: allow (most test suites install from a registry) or none (a network namespace). */
export const TEST_NETWORKS = ['allow', 'none'] as const;
