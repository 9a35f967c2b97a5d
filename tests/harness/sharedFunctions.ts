/** The DLQ processor (`tasks/processor`), registered in the shared cloud by the global setup. */
export const SHARED_DLQ_PROCESSOR = 'nfse-dlq-processor';
