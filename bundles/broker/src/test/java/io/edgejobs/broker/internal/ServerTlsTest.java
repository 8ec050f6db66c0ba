package io.edgejobs.broker.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener's key file checks on top of the TLS library (the key formats are tested in bundles/tls). */
class ServerTlsTest {

    private static final TestPki PKI = TestPki.get();

    @TempDir
    Path dir;

    @Test
    void givenAKeyReadableByOthers_thenItIsUsedWithAWarning() throws Exception {
        Path open = dir.resolve("open.key");
        Files.copy(PKI.server().pkcs8KeyFile(), open);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));

        String log;
        try (LogCapture capture = new LogCapture()) {
            assertArrayEquals(PKI.server().key().getEncoded(), ServerTls.privateKey(open).getEncoded());
            log = capture.text();
        }

        assertTrue(log.contains("private key file " + open + " can be read or written by other users"), log);
    }

    @Test
    void givenAKeyOnlyItsOwnerMayRead_thenThereIsNoWarning() throws Exception {
        String log;
        try (LogCapture capture = new LogCapture()) {
            assertArrayEquals(PKI.server().key().getEncoded(),
                ServerTls.privateKey(PKI.server().pkcs1KeyFile()).getEncoded());
            log = capture.text();
        }

        assertFalse(log.contains("can be read or written by other users"), log);
    }
}
