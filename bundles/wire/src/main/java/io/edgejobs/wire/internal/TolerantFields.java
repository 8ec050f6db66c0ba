package io.edgejobs.wire.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgejobs.api.jobs.ErrorCode;
import io.edgejobs.wire.WireFormatException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Typed reads of fields in messages from AWS IoT Core, accepting what a strict reader would not: numbers written
 * as strings or with a fraction, timestamps in seconds or milliseconds, statusDetails values that are not
 * strings. A value that cannot be read at all is still an error: guessing would corrupt the cache.
 */
public final class TolerantFields {
    /**
     * Above this an epoch value is taken as milliseconds: 10^11 seconds is the year 5138, 10^11 milliseconds is
     * 1973-03-03, so neither unit of any plausible job time is misread.
     */
    public static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private static final int MAX_INTEGER_DIGITS = 30;
    private static final BigDecimal THRESHOLD = BigDecimal.valueOf(MILLIS_THRESHOLD);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
    private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

    private final JsonNode object;
    private final String clientToken;

    public TolerantFields(JsonNode object, String clientToken) {
        this.object = object;
        this.clientToken = clientToken;
    }

    public JsonNode node() {
        return object;
    }

    /** Fields of another object of the same message (errors keep this message's clientToken). */
    public TolerantFields child(JsonNode node) {
        return new TolerantFields(node, clientToken);
    }

    /** A nested object of this one, or null when absent or null. */
    public TolerantFields object(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(field + " must be an object");
        }
        return child(value);
    }

    /** A string field; scalars of other types are read as their text; null when absent. */
    public String text(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    /** A required string field. */
    public String requiredText(String field) {
        String value = text(field);
        if (value == null) {
            throw invalid(field + " is missing");
        }
        return value;
    }

    /** An integer field, also from a fraction (truncated) or a numeric string; null when absent. */
    public Long optionalLong(String field) {
        BigDecimal value = decimal(field);
        if (value == null) {
            return null;
        }
        try {
            return value.setScale(0, RoundingMode.DOWN).longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(field + " is out of range");
        }
    }

    /** An integer field, or the fallback when absent. */
    public long longOr(String field, long fallback) {
        Long value = optionalLong(field);
        return value == null ? fallback : value;
    }

    /**
     * A timestamp, in seconds as documented or in milliseconds as one AWS example shows (values above
     * {@link #MILLIS_THRESHOLD}); fractions of a second are kept. Null when absent.
     */
    public Instant instant(String field) {
        BigDecimal value = decimal(field);
        if (value == null) {
            return null;
        }
        BigDecimal seconds = value.abs().compareTo(THRESHOLD) > 0 ? value.divide(THOUSAND) : value;
        try {
            BigInteger whole = seconds.setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            long nanos = seconds.subtract(new BigDecimal(whole)).multiply(BILLION)
                    .setScale(0, RoundingMode.DOWN).longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | DateTimeException e) {
            throw invalid(field + " is not a representable time");
        }
    }

    /** A statusDetails-like map; non-string scalar values become their text, nested values their JSON. */
    public Map<String, String> details(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(field + " must be an object");
        }
        Map<String, String> details = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            JsonNode v = entry.getValue();
            if (v.isNull()) {
                continue;
            }
            details.put(entry.getKey(), v.isValueNode() ? v.asText() : DocumentText.compact(v));
        }
        return details;
    }

    /** A job document: an embedded value (MQTT) or a string (HTTPS); null when absent. */
    public String document(String field) {
        return DocumentText.read(object.get(field));
    }

    public WireFormatException invalid(String message) {
        return new WireFormatException(ErrorCode.InvalidRequest, message, clientToken);
    }

    private BigDecimal decimal(String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        BigDecimal number;
        if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual()) {
            try {
                number = new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                throw invalid(field + " must be a number, not \"" + value.textValue() + "\"");
            }
        } else {
            throw invalid(field + " must be a number");
        }
        // A huge exponent ("1e999999999") would make the rounding below allocate without bound.
        if (number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            throw invalid(field + " is out of range");
        }
        return number;
    }
}
