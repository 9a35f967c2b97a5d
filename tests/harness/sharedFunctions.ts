/** The DLQ processor (`tasks/processor`), registered in the shared cloud by the global setup. */
export const SHARED_DLQ_PROCESSOR = 'nfse-dlq-processor';

/** The environment variable naming the run's test PKI directory (`LocalPki`), created by the global setup. */
export const TEST_PKI_DIR_ENV = 'NFSE_TEST_PKI_DIR';

/** The webhook sender (`tasks/webhooks/sender`), registered in the shared cloud by the global setup; every suite's WebhookDeliveryWorkflow invokes it. */
export const SHARED_WEBHOOK_SENDER = 'nfse-webhook-sender';
