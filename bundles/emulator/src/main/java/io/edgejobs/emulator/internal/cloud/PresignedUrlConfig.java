package io.edgejobs.emulator.internal.cloud;

/**
 * CreateJob's {@code presignedUrlConfig}: how the placeholders of a job document are signed when a device gets it.
 *
 * @param roleArn the IAM role AWS would sign with (the emulator only shows it back), or null when the request had
 *        none (refused by CreateJob)
 * @param expiresInSec how long each presigned URL is valid, from the moment the document is handed out; null when
 *        the request left it out ({@link #DEFAULT_EXPIRES_IN_SEC} applies)
 */
public record PresignedUrlConfig(String roleArn, Long expiresInSec) {

    /** AWS's default validity of a presigned URL. */
    public static final long DEFAULT_EXPIRES_IN_SEC = 3600;
    /** The shortest validity AWS accepts. */
    public static final long MIN_EXPIRES_IN_SEC = 60;
    /** The longest validity AWS accepts. */
    public static final long MAX_EXPIRES_IN_SEC = 3600;

    /** The validity the URLs get. */
    public long effectiveExpiresInSec() {
        return expiresInSec == null ? DEFAULT_EXPIRES_IN_SEC : expiresInSec;
    }
}
