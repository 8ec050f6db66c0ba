package io.edgejobs.device.mqtt.internal;

import io.edgejobs.api.jobs.Identifiers;
import io.edgejobs.api.topic.JobsTopics;
import io.edgejobs.tls.Certificates;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may do what on the device listener, as an AWS IoT thing policy with {@code ${iot:Connection.Thing.ThingName}}
 * would say: the client id is the thing name (a client id that is no valid thing name is refused), and a device may
 * publish to and subscribe under {@code $aws/things/{its thing}/jobs} only. The thing level of a filter must be the
 * thing's name itself, never a wildcard. User names are informational; the AWS SDKs' metrics suffix
 * ({@code ?SDK=...&Version=...}) is stripped as AWS IoT Core does, and a user name that is only such a suffix counts
 * as none.
 *
 * <p>On a mutual TLS connection the thing is bound to its certificate as AWS IoT does for a certificate attached to
 * the thing with a policy on {@code ${iot:Connection.Thing.ThingName}}: the certificate (already verified against
 * the configured device CAs) must carry exactly one subject CN, equal to the client id; otherwise the CONNECT is
 * refused (CONNACK 0x05 not authorized) with a WARN naming the certificate.
 */
final class DeviceAuthorization {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceAuthorization.class);
    private static final String JOBS = "/jobs";

    private final boolean allowAnonymous;

    DeviceAuthorization(boolean allowAnonymous) {
        this.allowAnonymous = allowAnonymous;
    }

    /** The user name without the AWS SDK metrics suffix; null when nothing else is left. */
    static String userName(String username) {
        if (username == null) {
            return null;
        }
        int query = username.indexOf('?');
        String name = query < 0 ? username : username.substring(0, query);
        return name.isEmpty() ? null : name;
    }

    boolean mayConnect(String clientId, String username) {
        return mayConnect(clientId, username, null);
    }

    /**
     * @param certificate the verified client certificate of a mutual TLS connection, or null: when present, its
     *     subject's common name (CN) must be the client id, i.e. the thing name
     */
    boolean mayConnect(String clientId, String username, X509Certificate certificate) {
        if (!Identifiers.isValidThingName(clientId)) {
            LOG.warn("refusing device connection: client id '{}' is not a thing name ({})", clientId,
                    Identifiers.THING_NAME_RULE);
            return false;
        }
        if (certificate != null && !clientId.equals(commonName(certificate))) {
            LOG.warn("thing {}: refusing connection with the client certificate {} (serial {}): with mutual TLS the "
                    + "client id must equal the certificate's CN, the thing name", clientId,
                    certificate.getSubjectX500Principal().getName(), certificate.getSerialNumber().toString(16));
            return false;
        }
        if (!allowAnonymous && userName(username) == null) {
            LOG.warn("thing {}: refusing anonymous connection (allowAnonymous is false)", clientId);
            return false;
        }
        return true;
    }

    /** The subject's single CN ({@link Certificates#commonName(X509Certificate)}); null when there is none. */
    static String commonName(X509Certificate certificate) {
        return Certificates.commonName(certificate).orElse(null);
    }

    boolean mayPublish(String clientId, String topic) {
        if (JobsTopics.isJobsTopic(topic) && isUnderOwnJobs(clientId, topic)) {
            return true;
        }
        LOG.warn("thing {}: publish to {} refused (only $aws/things/{}/jobs/... is allowed); connection closed",
                clientId, topic, clientId);
        return false;
    }

    boolean maySubscribe(String clientId, String topicFilter) {
        if (isUnderOwnJobs(clientId, topicFilter)) {
            return true;
        }
        LOG.warn("thing {}: subscription to {} refused (only filters under $aws/things/{}/jobs are allowed)",
                clientId, topicFilter, clientId);
        return false;
    }

    /** {@code $aws/things/{clientId}/jobs} itself or anything below it; the thing level is compared literally. */
    private static boolean isUnderOwnJobs(String clientId, String topicOrFilter) {
        String prefix = JobsTopics.THINGS_PREFIX + clientId + JOBS;
        return topicOrFilter != null && topicOrFilter.startsWith(prefix)
                && (topicOrFilter.length() == prefix.length() || topicOrFilter.charAt(prefix.length()) == '/');
    }
}
