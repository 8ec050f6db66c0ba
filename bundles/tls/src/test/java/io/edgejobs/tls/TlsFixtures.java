package io.edgejobs.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The TLS test material under src/test/resources/tls (see generate.sh there): a test CA and another one, a
 * {@code localhost} server certificate and one for a wrong host, RSA and EC client certificates with their keys in
 * every PEM form (some encrypted with {@link #KEY_PASSWORD}). Shared with other modules' tests through this
 * module's test jar.
 */
public final class TlsFixtures {
    /** The password of the encrypted key fixtures. */
    public static final String KEY_PASSWORD = "Fixture-S3cret-Pw";

    private static Path copies;

    private TlsFixtures() {
    }

    /**
     * The fixture file of that name: in this module's test classes, or (from the test jar) a copy in a temporary
     * folder made once per JVM.
     */
    public static synchronized Path tls(String name) {
        URL resource = TlsFixtures.class.getResource("/tls/" + name);
        if (resource == null) {
            throw new IllegalStateException("missing fixture " + name);
        }
        try {
            if (resource.getProtocol().equals("file")) {
                return Path.of(resource.toURI());
            }
            if (copies == null) {
                copies = Files.createTempDirectory("edgejobs-tls-fixtures");
                copies.toFile().deleteOnExit();
            }
            Path copy = copies.resolve(name);
            if (!Files.exists(copy)) {
                try (InputStream in = resource.openStream()) {
                    Files.copy(in, copy);
                }
                copy.toFile().deleteOnExit();
            }
            return copy;
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("fixture " + name + " cannot be read", e);
        }
    }

    /** A PEM text with one block. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                + "-----\n";
    }
}
