export const id = 552;
export const ids = [552];
export const modules = {

/***/ 9552:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   run: () => (/* binding */ run)
/* harmony export */ });
/* harmony import */ var _core_config_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(912);
/* harmony import */ var _core_inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7651);
/* harmony import */ var _entry_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5666);



// Inputs are checked before the rest of the action loads, so a bad input fails at once.
async function run() {
    await (0,_entry_js__WEBPACK_IMPORTED_MODULE_2__/* .runEntry */ .C)('triage-report', async () => {
        const config = (0,_core_config_js__WEBPACK_IMPORTED_MODULE_0__/* .readCommonConfig */ .QA)((0,_core_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .envInputReader */ .tT)());
        const { notAvailable } = await Promise.all(/* import() */[__webpack_require__.e(960), __webpack_require__.e(346)]).then(__webpack_require__.bind(__webpack_require__, 6346));
        return notAvailable('triage-report', config);
    });
}


/***/ }),

/***/ 912:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   QA: () => (/* binding */ readCommonConfig)
/* harmony export */ });
/* unused harmony exports PROVIDERS, commonInputSpec, DEFAULT_MODELS, requireModelKey */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(861);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7651);


const PROVIDERS = ['openai', 'anthropic', 'openai-compatible'];
/** Inputs every action accepts (DESIGN section 3). Names are the action.yml input names. */
const commonInputSpec = {
    'github-token': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.required(),
    provider: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.oneOf(PROVIDERS, 'openai'),
    model: _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.optional(),
    'openai-api-key': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.optional(),
    'anthropic-api-key': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.optional(),
    'base-url': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.optional(),
    'fallback-provider': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.optionalOneOf(PROVIDERS),
    'fallback-model': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.optional(),
    'max-cost-usd': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.number(2, 0),
    'config-path': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.string('.github/agentic.yml'),
    'dry-run': _inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .input */ .hF.boolean(false),
};
const DEFAULT_MODELS = {
    openai: 'gpt-4.1',
    anthropic: 'claude-sonnet-4-5',
    'openai-compatible': '',
};
function modelChoice(provider, model, raw) {
    return {
        provider,
        model: model ?? DEFAULT_MODELS[provider],
        apiKey: provider === 'anthropic' ? raw['anthropic-api-key'] : raw['openai-api-key'],
        // base-url is for OpenAI-compatible gateways; the official providers use their SDK default unless set.
        baseUrl: raw['base-url'],
    };
}
function readRaw(read) {
    return (0,_inputs_js__WEBPACK_IMPORTED_MODULE_0__/* .parseInputs */ .TL)(commonInputSpec, read);
}
function readCommonConfig(read) {
    const raw = readRaw(read);
    const primaryModel = modelChoice(raw.provider, raw.model, raw);
    if (primaryModel.provider === 'openai-compatible' && !primaryModel.baseUrl) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1("input 'base-url' is missing; expected the endpoint URL when provider is openai-compatible");
    }
    if (primaryModel.provider === 'openai-compatible' && !primaryModel.model) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .ConfigurationError */ .j1("input 'model' is missing; expected a model name when provider is openai-compatible");
    }
    const fallbackProvider = raw['fallback-provider'];
    const fallbackModel = fallbackProvider ? modelChoice(fallbackProvider, raw['fallback-model'], raw) : undefined;
    return {
        githubToken: raw['github-token'],
        primaryModel,
        fallbackModel,
        maxCostUsd: raw['max-cost-usd'],
        configPath: raw['config-path'],
        dryRun: raw['dry-run'],
    };
}
/** For actions that cannot work without a model: names the key input the chosen provider needs. */
function requireModelKey(choice) {
    if (choice.apiKey)
        return;
    if (choice.provider === 'openai-compatible')
        return; // local gateways (Ollama, vLLM) often take no key
    const inputName = choice.provider === 'anthropic' ? 'anthropic-api-key' : 'openai-api-key';
    throw new ConfigurationError(`Input required and not supplied: ${inputName} (provider is ${choice.provider})`);
}


/***/ }),

/***/ 7651:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   TL: () => (/* binding */ parseInputs),
/* harmony export */   hF: () => (/* binding */ input),
/* harmony export */   tT: () => (/* binding */ envInputReader)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(861);

function parser(expected, parse) {
    return { expected, parse };
}
function fail(expected) {
    throw new InputValueError(expected);
}
class InputValueError extends Error {
}
const input = {
    /** A required string: an empty value is "missing". */
    required: () => parser('a non-empty value', (raw) => (raw === '' ? fail('a non-empty value') : raw)),
    optional: () => parser('a string', (raw) => (raw === '' ? undefined : raw)),
    string: (fallback) => parser('a string', (raw) => (raw === '' ? fallback : raw)),
    boolean: (fallback) => parser('true or false', (raw) => {
        if (raw === '')
            return fallback;
        const lower = raw.toLowerCase();
        if (lower === 'true')
            return true;
        if (lower === 'false')
            return false;
        return fail('true or false');
    }),
    integer: (fallback, min = 0, max = Number.MAX_SAFE_INTEGER) => {
        const expected = `an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}`;
        return parser(expected, (raw) => {
            if (raw === '')
                return fallback ?? fail(expected);
            const value = Number(raw);
            return Number.isInteger(value) && value >= min && value <= max ? value : fail(expected);
        });
    },
    number: (fallback, min = 0) => {
        const expected = `a number of at least ${min}`;
        return parser(expected, (raw) => {
            if (raw === '')
                return fallback ?? fail(expected);
            const value = Number(raw);
            return Number.isFinite(value) && value >= min ? value : fail(expected);
        });
    },
    oneOf: (values, fallback) => {
        const expected = `one of ${values.join(', ')}`;
        return parser(expected, (raw) => {
            if (raw === '' && fallback !== undefined)
                return fallback;
            return values.includes(raw) ? raw : fail(expected);
        });
    },
    optionalOneOf: (values) => {
        const expected = `one of ${values.join(', ')} (or empty)`;
        return parser(expected, (raw) => {
            if (raw === '')
                return undefined;
            return values.includes(raw) ? raw : fail(expected);
        });
    },
    /** A list separated by commas or newlines; blanks dropped. */
    list: (fallback = []) => parser('a comma- or newline-separated list', (raw) => {
        const items = raw
            .split(/[,\n]/)
            .map((item) => item.trim())
            .filter(Boolean);
        return items.length === 0 ? fallback : items;
    }),
    /** An optional positive integer such as an issue or PR number. */
    optionalInteger: (min = 1) => {
        const expected = `an integer of at least ${min} (or empty)`;
        return parser(expected, (raw) => {
            if (raw === '')
                return undefined;
            const value = Number(raw);
            return Number.isInteger(value) && value >= min ? value : fail(expected);
        });
    },
};
/** Reads every declared input; the first bad one fails with `input '<name>' is <value>; expected <what>`. */
function parseInputs(spec, read) {
    const result = {};
    for (const [name, inputParser] of Object.entries(spec)) {
        const raw = read(name).trim();
        try {
            result[name] = inputParser.parse(raw);
        }
        catch (error) {
            if (!(error instanceof InputValueError))
                throw error;
            if (raw === '')
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`Input required and not supplied: ${name}`);
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .ConfigurationError */ .j1(`input '${name}' is ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .describeValue */ .bp)(raw)}; expected ${error.message}`);
        }
    }
    return result;
}
/** Reads INPUT_<NAME> the way @actions/core does, without loading it (keeps cold start small). */
function envInputReader(env = process.env) {
    return (name) => env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '';
}


/***/ })

};
