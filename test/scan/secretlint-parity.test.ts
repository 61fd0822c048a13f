import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { expect, it } from 'vitest';
import { fileFromContent } from '../../src/scan/diff.js';
import { scanSecrets } from '../../src/scan/secrets/scan-secrets.js';
import { fake } from './secret-samples.js';

/**
 * Our rules replace secretlint's recommended preset (which measured about 25 MB/s on one 10 MB source and has
 * no Stripe, JWT or generic high-entropy rule). This keeps us honest: whatever the preset finds in these
 * samples, we find too, on the same line.
 */
const SAMPLES = [
  `token = "${fake.githubToken(101)}"`,
  `AWS_ACCESS_KEY_ID=${fake.awsKeyId(102)}`,
  `aws_secret_access_key = ${fake.awsSecret(103)}`,
  `SLACK_TOKEN="${fake.slackBot(104)}"`,
  `hook = "${fake.slackWebhook(105)}"`,
  `OPENAI_API_KEY=${fake.openaiProject(106)}`,
  `ANTHROPIC_API_KEY=${fake.anthropic(107)}`,
  `NPM_TOKEN=${fake.npmToken(108)}`,
  `GITLAB_TOKEN=${fake.gitlabToken(109)}`,
  `SENDGRID_API_KEY=${fake.sendgrid(110)}`,
  `HF_TOKEN=${fake.huggingface(111)}`,
  ...fake.privateKeyLines(112),
  `DATABASE_URL=postgres://app:${fake.password(113)}@db.internal.acme.io:5432/app`,
];

it('finds at least what secretlint’s recommended preset finds, on the same lines', async () => {
  const content = `${SAMPLES.join('\n')}\n`;
  const result = await lintSource({
    source: { filePath: '/repo/config.env', content, contentType: 'text', ext: '.env' },
    options: { config: { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: recommended }] }, maskSecrets: true },
  });
  const theirs = new Set(result.messages.map((message) => message.loc.start.line));
  const ours = new Set(scanSecrets([fileFromContent('config.env', content)]).findings.map((finding) => finding.line));
  expect(theirs.size).toBeGreaterThan(5);
  for (const line of theirs) expect(ours.has(line), `secretlint found line ${line}: ${SAMPLES[line - 1]?.slice(0, 20)}…`).toBe(true);
});
