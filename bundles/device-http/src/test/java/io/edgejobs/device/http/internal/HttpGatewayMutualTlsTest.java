package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iotjobsdataplane.IotJobsDataPlaneClient;
import software.amazon.awssdk.services.iotjobsdataplane.model.IotJobsDataPlaneException;
import software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionSummary;

/**
 * HTTPS with mutual TLS (server certificate with a PKCS#1 key, device CA): the SDK client presents a device
 * certificate whose CN is the thing name, and may act on that thing only.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpGatewayMutualTlsTest {

    private static final Path TLS = SdkClients.TLS;

    private HttpGatewayFixture gateway;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = HttpGatewayFixture.start(dir, o -> o.withTls(new TlsFiles(TLS.resolve("server.pem"),
                TLS.resolve("server-pkcs1.key"), TLS.resolve("device-ca.pem"))));
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void aDeviceWithItsCertificateWorksOnItsOwnThing() {
        // given a job for thing-a
        gateway.createJob("tls-job", "{\"tls\":true}", "thing-a");
        try (IotJobsDataPlaneClient client = SdkClients.mutualTls(gateway.port(), "thing-a")) {
            // when thing-a asks for its pending jobs and starts the next one over mutual TLS
            List<String> queued = client.getPendingJobExecutions(r -> r.thingName("thing-a")).queuedJobs().stream()
                    .map(JobExecutionSummary::jobId).toList();
            String started = client.startNextPendingJobExecution(r -> r.thingName("thing-a")).execution().jobId();
            // then it is served
            assertEquals(List.of("tls-job"), queued);
            assertEquals("tls-job", started);
        }
    }

    @Test
    void aDeviceWithAnEcKeyWorksToo() {
        try (IotJobsDataPlaneClient client = SdkClients.mutualTls(gateway.port(), "thing-b")) {
            assertEquals(List.of(), client.getPendingJobExecutions(r -> r.thingName("thing-b")).queuedJobs());
        }
    }

    @Test
    void aDeviceIsForbiddenAnotherThingsJobs() {
        // given thing-a's certificate
        try (IotJobsDataPlaneClient client = SdkClients.mutualTls(gateway.port(), "thing-a")) {
            // when it asks for thing-b's jobs
            IotJobsDataPlaneException e = assertThrows(IotJobsDataPlaneException.class,
                    () -> client.getPendingJobExecutions(r -> r.thingName("thing-b")));
            // then it is 403 ForbiddenException
            assertEquals(403, e.statusCode());
            assertEquals("ForbiddenException", e.awsErrorDetails().errorCode());
            // and an update of thing-b's job is refused the same way, before its body is read
            IotJobsDataPlaneException update = assertThrows(IotJobsDataPlaneException.class,
                    () -> client.updateJobExecution(r -> r.thingName("thing-b").jobId("tls-job").status(
                            software.amazon.awssdk.services.iotjobsdataplane.model.JobExecutionStatus.SUCCEEDED)));
            assertEquals(403, update.statusCode());
        }
    }

    @Test
    void aClientWithoutCertificateIsRefusedInTheHandshake() {
        try (IotJobsDataPlaneClient client = SdkClients.https(gateway.port())) {
            assertThrows(SdkClientException.class, () -> client.getPendingJobExecutions(r -> r.thingName("thing-a")));
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRefusedInTheHandshake() {
        try (IotJobsDataPlaneClient client = SdkClients.mutualTls(gateway.port(), "rogue-thing-a")) {
            assertThrows(SdkClientException.class, () -> client.getPendingJobExecutions(r -> r.thingName("thing-a")));
        }
    }
}
