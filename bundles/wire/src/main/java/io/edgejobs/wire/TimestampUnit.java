package io.edgejobs.wire;

import java.time.Instant;

/**
 * The unit of epoch timestamps on a wire. MQTT always uses {@link #SECONDS} (jobs-mqtt-api.md: "The time in
 * seconds since the epoch"); for HTTPS the service model documents milliseconds while live captures reportedly
 * show seconds, so {@link HttpJobsCodec} takes the unit as an option.
 */
public enum TimestampUnit {
    /** Whole seconds since the epoch; sub-second precision is truncated. */
    SECONDS {
        @Override
        public long toEpoch(Instant instant) {
            return instant.getEpochSecond();
        }

        @Override
        public Instant fromEpoch(long value) {
            return Instant.ofEpochSecond(value);
        }
    },
    /** Milliseconds since the epoch. */
    MILLISECONDS {
        @Override
        public long toEpoch(Instant instant) {
            return instant.toEpochMilli();
        }

        @Override
        public Instant fromEpoch(long value) {
            return Instant.ofEpochMilli(value);
        }
    };

    /** The wire value of an instant in this unit. */
    public abstract long toEpoch(Instant instant);

    /** The instant a wire value in this unit stands for. */
    public abstract Instant fromEpoch(long value);
}
