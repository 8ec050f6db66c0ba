package io.edgejobs.wire.internal;

import io.edgejobs.wire.TimestampUnit;
import java.util.Objects;

/**
 * How one plane writes the shared data types.
 *
 * @param timestampUnit the epoch unit of timestamps
 * @param documentAsObject MQTT embeds the job document as a JSON value; HTTPS sends it as a string
 * @param writesApproximateSecondsBeforeTimedOut only the HTTPS JobExecution shape has that field
 */
public record WireStyle(TimestampUnit timestampUnit, boolean documentAsObject,
        boolean writesApproximateSecondsBeforeTimedOut) {
    /** jobs-mqtt-api.md: times in seconds, documents as objects, no approximateSecondsBeforeTimedOut. */
    public static final WireStyle MQTT = new WireStyle(TimestampUnit.SECONDS, true, false);

    public WireStyle {
        Objects.requireNonNull(timestampUnit, "timestampUnit");
    }

    /** The iot-jobs-data rest-json shapes, with the configured timestamp unit. */
    public static WireStyle https(TimestampUnit unit) {
        return new WireStyle(unit, false, true);
    }
}
