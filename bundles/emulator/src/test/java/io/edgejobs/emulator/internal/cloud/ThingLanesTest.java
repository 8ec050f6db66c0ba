package io.edgejobs.emulator.internal.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThingLanesTest {

    private final ThingLanes lanes = new ThingLanes("test", 4);

    @AfterEach
    void close() {
        lanes.close();
    }

    @Test
    void oneThingsWorkRunsInSubmissionOrderOneAtATime() throws Exception {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            futures.add(lanes.submit("thing-a", () -> {
                seen.add(n);
                return n;
            }));
        }
        for (CompletableFuture<Integer> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(i);
        }
        assertEquals(expected, seen);
    }

    @Test
    void anotherThingIsNotHeldUpByABusyOne() throws Exception {
        CountDownLatch otherRan = new CountDownLatch(1);
        CompletableFuture<Boolean> blocked = lanes.submit("thing-a", () -> {
            try {
                return otherRan.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });

        lanes.submit("thing-b", () -> {
            otherRan.countDown();
            return null;
        }).get(10, TimeUnit.SECONDS);

        assertTrue(blocked.get(10, TimeUnit.SECONDS), "thing-b ran while thing-a's task was still running");
    }

    @Test
    void aFailureReachesItsCallerAndTheLaneGoesOn() throws Exception {
        CompletableFuture<Object> failing = lanes.submit("thing-a", () -> {
            throw new IllegalStateException("boom");
        });
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
        assertEquals("boom", e.getCause().getMessage());
        assertEquals("next", lanes.submit("thing-a", () -> "next").get(10, TimeUnit.SECONDS));
    }
}
