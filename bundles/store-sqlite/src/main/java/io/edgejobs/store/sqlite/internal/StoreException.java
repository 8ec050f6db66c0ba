package io.edgejobs.store.sqlite.internal;

/** A store operation failed (SQL error, corrupt row); the message says which operation. */
class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreException(String message) {
        super(message);
    }
}
