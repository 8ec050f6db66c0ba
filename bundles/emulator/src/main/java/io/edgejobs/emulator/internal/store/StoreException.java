package io.edgejobs.emulator.internal.store;

/** The store could not read or write; the request that caused the write is answered with an internal error. */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
