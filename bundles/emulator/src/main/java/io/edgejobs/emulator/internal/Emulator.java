package io.edgejobs.emulator.internal;

import io.edgejobs.api.jobs.RequestValidator;
import io.edgejobs.api.mqtt.MqttServerFactory;
import io.edgejobs.emulator.internal.clock.EmulatorClock;
import io.edgejobs.emulator.internal.cloud.Arns;
import io.edgejobs.emulator.internal.cloud.ControlPlane;
import io.edgejobs.emulator.internal.cloud.EmulatedDataPlane;
import io.edgejobs.emulator.internal.cloud.JobsCloud;
import io.edgejobs.emulator.internal.cloud.TimeoutSweeper;
import io.edgejobs.emulator.internal.http.AdminActions;
import io.edgejobs.emulator.internal.http.ControlPlaneHttpServer;
import io.edgejobs.emulator.internal.mqtt.FaultInjector;
import io.edgejobs.emulator.internal.mqtt.MqttFrontEnd;
import io.edgejobs.emulator.internal.mqtt.RequestThrottle;
import io.edgejobs.emulator.internal.store.CloudStore;
import io.edgejobs.emulator.internal.store.MemoryCloudStore;
import io.edgejobs.emulator.internal.store.SqliteCloudStore;
import io.edgejobs.emulator.internal.store.StoredState;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled emulator: store, clock, the emulated cloud, its MQTT data plane, its control-plane HTTP listener and
 * the timeout sweeper. The same object runs inside OSGi ({@code EmulatorComponent}) and standalone
 * ({@code EmulatorMain}), and in tests.
 */
public final class Emulator implements AdminActions, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Emulator.class);
    private static final Duration MAX_SWEEP_SLEEP = Duration.ofMillis(200);

    private final EmulatorSettings settings;
    private final CloudStore store;
    private final EmulatorClock clock;
    private final JobsCloud cloud;
    private final EmulatedDataPlane dataPlane;
    private final ControlPlane controlPlane;
    private final RequestThrottle throttle;
    private final FaultInjector faults = new FaultInjector();
    private final TimeoutSweeper sweeper;
    private MqttFrontEnd mqtt;
    private ControlPlaneHttpServer http;

    private Emulator(EmulatorSettings settings, CloudStore store, StoredState state) {
        this.settings = settings;
        this.store = store;
        Instant start = Instant.now();
        if (state.lastClock() != null && state.lastClock().isAfter(start)) {
            start = state.lastClock();
        }
        this.clock = new EmulatorClock(start, settings.clockScale());
        this.cloud = new JobsCloud(clock, store, settings.laneThreads(), settings.region());
        cloud.load(state);
        this.dataPlane = new EmulatedDataPlane(cloud, settings.dataPlane());
        this.controlPlane = new ControlPlane(cloud, new Arns(settings.region(), settings.accountId()),
                new RequestValidator(settings.dataPlane().limits()), settings.maxActiveJobs());
        this.throttle = new RequestThrottle(settings.throttle());
        this.sweeper = new TimeoutSweeper(cloud, MAX_SWEEP_SLEEP);
    }

    /**
     * Opens the store, binds both listeners and starts the timers.
     *
     * @throws IOException when a listener cannot bind
     */
    public static Emulator start(EmulatorSettings settings, MqttServerFactory mqttServers) throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mqttServers, "mqttServers");
        CloudStore store = settings.dataFile() == null ? new MemoryCloudStore()
                : new SqliteCloudStore(settings.dataFile());
        Emulator emulator;
        try {
            emulator = new Emulator(settings, store, store.load());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            emulator.mqtt = MqttFrontEnd.start(mqttServers, settings.mqttHost(), settings.mqttPort(), emulator.cloud,
                    emulator.dataPlane, new RequestValidator(settings.dataPlane().limits()), emulator.throttle,
                    emulator.faults);
            emulator.http = ControlPlaneHttpServer.start(settings.httpHost(), settings.httpPort(),
                    emulator.controlPlane, emulator.cloud, emulator, settings.httpThreads());
            emulator.sweeper.start();
        } catch (IOException | RuntimeException e) {
            emulator.close();
            throw e;
        }
        LOG.info("AWS IoT Jobs emulator up: MQTT {}:{}, control plane http://{}:{}, state {}, account {} in {}",
                settings.mqttHost(), emulator.mqttPort(), settings.httpHost(), emulator.httpPort(), store.describe(),
                settings.accountId(), settings.region());
        return emulator;
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /** The MQTT port actually bound. */
    public int mqttPort() {
        return mqtt.boundPort();
    }

    /** The control-plane HTTP port actually bound. */
    public int httpPort() {
        return http.boundPort();
    }

    /** {@code http://host:port} of the control plane. */
    public String httpEndpoint() {
        return "http://" + settings.httpHost() + ":" + httpPort();
    }

    public JobsCloud cloud() {
        return cloud;
    }

    public ControlPlane controlPlane() {
        return controlPlane;
    }

    public EmulatedDataPlane dataPlane() {
        return dataPlane;
    }

    @Override
    public EmulatorClock clock() {
        return clock;
    }

    @Override
    public FaultInjector faults() {
        return faults;
    }

    @Override
    public RequestThrottle throttle() {
        return throttle;
    }

    @Override
    public Instant advanceClock(Duration by) {
        Instant now = clock.advance(by);
        try {
            sweeper.sweepNow().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("timeouts due after advancing the clock by {} did not all complete", by, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return now;
    }

    @Override
    public int dropAllConnections() {
        return mqtt.dropAllConnections();
    }

    /** Applies what can change without a restart: throttling, clock scale, the active-jobs limit. */
    public void applyLive(EmulatorSettings next) {
        if (!next.throttle().equals(throttle.limits())) {
            throttle.setLimits(next.throttle());
        }
        if (next.clockScale() != clock.scale()) {
            clock.setScale(next.clockScale());
        }
        controlPlane.setMaxActiveJobs(next.maxActiveJobs());
    }

    @Override
    public Map<String, Object> status() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mqtt", settings.mqttHost() + ":" + mqttPort());
        m.put("http", settings.httpHost() + ":" + httpPort());
        m.put("state", store.describe());
        m.put("region", settings.region());
        m.put("accountId", settings.accountId());
        m.put("clock", clock.instant().toString());
        m.put("clockScale", clock.scale());
        m.put("jobs", cloud.jobs().size());
        m.put("things", cloud.things().size());
        m.put("executions", cloud.things().stream().mapToInt(t -> t.all().size()).sum());
        m.put("connectedClients", mqtt.connectedClientIds().stream().sorted().toList());
        m.put("faults", faults.describe());
        m.put("throttling", throttle.limits());
        return m;
    }

    @Override
    public void close() {
        closeQuietly(http, "control-plane listener");
        closeQuietly(mqtt, "MQTT listener");
        closeQuietly(sweeper, "timeout sweeper");
        closeQuietly(cloud, "cloud");
        closeQuietly(store, "store");
        LOG.info("AWS IoT Jobs emulator stopped");
    }

    private static void closeQuietly(AutoCloseable c, String what) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("closing the emulator's {} failed", what, e);
        }
    }
}
