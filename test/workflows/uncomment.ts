/**
 * A template's optional parts uncommented as its user would: a commented-out job (its `  # name:` line and the
 * `  #   …` lines under it, up to the first line that is not) and a commented-out line of a job's `with:`.
 * Each throws when the template has no such part, so a test built on them cannot pass on a template that lost it.
 */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function uncommentJob(text: string, job: string): string {
  const block = new RegExp(`^ {2}# ${escape(job)}:\\n(?: {2}# {3}.*\\n)+`, 'm').exec(text);
  if (!block) throw new Error(`the template has no commented-out job ${job}`);
  return text.replace(block[0], block[0].replace(/^ {2}# /gm, '  '));
}

/** `      # report: none` → `      report: none` (a line of a job's `with:`, at six spaces). */
export function uncommentSetting(text: string, setting: string): string {
  const line = new RegExp(`^( {6})# (${escape(setting)})$`, 'm');
  if (!line.test(text)) throw new Error(`the template has no commented-out setting ${setting}`);
  return text.replace(line, '$1$2');
}
