export const id = 319;
export const ids = [319];
export const modules = {

/***/ 1319:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   main: () => (/* binding */ main)
/* harmony export */ });
/** The `agentic` command. */
async function main(argv) {
    const [command] = argv;
    if (!command || command === '--help' || command === '-h') {
        process.stdout.write('usage: agentic <command>\n');
        return command ? 0 : 1;
    }
    process.stderr.write(`agentic: unknown command '${command}'\n`);
    return 1;
}


/***/ })

};
