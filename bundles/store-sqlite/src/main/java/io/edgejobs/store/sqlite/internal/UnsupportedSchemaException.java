package io.edgejobs.store.sqlite.internal;

import java.nio.file.Path;

/** The file's schema is newer than this bundle's migrations: it was written by a newer Edgejobs. */
final class UnsupportedSchemaException extends StoreOpenException {
    private static final long serialVersionUID = 1L;

    UnsupportedSchemaException(Path file, int fileVersion, int knownVersion) {
        super("Database " + file + " has schema version " + fileVersion + " but this store bundle knows versions up "
                + "to " + knownVersion + ": it was written by a newer Edgejobs. It was left untouched. Install the "
                + "newer io.edgejobs.store.sqlite bundle, or point databasePath at another file.");
    }
}
