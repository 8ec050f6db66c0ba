package io.edgejobs.broker.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code -----BEGIN type-----} ... {@code -----END type-----} block of a PEM text.
 *
 * @param type the label, e.g. {@code CERTIFICATE} or {@code RSA PRIVATE KEY}
 * @param legacyEncrypted whether it carries OpenSSL's {@code Proc-Type: 4,ENCRYPTED} header
 * @param der the decoded body
 */
record PemBlock(String type, boolean legacyEncrypted, byte[] der) {

    private static final Pattern BLOCK =
        Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    /**
     * The blocks in file order; text between blocks (OpenSSL's "Bag Attributes", comments) is ignored.
     *
     * @throws IllegalArgumentException when a block's body is not Base64
     */
    static List<PemBlock> parse(String text) {
        List<PemBlock> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(text);
        while (block.find()) {
            StringBuilder body = new StringBuilder();
            boolean encrypted = false;
            for (String line : block.group(2).split("\\R")) {
                if (line.contains(":")) {
                    encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
                } else {
                    body.append(line.trim());
                }
            }
            try {
                blocks.add(new PemBlock(block.group(1), encrypted, Base64.getDecoder().decode(body.toString())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + block.group(1) + " block is not valid Base64", e);
            }
        }
        return blocks;
    }
}
