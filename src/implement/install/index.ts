/** Installing a repository's dependencies, detected from its lockfiles or configured, before the agent works. */
export { chooseInstallSteps, detectInstallSteps, type InstallFacts, type InstallStep } from './detect.js';
export { installDependencies, NO_INSTALL, type InstallOptions, type InstallReport, type InstallStepRun } from './run-install.js';
