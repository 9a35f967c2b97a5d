// The SDK warns about Node < 22 once per process; the suite targets Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// Handlers' Powertools loggers are built when their module loads: quiet unless asked.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
