package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection. */
@FunctionalInterface
interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
