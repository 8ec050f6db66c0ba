package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.iotjobsdataplane.IotJobsDataPlaneClient;

/** HTTPS without a device CA (server authentication only, PKCS#8 key): any client, any thing. */
class HttpGatewayServerTlsTest {

    @TempDir
    Path dir;

    @Test
    void aClientWithoutCertificateIsServedOverHttps() throws Exception {
        Path tls = SdkClients.TLS;
        try (HttpGatewayFixture gateway = HttpGatewayFixture.start(dir, o -> o.withTls(new TlsFiles(
                tls.resolve("server.pem"), tls.resolve("server-pkcs8.key"), null)));
                IotJobsDataPlaneClient client = SdkClients.https(gateway.port())) {
            gateway.createJob("https-job", "{}", "any-thing");
            assertEquals(List.of("https-job"), client.getPendingJobExecutions(r -> r.thingName("any-thing"))
                    .queuedJobs().stream().map(s -> s.jobId()).toList());
        }
    }
}
