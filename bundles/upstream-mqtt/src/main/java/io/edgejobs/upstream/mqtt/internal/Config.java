package io.edgejobs.upstream.mqtt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = UpstreamComponent.PID, name = "Edgejobs upstream (AWS IoT Core)",
        description = "The gateway's MQTT connection to AWS IoT Core (or the local emulator): TLS with an X.509 "
                + "client certificate, Jobs requests of every downstream thing forwarded with the gateway's own "
                + "clientTokens, subscriptions and publish rate within the AWS per-connection limits, reconnects "
                + "with jittered exponential backoff. See docs/aws-iot-core.md.")
@interface Config {

    @AttributeDefinition(name = "Enabled",
            description = "Connect to the cloud. When false the service is still registered, in state "
                    + "DISCONNECTED, and every request fails fast as unavailable (the gateway serves devices "
                    + "offline).")
    boolean enabled() default true;

    @AttributeDefinition(name = "Endpoint",
            description = "The AWS IoT Core device data endpoint, e.g. abcdefghij1234-ats.iot.eu-west-1.amazonaws.com "
                    + "(aws iot describe-endpoint --endpoint-type iot:Data-ATS), or a URI ssl://host:port. "
                    + "tcp://host:port is plain TCP without encryption or authentication, for the local emulator "
                    + "and tests only.")
    String endpoint() default "";

    @AttributeDefinition(name = "Port", min = "1", max = "65535",
            description = "TCP port when the endpoint names none: 8883 (MQTT over TLS) or 443 (MQTT over TLS "
                    + "with the ALPN protocol x-amzn-mqtt-ca, for networks that only let HTTPS out).")
    int port() default 8883;

    @AttributeDefinition(name = "TLS",
            description = "Use TLS 1.2+ with hostname verification and the client certificate. false means "
                    + "plain TCP (emulator and tests only; logged as a warning).")
    boolean tls() default true;

    @AttributeDefinition(name = "Client id",
            description = "The MQTT client id, 1..128 characters. Must be unique in the AWS account (a second "
                    + "connection with the same id disconnects the first) and allowed by the IoT policy "
                    + "(iot:Connect on client/<id>).")
    String clientId() default "";

    @AttributeDefinition(name = "Client certificate file",
            description = "PEM file with the gateway's X.509 certificate (the chain may follow it), as issued "
                    + "by AWS IoT (xxx-certificate.pem.crt).")
    String certificatePath() default "";

    @AttributeDefinition(name = "Private key file",
            description = "PEM file with the certificate's private key: PKCS#1 RSA (\"BEGIN RSA PRIVATE KEY\", "
                    + "as AWS issues it), SEC1 EC (\"BEGIN EC PRIVATE KEY\"), PKCS#8 (\"BEGIN PRIVATE KEY\"), "
                    + "encrypted PKCS#8 or an OpenSSL-encrypted PKCS#1/SEC1 key (needs the password below).")
    String privateKeyPath() default "";

    @AttributeDefinition(name = "Private key password", type = AttributeType.PASSWORD,
            description = "Only for an encrypted private key file; leave empty otherwise. Never logged.")
    String privateKeyPassword() default "";

    @AttributeDefinition(name = "CA certificates file",
            description = "PEM file with the CA certificate(s) trusted for the endpoint, normally Amazon Root "
                    + "CA 1 (AmazonRootCA1.pem). Empty: the Java runtime's default trust store.")
    String caPath() default "";

    @AttributeDefinition(name = "ALPN protocol",
            description = "TLS application protocol to offer. Empty (default): x-amzn-mqtt-ca when the port is "
                    + "443, none otherwise. \"none\" offers none.")
    String alpnProtocol() default "";

    @AttributeDefinition(name = "Keep-alive (s)", min = "30", max = "1200",
            description = "MQTT keep-alive interval; AWS IoT Core accepts 30..1200 seconds.")
    int keepAliveSeconds() default 60;

    @AttributeDefinition(name = "Connect timeout (s)", min = "1", max = "300",
            description = "How long one connection attempt (TCP, TLS handshake, CONNACK) may take.")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Request timeout (ms)", min = "100", max = "300000",
            description = "Bound on one forwarded request, from the call to the cloud's answer, including any "
                    + "wait for a publish slot. A request that was not sent within it fails as unavailable; a "
                    + "request that was sent and got no answer fails as timed out (outcome unknown).")
    int requestTimeoutMillis() default 10000;

    @AttributeDefinition(name = "Wildcard subscriptions",
            description = "true (default): subscribe with six wildcard filters ($aws/things/+/jobs/...) that "
                    + "cover every thing; the IoT policy must allow iot:Subscribe on those topic filters. "
                    + "false: one filter per thing ($aws/things/<thing>/jobs/#) for the watched things and the "
                    + "things that send requests, at most 'Maximum subscriptions' of them on this connection.")
    boolean wildcardSubscriptions() default true;

    @AttributeDefinition(name = "Maximum subscriptions", min = "1", max = "50",
            description = "Subscriptions this connection may hold (AWS IoT Core: 50 per connection). Only "
                    + "limits the per-thing mode; things beyond it are named in a warning and their requests "
                    + "fail as unavailable.")
    int maxSubscriptionsPerConnection() default 50;

    @AttributeDefinition(name = "Publish rate (per second)", min = "1", max = "100",
            description = "Sustained rate of the token bucket that paces this connection's MQTT traffic. AWS IoT "
                    + "Core allows 100 publishes per second per connection, inbound and outbound; each request "
                    + "takes two units (the request and its answer), each notification one. Rate plus burst "
                    + "must not exceed 100.")
    int publishRatePerSecond() default 80;

    @AttributeDefinition(name = "Publish burst", min = "1", max = "100",
            description = "Bucket capacity: how many units may be spent at once after a quiet period. In any "
                    + "one-second window at most rate + burst units are spent.")
    int publishBurst() default 10;

    @AttributeDefinition(name = "Reconnect initial delay (ms)", min = "10",
            description = "Upper bound of the first reconnect delay; each failed attempt doubles it (full "
                    + "jitter: the actual delay is random between 0 and the bound).")
    int reconnectInitialDelayMillis() default 1000;

    @AttributeDefinition(name = "Reconnect maximum delay (ms)", min = "10",
            description = "The reconnect delay bound stops doubling here.")
    int reconnectMaxDelayMillis() default 120000;

    @AttributeDefinition(name = "Stable connection (s)", min = "1",
            description = "A connection that lasted at least this long resets the reconnect delay to its "
                    + "initial value when it drops.")
    int stableConnectionSeconds() default 60;
}
