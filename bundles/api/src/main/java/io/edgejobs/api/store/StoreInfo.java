package io.edgejobs.api.store;

/**
 * What an operator needs to know about the store.
 *
 * @param path the database file
 * @param schemaVersion the schema version after migration
 * @param journalMode the SQLite journal mode in force (expected: wal)
 * @param synchronous the SQLite synchronous level in force (FULL by default)
 * @param quarantinedFile the corrupt database moved aside at the last open, or null
 */
public record StoreInfo(String path, int schemaVersion, String journalMode, String synchronous,
        String quarantinedFile) {
}
