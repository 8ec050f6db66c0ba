package io.edgejobs.store.sqlite.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decides whether an existing database file is usable: the SQLite header must be there and
 * {@code PRAGMA quick_check} must answer "ok". Runs on a read-only connection, so a damaged file is left
 * byte-for-byte as it was found.
 */
final class IntegrityCheck {
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_REPORTED_PROBLEMS = 5;

    /** The outcome: {@code problem} is null when the file is healthy (or absent). */
    record Verdict(String problem) {
        static final Verdict HEALTHY = new Verdict(null);

        boolean healthy() {
            return problem == null;
        }
    }

    private IntegrityCheck() {
    }

    /**
     * Checks the file. I/O and lock errors are thrown: they say nothing about the file's content and must not
     * get a good database quarantined.
     */
    static Verdict check(Path file, SqliteConnections connections) throws IOException, SQLException {
        if (Files.notExists(file)) {
            return orphanCompanions(file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        long size = Files.size(file);
        if (size == 0) {
            return Verdict.HEALTHY; // SQLite's own view: an empty file is an empty database
        }
        if (!hasSqliteHeader(file)) {
            return new Verdict("not an SQLite database (the file does not start with the SQLite header)");
        }
        try (Connection probe = connections.openProbe()) {
            return quickCheck(probe);
        } catch (SQLException e) {
            if (SqliteConnections.isCorruption(e)) {
                return new Verdict("PRAGMA quick_check failed: " + e.getMessage());
            }
            throw e;
        }
    }

    private static Verdict orphanCompanions(Path file) {
        for (String suffix : Quarantine.COMPANION_SUFFIXES) {
            Path companion = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(companion)) {
                return new Verdict("the database file is missing but " + companion.getFileName()
                        + " exists next to it (a new database must not be paired with another one's journal)");
            }
        }
        return Verdict.HEALTHY;
    }

    private static boolean hasSqliteHeader(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(SQLITE_HEADER.length);
            return Arrays.equals(start, SQLITE_HEADER);
        }
    }

    private static Verdict quickCheck(Connection probe) throws SQLException {
        List<String> problems = new ArrayList<>();
        try (Statement statement = probe.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA quick_check(" + MAX_REPORTED_PROBLEMS + ")")) {
            while (rows.next()) {
                problems.add(rows.getString(1));
            }
        }
        if (problems.size() == 1 && "ok".equals(problems.get(0))) {
            return Verdict.HEALTHY;
        }
        return new Verdict("PRAGMA quick_check: " + String.join("; ", problems));
    }
}
