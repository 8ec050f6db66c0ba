package io.edgejobs.api.jobs;

/**
 * The limits requests are validated against, AWS values by default.
 *
 * @param maxStatusDetailsPairs statusDetails pairs per request (AWS: 10)
 * @param maxStatusDetailKeyLength key length (AWS: 128)
 * @param maxStatusDetailValueLength value length in characters: 1024 by default (current API reference, botocore
 *        DetailsValue, AWS IoT Device Client {@code MAX_STATUS_DETAIL_LENGTH}); the 2020 limits table said 128
 *        ({@link #STRICT_2020})
 * @param maxJobDocumentBytes job document size in UTF-8 bytes (AWS: 32768)
 * @param maxStepTimeoutInMinutes largest {@code stepTimeoutInMinutes} (AWS: 10080, seven days; the smallest is 1)
 * @param maxClientTokenBytes clientToken size in UTF-8 bytes (Edgejobs: 64, the limit AWS documents for the
 *        shadow and MQTT file-delivery client tokens; the Jobs text states none)
 */
public record ValidationLimits(int maxStatusDetailsPairs, int maxStatusDetailKeyLength,
        int maxStatusDetailValueLength, int maxJobDocumentBytes, long maxStepTimeoutInMinutes,
        int maxClientTokenBytes) {

    /** AWS's current limits. */
    public static final ValidationLimits DEFAULTS = new ValidationLimits(10, 128, 1024, 32768, 10080, 64);

    /** The 2020 limits table: statusDetails values of at most 128 characters. */
    public static final ValidationLimits STRICT_2020 = DEFAULTS.withMaxStatusDetailValueLength(128);

    public ValidationLimits {
        positive("maxStatusDetailsPairs", maxStatusDetailsPairs);
        positive("maxStatusDetailKeyLength", maxStatusDetailKeyLength);
        positive("maxStatusDetailValueLength", maxStatusDetailValueLength);
        positive("maxJobDocumentBytes", maxJobDocumentBytes);
        positive("maxStepTimeoutInMinutes", maxStepTimeoutInMinutes);
        positive("maxClientTokenBytes", maxClientTokenBytes);
    }

    /**
     * AWS's limits with the statusDetails value length a configuration chose: 1024 (the current API reference) or
     * 128 (the 2020 limits table), the only two values AWS has documented.
     *
     * @throws IllegalArgumentException for any other length, naming the attribute
     */
    public static ValidationLimits forConfiguredValueLength(int statusDetailValueMaxLength) {
        if (statusDetailValueMaxLength != 1024 && statusDetailValueMaxLength != 128) {
            throw new IllegalArgumentException("statusDetailValueMaxLength must be 1024 or 128, was "
                    + statusDetailValueMaxLength);
        }
        return DEFAULTS.withMaxStatusDetailValueLength(statusDetailValueMaxLength);
    }

    /** The same limits with another statusDetails value length. */
    public ValidationLimits withMaxStatusDetailValueLength(int length) {
        return new ValidationLimits(maxStatusDetailsPairs, maxStatusDetailKeyLength, length, maxJobDocumentBytes,
                maxStepTimeoutInMinutes, maxClientTokenBytes);
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
