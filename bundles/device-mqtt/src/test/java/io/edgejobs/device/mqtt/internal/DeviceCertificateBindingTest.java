package io.edgejobs.device.mqtt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgejobs.broker.internal.TestPki;
import org.junit.jupiter.api.Test;

/** The thing named by the client id must be the one the client certificate was issued to (its CN). */
class DeviceCertificateBindingTest {

    private static final TestPki PKI = TestPki.get();
    private final DeviceAuthorization authorization = new DeviceAuthorization(true);

    @Test
    void givenTheThingsOwnCertificate_thenItMayConnect() {
        assertEquals("pump-9", DeviceAuthorization.commonName(PKI.device("pump-9").certificate()));
        assertTrue(authorization.mayConnect("pump-9", "?SDK=Java&Version=1.30.1", PKI.device("pump-9").certificate()));
    }

    @Test
    void givenTheCertificateOfAnotherThing_thenItMayNot() {
        assertFalse(authorization.mayConnect("pump-9", null, PKI.device("pump-10").certificate()));
        assertFalse(authorization.mayConnect("pump-9", null, PKI.server().certificate()), "CN=localhost");
    }

    @Test
    void givenNoCertificate_thenTheClientIdRuleAlone() {
        assertTrue(authorization.mayConnect("pump-9", null, null));
        assertFalse(authorization.mayConnect("pump 9", null, PKI.device("pump-9").certificate()));
    }
}
