package io.edgejobs.engine.internal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ThingLanesTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final ThingLanes lanes = new ThingLanes(pool);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void aThingsTasksStartOnlyWhenThePreviousStageCompleted() throws Exception {
        // given a first task whose stage stays open
        CompletableFuture<String> open = new CompletableFuture<>();
        List<String> started = new CopyOnWriteArrayList<>();
        CompletableFuture<String> first = lanes.submit("a", () -> {
            started.add("first");
            return open;
        });
        CompletableFuture<String> second = lanes.submit("a", () -> {
            started.add("second");
            return CompletableFuture.completedFuture("2");
        });

        // when another thing submits, it runs while "a" waits
        assertEquals("b", lanes.submit("b", () -> CompletableFuture.completedFuture("b")).get(5, TimeUnit.SECONDS));
        // the first task starts on a pool thread, possibly after "b" finished: wait for it, not for a fixed time
        await().atMost(Duration.ofSeconds(5)).until(() -> started.contains("first"));
        assertEquals(List.of("first"), started);
        assertFalse(second.isDone());

        // then completing the first lets the second start
        open.complete("1");
        assertEquals("1", first.get(5, TimeUnit.SECONDS));
        assertEquals("2", second.get(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), started);
    }

    @Test
    void aFailingTaskFailsItsOwnStageAndFreesTheLane() throws Exception {
        // when
        CompletableFuture<String> failing = lanes.submit("a", () -> {
            throw new IllegalStateException("boom");
        });
        CompletableFuture<String> next = lanes.submit("a", () -> CompletableFuture.completedFuture("ok"));

        // then
        ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(5, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("ok", next.get(5, TimeUnit.SECONDS));
    }

    @Test
    void manyTasksOfOneThingRunInSubmissionOrderAndIdleLanesAreForgotten() throws Exception {
        // given
        List<Integer> order = new CopyOnWriteArrayList<>();
        CompletableFuture<?>[] all = new CompletableFuture<?>[200];

        // when tasks that complete on other threads are queued
        for (int i = 0; i < all.length; i++) {
            int n = i;
            all[i] = lanes.submit("a", () -> CompletableFuture.supplyAsync(() -> order.add(n), pool));
        }
        CompletableFuture.allOf(all).get(10, TimeUnit.SECONDS);

        // then
        for (int i = 0; i < all.length; i++) {
            assertEquals(i, order.get(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> lanes.busyLanes() == 0);
        assertTrue(order.size() == all.length);
    }
}
