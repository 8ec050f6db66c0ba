package io.edgejobs.store.sqlite.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatusDetailsJsonTest {

    @Test
    void anyTextRoundTripsInInsertionOrder() {
        // given
        Map<String, String> details = new LinkedHashMap<>();
        details.put("z", "quotes \" backslash \\ slash / tab \t newline \n");
        details.put("a", "emoji \uD83D\uDE80 accents éàü cjk 漢字 nul \u0000 bidi \u202E");
        details.put("empty", "");
        details.put("nullValue", null);

        // when
        Map<String, String> read = StatusDetailsJson.read(StatusDetailsJson.write(details));

        // then
        assertEquals(details, read);
        assertEquals(List.of("z", "a", "empty", "nullValue"), List.copyOf(read.keySet()));
    }

    @Test
    void anEmptyMapIsAnEmptyObject() {
        assertEquals("{}", StatusDetailsJson.write(Map.of()));
        assertEquals(Map.of(), StatusDetailsJson.read("{}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "[]", "{\"a\":1}", "{\"a\":{}}", "{\"a\":\"b\"} trailing", "{\"a\":", "null"})
    void anythingButAnObjectOfStringsIsACorruptRow(String stored) {
        assertThrows(StoreException.class, () -> StatusDetailsJson.read(stored));
    }
}
