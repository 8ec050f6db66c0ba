package io.edgejobs.engine.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The engine's log output while open: slf4j-simple (the tests' binding) writes each line to {@code System.err} as
 * it is at that moment, so the stream is teed into a buffer (and still printed) until {@link #close()}.
 */
final class CapturedLog implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    CapturedLog() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (captured) {
                    captured.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                synchronized (captured) {
                    captured.write(b, off, len);
                }
                original.write(b, off, len);
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** The lines logged so far by {@code logger} (its full class name) at {@code level}. */
    List<String> lines(String level, Class<?> logger) {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        String marker = " " + level + " " + logger.getName() + " - ";
        return text.lines().filter(line -> line.contains(marker))
                .map(line -> line.substring(line.indexOf(marker) + marker.length())).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
