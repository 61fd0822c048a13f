/** The `ci-workflow:` line of a caller template's implement job. */
const CI_LINE = /^([ \t]+ci-workflow:)[^\n#]*(#.*)?$/m;

/**
 * The template with its `ci-workflow:` value replaced: the detected workflow file, or an empty string when there
 * is none to dispatch. A template without the line is returned unchanged.
 */
export function withCiWorkflow(template: string, file: string | undefined): string {
  if (!CI_LINE.test(template)) return template;
  const value = file === undefined ? '""' : /^[\w.-]+$/.test(file) ? file : JSON.stringify(file);
  return template.replace(CI_LINE, (_line, key: string, comment: string | undefined) => `${key} ${value}${comment ? ` ${comment}` : ''}`);
}

/** Whether a template names the CI workflow to dispatch. */
export function hasCiWorkflowLine(template: string): boolean {
  return CI_LINE.test(template);
}
