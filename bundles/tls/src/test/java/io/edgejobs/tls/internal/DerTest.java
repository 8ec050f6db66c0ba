package io.edgejobs.tls.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DerTest {

    @Test
    void theLengthUsesTheLongFormAbove127Bytes() {
        assertArrayEquals(new byte[] {0x04, 0x02, 1, 2}, Der.encode(0x04, new byte[] {1, 2}));
        byte[] long300 = Der.encode(0x30, new byte[300]);
        assertArrayEquals(new byte[] {0x30, (byte) 0x82, 0x01, 0x2c}, Arrays.copyOf(long300, 4));
        assertEquals(304, long300.length);
    }

    @Test
    void whatIsEncodedReadsBack() {
        byte[] inner = Der.encode(Der.OCTET_STRING, new byte[200]);
        Der.Reader reader = Der.sequence(Der.encode(Der.SEQUENCE, Der.encode(Der.INTEGER, new byte[] {0}), inner));

        assertEquals(Der.INTEGER, reader.next().tag());
        assertArrayEquals(inner, reader.next(Der.OCTET_STRING).encoded());
    }

    @Test
    void truncatedOrTrailingBytesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Der.sequence(new byte[] {0x30, 0x05, 0x02}));
        assertThrows(IllegalArgumentException.class, () -> Der.sequence(new byte[] {0x30, 0x00, 0x00}));
    }
}
