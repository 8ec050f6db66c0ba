package io.edgejobs.store.sqlite.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a damaged database aside, next to where it was, under a timestamped name; never deletes anything. The
 * -wal/-shm/-journal companions move with it and keep the pairing SQLite expects ({@code X} with {@code X-wal}),
 * so the quarantined copy can be opened and salvaged with the sqlite3 shell ({@code .recover}).
 */
final class Quarantine {
    private static final Logger LOG = LoggerFactory.getLogger(Quarantine.class);
    static final List<String> COMPANION_SUFFIXES = List.of("-wal", "-shm", "-journal");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private Quarantine() {
    }

    /**
     * Moves the database file (if present) and then its companions; returns the quarantined database name
     * (which may not exist when only orphaned companions were found).
     */
    static Path moveAside(Path file, Instant now) throws IOException {
        Path target = freeName(file, now);
        // The database first: should the process die between the moves, the next open finds companions without
        // a database and quarantines them too, instead of pairing them with a fresh file.
        move(file, target);
        for (String suffix : COMPANION_SUFFIXES) {
            move(file.resolveSibling(file.getFileName() + suffix), target.resolveSibling(target.getFileName() + suffix));
        }
        syncDirectory(file.toAbsolutePath().getParent());
        return target;
    }

    private static Path freeName(Path file, Instant now) {
        String base = file.getFileName() + ".corrupt-" + STAMP.format(now);
        Path candidate = file.resolveSibling(base);
        for (int n = 2; taken(candidate); n++) {
            candidate = file.resolveSibling(base + "-" + n);
        }
        return candidate;
    }

    private static boolean taken(Path candidate) {
        if (Files.exists(candidate)) {
            return true;
        }
        for (String suffix : COMPANION_SUFFIXES) {
            if (Files.exists(candidate.resolveSibling(candidate.getFileName() + suffix))) {
                return true;
            }
        }
        return false;
    }

    private static void move(Path from, Path to) throws IOException {
        if (Files.notExists(from)) {
            return;
        }
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /** Makes the renames durable; best effort, as not every platform can open a directory. */
    private static void syncDirectory(Path directory) {
        if (directory == null) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            // Windows cannot open a directory; the rename itself has happened.
            LOG.debug("Could not sync directory {} after the quarantine moves: {}", directory, e.toString());
        }
    }
}
