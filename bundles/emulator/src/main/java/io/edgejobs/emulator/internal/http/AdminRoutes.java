package io.edgejobs.emulator.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edgejobs.api.dataplane.JobsOperation;
import io.edgejobs.emulator.internal.cloud.ControlPlaneException;
import io.edgejobs.emulator.internal.mqtt.ThrottleLimits;
import java.time.Duration;
import java.util.Locale;

/**
 * Emulator-only endpoints under {@code /_emulator/} (never part of AWS): the clock, fault injection, throttling
 * limits and a status summary. Parameters are query parameters; every answer is JSON. See docs/emulator.md.
 */
final class AdminRoutes {

    static final String PREFIX = "/_emulator";

    private final AdminActions admin;

    AdminRoutes(AdminActions admin) {
        this.admin = admin;
    }

    void register(HttpRouter router) {
        router.add("GET", PREFIX + "/status", "EmulatorStatus", call -> ok(status()))
                .add("GET", PREFIX + "/clock", "EmulatorClock", call -> ok(clock()))
                .add("POST", PREFIX + "/clock/advance", "EmulatorClockAdvance", this::advance)
                .add("POST", PREFIX + "/clock/scale", "EmulatorClockScale", this::scale)
                .add("POST", PREFIX + "/faults/drop-connections", "EmulatorDropConnections", this::drop)
                .add("POST", PREFIX + "/faults/refuse-connections", "EmulatorRefuseConnections", this::refuse)
                .add("POST", PREFIX + "/faults/outage", "EmulatorOutage", this::outage)
                .add("POST", PREFIX + "/faults/delay-responses", "EmulatorDelayResponses", this::delay)
                .add("POST", PREFIX + "/faults/lose-responses", "EmulatorLoseResponses", this::lose)
                .add("POST", PREFIX + "/faults/clear", "EmulatorClearFaults", this::clear)
                .add("GET", PREFIX + "/faults", "EmulatorFaults", call -> ok(faults()))
                .add("POST", PREFIX + "/throttling", "EmulatorThrottling", this::throttling)
                .add("GET", PREFIX + "/throttling", "EmulatorThrottlingLimits", call -> ok(limits()));
    }

    private HttpReply advance(HttpCall call) {
        admin.advanceClock(duration(call, true));
        return ok(clock());
    }

    private HttpReply scale(HttpCall call) {
        double factor = call.queryDouble("factor", Double.NaN);
        try {
            admin.clock().setScale(factor);
        } catch (IllegalArgumentException e) {
            throw ControlPlaneException.invalidRequest("factor: " + e.getMessage());
        }
        return ok(clock());
    }

    private HttpReply drop(HttpCall call) {
        ObjectNode n = ControlPlaneJson.object();
        n.put("dropped", admin.dropAllConnections());
        return ok(n);
    }

    private HttpReply refuse(HttpCall call) {
        admin.faults().refuseConnectionsFor(duration(call, true));
        return ok(faults());
    }

    /** Drops every connection and refuses new ones for the duration: the cloud is unreachable. */
    private HttpReply outage(HttpCall call) {
        admin.faults().refuseConnectionsFor(duration(call, true));
        ObjectNode n = faults();
        n.put("dropped", admin.dropAllConnections());
        return ok(n);
    }

    private HttpReply delay(HttpCall call) {
        admin.faults().delayResponses(duration(call, true));
        return ok(faults());
    }

    private HttpReply lose(HttpCall call) {
        Long count = call.queryLong("count");
        if (count == null || count < 0 || count > Integer.MAX_VALUE) {
            throw ControlPlaneException.invalidRequest("count: a number of responses >= 0 is required");
        }
        admin.faults().loseNextResponses(count.intValue(), operation(call.query("operation")));
        return ok(faults());
    }

    private HttpReply clear(HttpCall call) {
        admin.faults().clear();
        return ok(faults());
    }

    private HttpReply throttling(HttpCall call) {
        ThrottleLimits current = admin.throttle().limits();
        ThrottleLimits next;
        try {
            next = new ThrottleLimits(
                    intOr(call, "publishesPerSecondPerConnection", current.publishesPerSecondPerConnection()),
                    intOr(call, "accountReadsPerSecond", current.accountReadsPerSecond()),
                    intOr(call, "accountWritesPerSecond", current.accountWritesPerSecond()));
        } catch (IllegalArgumentException e) {
            throw ControlPlaneException.invalidRequest(e.getMessage());
        }
        admin.throttle().setLimits(next);
        return ok(limits());
    }

    // ---- views -------------------------------------------------------------------------------------------------

    private ObjectNode status() {
        return HttpReply.MAPPER.valueToTree(admin.status());
    }

    private ObjectNode clock() {
        ObjectNode n = ControlPlaneJson.object();
        n.put("now", admin.clock().instant().toString());
        ControlPlaneJson.time(n, "epochSeconds", admin.clock().instant());
        n.put("scale", admin.clock().scale());
        return n;
    }

    private ObjectNode faults() {
        return HttpReply.MAPPER.valueToTree(admin.faults().describe());
    }

    private ObjectNode limits() {
        ThrottleLimits l = admin.throttle().limits();
        ObjectNode n = ControlPlaneJson.object();
        n.put("publishesPerSecondPerConnection", l.publishesPerSecondPerConnection());
        n.put("accountReadsPerSecond", l.accountReadsPerSecond());
        n.put("accountWritesPerSecond", l.accountWritesPerSecond());
        return n;
    }

    // ---- parameters --------------------------------------------------------------------------------------------

    /** {@code millis}, {@code seconds}, {@code minutes}, {@code hours} (summed) or an ISO-8601 {@code duration}. */
    private static Duration duration(HttpCall call, boolean required) {
        Duration total = Duration.ZERO;
        boolean given = false;
        String iso = call.query("duration");
        if (iso != null) {
            try {
                total = total.plus(Duration.parse(iso));
            } catch (RuntimeException e) {
                throw ControlPlaneException.invalidRequest("duration must be ISO-8601 such as PT5M, got " + iso);
            }
            given = true;
        }
        String[][] units = {{"millis", "1"}, {"seconds", "1000"}, {"minutes", "60000"}, {"hours", "3600000"}};
        for (String[] unit : units) {
            double v = call.queryDouble(unit[0], Double.NaN);
            if (!Double.isNaN(v)) {
                total = total.plusMillis(Math.round(v * Long.parseLong(unit[1])));
                given = true;
            }
        }
        if (required && !given) {
            throw ControlPlaneException.invalidRequest("give a duration: millis, seconds, minutes, hours or duration");
        }
        if (total.isNegative()) {
            throw ControlPlaneException.invalidRequest("the duration must not be negative");
        }
        return total;
    }

    private static JobsOperation operation(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "get", "get-pending", "getpendingjobexecutions" -> JobsOperation.GET_PENDING_JOB_EXECUTIONS;
            case "start-next", "startnextpendingjobexecution" -> JobsOperation.START_NEXT_PENDING_JOB_EXECUTION;
            case "describe", "describejobexecution" -> JobsOperation.DESCRIBE_JOB_EXECUTION;
            case "update", "updatejobexecution" -> JobsOperation.UPDATE_JOB_EXECUTION;
            default -> throw ControlPlaneException.invalidRequest(
                    "operation must be get, start-next, describe or update, got " + name);
        };
    }

    private static int intOr(HttpCall call, String name, int fallback) {
        Integer v = call.queryInt(name);
        return v == null ? fallback : v;
    }

    private static HttpReply ok(ObjectNode n) {
        return HttpReply.ok(n);
    }
}
