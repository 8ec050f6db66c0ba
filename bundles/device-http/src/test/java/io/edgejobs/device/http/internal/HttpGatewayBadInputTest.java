package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What no SDK sends, with the JDK's HTTP client and a bare socket against the gateway (plain HTTP): every bad input
 * gets the AWS-shaped error, and the listener keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpGatewayBadInputTest {

    private HttpGatewayFixture gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        gateway = HttpGatewayFixture.start(dir);
    }

    @AfterAll
    void stop() throws Exception {
        gateway.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return sendBody(method, path, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    }

    private HttpResponse<String> sendBody(String method, String path, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, body).header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .build();
        return http.send(request, BodyHandlers.ofString());
    }

    private static void assertAwsError(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(type, response.headers().firstValue("x-amzn-ErrorType").orElse(null), response.body());
        assertTrue(response.body().startsWith("{\"message\":"), response.body());
        assertNotNull(response.headers().firstValue("x-amzn-RequestId").orElse(null));
    }

    @Test
    void malformedJsonIsAnInvalidRequest() throws Exception {
        // when a device posts a body that is not JSON
        HttpResponse<String> response = send("POST", "/things/bad-1/jobs/job-1", "{\"status\": IN_PROGRESS");
        // then it is 400 InvalidRequestException (InvalidJson's HTTPS shape)
        assertAwsError(response, 400, "InvalidRequestException");
    }

    @Test
    void aWrongFieldTypeIsAnInvalidRequest() throws Exception {
        HttpResponse<String> response = send("POST", "/things/bad-1/jobs/job-1",
                "{\"status\":\"IN_PROGRESS\",\"expectedVersion\":\"two\"}");
        assertAwsError(response, 400, "InvalidRequestException");
        assertTrue(response.body().contains("expectedVersion"), response.body());
    }

    @Test
    void aBadQueryParameterIsAnInvalidRequest() throws Exception {
        HttpResponse<String> response = send("GET", "/things/bad-1/jobs/job-1?executionNumber=first", (String) null);
        assertAwsError(response, 400, "InvalidRequestException");
    }

    @Test
    void anInvalidThingNameIsAnInvalidRequest() throws Exception {
        HttpResponse<String> response = send("GET", "/things/bad%20thing!/jobs", (String) null);
        assertAwsError(response, 400, "InvalidRequestException");
    }

    @Test
    void anUnknownRouteIsUnknownOperation() throws Exception {
        assertAwsError(send("GET", "/things/bad-1/shadow", (String) null), 404, "UnknownOperationException");
        assertAwsError(send("GET", "/", (String) null), 404, "UnknownOperationException");
    }

    @Test
    void aWrongMethodOnAKnownPathIsUnknownOperation() throws Exception {
        // DELETE and PUT on a job id name no operation (decisions-wire.md: the same answer as an unknown path)
        assertAwsError(send("DELETE", "/things/bad-1/jobs/job-1", (String) null), 404, "UnknownOperationException");
        assertAwsError(send("PUT", "/things/bad-1/jobs/job-1", "{}"), 404, "UnknownOperationException");
        assertAwsError(send("POST", "/things/bad-1/jobs", "{}"), 404, "UnknownOperationException");
    }

    @Test
    void anOversizedBodyIsRefusedFromItsContentLength() throws Exception {
        // when a device posts more than the 64 KiB bound
        String big = "{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"k\":\"" + "x".repeat(70_000) + "\"}}";
        HttpResponse<String> response = send("POST", "/things/bad-1/jobs/job-1", big);
        // then it is 413 RequestEntityTooLargeException
        assertAwsError(response, 413, "RequestEntityTooLargeException");
    }

    @Test
    void aHugeDeclaredBodyIsRefusedBeforeItIsSent() throws Exception {
        // given a client that announces 100 MB and sends nothing yet
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /things/bad-1/jobs/job-1 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            // then the 413 arrives at once (the connection closes once the JDK server gives up draining)
            String answer = readUntil(socket.getInputStream(), "}");
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("RequestEntityTooLargeException"), answer);
            assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), answer);
        }
    }

    @Test
    void anOversizedChunkedBodyIsRefusedAfterTheBound() throws Exception {
        // given a body without Content-Length (chunked), larger than the bound
        byte[] big = ("{\"status\":\"IN_PROGRESS\",\"statusDetails\":{\"k\":\"" + "x".repeat(70_000) + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = sendBody("POST", "/things/bad-1/jobs/job-1",
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)));
        // then it is 413 too
        assertAwsError(response, 413, "RequestEntityTooLargeException");
    }

    @Test
    void aVersionMismatchCarriesTheExecutionState() throws Exception {
        // given a started job (version 2)
        gateway.createJob("job-x", "{}", "bad-2");
        assertEquals(200, send("PUT", "/things/bad-2/jobs/%24next", "{}").statusCode());
        // when the device updates with a stale version
        HttpResponse<String> response = send("POST", "/things/bad-2/jobs/job-x",
                "{\"status\":\"SUCCEEDED\",\"expectedVersion\":1}");
        // then the 409 body names the current state, as the ErrorResponse documentation says
        assertAwsError(response, 409, "InvalidStateTransitionException");
        assertTrue(response.body().contains("\"executionState\":{\"status\":\"IN_PROGRESS\""), response.body());
        assertTrue(response.body().contains("\"versionNumber\":2"), response.body());
    }

    @Test
    void dollarNextIsAcceptedLiteralAndPercentEncoded() throws Exception {
        gateway.createJob("job-n", "{}", "bad-3");
        HttpResponse<String> literal = send("GET", "/things/bad-3/jobs/$next", (String) null);
        HttpResponse<String> encoded = send("GET", "/things/bad-3/jobs/%24next", (String) null);
        assertEquals(200, literal.statusCode(), literal.body());
        assertEquals(literal.body(), encoded.body());
        assertTrue(literal.body().contains("\"jobId\":\"job-n\""), literal.body());
        assertEquals("application/json", literal.headers().firstValue("Content-Type").orElse(null));
    }

    @Test
    void theListenerSurvivesGarbageAndKeepsServing() throws Exception {
        // given a client that sends bytes that are not HTTP, and one that hangs up mid-body
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write("\u0016\u0003\u0001 not http at all\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            in.readAllBytes(); // the server answers 400 or closes
        } catch (IOException e) {
            // a reset is an acceptable way to refuse garbage
        }
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.getOutputStream().write(("POST /things/bad-4/jobs/job-1 HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"status\"").getBytes(StandardCharsets.ISO_8859_1));
        }
        // when a well-formed request follows
        HttpResponse<String> response = send("GET", "/things/bad-4/jobs", (String) null);
        // then it is answered
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"inProgressJobs\":[],\"queuedJobs\":[]}", response.body());
    }

    @Test
    void aSigV4AuthorizationHeaderIsIgnored() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/things/bad-5/jobs")).header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/"
                + "us-east-1/iotjobsdata/aws4_request, SignedHeaders=host;x-amz-date, Signature=00").GET().build();
        assertEquals(200, http.send(request, BodyHandlers.ofString()).statusCode());
    }

    /** What the socket sends until {@code end} has arrived (the answer's JSON body ends with it). */
    private static String readUntil(InputStream in, String end) throws IOException {
        StringBuilder text = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            text.append((char) c);
            if (text.indexOf("\r\n\r\n") > 0 && text.toString().endsWith(end)) {
                break;
            }
        }
        return text.toString();
    }
}
