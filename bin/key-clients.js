#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build:cli` into dist-cli/; main(argv) resolves to the exit code,
// and a run that ends without settling exits 70 with a message (exitWhenDone).
const cli = require('../dist-cli/cli/main.js');
cli.exitWhenDone(cli.main(process.argv.slice(2)));
