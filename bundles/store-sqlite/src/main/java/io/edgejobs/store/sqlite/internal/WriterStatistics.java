package io.edgejobs.store.sqlite.internal;

/**
 * Counters of the writer since the store opened.
 *
 * @param transactions committed transactions
 * @param committedCalls commit calls whose changes were committed
 * @param failedCalls commit calls completed exceptionally
 * @param groupsRetriedOneByOne grouped transactions that failed and were retried call by call
 */
record WriterStatistics(long transactions, long committedCalls, long failedCalls, long groupsRetriedOneByOne) {
}
