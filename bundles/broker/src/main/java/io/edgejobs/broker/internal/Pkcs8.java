package io.edgejobs.broker.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Re-wraps the OpenSSL key formats as PKCS#8 PrivateKeyInfo, the only encoding the JDK's KeyFactory reads: PKCS#1
 * ({@code RSA PRIVATE KEY}, the form AWS IoT issues) and SEC1 ({@code EC PRIVATE KEY}, named curves). Just enough
 * DER for that.
 */
final class Pkcs8 {

    private static final int INTEGER = 0x02;
    private static final int OCTET_STRING = 0x04;
    private static final int OID = 0x06;
    private static final int SEQUENCE = 0x30;
    private static final int CONTEXT_0 = 0xA0;
    private static final byte[] VERSION_0 = {INTEGER, 1, 0};
    /** AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = HexFormat.of().parseHex("300d06092a864886f70d0101010500");
    /** The OID id-ecPublicKey, encoded. */
    private static final byte[] EC_PUBLIC_KEY = HexFormat.of().parseHex("06072a8648ce3d0201");

    private Pkcs8() {
    }

    static byte[] fromPkcs1(byte[] rsaPrivateKey) {
        requireSequence(rsaPrivateKey);
        return encode(SEQUENCE, VERSION_0, RSA_ALGORITHM, encode(OCTET_STRING, rsaPrivateKey));
    }

    /** @throws IllegalArgumentException when the key names no curve (explicit parameters are not supported) */
    static byte[] fromSec1(byte[] ecPrivateKey) {
        // ECPrivateKey ::= SEQUENCE { version INTEGER, privateKey OCTET STRING, [0] parameters, [1] publicKey }
        Reader key = new Reader(ecPrivateKey, 0, ecPrivateKey.length).enter(SEQUENCE);
        byte[] curve = null;
        while (key.hasMore()) {
            int tag = key.tag();
            Reader item = key.next();
            if (tag == CONTEXT_0 && item.tag() == OID) {
                curve = item.whole();
            }
        }
        if (curve == null) {
            throw new IllegalArgumentException("the EC key names no curve");
        }
        return encode(SEQUENCE, VERSION_0, encode(SEQUENCE, EC_PUBLIC_KEY, curve), encode(OCTET_STRING, ecPrivateKey));
    }

    private static void requireSequence(byte[] der) {
        Reader reader = new Reader(der, 0, der.length);
        if (reader.tag() != SEQUENCE) {
            throw new IllegalArgumentException("not a DER SEQUENCE");
        }
        reader.next();
        if (reader.hasMore()) {
            throw new IllegalArgumentException("bytes after the DER SEQUENCE");
        }
    }

    private static byte[] encode(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    /** Walks the tag-length-value items of one DER range. */
    private static final class Reader {
        private final byte[] der;
        private final int end;
        private int position;

        Reader(byte[] der, int start, int end) {
            this.der = der;
            this.position = start;
            this.end = end;
        }

        boolean hasMore() {
            return position < end;
        }

        int tag() {
            require(position < end);
            return der[position] & 0xff;
        }

        /** Skips the current item and returns a reader over its content. */
        Reader next() {
            int p = position + 1;
            require(p < end);
            int length = der[p++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                require(count >= 1 && count <= 3);
                length = 0;
                for (int i = 0; i < count; i++) {
                    require(p < end);
                    length = (length << 8) | (der[p++] & 0xff);
                }
            }
            require(length <= end - p);
            position = p + length;
            return new Reader(der, p, p + length);
        }

        /** The content of the current item, which must carry {@code tag}. */
        Reader enter(int tag) {
            if (tag() != tag) {
                throw new IllegalArgumentException(String.format("DER: expected tag 0x%02x", tag));
            }
            return next();
        }

        /** The first item of this content, with its tag and length. */
        byte[] whole() {
            Reader copy = new Reader(der, position, end);
            copy.next();
            return Arrays.copyOfRange(der, position, copy.position);
        }

        private static void require(boolean condition) {
            if (!condition) {
                throw new IllegalArgumentException("DER: truncated or malformed");
            }
        }
    }
}
