package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void aBodyUpToTheBoundIsRead() throws Exception {
        assertArrayEquals(new byte[1024], RequestBodies.read(new ByteArrayInputStream(new byte[1024]), 1024));
        assertArrayEquals(new byte[0], RequestBodies.read(new ByteArrayInputStream(new byte[0]), 1024));
    }

    @Test
    void aLongerBodyIsNotReadBeyondTheBoundPlusOne() throws Exception {
        CountingStream in = new CountingStream(1_000_000);
        assertNull(RequestBodies.read(in, 1024));
        assertEquals(1025, in.read);
    }

    @Test
    void theDeclaredLengthIsReadLeniently() {
        assertEquals(OptionalLong.of(70000), RequestBodies.declaredLength(" 70000 "));
        assertEquals(OptionalLong.empty(), RequestBodies.declaredLength(null));
        assertEquals(OptionalLong.empty(), RequestBodies.declaredLength("lots"));
    }

    private static final class CountingStream extends InputStream {
        private final int size;
        int read;

        CountingStream(int size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (read >= size) {
                return -1;
            }
            read++;
            return 'x';
        }
    }

    @Test
    void aRefusedBodyIsDiscardedUpToTheLimitOnly() throws Exception {
        CountingStream small = new CountingStream(5000);
        assertEquals(true, RequestBodies.discard(small, 10_000));
        assertEquals(5000, small.read);
        CountingStream endless = new CountingStream(Integer.MAX_VALUE);
        assertEquals(false, RequestBodies.discard(endless, 10_000));
        assertEquals(10_001, endless.read);
    }
}
