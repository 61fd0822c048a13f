export const id = 346;
export const ids = [346];
export const modules = {

/***/ 6346:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notAvailable: () => (/* binding */ notAvailable)
});

// EXTERNAL MODULE: ./.tmp/build-9895/js/core/errors.js
var errors = __webpack_require__(861);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(8816);
;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/labels.js
/**
 * The label taxonomy (DESIGN section 4): labels are the state store, so their names are configuration and
 * their creation is idempotent. Every label the actions use is listed here with a colour and a description,
 * and is created on first use.
 */


const LABEL_DEFINITIONS = {
    // backlog: approved work the agent may take
    roadmap: { name: 'roadmap', color: '0e8a16', description: 'Approved work the agent may implement' },
    priorityHigh: { name: 'priority-high', color: 'b60205', description: 'Roadmap priority: high' },
    priorityMedium: { name: 'priority-medium', color: 'fbca04', description: 'Roadmap priority: medium' },
    priorityLow: { name: 'priority-low', color: 'c2e0c6', description: 'Roadmap priority: low' },
    // suggestions: created by agents, triaged by humans
    agentSuggestion: { name: 'agent-suggestion', color: 'c5def5', description: 'Suggested by an agent review' },
    needsApproval: { name: 'needs-approval', color: 'd93f0b', description: 'Waiting for a human to /approve or /reject' },
    security: { name: 'security', color: 'ee0701', description: 'Security finding' },
    severityCritical: { name: 'severity-critical', color: 'b60205', description: 'Severity: critical' },
    severityHigh: { name: 'severity-high', color: 'd93f0b', description: 'Severity: high' },
    severityMedium: { name: 'severity-medium', color: 'fbca04', description: 'Severity: medium' },
    severityLow: { name: 'severity-low', color: 'c2e0c6', description: 'Severity: low' },
    sourceCtoReview: { name: 'source:cto-review', color: '5319e7', description: 'Found by the CTO review agent' },
    sourceCisoReview: { name: 'source:ciso-review', color: '1d76db', description: 'Found by the CISO review agent' },
    // work state: exactly one at a time on an issue the agent works on
    agentInProgress: { name: 'agent:in-progress', color: '1d76db', description: 'The agent is working on this issue' },
    agentNeedsClarification: { name: 'agent:needs-clarification', color: 'd876e3', description: 'The agent asked questions; waiting for answers' },
    agentSpecReview: { name: 'agent:spec-review', color: 'bfd4f2', description: 'SPEC posted; waiting for /approve-spec' },
    agentPrOpen: { name: 'agent:pr-open', color: '0075ca', description: 'The agent opened a pull request for this issue' },
    agentFailed: { name: 'agent:failed', color: 'e11d21', description: 'The agent could not finish; see its report comment' },
    agentDone: { name: 'agent:done', color: '0e8a16', description: 'The agent pull request was merged' },
    // pull requests
    automated: { name: 'automated', color: 'ededed', description: 'Pull request opened by the agent' },
    agentBlocked: { name: 'agent:blocked', color: 'b60205', description: 'An agent review blocks this pull request' },
    doNotMerge: { name: 'do-not-merge', color: 'e11d21', description: 'Auto-merge must not merge this pull request' },
    // the weekly report issue
    triageReport: { name: 'triage-report', color: '006b75', description: 'Weekly triage report of agent suggestions' },
};
const LABEL_KEYS = Object.keys(LABEL_DEFINITIONS);
const DEFAULT_LABELS = Object.freeze(Object.fromEntries(LABEL_KEYS.map((key) => [key, LABEL_DEFINITIONS[key].name])));
/**
 * Keys may be written as in TypeScript (`priorityHigh`), kebab-case as elsewhere in agentic.yml
 * (`priority-high`, `agent-in-progress`) or as the default label name (`agent:in-progress`).
 */
function canonicalKey(key) {
    return key.trim().toLowerCase().replace(/[^a-z0-9]/g, '');
}
const KEY_BY_CANONICAL = new Map(LABEL_KEYS.map((key) => [canonicalKey(key), key]));
function labelKeyFor(text) {
    return KEY_BY_CANONICAL.get(canonicalKey(text));
}
// GitHub allows 50 characters; a comma would split the name in the `labels=` filter of the issues API.
const labelNameSchema = schemas/* string */.YjP()
    .trim()
    .min(1, 'expected a non-empty label name')
    .max(50, 'expected at most 50 characters')
    .refine((name) => !name.includes(','), 'expected a label name without commas');
/** The `labels:` map of .github/agentic.yml, e.g. `{ roadmap: backlog }`; keys are normalised to LabelKey. */
const labelNamesSchema = schemas/* record */.g1P(schemas/* string */.YjP(), labelNameSchema)
    .superRefine((map, ctx) => {
    for (const key of Object.keys(map)) {
        if (!labelKeyFor(key)) {
            ctx.addIssue({ code: 'custom', path: [key], message: `unknown label key; expected one of ${LABEL_KEYS.join(', ')}` });
        }
    }
})
    .transform((map) => {
    const out = {};
    for (const [key, name] of Object.entries(map)) {
        const labelKey = labelKeyFor(key);
        if (labelKey)
            out[labelKey] = name;
    }
    return out;
});
/**
 * Applies overrides to the defaults. Two roles sharing a name would make states indistinguishable
 * (e.g. `agent:done` read as `agent:in-progress`), so that is a configuration error.
 */
function resolveLabelNames(overrides = {}) {
    const parsed = labelNamesSchema.safeParse(overrides ?? {});
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const key = issue?.path.map(String).join('.') ?? '';
        const value = key && typeof overrides === 'object' && overrides !== null ? overrides[key] : overrides;
        throw new errors/* ConfigurationError */.j1(`labels${key ? `.${key}` : ''} is ${(0,errors/* describeValue */.bp)(value)}; ${issue?.message ?? 'invalid'}`);
    }
    const names = { ...DEFAULT_LABELS, ...parsed.data };
    const seen = new Map();
    for (const key of LABEL_KEYS) {
        const lower = names[key].toLowerCase();
        const other = seen.get(lower);
        if (other) {
            throw new errors/* ConfigurationError */.j1(`labels.${key} is ${(0,errors/* describeValue */.bp)(names[key])}; expected a name not already used by labels.${other}`);
        }
        seen.set(lower, key);
    }
    return Object.freeze(names);
}
const SEVERITY_KEYS = {
    critical: 'severityCritical',
    high: 'severityHigh',
    medium: 'severityMedium',
    low: 'severityLow',
};
const PRIORITY_KEYS = { high: 'priorityHigh', medium: 'priorityMedium', low: 'priorityLow' };
function severityLabel(names, severity) {
    return names[SEVERITY_KEYS[severity]];
}
function priorityLabel(names, priority) {
    return names[PRIORITY_KEYS[priority]];
}
/** Colour and description for a label name in use; a name with no role gets a neutral look. */
function definitionFor(name, names = DEFAULT_LABELS) {
    const lower = name.toLowerCase();
    const key = LABEL_KEYS.find((k) => names[k].toLowerCase() === lower);
    if (!key)
        return { name, color: 'ededed', description: '' };
    return { ...LABEL_DEFINITIONS[key], name };
}
// One list read per client and repository for the whole run: ensureLabels is called before most label
// writes and must not cost a request each time. Keyed by the client so tests and runs never share it.
const existingLabelsCache = new WeakMap();
function existingLabels(gh, repo) {
    const perRepo = existingLabelsCache.get(gh) ?? new Map();
    existingLabelsCache.set(gh, perRepo);
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    let pending = perRepo.get(key);
    if (!pending) {
        pending = gh
            .paginate(gh.rest.issues.listLabelsForRepo, { owner: repo.owner, repo: repo.repo, per_page: 100 })
            .then((labels) => new Set(labels.map((label) => label.name.toLowerCase())));
        // A failed read must not poison the cache for the rest of the run.
        pending.catch(() => perRepo.delete(key));
        perRepo.set(key, pending);
    }
    return pending;
}
function isAlreadyExists(error) {
    if (typeof error !== 'object' || error === null)
        return false;
    const { status, response } = error;
    if (status !== 422)
        return false;
    const errors = response?.data?.errors;
    return Array.isArray(errors) && errors.some((e) => e.code === 'already_exists');
}
/**
 * Creates the labels among `labelsToEnsure` that the repository lacks, with the colour and description of
 * their role. Returns the names it created. A concurrent run creating the same label first is not an error.
 */
async function ensureLabels(gh, repo, labelsToEnsure, names = DEFAULT_LABELS) {
    const wanted = [...new Map(labelsToEnsure.map((name) => [name.toLowerCase(), name])).values()];
    if (wanted.length === 0)
        return [];
    const existing = await existingLabels(gh, repo);
    const created = [];
    for (const name of wanted) {
        if (existing.has(name.toLowerCase()))
            continue;
        const definition = definitionFor(name, names);
        try {
            await gh.rest.issues.createLabel({
                owner: repo.owner,
                repo: repo.repo,
                name,
                color: definition.color,
                ...(definition.description ? { description: definition.description } : {}),
            });
            created.push(name);
        }
        catch (error) {
            if (!isAlreadyExists(error))
                throw error;
        }
        existing.add(name.toLowerCase());
    }
    return created;
}

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/github.js



/**
 * POSTs that are safe to repeat: adding labels or assignees, statuses and git objects converge on the same
 * state. Every other POST (create an issue, a PR, a comment) and a merge are never retried blindly: a 502
 * may arrive after GitHub did the work, so the caller re-reads and decides.
 */
const IDEMPOTENT_POST = [
    /\/issues\/[^/]+\/labels$/,
    /\/issues\/[^/]+\/assignees$/,
    /\/statuses\/[^/]+$/,
    /\/git\/(blobs|trees|commits)$/,
    /^\/graphql$/,
];
function isRetryableRequest(method, url) {
    // The hook sees URL templates (`/repos/{owner}/{repo}/pulls/{pull_number}/merge`) as well as paths.
    const path = url.split('?')[0] ?? url;
    if (method === 'GET' || method === 'HEAD' || method === 'DELETE' || method === 'PATCH')
        return true;
    if (method === 'PUT')
        return !/\/pulls\/[^/]+\/merge$/.test(path);
    if (method === 'POST')
        return IDEMPOTENT_POST.some((pattern) => pattern.test(path));
    return false;
}
/** The one place a GitHub client is built: base URL from the runner, retry and throttling plugins, safe retries. */
function createGitHubClient(options) {
    const log = options.log ?? (() => undefined);
    const maxWait = options.maxRateLimitWaitSeconds ?? 60;
    const octokit = (0,github/* getOctokit */.Q)(options.token, {
        baseUrl: options.baseUrl,
        retry: { retries: options.retries ?? 3 },
        throttle: {
            onRateLimit: (retryAfter, request, _octokit, retryCount) => {
                log(`GitHub rate limit reached for ${request.method} ${request.url}; retry after ${retryAfter}s`);
                return retryAfter <= maxWait && retryCount < 2;
            },
            onSecondaryRateLimit: (retryAfter, request, _octokit, retryCount) => {
                log(`GitHub secondary rate limit for ${request.method} ${request.url}; retry after ${retryAfter}s`);
                return retryAfter <= maxWait && retryCount < 2;
            },
        },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
    octokit.hook.before('request', (request) => {
        if (!isRetryableRequest(request.method, request.url)) {
            request.request = { ...request.request, retries: 0 };
        }
    });
    return octokit;
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/schema.js

/** Validates a zod schema and turns its first issue into a ConfigurationError naming `<prefix>.<path>`. */
function schema_parseWithSchema(schema, value, where) {
    const result = schema.safeParse(value);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    if (!issue)
        throw new errors/* ConfigurationError */.j1(`${where} is invalid`);
    const key = [where, ...issue.path.map(String)].filter(Boolean).join('.');
    const actual = issue.path.reduce((node, part) => (node && typeof node === 'object' ? node[part] : undefined), value);
    throw new errors/* ConfigurationError */.j1(`${key} is ${(0,errors/* describeValue */.bp)(actual)}; expected ${expectedFromIssue(issue)}`);
}
function expectedFromIssue(issue) {
    switch (issue.code) {
        case 'invalid_type':
            return issue.expected === 'array' ? 'a list' : `a ${issue.expected}`;
        case 'invalid_value':
            return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
        case 'too_small':
            return `a value of at least ${String(issue.minimum)}`;
        case 'too_big':
            return `a value of at most ${String(issue.maximum)}`;
        case 'unrecognized_keys':
            return `no unknown keys (found ${issue.keys.join(', ')})`;
        default:
            return issue.message;
    }
}

;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/policy.js



/**
 * The repository policy file (.github/agentic.yml), read from the default branch. The top level is fixed;
 * each action owns its section and validates it with its own schema through `policySection`.
 */
const policySchema = schemas/* object */.Ikc({
    labels: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* string */.YjP().min(1)).optional(),
    bot: schemas/* object */.Ikc({ login: schemas/* string */.YjP().min(1) }).strict().optional(),
    'protected-paths': schemas/* array */.YOg(schemas/* string */.YjP().min(1)).optional(),
    implement: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    review: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    'cto-review': schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    'ciso-review': schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    triage: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    'auto-merge': schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
    models: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).optional(),
})
    .strict();
/** Validates one section; errors read `<config-path>: implement.max-turns is "x"; expected ...`. */
function policySection(policy, section, schema, configPath) {
    try {
        return parseWithSchema(schema, policy[section] ?? {}, section);
    }
    catch (error) {
        if (error instanceof ConfigurationError)
            throw new ConfigurationError(`${configPath}: ${error.message}`);
        throw error;
    }
}
function parsePolicy(value, configPath) {
    if (value === null || value === undefined)
        return {};
    try {
        return schema_parseWithSchema(policySchema, value, '');
    }
    catch (error) {
        if (error instanceof errors/* ConfigurationError */.j1)
            throw new errors/* ConfigurationError */.j1(`${configPath}: ${error.message}`);
        throw error;
    }
}

;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/policy-file.js



/**
 * Reads the policy from the repository's default branch through the API — never from the workspace or a
 * PR head, so a pull request cannot switch its own review off.
 */
async function loadPolicy(gh, repo, configPath) {
    const { data: repository } = await gh.rest.repos.get({ owner: repo.owner, repo: repo.repo });
    const defaultBranch = repository.default_branch;
    let text;
    try {
        const { data } = await gh.rest.repos.getContent({ owner: repo.owner, repo: repo.repo, path: configPath, ref: defaultBranch });
        if (Array.isArray(data) || data.type !== 'file' || typeof data.content !== 'string') {
            throw new errors/* ConfigurationError */.j1(`${configPath} on ${defaultBranch} is not a file`);
        }
        text = Buffer.from(data.content, 'base64').toString('utf8');
    }
    catch (error) {
        if (error.status === 404)
            return { policy: {}, defaultBranch, found: false };
        throw error;
    }
    let value;
    try {
        value = (0,dist/* parse */.qg)(text);
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`${configPath} on ${defaultBranch} is not valid YAML: ${(0,errors/* errorMessage */.gJ)(error).split('\n')[0]}`);
    }
    return { policy: parsePolicy(value, configPath), defaultBranch, found: true };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/event.js



/**
 * The workflow event, parsed once from GITHUB_EVENT_PATH into a union keyed by event name. Only the fields
 * the actions use are validated; everything else in the payload is ignored. Each action narrows this with
 * the guards below and refuses events it does not handle, by name.
 */
const user = schemas/* object */.Ikc({ login: schemas/* string */.YjP(), id: schemas/* number */.aig(), type: schemas/* string */.YjP().optional() });
const label = schemas/* object */.Ikc({ name: schemas/* string */.YjP() });
const issue = schemas/* object */.Ikc({
    number: schemas/* number */.aig(),
    title: schemas/* string */.YjP(),
    body: schemas/* string */.YjP().nullable().optional(),
    state: schemas/* string */.YjP().optional(),
    user: user.nullable().optional(),
    labels: schemas/* array */.YOg(schemas/* union */.KCZ([label, schemas/* string */.YjP()])).optional(),
    pull_request: schemas/* object */.Ikc({ url: schemas/* string */.YjP().optional() }).passthrough().nullable().optional(),
});
const pullRequest = schemas/* object */.Ikc({
    number: schemas/* number */.aig(),
    title: schemas/* string */.YjP().optional(),
    draft: schemas/* boolean */.zMY().optional(),
    state: schemas/* string */.YjP().optional(),
    user: user.nullable().optional(),
    head: schemas/* object */.Ikc({ ref: schemas/* string */.YjP(), sha: schemas/* string */.YjP(), repo: schemas/* object */.Ikc({ full_name: schemas/* string */.YjP() }).nullable().optional() }),
    base: schemas/* object */.Ikc({ ref: schemas/* string */.YjP(), sha: schemas/* string */.YjP().optional() }),
    labels: schemas/* array */.YOg(label).optional(),
});
const comment = schemas/* object */.Ikc({ id: schemas/* number */.aig(), body: schemas/* string */.YjP().nullable().optional(), user: user.nullable().optional() });
const review = schemas/* object */.Ikc({ id: schemas/* number */.aig(), state: schemas/* string */.YjP(), body: schemas/* string */.YjP().nullable().optional(), user: user.nullable().optional(), commit_id: schemas/* string */.YjP().optional() });
const prRef = schemas/* object */.Ikc({ number: schemas/* number */.aig() });
const eventSchemas = {
    issues: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), issue, label: label.optional() }),
    issue_comment: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), issue, comment }),
    pull_request: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), pull_request: pullRequest, label: label.optional() }),
    pull_request_review: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), pull_request: pullRequest, review }),
    pull_request_review_comment: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), pull_request: pullRequest, comment }),
    check_run: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), check_run: schemas/* object */.Ikc({ head_sha: schemas/* string */.YjP(), name: schemas/* string */.YjP(), pull_requests: schemas/* array */.YOg(prRef).optional() }) }),
    check_suite: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), check_suite: schemas/* object */.Ikc({ head_sha: schemas/* string */.YjP(), pull_requests: schemas/* array */.YOg(prRef).optional() }) }),
    status: schemas/* object */.Ikc({ sha: schemas/* string */.YjP(), state: schemas/* string */.YjP(), context: schemas/* string */.YjP().optional() }),
    workflow_run: schemas/* object */.Ikc({ action: schemas/* string */.YjP(), workflow_run: schemas/* object */.Ikc({ head_sha: schemas/* string */.YjP(), conclusion: schemas/* string */.YjP().nullable().optional(), pull_requests: schemas/* array */.YOg(prRef).optional() }) }),
    workflow_dispatch: schemas/* object */.Ikc({ inputs: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).nullable().optional() }),
    schedule: schemas/* object */.Ikc({ schedule: schemas/* string */.YjP().optional() }),
    push: schemas/* object */.Ikc({ ref: schemas/* string */.YjP(), after: schemas/* string */.YjP().optional() }),
};
function isEvent(event, ...names) {
    return names.includes(event.name);
}
function parseEvent(eventName, payload) {
    const record = (payload && typeof payload === 'object' ? payload : {});
    const sender = user.safeParse(record.sender);
    const senderValue = sender.success ? sender.data : undefined;
    if (!(eventName in eventSchemas))
        return { name: 'other', eventName, payload: record, sender: senderValue };
    const name = eventName;
    const parsed = eventSchemas[name].safeParse(record);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new errors/* ConfigurationError */.j1(`the ${eventName} event payload is not what GitHub sends: ${issue ? `${issue.path.join('.')} ${issue.message}` : 'invalid'}`);
    }
    return { name, payload: parsed.data, sender: senderValue };
}
/** Reads the payload file the runner wrote. A missing file (local runs) is an empty payload. */
function readEvent(env = process.env) {
    const eventName = env.GITHUB_EVENT_NAME ?? 'workflow_dispatch';
    const path = env.GITHUB_EVENT_PATH;
    if (!path)
        return parseEvent(eventName, {});
    let payload;
    try {
        payload = JSON.parse((0,external_node_fs_.readFileSync)(path, 'utf8'));
    }
    catch (error) {
        throw new errors/* ConfigurationError */.j1(`GITHUB_EVENT_PATH ${path} could not be read as JSON: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
    return parseEvent(eventName, payload);
}
/** The label names on an issue or PR payload, whichever form GitHub used. */
function labelNames(labels) {
    return (labels ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.name));
}

;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/repo.js

// GitHub's own rules: owners are alphanumeric with single inner hyphens; repository names also allow `.` and `_`.
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const NAME = /^[A-Za-z0-9._-]{1,100}$/;
/** Parses `owner/name` (the form of GITHUB_REPOSITORY and of a `repository` input). */
function parseRepository(text, source = 'GITHUB_REPOSITORY') {
    const parts = text.trim().split('/');
    const [owner, repo] = parts;
    if (parts.length !== 2 || owner === undefined || repo === undefined || !OWNER.test(owner) || !NAME.test(repo) || repo === '.' || repo === '..') {
        throw new errors/* ConfigurationError */.j1(`${source} is ${(0,errors/* describeValue */.bp)(text)}; expected "owner/name"`);
    }
    return { owner, repo };
}
/** `owner/name`, for logs and messages. */
function formatRepository(ref) {
    return `${ref.owner}/${ref.repo}`;
}

;// CONCATENATED MODULE: ./.tmp/build-9895/js/core/runtime.js



function readRunContext(env = process.env) {
    const repository = env.GITHUB_REPOSITORY;
    if (!repository)
        throw new errors/* ConfigurationError */.j1('GITHUB_REPOSITORY is not set; expected owner/name (it is set on every GitHub runner)');
    const repo = parseRepository(repository);
    const serverUrl = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/$/, '');
    const runId = env.GITHUB_RUN_ID ? Number(env.GITHUB_RUN_ID) : undefined;
    return {
        repo,
        apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, ''),
        serverUrl,
        runId: Number.isInteger(runId) ? runId : undefined,
        runUrl: runId ? `${serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${runId}` : undefined,
        workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
        actor: env.GITHUB_ACTOR,
        event: readEvent(env),
    };
}

;// CONCATENATED MODULE: ./.tmp/build-9895/js/actions/prepare.js




async function prepare(config, env = process.env, log = () => undefined) {
    const context = readRunContext(env);
    const gh = createGitHubClient({ token: config.githubToken, baseUrl: context.apiUrl, log });
    const { policy, defaultBranch } = await loadPolicy(gh, context.repo, config.configPath);
    return { config, context, gh, policy, defaultBranch, labels: resolveLabelNames(policy.labels ?? {}) };
}

;// CONCATENATED MODULE: ./.tmp/build-9895/js/actions/not-available.js



/**
 * Entry for an action whose behaviour has not shipped in this version: it still validates its settings and
 * prepares the repository's labels, then says plainly that it did nothing.
 */
async function notAvailable(agent, config) {
    const { gh, context, labels } = await prepare(config);
    await ensureLabels(gh, context.repo, Object.values(labels));
    throw new errors/* ConfigurationError */.j1(`the ${agent} action is not available yet in this version of agentic-workflow`);
}


/***/ })

};
