package io.edgejobs.store.sqlite.internal;

/** The database could not be opened; the message says why and what an operator can do. */
class StoreOpenException extends Exception {
    private static final long serialVersionUID = 1L;

    StoreOpenException(String message, Throwable cause) {
        super(message, cause);
    }

    StoreOpenException(String message) {
        super(message);
    }
}
