// Imported first by run.ts: the Lambda handlers' loggers read their level when their modules
// load, and the adapters (ECS tasks) inherit stdout, so only errors are printed beside the progress.
process.env.POWERTOOLS_LOG_LEVEL ??= 'ERROR';
process.env.ADAPTER_LOG_LEVEL ??= 'error';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export {};
