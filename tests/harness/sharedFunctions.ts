/** The DLQ processor (`tasks/processor`), registered in the shared cloud by the global setup. */
export const SHARED_DLQ_PROCESSOR = 'nfse-dlq-processor';

/** The environment variable naming the run's test PKI directory (`LocalPki`), created by the global setup. */
export const TEST_PKI_DIR_ENV = 'NFSE_TEST_PKI_DIR';
