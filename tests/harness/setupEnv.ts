// The SDK warns about Node < 22 once per process; the suite targets Node 20 on purpose.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
// The handlers' Powertools logger reads its level when first imported: quiet unless a suite asks for more.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
