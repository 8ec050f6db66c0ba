package io.edgejobs.tls.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Just enough ASN.1 DER to re-wrap PKCS#1 and SEC1 private keys as PKCS#8 (which is all the JDK's KeyFactory
 * reads): reading tag-length-value items and writing them.
 */
public final class Der {
    public static final int INTEGER = 0x02;
    public static final int OCTET_STRING = 0x04;
    public static final int NULL = 0x05;
    public static final int OID = 0x06;
    public static final int SEQUENCE = 0x30;
    /** Context-specific constructed [0], the SEC1 ECPrivateKey parameters. */
    public static final int CONTEXT_0 = 0xA0;

    private Der() {
    }

    /** One item: its tag, its content bytes and the whole encoding. */
    public record Item(int tag, byte[] content, byte[] encoded) {
    }

    /** Reads the items of a content one after the other. */
    public static final class Reader {
        private final byte[] bytes;
        private int position;

        public Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        public boolean hasMore() {
            return position < bytes.length;
        }

        public Item next() {
            int start = position;
            int tag = read();
            if ((tag & 0x1f) == 0x1f) {
                throw new IllegalArgumentException("DER: multi-byte tags are not supported");
            }
            int length = read();
            if (length >= 0x80) {
                int count = length & 0x7f;
                if (count == 0 || count > 4) {
                    throw new IllegalArgumentException("DER: unsupported length encoding");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | read();
                }
                if (length < 0) {
                    throw new IllegalArgumentException("DER: length out of range");
                }
            }
            if (length > bytes.length - position) {
                throw new IllegalArgumentException("DER: item longer than its container");
            }
            byte[] content = Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return new Item(tag, content, Arrays.copyOfRange(bytes, start, position));
        }

        public Item next(int expectedTag) {
            Item item = next();
            if (item.tag() != expectedTag) {
                throw new IllegalArgumentException(String.format("DER: expected tag 0x%02x, found 0x%02x",
                        expectedTag, item.tag()));
            }
            return item;
        }

        private int read() {
            if (position >= bytes.length) {
                throw new IllegalArgumentException("DER: truncated");
            }
            return bytes[position++] & 0xff;
        }
    }

    /** The content of the single top-level SEQUENCE in {@code der}. */
    public static Reader sequence(byte[] der) {
        Reader outer = new Reader(der);
        Item item = outer.next(SEQUENCE);
        if (outer.hasMore()) {
            throw new IllegalArgumentException("DER: trailing bytes after the top-level SEQUENCE");
        }
        return new Reader(item.content());
    }

    /** Encodes one item. */
    public static byte[] encode(int tag, byte[]... contentParts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : contentParts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytesNeeded = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytesNeeded);
            for (int i = bytesNeeded - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
