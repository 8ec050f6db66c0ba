package io.edgejobs.store.sqlite.internal;

import java.sql.Connection;
import java.sql.SQLException;

/** One step of the schema; applied once, in version order, inside a transaction the migrator owns. */
interface Migration {
    int version();

    String description();

    void apply(Connection connection) throws SQLException;
}
