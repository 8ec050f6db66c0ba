package io.edgejobs.store.sqlite.internal;

import java.nio.file.Path;

/** The file failed its integrity check and the policy is {@link CorruptionPolicy#FAIL}. */
final class CorruptDatabaseException extends StoreOpenException {
    private static final long serialVersionUID = 1L;

    CorruptDatabaseException(Path file, String problem) {
        super("Database " + file + " is corrupt (" + problem + "). It was left untouched because onCorruption=FAIL. "
                + "Salvage it with the sqlite3 shell ('.recover'), or move it away, or set onCorruption="
                + "QUARANTINE_AND_START_FRESH to have it moved aside and start with an empty store.");
    }
}
