/** The DLQ processor (`tasks/processor`), registered in the shared cloud by the global setup. */
export const SHARED_DLQ_PROCESSOR = 'nfse-dlq-processor';

/** The environment variable naming the run's test PKI directory (`LocalPki`), created by the global setup. */
export const TEST_PKI_DIR_ENV = 'NFSE_TEST_PKI_DIR';

/** The webhook sender (`tasks/webhooks/sender`), registered in the shared cloud by the global setup; every suite's WebhookDeliveryWorkflow invokes it. */
export const SHARED_WEBHOOK_SENDER = 'nfse-webhook-sender';

/** The sample order-events consumer (`tasks/outbox/consumer`), registered by the global setup; each suite maps its own `…-orders-events` queue to it. */
export const SHARED_ORDERS_CONSUMER = 'nfse-orders-consumer';

/** The Aurora cluster ARN the shared consumer writes through (the local Data API has one database; each ARN has its own fault knobs). */
export const SHARED_ORDERS_CONSUMER_CLUSTER = 'arn:aws:rds:us-east-1:000000000000:cluster:nfse-test-orders-consumer';
