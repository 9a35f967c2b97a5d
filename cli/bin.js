#!/usr/bin/env node
// The `nfse` command: TypeScript run through tsx, so no build step is needed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('tsx/cjs');
require('./main.ts');
