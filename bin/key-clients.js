#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build:cli` into dist-cli/; main(argv) resolves to the exit code.
require('../dist-cli/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
