// The SDK warns about Node < 22 once per process; the suite targets Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// EMF documents would fill every suite's output: metrics go to the emitters' debug logs, as in `npm start`.
// Suites that assert the documents pass `disabled: false` and a sink of their own.
process.env.POWERTOOLS_METRICS_DISABLED = 'true';
