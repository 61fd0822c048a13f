/**
 * The repository the product is published from. Written by the build (scripts/published-name.js) from
 * package.json's `repository`: a fork changes that field and rebuilds, and this follows.
 */
export const PRODUCT_REPOSITORY = 'agentic-workflow/agentic-workflow';

/** Where editors fetch the policy file's JSON Schema: the file the build writes, as published with each major release tag. */
export const POLICY_SCHEMA_URL = `https://raw.githubusercontent.com/${PRODUCT_REPOSITORY}/v1/schema/agentic.schema.json`;
