package io.edgejobs.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class JobDocumentsTest {
    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"operation\":\"test\"}", " {\"a\" : [1, 2.50, null, true]}\n", "[1]", "\"s\"",
        "42", "{\"a\":1,\"a\":2}"})
    void singleJsonValueIsValid(String text) {
        assertTrue(JobDocuments.isValidJson(text));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "{", "{} {}", "{}x", "{'a':1}", "{\"a\":\"\\q\"}", "{a:1}", "{\"a\":1,}",
        "< contents of job document >"})
    void anythingElseIsNotValid(String text) {
        assertFalse(JobDocuments.isValidJson(text));
    }

    @Test
    void onlyObjectsAreObjects() {
        assertTrue(JobDocuments.isJsonObject(" {\"a\":1} "));
        assertFalse(JobDocuments.isJsonObject("[{\"a\":1}]"));
        assertFalse(JobDocuments.isJsonObject("{"));
    }

    @Test
    void compactRemovesWhitespaceButKeepsNumbersKeyOrderAndUnicode() {
        // given
        String document = "{\n  \"z\" : 1.50,\n  \"a\" : [ 1e3, 12345678901234567890123 ],\n  \"t\" : \"\u00e9\"\n}";

        // when
        String compact = JobDocuments.compact(document);

        // then
        assertEquals("{\"z\":1.50,\"a\":[1E+3,12345678901234567890123],\"t\":\"\u00e9\"}", compact);
    }

    @Test
    void compactRejectsInvalidText() {
        assertThrows(IllegalArgumentException.class, () -> JobDocuments.compact("{oops"));
    }
}
