package io.edgejobs.store.sqlite.internal;

/** The store was closed (component deactivated or reopened on another file); the operation did not run. */
final class StoreClosedException extends StoreException {
    private static final long serialVersionUID = 1L;

    StoreClosedException(String message) {
        super(message);
    }
}
