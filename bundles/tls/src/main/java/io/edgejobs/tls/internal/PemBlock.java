package io.edgejobs.tls.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN type-----} ... {@code -----END type-----} block of a PEM file, with its RFC 1421 headers
 * (OpenSSL's {@code Proc-Type} / {@code DEK-Info} on legacy encrypted keys).
 *
 * @param type the label, e.g. {@code RSA PRIVATE KEY}
 * @param headers the headers in file order (empty for most blocks)
 * @param der the decoded body
 */
public record PemBlock(String type, Map<String, String> headers, byte[] der) {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    public PemBlock {
        headers = Map.copyOf(headers);
    }

    /**
     * The blocks of a PEM text, in order; text outside blocks (OpenSSL's "Bag Attributes" and the like) is
     * ignored.
     *
     * @throws IllegalArgumentException when a block's body is not Base64
     */
    public static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            Map<String, String> headers = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            for (String line : m.group(2).split("\\R")) {
                int colon = line.indexOf(':');
                if (body.length() == 0 && colon > 0) {
                    headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                } else {
                    body.append(line.trim());
                }
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body.toString());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + m.group(1) + " block is not valid Base64");
            }
            blocks.add(new PemBlock(m.group(1), headers, der));
        }
        return blocks;
    }

    public boolean isEncryptedLegacy() {
        return headers.getOrDefault("Proc-Type", "").endsWith("ENCRYPTED");
    }
}
