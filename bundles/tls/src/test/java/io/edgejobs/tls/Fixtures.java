package io.edgejobs.tls;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The TLS test material under src/test/resources/tls (see generate.sh there). */
final class Fixtures {
    /** The password of the encrypted key fixtures. */
    static final String KEY_PASSWORD = "Fixture-S3cret-Pw";

    private Fixtures() {
    }

    static Path tls(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
