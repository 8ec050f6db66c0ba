package io.edgejobs.device.http.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceIdentityTest {

    @Test
    void theThingIsTheSubjectCommonName() {
        assertEquals(Optional.of("thing-a"), DeviceIdentity.commonName("CN=thing-a,O=Edgejobs Test"));
        assertEquals(Optional.of("press_7:a"), DeviceIdentity.commonName("CN=press_7:a"));
    }

    @Test
    void theMostSpecificCommonNameWins() {
        assertEquals(Optional.of("device"), DeviceIdentity.commonName("CN=device,OU=line,CN=plant"));
    }

    @Test
    void aSubjectWithoutCommonNameNamesNoThing() {
        assertEquals(Optional.empty(), DeviceIdentity.commonName("O=Edgejobs,C=DE"));
        assertEquals(Optional.empty(), DeviceIdentity.commonName("not a dn"));
        assertEquals(Optional.empty(), DeviceIdentity.thingName(null));
    }
}
